import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('migrations (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  });
  afterAll(async () => t?.close());

  it('ran every migration once; running again applies nothing and keeps the data', async () => {
    const rows = await t.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect((rows as { name: string }[]).map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
    const now = new Date().toISOString();
    await t.db
      .insertInto('agencies')
      .values({ name: '迁移测试机构', credit_code: '113706020043215678', kind: 'government', created_at: now, updated_at: now })
      .execute();
    const again = await migrateToLatest(t.database);
    expect(again.applied).toEqual([]);
    const third = await migrateToLatest(t.database);
    expect(third.applied).toEqual([]);
    const count = await t.db.selectFrom('agencies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('enforces the credit code unique and the role check in the schema', async () => {
    const now = new Date().toISOString();
    await expect(
      t.db.insertInto('agencies').values({ name: '重复', credit_code: '113706020043215678', kind: 'government', created_at: now, updated_at: now }).execute(),
    ).rejects.toThrow();
    const agency = await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('users')
        .values({ username: 'x', display_name: 'x', password_hash: 'x', role: 'boss' as never, agency_id: agency.id, active: 1, created_at: now, updated_at: now })
        .execute(),
    ).rejects.toThrow();
  });

  it('enforces foreign keys (a user of a missing agency is refused)', async () => {
    const now = new Date().toISOString();
    await expect(
      t.db.insertInto('users').values({ username: 'y', display_name: 'y', password_hash: 'x', role: 'officer', agency_id: 999999, active: 1, created_at: now, updated_at: now }).execute(),
    ).rejects.toThrow();
  });
});
