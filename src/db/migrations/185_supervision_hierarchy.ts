// 185_supervision_hierarchy: per supervising agency, whether the reports of its governments are consolidated (汇总) with
// those of the departments under them, and which cells the audit compares (core/supervision/hierarchy.ts), versioned.
// The primary key is the agency (decision 116: agency data is found by agency_id).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_hierarchy_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('cells_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
