// `gongkai bench data --profile province` (decision 116): the agency tree province → cities → districts → departments
// and streets → communities, applications with ledgers spread over the units, 好差评 ratings — on both engines, at a
// small shape (the full one is ≈ 10⁴ agencies, 10⁶ applications, 10⁷ ratings; timed in decision 116).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { generateProvince, PROVINCE_SHAPE, provinceSize } from '../../src/features/agencies/province.bench.repository.ts';

describe.each(engines())('province bench data (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('builds the tree, spreads applications and ratings over its units', async () => {
    const shape = { cities: 2, districtsPerCity: 2, departmentsPerDistrict: 3, streetsPerDistrict: 2, communitiesPerStreet: 2 };
    expect(provinceSize(PROVINCE_SHAPE)).toBe(10_577);
    const before = Number((await sql<{ n: number }>`select count(*) as n from agencies`.execute(t.db)).rows[0]!.n);
    const r = await generateProvince(t.db, { shape, applications: 500, ratings: 700, year: 2025, seed: 3 });
    expect(r.agencies).toBe(provinceSize(shape));
    expect(r.units.count).toBe(4 * (3 + 2) + 4 * 2 * 2);
    const kinds = await sql<{ kind: string; n: number }>`select kind, count(*) as n from agencies where id > ${before} group by kind order by kind`.execute(t.db);
    expect(kinds.rows.map((x) => [x.kind, Number(x.n)])).toEqual([['community', 16], ['department', 12], ['government', 7], ['street', 8]]);
    // every community hangs under a street, every street under a district government, and so on up to the province
    const orphans = await sql<{ n: number }>`select count(*) as n from agencies c join agencies p on p.id = c.parent_id
      where c.id > ${before} and not ((c.kind = 'community' and p.kind = 'street') or (c.kind in ('department', 'street', 'government') and p.kind = 'government'))`.execute(t.db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
    const apps = await sql<{ n: number; a: number }>`select count(*) as n, count(distinct agency_id) as a from applications where agency_id between ${r.units.base} and ${r.units.base + r.units.count - 1}`.execute(t.db);
    expect([Number(apps.rows[0]!.n), Number(apps.rows[0]!.a)]).toEqual([500, r.units.count]);
    const events = await sql<{ n: number }>`select count(*) as n from application_events e join applications a on a.id = e.application_id where a.agency_id >= ${r.units.base}`.execute(t.db);
    expect(Number(events.rows[0]!.n)).toBeGreaterThanOrEqual(500);
    const ratings = await sql<{ n: number; five: number }>`select count(*) as n, sum(case when level = 5 then 1 else 0 end) as five from evaluations where agency_id >= ${r.units.base}`.execute(t.db);
    expect(Number(ratings.rows[0]!.n)).toBe(700);
    expect(Number(ratings.rows[0]!.five)).toBeGreaterThan(400);
  }, 120_000);
});
