// 060_personal_data: applicants' personal data protection (feature: personal-data).
//  - applications.phone_hash / id_number_hash / email_hash: keyed hashes (HMAC) for exact-match search;
//    phone, id_number, email and address (and mail_outbox.to_address) hold AES-256-GCM envelopes from now on.
//    A migration has no key: rows written before this one are encrypted by the seal step that every start
//    runs after migrating (personal-data.service sealPlaintext; idempotent), which also fills the hashes.
//  - personal_data_access: who opened which applicant's personal data, through which door (written in
//    the same request; read by admin and leaders).
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema.alterTable('applications').addColumn('phone_hash', 'text').execute();
  await db.schema.alterTable('applications').addColumn('id_number_hash', 'text').execute();
  await db.schema.alterTable('applications').addColumn('email_hash', 'text').execute();
  await db.schema.createIndex('applications_phone_hash_idx').on('applications').column('phone_hash').execute();
  await db.schema.createIndex('applications_id_number_hash_idx').on('applications').column('id_number_hash').execute();

  await db.schema
    .createTable('personal_data_access')
    .addColumn('id', ...id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // the agency whose applicant it is (scope of the leader's view of the log)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    .addColumn('query_code', 'text')
    // case_page | api_get | letter_docx | letter_pdf | attachment | export | mail_outbox | search
    .addColumn('door', 'text', (c) => c.notNull())
    // comma-separated personal fields shown (idNumber,phone,email,address …)
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('personal_data_access_agency_idx').on('personal_data_access').columns(['agency_id', 'id']).execute();
  await db.schema.createIndex('personal_data_access_app_idx').on('personal_data_access').column('application_id').execute();
}
