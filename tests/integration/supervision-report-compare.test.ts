// 差异比对 (decision 175) on the real 平潭 reports of tests/fixtures/reports, read from their HTML in an audit run:
// every table cell side by side with its delta, the narrative by sentence, the cross-year rules for consecutive years
// of one agency (2021 and a copy of it made a 2022 report), and Gongkai's own annual reports as a side. The page is
// reached from the run's report list (pick two) and shows what the API (compareAuditReports) returns.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const html = (slug: string) => readFileSync(new URL(`${slug}/source.html`, dir), 'utf8');
const NEW = '一、本年新收政府信息公开申请数量';
const NORM = 'table2|第二十条第（一）项|行政规范性文件';

interface Cell { cell: string; label: string; left: number | null; right: number | null; delta: number | null; changed: boolean; comparable: boolean }
interface Cmp {
  left: { agency: string; year: number }; right: { agency: string; year: number }; sameAgency: boolean; consecutive: boolean;
  leftSource: { ref: string; kind: string; label: string }; rightSource: { ref: string; label: string };
  sections: { key: string; heading: string; changed: boolean; rows: { op: string; left?: string; right?: string; leftParts?: { op: string; text: string }[]; rightParts?: { op: string; text: string }[] }[] }[];
  cells: Cell[]; crossYear: { rule: string; result: string; findings: { message: string }[] }[] | null; remarks: string[];
}

