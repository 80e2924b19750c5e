// 165_service_item_check_digests: what the must-match check reads instead of every item's values (decision 165).
//  - service_items.check_digest: per element the item holds, a 64-bit hash of the form the check compares
//    (core/service-items/digest.ts, format v1); the check opens values only where two rows' digests differ;
//  - service_items.completeness_score: the item's completeness score (core itemScore), for the unit scores.
// Both are written with values_json by every write path; existing rows are filled here, in batches by id, with the
// schema in force (built-in elements + the administrator's, from service_item_settings). A row left without them
// (null) is still checked correctly: the check opens its values.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkDigest } from '../../core/service-items/digest.ts';
import { elementSchema, type ElementDef, type ElementValues } from '../../core/service-items/elements.ts';
import { itemScore } from '../../core/service-items/consistency.ts';

const BATCH = 500;
// the same hash as the application's (service-items.check.ts digestHash): 64 bits of SHA-256, base64url
const digestHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 11);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('service_items').addColumn('check_digest', 'text').execute();
  await db.schema.alterTable('service_items').addColumn('completeness_score', 'integer').execute();
  const setting = await db.selectFrom('service_item_settings').select('value_json').where('key', '=', 'elements').executeTakeFirst();
  const schema = elementSchema(setting ? (JSON.parse(String(setting.value_json)) as ElementDef[]) : []);
  let last = 0;
  for (;;) {
    const rows = await db.selectFrom('service_items').select(['id', 'values_json']).where('id', '>', last).orderBy('id').limit(BATCH).execute();
    if (!rows.length) break;
    last = Number(rows[rows.length - 1]!.id);
    for (const r of rows) {
      const values = JSON.parse(String(r.values_json)) as ElementValues;
      await db.updateTable('service_items').set({ check_digest: checkDigest(schema, values, digestHash), completeness_score: itemScore(values) }).where('id', '=', r.id).execute();
    }
  }
}
