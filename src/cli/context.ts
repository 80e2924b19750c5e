// Shared start-up for CLI commands: config → database (+ migrations) → services.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase, type OpenDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { withStartupLock } from '../db/startup-lock.ts';
import { createServices, type Services } from '../main.ts';

export interface CliContext {
  config: Config;
  database: OpenDatabase;
  services: Services;
  close(): Promise<void>;
}

/** Loads the config or exits with the list of problems (Chinese + English). */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

export async function openContext(opts: { migrate?: boolean; afterMigrate?: (services: Services) => Promise<void> } = {}): Promise<CliContext> {
  const config = configOrExit();
  let database: OpenDatabase;
  try {
    database = await openDatabase(config.databaseUrl);
  } catch (e) {
    console.error(`无法打开数据库 / cannot open the database (${redactUrl(config.databaseUrl)}): ${(e as Error).message}`);
    process.exit(1);
  }
  // Several processes starting at once: one migrates (and seeds), the others wait for it (db/startup-lock.ts).
  const services = await withStartupLock(database, async () => {
    if (opts.migrate !== false) await migrateToLatest(database);
    const s = createServices(config, database);
    // Personal fields written before encryption (or by bulk loaders) are encrypted now; idempotent and cheap when none are left.
    if (opts.migrate !== false) await s.personalData.sealPlaintext();
    if (opts.afterMigrate) await opts.afterMigrate(s);
    return s;
  });
  return { config, database, services, close: () => database.close() };
}

/** Hides the password of a postgres:// URL for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

// A pid file beside the SQLite database while `serve` runs, so that `restore` can refuse.
export function serverLockPath(dbFile: string): string {
  return `${dbFile}.server.pid`;
}

export function writeServerLock(dbFile: string): void {
  writeFileSync(serverLockPath(dbFile), String(process.pid));
}

export function removeServerLock(dbFile: string): void {
  const p = serverLockPath(dbFile);
  try {
    if (existsSync(p) && readFileSync(p, 'utf8').trim() === String(process.pid)) rmSync(p);
  } catch {
    /* best effort */
  }
}

/** The pid of a running server on this database file, or null. */
export function runningServerPid(dbFile: string): number | null {
  const p = serverLockPath(dbFile);
  if (!existsSync(p)) return null;
  const pid = Number(readFileSync(p, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale file
  }
}
