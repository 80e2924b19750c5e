// 200_deadline_plain_clock: an open clock whose ledger is a receipt and nothing else carries the inputs of its closed
// formula — the receipt date, the working days to the reply and the "due soon" threshold (core/deadlines/plain.ts) —
// so that recomputing every open deadline after a calendar change is one set-based statement over a working-day
// table for those rows (decision 200). Null: the ledger is replayed by the engine. Filled here for the open clocks.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { plainClock } from '../../core/deadlines/plain.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deadlines').addColumn('plain_from', 'text').execute();
  await db.schema.alterTable('deadlines').addColumn('plain_workdays', 'integer').execute();
  await db.schema.alterTable('deadlines').addColumn('plain_soon', 'integer').execute();
  let after = 0;
  for (;;) {
    const rows = (await db.selectFrom('deadlines').select(['id', 'ledger_json', 'settings_json']).where('open', '=', 1).where('id', '>', after).orderBy('id').limit(2000).execute()) as { id: number; ledger_json: string; settings_json: string | null }[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    for (const r of rows) {
      let c = null;
      try {
        c = plainClock(JSON.parse(r.ledger_json), r.settings_json === null ? null : JSON.parse(r.settings_json));
      } catch {
        c = null; // unreadable JSON: the engine reports it
      }
      if (c) await sql`update deadlines set plain_from = ${c.from}, plain_workdays = ${c.workdays}, plain_soon = ${c.dueSoon} where id = ${r.id}`.execute(db);
    }
    if (rows.length < 2000) break;
  }
}
