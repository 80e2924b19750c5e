// The PostgreSQL search plan (decision 115) gives exactly the results of the plain plan it replaced — every match of
// a tier sorted by recency, tiers in order, totals capped — whichever way each step is taken: the recency walk, the
// month-by-month GIN probe, or the mix the default bounds choose. The bounds are lowered so that a few thousand items
// go through the probes; plans are checked with EXPLAIN (the walk uses the recency index and stops, the probe uses a
// GIN index).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './harness.ts';
import { syntheticItem } from '../../src/features/catalogue/synthetic.ts';
import { metaTsquery, parseQuery, toTsquery, type MetaFilter } from '../../src/core/search/query.ts';
import { SEARCH_CAP, searchIndex } from '../../src/features/catalogue/catalogue.repository.ts';
import { SearchMemo, pgSearchLimits, withSearchPlanner } from '../../src/features/catalogue/catalogue.search-pg.ts';

const pg = !!process.env.TEST_DATABASE_URL;

/** The plan before decision 115: each tier one query over all its matches, sorted. */
async function reference(t: TestApp, q: string, f: MetaFilter, page: number, size: number) {
  const query = parseQuery(q);
  const m = metaTsquery(f);
  const w = (e: string) => (m ? `(${e}) & ${m}` : e);
  const inTitle = `(${toTsquery(query, 'A')})`;
  const inMeta = `(${toTsquery(query, 'C')})`;
  const exprs = [w(inTitle), w(`${inMeta} & !${inTitle}`), w(`(${toTsquery(query)}) & !${inTitle} & !${inMeta}`)];
  const all: Array<{ id: number; tier: number }> = [];
  for (const [tier, e] of exprs.entries()) {
    const r = await sql<{ item_id: number }>`select item_id from catalogue_search where tsv @@ ${e}::tsquery order by search_key desc`.execute(t.db);
    for (const x of r.rows) all.push({ id: Number(x.item_id), tier });
  }
  const total = Math.min(all.length, SEARCH_CAP);
  const from = (page - 1) * size;
  if (from >= SEARCH_CAP) return { ids: [], total: SEARCH_CAP, capped: true }; // searchIndex answers pages past the cap without a query
  return { ids: all.slice(from, Math.min(from + size, SEARCH_CAP)), total, capped: all.length > SEARCH_CAP };
}

