// 230_deadline_hot_updates: recomputing the open clocks after a calendar change rewrites due, status and provisional of
// most rows (decision 230). The computed columns leave every index of `deadlines`, so those rewrites touch no index:
//  - deadlines_agency_due_idx (agency_id, open, due) becomes deadlines_agency_open_idx (agency_id, open): the lists that
//    order by due (the agency's open clocks, the catalogue's 第二十六条 clocks) select one agency's open rows through
//    it and sort them — a few hundred rows an agency at province scale;
//  - PostgreSQL: fillfactor 50 and the table rewritten (CLUSTER on its key) — each page keeps room for a new version of
//    every row on it, so the rewrite is a heap-only (HOT) update on the same page, with no new index entry.
//  - deadlines_replay_idx (open, plain_from, id): the clocks the engine replays after the set-based statement (no formula
//    inputs, or a receipt outside the working-day table) are read by it instead of walking every open clock.
// SQLite: only the indexes (a row is rewritten in place; an index whose columns did not change is not written).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deadlines_agency_due_idx').execute();
  await db.schema.createIndex('deadlines_agency_open_idx').on('deadlines').columns(['agency_id', 'open']).execute();
  await db.schema.createIndex('deadlines_replay_idx').on('deadlines').columns(['open', 'plain_from', 'id']).execute();
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table deadlines set (fillfactor = 50)`.execute(db);
  await sql`cluster deadlines using deadlines_pkey`.execute(db);
}
