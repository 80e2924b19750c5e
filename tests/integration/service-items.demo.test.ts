// The demo catalogue on first start: the 审批服务局's items with 向阳街道 / 社区 implementations, two deliberate
// must-match differences in the check and the 街道 officer's queue, one incomplete item in the scores; and the
// compiled 2019 report's table 二 (第二十条第（五）项 行政许可 0 / 4 / 82, 其他对外管理服务事项 0 / 1 / 28 — the reference
// agency's published figures) from those items and individual 办件, with no entered totals behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

const DEPT = '12370602780795309E';
const STREET = '11370602MB0023456H';

describe.each(engines())('demo service items (%s)', (engine) => {
  let t: TestApp;
  let deptId = 0;
  beforeAll(async () => {
    t = await createTestApp(engine);
    deptId = (await t.services.agencies.getByCreditCode(DEPT))!.id;
  });
  afterAll(async () => t?.close());

  it('lists at least 20 items of the 审批服务局 and implementations at 向阳街道 and its 社区', async () => {
    const dept = (await t.api('GET', `/api/service-items?agency=${DEPT}`, { as: 'officer' })).json() as { total: number; items: { name: string; level: string }[] };
    expect(dept.total).toBeGreaterThanOrEqual(20);
    expect(dept.items.map((i) => i.name)).toEqual(expect.arrayContaining(['食品经营许可', '建设工程规划许可证核发', '公共场所卫生许可', '个体工商户开办“一窗通办”']));
    const street = (await t.api('GET', `/api/service-items?agency=${STREET}`, { as: 'xiangyang' })).json() as { total: number; items: { level: string }[] };
    expect(street.total).toBe(6);
    expect(new Set(street.items.map((i) => i.level))).toEqual(new Set(['street']));
  });

  // the page and its total come from one statement: every page — the first, the last, past the end — carries the total,
  // and the pages together are the whole list, each row once
  it.each([[`agency=${DEPT}`, 'officer', 7], [`agency=${STREET}`, 'xiangyang', 4], [`agency=${DEPT}&q=${encodeURIComponent('没有这样的事项')}`, 'officer', 5]])(
    'pages of %s (as %s, %i a page) carry one total and hold every row once', async (filter, as, size) => {
      const all = (await t.api('GET', `/api/service-items?${filter}&pageSize=200`, { as })).json() as { total: number; items: { code: string }[] };
      expect(all.items).toHaveLength(all.total);
      const pages = Math.max(1, Math.ceil(all.total / size));
      const seen: string[] = [];
      for (let page = 1; page <= pages + 2; page++) {
        const b = (await t.api('GET', `/api/service-items?${filter}&pageSize=${size}&page=${page}`, { as })).json() as { total: number; items: { code: string }[] };
        expect(b.total, `page ${page}`).toBe(all.total);
        expect(b.items.length, `page ${page}`).toBe(page < pages ? size : page === pages ? all.total - size * (pages - 1) : 0);
        seen.push(...b.items.map((i) => i.code));
      }
      expect(seen).toEqual(all.items.map((i) => i.code));
    });

  it('the check shows the two deliberate differences and the incomplete item; the 街道 officer has one to correct', async () => {
    const gov = (await t.services.agencies.list()).find((a) => a.parentId === null)!;
    const r = (await t.api('GET', `/api/service-items/consistency?agency=${gov.creditCode}`, { as: 'supervisor' })).json() as {
      differences: { itemName: string; element: string; values: { agency: string; value: string; differs: boolean }[] }[];
      scores: { agency: string; score: number; items: number; incomplete: number }[];
    };
    expect(r.differences.map((d) => [d.itemName, d.element, d.values.filter((v) => v.differs).map((v) => `${v.agency}：${v.value}`)])).toEqual([
      ['临时救助对象认定', 'promisedLimit', ['烟台市芝罘区向阳街道办事处：10 工作日']],
      ['老年人优待证办理', 'materials', [expect.stringMatching(/^向阳街道演示社区居民委员会：.*户口簿/)]],
    ]);
    expect(r.scores.find((s) => s.agency === '烟台市芝罘区行政审批服务局')).toMatchObject({ incomplete: 1, items: 21 });
    const work = (await t.api('GET', '/api/my-work?kind=item_mismatch', { as: 'xiangyang' })).json() as { total: number; items: { title: string }[] };
    expect(work.items.map((w) => w.title)).toEqual(['临时救助对象认定：承诺办结时限与区级部门不一致']);
    expect(((await t.api('GET', '/api/my-work?kind=item_mismatch', { as: 'shequ' })).json() as { total: number }).total).toBe(1);
  });

  it('the compiled 2019 report takes table 二 from the items and 110 individual 办件, drillable to both', async () => {
    const entered = await t.db.selectFrom('decision_item_counts').select('id').where('agency_id', '=', deptId).execute();
    expect(entered).toEqual([]);
    const rows = await t.db.selectFrom('decision_entries').select(['count', 'source', 'category']).where('agency_id', '=', deptId).where('year', '=', 2019).execute();
    expect(rows.length).toBe(110);
    expect(rows.every((r) => Number(r.count) === 1 && r.source === 'case' && r.category !== null)).toBe(true);
    const actor = { userId: 0, username: 'officer', displayName: '王经办', role: 'officer' as const, agencyId: deptId, agencyName: '', visibleAgencyIds: [deptId] };
    // the published report (compiled from the records by the seed) and a compilation from the records now agree
    const published = (await t.services.annualReports.published(DEPT, 2019))!;
    expect((published.model.table2 as unknown as Record<string, unknown>)['第二十条第（五）项']).toEqual((await t.services.annualReports.compileModel(deptId, 2019, '2019')).table2['第二十条第（五）项']);
    const t2 = (published.model.table2 as unknown as Record<string, Record<string, Record<string, number>>>)['第二十条第（五）项']!;
    expect(t2['行政许可']).toEqual({ 上一年项目数量: 0, '本年增/减': 4, 处理决定数量: 82 });
    expect(t2['其他对外管理服务事项']).toEqual({ 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 28 });
    const cases = await t.services.annualReports.drill(actor, deptId, 2019, 'table2|第二十条第（五）项|其他对外管理服务事项|处理决定数量' as never);
    const listed = (cases.detail as unknown as { rows: { caseNo: string | null }[] }).rows;
    expect(listed.length).toBe(28);
    expect(listed.every((r) => /^ZFSP2019-\d{5}$/.test(r.caseNo ?? ''))).toBe(true);
    const items = await t.services.annualReports.drill(actor, deptId, 2019, 'table2|第二十条第（五）项|行政许可|本年增/减' as never);
    const names = (items.detail as unknown as { serviceItems: { name: string; previous: boolean; current: boolean }[] }).serviceItems;
    expect(names.map((i) => [i.name, i.previous, i.current]).sort()).toEqual([
      ['公共场所卫生许可', false, true], ['建设工程规划许可证核发', false, true], ['药品零售企业经营许可', false, true], ['食品经营许可', false, true],
    ]);
  });
});
