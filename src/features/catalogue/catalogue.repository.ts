// Catalogue queries (Kysely, both engines). Dialect-specific parts: the search index (FTS5 / tsvector).
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { CatalogueAttachmentsTable, CatalogueItemsTable, CatalogueVersionsTable, Database, PortalPagesTable } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';
import { META_PREFIX, TITLE_PREFIX } from '../../core/search/tokenizer.ts';
import { fts5Row, headRow, tsvRow, type IndexDoc } from '../../core/search/document.ts';
import { metaFts5, toFts5, type MetaFilter, type SearchQuery } from '../../core/search/query.ts';
import { cleanFileName } from '../shared/filenames.ts';
import { idFromRecencyKey, pageAcrossTiers, type Tier, type TierSource } from '../../core/search/rank.ts';
import { searchPg, type SearchMemo } from './catalogue.search-pg.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ItemRow = Selectable<CatalogueItemsTable>;
export type VersionRow = Selectable<CatalogueVersionsTable>;
export type AttachmentRow = Selectable<CatalogueAttachmentsTable>;
export type PortalPageRow = Selectable<PortalPagesTable>;

/** List counts (only when the facet cache cannot answer) stop at this many matches; shown as "10000 条以上". */
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

/** Versions, attachments and events are read by (agency_id, item_id, …): the key their indexes lead with (decision 205). */
export async function getVersion(db: Executor, agencyId: number, itemId: number, versionNo: number): Promise<VersionRow | undefined> {
  return db.selectFrom('catalogue_versions').selectAll().where('agency_id', '=', agencyId).where('item_id', '=', itemId).where('version_no', '=', versionNo).executeTakeFirst();
}

export async function listVersions(db: Executor, agencyId: number, itemId: number): Promise<VersionRow[]> {
  return db.selectFrom('catalogue_versions').selectAll().where('agency_id', '=', agencyId).where('item_id', '=', itemId).orderBy('version_no', 'desc').execute();
}

