// The counts behind the comparisons and rankings (decision 180), aggregated in SQL per agency and year over the agencies
// below a supervisor. Every query starts from the same scope — the supervising agency's descendants, walked by a
// recursive CTE over agencies (parent_id) — and reaches the agency data through an index that leads with the agency key:
// the ledger figures from supervision_figures (agency_id, year), kept by triggers (migration 215, decision 215); the
// audits from audit_run_reports (subject_agency_id, year, id) and audit_findings (agency_id, report_id, rule) — a finding
// carries its run's agency, so it is joined to its report on (agency_id, report_id). One row per agency (and year),
// never one per record: 10⁴ agencies stay 10⁴ rows.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { OUTCOME_GROUPS } from '../../core/supervision/rankings.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;
const n = (v: unknown) => toNumber(v);

/** The agencies below `supervisorId` (not itself): a recursive walk down agencies.parent_id. */
const scope = (supervisorId: number): RawBuilder<unknown> => sql`sub(id) as (
  select id from agencies where parent_id = ${supervisorId}
  union all
  select a.id from agencies a inner join sub s on a.parent_id = s.id)`;


/**
 * Runs the reads of one page without PostgreSQL's JIT compilation: the planner estimates the recursive walk of the
 * agency tree at millions of rows (it cannot know the tree's depth), the cost passes jit_above_cost, and compiling took
 * 200 ms of a 230 ms query at 10⁴ agencies (the walk itself 15 ms). `set local` ends with the transaction.
 */
export async function withoutJit<T>(db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db as unknown as Kysely<unknown>) !== 'postgres') return read(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return read(trx);
  });
}

export interface ScopeAgency { id: number; name: string; creditCode: string }

export async function scopeAgencies(db: Db, supervisorId: number): Promise<ScopeAgency[]> {
  const r = await sql<{ id: number; name: string; credit_code: string }>`with recursive ${scope(supervisorId)}
    select a.id, a.name, a.credit_code from agencies a where a.id in (select id from sub) order by a.id`.execute(db);
  return r.rows.map((x) => ({ id: n(x.id), name: x.name, creditCode: x.credit_code }));
}

export interface LedgerRow {
  agencyId: number; year: number; received: number; outcomes: Record<string, number>; withDeadline: number; onTime: number;
  reviewDecided: number; reviewCorrected: number; litigationDecided: number; litigationCorrected: number;
}

/**
 * The ledger figures of every agency below and year from..to, as kept in supervision_figures (migration 215: triggers
 * on applications, deadlines and appeal_cases move a row in the transaction that changes its records): applications
 * received, concluded per outcome group, with a reply deadline and on time; 复议 / 诉讼 filed in the year and decided,
 * and corrected. Read through the primary key (agency_id, year); agencies and years without a row have no records.
 */
export async function ledgerFigures(db: Db, supervisorId: number, from: number, to: number): Promise<LedgerRow[]> {
  const r = await sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}
    select f.* from supervision_figures f
    where f.agency_id in (select id from sub) and f.year >= ${from} and f.year <= ${to}`.execute(db);
  return r.rows.map((x) => ({
    agencyId: n(x.agency_id), year: n(x.year), received: n(x.received), outcomes: Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, n(x[`o_${g}`])])),
    withDeadline: n(x.with_deadline), onTime: n(x.on_time), reviewDecided: n(x.review_decided), reviewCorrected: n(x.review_corrected),
    litigationDecided: n(x.litigation_decided), litigationCorrected: n(x.litigation_corrected),
  }));
}

/**
 * The latest audited report of each agency's year, as kept in supervision_report_figures (migration 216: triggers on
 * audit_run_reports and audit_findings): one row per agency, year and auditing agency with that auditor's latest report
 * and its findings counted (of the report itself, not dismissed). A supervisor sees the runs of its own agency and of the
 * supervising agencies below it (decision 110), so of those rows the highest report id counts — a corrected report sent
 * back with a rectification is stored after the one it replaces.
 */
export interface ReportRow { agencyId: number; year: number; reportId: number; runId: number; status: string; errors: number; warnings: number; rules: Record<string, { count: number; errors: number }> }

export async function latestReports(db: Db, supervisorId: number, from: number, to: number, withRules = false): Promise<ReportRow[]> {
  const r = await sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}
    select f.agency_id, f.year, f.report_id, f.run_id, f.status, f.errors, f.warnings${withRules ? sql`, f.rules_json` : sql``}
    from supervision_report_figures f
    where f.agency_id in (select id from sub) and f.year >= ${from} and f.year <= ${to}
      and (f.run_agency_id = ${supervisorId} or f.run_agency_id in (select id from sub))`.execute(db);
  const best = new Map<string, Record<string, unknown>>();
  for (const x of r.rows) {
    const k = `${n(x.agency_id)}:${n(x.year)}`;
    const b = best.get(k);
    if (!b || n(x.report_id) > n(b.report_id)) best.set(k, x);
  }
  return [...best.values()].map((x) => ({
    agencyId: n(x.agency_id), year: n(x.year), reportId: n(x.report_id), runId: n(x.run_id), status: String(x.status), errors: n(x.errors), warnings: n(x.warnings),
    rules: withRules ? rulesOf(String(x.rules_json ?? '{}')) : {},
  }));
}

