// Comparisons and rankings across the agencies below a supervisor (decision 180), on a small tree with known records:
// 排名区人民政府 (the supervisor's agency) → 甲局, 乙局, 排名街道 → its 社区 (two levels down). Every figure and rank is
// asserted: applications received (by 收到申请之日), the outcome mix of those concluded, the share concluded by the reply
// deadline (deadlines.due; a lapsed 补正 has none), 复议 / 诉讼 纠错 ÷ 已审结 (filed in the year), the latest audit of each
// report (a later run replaces an earlier one; dismissed findings and another district's runs do not count), last
// year's ranks and the changes; the heatmap; CSV (BOM, formula-like names defused) and XLSX read back with exceljs;
// the pages' SVG charts name the agencies; other roles and other districts see nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { insertApplicationWithClock, insertAuditRun, type LedgerApplication, type StoredAuditReport } from '../builders/ledger-rows.ts';

const PW = { password: TEST_PASSWORD };
const AS = { as: 'rk-supervisor', ...PW };

interface Row {
  rank: number | null; previousRank: number | null; rankChange: number | null; name: string; value: number | null; received: number; concluded: number;
  outcomes: Record<string, number>; withDeadline: number; onTime: number; onTimeShare: number | null; reviewDecided: number; reviewCorrected: number;
  litigationDecided: number; litigationCorrected: number; correctionRate: number | null; report: { errors: number; warnings: number } | null;
  previous: { received: number; onTimeShare: number | null; correctionRate: number | null; errors: number | null }; change: Record<string, number | null>;
}
interface Rankings { items: Row[]; total: number; totals: Record<string, unknown>; previousTotals: Record<string, unknown>; order: string }