export async function updateVersion(trx: Executor, agencyId: number, itemId: number, versionNo: number, patch: Updateable<CatalogueVersionsTable>): Promise<void> {
  await trx.updateTable('catalogue_versions').set(patch).where('agency_id', '=', agencyId).where('item_id', '=', itemId).where('version_no', '=', versionNo).execute();
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

/**
 * Claims the item for this transaction when its version is still `expectedVersion` (no change to the row). On
 * PostgreSQL the UPDATE takes the row lock: a concurrent writer holding the same version waits here and then
 * gets false, so it answers 409 before writing anything (no race for version numbers or ledger rows).
 */
export async function claimItem(trx: Executor, id: number, expectedVersion: number): Promise<boolean> {
  const r = await trx.updateTable('catalogue_items').set({ version: sql`version` }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteItem(trx: Executor, agencyId: number, id: number): Promise<void> {
  await trx.deleteFrom('catalogue_events').where('agency_id', '=', agencyId).where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_attachments').where('agency_id', '=', agencyId).where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_links').where('agency_id', '=', agencyId).where((eb) => eb.or([eb('policy_id', '=', id), eb('interpretation_id', '=', id)])).execute();
  await trx.deleteFrom('catalogue_versions').where('agency_id', '=', agencyId).where('item_id', '=', id).execute();
  await trx.deleteFrom('catalogue_items').where('id', '=', id).execute();
}

export interface AdminListFilter {
  agencyIds: readonly number[];
  state?: string | null;
  kind?: string | null;
  q?: string | null;
  /** 'application': only items made from information disclosed on application (条例 第四十四条, “依申请转主动”) */
  origin?: 'application' | null;
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
  origin_application_id: number | null;
}

export async function listAdmin(db: Executor, f: AdminListFilter): Promise<{ rows: AdminListRow[]; total: number }> {
  let q = db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .where('i.agency_id', 'in', f.agencyIds.length ? [...f.agencyIds] : [-1]);
  if (f.state === 'withdrawn') q = q.where('i.withdrawn_on', 'is not', null);
  else if (f.state) q = q.where('v.state', '=', f.state).where('i.withdrawn_on', 'is', null);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.origin === 'application') q = q.where('i.origin_application_id', 'is not', null);
  if (f.q) q = q.where((eb) => eb.or([eb('v.title', 'like', `%${f.q}%`), eb('i.index_no', 'like', `%${f.q}%`), eb('v.doc_number', 'like', `%${f.q}%`)]));
  const totalRow = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q
    .select(['i.id', 'i.agency_id', 'i.index_no', 'i.public', 'i.validity', 'v.state', 'v.title', 'v.kind', 'v.category', 'v.formed_on', 'i.published_on', 'v.updated_at', 'i.working_version', 'i.origin_application_id'])
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

/**
 * Published items newest first, from the (agency, public, [category,] published_on, id) indexes. `knownTotal`
 * (from the cached facet counts) skips the count; otherwise the total is counted up to COUNT_CAP.
 */
export async function listPublic(db: Executor, f: PublicListFilter, knownTotal?: number | null): Promise<{ rows: PublicRow[]; total: number; capped: boolean }> {
  let q = db.selectFrom('catalogue_items').where('public', '=', 1);
  if (f.agencyId != null) q = q.where('agency_id', '=', f.agencyId);
  if (f.category != null) q = q.where('category', '=', f.category);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.subject) q = q.where('subject', '=', f.subject);
  const rows = await q.select(PUBLIC_COLS).orderBy('published_on', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  if (knownTotal != null) return { rows, total: knownTotal, capped: false };
  const c = await db
    .selectFrom(q.select('id').limit(COUNT_CAP + 1).as('x'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const n = toNumber(c?.n);
  return { rows, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Published items of an agency counted by (第二十条 category, subject): one index scan, cached by the service. */
export async function facetCounts(db: Executor, agencyId: number): Promise<Array<{ category: number; subject: string | null; n: number }>> {
  const rows = await db
    .selectFrom('catalogue_items')
    .select(['category', 'subject', (eb) => eb.fn.countAll().as('n')])
    .where('agency_id', '=', agencyId)
    .where('public', '=', 1)
    .groupBy(['category', 'subject'])
    .execute();
  return rows.map((r) => ({ category: Number(r.category), subject: r.subject, n: toNumber(r.n) }));
}

export interface PublicItemRow {
  id: number;
  agency_id: number;
  index_no: string;
  published_on: string | null;
  validity: string;
  validity_changed_on: string | null;
  version_no: number;
  title: string;
  doc_number: string | null;
  publisher: string;
  made_on: string | null;
  category: number;
  subject: string | null;
  kind: string;
  summary: string | null;
  body_html: string;
  attachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  interpretations: Array<{ id: number; title: string; published_on: string | null }>;
  policies: Array<{ id: number; title: string; published_on: string | null }>;
}

/** The public item page in ONE query: the published version, its attachments and the public linked items (JSON sub-selects). */
export async function publicItemRow(db: Executor, id: number): Promise<PublicItemRow | undefined> {
  const pg = dialectOf(db as Kysely<unknown>) === 'postgres';
  const att = pg
    ? sql`(select coalesce(json_agg(json_build_object('id', a.id, 'filename', a.filename, 'size', a.size, 'mime', a.mime) order by a.id), '[]'::json)::text from catalogue_attachments a where a.agency_id = i.agency_id and a.item_id = i.id and a.version_no = i.published_version)`
    : sql`(select json_group_array(json_object('id', a.id, 'filename', a.filename, 'size', a.size, 'mime', a.mime)) from (select * from catalogue_attachments where agency_id = i.agency_id and item_id = i.id and version_no = i.published_version order by id) a)`;
  const linked = (mine: 'policy_id' | 'interpretation_id', other: 'policy_id' | 'interpretation_id') =>
    pg
      ? sql`(select coalesce(json_agg(json_build_object('id', o.id, 'title', o.title, 'published_on', o.published_on) order by o.published_on, o.id), '[]'::json)::text from catalogue_links l join catalogue_items o on o.id = l.${sql.ref(other)} where l.agency_id = i.agency_id and l.${sql.ref(mine)} = i.id and o.public = 1)`
      : // CROSS JOIN fixes SQLite's join order (links first): without statistics it scanned every public item
        sql`(select json_group_array(json_object('id', o.id, 'title', o.title, 'published_on', o.published_on)) from (select o.id, o.title, o.published_on from catalogue_links l cross join catalogue_items o on o.id = l.${sql.ref(other)} where l.agency_id = i.agency_id and l.${sql.ref(mine)} = i.id and o.public = 1 order by o.published_on, o.id) o)`;
  const r = await sql<Omit<PublicItemRow, 'attachments' | 'interpretations' | 'policies'> & { att: string; interp: string; pol: string }>`
    select i.id, i.agency_id, i.index_no, i.published_on, i.validity, i.validity_changed_on, v.version_no, v.title, v.doc_number, v.publisher,
      v.made_on, v.category, v.subject, v.kind, v.summary, v.body_html,
      ${att} as att, ${linked('policy_id', 'interpretation_id')} as interp, ${linked('interpretation_id', 'policy_id')} as pol
    from catalogue_items i join catalogue_versions v on v.agency_id = i.agency_id and v.item_id = i.id and v.version_no = i.published_version
    where i.id = ${id} and i.public = 1`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  const { att: a, interp, pol, ...rest } = row;
  return { ...rest, id: Number(rest.id), agency_id: Number(rest.agency_id), version_no: Number(rest.version_no), category: Number(rest.category), attachments: (JSON.parse(a) as PublicItemRow['attachments']).map((x) => ({ ...x, filename: cleanFileName(x.filename) })), interpretations: JSON.parse(interp) as PublicItemRow['interpretations'], policies: JSON.parse(pol) as PublicItemRow['policies'] };
}

export async function publicRowsByIds(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.published_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'i.public', 'i.title', 'i.doc_number', 'i.kind', 'i.category', 'i.subject', 'i.made_on', 'i.published_on', 'i.validity', 'v.summary', 'v.body_text', 'v.publisher'])
    .where('i.id', 'in', [...ids])
    .execute()
    // `public` filtered here, not in SQL: without statistics SQLite chose the (public, …) index and scanned every public item
    .then((rows) => rows.filter((r) => r.public === 1));
}

/** Every 规章 / 行政规范性文件 of an agency with its first publication (for the table 二 fold). */
export async function statItems(db: Executor, agencyId: number) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', sql`coalesce(i.published_version, i.working_version)`))
    .select(['i.id', 'v.kind', 'v.made_on', 'i.first_published_on', 'i.validity', 'i.validity_changed_on', 'i.withdrawn_on', 'v.title', 'i.index_no'])
    .where('i.agency_id', '=', agencyId)
    .where('v.kind', 'in', ['rule', 'normative'])
    .execute();
}

/** Unpublished working versions that are 主动公开 (the 第二十六条 clock runs for them). */
export async function openClockItems(db: Executor, agencyIds: readonly number[]) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'v.title', 'v.formed_on', 'v.state'])
    .where('i.agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1])
    .where('v.state', 'not in', ['published', 'superseded'])
    .where('v.disclosure', '=', 'proactive')
    .where('i.withdrawn_on', 'is', null)
    .orderBy('v.formed_on')
    .execute();
}

/** Open clocks of the deadlines feature for catalogue items (read-only join, as deadline_clocks shows them), with the working version. */
export async function openClocks(db: Executor, agencyIds: readonly number[], entity: string, kind: string) {
  return db
    .selectFrom('deadline_clocks as d')
    .innerJoin('catalogue_items as i', (j) => j.on(sql`cast(d.entity_id as integer)`, '=', sql.ref('i.id')))
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'v.title', 'v.formed_on', 'v.state', 'd.due', 'd.provisional'])
    .where('d.entity', '=', entity)
    .where('d.kind', '=', kind)
    .where('d.open', '=', 1)
    .where('d.due', 'is not', null)
    .where('d.agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1])
    .orderBy('d.due')
    .execute() as Promise<Array<{ id: number; index_no: string; title: string; formed_on: string; state: string; due: string; provisional: number }>>;
}

