// Read-only queries over the records that feed the annual report (applications, appeal_cases, application_fees,
// catalogue_items, the decisions register) — GROUP BY queries, one row per group, so a compile scales with the
// number of groups, not of records — and the annual_reports tables of this feature.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';
import type { ApplicantType } from '../../core/applications/applicants.ts';
import type { AppealKind, AppealResult, DecisionCategory, Table3Group, Table4Group } from '../../core/annual-report/index.ts';
import type { LayoutId } from '../../core/report/formats.ts';
import { yearCountsByAgency, type StatusRow, type YearCount } from '../../core/service-items/index.ts';
import type { KindYearCounts } from '../../core/catalogue/statistics.ts';

type Db = Kysely<Database> | Transaction<Database>;

const CHUNK = 5000;
function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}
const bounds = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

// ───── 表三: applications ─────

/** Applications grouped by agency, applicant type, received-in-year (一) or carried over (二), and outcome row when
 *  concluded in the year (三) or null (四). `agencyIds` null = every agency. */
export async function table3Groups(db: Db, agencyIds: readonly number[] | null, year: number, format: LayoutId): Promise<Map<number, Table3Group[]>> {
  const { first, last } = bounds(year);
  const outCol = format === '2021' ? 'outcome_row_2021' : 'outcome_row_2019';
  const out = new Map<number, Table3Group[]>();
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    let q = db.selectFrom('applications')
      .select([
        'agency_id',
        'applicant_type',
        sql<number>`case when received_on >= ${first} then 1 else 0 end`.as('in_year'),
        sql<string | null>`case when concluded_on is not null and concluded_on <= ${last} then ${sql.ref(outCol)} else null end`.as('out_row'),
        sql<number | string>`count(*)`.as('n'),
      ])
      .where('received_on', 'is not', null)
      .where('received_on', '<=', last)
      .where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', first)]));
    if (ids !== null) q = q.where('agency_id', 'in', ids);
    const rows = await q.groupBy([sql`1`, sql`2`, sql`3`, sql`4`]).execute();
    for (const r of rows) {
      const list = out.get(r.agency_id) ?? [];
      list.push({ applicantType: r.applicant_type as ApplicantType, receivedInYear: toNumber(r.in_year) === 1, outcomeRow: r.out_row, n: toNumber(r.n) });
      out.set(r.agency_id, list);
    }
  }
  return out;
}

/** 表四: cases filed in the year by kind and result; not closed by 31 December → pending (尚未审结). */
export async function table4Groups(db: Db, agencyIds: readonly number[] | null, year: number): Promise<Map<number, Table4Group[]>> {
  const { first, last } = bounds(year);
  const out = new Map<number, Table4Group[]>();
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    let q = db.selectFrom('appeal_cases')
      .select([
        'agency_id',
        'kind',
        sql<string>`case when result = 'pending' or closed_on is null or closed_on > ${last} then 'pending' else result end`.as('res'),
        sql<number | string>`count(*)`.as('n'),
      ])
      .where('filed_on', '>=', first)
      .where('filed_on', '<=', last);
    if (ids !== null) q = q.where('agency_id', 'in', ids);
    const rows = await q.groupBy([sql`1`, sql`2`, sql`3`]).execute();
    for (const r of rows) {
      const list = out.get(r.agency_id) ?? [];
      list.push({ kind: r.kind as AppealKind, result: r.res as AppealResult, n: toNumber(r.n) });
      out.set(r.agency_id, list);
    }
  }
  return out;
}

/** 信息处理费 paid in the year (元) and how many applications paid (条例 第四十二条). */
export async function feesCollected(db: Db, agencyIds: readonly number[] | null, year: number): Promise<Map<number, { amountYuan: number; count: number }>> {
  const { first, last } = bounds(year);
  const out = new Map<number, { amountYuan: number; count: number }>();
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    // the fee carries its case's agency (decision 205): no join, and the agency-led key finds an agency's fees
    let q = db.selectFrom('application_fees as f')
      .select(['f.agency_id', sql<number | string>`sum(f.amount)`.as('amount'), sql<number | string>`count(*)`.as('n')])
      .where('f.paid_on', '>=', first)
      .where('f.paid_on', '<=', last);
    if (ids !== null) q = q.where('f.agency_id', 'in', ids);
    for (const r of await q.groupBy('f.agency_id').execute()) out.set(r.agency_id, { amountYuan: toNumber(r.amount), count: toNumber(r.n) });
  }
  return out;
}

