// 116_agency_key_indexes: every table of agency data has an index that starts with agency_id (decision 116, ready
// for distribution by agency). `letters` was the one table with an agency_id and no such index (its lists went
// through the application).
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('letters_agency_idx').on('letters').columns(['agency_id', 'id']).execute();
}