describe.skipIf(!pg)('PostgreSQL search plan', () => {
  let t: TestApp;
  let agencyId: number;
  let otherId: number;
  const saved = { ...pgSearchLimits };
  beforeAll(async () => {
    t = await createTestApp('postgres');
    const agencies = await t.db.selectFrom('agencies').select('id').orderBy('id').execute();
    agencyId = agencies[0]!.id;
    otherId = agencies[1]!.id;
    const sys = { userId: null, displayName: '测试' } as const;
    const actor = (id: number) => ({ ...sys, role: 'admin' as const, agencyId: id, visibleAgencyIds: [id] });
    // 1,600 items over two years in one agency (a common term passes the 1,000 cap), 300 in another
    const items = (seed: number, n: number) => Array.from({ length: n }, (_, i) => syntheticItem(seed, i, { fromYear: 2024, years: 2 })).sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));
    await t.services.catalogue.bulkLoadPublished(actor(agencyId), agencyId, [items(3, 1600)]);
    await t.services.catalogue.bulkLoadPublished(actor(otherId), otherId, [items(4, 300)]);
  }, 120_000);
  afterAll(async () => {
    Object.assign(pgSearchLimits, saved);
    await t?.close();
  });

  const queries = ['公开', '许可', '行政复议', '跨省通办', '芝罘区', '政务公开', '跨省 通知', '税', '公示', '没有这个词'];
  // denseShare: the agency holds 1,600 of the 1,900 rows (share ≈ 0.84 of the newest ones), the other agency ≈ 0.16;
  // 2 keeps every agency's GIN token, 0 tests every agency on its column only
  const bounds = {
    walks: { walkHead: 1e9, walkText: 1e9, smallScope: 1e9, denseShare: 0.5 },
    probes: { walkHead: 1, walkText: 1, smallScope: 0, denseShare: 0.5 },
    'probes with every agency token': { walkHead: 1, walkText: 1, smallScope: 0, denseShare: 2 },
    'probes without agency tokens': { walkHead: 1, walkText: 1, smallScope: 0, denseShare: 0 },
    mixed: { walkHead: 40, walkText: 12, smallScope: 100, denseShare: 0.5 },
  };
  // with a memo, each search starts from what the searches before it found (the collection, the tiers' sizes)
  const runs = (Object.keys(bounds) as Array<keyof typeof bounds>).flatMap((b) => [[b, false], [b, true]] as const);

  it.each(runs)('the %s (memo: %s) give the plain plan\'s pages, tiers and capped totals', async (name, withMemo) => {
    Object.assign(pgSearchLimits, bounds[name]);
    const memo = withMemo ? new SearchMemo(() => 1) : undefined;
    try {
      const filters: MetaFilter[] = [{ agencyId }, { agencyId: null }, { agencyId: otherId }, { agencyId, year: 2025 }, { agencyId, kind: 'news' }];
      for (const q of queries) {
        for (const f of filters) {
          for (const [page, size] of [[1, 10], [2, 10], [5, 7], [40, 10], [101, 10]] as const) {
            const want = await reference(t, q, f, page, size);
            const got = await searchIndex(t.db, parseQuery(q), f, page, size, memo);
            expect({ ids: got.ids, total: got.total, capped: got.capped }, `${q} ${JSON.stringify(f)} page ${page}`).toEqual(want);
          }
        }
      }
    } finally {
      Object.assign(pgSearchLimits, saved);
    }
  }, 300_000);

  // Pages taken in any order, one after another or together, extend the same tier lists of the memo; each page equals
  // the plain plan's, and a page asked again is answered from the memo without a single query.
  const orders: Array<[string, MetaFilter, number[][]]> = [
    ['公开', { agencyId: 1 }, [[1], [2], [3], [1, 2, 3]]],
    ['公开', { agencyId: 1 }, [[40], [1], [2], [41]]],
    ['许可', { agencyId: null }, [[3], [1], [101], [2]]],
    ['行政复议', { agencyId: 1 }, [[2, 3, 4], [1], [5, 30]]],
    ['政务公开', { agencyId: 1, kind: 'news' }, [[1, 2], [7], [3]]],
    ['跨省通办', { agencyId: null }, [[1], [2, 3]]],
  ];
  const bySize = { default: saved, probes: { walkHead: 1, walkText: 1, smallScope: 0, denseShare: 0.5 }, mixed: { walkHead: 40, walkText: 12, smallScope: 100, denseShare: 0.5 } };
  it.each((Object.keys(bySize) as Array<keyof typeof bySize>).flatMap((b) => orders.map(([q, f, rounds]) => [b, q, f, rounds] as const)))(
    'the %s steps extend the memo for %s %j in the order %j and a page seen before needs no query',
    async (b, q, f0, rounds) => {
      Object.assign(pgSearchLimits, bySize[b]);
      const f = { ...f0, agencyId: f0.agencyId === 1 ? agencyId : f0.agencyId };
      const memo = new SearchMemo(() => 1);
      let queries = 0;
      const counted = t.db.withPlugin({ transformQuery: (a) => { queries++; return a.node; }, transformResult: async (a) => a.result });
      try {
        for (const pages of rounds) {
          const got = await Promise.all(pages.map((p) => searchIndex(counted, parseQuery(q), f, p, 10, memo)));
          for (const [i, p] of pages.entries()) expect({ ids: got[i]!.ids, total: got[i]!.total, capped: got[i]!.capped }, `${q} page ${p}`).toEqual(await reference(t, q, f, p, 10));
        }
        queries = 0;
        for (const p of new Set(rounds.flat())) {
          const again = await searchIndex(counted, parseQuery(q), f, p, 10, memo);
          expect(again.ids, `${q} page ${p} again`).toEqual((await reference(t, q, f, p, 10)).ids);
        }
        expect(queries).toBe(0);
      } finally {
        Object.assign(pgSearchLimits, saved);
      }
    },
    120_000,
  );

  it('a search after a publication finds it: what searches found is kept per catalogue generation', async () => {
    const search = () => t.services.catalogue.search({ q: '芝罘区', agencyId: otherId, page: 1 });
    const want = await reference(t, '芝罘区', { agencyId: otherId }, 1, 10);
    const before = await search();
    expect(before.items.map((i) => i.id)).toEqual(want.ids.map((x) => x.id));
    expect(before.total).toBe(want.total);
    expect((await search()).items.map((i) => i.id)).toEqual(want.ids.map((x) => x.id)); // from the memo
    const sys = { userId: null, displayName: '测试', role: 'admin' as const, agencyId: otherId, visibleAgencyIds: [otherId] };
    const item = { seq: 0, title: '芝罘区检索记忆测试通知', summary: '测试摘要。', body: '测试正文。', kind: 'notice' as const, category: 15, madeOn: '2026-03-02', publishedOn: '2026-03-02', docNumber: null, validity: 'valid' as const };
    await t.services.catalogue.bulkLoadPublished(sys, otherId, [[item]]);
    const after = await search();
    const now = await reference(t, '芝罘区', { agencyId: otherId }, 1, 10);
    expect(after.total).toBe(before.total + 1);
    expect(after.items.map((i) => i.id)).toEqual(now.ids.map((x) => x.id));
    expect(after.items.map((i) => i.title)).toContain('芝罘区检索记忆测试通知'); // title tier, after the demo items published today
  });

  it('walks the recency index and stops; probes a GIN index one month group at a time', async () => {
    await withSearchPlanner(t.db, async (db) => {
      const walk = await sql<{ 'QUERY PLAN': string }>`explain select item_id from (select item_id, search_key, head, tsv from catalogue_search where agency_id = ${agencyId} order by search_key desc limit 2000) w
        where head @@ ${"'公开':A"}::tsquery order by search_key desc limit 10`.execute(db);
      const walkPlan = walk.rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(walkPlan).toMatch(/Index Scan using catalogue_search_agency_key_idx/);
      expect(walkPlan).not.toMatch(/Sort/);
      const probe = await sql<{ 'QUERY PLAN': string }>`explain select item_id from catalogue_search where head @@ ${"'公开':A & 'ag1' & ('mo202512' | 'mo202511')"}::tsquery order by search_key + 0 desc limit 10`.execute(db);
      expect(probe.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on catalogue_search_head_idx/);
      const text = await sql<{ 'QUERY PLAN': string }>`explain select count(*) from (select 1 from catalogue_search where tsv @@ ${"'公开' & 'ag1' & 'mo202512'"}::tsquery limit 1001) x`.execute(db);
      expect(text.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on catalogue_search_tsv_idx/);
    });
  });
});
