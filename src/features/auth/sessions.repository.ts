import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SessionsTable } from '../../db/types.ts';
import type { UserWithAgency } from '../users/users.repository.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/**
 * The session with its user and the user's agency name in one statement (every signed-in request reads it: one round
 * trip instead of two). `user` is undefined when the session's user row is gone.
 */
export async function findSessionWithUser(db: Executor, idHash: string): Promise<{ session: SessionRow; user: UserWithAgency | undefined } | undefined> {
  const r = await db
    .selectFrom('sessions as s')
    .leftJoin('users', 'users.id', 's.user_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .selectAll('users')
    .select(['s.id as s_id', 's.user_id as s_user_id', 's.csrf_token as s_csrf_token', 's.created_at as s_created_at', 's.last_seen_at as s_last_seen_at', 'agencies.name as agency_name'])
    .where('s.id', '=', idHash)
    .executeTakeFirst();
  if (!r) return undefined;
  const { s_id, s_user_id, s_csrf_token, s_created_at, s_last_seen_at, ...user } = r;
  const session: SessionRow = { id: s_id, user_id: s_user_id, csrf_token: s_csrf_token, created_at: s_created_at, last_seen_at: s_last_seen_at };
  return { session, user: user.id === null || user.id === undefined || user.agency_name === null ? undefined : (user as UserWithAgency) };
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