export async function exportRows(db: Executor, agencyId: number) {
  return db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', sql`coalesce(i.published_version, i.working_version)`))
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
export async function listAttachments(db: Executor, agencyId: number, itemId: number, versionNo: number): Promise<AttachmentRow[]> {
  return db.selectFrom('catalogue_attachments').selectAll().where('agency_id', '=', agencyId).where('item_id', '=', itemId).where('version_no', '=', versionNo).orderBy('id').execute();
}
export async function getAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('catalogue_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function copyAttachments(trx: Executor, agencyId: number, itemId: number, fromVersion: number, toVersion: number): Promise<void> {
  const rows = await listAttachments(trx, agencyId, itemId, fromVersion);
  for (const r of rows) {
    const { id: _id, ...rest } = r;
    await trx.insertInto('catalogue_attachments').values({ ...rest, version_no: toVersion }).execute();
  }
}
export async function deleteAttachment(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('catalogue_attachments').where('id', '=', id).execute();
}

export async function addLink(trx: Executor, agencyId: number, policyId: number, interpretationId: number): Promise<void> {
  await trx.insertInto('catalogue_links').values({ agency_id: agencyId, policy_id: policyId, interpretation_id: interpretationId }).onConflict((oc) => oc.doNothing()).execute();
}
export async function linksOf(db: Executor, agencyId: number, itemId: number) {
  const asPolicy = await db
    .selectFrom('catalogue_links as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.interpretation_id')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'i.public', 'i.published_on', 'v.title', 'v.state'])
    .where('l.agency_id', '=', agencyId).where('l.policy_id', '=', itemId)
    .execute();
  const asInterpretation = await db
    .selectFrom('catalogue_links as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.policy_id')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'i.public', 'i.published_on', 'v.title', 'v.state'])
    .where('l.agency_id', '=', agencyId).where('l.interpretation_id', '=', itemId)
    .execute();
  return { interpretations: asPolicy, policies: asInterpretation };
}