// ───── 表二: decisions register and catalogue ─────

export async function registerTotals(db: Db, agencyIds: readonly number[] | null, year: number) {
  const decisions = new Map<number, Partial<Record<DecisionCategory, { count: number; amount: number }>>>();
  const items = new Map<number, Partial<Record<DecisionCategory, { previous: number; change: number }>>>();
  // the register's three queries and the service items' history are independent: sent at once (one round trip's wait)
  const [parts, fromItems] = await Promise.all([
    Promise.all((agencyIds === null ? [null] : chunks(agencyIds)).filter((ids) => ids === null || ids.length > 0).map(async (ids) => {
      let q = db.selectFrom('decision_entries')
        .select(['agency_id', 'category', sql<number | string>`sum(count)`.as('n'), sql<number | string | null>`sum(amount)`.as('amount')])
        .where('year', '=', year);
      if (ids !== null) q = q.where('agency_id', 'in', ids);
      // 本年收费金额 (2021 format 表二 第二十条第（八）项): the fees collected in the 办件 of any category count beside the
      // amounts entered under 行政事业性收费 (service-items cases: 收费金额 of a 办件, in 万元)
      let qf = db.selectFrom('decision_entries')
        .select(['agency_id', sql<number | string | null>`sum(amount)`.as('amount')])
        .where('year', '=', year).where('source', '=', 'case').where('category', '!=', 'fee').where('amount', 'is not', null);
      if (ids !== null) qf = qf.where('agency_id', 'in', ids);
      let qi = db.selectFrom('decision_item_counts').select(['agency_id', 'category', 'previous_items', 'items_change']).where('year', '=', year);
      if (ids !== null) qi = qi.where('agency_id', 'in', ids);
      return Promise.all([q.groupBy(['agency_id', 'category']).execute(), qf.groupBy('agency_id').execute(), qi.execute()]);
    })),
    serviceItemYearCounts(db, agencyIds, year),
  ]);
  for (const [totals, caseFees, counts] of parts) {
    for (const r of totals) {
      const d = decisions.get(r.agency_id) ?? {};
      d[r.category as DecisionCategory] = { count: toNumber(r.n), amount: r.amount === null ? 0 : toNumber(r.amount) };
      decisions.set(r.agency_id, d);
    }
    for (const r of caseFees) {
      const d = decisions.get(r.agency_id) ?? {};
      const fee = d.fee ?? { count: 0, amount: 0 };
      d.fee = { count: fee.count, amount: fee.amount + (r.amount === null ? 0 : toNumber(r.amount)) };
      decisions.set(r.agency_id, d);
    }
    for (const r of counts) {
      const d = items.get(r.agency_id) ?? {};
      d[r.category as DecisionCategory] = { previous: r.previous_items, change: r.items_change };
      items.set(r.agency_id, d);
    }
  }
  // An agency that keeps its service items in the catalogue: 上一年项目数量 / 本年增减 come from their status history
  // (decision 085), replacing entered totals of the same category.
  for (const [agencyId, counts] of fromItems) {
    const d = items.get(agencyId) ?? {};
    for (const [c, v] of Object.entries(counts)) d[c as DecisionCategory] = { previous: v.previous, change: v.change };
    items.set(agencyId, d);
  }
  return { decisions, items };
}

/** 上一年项目数量 / 本年增减 per category of each agency's service items, from their status events (with the item ids). */
export async function serviceItemYearCounts(db: Db, agencyIds: readonly number[] | null, year: number): Promise<Map<number, Partial<Record<DecisionCategory, YearCount>>>> {
  const rows: StatusRow[] = [];
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    // joined on (agency_id, item_id) and filtered by each table's own agency_id: both are read by the agency key
    let q = db.selectFrom('service_item_changes as c').innerJoin('service_items as s', (j) => j.onRef('s.id', '=', 'c.item_id').onRef('s.agency_id', '=', 'c.agency_id'))
      .select(['s.id', 's.agency_id', 's.type', 'c.status', 'c.effective_on'])
      .where('c.status', 'is not', null).where('c.effective_on', 'is not', null).where('c.effective_on', '<=', `${year}-12-31`);
    if (ids !== null) q = q.where('s.agency_id', 'in', ids).where('c.agency_id', 'in', ids);
    rows.push(...(await q.orderBy('s.id').orderBy('c.version_no').execute()));
  }
  return yearCountsByAgency(rows, year);
}

