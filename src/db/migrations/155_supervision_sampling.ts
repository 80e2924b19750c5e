// 155_supervision_sampling: the 不定期抽查 of the assessment (feature: supervision).
//  - supervision_samples: a draw of records for manual checking by a supervising agency for a year — the seed, the sizes
//    asked and the populations drawn from, so that the draw can be verified (core/supervision/sample.ts); a draw is
//    replaced only with a reason (replaced_by points to the new one).
//  - supervision_sample_items: the records drawn (kind, entity id, the agency it belongs to, a label and date as they were
//    when drawn) with the supervisor's result (合格 pass / 不合格 fail, with a note), versioned.
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema
    .createTable('supervision_samples')
    .addColumn('id', ...id)
    .addColumn('supervisor_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('items_asked', 'integer', (c) => c.notNull())
    .addColumn('cases_asked', 'integer', (c) => c.notNull())
    .addColumn('items_population', 'integer', (c) => c.notNull())
    .addColumn('cases_population', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('replaced_by', 'integer')
    .addColumn('drawn_by_name', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_samples_agency_year_idx').on('supervision_samples').columns(['supervisor_agency_id', 'year']).execute();
  await db.schema
    .createTable('supervision_sample_items')
    .addColumn('id', ...id)
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('supervision_samples.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('ref_date', 'text')
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('checked_by_name', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('supervision_sample_items_sample_idx').on('supervision_sample_items').columns(['sample_id', 'ordinal']).execute();
}