/** The people who wrote a version: its creator and everyone who created, edited, revised or changed its attachments. */
export async function authorsOf(db: Executor, agencyId: number, itemId: number, versionNo: number, createdBy: number | null): Promise<number[]> {
  const rows = await db.selectFrom('catalogue_events').select('actor_user_id').distinct()
    .where('agency_id', '=', agencyId).where('item_id', '=', itemId).where('version_no', '=', versionNo)
    .where('action', 'in', ['create', 'edit', 'revise', 'attach', 'detach', 'import'])
    .where('actor_user_id', 'is not', null)
    .execute();
  const ids = new Set(rows.map((r) => Number(r.actor_user_id)));
  if (createdBy !== null) ids.add(createdBy);
  return [...ids];
}

export async function insertEvent(trx: Executor, row: { agency_id: number; item_id: number; version_no: number; action: string; at: string; actor_user_id: number | null; actor_name: string; data_json: string | null }): Promise<void> {
  await trx.insertInto('catalogue_events').values(row).execute();
}
export async function listEvents(db: Executor, agencyId: number, itemId: number) {
  return db.selectFrom('catalogue_events').selectAll().where('agency_id', '=', agencyId).where('item_id', '=', itemId).orderBy('id').execute();
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

export type { IndexDoc } from '../../core/search/document.ts';

export async function removeFromIndex(trx: Executor, itemId: number, searchKey: number | string | null): Promise<void> {
  if (dialectOf(trx as Kysely<unknown>) === 'postgres') {
    await trx.deleteFrom('catalogue_search').where('item_id', '=', itemId).execute();
    return;
  }
  if (searchKey === null || searchKey === undefined) return;
  await sql`delete from catalogue_fts where rowid = ${Number(searchKey)}`.execute(trx);
}

export async function addToIndex(trx: Executor, d: IndexDoc): Promise<void> {
  if (dialectOf(trx as Kysely<unknown>) === 'postgres') {
    await sql`insert into catalogue_search (item_id, agency_id, search_key, tsv, head) values (${d.itemId}, ${d.agencyId}, ${d.searchKey}, ${tsvRow(d)}::tsvector, ${headRow(d)}::tsvector)
      on conflict (item_id) do update set agency_id = excluded.agency_id, search_key = excluded.search_key, tsv = excluded.tsv, head = excluded.head`.execute(trx);
    return;
  }
  const r = fts5Row(d);
  await sql`insert into catalogue_fts (rowid, title, body, meta) values (${d.searchKey}, ${r.title}, ${r.body}, ${r.meta})`.execute(trx);
}

export interface SearchPage {
  ids: Array<{ id: number; tier: Tier }>;
  total: number;
  capped: boolean;
}

/**
 * Search counts stop at this many matches (decision 006): the page says "1000 条以上" beyond, and only the
 * first SEARCH_CAP matches can be paged through (100 pages of 10). Counting 1,001 rowids of a phrase is
 * cheap; counting every match of a common 2-character term is not.
 */
export const SEARCH_CAP = 1000;

/**
 * Tiered search from ONE FTS5 table, each step a rowid-ordered index walk that stops at its LIMIT (rowid =
 * recency key, so ORDER BY rowid DESC is newest first). Column filters in the same table instead of NOT IN
 * subqueries: tier 0 = `title : (TITLE_PREFIX terms)`; tier 1 = `title : (META_PREFIX terms) NOT tier 0`;
 * tier 2 = `body : (terms) NOT tier 0 NOT tier 1` (the text only).
 * PostgreSQL: catalogue.search-pg.ts; `memo` keeps what a search found for the next ones (decision 225).
 */
export async function searchIndex(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number, memo?: SearchMemo): Promise<SearchPage> {
  if ((page - 1) * pageSize >= SEARCH_CAP) return { ids: [], total: SEARCH_CAP, capped: true };
  if (dialectOf(db as Kysely<unknown>) === 'postgres') return searchPg(db, q, filter, page, pageSize, SEARCH_CAP, memo);
  const meta = metaFts5(filter);
  const withMeta = (e: string) => (meta ? `(${e}) AND ${meta}` : e);
  const all = withMeta(toFts5(q, 'body'));
  const inTitle = toFts5(q, 'title', TITLE_PREFIX);
  const inMeta = toFts5(q, 'title', META_PREFIX);
  const exprs = [withMeta(inTitle), `(${withMeta(inMeta)}) NOT (${inTitle})`, `(${all}) NOT (${inTitle}) NOT (${inMeta})`];
  const cnt = async (expr: string) => {
    const r = await sql<{ n: number }>`select count(*) as n from (select rowid from catalogue_fts where catalogue_fts match ${expr} limit ${SEARCH_CAP + 1})`.execute(db);
    return toNumber(r.rows[0]?.n);
  };
  const total = await cnt(all);
  if (total === 0) return { ids: [], total: 0, capped: false };
  const tiers = exprs.map((expr): TierSource => ({
    page: async (limit, offset) => (await sql<{ k: number }>`select rowid as k from catalogue_fts where catalogue_fts match ${expr} order by rowid desc limit ${limit} offset ${offset}`.execute(db)).rows.map((x) => idFromRecencyKey(Number(x.k))),
    count: () => cnt(expr),
  }));
  const ids = await pageAcrossTiers(tiers, Math.min(total, SEARCH_CAP), page, pageSize);
  return { ids, total: Math.min(total, SEARCH_CAP), capped: total > SEARCH_CAP };
}

/** The LIKE scan the index replaces (benchmark baseline only). */
export async function likeScanCount(db: Executor, patterns: readonly string[]): Promise<number> {
  let q = db.selectFrom('catalogue_items as i').innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.published_version')).where('i.public', '=', 1);
  for (const p of patterns) q = q.where((eb) => eb.or([eb('v.title', 'like', p), eb('v.body_text', 'like', p)]));
  const r = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return toNumber(r?.n);
}

// ───── bulk load (`gongkai bench data`, large imports) ─────

export interface BulkRow {
  item: Insertable<CatalogueItemsTable> & { id: number };
  version: Insertable<CatalogueVersionsTable>;
  index: IndexDoc;
}

export async function maxItemId(db: Executor): Promise<number> {
  const r = await db.selectFrom('catalogue_items').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return toNumber(r?.m ?? 0);
}

export async function indexSeq(db: Executor, agencyId: number, scope: string): Promise<number> {
  const r = await db.selectFrom('catalogue_counters').select('last_seq').where('agency_id', '=', agencyId).where('scope', '=', scope).executeTakeFirst();
  return toNumber(r?.last_seq ?? 0);
}

const chunked = <T,>(xs: readonly T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/**
 * Multi-row inserts of items, their published version and their index rows (tokens computed once per
 * document, fts5Row). Run inside the caller's single transaction. Rows per statement stay under SQLite's
 * and PostgreSQL's bound-parameter limits.
 */
export async function bulkInsertPublished(trx: Executor, rows: readonly BulkRow[]): Promise<void> {
  if (!rows.length) return;
  const pg = dialectOf(trx as Kysely<unknown>) === 'postgres';
  for (const c of chunked(rows, 400)) await trx.insertInto('catalogue_items').values(c.map((r) => r.item)).execute();
  for (const c of chunked(rows, 250)) await trx.insertInto('catalogue_versions').values(c.map((r) => r.version)).execute();
  for (const c of chunked(rows, 500)) {
    if (pg) {
      await sql`insert into catalogue_search (item_id, agency_id, search_key, tsv, head) values ${sql.join(c.map((r) => sql`(${r.index.itemId}, ${r.index.agencyId}, ${r.index.searchKey}, ${tsvRow(r.index)}::tsvector, ${headRow(r.index)}::tsvector)`))}`.execute(trx);
    } else {
      const x = c.map((r) => ({ k: r.index.searchKey, ...fts5Row(r.index) }));
      await sql`insert into catalogue_fts (rowid, title, body, meta) values ${sql.join(x.map((r) => sql`(${r.k}, ${r.title}, ${r.body}, ${r.meta})`))}`.execute(trx);
    }
  }
}

/** After explicit ids on PostgreSQL: move the serial sequence past them. */
export async function syncItemIdSequence(trx: Executor): Promise<void> {
  if (dialectOf(trx as Kysely<unknown>) !== 'postgres') return;
  await sql`select setval(pg_get_serial_sequence('catalogue_items', 'id'), (select coalesce(max(id), 1) from catalogue_items))`.execute(trx);
}

/**
 * Runs `fn` with the secondary (non-unique) indexes of the catalogue's item and version tables dropped, then
 * rebuilds them from their stored definitions: building an index once after a bulk load is much cheaper than
 * maintaining it row by row. Unique constraints stay (they guard 索引号 and versions).
 */
export async function withoutSecondaryIndexes<T>(trx: Executor, fn: () => Promise<T>): Promise<T> {
  const pg = dialectOf(trx as Kysely<unknown>) === 'postgres';
  const defs = pg
    ? (await sql<{ name: string; def: string }>`select i.indexname as name, i.indexdef as def from pg_indexes i
        where i.schemaname = current_schema() and i.tablename in ('catalogue_items', 'catalogue_versions', 'catalogue_search')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(trx)).rows
    : (await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master where type = 'index' and tbl_name in ('catalogue_items', 'catalogue_versions') and sql is not null`.execute(trx)).rows;
  for (const d of defs) await sql`drop index ${sql.id(d.name)}`.execute(trx);
  const out = await fn();
  for (const d of defs) await sql.raw(d.def).execute(trx);
  return out;
}

// ───── 依申请公开转主动公开 (条例 第四十四条) ─────

/** Items of an agency made from information disclosed on application, with their working version's title and state. */
export async function originItems(db: Executor, agencyId: number) {
  const rows = await db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.index_no', 'i.created_on', 'i.first_published_on', 'i.withdrawn_on', 'i.origin_application_id', 'v.title', 'v.state'])
    .where('i.agency_id', '=', agencyId)
    .where('i.origin_application_id', 'is not', null)
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({ ...r, origin_application_id: r.origin_application_id! }));
}
