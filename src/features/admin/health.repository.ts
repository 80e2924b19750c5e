import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { migrations } from '../../db/migrations/index.ts';

/** One round trip to the database. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Migrations this code ships that the database has not run yet (throws when the database does not answer). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  let applied: Set<string>;
  try {
    applied = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  } catch (e) {
    // no migration table yet: nothing has run (but the database answered)
    await pingDatabase(db);
    void e;
    applied = new Set();
  }
  return Object.keys(migrations).filter((m) => !applied.has(m));
}
