// 办件 → table 二: CSV / XLSX import with a dry run listing every row's problem, idempotent by 办件编号 (a re-import
// counts nothing twice, a changed row is updated); table 二 of a 2023 report takes 上一年项目数量 / 本年增减 from the
// items' status history and 处理决定数量 from the 办件, each drillable to its items and 办件.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = '办件编号,办结日期,实施编码,决定类型,办理结果';

describe.each(engines())('办件 import and table 二 (%s)', (engine) => {
  let t: TestApp;
  let agencyId = 0;
  let licenseId = 0;
  const imp = (body: Record<string, unknown>) => t.api('POST', '/api/service-items/cases/import', { as: 'sc-officer', password: TEST_PASSWORD, body });

  beforeAll(async () => {
    t = await createTestApp(engine);
    // an agency of its own: the demo 审批服务局 has items and 2019 办件 of its own
    const gov = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    agencyId = (await buildAgency(t.db, { name: '测试区行政审批服务局', parent_id: gov.id, kind: 'department' })).id;
    await buildUser(t.db, { username: 'sc-officer', agency_id: agencyId, role: 'officer' });
    const mk = async (name: string, code: string, type: string, on: string) => {
      const r = await t.api('POST', '/api/service-items', { as: 'sc-officer', password: TEST_PASSWORD, body: { values: { name, basicCode: '000128009000', type, implCode: code }, statusOn: on } });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: number }).id;
    };
    licenseId = await mk('食品经营许可', 'BJ-SP-01', '行政许可', '2023-04-01');
    await mk('个体工商户开办', 'BJ-KB-01', '公共服务', '2023-05-01');
  });
  afterAll(async () => t?.close());

  it('a dry run lists every bad row and writes nothing; a file with bad rows imports nothing', async () => {
    const csv = [HEADER, 'SP2023-0001,2023-03-01,BJ-SP-01,,准予许可', 'SP2023-0002,2023-02-30,BJ-SP-01,,准予许可', 'SP2023-0003,2023-03-05,NOPE,,', 'SP2023-0001,2023-03-06,BJ-SP-01,,'].join('\n');
    const dry = await imp({ filename: '办件.csv', contentBase64: b64(csv), dryRun: true });
    expect(dry.statusCode).toBe(200);
    const r = dry.json() as { dryRun: boolean; total: number; problems: { line: number; message: string }[] };
    expect(r.dryRun).toBe(true);
    expect(r.total).toBe(4);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    const real = (await imp({ filename: '办件.csv', contentBase64: b64(csv) })).json() as { dryRun: boolean; inserted: number };
    expect(real.dryRun).toBe(true);
    const n = await t.db.selectFrom('decision_entries').select('id').where('agency_id', '=', agencyId).where('case_no', 'is not', null).execute();
    expect(n.length).toBe(0);
    // unreadable files and bad bodies: 400, never 500
    expect((await imp({ filename: '办件.xlsx', contentBase64: b64('not a zip') })).statusCode).toBe(400);
    expect((await imp({ filename: '办件.txt', contentBase64: b64(csv) })).statusCode).toBe(400);
    expect((await imp({ filename: '办件.csv', contentBase64: b64('') + 'AA==' })).statusCode).toBe(400);
  });

  it('imports CSV and XLSX idempotently by 办件编号; a changed row is updated', async () => {
    const rows = Array.from({ length: 82 }, (_, i) => `SP2023-${String(i + 1).padStart(4, '0')},2023-${String((i % 12) + 1).padStart(2, '0')}-10,BJ-SP-01,,准予许可`);
    const first = (await imp({ filename: '办件.csv', contentBase64: b64([HEADER, ...rows].join('\r\n')) })).json() as { inserted: number; updated: number; unchanged: number; summary: unknown };
    expect(first).toMatchObject({ dryRun: false, inserted: 82, updated: 0, unchanged: 0, summary: [{ year: 2023, category: 'license', count: 82 }] });
    const again = (await imp({ filename: '办件.csv', contentBase64: b64([HEADER, ...rows].join('\n')) })).json();
    expect(again).toMatchObject({ dryRun: false, inserted: 0, updated: 0, unchanged: 82 });
    // XLSX with 28 其他对外管理服务事项 办件 and one correction of an earlier 办件
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('办件');
    ws.addRow(HEADER.split(','));
    for (let i = 1; i <= 28; i++) ws.addRow([`KB2023-${String(i).padStart(4, '0')}`, new Date(Date.UTC(2023, 5, i)), 'BJ-KB-01', '', '办结']);
    ws.addRow(['SP2023-0001', '2023-01-10', 'BJ-SP-01', '', '不予许可']);
    const x = (await imp({ filename: '办件.xlsx', contentBase64: b64(Buffer.from(await wb.xlsx.writeBuffer())) })).json();
    expect(x).toMatchObject({ dryRun: false, inserted: 28, updated: 1, unchanged: 0 });
    const e = await t.db.selectFrom('decision_entries').select(['result', 'version']).where('case_no', '=', 'SP2023-0001').executeTakeFirstOrThrow();
    expect(e.result).toBe('不予许可');
  });

  it('table 二 of the 2023 report: 0 / 1 / 82 and 0 / 1 / 28 from items and 办件, drillable to both', async () => {
    const actor = { userId: 0, username: 'officer', displayName: '王经办', role: 'officer' as const, agencyId, agencyName: '', visibleAgencyIds: [agencyId] };
    const view = await t.services.annualReports.compile(actor, agencyId, 2023, { format: '2019' });
    const t2 = (view.model.table2 as unknown as Record<string, Record<string, Record<string, number>>>)['第二十条第（五）项'];
    expect(t2, JSON.stringify(Object.keys(view.model.table2 ?? {}))).toBeDefined();
    expect(t2!['行政许可']).toEqual({ 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 82 });
    expect(t2!['其他对外管理服务事项']).toEqual({ 上一年项目数量: 0, '本年增/减': 1, 处理决定数量: 28 });
    const cases = await t.services.annualReports.drill(actor, agencyId, 2023, 'table2|第二十条第（五）项|行政许可|处理决定数量' as never);
    expect(cases.detail.kind).toBe('register');
    expect((cases.detail as { rows: { caseNo: string | null }[] }).rows.filter((r) => r.caseNo).length).toBe(82);
    const items = await t.services.annualReports.drill(actor, agencyId, 2023, 'table2|第二十条第（五）项|行政许可|本年增/减' as never);
    expect(items.detail).toMatchObject({ kind: 'items', serviceItems: [{ id: licenseId, name: '食品经营许可', previous: false, current: true }] });
  });

  it('exports the catalogue as XLSX in the documented columns, one row per unit', async () => {
    const res = await t.api('GET', '/api/service-items/export', { as: 'sc-officer', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 8)).toEqual(['实施单位', '层级', '状态', '状态生效日期', '事项名称', '基本编码', '事项类型', '设定依据']);
    const names: unknown[] = [];
    ws.eachRow((r, n) => { if (n > 1) names.push(r.getCell(5).value); });
    expect(names).toEqual(expect.arrayContaining(['食品经营许可', '个体工商户开办']));
    expect((await t.api('GET', '/api/service-items/export?agency=NOSUCHCODE', { as: 'sc-officer', password: TEST_PASSWORD })).statusCode).toBe(404);
  });
});
