// 030_applications: 依申请公开 — applications, their append-only ledger, attachments, letters and
// versioned letter templates, 信息处理费, 复议/诉讼 cases, and the mail outbox (feature: applications).
import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));

  await db.schema
    .createTable('applications')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('query_code', 'text', (c) => c.notNull().unique())
    // 第三十一条: the receipt date follows the channel.
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'in_person', 'registered_mail', 'ordinary_mail', 'fax', 'email')`))
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('applicant_type', 'text', (c) => c.notNull().check(sql`applicant_type in ('natural_person', 'commercial', 'research', 'social', 'legal_service', 'other')`))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text')
    .addColumn('id_number', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('legal_representative', 'text')
    .addColumn('contact_person', 'text')
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('email', 'text')
    .addColumn('applicant_key', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('provide_form', 'text', (c) => c.notNull())
    .addColumn('obtain_method', 'text', (c) => c.notNull())
    .addColumn('fee_waiver_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    // The table 三 row the outcome is counted in, per format (report fold; see core/applications/outcomes.ts).
    .addColumn('outcome_row_2019', 'text')
    .addColumn('outcome_row_2021', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('applications_agency_state_idx').on('applications').columns(['agency_id', 'state']).execute();
  await db.schema.createIndex('applications_agency_received_idx').on('applications').columns(['agency_id', 'received_on']).execute();
  await db.schema.createIndex('applications_applicant_idx').on('applications').columns(['agency_id', 'applicant_key']).execute();
  await db.schema.createIndex('applications_assigned_idx').on('applications').column('assigned_user_id').execute();

  // The ledger: append-only (the repository only ever inserts). seq is 1, 2, 3 … per application.
  await db.schema
    .createTable('application_events')
    .addColumn('id', ...id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .addUniqueConstraint('application_events_seq_uq', ['application_id', 'seq'])
    .execute();

  await db.schema
    .createTable('application_attachments')
    .addColumn('id', ...id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_attachments_app_idx').on('application_attachments').column('application_id').execute();

  await db.schema
    .createTable('letter_templates')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('letter_templates_version_uq', ['agency_id', 'kind', 'version'])
    .execute();

  await db.schema
    .createTable('letters')
    .addColumn('id', ...id)
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer')
    .addColumn('event_seq', 'integer')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('letters_app_idx').on('letters').column('application_id').execute();

  await db.schema
    .createTable('application_fees')
    .addColumn('id', ...id)
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('per_item', 'per_page')`))
    .addColumn('nth_in_month', 'integer')
    .addColumn('pages', 'integer')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('notice_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appeal_cases')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    // table 四 groups: 行政复议 | 行政诉讼 未经复议直接起诉 | 复议后起诉
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('review', 'litigation_direct', 'litigation_after_review')`))
    .addColumn('filed_on', 'text', (c) => c.notNull())
    .addColumn('body_name', 'text')
    .addColumn('case_number', 'text')
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('upheld', 'corrected', 'other', 'pending')`))
    .addColumn('closed_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('appeal_cases_agency_idx').on('appeal_cases').columns(['agency_id', 'filed_on']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('application_id', 'integer', (c) => c.references('applications.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_agency_idx').on('mail_outbox').columns(['agency_id', 'created_at']).execute();
}
