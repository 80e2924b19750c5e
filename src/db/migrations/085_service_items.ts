// 085_service_items: 政务服务事项 (the service-item catalogue) across 区 / 街道 / 社区, and 办件 in the decisions register.
//  - service_items: one 实施清单 row per implementing unit; the 区 department's defining row has parent_id null, a 街道 /
//    社区 implementation points at it. Element values (基本目录 + 实施清单, incl. 材料目录) are one JSON object
//    (values_json) keyed by the element key of the schema in force (core/service-items/elements.ts + added elements);
//    name / type / codes / status are copied to columns for lists and filters; search_text holds the bigram tokens.
//  - service_item_changes: the change history (who, when, what changed element by element, why), status events
//    (在用 / 暂停 / 取消 with the date they take effect) included — year counts of table 二 come from it.
//  - service_item_files: 空白表格 / 示例样表 attached to an item's materials, served with the 办事指南.
//  - service_item_settings: added elements and the must-match element set (JSON, versioned).
//  - decision_entries gets the 办件 columns: case_no (办件编号, unique per agency — re-imports are idempotent),
//    item_code (实施编码 of the item decided), result.
import { type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema
    .createTable('service_items')
    .addColumn('id', ...id)
    .addColumn('parent_id', 'integer', (c) => c.references('service_items.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('basic_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('service_items_agency_idx').on('service_items').columns(['agency_id', 'status']).execute();
  await db.schema.createIndex('service_items_parent_idx').on('service_items').column('parent_id').execute();
  await db.schema.createIndex('service_items_parent_agency_uq').on('service_items').columns(['parent_id', 'agency_id']).unique().execute();

  await db.schema
    .createTable('service_item_changes')
    .addColumn('id', ...id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_item_changes_uq', ['item_id', 'version_no'])
    .execute();

  await db.schema
    .createTable('service_item_files')
    .addColumn('id', ...id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('service_items.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_item_files_uq', ['item_id', 'filename'])
    .execute();

  await db.schema
    .createTable('service_item_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema.alterTable('decision_entries').addColumn('case_no', 'text').execute();
  await db.schema.alterTable('decision_entries').addColumn('item_code', 'text').execute();
  await db.schema.alterTable('decision_entries').addColumn('result', 'text').execute();
  await db.schema.createIndex('decision_entries_case_uq').on('decision_entries').columns(['agency_id', 'case_no']).unique().execute();
  await db.schema.createIndex('decision_entries_item_idx').on('decision_entries').columns(['item_code', 'year']).execute();
}
