// Synthetic data for the annual-report benchmarks and `gongkai bench annual-data`: agencies, applications with
// realistic ledgers (registered → reply approved) and outcomes, 信息处理费, and 复议/诉讼 cases — generated inside the
// database (recursive CTE on SQLite, generate_series on PostgreSQL), so a million rows load in seconds. Deterministic:
// every value is a function of the row number and the seed.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';
import { OUTCOMES } from '../../core/applications/outcomes.ts';

export interface BenchDataOptions {
  /** Agencies to create (ids contiguous). */
  agencies: number;
  /** Applications in all, spread over the agencies round-robin. */
  applications: number;
  /** The report year the data centres on (received from 1 December of year−1 to 1 January of year+1). */
  year: number;
  seed: number;
  /** Name prefix of the synthetic agencies. */
  prefix?: string;
  parentId?: number | null;
  /** Spread the applications over these existing agencies (ids base … base + count − 1) instead of creating any. */
  existing?: { base: number; count: number };
}

/** GB 32100 check character, so the synthetic credit codes look real (they belong to nobody: prefix 'BX'). */
export function creditCode(seed: number, n: number): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `11370699${String(seed % 100).padStart(2, '0')}${String(n).padStart(7, '0')}`.slice(0, 17);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(body[i]!) * weights[i]!;
  return body + chars[(31 - (sum % 31)) % 31];
}

