// The counts behind the comparisons and rankings (decision 180), aggregated in SQL per agency and year over the agencies
// below a supervisor. Every query starts from the same scope — the supervising agency's descendants, walked by a
// recursive CTE over agencies (parent_id) — and reaches the agency data through an index that leads with the agency key:
// the ledger figures from supervision_figures (agency_id, year), kept by triggers (migration 215, decision 215); the
// audits from audit_run_reports (subject_agency_id, year, id) and audit_findings (report_id, rule). One row per agency
// (and year), never one per record: 10⁴ agencies stay 10⁴ rows.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { OUTCOME_GROUPS } from '../../core/supervision/rankings.ts';
import { toNumber } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database>;
const n = (v: unknown) => toNumber(v);

/** The agencies below `supervisorId` (not itself): a recursive walk down agencies.parent_id. */
const scope = (supervisorId: number): RawBuilder<unknown> => sql`sub(id) as (
  select id from agencies where parent_id = ${supervisorId}
  union all
  select a.id from agencies a inner join sub s on a.parent_id = s.id)`;


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
 * The latest audited report of each agency's year: of the audit runs of the supervising agency or of a supervising agency
 * below it (decision 110: runs are seen in the scope of the agency that ran them), the report that names the agency with
 * the highest id — a corrected report sent back with a rectification is stored after the one it replaces.
 */
const latest = (supervisorId: number, from: number, to: number) => sql`latest(agency_id, year, report_id) as (
  select rr.subject_agency_id, rr.year, max(rr.id)
  from audit_run_reports rr inner join audit_runs r on r.id = rr.run_id
  where rr.subject_agency_id in (select id from sub) and rr.year >= ${from} and rr.year <= ${to}
    and (r.agency_id = ${supervisorId} or r.agency_id in (select id from sub))
  group by rr.subject_agency_id, rr.year)`;

/** The findings that count: of the report itself (not cross-year), not dismissed by the supervisor. */
const counted = sql`f.scope = 'report' and f.decision <> 'dismissed'`;

// errors and warnings as findingCounts (features/reports/audit.ts) counts them: the rules' findings only
export interface ReportRow { agencyId: number; year: number; reportId: number; runId: number; status: string; errors: number; warnings: number }

export async function latestReports(db: Db, supervisorId: number, from: number, to: number): Promise<ReportRow[]> {
  const r = await sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}, ${latest(supervisorId, from, to)}
    select l.agency_id, l.year, l.report_id, rr.run_id, rr.status,
      sum(case when f.source = 'rules' and f.severity = 'error' then 1 else 0 end) as errors,
      sum(case when f.source = 'rules' and f.severity = 'warning' then 1 else 0 end) as warnings
    from latest l
    inner join audit_run_reports rr on rr.id = l.report_id
    left join audit_findings f on f.report_id = l.report_id and ${counted}
    group by l.agency_id, l.year, l.report_id, rr.run_id, rr.status`.execute(db);
  return r.rows.map((x) => ({ agencyId: n(x.agency_id), year: n(x.year), reportId: n(x.report_id), runId: n(x.run_id), status: String(x.status), errors: n(x.errors), warnings: n(x.warnings) }));
}

/** Findings per rule over every agency's latest report of the year (the heatmap's columns). */
export async function ruleTotals(db: Db, supervisorId: number, year: number): Promise<{ rule: string; total: number; errors: number }[]> {
  const r = await sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}, ${latest(supervisorId, year, year)}
    select f.rule, count(*) as total, sum(case when f.severity = 'error' then 1 else 0 end) as errors
    from latest l inner join audit_findings f on f.report_id = l.report_id and ${counted}
    group by f.rule`.execute(db);
  return r.rows.map((x) => ({ rule: String(x.rule), total: n(x.total), errors: n(x.errors) }));
}

/** Findings per agency and rule of the latest reports of the year; `agencyIds` narrows to a page of agencies. */
export async function ruleCounts(db: Db, supervisorId: number, year: number, agencyIds?: readonly number[]): Promise<{ agencyId: number; rule: string; count: number }[]> {
  if (agencyIds && agencyIds.length === 0) return [];
  const only = agencyIds ? sql`and l.agency_id in (${sql.join(agencyIds.map((id) => sql`${id}`))})` : sql``;
  const r = await sql<Record<string, unknown>>`with recursive ${scope(supervisorId)}, ${latest(supervisorId, year, year)}
    select l.agency_id, f.rule, count(*) as count
    from latest l inner join audit_findings f on f.report_id = l.report_id and ${counted}
    where 1 = 1 ${only}
    group by l.agency_id, f.rule`.execute(db);
  return r.rows.map((x) => ({ agencyId: n(x.agency_id), rule: String(x.rule), count: n(x.count) }));
}
