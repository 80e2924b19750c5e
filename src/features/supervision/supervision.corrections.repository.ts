// Queries of a supervisor's cell corrections (both engines): the corrections of a report or a run, the version claims
// that serialise corrections within a run, and the findings rows a re-audit reconciles.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { AuditCellCorrectionsTable, AuditFindingRemovalsTable, Database } from '../../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type CorrectionRow = Selectable<AuditCellCorrectionsTable>;

// The corrections and findings of a report are read through the report on (agency_id, report_id): the report row
// (by its id) gives the run's agency, which leads the child tables' indexes (decision 205).

export async function correctionsOfReport(db: Db, reportId: number): Promise<CorrectionRow[]> {
  return db.selectFrom('audit_cell_corrections as c').innerJoin('audit_run_reports as r', (j) => j.onRef('r.id', '=', 'c.report_id').onRef('r.agency_id', '=', 'c.agency_id'))
    .selectAll('c').where('r.id', '=', reportId).orderBy('c.id').execute();
}

export async function activeCorrections(db: Db, agencyId: number, reportIds: readonly number[]): Promise<CorrectionRow[]> {
  const out: CorrectionRow[] = [];
  for (let i = 0; i < reportIds.length; i += 500) {
    out.push(...await db.selectFrom('audit_cell_corrections').selectAll().where('agency_id', '=', agencyId).where('report_id', 'in', [...reportIds.slice(i, i + 500)]).where('state', '=', 'active').orderBy('id').execute());
  }
  return out;
}

export async function activeCorrectionsOfRun(db: Db, agencyId: number, runId: number): Promise<CorrectionRow[]> {
  return db.selectFrom('audit_cell_corrections').selectAll().where('agency_id', '=', agencyId).where('run_id', '=', runId).where('state', '=', 'active').orderBy('id').execute();
}

export async function findCorrection(db: Db, id: number): Promise<CorrectionRow | undefined> {
  return db.selectFrom('audit_cell_corrections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCorrection(db: Db, row: Insertable<AuditCellCorrectionsTable>): Promise<number> {
  const r = await db.insertInto('audit_cell_corrections').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** End the active corrections of a cell (replaced by a new one) or one correction (withdrawn). */
export async function endCorrections(db: Db, where: { agencyId: number; reportId: number; cell: string } | { id: number }, state: 'replaced' | 'withdrawn', by: string, at: string): Promise<number> {
  let q = db.updateTable('audit_cell_corrections').set({ state, ended_by_name: by, ended_at: at }).where('state', '=', 'active');
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('agency_id', '=', where.agencyId).where('report_id', '=', where.reportId).where('cell', '=', where.cell);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Claim the run (serialises the corrections of one run: cross-year pairs read the other reports) and the report at
 *  the version the supervisor saw; false when the report has changed since. */
export async function claimReport(db: Db, runId: number, reportId: number, version: number): Promise<boolean> {
  await db.updateTable('audit_runs').set((e) => ({ version: e('version', '+', 1) })).where('id', '=', runId).execute();
  const r = await db.updateTable('audit_run_reports').set({ version: version + 1 }).where('id', '=', reportId).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Reports of a run in some years that are not replacements (the cross-year pairs are made of these), without models. */
export async function runReportsOfYears(db: Db, agencyId: number, runId: number, years: readonly number[]) {
  return db.selectFrom('audit_run_reports').select(['id', 'ordinal', 'file', 'agency_name', 'year', 'subject_agency_id'])
    .where('agency_id', '=', agencyId).where('run_id', '=', runId).where('year', 'in', [...years]).where('replaces_report_id', 'is', null).orderBy('ordinal').execute();
}

export async function modelsOf(db: Db, ids: readonly number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('audit_run_reports').select(['id', 'model_json']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.model_json]));
}

export async function findingsOfReport(db: Db, reportId: number) {
  return db.selectFrom('audit_findings as f').innerJoin('audit_run_reports as r', (j) => j.onRef('r.id', '=', 'f.report_id').onRef('r.agency_id', '=', 'f.agency_id'))
    .selectAll('f').where('r.id', '=', reportId).orderBy('f.id').execute();
}

export async function crossFindings(db: Db, agencyId: number, runId: number, years: readonly number[]) {
  return db.selectFrom('audit_findings').selectAll().where('agency_id', '=', agencyId).where('run_id', '=', runId).where('scope', '=', 'cross_year').where('year', 'in', [...years]).orderBy('id').execute();
}

/** Findings of the ids that were sent for rectification (a correction must not remove them). */
export async function rectifiedFindings(db: Db, findingIds: readonly number[]): Promise<number[]> {
  if (findingIds.length === 0) return [];
  const rows = await db.selectFrom('audit_rectifications').select('finding_id').where('finding_id', 'in', [...findingIds]).execute();
  return [...new Set(rows.map((r) => r.finding_id))];
}

export async function deleteFindings(db: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('audit_findings').where('id', 'in', [...ids.slice(i, i + 500)]).execute();
}

/** Keep the decisions of findings a re-audit removes (decision 175), by fingerprint within the run. A finding sent
 *  for rectification is never removed (the caller refuses), so the decisions kept are pending, confirmed or dismissed. */
export async function keepRemovedDecisions(db: Db, run: { id: number; agency_id: number }, rows: readonly Pick<Selectable<Database['audit_findings']>, 'fingerprint' | 'decision' | 'reason' | 'carried_from' | 'decided_by_name' | 'decided_at'>[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('audit_finding_removals').values(rows.map((r) => ({
    agency_id: run.agency_id, run_id: run.id, fingerprint: r.fingerprint, decision: r.decision, reason: r.reason, carried_from: r.carried_from,
    decided_by_name: r.decided_by_name, decided_at: r.decided_at, removed_at: at,
  }))).execute();
}

/** The kept decisions of these fingerprints in the run, oldest first per fingerprint. */
export async function removedDecisions(db: Db, run: { id: number; agency_id: number }, fingerprints: readonly string[]): Promise<Map<string, Selectable<AuditFindingRemovalsTable>[]>> {
  const out = new Map<string, Selectable<AuditFindingRemovalsTable>[]>();
  const unique = [...new Set(fingerprints)];
  for (let i = 0; i < unique.length; i += 400) {
    const rows = await db.selectFrom('audit_finding_removals').selectAll().where('agency_id', '=', run.agency_id).where('run_id', '=', run.id)
      .where('fingerprint', 'in', unique.slice(i, i + 400)).orderBy('id').execute();
    for (const r of rows) out.set(r.fingerprint, [...(out.get(r.fingerprint) ?? []), r]);
  }
  return out;
}

/** A kept decision is used up when its finding comes back (it takes it once). */
export async function deleteRemovedDecisions(db: Db, agencyId: number, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('audit_finding_removals').where('agency_id', '=', agencyId).where('id', 'in', [...ids.slice(i, i + 500)]).execute();
}

export async function updateFindingText(db: Db, id: number, set: { message: string; severity: string }): Promise<void> {
  await db.updateTable('audit_findings').set(set).where('id', '=', id).execute();
}

/** The previous year's model of an agency in Gongkai (a platform run's cross-year pair reads it, as the run did). */
export async function annualModel(db: Db, agencyId: number, year: number): Promise<{ model_json: string; name: string } | undefined> {
  return db.selectFrom('annual_reports').innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id')
    .select(['annual_reports.model_json', 'agencies.name']).where('annual_reports.agency_id', '=', agencyId).where('annual_reports.year', '=', year).executeTakeFirst();
}