describe.each(engines())('supervision comparisons and rankings (%s)', (engine) => {
  let t: TestApp;
  const A = { gov: '排名区人民政府', d1: '排名区甲局', d2: '排名区乙局', street: '排名区向阳街道办事处', community: '=1+1排名社区居民委员会' };
  const ids: Record<keyof typeof A, number> = { gov: 0, d1: 0, d2: 0, street: 0, community: 0 };
  let foreignGov = 0;
  const at = '2026-01-05T00:00:00.000Z';
  let n = 0;

  /** An application with its reply clock, as a bulk loader writes them (due null: no deadline, as after a lapsed 补正). */
  async function application(agencyId: number, o: LedgerApplication): Promise<void> {
    n++;
    await insertApplicationWithClock(t.db, agencyId, o, { code: `RK${engine}${n}`, name: '排名测试', stamp: at });
  }
  async function appeal(agencyId: number, kind: string, filed: string, result: string): Promise<void> {
    await t.db.insertInto('appeal_cases').values({
      agency_id: agencyId, application_id: null, kind, filed_on: filed, body_name: null, case_number: null, result, closed_on: result === 'pending' ? null : filed, notes: null, created_at: at, updated_at: at,
    } as never).execute();
  }
  async function run(agencyId: number, year: number, reports: StoredAuditReport[]): Promise<void> {
    await insertAuditRun(t.db, agencyId, year, reports, { title: '排名测试', file: 'r', stamp: at });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    ids.gov = (await buildAgency(t.db, { name: A.gov, kind: 'government' })).id;
    ids.d1 = (await buildAgency(t.db, { name: A.d1, parent_id: ids.gov })).id;
    ids.d2 = (await buildAgency(t.db, { name: A.d2, parent_id: ids.gov })).id;
    ids.street = (await buildAgency(t.db, { name: A.street, parent_id: ids.gov, kind: 'street' } as never)).id;
    ids.community = (await buildAgency(t.db, { name: A.community, parent_id: ids.street, kind: 'community' } as never)).id;
    foreignGov = (await t.db.selectFrom('agencies').select('id').where('name', '=', '烟台市芝罘区人民政府').executeTakeFirstOrThrow()).id;
    await buildUser(t.db, { username: 'rk-supervisor', agency_id: ids.gov, role: 'supervisor' });
    await buildUser(t.db, { username: 'rk-officer', agency_id: ids.d1, role: 'officer' });

    // 甲局 2025: 5 received; concluded in 2025 the 4 with a deadline (3 in time) + 1 lapsed 补正 + 1 carried in from 2024
    await application(ids.d1, { received: '2025-03-01', concluded: '2025-03-20', outcome: 'disclose', due: '2025-03-28' });
    await application(ids.d1, { received: '2025-04-01', concluded: '2025-05-10', outcome: 'partial', due: '2025-04-29' });
    await application(ids.d1, { received: '2025-06-01', concluded: '2025-06-10', outcome: 'withhold_state_secret', due: '2025-06-29' });
    await application(ids.d1, { received: '2025-12-20', due: '2026-01-20' });
    await application(ids.d1, { received: '2025-07-01', concluded: '2025-08-01', outcome: 'other_correction_lapsed', due: null });
    await application(ids.d1, { received: '2024-12-15', concluded: '2025-01-10', outcome: 'decline_repeat', due: '2025-01-14' });
    // 甲局 2024: 2 received (the one above and one concluded in time)
    await application(ids.d1, { received: '2024-05-01', concluded: '2024-05-20', outcome: 'disclose', due: '2024-05-29' });
    // 乙局 2025: 3 received and concluded, 2 in time; nothing in 2024
    await application(ids.d2, { received: '2025-02-01', concluded: '2025-02-20', outcome: 'disclose', due: '2025-03-01' });
    await application(ids.d2, { received: '2025-02-05', concluded: '2025-02-25', outcome: 'unavailable_not_held', due: '2025-03-05' });
    await application(ids.d2, { received: '2025-03-01', concluded: '2025-04-20', outcome: 'disclose', due: '2025-03-29' });
    // the street and its community: one each, in time
    await application(ids.street, { received: '2025-05-05', concluded: '2025-05-06', outcome: 'disclose', due: '2025-06-02' });
    await application(ids.community, { received: '2025-08-08', concluded: '2025-08-09', outcome: 'disclose', due: '2025-09-05' });
    // another district's agency: never counted
    await application(foreignGov, { received: '2025-05-05', concluded: '2025-05-06', outcome: 'disclose', due: '2025-06-02' });

    // 复议 / 诉讼: 甲局 2025 — 3 decided, 2 corrected (one pending, not counted); 2024 — 1 decided, corrected; 乙局 2025 — 1 decided, upheld
    await appeal(ids.d1, 'review', '2025-04-01', 'corrected');
    await appeal(ids.d1, 'review', '2025-05-01', 'upheld');
    await appeal(ids.d1, 'litigation_direct', '2025-06-01', 'corrected');
    await appeal(ids.d1, 'review', '2025-09-01', 'pending');
    await appeal(ids.d1, 'review', '2024-03-01', 'corrected');
    await appeal(ids.d2, 'review', '2025-03-01', 'upheld');

    // audits: 2024 甲局 3 errors; 2025 first run (甲局 E1×2 I1 W-blank; 乙局 W-blank×2 and a dismissed E1), then a later run
    // of 甲局 alone (E1, W-label) — the latest counts; a later run of another district naming 乙局 is not seen
    await run(ids.gov, 2024, [{ agency: ids.d1, findings: [['E1', 'error'], ['E1', 'error'], ['I2', 'error']] }]);
    await run(ids.gov, 2025, [
      { agency: ids.d1, findings: [['E1', 'error'], ['E1', 'error'], ['I1', 'error'], ['W-blank', 'warning']] },
      { agency: ids.d2, findings: [['W-blank', 'warning'], ['W-blank', 'warning'], ['E1', 'error', 'dismissed']] },
    ]);
    await run(ids.gov, 2025, [{ agency: ids.d1, findings: [['E1', 'error'], ['W-label', 'warning']] }]);
    await run(foreignGov, 2025, [{ agency: ids.d2, findings: [['I5', 'error'], ['I5', 'error']] }]);
  });
  afterAll(async () => t?.close());

  const get = async (url: string) => {
    const res = await t.api('GET', url, AS);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Rankings;
  };
  const byName = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

  it('every figure of 2025 and 2024 per agency, and the totals', async () => {
    const r = await get('/api/supervision/rankings?year=2025&metric=received');
    expect(r.total).toBe(4);
    const x = byName(r.items);
    expect(x[A.d1]).toMatchObject({
      received: 5, concluded: 5, outcomes: { disclose: 1, partial: 1, withhold: 1, unavailable: 0, decline: 1, other: 1 }, withDeadline: 4, onTime: 3, onTimeShare: 75,
      reviewDecided: 2, reviewCorrected: 1, litigationDecided: 1, litigationCorrected: 1, correctionRate: 66.7, report: { errors: 1, warnings: 1 },
      previous: { received: 2, onTimeShare: 100, correctionRate: 100, errors: 3 }, change: { received: 3, onTimeShare: -25, correctionRate: -33.3, errors: -2 },
    });
    expect(x[A.d2]).toMatchObject({
      received: 3, concluded: 3, outcomes: { disclose: 2, partial: 0, withhold: 0, unavailable: 1, decline: 0, other: 0 }, withDeadline: 3, onTime: 2, onTimeShare: 66.7,
      reviewDecided: 1, reviewCorrected: 0, correctionRate: 0, report: { errors: 0, warnings: 2 },
      previous: { received: 0, onTimeShare: null, correctionRate: null, errors: null }, change: { received: 3, onTimeShare: null, correctionRate: null, errors: null },
    });
    expect(x[A.street]).toMatchObject({ received: 1, concluded: 1, onTimeShare: 100, correctionRate: null, report: null });
    expect(x[A.community]).toMatchObject({ received: 1, concluded: 1, onTimeShare: 100, correctionRate: null, report: null });
    expect(r.totals).toMatchObject({ agencies: 4, received: 10, concluded: 10, withDeadline: 9, onTime: 7, onTimeShare: 77.8, appealsDecided: 4, appealsCorrected: 2, correctionRate: 50, audited: 2, errors: 1, warnings: 3 });
    expect(r.previousTotals).toMatchObject({ received: 2, concluded: 1, onTimeShare: 100, appealsDecided: 1, correctionRate: 100, audited: 1, errors: 3 });
  });

  it.each([
    // metric, order asked, [name, rank, previous rank] in the order returned
    { metric: 'received', order: '', want: [[A.d1, 1, 1], [A.d2, 2, 2], ['tie', 3, 2], ['tie', 3, 2]] },
    { metric: 'onTime', order: '', want: [['tie', 1, null], ['tie', 1, null], [A.d1, 3, 1], [A.d2, 4, null]] },
    { metric: 'onTime', order: 'asc', want: [[A.d2, 4, null], [A.d1, 3, 1], ['tie', 1, null], ['tie', 1, null]] },
    { metric: 'correction', order: '', want: [[A.d2, 1, null], [A.d1, 2, 1], ['tie', null, null], ['tie', null, null]] },
    { metric: 'reportQuality', order: '', want: [[A.d2, 1, null], [A.d1, 2, 1], ['tie', null, null], ['tie', null, null]] },
    { metric: 'reportQuality', order: 'desc', want: [[A.d1, 2, 1], [A.d2, 1, null], ['tie', null, null], ['tie', null, null]] },
  ])('ranked by $metric $order', async ({ metric, order, want }) => {
    const r = await get(`/api/supervision/rankings?year=2025&metric=${metric}${order ? `&order=${order}` : ''}`);
    const got = r.items.map((i) => [[A.street, A.community].includes(i.name) ? 'tie' : i.name, i.rank, i.previousRank]);
    expect(got).toEqual(want);
  });

  it('values, rank changes and pages', async () => {
    const r = await get('/api/supervision/rankings?year=2025&metric=onTime&pageSize=2&page=2');
    expect(r.total).toBe(4);
    expect(r.items.map((i) => [i.name, i.value, i.rankChange])).toEqual([[A.d1, 75, -2], [A.d2, 66.7, null]]);
    const q = await get('/api/supervision/rankings?year=2025&metric=reportQuality');
    expect(q.items.map((i) => i.value)).toEqual([0, 1, null, null]);
    // 2024 seen from 2024: 甲局 alone has figures
    const p = await get('/api/supervision/rankings?year=2024&metric=received');
    expect(byName(p.items)[A.d1]).toMatchObject({ rank: 1, received: 2, previous: { received: 0 }, onTimeShare: 100 });
  });

  it('across years: the totals of the agencies below per year, oldest first', async () => {
    const res = await t.api('GET', '/api/supervision/rankings/trend?year=2025&years=3', AS);
    expect(res.statusCode, res.body).toBe(200);
    const tr = res.json() as { year: number; years: { year: number; totals: Record<string, unknown> }[] };
    expect(tr.years.map((y) => y.year)).toEqual([2023, 2024, 2025]);
    expect(tr.years[0]!.totals).toMatchObject({ agencies: 4, received: 0, concluded: 0, onTimeShare: null, correctionRate: null, audited: 0 });
    expect(tr.years[1]!.totals).toMatchObject({ received: 2, concluded: 1, outcomes: { disclose: 1 }, onTimeShare: 100, appealsDecided: 1, correctionRate: 100, audited: 1, errors: 3, warnings: 0 });
    expect(tr.years[2]!.totals).toMatchObject({ received: 10, concluded: 10, outcomes: { disclose: 5, partial: 1, withhold: 1, unavailable: 1, decline: 1, other: 1 }, onTimeShare: 77.8, correctionRate: 50, audited: 2, errors: 1, warnings: 3 });
    expect((await t.api('GET', '/api/supervision/rankings/trend?years=11', AS)).statusCode).toBe(400);
    expect((await t.api('GET', '/api/supervision/rankings/trend', { as: 'rk-officer', ...PW })).statusCode).toBe(403);
  });

  it('the heatmap: latest report per agency, findings per rule, most first; dismissed and other districts not counted', async () => {
    const res = await t.api('GET', '/api/supervision/heatmap?year=2025', AS);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json() as { rules: { rule: string; total: number; severity: string }[]; items: { name: string; total: number; errors: number; warnings: number; counts: Record<string, number> }[]; total: number; notAudited: number };
    expect(h.rules.map((r) => [r.rule, r.total, r.severity])).toEqual([['W-blank', 2, 'warning'], ['E1', 1, 'error'], ['W-label', 1, 'warning']]);
    expect(h.items.map((i) => [i.name, i.total, i.errors, i.warnings, i.counts])).toEqual([
      [A.d1, 2, 1, 1, { E1: 1, 'W-label': 1 }],
      [A.d2, 2, 0, 2, { 'W-blank': 2 }],
    ]);
    expect(h.total).toBe(2);
    expect(h.notAudited).toBe(2);
    const page2 = (await t.api('GET', '/api/supervision/heatmap?year=2025&pageSize=1&page=2', AS)).json() as typeof h;
    expect(page2.items.map((i) => i.name)).toEqual([A.d2]);
  });

  it('CSV: BOM, CRLF, every figure; a formula-like agency name is defused', async () => {
    const res = await t.api('GET', '/api/supervision/rankings/export?year=2025&metric=received&format=csv', AS);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="supervision-rankings-2025.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.startsWith('排名（依申请公开申请数）,2024年排名,机关,统一社会信用代码,2025年收到申请,2024年收到申请,增减,2025年办结,予以公开,部分公开,不予公开,无法提供,不予处理,其他处理')).toBe(true);
    const d1 = lines.find((l) => l.includes(A.d1))!.split(',');
    expect([d1[0], d1[1], d1[2], ...d1.slice(4)]).toEqual(['1', '1', A.d1, '5', '2', '3', '5', '1', '1', '1', '0', '1', '1', '4', '3', '75', '100', '-25', '2', '1', '1', '1', '66.7', '100', '-33.3', '1', '1', '3', '-2']);
    const community = lines.find((l) => l.includes('排名社区居民委员会'))!;
    expect(community.split(',')[2]).toBe(`'${A.community}`);
    expect(lines.at(-1)).toBe('');
    const heat = await t.api('GET', '/api/supervision/rankings/export?year=2025&format=csv&data=heatmap', AS);
    expect(heat.statusCode).toBe(200);
    expect(heat.body.replace(/^\uFEFF/, '').split('\r\n').slice(0, 3)).toEqual([
      '机关,统一社会信用代码,合计,错误,警告,W-blank 空白单元格（按 0 计算，应填写 0）,E1 表三每列：一+二 = （七）总计+四,W-label 表格标签与报告所用格式版本不一致',
      `${A.d1},${(await code(ids.d1))},2,1,1,0,1,1`,
      `${A.d2},${(await code(ids.d2))},2,0,2,2,0,0`,
    ]);
  });
  const code = async (id: number) => (await t.db.selectFrom('agencies').select('credit_code').where('id', '=', id).executeTakeFirstOrThrow()).credit_code;

  it('XLSX read back with exceljs: both sheets, numbers as numbers, the formula-like name a plain string', async () => {
    const res = await t.api('GET', '/api/supervision/rankings/export?year=2025&metric=onTime&format=xlsx', AS);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '规则热力图']);
    const rk = wb.getWorksheet('排名')!;
    expect(rk.rowCount).toBe(5);
    expect(rk.getRow(1).getCell(1).value).toBe('排名（按期答复率）');
    const rows = [2, 3, 4, 5].map((i) => rk.getRow(i));
    const d1 = rows.find((r) => r.getCell(3).value === A.d1)!;
    expect([d1.getCell(1).value, d1.getCell(2).value, d1.getCell(5).value, d1.getCell(17).value, d1.getCell(19).value]).toEqual([3, 1, 5, 75, -25]);
    const community = rows.find((r) => r.getCell(3).value === A.community)!;
    expect(community.getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(community.getCell(1).value).toBe(1);
    const hm = wb.getWorksheet('规则热力图')!;
    expect(hm.getRow(2).values).toEqual([undefined, A.d1, await code(ids.d1), 2, 1, 1, 0, 1, 1]);
  });

  it('the pages: ranking with its SVG charts naming the agencies, the heatmap as SVG and table, links from the supervision pages', async () => {
    const s = await t.login('rk-supervisor', TEST_PASSWORD);
    const page = await t.app.inject({ method: 'GET', url: '/admin/supervision/rankings?year=2025&metric=onTime', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    const svgs = page.body.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBe(3);
    // the trend (years), then answered in time and the outcome mix of the page's agencies
    expect(svgs[0]).toContain('2021');
    expect(svgs[0]).toContain('77.8%');
    for (const name of [A.d1, A.d2, A.street]) for (const svg of svgs.slice(1)) expect(svg).toContain(name);
    expect(page.body).toContain('<tr data-year="2024"><th scope="row">2024</th><td data-received="2">2</td>');
    expect(page.body).toContain('按期答复率');
    expect(page.body).toContain('data-on-time="75"');
    expect(page.body).toContain('/api/supervision/rankings/export?year=2025&amp;metric=onTime&amp;format=xlsx');
    const heat = await t.app.inject({ method: 'GET', url: '/admin/supervision/heatmap?year=2025', headers: { cookie: s.cookie } });
    expect(heat.statusCode).toBe(200);
    const svg = heat.body.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    expect(svg).toContain(A.d1);
    expect(svg).toContain(A.d2);
    expect(heat.body).toContain('data-rule="W-blank">2<');
    const bad = await t.app.inject({ method: 'GET', url: '/admin/supervision/rankings?year=abc&metric=best', headers: { cookie: s.cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    const overview = await t.app.inject({ method: 'GET', url: '/admin/supervision/overview?year=2025', headers: { cookie: s.cookie } });
    expect(overview.body).toContain('/admin/supervision/rankings?year=2025');
    const en = await t.app.inject({ method: 'GET', url: '/admin/supervision/rankings?year=2025&lang=en', headers: { cookie: s.cookie } });
    expect(en.body).toContain('Answered in time');
    // the year filter shows the year the page shows, also one older than the last five offered
    for (const [path, year] of [['rankings', 2025], ['rankings', 2019], ['heatmap', 2019], ['heatmap', 2024]] as const) {
      const r = await t.app.inject({ method: 'GET', url: `/admin/supervision/${path}?year=${year}`, headers: { cookie: s.cookie } });
      expect(r.statusCode).toBe(200);
      const selected = [...r.body.matchAll(/<option value="(\d{4})" selected/g)].map((m) => Number(m[1]));
      expect(selected, `${path} ${year}`).toEqual([year]);
    }
  });

  it('who may: officers and the administrator are refused; another district sees none of these agencies; bad input is a problem', async () => {
    expect((await t.api('GET', '/api/supervision/rankings?year=2025', { as: 'rk-officer', ...PW })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/supervision/heatmap?year=2025', { as: 'admin' })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/supervision/rankings/export?year=2025', { as: 'admin' })).statusCode).toBe(403);
    const other = (await t.api('GET', '/api/supervision/rankings?year=2025&pageSize=200', { as: 'supervisor' })).json() as Rankings;
    expect(other.items.map((i) => i.name).filter((nm) => Object.values(A).includes(nm))).toEqual([]);
    const otherHeat = (await t.api('GET', '/api/supervision/heatmap?year=2025', { as: 'supervisor' })).json() as { items: { name: string }[] };
    expect(otherHeat.items.map((i) => i.name).filter((nm) => Object.values(A).includes(nm))).toEqual([]);
    for (const url of ['/api/supervision/rankings?metric=best', '/api/supervision/rankings?year=1999', '/api/supervision/rankings/export?format=pdf', '/api/supervision/heatmap?pageSize=500']) {
      const res = await t.api('GET', url, AS);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