describe.each(engines())('supervision: 差异比对 of two reports (%s)', (engine) => {
  let t: TestApp;
  let runId = 0;
  const ids: Record<string, number> = {};
  const compare = async (l: string, r: string, extra = '') => {
    const res = await t.api('GET', `/api/supervision/report-comparison?left=${encodeURIComponent(l)}&right=${encodeURIComponent(r)}${extra}`, { as: 'supervisor' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Cmp;
  };
  const cell = (c: Cmp, ref: string) => c.cells.find((x) => x.cell === ref)!;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const s = await t.login('supervisor');
    const m = multipart([
      { name: 'files', filename: 'pt2019.html', data: Buffer.from(html('pingtan-2019')), type: 'text/html' },
      { name: 'files', filename: 'pt2021.html', data: Buffer.from(html('pingtan-2021')), type: 'text/html' },
      { name: 'files', filename: 'pt2022.html', data: Buffer.from(html('pingtan-2021').replaceAll('2021', '2022')), type: 'text/html' },
      { name: 'files', filename: 'pt2023.html', data: Buffer.from(html('pingtan-2023')), type: 'text/html' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    runId = (res.json() as { id: number }).id;
    for (const r of ((await t.api('GET', `/api/supervision/runs/${runId}/reports`, { as: 'supervisor' })).json() as { items: { id: number; file: string }[] }).items) ids[r.file] = r.id;
  });
  afterAll(async () => t?.close());

  it.each([
    // [left, right, cell, left value, right value, delta]
    ['pt2021.html', 'pt2023.html', `table3|${NEW}|总计`, 70, 81, 11],
    ['pt2021.html', 'pt2023.html', `table3|${NEW}|自然人`, 64, 80, 16],
    ['pt2021.html', 'pt2023.html', `${NORM}|现行有效件数`, 665, 470, -195],
    ['pt2021.html', 'pt2023.html', `${NORM}|本年废止件数`, 3, 132, 129],
    ['pt2021.html', 'pt2023.html', 'table4|未经复议直接起诉|总计', 12, 5, -7],
    ['pt2021.html', 'pt2023.html', 'table4|行政复议|结果纠正', 0, 1, 1],
    ['pt2019.html', 'pt2021.html', `table3|${NEW}|总计`, 23, 70, 47],
    ['pt2019.html', 'pt2023.html', 'table3|（七）总计|总计', 23, 81, 58],
  ] as const)('%s vs %s: %s %d → %d (delta %d)', async (l, r, ref, lv, rv, delta) => {
    const c = await compare(`audit:${ids[l]}`, `audit:${ids[r]}`);
    expect(cell(c, ref)).toMatchObject({ left: lv, right: rv, delta, changed: true, comparable: true });
  });

  it('2021 vs 2023: both sides named, every cell listed (changed=1 keeps only the ones that differ), the narrative by sentence, no cross-year rules', async () => {
    const c = await compare(`audit:${ids['pt2021.html']}`, `audit:${ids['pt2023.html']}`);
    expect([c.left, c.right].map((s) => [s.agency, s.year])).toEqual([['平潭综合实验区', 2021], ['平潭综合实验区', 2023]]);
    expect(c.leftSource).toMatchObject({ ref: `audit:${ids['pt2021.html']}`, kind: 'audit', label: 'pt2021.html' });
    expect(c.cells.filter((x) => x.cell.startsWith('table3|'))).toHaveLength(25 * 7);
    expect(cell(c, `table3|（三）不予公开/1.属于国家秘密|总计`)).toMatchObject({ left: 0, right: 0, delta: 0, changed: false, label: '表三 （三）不予公开 1.属于国家秘密 · 总计' });
    const changed = await compare(`audit:${ids['pt2021.html']}`, `audit:${ids['pt2023.html']}`, '&changed=1');
    expect(changed.cells.length).toBe(c.cells.filter((x) => x.changed).length);
    expect(changed.cells.every((x) => x.changed)).toBe(true);
    expect(c.consecutive).toBe(false);
    expect(c.crossYear).toBeNull();
    expect(c.sections.map((s) => [s.key, s.changed])).toEqual([['overview', true], ['proactive', false], ['requests', false], ['appeals', false], ['problems', true], ['other', true]]);
    // 六、其他需要报告的事项: the one sentence, paired, only the year's digit marked
    expect(c.sections.find((s) => s.key === 'other')!.rows).toEqual([{
      op: 'change', left: '2021年，无收取信息处理费情况。', right: '2023年，无收取信息处理费情况。',
      leftParts: [{ op: 'equal', text: '202' }, { op: 'delete', text: '1' }, { op: 'equal', text: '年，无收取信息处理费情况。' }],
      rightParts: [{ op: 'equal', text: '202' }, { op: 'insert', text: '3' }, { op: 'equal', text: '年，无收取信息处理费情况。' }],
    }]);
    expect(c.sections.find((s) => s.key === 'overview')!.rows.filter((r) => r.op === 'delete' || r.op === 'insert').length).toBeGreaterThan(10);
  });

  it('2019 vs 2021: table 二 side by side without deltas (the format changed its meaning)', async () => {
    const c = await compare(`audit:${ids['pt2019.html']}`, `audit:${ids['pt2021.html']}`);
    expect(c.remarks[0]).toContain('表二格式不同（2019 年版与 2021 年版）');
    expect(cell(c, 'table2|第二十条第（一）项|规范性文件|本年新制作数量')).toMatchObject({ left: 89, right: null, delta: null, comparable: false });
  });

  it('2021 vs its 2022 copy: consecutive years of one agency, the cross-year rules with their results', async () => {
    const c = await compare(`audit:${ids['pt2021.html']}`, `audit:${ids['pt2022.html']}`);
    expect(c.consecutive).toBe(true);
    expect(Object.fromEntries(c.crossYear!.map((r) => [r.rule, r.result]))).toEqual({ X1: 'fail', X3: 'fail', X4: 'not_applicable' });
    expect(c.crossYear!.find((r) => r.rule === 'X1')!.findings.map((f) => f.message)).toEqual([
      '表三 自然人列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）',
      '表三 总计列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）',
    ]);
    expect(c.cells.every((x) => !x.changed)).toBe(true);
  });

  it('Gongkai’s own annual reports of an agency below: two consecutive years compared', async () => {
    const dept = (await t.services.agencies.list()).find((a) => a.name === '烟台市芝罘区行政审批服务局')!;
    for (const year of ['2024', '2025']) expect((await t.form(`/admin/annual/${dept.id}/compile`, { year }, { as: 'officer' })).statusCode).toBe(303);
    const c = await compare(`annual:${dept.id}:2024`, `annual:${dept.id}:2025`);
    expect(c.leftSource).toMatchObject({ kind: 'annual', label: '烟台市芝罘区行政审批服务局2024年度报告' });
    expect([c.sameAgency, c.consecutive]).toEqual([true, true]);
    expect(c.crossYear!.map((r) => r.rule)).toEqual(['X1', 'X3', 'X4']);
    expect(c.crossYear!.find((r) => r.rule === 'X4')!.result).toBe('not_applicable');
    // an agency's report against a run's report of another agency: compared, no cross-year rules
    const mixed = await compare(`annual:${dept.id}:2025`, `audit:${ids['pt2023.html']}`);
    expect([mixed.sameAgency, mixed.crossYear]).toEqual([false, null]);
  });

  it.each([
    ['left missing', `right=audit:1`, 400],
    ['a side that is no report reference', `left=audit:x&right=audit:1`, 400],
    ['the same report twice', (i: Record<string, number>) => `left=audit:${i['pt2021.html']}&right=audit:${i['pt2021.html']}`, 400],
    ['an unknown report', (i: Record<string, number>) => `left=audit:2147483000&right=audit:${i['pt2021.html']}`, 404],
    ['an unknown annual report', (i: Record<string, number>) => `left=annual:1:2009&right=audit:${i['pt2021.html']}`, 404],
  ] as const)('API: %s → %i (problem+json in Chinese)', async (_n, q, status) => {
    const res = await t.api('GET', `/api/supervision/report-comparison?${typeof q === 'string' ? q : q(ids)}`, { as: 'supervisor' });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body).toMatch(/[\u4e00-\u9fff]/);
    expect((await t.api('GET', `/api/supervision/report-comparison?left=audit:${ids['pt2021.html']}&right=audit:${ids['pt2023.html']}`, { as: 'officer' })).statusCode).toBe(403);
  });

  it('page: picked from the run’s report list; the same deltas; the cross-year table; a bad pick shows the error summary', async () => {
    const run = await t.api('GET', `/admin/supervision/runs/${runId}`, { as: 'supervisor' });
    expect(run.body).toContain('action="/admin/supervision/report-comparison"');
    expect(run.body).toContain(`name="left" value="audit:${ids['pt2021.html']}"`);
    const page = await t.api('GET', `/admin/supervision/report-comparison?left=audit:${ids['pt2021.html']}&right=audit:${ids['pt2022.html']}&back=/admin/supervision/runs/${runId}`, { as: 'supervisor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-rule="X1" data-result="fail"');
    const p2 = await t.api('GET', `/admin/supervision/report-comparison?left=audit:${ids['pt2021.html']}&right=audit:${ids['pt2023.html']}`, { as: 'supervisor' });
    expect(p2.body).toMatch(new RegExp(`data-cell="table3\\|${NEW}\\|总计" class="gk-diff-changed"><th scope="row">[^<]*</th><td>70</td><td>81</td><td data-delta="true">\\+11</td>`));
    expect(p2.body).toContain('<del>');
    expect(p2.body).toContain('<ins>');
    // Gongkai's annual reports picked by agency and year (the 2024 and 2025 reports compiled above)
    const dept = (await t.services.agencies.list()).find((a) => a.name === '烟台市芝罘区行政审批服务局')!;
    const empty = await t.api('GET', '/admin/supervision/report-comparison', { as: 'supervisor' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain(`<option value="${dept.id}">烟台市芝罘区行政审批服务局</option>`);
    expect((await t.api('GET', '/admin/supervision/report-comparison', { as: 'officer' })).statusCode).toBe(403);
    const annual = await t.api('GET', `/admin/supervision/report-comparison?leftAgency=${dept.id}&leftYear=2024&rightAgency=${dept.id}&rightYear=2025`, { as: 'supervisor' });
    expect(annual.statusCode).toBe(200);
    expect(annual.body).toContain('data-rule="X4" data-result="not_applicable"');
    const bad = await t.api('GET', `/admin/supervision/report-comparison?left=audit:${ids['pt2021.html']}`, { as: 'supervisor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('请选择右侧的报告');
  });
});
