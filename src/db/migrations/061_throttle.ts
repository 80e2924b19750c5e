// 061_throttle: sign-in failures and request-rate counters in the database, so that a lockout or a rate limit
// holds across a restart and is shared by every server process on the same database (decision 061a in
// docs/decisions/061-separation-of-duties.md, "Throttles").
//  - signin_failures: one row per failed sign-in (username lower-cased, client IP, instant in ms); counted per
//    username+IP, per IP and per username over the window (features/auth/throttle.repository.ts);
//  - rate_limits: a fixed-window counter per bucket ("<route>|<client key>") for @fastify/rate-limit's store.
import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const ms = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('signin_failures')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at_ms', sql.raw(ms), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('signin_failures_user_idx').on('signin_failures').columns(['username', 'at_ms']).execute();
  await db.schema.createIndex('signin_failures_ip_idx').on('signin_failures').columns(['ip', 'at_ms']).execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_start_ms', sql.raw(ms), (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window_idx').on('rate_limits').column('window_start_ms').execute();
}