export async function generateBenchData(db: Kysely<Database>, o: BenchDataOptions): Promise<{ agencyIds: number[]; applications: number; appeals: number }> {
  const d = dialectOf(db as unknown as Kysely<unknown>);
  const at = '2026-01-01T00:00:00.000Z';
  const prefix = o.prefix ?? `基准测试机构${o.seed}-`;
  // agencies (batches of 500)
  for (let i = 0; i < (o.existing ? 0 : o.agencies); i += 500) {
    const rows = [];
    for (let k = i; k < Math.min(o.agencies, i + 500); k++) {
      rows.push({ parent_id: o.parentId ?? null, name: `${prefix}${k + 1}局`, short_name: null, credit_code: creditCode(o.seed, k), kind: 'department' as const, address: null, office_hours: null, phone: null, fax: null, email: null, website: null, postcode: null, work_body_name: null, review_body_name: null, created_at: at, updated_at: at });
    }
    await db.insertInto('agencies').values(rows).execute();
  }
  const ids = o.existing
    ? Array.from({ length: o.existing.count }, (_, i) => o.existing!.base + i)
    : (await db.selectFrom('agencies').select('id').where('name', 'like', `${prefix}%`).orderBy('id').execute()).map((r) => r.id);
  if (!o.existing && (ids.length !== o.agencies || ids[ids.length - 1]! - ids[0]! + 1 !== ids.length)) throw new Error('bench agencies are not contiguous (run on a fresh database)');
  const base = ids[0]!;
  const n = ids.length;
  const outcomes = OUTCOMES.filter((x) => x.code !== 'other');
  const k = outcomes.length;
  const vals = sql.join(outcomes.map((x, idx) => sql`(cast(${idx} as integer), cast(${x.code} as text), cast(${x.row2019} as text), cast(${x.row2021} as text))`));
  const start = `${o.year - 1}-12-01`;
  const tag = `B${o.seed}-`;
  const seq = d === 'postgres'
    ? sql`select g as i from generate_series(cast(1 as bigint), cast(${o.applications} as bigint)) as g`
    : sql`select i from n`;
  const withN = d === 'postgres' ? sql`` : sql`n(i) as (select 1 union all select i + 1 from n where i < ${o.applications}),`;
  const addDays = (date: string, expr: ReturnType<typeof sql>) => (d === 'postgres' ? sql`to_char(cast(${date} as date) + cast(${expr} as integer), 'YYYY-MM-DD')` : sql`date(${date}, '+' || (${expr}) || ' days')`);
  const addDaysCol = (col: ReturnType<typeof sql>, expr: ReturnType<typeof sql>) => (d === 'postgres' ? sql`to_char(cast(${col} as date) + cast(${expr} as integer), 'YYYY-MM-DD')` : sql`date(${col}, '+' || (${expr}) || ' days')`);
  const recv = addDays(start, sql`(s.i * 7919) % 396`);
  // 2 % open at the end of the data; the others concluded 0–59 days after receipt; half 予以公开, one in ten 部分公开.
  const concluded = sql`case when s.i % 50 = 0 then null else ${addDaysCol(recv, sql`(s.i * 104729) % 60`)} end`;
  const oidx = sql`case when s.i % 10 < 5 then 1 when s.i % 10 = 5 then 2 else (s.i * 31) % cast(${k} as integer) end`;
  const type = sql`case when (s.i * 7) % 100 < 70 then 'natural_person' when (s.i * 7) % 100 < 85 then 'commercial' when (s.i * 7) % 100 < 88 then 'research' when (s.i * 7) % 100 < 91 then 'social' when (s.i * 7) % 100 < 95 then 'legal_service' else 'other' end`;
  await sql`
    with recursive ${withN} o(k, code, r19, r21) as (values ${vals}), s as (${seq})
    insert into applications (agency_id, query_code, channel, submitted_on, received_on, applicant_type, applicant_name, phone, applicant_key, content,
      provide_form, obtain_method, fee_waiver_requested, state, outcome, outcome_row_2019, outcome_row_2021, concluded_on, created_at, updated_at, version)
    select cast(${base} as integer) + (s.i % cast(${n} as integer)), cast(${tag} as text) || s.i, 'online', ${recv}, ${recv}, ${type}, '合成申请人' || s.i, '13800000000', 'N:' || (s.i % 99991), '合成申请内容 ' || s.i,
      '电子邮件', '电子邮件', 0,
      case when s.i % 50 = 0 then 'received' else 'closed' end,
      case when s.i % 50 = 0 then null else o.code end,
      case when s.i % 50 = 0 then null else o.r19 end,
      case when s.i % 50 = 0 then null else o.r21 end,
      ${concluded}, ${at}, ${at}, 1
    from s join o on o.k = ${oidx}
  `.execute(db);
  const like = `${tag}%`;
  // ledgers: registered on receipt; reply approved on conclusion
  await sql`insert into application_events (agency_id, application_id, seq, kind, on_date, at, actor_user_id, actor_name, data_json)
    select agency_id, id, 1, 'registered', received_on, ${at}, null, '合成数据', '{"channel":"online"}' from applications where query_code like ${like}`.execute(db);
  await sql`insert into application_events (agency_id, application_id, seq, kind, on_date, at, actor_user_id, actor_name, data_json)
    select agency_id, id, 2, 'reply_approved', concluded_on, ${at}, null, '合成数据', '{}' from applications where query_code like ${like} and concluded_on is not null`.execute(db);
  // 信息处理费 for one application in 200 (paid on conclusion)
  await sql`insert into application_fees (agency_id, application_id, method, nth_in_month, pages, amount, explanation, notice_on, due_on, paid_on, created_at)
    select agency_id, id, 'per_item', 4, null, 100, '合成数据', received_on, concluded_on, concluded_on, ${at} from applications where query_code like ${like} and concluded_on is not null and id % 200 = 0`.execute(db);
  // 复议/诉讼: one concluded application in 97, filed 30 days after conclusion, decided 60 days later unless pending
  await sql`insert into appeal_cases (agency_id, application_id, kind, filed_on, body_name, case_number, result, closed_on, notes, created_at, updated_at, version)
    select agency_id, id, case id % 3 when 0 then 'review' when 1 then 'litigation_direct' else 'litigation_after_review' end,
      ${addDaysCol(sql`concluded_on`, sql`30`)}, '合成复议机关', 'BX' || id,
      case id % 4 when 0 then 'upheld' when 1 then 'corrected' when 2 then 'other' else 'pending' end,
      case when id % 4 = 3 then null else ${addDaysCol(sql`concluded_on`, sql`90`)} end, null, ${at}, ${at}, 1
    from applications where query_code like ${like} and concluded_on is not null and id % 97 = 0`.execute(db);
  const apps = await db.selectFrom('applications').select(sql<number | string>`count(*)`.as('n')).where('query_code', 'like', like).executeTakeFirst();
  const appeals = await db.selectFrom('appeal_cases').select(sql<number | string>`count(*)`.as('n')).where('case_number', 'like', 'BX%').executeTakeFirst();
  return { agencyIds: ids, applications: toNumber(apps?.n ?? 0), appeals: toNumber(appeals?.n ?? 0) };
}

