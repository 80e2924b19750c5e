// 政务服务事项 queries for both engines (the only file of the feature that touches the database).
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Db = Kysely<Database> | Transaction<Database>;

export type ItemRow = Database['service_items'] extends infer T ? { [K in keyof T]: T[K] extends import('kysely').ColumnType<infer S, unknown, unknown> ? S : T[K] } : never;
/** A new row: check_digest and completeness_score come with values_json (service-items.check.ts valueColumns). */
export type NewItemRow = Omit<ItemRow, 'id' | 'version' | 'check_digest' | 'completeness_score'> & { check_digest: string; completeness_score: number };

const ITEM_COLUMNS = ['id', 'parent_id', 'agency_id', 'level', 'code', 'basic_code', 'name', 'type', 'status', 'status_since', 'values_json', 'search_text', 'check_digest', 'completeness_score', 'created_by', 'created_at', 'updated_at', 'version'] as const;

export async function insertItem(db: Db, row: NewItemRow): Promise<number> {
  const r = await db.insertInto('service_items').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Many rows at once (import, benchmark): multi-row INSERTs of 200; ids in insertion order. */
export async function insertItems(db: Db, rows: readonly NewItemRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    const r = await db.insertInto('service_items').values([...part]).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

export async function findItem(db: Db, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('service_items').select(ITEM_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function findByCodes(db: Db, codes: readonly string[]): Promise<ItemRow[]> {
  const out: ItemRow[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const part = codes.slice(i, i + 500);
    if (part.length) out.push(...(await db.selectFrom('service_items').select(ITEM_COLUMNS).where('code', 'in', part).execute()));
  }
  return out;
}

export async function childrenOf(db: Db, parentId: number): Promise<ItemRow[]> {
  return db.selectFrom('service_items').select(ITEM_COLUMNS).where('parent_id', '=', parentId).orderBy('id').execute();
}

type ValueColumns = 'values_json' | 'check_digest' | 'completeness_score';
/** A patch writes values_json together with its digest and score (service-items.check.ts valueColumns), or none of them. */
export type ItemPatch = Partial<Omit<ItemRow, 'id' | 'version' | 'created_at' | 'created_by' | ValueColumns>>
  & ({ values_json: string; check_digest: string; completeness_score: number } | { values_json?: never; check_digest?: never; completeness_score?: never });

/** Claims the row's version first (optimistic lock, ARCHITECTURE "claim the version first") and writes the patch. */
export async function updateItem(db: Db, id: number, expectedVersion: number, patch: ItemPatch): Promise<boolean> {
  const r = await db.updateTable('service_items').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ListFilters {
  agencyIds: readonly number[] | null;
  /** token phrases (each the bigrams of one query term joined by spaces): every one must occur */
  phrases: readonly string[];
  type?: string;
  level?: string;
  status?: readonly string[];
  parentId?: number;
  page: number;
  pageSize: number;
}

export async function listItems(db: Db, f: ListFilters): Promise<{ rows: (ItemRow & { agency_name: string; agency_code: string })[]; total: number }> {
  let q = db.selectFrom('service_items as s').innerJoin('agencies as a', 'a.id', 's.agency_id');
  if (f.agencyIds !== null) q = f.agencyIds.length ? q.where('s.agency_id', 'in', f.agencyIds) : q.where(sql<boolean>`1 = 0`);
  for (const p of f.phrases) q = q.where('s.search_text', 'like', `% ${p} %`);
  if (f.type) q = q.where('s.type', '=', f.type);
  if (f.level) q = q.where('s.level', '=', f.level);
  if (f.status?.length) q = q.where('s.status', 'in', f.status);
  if (f.parentId !== undefined) q = q.where('s.parent_id', '=', f.parentId);
  // the page and the total in one statement (the count an uncorrelated scalar subquery, evaluated once); a page past
  // the end has no row to carry the total, so it is counted on its own
  const counted = q.select(sql<number | string>`count(*)`.as('n'));
  const found = await q.select(ITEM_COLUMNS.map((c) => `s.${c}` as const)).select(['a.name as agency_name', 'a.credit_code as agency_code'])
    .select(() => counted.as('listed_total'))
    .orderBy('s.basic_code').orderBy('s.level').orderBy('s.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  if (!found.length) return { rows: [], total: f.page === 1 ? 0 : toNumber((await counted.executeTakeFirstOrThrow()).n) };
  const total = toNumber(found[0]!.listed_total ?? 0);
  return { rows: found.map(({ listed_total: _, ...row }) => row), total };
}

/** Defining (区) rows of some agencies that are in use or suspended and not yet implemented by `unitId`. */
export async function definingItems(db: Db, agencyIds: readonly number[], unitId: number): Promise<{ id: number; name: string; code: string; agency_id: number }[]> {
  if (agencyIds.length === 0) return [];
  const taken = db.selectFrom('service_items').select('parent_id').where('agency_id', '=', unitId).where('parent_id', 'is not', null);
  return db.selectFrom('service_items').select(['id', 'name', 'code', 'agency_id']).where('parent_id', 'is', null).where('status', '!=', 'cancelled')
    .where('agency_id', 'in', agencyIds).where('id', 'not in', taken as never).orderBy('basic_code').orderBy('id').limit(2000).execute();
}

export interface CheckRow { id: number; parent_id: number | null; agency_id: number; check_digest: string | null; completeness_score: number | null }

/**
 * The item trees touching a set of units, for the must-match check: every defining row that is in the set or has an
 * implementation in it, with all its implementations (in any unit), by id — their digests and scores, not their
 * values. Cancelled rows are left out (nothing to keep consistent). One statement: the roots by agency, then the
 * roots and their children by the primary key and the parent_id index.
 */
export async function checkRowsFor(db: Db, agencyIds: readonly number[]): Promise<CheckRow[]> {
  if (agencyIds.length === 0) return [];
  const cols = sql`s.id, s.parent_id, s.agency_id, s.check_digest, s.completeness_score`;
  // roots: own defining rows and the defining rows of own implementations (a cancelled row still names its tree)
  const r = await sql<CheckRow>`with roots as (select distinct coalesce(parent_id, id) as rid from service_items where agency_id in (${sql.join([...agencyIds])}))
    select ${cols} from service_items s join roots r on r.rid = s.id where s.status <> 'cancelled'
    union all
    select ${cols} from service_items s join roots r on r.rid = s.parent_id where s.status <> 'cancelled'`.execute(db);
  const rows = r.rows.map((x) => ({ ...x, id: Number(x.id), parent_id: x.parent_id === null ? null : Number(x.parent_id), agency_id: Number(x.agency_id), completeness_score: x.completeness_score === null ? null : Number(x.completeness_score) }));
  return rows.sort((x, y) => x.id - y.id);
}

/** values_json and name of some items, by id (the check opens only the trees whose digests differ). */
export async function valuesOf(db: Db, ids: readonly number[]): Promise<Map<number, { name: string; values_json: string }>> {
  const out = new Map<number, { name: string; values_json: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const r of await db.selectFrom('service_items').select(['id', 'name', 'values_json']).where('id', 'in', part).execute()) out.set(r.id, r);
  }
  return out;
}
export async function insertChange(db: Db, row: Omit<Database['service_item_changes'], 'id'>): Promise<void> {
  await db.insertInto('service_item_changes').values(row).execute();
}

export async function insertChanges(db: Db, rows: readonly Omit<Database['service_item_changes'], 'id'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    if (part.length) await db.insertInto('service_item_changes').values([...part]).execute();
  }
}

/** An item's history, by (agency_id, item_id): the agency leads the key (decision 205). */
export async function changesOf(db: Db, agencyId: number, itemId: number) {
  return db.selectFrom('service_item_changes').selectAll().where('agency_id', '=', agencyId).where('item_id', '=', itemId).orderBy('version_no', 'desc').execute();
}

/** Status events of the items implemented by some units (table 二 year counts), with each item's type. */
export async function statusEventsFor(db: Db, agencyIds: readonly number[]) {
  if (agencyIds.length === 0) return [];
  // the history is joined on (agency_id, item_id) and filtered by its own agency_id: the planner reads both tables
  // by the agency key, and under distribution by agency the join stays on one node
  return db.selectFrom('service_item_changes as c').innerJoin('service_items as s', (j) => j.onRef('s.id', '=', 'c.item_id').onRef('s.agency_id', '=', 'c.agency_id'))
    .select(['s.id', 's.agency_id', 's.type', 's.name', 's.code', 'c.status', 'c.effective_on'])
    .where('s.agency_id', 'in', agencyIds).where('c.agency_id', 'in', agencyIds).where('c.status', 'is not', null).where('c.effective_on', 'is not', null)
    .orderBy('s.id').orderBy('c.version_no').execute();
}

export async function getSetting(db: Db, key: string) {
  return db.selectFrom('service_item_settings').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Writes a setting; expectedVersion 0 means "not stored yet". False when someone saved first. */
export async function putSetting(db: Db, key: string, value: string, expectedVersion: number, at: string): Promise<boolean> {
  if (expectedVersion === 0) {
    const existing = await getSetting(db, key);
    if (existing) return false;
    await db.insertInto('service_item_settings').values({ key, value_json: value, updated_at: at }).execute();
    return true;
  }
  const r = await db.updateTable('service_item_settings').set({ value_json: value, updated_at: at, version: sql<number>`version + 1` }).where('key', '=', key).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * An item's files. They are read through the item on (agency_id, item_id): an implementation inherits the files of
 * the 区 item it implements, which belongs to another agency, so the agency is taken from the item row.
 */
export async function filesOf(db: Db, itemId: number) {
  return db.selectFrom('service_item_files as f').innerJoin('service_items as s', (j) => j.onRef('s.id', '=', 'f.item_id').onRef('s.agency_id', '=', 'f.agency_id'))
    .select(['f.id', 'f.item_id', 'f.filename', 'f.mime', 'f.size', 'f.created_at']).where('s.id', '=', itemId).orderBy('f.filename').execute();
}
export async function fileOf(db: Db, itemId: number, filename: string) {
  return db.selectFrom('service_item_files as f').innerJoin('service_items as s', (j) => j.onRef('s.id', '=', 'f.item_id').onRef('s.agency_id', '=', 'f.agency_id'))
    .selectAll('f').where('s.id', '=', itemId).where('f.filename', '=', filename).executeTakeFirst();
}
export async function putFile(db: Db, row: Omit<Database['service_item_files'], 'id'>): Promise<void> {
  await db.deleteFrom('service_item_files').where('agency_id', '=', row.agency_id).where('item_id', '=', row.item_id).where('filename', '=', row.filename).execute();
  await db.insertInto('service_item_files').values(row).execute();
}

/** 办件 of a set of items (by 实施编码) in a year, for the drill-down of table 二 处理决定数量. */
export async function agencyNames(db: Db, ids: readonly number[]): Promise<Map<number, { name: string; kind: string; code: string; parentId: number | null }>> {
  const out = new Map<number, { name: string; kind: string; code: string; parentId: number | null }>();
  if (!ids.length) return out;
  for (const r of await db.selectFrom('agencies').select(['id', 'name', 'kind', 'credit_code', 'parent_id']).where('id', 'in', [...new Set(ids)]).execute()) out.set(r.id, { name: r.name, kind: r.kind, code: r.credit_code, parentId: r.parent_id });
  return out;
}

/** Sets the version of rows written with their history in one go (the demo seed's status events). */
export async function setItemVersions(db: Db, ids: readonly number[], version: number): Promise<void> {
  if (ids.length) await db.updateTable('service_items').set({ version }).where('id', 'in', [...ids]).execute();
}

/** 办件 rows of the decisions register (count 1, source 'case'), multi-row inserts of 500. */
export async function insertCaseEntries(db: Db, rows: readonly Insertable<Database['decision_entries']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    if (part.length) await db.insertInto('decision_entries').values([...part]).execute();
  }
}

/** 区 departments' defining rows (in use or suspended) with these 基本编码 — what a new 街道 / 社区 row implements. */
export async function definingByBasicCodes(db: Db, basicCodes: readonly string[]): Promise<{ id: number; basic_code: string }[]> {
  const out: { id: number; basic_code: string }[] = [];
  for (let i = 0; i < basicCodes.length; i += 500) {
    const part = basicCodes.slice(i, i + 500);
    if (part.length) out.push(...(await db.selectFrom('service_items').select(['id', 'basic_code']).where('parent_id', 'is', null).where('level', '=', 'district').where('status', '!=', 'cancelled').where('basic_code', 'in', part).orderBy('id').execute()));
  }
  return out;
}
export async function deleteFile(db: Db, itemId: number, filename: string): Promise<void> {
  await db.deleteFrom('service_item_files').where('item_id', '=', itemId).where('filename', '=', filename).execute();
}
