// 156_sample_items_agency_index: the 抽查 records drawn carry the agency they belong to; like every table with agency
// data, an index leads with agency_id (decision 116: an agency's rows are found without scanning other agencies',
// and the table distributes by agency).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('supervision_sample_items_agency_idx').on('supervision_sample_items').columns(['agency_id', 'sample_id']).execute();
}