/** The raw GROUP BY the compile is measured against: the same rows, the same grouping, nothing else. */
export async function rawGroupBy(db: Kysely<Database>, agencyId: number | null, year: number): Promise<number> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const where = agencyId === null ? sql`` : sql`agency_id = ${agencyId} and`;
  const r = await sql<{ n: number }>`select agency_id, applicant_type, case when received_on >= ${first} then 1 else 0 end as y,
      case when concluded_on is not null and concluded_on <= ${last} then outcome_row_2021 else null end as o, count(*) as n
    from applications where ${where} received_on is not null and received_on <= ${last} and (concluded_on is null or concluded_on >= ${first})
    group by 1, 2, 3, 4`.execute(db);
  return r.rows.length;
}

/**
 * The fair reference for one agency's compile (decision 235): the raw GROUP BY of every record table the report's
 * figures come from — 表三 applications (rawGroupBy), 表四 appeal cases, the fees, 表二's register totals and item
 * counts and the service items' status history, 第二十条第（一）项 from the catalogue's 规章/规范性文件 themselves, and
 * the 好差评 figures of 总体情况 (ratings by level, return visits, 差评 work orders, suggestions) — each a plain
 * statement, all sent at once. Returns the number of rows read back.
 */
export async function rawReference(db: Kysely<Database>, agencyId: number, year: number): Promise<number> {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const rows = await Promise.all([
    rawGroupBy(db, agencyId, year),
    sql`select kind, result, case when closed_on is null or closed_on > ${last} then 1 else 0 end as open, count(*) as n
      from appeal_cases where agency_id = ${agencyId} and filed_on >= ${first} and filed_on <= ${last} group by 1, 2, 3`.execute(db).then((r) => r.rows.length),
    sql`select sum(amount) as amount, count(*) as n from application_fees where agency_id = ${agencyId} and paid_on >= ${first} and paid_on <= ${last}`.execute(db).then((r) => r.rows.length),
    sql`select category, source, sum(count) as n, sum(amount) as amount from decision_entries where agency_id = ${agencyId} and year = ${year} group by 1, 2`.execute(db).then((r) => r.rows.length),
    sql`select category, previous_items, items_change from decision_item_counts where agency_id = ${agencyId} and year = ${year}`.execute(db).then((r) => r.rows.length),
    sql`select s.id, s.type, c.status, c.effective_on from service_item_changes c join service_items s on s.id = c.item_id
      where s.agency_id = ${agencyId} and c.status is not null and c.effective_on is not null and c.effective_on <= ${last}`.execute(db).then((r) => r.rows.length),
    sql`select kind, substr(made_on, 1, 4) as made, substr(first_published_on, 1, 4) as published, validity, substr(validity_changed_on, 1, 4) as changed,
      substr(withdrawn_on, 1, 4) as withdrawn, count(*) as n
      from catalogue_items where agency_id = ${agencyId} and kind in ('rule', 'normative') and made_on is not null group by 1, 2, 3, 4, 5, 6`.execute(db).then((r) => r.rows.length),
    sql`select level, count(*) as n from evaluations where agency_id = ${agencyId} and rated_on >= ${first} and rated_on <= ${last} group by 1`.execute(db).then((r) => r.rows.length),
    sql`select count(*) as n from evaluation_visits where agency_id = ${agencyId} and visited_on >= ${first} and visited_on <= ${last}`.execute(db).then((r) => r.rows.length),
    sql`select o.state, e.real_name, count(*) as n from evaluation_orders o join evaluations e on e.id = o.evaluation_id
      where o.agency_id = ${agencyId} and e.rated_on >= ${first} and e.rated_on <= ${last} group by 1, 2`.execute(db).then((r) => r.rows.length),
    sql`select result, count(*) as n from suggestions where agency_id = ${agencyId} and received_on >= ${first} and received_on <= ${last} group by 1`.execute(db).then((r) => r.rows.length),
  ]);
  return rows.reduce((a, b) => a + b, 0);
}