/** Service items by id (the drill-down of 上一年项目数量 / 本年增减). */
export async function serviceItemsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const out = [];
  for (const part of chunks(ids)) out.push(...(await db.selectFrom('service_items').select(['id', 'name', 'code', 'status', 'status_since']).where('id', 'in', part).orderBy('code').execute()));
  return out;
}

export interface CatalogueStatRow {
  id: number;
  agency_id: number;
  index_no: string;
  title: string | null;
  kind: string | null;
  made_on: string | null;
  first_published_on: string | null;
  validity: string;
  validity_changed_on: string | null;
  withdrawn_on: string | null;
}

/** Table 二 第二十条第（一）项 per agency and kind from the per-year counters kept by triggers on catalogue_items
 *  (migration 235): a few rows an agency, however large its catalogue. */
export async function catalogueYearCounts(db: Db, agencyIds: readonly number[] | null, year: number): Promise<Map<number, Partial<Record<'rule' | 'normative', KindYearCounts>>>> {
  const y = String(year);
  const out = new Map<number, Partial<Record<'rule' | 'normative', KindYearCounts>>>();
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    const inYear = (c: string) => sql<number | string>`sum(case when year = ${y} then ${sql.ref(c)} else 0 end)`;
    let q = db.selectFrom('catalogue_year_counts')
      .select(['agency_id', 'kind', inYear('made').as('made'), inYear('abolished').as('abolished'), inYear('first_published').as('first_published'),
        sql<number | string>`sum(stock_2021)`.as('stock_2021'), sql<number | string>`sum(stock_2019)`.as('stock_2019')])
      .where('year', '<=', y);
    if (ids !== null) q = q.where('agency_id', 'in', ids);
    for (const r of await q.groupBy(['agency_id', 'kind']).execute()) {
      if (r.kind !== 'rule' && r.kind !== 'normative') continue;
      const d = out.get(r.agency_id) ?? {};
      d[r.kind] = { made: toNumber(r.made), abolished: toNumber(r.abolished), firstPublished: toNumber(r.first_published), stock2021: toNumber(r.stock_2021), stock2019: toNumber(r.stock_2019) };
      out.set(r.agency_id, d);
    }
  }
  return out;
}

/** 规章 / 规范性文件 of the catalogue (the only kinds table 二 第二十条第（一）项 counts). */
export async function catalogueStatItems(db: Db, agencyIds: readonly number[] | null): Promise<CatalogueStatRow[]> {
  const out: CatalogueStatRow[] = [];
  for (const ids of agencyIds === null ? [null] : chunks(agencyIds)) {
    if (ids !== null && ids.length === 0) continue;
    let q = db.selectFrom('catalogue_items')
      .select(['id', 'agency_id', 'index_no', 'title', 'kind', 'made_on', 'first_published_on', 'validity', 'validity_changed_on', 'withdrawn_on'])
      .where('kind', 'in', ['rule', 'normative'])
      .where('made_on', 'is not', null);
    if (ids !== null) q = q.where('agency_id', 'in', ids);
    out.push(...(await q.execute()));
  }
  return out;
}

// ───── drill-down ─────

export interface DrillApplication {
  id: number;
  query_code: string;
  applicant_type: string;
  applicant_name: string;
  content: string;
  received_on: string | null;
  concluded_on: string | null;
  outcome: string | null;
  state: string;
}

export interface Table3CellQuery {
  agencyId: number;
  year: number;
  format: LayoutId;
  /** 'received' | 'carried_in' | 'concluded' (any result row) | 'carried_out' | 'row' (one result row) */
  bucket: 'received' | 'carried_in' | 'concluded' | 'carried_out' | 'row';
  row?: string;
  applicantTypes: readonly ApplicantType[] | null;
}