/** {"error:E1": 2, "warning:W-blank": 1} → per rule: findings and how many of them are errors. */
function rulesOf(json: string): Record<string, { count: number; errors: number }> {
  const out: Record<string, { count: number; errors: number }> = {};
  for (const [k, v] of Object.entries(JSON.parse(json) as Record<string, number>)) {
    const at = k.indexOf(':');
    const rule = k.slice(at + 1), c = n(v);
    const cur = out[rule] ?? (out[rule] = { count: 0, errors: 0 });
    cur.count += c;
    if (k.slice(0, at) === 'error') cur.errors += c;
  }
  return out;
}

export interface YearSums extends Omit<LedgerRow, 'agencyId'> { agencies: number; audited: number; errors: number; warnings: number }

/**
 * The figures of the agencies below summed per year from..to (the trend), in SQL: the ledger figures' sums and, of the
 * latest report of each agency and year the supervisor sees (no visible row with a higher report id), the count and
 * the findings.
 */
export async function yearSums(db: Db, supervisorId: number, from: number, to: number): Promise<YearSums[]> {
  const cols = ['received', ...OUTCOME_GROUPS.map((g) => `o_${g}`), 'with_deadline', 'on_time', 'review_decided', 'review_corrected', 'litigation_decided', 'litigation_corrected'];
  const seen = (t: string) => sql`(${sql.ref(`${t}.run_agency_id`)} = ${supervisorId} or ${sql.ref(`${t}.run_agency_id`)} in (select id from sub))`;
  const [agencies, ledger, reports] = await Promise.all([
    sql<{ c: unknown }>`with recursive ${scope(supervisorId)} select count(*) as c from sub`.execute(db),
    sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}
      select f.year, ${sql.join(cols.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`))}
      from supervision_figures f where f.agency_id in (select id from sub) and f.year >= ${from} and f.year <= ${to} group by f.year`.execute(db),
    sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}
      select f.year, count(*) as audited, sum(f.errors) as errors, sum(f.warnings) as warnings
      from supervision_report_figures f
      where f.agency_id in (select id from sub) and f.year >= ${from} and f.year <= ${to} and ${seen('f')}
        and not exists (select 1 from supervision_report_figures g where g.agency_id = f.agency_id and g.year = f.year and g.report_id > f.report_id and ${seen('g')})
      group by f.year`.execute(db),
  ]);
  const count = n(agencies.rows[0]?.c);
  const out: YearSums[] = [];
  for (let y = from; y <= to; y++) {
    const l = ledger.rows.find((x) => n(x.year) === y) ?? {};
    const rp = reports.rows.find((x) => n(x.year) === y) ?? {};
    out.push({
      year: y, agencies: count, received: n(l.received), outcomes: Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, n(l[`o_${g}`])])),
      withDeadline: n(l.with_deadline), onTime: n(l.on_time), reviewDecided: n(l.review_decided), reviewCorrected: n(l.review_corrected),
      litigationDecided: n(l.litigation_decided), litigationCorrected: n(l.litigation_corrected),
      audited: n(rp.audited), errors: n(rp.errors), warnings: n(rp.warnings),
    });
  }
  return out;
}
