// Opening one PostgreSQL schema from several processes at once: each opener creates the schema if it is
// missing, and a race between them must not fail any of them (two server processes started together did).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/connect.ts';

const engines = process.env.TEST_DATABASE_URL ? ['postgres'] : [];

describe.each(engines)('opening a new schema concurrently (%s)', () => {
  const schemas: string[] = [];
  afterAll(async () => {
    const admin = await openDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 1 });
    for (const s of schemas) await sql.raw(`drop schema if exists "${s}" cascade`).execute(admin.db);
    await admin.close();
  });

  it.each([2, 4, 8])('%i openers at once on each of 10 fresh schemas all succeed', async (openers) => {
    for (let round = 0; round < 10; round++) {
      const schema = `t_connect_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      const url = `${process.env.TEST_DATABASE_URL}?schema=${schema}`;
      const results = await Promise.allSettled(Array.from({ length: openers }, () => openDatabase(url, { poolSize: 1 })));
      const opened = results.filter((r): r is PromiseFulfilledResult<OpenDatabase> => r.status === 'fulfilled').map((r) => r.value);
      const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      for (const o of opened) await o.close();
      expect(failures).toEqual([]);
      expect(opened).toHaveLength(openers);
    }
  });
});