/** The applications behind one cell of 表三 (same conditions as table3Groups). */
export async function applicationsForCell(db: Db, q: Table3CellQuery, limit = 1000): Promise<DrillApplication[]> {
  const { first, last } = bounds(q.year);
  const outCol = q.format === '2021' ? 'outcome_row_2021' : 'outcome_row_2019';
  let s = db.selectFrom('applications')
    .select(['id', 'query_code', 'applicant_type', 'applicant_name', 'content', 'received_on', 'concluded_on', 'outcome', 'state'])
    .where('agency_id', '=', q.agencyId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', last)
    .where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', first)]));
  if (q.applicantTypes) s = s.where('applicant_type', 'in', [...q.applicantTypes]);
  switch (q.bucket) {
    case 'received': s = s.where('received_on', '>=', first); break;
    case 'carried_in': s = s.where('received_on', '<', first); break;
    case 'concluded': s = s.where('concluded_on', 'is not', null).where('concluded_on', '<=', last); break;
    case 'carried_out': s = s.where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>', last)])); break;
    case 'row': s = s.where('concluded_on', 'is not', null).where('concluded_on', '<=', last).where(sql.ref(outCol), '=', q.row ?? ''); break;
  }
  return s.orderBy('received_on').orderBy('id').limit(limit).execute();
}

export interface DrillAppeal {
  id: number;
  kind: string;
  filed_on: string;
  case_number: string | null;
  body_name: string | null;
  result: string;
  closed_on: string | null;
  application_id: number | null;
}

export async function appealsForCell(db: Db, agencyId: number, year: number, kind: AppealKind, result: AppealResult | null): Promise<DrillAppeal[]> {
  const { first, last } = bounds(year);
  let s = db.selectFrom('appeal_cases')
    .select(['id', 'kind', 'filed_on', 'case_number', 'body_name', 'result', 'closed_on', 'application_id'])
    .where('agency_id', '=', agencyId).where('kind', '=', kind).where('filed_on', '>=', first).where('filed_on', '<=', last);
  if (result === 'pending') s = s.where((eb) => eb.or([eb('result', '=', 'pending'), eb('closed_on', 'is', null), eb('closed_on', '>', last)]));
  else if (result) s = s.where('result', '=', result).where('closed_on', 'is not', null).where('closed_on', '<=', last);
  return s.orderBy('filed_on').orderBy('id').execute();
}

// ───── lock ─────

/** True when the agency's report of `year` is published and locked. */
export async function yearLocked(db: Db, agencyId: number, year: number): Promise<boolean> {
  const r = await db.selectFrom('annual_reports').select('id').where('agency_id', '=', agencyId).where('year', '=', year).where('locked', '=', 1).executeTakeFirst();
  return !!r;
}

// ───── annual_reports ─────

export async function findReport(db: Db, agencyId: number, year: number) {
  return db.selectFrom('annual_reports').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function insertReport(db: Db, row: Omit<ReportRow, 'id' | 'version' | 'errors_count' | 'warnings_count' | 'locked' | 'published_version'> & Partial<Pick<ReportRow, 'errors_count' | 'warnings_count'>>): Promise<number> {
  const r = await db.insertInto('annual_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Optimistic update (version must match); false when someone else changed it first. */
export async function updateReport(db: Db, id: number, version: number, patch: Partial<Omit<ReportRow, 'id' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('annual_reports').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertEvent(db: Db, e: { agency_id: number; report_id: number; kind: string; actor_user_id: number | null; actor_name: string; comment: string | null; at: string }): Promise<void> {
  await db.insertInto('annual_report_events').values(e).execute();
}
/** A report's history by (agency_id, report_id), the key its index leads with (decision 205). */
export async function listEvents(db: Db, agencyId: number, reportId: number) {
  return db.selectFrom('annual_report_events').selectAll().where('agency_id', '=', agencyId).where('report_id', '=', reportId).orderBy('id').execute();
}

export async function insertPublication(db: Db, p: { report_id: number; agency_id: number; year: number; version_no: number; model_json: string; change_note: string | null; published_on: string; published_at: string; published_by: number | null }): Promise<void> {
  await db.insertInto('annual_report_publications').values(p).execute();
}
export async function listPublications(db: Db, agencyId: number, year: number) {
  return db.selectFrom('annual_report_publications').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).orderBy('version_no', 'desc').execute();
}
/** The latest publication of every (agency, year), newest year first; `agencyIds` null = all. */
export async function latestPublications(db: Db, agencyIds: readonly number[] | null) {
  let q = db.selectFrom('annual_report_publications as p')
    .innerJoin('agencies as a', 'a.id', 'p.agency_id')
    .select(['p.agency_id', 'p.year', 'p.version_no', 'p.published_on', 'p.change_note', 'a.name as agency_name', 'a.credit_code'])
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('annual_report_publications as q').select('q.id').whereRef('q.agency_id', '=', 'p.agency_id').whereRef('q.year', '=', 'p.year').whereRef('q.version_no', '>', 'p.version_no'),
    )));
  if (agencyIds) q = q.where('p.agency_id', 'in', [...agencyIds]);
  return q.orderBy('p.year', 'desc').orderBy('a.name').execute();
}

export async function reportsForYear(db: Db, agencyIds: readonly number[], year: number) {
  if (agencyIds.length === 0) return [];
  return db.selectFrom('annual_reports').select(['agency_id', 'state', 'errors_count', 'warnings_count', 'published_version', 'updated_at', 'submitted_at'])
    .where('agency_id', 'in', [...agencyIds]).where('year', '=', year).execute();
}

export async function reportsOfAgency(db: Db, agencyId: number) {
  return db.selectFrom('annual_reports').select(['year', 'format', 'state', 'model_json', 'errors_count', 'warnings_count', 'published_version', 'locked'])
    .where('agency_id', '=', agencyId).orderBy('year').execute();
}

/** Agencies by id with their parent (for the supervisor list). */
export async function agenciesByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('agencies').select(['id', 'name', 'credit_code', 'parent_id']).where('id', 'in', [...ids]).orderBy('id').execute();
}

