// 064_work_delivery: work that finds its person, and delivery of what was decided.
//  - users: their own e-mail address and whether they get the daily work digest (reminders no longer only to the
//    agency mailbox);
//  - mail_outbox: retries with backoff (attempts, next_attempt_at) and a final failure (failed_at) shown to the
//    administrator; user_id for digests;
//  - application_disclosures: the information disclosed with a reply (files, links to published catalogue items),
//    attached to the reply draft and frozen with the letter on the reviewer's approval;
//  - catalogue_items.origin_application_id: a draft made from information disclosed on application (条例 第四十四条),
//    counted in the catalogue's statistics (the applicant's data is never copied).
import { type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema.alterTable('users').addColumn('digest_enabled', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema.alterTable('mail_outbox').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('mail_outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('failed_at', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('user_id', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.createIndex('mail_outbox_pending').on('mail_outbox').columns(['sent_at', 'failed_at', 'next_attempt_at']).execute();

  await db.schema
    .createTable('application_disclosures')
    .addColumn('id', ...id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    // the ledger seq of the reply draft the item belongs to; the letter once the reviewer approved (frozen)
    .addColumn('draft_seq', 'integer', (c) => c.notNull())
    .addColumn('letter_id', 'integer', (c) => c.references('letters.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('mime', 'text')
    .addColumn('size', 'integer')
    .addColumn('content_base64', 'text')
    .addColumn('catalogue_item_id', 'integer', (c) => c.references('catalogue_items.id'))
    .addColumn('frozen_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('application_disclosures_app').on('application_disclosures').columns(['application_id', 'draft_seq']).execute();

  await db.schema.alterTable('catalogue_items').addColumn('origin_application_id', 'integer', (c) => c.references('applications.id')).execute();
}
