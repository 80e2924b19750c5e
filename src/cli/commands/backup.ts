// backup <file> / restore <file> (src/db/backup.ts).
// SQLite: online backup with better-sqlite3 `backup()` (consistent while the server runs);
// restore verifies the file is a Gongkai database and refuses while a server uses the database.
// PostgreSQL: runs pg_dump / pg_restore + psql when installed (a clear message names the package when
// not); the restore replaces the schema of DATABASE_URL in one transaction.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type SQLiteType from 'better-sqlite3';

// Imported in the actions, so that `gongkai --help` stays light.
async function deps() {
  const { isPostgresUrl, sqlitePathFromUrl } = await import('../../db/connect.ts');
  const { configOrExit, runningServerPid } = await import('../context.ts');
  return { isPostgresUrl, sqlitePathFromUrl, configOrExit, runningServerPid };
}

async function sqlite(): Promise<typeof SQLiteType> {
  return (await import('better-sqlite3')).default;
}

/** Why a file is not a Gongkai SQLite database, or null when it is one. */
export async function gongkaiDatabaseProblem(file: string): Promise<string | null> {
  if (!existsSync(file)) return `文件不存在 / file not found: ${file}`;
  const SQLite = await sqlite();
  const { migrations } = await import('../../db/migrations/index.ts');
  let db: SQLiteType.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') return `文件已损坏 / integrity check failed: ${String(integrity)}`;
    const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const t of ['kysely_migration', 'agencies', 'users', 'audit_events']) {
      if (!tables.has(t)) return `不是 Gongkai 数据库（缺少表 ${t}） / not a Gongkai database (table ${t} missing)`;
    }
    const applied = (db.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name);
    const unknown = applied.filter((n) => !(n in migrations));
    if (unknown.length) return `备份来自更新的版本（未知迁移 ${unknown.join(', ')}） / backup is from a newer version`;
    return null;
  } catch (e) {
    return `无法作为 SQLite 数据库打开 / not a SQLite database: ${(e as Error).message}`;
  } finally {
    db?.close();
  }
}

export function register(program: Command): void {
  program
    .command('backup <file>')
    .description('备份数据库（SQLite 在线备份；PostgreSQL 运行 pg_dump） / back up the database (SQLite online backup; PostgreSQL: pg_dump)')
    .action(async (file: string) => {
      const { configOrExit } = await deps();
      const { backupDatabase, BackupError } = await import('../../db/backup.ts');
      const config = configOrExit();
      try {
        const r = await backupDatabase(config.databaseUrl, file);
        console.log(`已备份 / backed up (${r.engine}): ${r.file} (${r.bytes} bytes)`);
      } catch (e) {
        if (e instanceof BackupError) {
          console.error(`备份失败 / backup failed: ${e.message}`);
          process.exit(1);
        }
        throw e;
      }
    });

  program
    .command('restore <file>')
    .description('从备份恢复（须先停止服务；PostgreSQL 运行 pg_restore + psql，单个事务） / restore a backup (stop the server first)')
    .action(async (file: string) => {
      const { isPostgresUrl, sqlitePathFromUrl, configOrExit, runningServerPid } = await deps();
      const config = configOrExit();
      const source = path.resolve(file);
      if (isPostgresUrl(config.databaseUrl)) {
        const { restorePostgres, BackupError } = await import('../../db/backup.ts');
        console.log('PostgreSQL：请确认服务已停止；恢复将替换该 schema 的全部数据（单个事务） / make sure the server is stopped: the schema is replaced in one transaction');
        try {
          await restorePostgres(config.databaseUrl, source);
        } catch (e) {
          if (e instanceof BackupError) {
            console.error(`无法恢复 / cannot restore: ${e.message}`);
            process.exit(1);
          }
          throw e;
        }
        console.log(`已恢复 / restored: ${source}`);
        return;
      }
      const target = sqlitePathFromUrl(config.databaseUrl);
      const problem = await gongkaiDatabaseProblem(source);
      if (problem) {
        console.error(`无法恢复 / cannot restore: ${problem}`);
        process.exit(1);
      }
      const pid = runningServerPid(target);
      if (pid) {
        console.error(`服务正在使用该数据库（进程 ${pid}），请先停止服务再恢复 / the server (pid ${pid}) is using ${target}: stop it first`);
        process.exit(1);
      }
      for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
      copyFileSync(source, target);
      console.log(`已恢复 / restored: ${source} → ${target}`);
    });
}
