// Database backups for both engines, used by `gongkai backup|restore` and the scheduled backups of
// `gongkai serve` (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP).
// - SQLite: the online backup API of better-sqlite3 (a consistent copy while the server writes);
//   restore replaces the file (the server must be stopped).
// - PostgreSQL: runs pg_dump (custom format, the schema of DATABASE_URL) and pg_restore / psql, when
//   the PostgreSQL client programs are installed; a clear message names the package when not. The
//   password travels in PGPASSWORD, never on the command line (visible in `ps`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { isPostgresUrl, sqlitePathFromUrl } from './connect.ts';

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface PgTarget {
  /** connection URL without password and without ?schema */
  url: string;
  password: string | null;
  schema: string | null;
}

export function pgTarget(databaseUrl: string): PgTarget {
  const u = new URL(databaseUrl);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password, schema };
}

const PG_CLIENT_HINT =
  '请安装 PostgreSQL 客户端程序（Debian/Ubuntu：apt-get install postgresql-client，版本不低于数据库服务器），或在能访问数据库的机器上运行 / install the PostgreSQL client programs (Debian: apt-get install postgresql-client, the server’s major version or newer)';

/** Runs a PostgreSQL client program; rejects with a clear message when it is missing or fails. */
function runPgTool(program: string, args: string[], target: PgTarget): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(target.password !== null ? { PGPASSWORD: target.password } : {}) };
    let stderr = '';
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(new BackupError(e.code === 'ENOENT' ? `未找到 ${program} / ${program} not found: ${PG_CLIENT_HINT}` : `${program}: ${e.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${program} 失败 / failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

export interface BackupResult {
  file: string;
  bytes: number;
  engine: 'sqlite' | 'postgres';
}

/**
 * Writes a backup of the database at `databaseUrl` to `target` (must not exist). The file appears only
 * when complete (written beside it under a temporary name, then renamed).
 */
export async function backupDatabase(databaseUrl: string, target: string): Promise<BackupResult> {
  const file = path.resolve(target);
  if (existsSync(file)) throw new BackupError(`目标文件已存在，请换一个文件名 / target exists: ${file}`);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (isPostgresUrl(databaseUrl)) {
      const t = pgTarget(databaseUrl);
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', ...(t.schema ? [`--schema=${t.schema}`] : []), `--file=${partial}`, `--dbname=${t.url}`], t);
    } else {
      const source = sqlitePathFromUrl(databaseUrl);
      if (!existsSync(source)) throw new BackupError(`数据库文件不存在 / database file not found: ${source}`);
      const db = new SQLite(source, { fileMustExist: true });
      try {
        await db.backup(partial);
      } finally {
        db.close();
      }
    }
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { file, bytes: statSync(file).size, engine: isPostgresUrl(databaseUrl) ? 'postgres' : 'sqlite' };
}

/**
 * PostgreSQL: restores a pg_dump custom-format file into the database of `databaseUrl`, replacing
 * what is there, in ONE transaction: pg_restore turns the dump into an SQL file, which psql runs with
 * `--single-transaction` after dropping the schema of the URL — any error rolls everything back and
 * the current data stays. Stop the server first.
 */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new BackupError(`文件不存在 / file not found: ${source}`);
  const t = pgTarget(databaseUrl);
  const schema = t.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new BackupError(`invalid schema name: ${schema}`);
  // A broken or foreign file is refused before anything is touched.
  await runPgTool('pg_restore', ['--list', source], t);
  // The dump of a named schema creates it; the public schema is not in a dump of public, so it is recreated here.
  const prologue = schema === 'public' ? 'drop schema if exists public cascade; create schema public;' : `drop schema if exists "${schema}" cascade;`;
  // The whole SQL first (so that a dump that cannot be read fully never reaches the database), then one transaction.
  const tmp = mkdtempSync(path.join(tmpdir(), 'gongkai-restore-')); // mode 0700: the SQL holds personal data
  const sqlFile = path.join(tmp, 'restore.sql');
  try {
    await runPgTool('pg_restore', ['--no-owner', '--no-privileges', `--file=${sqlFile}`, source], t);
    await runPgTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', `--dbname=${t.url}`, '--command', prologue, `--file=${sqlFile}`], t);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ── scheduled backups ──

const SCHEDULED = /^gongkai-(\d{8}-\d{6})\.(db|dump)$/;

/** File name of a scheduled backup taken at `at` (UTC): gongkai-YYYYMMDD-HHMMSS.db|.dump */
export function scheduledBackupName(at: Date, engine: 'sqlite' | 'postgres'): string {
  const s = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `gongkai-${s}.${engine === 'postgres' ? 'dump' : 'db'}`;
}

/** Scheduled backups in `dir`, newest first (only files named by scheduledBackupName). */
export function listScheduledBackups(dir: string): { name: string; file: string; at: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: SCHEDULED.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => ({ name, file: path.join(dir, name), at: m[1]! }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** Deletes all but the `keep` newest scheduled backups in `dir`; returns the deleted files. */
export function pruneScheduledBackups(dir: string, keep: number): string[] {
  const old = listScheduledBackups(dir).slice(keep);
  for (const b of old) rmSync(b.file, { force: true });
  return old.map((b) => b.file);
}

/** One scheduled backup: a new file in `dir`, then retention. */
export async function runScheduledBackup(databaseUrl: string, dir: string, keep: number, at: Date): Promise<BackupResult & { pruned: string[] }> {
  const engine = isPostgresUrl(databaseUrl) ? 'postgres' : 'sqlite';
  const r = await backupDatabase(databaseUrl, path.join(dir, scheduledBackupName(at, engine)));
  return { ...r, pruned: pruneScheduledBackups(dir, keep) };
}

/** When the next scheduled backup is due: `intervalMs` after the newest one, but not before `earliest`. */
export function nextBackupDue(dir: string, intervalMs: number, now: Date, earliestDelayMs: number): Date {
  const newest = listScheduledBackups(dir)[0];
  const earliest = now.getTime() + earliestDelayMs;
  if (!newest) return new Date(earliest);
  const s = newest.at;
  const last = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)), Number(s.slice(9, 11)), Number(s.slice(11, 13)), Number(s.slice(13, 15)));
  return new Date(Math.max(earliest, last + intervalMs));
}
