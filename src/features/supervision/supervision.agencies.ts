// Use case of the supervision service: a run's reports summed up per agency (按机关) — how many reports and which years,
// how many clean, with errors or not fully read, their errors and warnings, and the cross-year findings of the agency's
// consecutive years. Corrected reports sent back with a rectification are left out (the run's counts are of the files
// as first audited, decision 110). Agencies with reports with errors first, then with cross-year findings, then those not
// fully read, then by name (zh-CN).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import * as repo from './supervision.repository.ts';
import type { Paged, RunView } from './supervision.service.ts';

export interface RunAgencyView {
  /** the agency as the reports name it; null: reports whose agency could not be read */
  agency: string | null;
  /** the platform agency of that name in the supervisor's scope */
  agencyId: number | null;
  years: number[];
  reports: number;
  clean: number;
  withErrors: number;
  unreadable: number;
  errors: number;
  warnings: number;
  crossYearFindings: number;
}

const collator = new Intl.Collator('zh-CN');

export async function runAgencies(db: Kysely<Database>, run: RunView, opts: { page: number; pageSize: number }): Promise<Paged<RunAgencyView>> {
  const rows = await repo.runReportsByAgency(db, run.agencyId, run.id);
  const cross = new Map<string, number>();
  for (const c of run.crossYear) cross.set(c.agency, (cross.get(c.agency) ?? 0) + c.findings.length);
  const all = rows.map((r): RunAgencyView => ({ ...r, crossYearFindings: r.agency ? cross.get(r.agency) ?? 0 : 0 }));
  // reports with rule errors and broken cross-year rules first; a report the reader could not read is not an accused one
  all.sort((a, b) => b.withErrors - a.withErrors || b.crossYearFindings - a.crossYearFindings || b.unreadable - a.unreadable
    || (a.agency === null ? 1 : 0) - (b.agency === null ? 1 : 0) || collator.compare(a.agency ?? '', b.agency ?? ''));
  return { items: all.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize), total: all.length, page: opts.page, pageSize: opts.pageSize };
}
