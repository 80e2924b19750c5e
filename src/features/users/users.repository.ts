import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, UsersTable } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;
export type UserWithAgency = UserRow & { agency_name: string };

const withAgency = (db: Executor) =>
  db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id').selectAll('users').select('agencies.name as agency_name');

export function findUserById(db: Executor, id: number): Promise<UserWithAgency | undefined> {
  return withAgency(db).where('users.id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string): Promise<UserWithAgency | undefined> {
  return withAgency(db).where('users.username', '=', username).executeTakeFirst();
}

export async function listUsers(db: Executor, q: { agencyIds: readonly number[] | null; limit: number; offset: number }): Promise<{ rows: UserWithAgency[]; total: number }> {
  let s = withAgency(db);
  let c = db.selectFrom('users');
  if (q.agencyIds !== null) {
    const ids = q.agencyIds.length ? [...q.agencyIds] : [-1];
    s = s.where('users.agency_id', 'in', ids);
    c = c.where('users.agency_id', 'in', ids);
  }
  const rows = await s.orderBy('users.username').limit(q.limit).offset(q.offset).execute();
  const n = await c.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { rows, total: toNumber(n.n) };
}

export function insertUser(db: Executor, row: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic locking: updates only when the row still has `expectedVersion`; returns the new row or undefined. */
export function updateUserVersioned(db: Executor, id: number, expectedVersion: number, patch: Updateable<UsersTable>): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return toNumber(r.n);
}
