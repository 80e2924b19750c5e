// 111_supervision_campaign: the 31 January campaign and the assessment of the supervising agency (feature: supervision).
//  - supervision_settings: per supervising agency, the weights of the assessment components (JSON), versioned.
//  - supervision_reminders: a reminder a supervisor sent to an agency about its annual report of a year (mail to its
//    officers and leaders, and an annual_report_reminder item in their work queue until the report is published).
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema
    .createTable('supervision_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('weights_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('supervision_reminders')
    .addColumn('id', ...id)
    .addColumn('supervisor_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by_name', 'text', (c) => c.notNull())
    .addColumn('mails', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('supervision_reminders_day_uq', ['agency_id', 'year', 'sent_on'])
    .execute();
  await db.schema.createIndex('supervision_reminders_agency_idx').on('supervision_reminders').columns(['agency_id', 'year']).execute();
}
