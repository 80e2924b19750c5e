// 050_annual_report: the annual report compiled from live data (feature: annual-report, decisions).
//  - decision_entries: the decisions register (表二 第二十条第（五）（六）（八）（九）项): counts entered per year and
//    category (decided_on null) or one row per 办件 imported from a CSV (date, 事项名称, 决定类型); amount in 万元
//    (2021 收费金额) or 元 for 政府集中采购 采购总金额 as the agency reports it.
//  - decision_item_counts: 上一年项目数量 and 本年增/减 per year and category (2019 format only).
//  - annual_reports: one working report per agency and year (state machine, model, overrides, findings, lock).
//  - annual_report_publications: every published version (the portal shows the latest; corrections are noted).
//  - annual_report_events: the workflow history (submitted, returned with comments, accepted, published, unlocked …).
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));

  await db.schema
    .createTable('decision_entries')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('item_name', 'text')
    .addColumn('decision_type', 'text')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('amount', 'real')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('decision_entries_agency_year_idx').on('decision_entries').columns(['agency_id', 'year', 'category']).execute();

  await db.schema
    .createTable('decision_item_counts')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('previous_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items_change', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('decision_item_counts_uq', ['agency_id', 'year', 'category'])
    .execute();

  await db.schema
    .createTable('annual_reports')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('computed_json', 'text', (c) => c.notNull())
    .addColumn('overrides_json', 'text', (c) => c.notNull())
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('errors_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('compiled_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('annual_reports_agency_year_uq', ['agency_id', 'year'])
    .execute();

  await db.schema
    .createTable('annual_report_publications')
    .addColumn('id', ...id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer')
    .addUniqueConstraint('annual_report_publications_uq', ['report_id', 'version_no'])
    .execute();
  await db.schema.createIndex('annual_report_publications_agency_idx').on('annual_report_publications').columns(['agency_id', 'year']).execute();

  await db.schema
    .createTable('annual_report_events')
    .addColumn('id', ...id)
    .addColumn('report_id', 'integer', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('annual_report_events_report_idx').on('annual_report_events').column('report_id').execute();
}
