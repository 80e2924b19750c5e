// Kysely queries for the throttles kept in the database (061_throttle): sign-in failures and fixed-window
// request counters. Both engines; counts are read with toNumber (bigint / count come back as strings on PostgreSQL).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export async function recordSigninFailure(db: Executor, username: string, ip: string, atMs: number): Promise<void> {
  await db.insertInto('signin_failures').values({ username, ip, at_ms: atMs }).execute();
}

export interface FailureCounts {
  /** failures of this username from this IP since `sinceMs`, and the oldest of them */
  pair: number;
  pairOldestMs: number | null;
  /** failures from this IP (any username) */
  ip: number;
  ipOldestMs: number | null;
  /** failures of this username (any IP) */
  user: number;
  userOldestMs: number | null;
}

export async function signinFailures(db: Executor, username: string, ip: string, sinceMs: number): Promise<FailureCounts> {
  const count = async (where: { username?: string; ip?: string }) => {
    let q = db.selectFrom('signin_failures').select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('at_ms').as('oldest')]).where('at_ms', '>', sinceMs);
    if (where.username !== undefined) q = q.where('username', '=', where.username);
    if (where.ip !== undefined) q = q.where('ip', '=', where.ip);
    const r = await q.executeTakeFirst();
    return { n: toNumber(r?.n), oldest: r?.oldest === null || r?.oldest === undefined ? null : toNumber(r.oldest) };
  };
  const [pair, byIp, byUser] = [await count({ username, ip }), await count({ ip }), await count({ username })];
  return { pair: pair.n, pairOldestMs: pair.oldest, ip: byIp.n, ipOldestMs: byIp.oldest, user: byUser.n, userOldestMs: byUser.oldest };
}

/** A successful sign-in clears the failures of this username from this IP (not the IP's other failures). */
export async function clearSigninFailures(db: Executor, username: string, ip: string): Promise<void> {
  await db.deleteFrom('signin_failures').where('username', '=', username).where('ip', '=', ip).execute();
}

export async function purgeThrottles(db: Executor, beforeMs: number): Promise<void> {
  await db.deleteFrom('signin_failures').where('at_ms', '<=', beforeMs).execute();
  await db.deleteFrom('rate_limits').where('window_start_ms', '<=', beforeMs).execute();
}

/**
 * One hit on a fixed-window counter, atomically (one upsert; concurrent processes serialise on the row): a
 * window older than `windowMs` starts again at 1. Returns the hits in the current window and when it began.
 */
export async function hitRateLimit(db: Executor, bucket: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStartMs: number }> {
  const expired = sql<boolean>`rate_limits.window_start_ms + ${windowMs} <= ${nowMs}`;
  const r = await db.insertInto('rate_limits')
    .values({ bucket, window_start_ms: nowMs, hits: 1 })
    .onConflict((oc) => oc.column('bucket').doUpdateSet({
      hits: sql`case when ${expired} then 1 else rate_limits.hits + 1 end`,
      window_start_ms: sql`case when ${expired} then ${nowMs} else rate_limits.window_start_ms end`,
    }))
    .returning(['hits', 'window_start_ms'])
    .executeTakeFirstOrThrow();
  return { hits: toNumber(r.hits), windowStartMs: toNumber(r.window_start_ms) };
}

/** The current window of a counter without counting a hit (null when none is running). */
export async function readRateLimit(db: Executor, bucket: string, nowMs: number, windowMs: number): Promise<{ hits: number; windowStartMs: number } | null> {
  const r = await db.selectFrom('rate_limits').select(['hits', 'window_start_ms']).where('bucket', '=', bucket).executeTakeFirst();
  if (!r || toNumber(r.window_start_ms) + windowMs <= nowMs) return null;
  return { hits: toNumber(r.hits), windowStartMs: toNumber(r.window_start_ms) };
}
