// Supervision queries (both engines): audit runs, their reports and findings, rectifications.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AuditFindingsTable, AuditRectificationsTable, AuditRunReportsTable, AuditRunsTable, Database } from '../../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type RunRow = Selectable<AuditRunsTable>;
export type RunReportRow = Selectable<AuditRunReportsTable>;
export type FindingRow = Selectable<AuditFindingsTable>;
export type RectificationRow = Selectable<AuditRectificationsTable>;

export async function insertRun(db: Db, row: Insertable<AuditRunsTable>): Promise<number> {
  const r = await db.insertInto('audit_runs').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertRunReport(db: Db, row: Insertable<AuditRunReportsTable>): Promise<number> {
  const r = await db.insertInto('audit_run_reports').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertFindings(db: Db, rows: Insertable<AuditFindingsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('audit_findings').values(rows.slice(i, i + 200)).execute();
}

export async function findRun(db: Db, id: number): Promise<RunRow | undefined> {
  return db.selectFrom('audit_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRuns(db: Db, agencyIds: readonly number[] | null, page: number, pageSize: number): Promise<{ rows: RunRow[]; total: number }> {
  let q = db.selectFrom('audit_runs');
  if (agencyIds) {
    if (agencyIds.length === 0) return { rows: [], total: 0 };
    q = q.where('agency_id', 'in', [...agencyIds]);
  }
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total };
}

// A run's reports, findings and corrections are read by (agency_id, run_id): agencyId is the run's own agency (the
// supervising agency that ran it), which leads their indexes (decision 205).

export async function listRunReports(db: Db, agencyId: number, runId: number, page: number, pageSize: number, status?: string, agency?: string | null): Promise<{ rows: RunReportRow[]; total: number }> {
  let q = db.selectFrom('audit_run_reports').where('agency_id', '=', agencyId).where('run_id', '=', runId);
  if (status) q = q.where('status', '=', status);
  if (agency !== undefined) q = agency === null ? q.where('agency_name', 'is', null) : q.where('agency_name', '=', agency);
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('ordinal').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total };
}

/** A run's reports (not the corrected ones sent back with a rectification) per agency name: counts, years, errors, warnings. */
export async function runReportsByAgency(db: Db, agencyId: number, runId: number): Promise<{ agency: string | null; agencyId: number | null; years: number[]; reports: number; clean: number; withErrors: number; unreadable: number; errors: number; warnings: number }[]> {
  const rows = await db.selectFrom('audit_run_reports').select(['agency_name', 'subject_agency_id', 'year', 'status', 'errors_count', 'warnings_count'])
    .where('agency_id', '=', agencyId).where('run_id', '=', runId).where('replaces_report_id', 'is', null).execute();
  const by = new Map<string | null, { agency: string | null; agencyId: number | null; years: Set<number>; reports: number; clean: number; withErrors: number; unreadable: number; errors: number; warnings: number }>();
  for (const r of rows) {
    let a = by.get(r.agency_name);
    if (!a) by.set(r.agency_name, (a = { agency: r.agency_name, agencyId: null, years: new Set(), reports: 0, clean: 0, withErrors: 0, unreadable: 0, errors: 0, warnings: 0 }));
    a.agencyId ??= r.subject_agency_id;
    if (r.year !== null) a.years.add(r.year);
    a.reports += 1;
    if (r.status === 'clean') a.clean += 1; else if (r.status === 'findings') a.withErrors += 1; else a.unreadable += 1;
    a.errors += r.errors_count;
    a.warnings += r.warnings_count;
  }
  return [...by.values()].map((a) => ({ ...a, years: [...a.years].sort((x, y) => x - y) }));
}

export async function findRunReport(db: Db, id: number): Promise<RunReportRow | undefined> {
  return db.selectFrom('audit_run_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function maxOrdinal(db: Db, agencyId: number, runId: number): Promise<number> {
  const r = await db.selectFrom('audit_run_reports').select((e) => e.fn.max('ordinal').as('m')).where('agency_id', '=', agencyId).where('run_id', '=', runId).executeTakeFirst();
  return Number(r?.m ?? 0);
}

export interface FindingFilter {
  reportId?: number;
  decision?: string;
  scope?: string;
  severity?: string;
}

export async function listFindings(db: Db, agencyId: number, runId: number, f: FindingFilter, page: number, pageSize: number): Promise<{ rows: FindingRow[]; total: number }> {
  let q = db.selectFrom('audit_findings').where('agency_id', '=', agencyId).where('run_id', '=', runId);
  if (f.reportId !== undefined) q = q.where('report_id', '=', f.reportId);
  if (f.decision) q = q.where('decision', '=', f.decision);
  if (f.scope) q = q.where('scope', '=', f.scope);
  if (f.severity) q = q.where('severity', '=', f.severity);
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total };
}

export async function findingsOfRun(db: Db, agencyId: number, runId: number): Promise<FindingRow[]> {
  return db.selectFrom('audit_findings').selectAll().where('agency_id', '=', agencyId).where('run_id', '=', runId).orderBy('id').execute();
}

/** A run's reports in upload order. */
export async function reportsOfRun(db: Db, agencyId: number, runId: number): Promise<RunReportRow[]> {
  return db.selectFrom('audit_run_reports').selectAll().where('agency_id', '=', agencyId).where('run_id', '=', runId).orderBy('ordinal').execute();
}

export async function decisionCounts(db: Db, agencyId: number, runId: number): Promise<Record<string, number>> {
  const rows = await db.selectFrom('audit_findings').select(['decision', (e) => e.fn.countAll<number>().as('n')]).where('agency_id', '=', agencyId).where('run_id', '=', runId).groupBy('decision').execute();
  return Object.fromEntries(rows.map((r) => [r.decision, Number(r.n)]));
}

export async function findFinding(db: Db, id: number): Promise<FindingRow | undefined> {
  return db.selectFrom('audit_findings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The latest decision (confirmed / dismissed / rectification) on each fingerprint in the runs of one supervising agency
 *  (a finding's agency_id is its run's: read by (agency_id, fingerprint)). */
export async function priorDecisions(db: Db, supervisorAgencyId: number, fingerprints: readonly string[]): Promise<Map<string, Pick<FindingRow, 'id' | 'decision' | 'reason'>>> {
  const out = new Map<string, Pick<FindingRow, 'id' | 'decision' | 'reason'>>();
  const unique = [...new Set(fingerprints)];
  for (let i = 0; i < unique.length; i += 400) {
    const rows = await db.selectFrom('audit_findings').select(['id', 'fingerprint', 'decision', 'reason'])
      .where('agency_id', '=', supervisorAgencyId).where('fingerprint', 'in', unique.slice(i, i + 400))
      .where('decision', '!=', 'pending').where('carried_from', 'is', null)
      .orderBy('id').execute();
    for (const r of rows) out.set(r.fingerprint, { id: r.id, decision: r.decision, reason: r.reason });
  }
  return out;
}

export async function updateFinding(db: Db, id: number, version: number, set: Partial<Pick<FindingRow, 'decision' | 'reason' | 'decided_by_name' | 'decided_at' | 'carried_from'>>): Promise<boolean> {
  const r = await db.updateTable('audit_findings').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRectification(db: Db, row: Insertable<AuditRectificationsTable>): Promise<number> {
  const r = await db.insertInto('audit_rectifications').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findRectification(db: Db, id: number): Promise<RectificationRow | undefined> {
  return db.selectFrom('audit_rectifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rectificationOfFinding(db: Db, findingId: number): Promise<RectificationRow | undefined> {
  return db.selectFrom('audit_rectifications').selectAll().where('finding_id', '=', findingId).orderBy('id', 'desc').executeTakeFirst();
}

/** The latest rectification of each of these findings (by id) with its state. */
export async function latestRectifications(db: Db, findingIds: readonly number[]): Promise<Map<number, { id: number; state: 'open' | 'answered' | 'resolved' }>> {
  const out = new Map<number, { id: number; state: 'open' | 'answered' | 'resolved' }>();
  if (findingIds.length === 0) return out;
  const rows = await db.selectFrom('audit_rectifications').select(['id', 'finding_id', 'state']).where('finding_id', 'in', [...findingIds]).orderBy('id').execute();
  for (const r of rows) out.set(r.finding_id, { id: r.id, state: r.state as 'open' | 'answered' | 'resolved' });
  return out;
}

export async function updateRectification(db: Db, id: number, version: number, set: Partial<Omit<RectificationRow, 'id' | 'version'>>): Promise<boolean> {
  const r = await db.updateTable('audit_rectifications').set({ ...set, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Rectifications asked of the agencies in `agencyIds` or by the supervising agencies in `supervisorIds`. */
export async function listRectifications(db: Db, by: { agencyIds?: readonly number[] | null; supervisorIds?: readonly number[] | null; state?: string }, page: number, pageSize: number): Promise<{ rows: RectificationRow[]; total: number }> {
  let q = db.selectFrom('audit_rectifications');
  const a = by.agencyIds, s = by.supervisorIds;
  if (a !== null && s !== null) {
    const aa = a ?? [], ss = s ?? [];
    if (aa.length === 0 && ss.length === 0) return { rows: [], total: 0 };
    q = q.where((e) => e.or([...(aa.length ? [e('agency_id', 'in', [...aa])] : []), ...(ss.length ? [e('supervisor_agency_id', 'in', [...ss])] : [])]));
  }
  if (by.state) q = q.where('state', '=', by.state);
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { rows, total };
}

export async function rectificationsInState(db: Db, by: { agencyId?: number; supervisorAgencyId?: number }, state: string): Promise<RectificationRow[]> {
  let q = db.selectFrom('audit_rectifications').selectAll().where('state', '=', state);
  if (by.agencyId !== undefined) q = q.where('agency_id', '=', by.agencyId);
  if (by.supervisorAgencyId !== undefined) q = q.where('supervisor_agency_id', '=', by.supervisorAgencyId);
  return q.orderBy('id').limit(500).execute();
}
