// 096_disclosure_publication: 依申请公开转主动公开 (条例 第四十四条).
//  - applications.publication_dismissed_at / _by / _reason: the officer decided not to publish a disclosed case's
//    information (the suggestion of the case page and the work queue ends there; the decision is audited);
//  - an index on catalogue_items.origin_application_id (064): the drafts made from a case, found from the case page,
//    the work queue and the catalogue's statistics.
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('publication_dismissed_at', 'text').execute();
  await db.schema.alterTable('applications').addColumn('publication_dismissed_by', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('applications').addColumn('publication_dismissed_reason', 'text').execute();
  await db.schema.createIndex('catalogue_items_origin').on('catalogue_items').column('origin_application_id').execute();
}
