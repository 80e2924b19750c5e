// Runs the forward-only migrations (at server start and by `gongkai db migrate`).
import { Migrator, type MigrationResultSet } from 'kysely';
import type { OpenDatabase } from './connect.ts';
import { migrations } from './migrations/index.ts';

export interface MigrateResult {
  applied: string[];
}

export async function migrateToLatest(database: OpenDatabase): Promise<MigrateResult> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    // Features number their migrations in blocks and land in parallel: a database that already ran a
    // higher-numbered one (067) must still get a lower one that landed later (060). Each migration only
    // touches its own feature's tables, so their relative order does not matter.
    allowUnorderedMigrations: true,
    // PostgreSQL: name the schema, otherwise Kysely finds a kysely_migration table of ANY schema
    // (its introspection lists all schemas) and skips creating ours.
    ...(database.dialect === 'postgres' ? { migrationTableSchema: database.schema ?? 'public' } : {}),
  });
  const r: MigrationResultSet = await migrator.migrateToLatest();
  if (r.error) {
    const failed = r.results?.find((x) => x.status === 'Error');
    const err = r.error instanceof Error ? r.error : new Error(String(r.error));
    err.message = `数据库迁移失败 / migration failed${failed ? ` (${failed.migrationName})` : ''}: ${err.message}`;
    throw err;
  }
  return { applied: (r.results ?? []).filter((x) => x.status === 'Success').map((x) => x.migrationName) };
}
