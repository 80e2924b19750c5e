// backup <file> / restore <file>.
// SQLite: online backup with better-sqlite3 `backup()` (consistent while the server runs);
// restore verifies the file is a Gongkai database and refuses while a server uses the database.
// PostgreSQL: prints the exact pg_dump / pg_restore command (run it with the server's credentials).
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
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

function pgParts(url: string): { url: string; schema: string | null } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  return { url: u.toString(), schema };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

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
    .description('备份数据库（SQLite 在线备份；PostgreSQL 显示 pg_dump 命令） / back up the database')
    .action(async (file: string) => {
      const { isPostgresUrl, sqlitePathFromUrl, configOrExit } = await deps();
      const config = configOrExit();
      const target = path.resolve(file);
      if (isPostgresUrl(config.databaseUrl)) {
        const { url, schema } = pgParts(config.databaseUrl);
        console.log('PostgreSQL：请在能访问数据库的机器上运行 / run:');
        console.log(`pg_dump --format=custom --no-owner${schema ? ` --schema=${schema}` : ''} --file=${shellQuote(target)} ${shellQuote(url)}`);
        return;
      }
      const source = sqlitePathFromUrl(config.databaseUrl);
      if (!existsSync(source)) {
        console.error(`数据库文件不存在 / database file not found: ${source}`);
        process.exit(1);
      }
      if (existsSync(target)) {
        console.error(`目标文件已存在，请换一个文件名 / target exists: ${target}`);
        process.exit(1);
      }
      const SQLite = await sqlite();
      const db = new SQLite(source, { fileMustExist: true });
      try {
        await db.backup(target);
      } finally {
        db.close();
      }
      console.log(`已备份 / backed up: ${source} → ${target} (${statSync(target).size} bytes)`);
    });

  program
    .command('restore <file>')
    .description('从备份恢复（SQLite：须先停止服务；PostgreSQL 显示 pg_restore 命令） / restore a backup')
    .action(async (file: string) => {
      const { isPostgresUrl, sqlitePathFromUrl, configOrExit, runningServerPid } = await deps();
      const config = configOrExit();
      const source = path.resolve(file);
      if (isPostgresUrl(config.databaseUrl)) {
        const { url, schema } = pgParts(config.databaseUrl);
        console.log('PostgreSQL：请先停止服务，再运行 / stop the server, then run:');
        console.log(`pg_restore --clean --if-exists --no-owner${schema ? ` --schema=${schema}` : ''} --dbname=${shellQuote(url)} ${shellQuote(source)}`);
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
