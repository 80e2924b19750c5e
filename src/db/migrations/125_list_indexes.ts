// 125_list_indexes: indexes for the case list and the 工作台 as the open cases grow (decision 063, load benchmark).
//  - applications (agency_id, id): a list page (newest first) walks the index instead of sorting every case of the
//    agency (each row with its encrypted columns) to keep twenty;
//  - application_events (on_date): the due candidates of the 工作台 keep the cases with an event dated after today
//    (their reply clock is read from that day) — an index range that is almost always empty.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_agency_id_idx').on('applications').columns(['agency_id', 'id']).execute();
  await db.schema.createIndex('application_events_on_date_idx').on('application_events').column('on_date').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_events_on_date_idx').execute();
  await db.schema.dropIndex('applications_agency_id_idx').execute();
}