// ───── demo seed (fallback) ─────

/** Applications of an agency received in a year (the seed checks whether the 2019 demo application exists). */
export async function countReceivedIn(db: Db, agencyId: number, year: number): Promise<number> {
  const { first, last } = bounds(year);
  const r = await db.selectFrom('applications').select(sql<number | string>`count(*)`.as('n')).where('agency_id', '=', agencyId).where('received_on', '>=', first).where('received_on', '<=', last).executeTakeFirst();
  return toNumber(r?.n ?? 0);
}

/**
 * The demo's 2019 application (one 商业企业 request answered 予以公开, from the 芝罘区 2019 report), written only when the
 * applications feature's own seed has not created an application for that year. Its ledger is the normal one of a
 * concluded request (registered → reply drafted → approved → delivered → closed), dated in 2019.
 */
export async function insertSeedApplication2019(db: Db, agencyId: number, at: string): Promise<number> {
  const app = await db.insertInto('applications').values({
    agency_id: agencyId, query_code: 'GKDEMO2019ZF', channel: 'in_person', submitted_on: '2019-06-10', received_on: '2019-06-10',
    applicant_type: 'commercial', applicant_name: '烟台某某商贸有限公司（演示）', id_type: null, id_number: null, credit_code: '91370602MA3C000000',
    legal_representative: '（演示）', contact_person: '（演示）', phone: '0535-0000000', address: null, postcode: null, email: null,
    applicant_key: 'O:91370602MA3C000000', content: '申请公开本单位2019年办理的食品经营许可审批结果（演示数据）', doc_number: null,
    provide_form: '纸质', obtain_method: '自行领取', fee_waiver_requested: 0, assigned_user_id: null, state: 'closed', outcome: 'disclose',
    outcome_row_2019: '（一）予以公开', outcome_row_2021: '（一）予以公开', concluded_on: '2019-06-21', created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  const ev = (seq: number, kind: string, on: string, data: Record<string, unknown>) => ({ agency_id: agencyId, application_id: app.id, seq, kind, on_date: on, at, actor_user_id: null, actor_name: '系统（演示数据）', data_json: JSON.stringify(data) });
  await db.insertInto('application_events').values([
    ev(1, 'registered', '2019-06-10', { channel: 'in_person', receivedOn: '2019-06-10', basis: '当面提交的，收到申请之日为提交之日（条例第三十一条第一项）', submittedOn: '2019-06-10', signedOn: null, confirmedOn: null }),
    ev(2, 'reply_drafted', '2019-06-20', { outcome: 'disclose', reasons: null }),
    ev(3, 'reply_approved', '2019-06-21', { outcome: 'disclose' }),
    ev(4, 'delivered', '2019-06-24', { method: '自行领取' }),
    ev(5, 'closed', '2019-06-24', {}),
  ]).execute();
  return app.id;
}

