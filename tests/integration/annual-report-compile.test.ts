// The annual report's table 二 第二十条第（一）项 from the catalogue's per-year counters (migration 235, decision 235), on
// SQLite and PostgreSQL: every write path (raw insert / update / delete, the editor's import, the benchmarks' bulk
// loader, the demo seed) keeps the counters equal to the fold over the items (table2Article20Item1, the reference),
// for every year 2018–2027 and both formats; a small agency gives concrete figures; the compiled model of every demo
// agency equals the model compiled from the items themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { table2Article20Item1, table2Article20Item1FromCounts } from '../../src/core/catalogue/statistics.ts';
import { compileReport } from '../../src/core/annual-report/index.ts';
import { defaultFormatForYear, type LayoutId } from '../../src/core/report/formats.ts';
import * as repo from '../../src/features/annual-report/annual-report.repository.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const YEARS = Array.from({ length: 10 }, (_, i) => 2018 + i);
const SYS = { userId: null, displayName: '测试（系统）' } as const;

describe.each(engines())('annual report: catalogue counts by year (%s)', (engine) => {
  let t: TestApp;
  let agencyId = 0;
  const at = '2026-01-10T00:00:00.000Z';
  let seq = 0;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2026-01-10T02:00:00Z') });
    const a = await t.services.agencies.create(SYS as never, {
      name: '测试县司法局', shortName: null, creditCode: '11370699MB0012345X', kind: 'department', parentId: null,
      address: null, officeHours: null, phone: null, fax: null, email: null, website: null, postcode: null, workBodyName: null, reviewBodyName: null,
    } as never);
    agencyId = a.id;
  }, 120_000);
  afterAll(() => t?.close());

  // one raw catalogue row: only the columns the statistics read (and the required ones)
  async function item(kind: string, madeOn: string | null, published: string | null, validity = 'valid', changedOn: string | null = null, withdrawnOn: string | null = null): Promise<number> {
    const r = await t.db.insertInto('catalogue_items').values({
      agency_id: agencyId, index_no: `TEST-${++seq}`, created_on: madeOn ?? '2020-01-01', created_at: at, updated_at: at, kind, made_on: madeOn,
      published_on: published, first_published_on: published, validity, validity_changed_on: changedOn, withdrawn_on: withdrawnOn, public: published ? 1 : 0,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** The reference: the fold over the agency's 规章 / 规范性文件 themselves. */
  async function fold(id: number, year: number, format: '2019' | '2021') {
    const items = await repo.catalogueStatItems(t.db, [id]);
    return table2Article20Item1(items.map((r) => ({ id: r.id, kind: r.kind ?? '', madeOn: r.made_on, publishedOn: r.first_published_on, validity: r.validity as 'valid', validityChangedOn: r.validity_changed_on, withdrawnOn: r.withdrawn_on })), year, format).values;
  }
  async function counted(id: number, year: number, format: '2019' | '2021') {
    return table2Article20Item1FromCounts((await repo.catalogueYearCounts(t.db, [id], year)).get(id) ?? {}, format);
  }
  async function expectCountsEqualFold(ids: number[]) {
    for (const id of ids) {
      for (const year of YEARS) {
        for (const format of ['2019', '2021'] as const) expect(await counted(id, year, format), `agency ${id} ${year} ${format}`).toEqual(await fold(id, year, format));
      }
    }
  }

  it('a small agency: raw inserts, a change of 有效性, a withdrawal and a deletion give these figures, and the fold’s for every year', async () => {
    await item('rule', '2024-03-01', '2024-03-05'); //                                    in force 2024–
    const b = await item('rule', '2025-02-01', '2025-02-10'); //                          made 2025, in force 2025–
    const c = await item('rule', '2023-01-01', '2023-01-02'); //                          abolished below (2025-06-30)
    await item('normative', '2025-05-01', null); //                                       made 2025, never published
    await item('normative', '2022-01-01', '2022-02-01', 'valid', null, '2025-03-01'); //  withdrawn 2025
    await item('normative', '2025-07-01', '2026-01-05'); //                               made 2025, published 2026
    await item('normative', '2021-01-01', '2021-01-10', 'expired', '2020-12-31'); //      expired before it was published
    await item('news', '2025-01-01', '2025-01-02'); //                                    not counted (kind)
    await item('rule', null, '2025-01-02'); //                                            not counted (no 成文日期)
    await item('normative', '', '2024-01-02'); //                                         no made year, but in force
    await t.db.updateTable('catalogue_items').set({ validity: 'abolished', validity_changed_on: '2025-06-30' }).where('id', '=', c).execute();
    const b2 = await item('rule', '2025-02-01', '2025-02-10');
    await t.db.deleteFrom('catalogue_items').where('id', '=', b).execute();
    expect(b2).toBeGreaterThan(b);
    // 2021 format: 本年制发件数 | 本年废止件数 | 现行有效件数
    expect(await counted(agencyId, 2025, '2021')).toEqual({
      规章: { 本年制发件数: 1, 本年废止件数: 1, 现行有效件数: 2 },
      行政规范性文件: { 本年制发件数: 2, 本年废止件数: 0, 现行有效件数: 1 },
    });
    expect(await counted(agencyId, 2024, '2021')).toEqual({
      规章: { 本年制发件数: 1, 本年废止件数: 0, 现行有效件数: 2 },
      行政规范性文件: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 2 },
    });
    // 2019 format: 本年新制作数量 | 本年新公开数量 | 对外公开总数量 (withdrawal is the only end)
    expect(await counted(agencyId, 2025, '2019')).toEqual({
      规章: { 本年新制作数量: 1, 本年新公开数量: 1, 对外公开总数量: 3 },
      规范性文件: { 本年新制作数量: 2, 本年新公开数量: 0, 对外公开总数量: 2 },
    });
    await expectCountsEqualFold([agencyId]);
  });

  it('moving an item to another agency or kind, clearing dates and withdrawing it keep the counters equal to the fold', async () => {
    const other = (await t.services.agencies.list()).find((a) => a.id !== agencyId)!.id;
    const x = await item('rule', '2019-05-01', '2019-05-02');
    await t.db.updateTable('catalogue_items').set({ agency_id: other }).where('id', '=', x).execute();
    await t.db.updateTable('catalogue_items').set({ kind: 'normative', withdrawn_on: '2026-02-01' }).where('id', '=', x).execute();
    await t.db.updateTable('catalogue_items').set({ first_published_on: null }).where('kind', '=', 'normative').where('agency_id', '=', agencyId).where('made_on', '=', '2022-01-01').execute();
    await t.db.updateTable('catalogue_items').set({ title: '只改标题', version: 2 }).where('agency_id', '=', agencyId).execute();
    await expectCountsEqualFold([agencyId, other]);
  });

  it('the editor’s import and the benchmarks’ bulk loader keep them too', async () => {
    const rows: Record<string, string>[] = [
      { 标题: '测试县司法局行政规范性文件管理办法', 信息类型: '行政规范性文件', 第二十条类别: '1', 公开属性: '主动公开', 成文日期: '2025-03-01', 发布日期: '2025-03-03', 有效性: '有效' },
      { 标题: '测试县司法局关于废止若干规章的决定', 信息类型: '规章', 第二十条类别: '1', 公开属性: '主动公开', 成文日期: '2018-03-01', 发布日期: '2018-03-03', 有效性: '已废止', 有效性变更日期: '2025-09-01' },
    ];
    const r = await t.services.catalogue.importRows(SYS as never, agencyId, rows, false);
    expect(r.reports.flatMap((x) => x.problems)).toEqual([]);
    expect(r.imported).toBe(2);
    const bulk = [
      { title: '规章甲', summary: '', body: '正文', kind: 'rule', category: 1, madeOn: '2025-01-05', publishedOn: '2025-01-06', docNumber: null, validity: 'valid' as const },
      { title: '规范性文件乙', summary: '', body: '正文', kind: 'normative', category: 1, madeOn: '2020-01-05', publishedOn: '2020-01-06', docNumber: null, validity: 'expired' as const },
      { title: '通知丙', summary: '', body: '正文', kind: 'notice', category: 15, madeOn: '2025-01-05', publishedOn: '2025-01-06', docNumber: null, validity: 'valid' as const },
    ];
    expect(await t.services.catalogue.bulkLoadPublished(SYS as never, agencyId, [bulk])).toBe(3);
    expect(await counted(agencyId, 2025, '2021')).toEqual({
      规章: { 本年制发件数: 2, 本年废止件数: 2, 现行有效件数: 3 },
      行政规范性文件: { 本年制发件数: 3, 本年废止件数: 0, 现行有效件数: 2 },
    });
    await expectCountsEqualFold([agencyId]);
  });

  it('every demo agency: the counters equal the fold, and the compiled model equals the one compiled from the items', async () => {
    const agencies = await t.services.agencies.list();
    await expectCountsEqualFold(agencies.map((a) => a.id));
    for (const a of agencies) {
      for (const year of [2019, 2024, 2025]) {
        const format: LayoutId = defaultFormatForYear(year);
        const got = await t.services.annualReports.compileModel(a.id, year, format);
        const cat = await fold(a.id, year, format === '2019' ? '2019' : '2021');
        // the reference differs from the compile in table 二 第二十条第（一）项 only: it folds the items
        const reference = compileReport({
          agency: got.agency, creditCode: got.creditCode, year, format,
          table3: (await repo.table3Groups(t.db, [a.id], year, format)).get(a.id) ?? [], table4: (await repo.table4Groups(t.db, [a.id], year)).get(a.id) ?? [], catalogue: cat,
          register: { decisions: (await repo.registerTotals(t.db, [a.id], year)).decisions.get(a.id) ?? {}, items: (await repo.registerTotals(t.db, [a.id], year)).items.get(a.id) ?? {} },
          fees: (await repo.feesCollected(t.db, [a.id], year)).get(a.id) ?? { amountYuan: 0, count: 0 },
          sections: 'national', evaluations: (await t.services.evaluations.yearSummaries([a.id], year)).get(a.id) ?? null,
        });
        expect(got, `${a.name} ${year}`).toEqual(reference);
      }
    }
  });
});
