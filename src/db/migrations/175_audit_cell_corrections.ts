// 175_audit_cell_corrections: a supervisor's corrections of cells in an audit run's report (feature: supervision).
//  - audit_cell_corrections: one correction of one cell of one report of a run — the value as read (original_json,
//    number or null when the reader left the cell blank), the supervisor's value, the reason, who and when; state
//    active → replaced (a later correction of the same cell) or withdrawn (back to the reading, with who and when).
//  - audit_run_reports.version: the report's reading is now edited (corrections re-run its rules), so it is versioned
//    (optimistic locking, 409 on a stale version).
//  - audit_run_reports.problems_json: the reading problems (findings of source "import") as first audited, kept from the
//    first correction on — a correction drops the problems it settles, a withdrawal brings them back.
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema.alterTable('audit_run_reports').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('audit_run_reports').addColumn('problems_json', 'text').execute();
  await db.schema
    .createTable('audit_cell_corrections')
    .addColumn('id', ...id)
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('audit_run_reports.id'))
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('original_json', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_by_name', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('audit_cell_corrections_report_idx').on('audit_cell_corrections').columns(['report_id', 'id']).execute();
  await db.schema.createIndex('audit_cell_corrections_run_idx').on('audit_cell_corrections').columns(['run_id', 'state']).execute();
}
