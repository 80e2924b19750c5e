// 245_evaluation_orders_agency_key: a 差评 work order's history (evaluation_order_events) and its evidence files
// (evaluation_order_files) carry the order's agency_id, and their indexes lead with it (decision 205: ready for
// distribution by agency, an order and its records on one node; the order page reads them by (agency_id, order_id)).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

const ofOrder = (table: string) => `select p.agency_id from evaluation_orders p where p.id = ${table}.order_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'evaluation_order_events', ofOrder('evaluation_order_events'), [
    { drop: 'evaluation_order_events_order', name: 'evaluation_order_events_agency_idx', columns: ['order_id', 'id'] },
  ]);
  // the files had no index at all: the order page found them by scanning the table
  await addAgencyKey(db, 'evaluation_order_files', ofOrder('evaluation_order_files'), [
    { name: 'evaluation_order_files_agency_idx', columns: ['order_id', 'id'] },
  ]);
}
