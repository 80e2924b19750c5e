// Several processes starting at once on one database (decision 095): the start-up work that must happen once —
// migrations, sealing plaintext personal data, the demo seed of an empty database — runs under a PostgreSQL session
// advisory lock keyed by the schema, so one process does it while the others wait, then find nothing left to do.
// SQLite: `gongkai serve --workers N` prepares the file in the primary process before forking, so no lock is needed.
import { sql } from 'kysely';
import type { OpenDatabase } from './connect.ts';

export async function withStartupLock<T>(database: OpenDatabase, fn: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return fn();
  // one pooled connection holds the lock for the whole start-up; the work itself uses the other connections
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('gongkai.startup:' || current_schema()))`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('gongkai.startup:' || current_schema()))`.execute(conn);
    }
  });
}
