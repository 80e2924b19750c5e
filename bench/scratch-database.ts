// A throw-away database for one benchmark engine: a SQLite file in a temporary folder, or a fresh schema in
// TEST_DATABASE_URL's PostgreSQL database; `cleanup` closes it and removes the folder or drops the schema.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../src/db/connect.ts';

export async function openScratchDatabase(engine: 'sqlite' | 'postgres', label: string): Promise<{ database: OpenDatabase; url: string; cleanup: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), `gongkai-${label}-bench-`));
    const url = `file:${path.join(dir, 'bench.db')}`;
    const database = await openDatabase(url);
    return { database, url, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const database = await openDatabase(url, { schema, poolSize: 4 });
  return {
    database, url,
    cleanup: async () => {
      await database.close();
      const admin = await openDatabase(url, { poolSize: 1 });
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(admin.db);
      await admin.close();
    },
  };
}
