// Opens the database named by a URL: `file:<path>` (SQLite via better-sqlite3) or `postgres://…` (pg).
// PostgreSQL: `?schema=<name>` (or options.schema) sets search_path (the schema is created if missing),
// so tests can use a fresh schema per file.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyConfig } from 'kysely';
import type { Database } from './types.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** SQLite: absolute file path; PostgreSQL: undefined. */
  file?: string;
  /** PostgreSQL: the schema in search_path ('public' unless `?schema=`). */
  schema?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  schema?: string;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** Called with the SQL text of every statement run (tests count the statements of a request). */
  onQuery?: (sql: string) => void;
}

function queryLog(onQuery: OpenOptions['onQuery']): KyselyConfig['log'] {
  return onQuery ? (event) => { if (event.level === 'query') onQuery(event.query.sql); } : undefined;
}

// PostgreSQL `date` (OID 1082) as the plain 'YYYY-MM-DD' string: the default Date parse shifts a day under Asia/Shanghai.
pg.types.setTypeParser(1082, (v: string) => v);

export function sqlitePathFromUrl(url: string): string {
  const p = url.replace(/^file:(\/\/)?/, '');
  return path.resolve(p);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (isPostgresUrl(url)) {
    const u = new URL(url);
    const schema = options.schema ?? u.searchParams.get('schema') ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    u.searchParams.delete('schema');
    const pool = new pg.Pool({
      connectionString: u.toString(),
      max: options.poolSize ?? 10,
      options: `-c search_path=${schema}`,
    });
    try {
      if (schema !== 'public') {
        const c = await pool.connect();
        try {
          await c.query(`create schema if not exists "${schema}"`);
        } catch (e) {
          // Two processes starting at once on a new schema both pass "if not exists" and one of them then hits
          // the catalogue's unique index (23505) or the duplicate-schema error (42P06): the schema exists, as wanted.
          const code = (e as { code?: string }).code;
          if (code !== '23505' && code !== '42P06') throw e;
        } finally {
          c.release();
        }
      } else {
        // Fail early and loudly when the server is unreachable.
        await pool.query('select 1');
      }
    } catch (e) {
      await pool.end().catch(() => undefined); // a failed open leaves no connection behind
      throw e;
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(options.onQuery) });
    return { db, dialect: 'postgres', schema, close: () => db.destroy() };
  }
  if (!url.startsWith('file:')) throw new Error(`unsupported DATABASE_URL: ${url}`);
  const file = sqlitePathFromUrl(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // FULL: a committed transaction survives power loss (WAL + NORMAL could lose the last commits).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log: queryLog(options.onQuery) });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}

/** How many prepared SQLite statements are kept (least recently used dropped first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew, and compiling a statement costs more than running
 * most of ours: a list page prepared the same dozen statements on every request. Statements are kept by
 * their SQL text (the parameters are bound per run, so one statement serves every value). Kysely runs one
 * query at a time on the single connection, so a cached statement is never busy when it is handed out.
 */
export function withStatementCache(sqlite: SQLite.Database, max = STATEMENT_CACHE_SIZE): { prepare(sql: string): SQLite.Statement; close(): void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql); // re-insert: Map order is the recency order
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
