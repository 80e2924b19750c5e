// Dialect helpers: the few places where SQLite and PostgreSQL differ, isolated here.
import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from './connect.ts';

export type { DialectName } from './connect.ts';

/** Current instant as a UTC ISO string (timestamps are stored as text in both engines). */
export function nowIso(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

/** JSON columns are text in both engines. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function fromJson<T = unknown>(text: string | null | undefined): T | null {
  if (text === null || text === undefined || text === '') return null;
  return JSON.parse(text) as T;
}

/** Aggregates come back as numbers on SQLite and as strings (bigint) on PostgreSQL. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  return 0;
}

/** Integer auto-increment primary key, for `createTable(...).addColumn('id', ...idColumn(dialect))`. */
export function idColumn(dialect: DialectName): ['integer' | 'serial', (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return dialect === 'postgres'
    ? ['serial', (c) => c.primaryKey()]
    : ['integer', (c) => c.primaryKey().autoIncrement()];
}

/** Case-insensitive LIKE: SQLite's LIKE is already case-insensitive for ASCII; PostgreSQL needs ILIKE. */
export function likeOp(dialect: DialectName): 'like' | 'ilike' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Escapes %, _ and \ for a LIKE pattern (use with `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Detects the dialect of an open Kysely instance (for code that only has `db`). */
export function dialectOf(db: Kysely<unknown>): DialectName {
  const name = db.getExecutor().adapter.constructor.name;
  return name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

/** Unique-violation check across engines (SQLite SQLITE_CONSTRAINT_UNIQUE, PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505');
}

/** A `now()` expression yielding UTC ISO text in both engines (for defaults computed in SQL). */
export function sqlNowIso(dialect: DialectName): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
}

// Upserts: Kysely's `.onConflict((oc) => oc.column('key').doUpdateSet({...}))` produces
// `ON CONFLICT … DO UPDATE` which both SQLite (≥3.24) and PostgreSQL accept: use it directly.
