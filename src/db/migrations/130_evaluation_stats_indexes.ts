// 130_evaluation_stats_indexes: the year's 好差评 statistics of many units read indexes only (decision 130).
//  - evaluations (agency_id, rated_on, level, channel) replaces (agency_id, rated_on): the counts by level, channel
//    and month of a period find every value they group by in the index, instead of one table row per rating fetched
//    out of insertion order (ratings of one unit are scattered over the table);
//  - evaluation_visits (order_id): whether a 差评 work order was visited back is an index probe per order, not a
//    scan of every visit.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('evaluations_agency_day_level_channel').on('evaluations').columns(['agency_id', 'rated_on', 'level', 'channel']).execute();
  await db.schema.dropIndex('evaluations_agency_day').execute();
  await db.schema.createIndex('evaluation_visits_order').on('evaluation_visits').column('order_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('evaluation_visits_order').execute();
  await db.schema.createIndex('evaluations_agency_day').on('evaluations').columns(['agency_id', 'rated_on']).execute();
  await db.schema.dropIndex('evaluations_agency_day_level_channel').execute();
}
