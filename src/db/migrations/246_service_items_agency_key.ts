// 246_service_items_agency_key: a service item's change history (service_item_changes) and its files
// (service_item_files) carry the item's agency_id, and their unique keys lead with it (decision 205: ready for
// distribution by agency — Citus needs the distribution column in every unique key; (agency_id, item_id, …) is as
// unique as (item_id, …) because an item has one agency).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

const ofItem = (table: string) => `select p.agency_id from service_items p where p.id = ${table}.item_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'service_item_changes', ofItem('service_item_changes'), [
    { dropConstraint: 'service_item_changes_uq', name: 'service_item_changes_agency_uq', columns: ['item_id', 'version_no'], unique: true },
  ]);
  await addAgencyKey(db, 'service_item_files', ofItem('service_item_files'), [
    { dropConstraint: 'service_item_files_uq', name: 'service_item_files_agency_uq', columns: ['item_id', 'filename'], unique: true },
  ]);
}
