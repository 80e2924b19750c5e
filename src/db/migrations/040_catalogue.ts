// 040_catalogue: 主动公开 catalogue — items (the record: 索引号, 有效性, public metadata), versions (content
// and the review workflow, history kept), per-agency index-number counters, attachments, 解读 ↔ policy links,
// the item ledger, editable portal pages (指南/制度), and the search index:
//   SQLite: two contentless FTS5 tables over pre-tokenised bigrams (src/core/search/tokenizer.ts);
//   PostgreSQL: a tsvector column (explicit lexeme:position literal) with a GIN index.
import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const id = idColumn(dialect);

  await db.schema
    .createTable('catalogue_items')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    // 索引号: allocated from catalogue_counters when the item is created; never reused.
    .addColumn('index_no', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('working_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('published_version', 'integer')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    // public metadata, copied from the published version (lists and search never read drafts)
    .addColumn('title', 'text')
    .addColumn('doc_number', 'text')
    .addColumn('kind', 'text')
    .addColumn('category', 'integer')
    .addColumn('subject', 'text')
    .addColumn('made_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('first_published_on', 'text')
    .addColumn('validity', 'text', (c) => c.notNull().defaultTo('valid'))
    .addColumn('validity_changed_on', 'text')
    .addColumn('validity_reason', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('search_key', 'bigint')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('catalogue_items_index_no_uq', ['agency_id', 'index_no'])
    .execute();
  await db.schema.createIndex('catalogue_items_public_idx').on('catalogue_items').columns(['agency_id', 'public', 'published_on', 'id']).execute();
  await db.schema.createIndex('catalogue_items_cat_idx').on('catalogue_items').columns(['agency_id', 'public', 'category', 'published_on', 'id']).execute();
  await db.schema.createIndex('catalogue_items_site_idx').on('catalogue_items').columns(['public', 'published_on', 'id']).execute();
  await db.schema.createIndex('catalogue_items_kind_idx').on('catalogue_items').columns(['agency_id', 'kind']).execute();

  await db.schema
    .createTable('catalogue_versions')
    .addColumn('id', ...id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('catalogue_items.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('made_on', 'text')
    .addColumn('formed_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('disclosure', 'text', (c) => c.notNull())
    .addColumn('withhold_reason', 'text')
    .addColumn('summary', 'text')
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addColumn('review_result', 'text')
    .addColumn('review_basis', 'text')
    .addColumn('reviewer_id', 'integer')
    .addColumn('reviewer_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('approver_id', 'integer')
    .addColumn('approver_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_on', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalogue_versions_uq', ['item_id', 'version_no'])
    .execute();
  await db.schema.createIndex('catalogue_versions_state_idx').on('catalogue_versions').columns(['state', 'item_id']).execute();

  // 索引号 counters: one row per agency and scope (year, or year-month); updated in the publishing transaction.
  await db.schema
    .createTable('catalogue_counters')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalogue_counters_pk', ['agency_id', 'scope'])
    .execute();

  await db.schema
    .createTable('catalogue_settings')
    .addColumn('agency_id', 'integer', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('index_pattern', 'text', (c) => c.notNull())
    .addColumn('require_interpretation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('subjects_json', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalogue_attachments')
    .addColumn('id', ...id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('catalogue_items.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('content_base64', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalogue_attachments_item_idx').on('catalogue_attachments').columns(['item_id', 'version_no']).execute();

  // 政策解读 ↔ policy document (规章 / 行政规范性文件)
  await db.schema
    .createTable('catalogue_links')
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('catalogue_items.id').onDelete('cascade'))
    .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('catalogue_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('catalogue_links_pk', ['policy_id', 'interpretation_id'])
    .execute();
  await db.schema.createIndex('catalogue_links_interp_idx').on('catalogue_links').column('interpretation_id').execute();

  await db.schema
    .createTable('catalogue_events')
    .addColumn('id', ...id)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('catalogue_items.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data_json', 'text')
    .execute();
  await db.schema.createIndex('catalogue_events_item_idx').on('catalogue_events').columns(['item_id', 'id']).execute();

  // Editable portal pages per agency: 政府信息公开指南 (generated, then editable) and 政府信息公开制度.
  await db.schema
    .createTable('portal_pages')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('portal_pages_pk', ['agency_id', 'slug'])
    .execute();

  if (dialect === 'sqlite') {
    // One contentless FTS5 table (decision 006): rowid = recency key (core/search/rank.ts); columns hold
    // space-separated bigram tokens: title (the title alone, for the title tier via a column filter),
    // body (title + summary + text + 文号 + 索引号 + 发布机构), meta (filter tokens).
    await sql`create virtual table catalogue_fts using fts5(title, body, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  } else {
    await db.schema
      .createTable('catalogue_search')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('catalogue_items.id').onDelete('cascade'))
      .addColumn('search_key', 'bigint', (c) => c.notNull())
      .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index catalogue_search_tsv_idx on catalogue_search using gin (tsv)`.execute(db);
    await sql`create index catalogue_search_key_idx on catalogue_search (search_key desc)`.execute(db);
  }
}
