// The decisions register (表二 第二十条第（五）（六）（八）（九）项): entries and 2019 item counts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function listEntries(db: Db, agencyId: number, year: number, category?: string, limit = 2000) {
  let q = db.selectFrom('decision_entries').selectAll().where('agency_id', '=', agencyId).where('year', '=', year);
  if (category) q = q.where('category', '=', category);
  return q.orderBy('category').orderBy('decided_on').orderBy('id').limit(limit).execute();
}
export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

/** What 本年收费金额 sums (2021 表二 第二十条第（八）项): entries under 行政事业性收费 and 办件 of any category with a fee. */
export async function listFeeEntries(db: Db, agencyId: number, year: number, limit = 2000) {
  return db.selectFrom('decision_entries').selectAll().where('agency_id', '=', agencyId).where('year', '=', year)
    .where((eb) => eb.or([eb('category', '=', 'fee'), eb.and([eb('source', '=', 'case'), eb('amount', 'is not', null)])]))
    .orderBy('decided_on').orderBy('id').limit(limit).execute();
}
/** A new row: the 办件 columns (migration 085) only for 办件. */
export type NewEntry = Omit<EntryRow, 'id' | 'version' | 'case_no' | 'item_code' | 'result'> & Partial<Pick<EntryRow, 'case_no' | 'item_code' | 'result'>>;

export async function findEntry(db: Db, id: number) {
  return db.selectFrom('decision_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEntries(db: Db, rows: NewEntry[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    if (part.length === 0) continue;
    await db.insertInto('decision_entries').values(part).execute();
    n += part.length;
  }
  return n;
}

export async function insertEntry(db: Db, row: NewEntry): Promise<number> {
  const r = await db.insertInto('decision_entries').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteEntry(db: Db, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('decision_entries').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function itemCounts(db: Db, agencyId: number, year: number) {
  return db.selectFrom('decision_item_counts').selectAll().where('agency_id', '=', agencyId).where('year', '=', year).execute();
}

export async function upsertItemCount(db: Db, row: { agency_id: number; year: number; category: string; previous_items: number; items_change: number; updated_at: string }): Promise<void> {
  const existing = await db.selectFrom('decision_item_counts').select(['id']).where('agency_id', '=', row.agency_id).where('year', '=', row.year).where('category', '=', row.category).executeTakeFirst();
  if (existing) {
    await db.updateTable('decision_item_counts').set({ previous_items: row.previous_items, items_change: row.items_change, updated_at: row.updated_at, version: sql<number>`version + 1` }).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('decision_item_counts').values(row).execute();
  }
}
