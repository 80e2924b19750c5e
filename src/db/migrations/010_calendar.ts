// 010_calendar: the working-day calendar as data the administrator can change, and the one
// table where every open statutory clock lives.
//  - calendar_years: a year imported from its 国务院办公厅 notice (holiday-cn shape → YearData JSON); it
//    replaces the shipped data of that year.
//  - calendar_day_edits: single-day corrections, each with its reason (one row per date; a new edit of
//    the same date replaces it; the history is in audit_events).
//  - deadlines: every open clock (applications: kind 'reply'; catalogue: kind 'proactive_publish'),
//    its ledger and settings as JSON, and the computed due date — recomputed when the calendar changes.
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));

  await db.schema
    .createTable('calendar_years')
    .addColumn('id', ...id)
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('notices', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('calendar_day_edits')
    .addColumn('id', ...id)
    .addColumn('date', 'text', (c) => c.notNull().unique())
    .addColumn('workday', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deadlines')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ledger_json', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text')
    .addColumn('due', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('deadlines_entity_uq', ['entity', 'entity_id', 'kind'])
    .execute();
  await db.schema.createIndex('deadlines_open_idx').on('deadlines').columns(['open', 'id']).execute();
  await db.schema.createIndex('deadlines_agency_due_idx').on('deadlines').columns(['agency_id', 'open', 'due']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deadlines').execute();
  await db.schema.dropTable('calendar_day_edits').execute();
  await db.schema.dropTable('calendar_years').execute();
}
