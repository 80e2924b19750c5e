// 区分处理 (redaction) of the files a reply discloses (decision 120):
//  - disclosure_redactions: each withheld part of a disclosed file (its boxes on one page, in points from the
//    displayed page's top-left corner, as JSON), its reason (core/redaction REDACTION_REASONS) and, for a
//    suggestion, its key — or a dismissed suggestion (status 'dismissed', no reason);
//  - application_disclosures: the redacted copy (encrypted like the original) and when it was made, the
//    version guarding concurrent edits of the redactions, and the officer's search terms (encrypted: a
//    third party's name is personal data).
import { type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema.alterTable('application_disclosures').addColumn('redacted_base64', 'text').execute();
  await db.schema.alterTable('application_disclosures').addColumn('redacted_size', 'integer').execute();
  await db.schema.alterTable('application_disclosures').addColumn('redacted_at', 'text').execute();
  await db.schema.alterTable('application_disclosures').addColumn('redaction_version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('application_disclosures').addColumn('redaction_terms', 'text').execute();
  await db.schema
    .createTable('disclosure_redactions')
    .addColumn('id', ...id)
    .addColumn('disclosure_id', 'integer', (c) => c.notNull().references('application_disclosures.id'))
    .addColumn('page', 'integer', (c) => c.notNull())
    .addColumn('boxes_json', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('other_text', 'text')
    .addColumn('suggestion_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('disclosure_redactions_disclosure').on('disclosure_redactions').columns(['disclosure_id']).execute();
}
