import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SessionsTable } from '../../db/types.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSession(db: Executor, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', idHash).execute();
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteSessionsIdleSince(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('sessions').where('last_seen_at', '<', before).execute();
}

/** Ends every session of the user except `keepIdHash` (e.g. after a password change, the session in use stays). */
export async function deleteOtherSessionsOfUser(db: Executor, userId: number, keepIdHash: string | null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepIdHash) q = q.where('id', '!=', keepIdHash);
  await q.execute();
}
