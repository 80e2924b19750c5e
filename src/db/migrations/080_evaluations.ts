// 080_evaluations: 政务服务“好差评” (国办发〔2019〕51号) and the suggestions ledger (意见建议 / 吐槽找茬).
//  - evaluation_cases: the 办件 register (number, service item code, conclusion date, handling unit): a rating of a
//    办件 is accepted within N working days of its conclusion;
//  - evaluations: one row per rating (level 1–5, channel, target, 实名 contact sealed like applicants' data,
//    once_key: one rating per 办件 and channel; source_id: the row of an imported export, for idempotent re-import);
//  - evaluation_visits: return visits (回访), of a rating or of a 差评 work order;
//  - evaluation_orders (+ _events ledger, _files evidence): the 差评 work order from 核实 to the supervisor's close;
//  - suggestions: 意见建议 and 吐槽找茬, their handling result, reply and time limit;
//  - evaluation_settings: the working-day limits and the satisfaction formula (key → value).
import { type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema
    .createTable('evaluation_cases')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('service_item_code', 'text')
    .addColumn('service_item_name', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evaluation_cases_number', ['agency_id', 'case_number'])
    .execute();

  await db.schema
    .createTable('evaluations')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text')
    .addColumn('service_item_code', 'text')
    .addColumn('comment', 'text')
    .addColumn('indicators_json', 'text')
    .addColumn('real_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rater_name', 'text')
    .addColumn('rater_phone', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('once_key', 'text', (c) => c.unique())
    .addColumn('source_id', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('evaluations_agency_day').on('evaluations').columns(['agency_id', 'rated_on']).execute();

  await db.schema
    .createTable('evaluation_visits')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('evaluation_id', 'integer', (c) => c.references('evaluations.id'))
    .addColumn('order_id', 'integer')
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('said', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('evaluation_visits_agency_day').on('evaluation_visits').columns(['agency_id', 'visited_on']).execute();

  await db.schema
    .createTable('evaluation_orders')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().unique().references('evaluations.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('classification', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('classified_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('rectification', 'text')
    .addColumn('rectified_on', 'text')
    .addColumn('feedback', 'text')
    .addColumn('feedback_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('outcome', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evaluation_orders_agency_state').on('evaluation_orders').columns(['agency_id', 'state']).execute();

  await db.schema
    .createTable('evaluation_order_events')
    .addColumn('id', ...id)
    .addColumn('order_id', 'integer', (c) => c.notNull().references('evaluation_orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('evaluation_order_events_order').on('evaluation_order_events').columns(['order_id', 'id']).execute();

  await db.schema
    .createTable('evaluation_order_files')
    .addColumn('id', ...id)
    .addColumn('order_id', 'integer', (c) => c.notNull().references('evaluation_orders.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('suggestions')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('query_code', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('result_text', 'text')
    .addColumn('handled_on', 'text')
    .addColumn('reply', 'text')
    .addColumn('replied_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('suggestions_agency_day').on('suggestions').columns(['agency_id', 'received_on']).execute();

  await db.schema
    .createTable('evaluation_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
