import type { Kysely, Selectable, Transaction, Insertable } from 'kysely';
import type { AgenciesTable, Database } from '../../db/types.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type AgencyRow = Selectable<AgenciesTable>;
export type NewAgencyRow = Insertable<AgenciesTable>;

export function listAgencies(db: Executor): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').selectAll().orderBy('id').execute();
}

export function agencyTree(db: Executor): Promise<{ id: number; parent_id: number | null }[]> {
  return db.selectFrom('agencies').select(['id', 'parent_id']).execute();
}

/**
 * A fingerprint of the agency tree: agencies are only ever inserted (no statement updates `parent_id` or deletes an
 * agency), so the number of rows and the highest id change whenever the tree does — the count also catches an insert
 * of a lower id committed after a higher one. One index-only statement instead of the whole tree.
 */
export async function agencyTreeRevision(db: Executor): Promise<string> {
  const r = await db.selectFrom('agencies').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('m')]).executeTakeFirstOrThrow();
  return `${String(r.n)}|${String(r.m ?? '')}`;
}

export function findAgency(db: Executor, id: number): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAgencyByCreditCode(db: Executor, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('credit_code', '=', code).executeTakeFirst();
}

export async function insertAgency(db: Executor, row: NewAgencyRow): Promise<AgencyRow> {
  return db.insertInto('agencies').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function countAgencies(db: Executor): Promise<number> {
  const r = await db.selectFrom('agencies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
