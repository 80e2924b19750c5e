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
