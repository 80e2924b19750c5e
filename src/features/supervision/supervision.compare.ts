// Use case of the supervision service: compare one audit run with an earlier one (this year's run against last year's):
// per agency, the findings that are new, resolved or persisting (core/supervision/run-compare.ts decides which). Both
// runs must be visible to the supervisor (runFor authorises each).
import type { Kysely } from 'kysely';
import { compareRuns } from '../../core/supervision/run-compare.ts';
import type { Actor } from '../shared/actor.ts';
import type { Database } from '../../db/types.ts';
import { validationFailed } from '../shared/errors.ts';
import * as repo from './supervision.repository.ts';
import type { FindingView, Paged, RunView } from './supervision.service.ts';

export interface AgencyRunComparison {
  agency: string;
  added: FindingView[];
  resolved: FindingView[];
  persisting: (FindingView & { earlierId: number })[];
}

export interface RunComparison {
  run: RunView;
  earlier: RunView;
  totals: { added: number; resolved: number; persisting: number };
  /** Agencies with at least one finding in either run (paged). */
  agencies: Paged<AgencyRunComparison>;
}

export async function compareAuditRuns(db: Kysely<Database>, deps: {
  runFor: (actor: Actor, id: number) => Promise<repo.RunRow>;
  view: (actor: Actor, id: number) => Promise<RunView>;
  present: (r: repo.FindingRow) => FindingView;
}, actor: Actor, runId: number, earlierId: number, opts: { page: number; pageSize: number }): Promise<RunComparison> {
  const laterRun = await deps.runFor(actor, runId);
  if (earlierId === runId) throw validationFailed([{ field: 'with', message: '请选择另一次体检进行比较' }]);
  const earlierRun = await deps.runFor(actor, earlierId);
  const [later, earlier] = await Promise.all([repo.findingsOfRun(db, laterRun.agency_id, runId), repo.findingsOfRun(db, earlierRun.agency_id, earlierId)]);
  const all = compareRuns(earlier.map(deps.present), later.map(deps.present));
  const totals = { added: 0, resolved: 0, persisting: 0 };
  for (const a of all) { totals.added += a.added.length; totals.resolved += a.resolved.length; totals.persisting += a.persisting.length; }
  const items = all.slice((opts.page - 1) * opts.pageSize, opts.page * opts.pageSize).map((a) => ({
    agency: a.agency, added: a.added, resolved: a.resolved, persisting: a.persisting.map((p) => ({ ...p.finding, earlierId: p.earlierId })),
  }));
  return {
    run: await deps.view(actor, runId), earlier: await deps.view(actor, earlierId), totals,
    agencies: { items, total: all.length, page: opts.page, pageSize: opts.pageSize },
  };
}
