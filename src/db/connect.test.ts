import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, withStatementCache } from './connect.ts';

function fakeSqlite() {
  const prepared: string[] = [];
  let closed = false;
  const db = {
    prepare(s: string) {
      prepared.push(s);
      return { sql: s } as never;
    },
    close() {
      closed = true;
    },
  };
  return { db: db as never, prepared, isClosed: () => closed };
}

describe('withStatementCache', () => {
  // each row: cache size, the SQL texts asked for in order, how many were compiled
  const cases: { max: number; asked: string[]; compiled: string[] }[] = [
    { max: 3, asked: ['a', 'a', 'a'], compiled: ['a'] },
    { max: 3, asked: ['a', 'b', 'a', 'b', 'c'], compiled: ['a', 'b', 'c'] },
    // 'a' is the least recently used when 'c' arrives with room for two: it is dropped and compiled again
    { max: 2, asked: ['a', 'b', 'c', 'a'], compiled: ['a', 'b', 'c', 'a'] },
    // using 'a' again makes 'b' the oldest, so 'c' evicts 'b' and 'a' stays cached
    { max: 2, asked: ['a', 'b', 'a', 'c', 'a', 'b'], compiled: ['a', 'b', 'c', 'b'] },
  ];
  it.each(cases)('size $max, asked $asked → compiles $compiled', ({ max, asked, compiled }) => {
    const f = fakeSqlite();
    const c = withStatementCache(f.db, max);
    for (const s of asked) c.prepare(s);
    expect(f.prepared).toEqual(compiled);
  });

  it('hands back the same statement for the same SQL and closes the database', () => {
    const f = fakeSqlite();
    const c = withStatementCache(f.db, 5);
    expect(c.prepare('select 1')).toBe(c.prepare('select 1'));
    c.close();
    expect(f.isClosed()).toBe(true);
  });
});

describe('SQLite through the statement cache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-stmt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('binds new parameters on every run of a cached statement, reads and writes', async () => {
    const { db, close } = await openDatabase(`file:${path.join(dir, 'c.db')}`);
    try {
      await sql`create table t (id integer primary key, v text)`.execute(db);
      for (const v of ['甲', '乙', '丙']) await sql`insert into t (v) values (${v})`.execute(db);
      const got: string[] = [];
      for (const id of [3, 1, 2]) {
        const r = await sql<{ v: string }>`select v from t where id = ${id}`.execute(db);
        got.push(r.rows[0]!.v);
      }
      expect(got).toEqual(['丙', '甲', '乙']);
      expect((await sql`select * from t where id = ${1}`.execute(db)).rows[0]).toEqual({ id: 1, v: '甲' });
      // a schema change after a statement was cached: SQLite re-prepares it itself
      await sql`alter table t add column w integer default 7`.execute(db);
      const r = await sql<{ v: string; w: number }>`select * from t where id = ${1}`.execute(db);
      expect(r.rows[0]).toEqual({ id: 1, v: '甲', w: 7 });
    } finally {
      await close();
    }
  });
});
