// Catalogue queries (Kysely, both engines). Dialect-specific parts: the search index (FTS5 / tsvector).
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { CatalogueAttachmentsTable, CatalogueItemsTable, CatalogueVersionsTable, Database, PortalPagesTable } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';
import { ftsText, tsvectorLiteral } from '../../core/search/tokenizer.ts';
import { metaFts5, metaTokens, metaTsquery, toFts5, toTsquery, type MetaFilter, type SearchQuery } from '../../core/search/query.ts';
import { idFromRecencyKey, tierWindow } from '../../core/search/rank.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ItemRow = Selectable<CatalogueItemsTable>;
export type VersionRow = Selectable<CatalogueVersionsTable>;
export type AttachmentRow = Selectable<CatalogueAttachmentsTable>;
export type PortalPageRow = Selectable<PortalPagesTable>;

/** Counts stop at this many matches (decision 006): totals beyond are shown as "10000+". */
export const COUNT_CAP = 10_000;

// ───── counters (索引号) ─────

/** Next sequence number for an agency and scope, in the caller's transaction (row-locked on PostgreSQL). */
export async function nextIndexSeq(trx: Executor, agencyId: number, scope: string): Promise<number> {
  const r = await trx
    .insertInto('catalogue_counters')
    .values({ agency_id: agencyId, scope, last_seq: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'scope']).doUpdateSet({ last_seq: sql`catalogue_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return toNumber(r.last_seq);
}

/** Raises the counter to at least `seq` (imported items keep their numbers; new numbers never collide). */
export async function bumpIndexSeq(trx: Executor, agencyId: number, scope: string, seq: number): Promise<void> {
  await trx
    .insertInto('catalogue_counters')
    .values({ agency_id: agencyId, scope, last_seq: seq })
    .onConflict((oc) => oc.columns(['agency_id', 'scope']).doUpdateSet({ last_seq: sql`case when catalogue_counters.last_seq < ${seq} then ${seq} else catalogue_counters.last_seq end` }))
    .execute();
}

// ───── settings ─────

export async function getSettings(db: Executor, agencyId: number) {
  return db.selectFrom('catalogue_settings').selectAll().where('agency_id', '=', agencyId).executeTakeFirst();
}

export async function upsertSettings(db: Executor, row: { agency_id: number; index_pattern: string; require_interpretation: number; subjects_json: string | null; updated_at: string }) {
  await db
    .insertInto('catalogue_settings')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet({ index_pattern: row.index_pattern, require_interpretation: row.require_interpretation, subjects_json: row.subjects_json, updated_at: row.updated_at }))
    .execute();
}

// ───── items and versions ─────

export async function insertItem(trx: Executor, row: Insertable<CatalogueItemsTable>): Promise<number> {
  const r = await trx.insertInto('catalogue_items').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertVersion(trx: Executor, row: Insertable<CatalogueVersionsTable>): Promise<void> {
  await trx.insertInto('catalogue_versions').values(row).execute();
}

export async function getItem(db: Executor, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('catalogue_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getItemByIndexNo(db: Executor, agencyId: number, indexNo: string): Promise<ItemRow | undefined> {
  return db.selectFrom('catalogue_items').selectAll().where('agency_id', '=', agencyId).where('index_no', '=', indexNo).executeTakeFirst();
}

export async function getVersion(db: Executor, itemId: number, versionNo: number): Promise<VersionRow | undefined> {
  return db.selectFrom('catalogue_versions').selectAll().where('item_id', '=', itemId).where('version_no', '=', versionNo).executeTakeFirst();
}

export async function listVersions(db: Executor, itemId: number): Promise<VersionRow[]> {
  return db.selectFrom('catalogue_versions').selectAll().where('item_id', '=', itemId).orderBy('version_no', 'desc').execute();
}

export async function updateVersion(trx: Executor, itemId: number, versionNo: number, patch: Updateable<CatalogueVersionsTable>): Promise<void> {
  await trx.updateTable('catalogue_versions').set(patch).where('item_id', '=', itemId).where('version_no', '=', versionNo).execute();
}

/** Optimistic update of an item; returns false when the row's version moved on. */
export async function updateItem(trx: Executor, id: number, expectedVersion: number, patch: Updateable<CatalogueItemsTable>): Promise<boolean> {
  const r = await trx
    .updateTable('catalogue_items')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteItem(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('catalogue_events').where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_attachments').where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_links').where((eb) => eb.or([eb('policy_id', '=', id), eb('interpretation_id', '=', id)])).execute();
  await trx.deleteFrom('catalogue_versions').where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_items').where('id', '=', id).execute();
}

export interface AdminListFilter {
  agencyIds: readonly number[];
  state?: string | null;
  kind?: string | null;
  q?: string | null;
  page: number;
  pageSize: number;
}

export interface AdminListRow {
  id: number;
  agency_id: number;
  index_no: string;
  public: number;
  validity: string;
  state: string;
  title: string;
  kind: string;
  category: number;
  formed_on: string;
  published_on: string | null;
  updated_at: string;
  working_version: number;
}

export async function listAdmin(db: Executor, f: AdminListFilter): Promise<{ rows: AdminListRow[]; total: number }> {
  let q = db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .where('i.agency_id', 'in', f.agencyIds.length ? [...f.agencyIds] : [-1]);
  if (f.state === 'withdrawn') q = q.where('i.withdrawn_on', 'is not', null);
  else if (f.state) q = q.where('v.state', '=', f.state).where('i.withdrawn_on', 'is', null);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.q) q = q.where((eb) => eb.or([eb('v.title', 'like', `%${f.q}%`), eb('i.index_no', 'like', `%${f.q}%`), eb('v.doc_number', 'like', `%${f.q}%`)]));
  const totalRow = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['i.id', 'i.agency_id', 'i.index_no', 'i.public', 'i.validity', 'v.state', 'v.title', 'v.kind', 'v.category', 'v.formed_on', 'i.published_on', 'v.updated_at', 'i.working_version'])
    .orderBy('v.updated_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows: rows as AdminListRow[], total: toNumber(totalRow?.n) };
}

export interface PublicListFilter {
  agencyId?: number | null;
  category?: number | null;
  kind?: string | null;
  subject?: string | null;
  page: number;
  pageSize: number;
}

export type PublicRow = Pick<ItemRow, 'id' | 'agency_id' | 'index_no' | 'title' | 'doc_number' | 'kind' | 'category' | 'subject' | 'made_on' | 'published_on' | 'validity'>;
const PUBLIC_COLS = ['id', 'agency_id', 'index_no', 'title', 'doc_number', 'kind', 'category', 'subject', 'made_on', 'published_on', 'validity'] as const;

/** Published items newest first, from the (agency, public, [category,] published_on, id) indexes; total capped. */
export async function listPublic(db: Executor, f: PublicListFilter): Promise<{ rows: PublicRow[]; total: number; capped: boolean }> {
  let q = db.selectFrom('catalogue_items').where('public', '=', 1);
  if (f.agencyId != null) q = q.where('agency_id', '=', f.agencyId);
  if (f.category != null) q = q.where('category', '=', f.category);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.subject) q = q.where('subject', '=', f.subject);
  const rows = await q.select(PUBLIC_COLS).orderBy('published_on', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  const c = await db
    .selectFrom(q.select('id').limit(COUNT_CAP + 1).as('x'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const n = toNumber(c?.n);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export async function publicRowsByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.published_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'i.title', 'i.doc_number', 'i.kind', 'i.category', 'i.subject', 'i.made_on', 'i.published_on', 'i.validity', 'v.summary', 'v.body_text', 'v.publisher'])
    .where('i.id', 'in', [...ids])
    .where('i.public', '=', 1)
    .execute();
}

export async function subjectsInUse(db: Executor, agencyId: number): Promise<Array<{ subject: string; n: number }>> {
  const rows = await db
    .selectFrom('catalogue_items')
    .select(['subject', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('public', '=', 1)
    .where('subject', 'is not', null)
    .groupBy('subject')
    .orderBy('subject')
    .execute();
  return rows.map((r) => ({ subject: r.subject!, n: toNumber(r.n) }));
}

export async function categoryCounts(db: Executor, agencyId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('catalogue_items')
    .select(['category', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('public', '=', 1)
    .groupBy('category')
    .execute();
  return new Map(rows.map((r) => [Number(r.category), toNumber(r.n)]));
}

/** Every 规章 / 行政规范性文件 of an agency with its first publication (for the table 二 fold). */
export async function statItems(db: Executor, agencyId: number) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', sql`coalesce(i.published_version, i.working_version)`))
    .select(['i.id', 'v.kind', 'v.made_on', 'i.first_published_on', 'i.validity', 'i.validity_changed_on', 'i.withdrawn_on', 'v.title', 'i.index_no'])
    .where('i.agency_id', '=', agencyId)
    .where('v.kind', 'in', ['rule', 'normative'])
    .execute();
}

/** Unpublished working versions that are 主动公开 (the 第二十六条 clock runs for them). */
export async function openClockItems(db: Executor, agencyIds: readonly number[]) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'v.title', 'v.formed_on', 'v.state'])
    .where('i.agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1])
    .where('v.state', 'not in', ['published', 'superseded'])
    .where('v.disclosure', '=', 'proactive')
    .where('i.withdrawn_on', 'is', null)
    .orderBy('v.formed_on')
    .execute();
}

export async function exportRows(db: Executor, agencyId: number) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', sql`coalesce(i.published_version, i.working_version)`))
    .select(['i.id', 'i.index_no', 'v.title', 'v.doc_number', 'v.publisher', 'v.made_on', 'i.published_on', 'i.validity', 'i.validity_changed_on', 'v.category', 'v.subject', 'v.kind', 'v.disclosure', 'v.withhold_reason', 'v.summary', 'v.body_text', 'v.state'])
    .where('i.agency_id', '=', agencyId)
    .orderBy('i.id')
    .execute();
}

// ───── attachments, links, events ─────

export async function insertAttachment(trx: Executor, row: Insertable<CatalogueAttachmentsTable>): Promise<number> {
  const r = await trx.insertInto('catalogue_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export async function listAttachments(db: Executor, itemId: number, versionNo: number): Promise<AttachmentRow[]> {
  return db.selectFrom('catalogue_attachments').selectAll().where('item_id', '=', itemId).where('version_no', '=', versionNo).orderBy('id').execute();
}
export async function getAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('catalogue_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function copyAttachments(trx: Executor, itemId: number, fromVersion: number, toVersion: number): Promise<void> {
  const rows = await listAttachments(trx, itemId, fromVersion);
  for (const r of rows) {
    const { id: _id, ...rest } = r;
    await trx.insertInto('catalogue_attachments').values({ ...rest, version_no: toVersion }).execute();
  }
}
export async function deleteAttachment(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('catalogue_attachments').where('id', '=', id).execute();
}

export async function addLink(trx: Executor, policyId: number, interpretationId: number): Promise<void> {
  await trx.insertInto('catalogue_links').values({ policy_id: policyId, interpretation_id: interpretationId }).onConflict((oc) => oc.doNothing()).execute();
}
export async function linksOf(db: Executor, itemId: number) {
  const asPolicy = await db
    .selectFrom('catalogue_links as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.interpretation_id')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'i.public', 'i.published_on', 'v.title', 'v.state'])
    .where('l.policy_id', '=', itemId)
    .execute();
  const asInterpretation = await db
    .selectFrom('catalogue_links as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.policy_id')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'i.public', 'i.published_on', 'v.title', 'v.state'])
    .where('l.interpretation_id', '=', itemId)
    .execute();
  return { interpretations: asPolicy, policies: asInterpretation };
}

export async function insertEvent(trx: Executor, row: { item_id: number; version_no: number; action: string; at: string; actor_user_id: number | null; actor_name: string; data_json: string | null }): Promise<void> {
  await trx.insertInto('catalogue_events').values(row).execute();
}
export async function listEvents(db: Executor, itemId: number) {
  return db.selectFrom('catalogue_events').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
}

// ───── portal pages ─────

export async function getPortalPage(db: Executor, agencyId: number, slug: string): Promise<PortalPageRow | undefined> {
  return db.selectFrom('portal_pages').selectAll().where('agency_id', '=', agencyId).where('slug', '=', slug).executeTakeFirst();
}
export async function upsertPortalPage(db: Executor, row: { agency_id: number; slug: string; title: string; body_html: string; updated_at: string; updated_by: number | null }): Promise<void> {
  await db
    .insertInto('portal_pages')
    .values(row)
    .onConflict((oc) => oc.columns(['agency_id', 'slug']).doUpdateSet({ title: row.title, body_html: row.body_html, updated_at: row.updated_at, updated_by: row.updated_by, version: sql`portal_pages.version + 1` }))
    .execute();
}

// ───── search index ─────

export interface IndexDoc {
  itemId: number;
  searchKey: number;
  agencyId: number;
  title: string;
  /** summary, body text, 文号, 索引号, 发布机构 */
  text: string;
  category: number;
  kind: string;
  year: number;
  validity: string;
}

export async function removeFromIndex(trx: Executor, itemId: number, searchKey: number | string | null): Promise<void> {
  if (dialectOf(trx as Kysely<unknown>) === 'postgres') {
    await trx.deleteFrom('catalogue_search').where('item_id', '=', itemId).execute();
    return;
  }
  if (searchKey === null || searchKey === undefined) return;
  const k = Number(searchKey);
  await sql`delete from catalogue_fts where rowid = ${k}`.execute(trx);
  await sql`delete from catalogue_fts_title where rowid = ${k}`.execute(trx);
}

export async function addToIndex(trx: Executor, d: IndexDoc): Promise<void> {
  const meta = metaTokens({ agencyId: d.agencyId, category: d.category, kind: d.kind, year: d.year, validity: d.validity }).join(' ');
  if (dialectOf(trx as Kysely<unknown>) === 'postgres') {
    const metaLex = meta.split(' ').map((m) => `'${m}':1B`).join(' ');
    const lit = `${tsvectorLiteral([{ text: d.title, weight: 'A' }, { text: d.text }])} ${metaLex}`;
    await sql`insert into catalogue_search (item_id, search_key, tsv) values (${d.itemId}, ${d.searchKey}, ${lit}::tsvector)
      on conflict (item_id) do update set search_key = excluded.search_key, tsv = excluded.tsv`.execute(trx);
    return;
  }
  const title = ftsText(d.title);
  await sql`insert into catalogue_fts (rowid, body, meta) values (${d.searchKey}, ${title + ' ' + ftsText(d.text)}, ${meta})`.execute(trx);
  await sql`insert into catalogue_fts_title (rowid, title, meta) values (${d.searchKey}, ${title}, ${meta})`.execute(trx);
}

export interface SearchPage {
  ids: Array<{ id: number; tier: 0 | 1 }>;
  total: number;
  capped: boolean;
}

/** Tiered search (decision 006): title matches newest first, then text-only matches newest first. */
export async function searchIndex(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number): Promise<SearchPage> {
  if (dialectOf(db as Kysely<unknown>) === 'postgres') return searchPg(db, q, filter, page, pageSize);
  const meta = metaFts5(filter);
  const all = meta ? `(${toFts5(q)}) AND ${meta}` : toFts5(q);
  const title = meta ? `(${toFts5(q, 'title')}) AND ${meta}` : toFts5(q, 'title');
  const cnt = async (table: 'catalogue_fts' | 'catalogue_fts_title', expr: string) => {
    const r = await sql<{ n: number }>`select count(*) as n from (select rowid from ${sql.table(table)} where ${sql.table(table)} match ${expr} limit ${COUNT_CAP + 1})`.execute(db);
    return toNumber(r.rows[0]?.n);
  };
  const total = await cnt('catalogue_fts', all);
  const t0 = total === 0 ? 0 : await cnt('catalogue_fts_title', title);
  const w = tierWindow(page, pageSize, t0);
  const ids: SearchPage['ids'] = [];
  if (w.t0Limit > 0) {
    const r = await sql<{ k: number }>`select rowid as k from catalogue_fts_title where catalogue_fts_title match ${title} order by rowid desc limit ${w.t0Limit} offset ${w.t0Offset}`.execute(db);
    for (const x of r.rows) ids.push({ id: idFromRecencyKey(Number(x.k)), tier: 0 });
  }
  if (w.t1Limit > 0 && total > t0) {
    const r = await sql<{ k: number }>`select rowid as k from catalogue_fts where catalogue_fts match ${all}
      and rowid not in (select rowid from catalogue_fts_title where catalogue_fts_title match ${title})
      order by rowid desc limit ${w.t1Limit} offset ${w.t1Offset}`.execute(db);
    for (const x of r.rows) ids.push({ id: idFromRecencyKey(Number(x.k)), tier: 1 });
  }
  return { ids, total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
}

async function searchPg(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number): Promise<SearchPage> {
  const m = metaTsquery(filter);
  const all = m ? `(${toTsquery(q)}) & ${m}` : toTsquery(q);
  const title = m ? `(${toTsquery(q, 'A')}) & ${m}` : toTsquery(q, 'A');
  const cnt = async (expr: string) => {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from catalogue_search where tsv @@ ${expr}::tsquery limit ${COUNT_CAP + 1}) x`.execute(db);
    return toNumber(r.rows[0]?.n);
  };
  const total = await cnt(all);
  const t0 = total === 0 ? 0 : await cnt(title);
  const w = tierWindow(page, pageSize, t0);
  const ids: SearchPage['ids'] = [];
  if (w.t0Limit > 0) {
    const r = await sql<{ item_id: number }>`select item_id from catalogue_search where tsv @@ ${title}::tsquery order by search_key desc limit ${w.t0Limit} offset ${w.t0Offset}`.execute(db);
    for (const x of r.rows) ids.push({ id: x.item_id, tier: 0 });
  }
  if (w.t1Limit > 0 && total > t0) {
    const r = await sql<{ item_id: number }>`select item_id from catalogue_search where tsv @@ ${all}::tsquery and not (tsv @@ ${title}::tsquery)
      order by search_key desc limit ${w.t1Limit} offset ${w.t1Offset}`.execute(db);
    for (const x of r.rows) ids.push({ id: x.item_id, tier: 1 });
  }
  return { ids, total: Math.min(total, COUNT_CAP), capped: total > COUNT_CAP };
}

/** The LIKE scan the index replaces (benchmark baseline only). */
export async function likeScanCount(db: Executor, patterns: readonly string[]): Promise<number> {
  let q = db.selectFrom('catalogue_items as i').innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.published_version')).where('i.public', '=', 1);
  for (const p of patterns) q = q.where((eb) => eb.or([eb('v.title', 'like', p), eb('v.body_text', 'like', p)]));
  const r = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toNumber(r?.n);
}
