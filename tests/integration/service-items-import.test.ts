// The catalogue XLSX import reads its own export back: re-importing the export changes nothing (0 created, 0 updated,
// no new version); a changed cell makes a new version whose history says why (导入 <file>), blank forms stay; a new
// 街道 row implements the 区 item with its 基本编码. Every kind of bad row is listed with its row, column and what to
// fix, and nothing is written; hostile files (not an XLSX, a zip bomb) are refused. The officer's page: upload → dry
// run table → confirm.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { deflatedRepeats, zipOf } from '../builders/hostile-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { multipart } from '../builders/multipart.ts';

const MB = 1024 * 1024;
const mat = (name: string, blankForm = '') => ({ name, necessity: '必要', form: '纸质', source: '申请人自备', copies: 1, blankForm, sample: '', basis: '' });
const food = {
  name: '食品经营许可（新办）', basicCode: '990128009000', type: '行政许可', implCode: 'IMP-SPJ-0001', legalBasis: '《中华人民共和国食品安全法》第三十五条',
  conditions: '有与经营的食品品种、数量相适应的经营场所', process: '申请、受理、审查、决定', materials: [mat('食品经营许可申请书', '申请书.docx'), { ...mat('营业执照复印件'), basis: '《食品经营许可管理办法》第十条' }],
  legalLimit: { amount: '20', unit: '工作日' }, promisedLimit: { amount: '5', unit: '工作日' }, charged: '否', resultName: '食品经营许可证', visits: '1',
  faq: [{ q: '可以网上申请吗？', a: '可以；登录网办地址提交。' }],
};

async function xlsx(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('政务服务事项');
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function sheetOf(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  const ws = wb.worksheets[0]!;
  ws.eachRow((r) => { const v: string[] = []; for (let c = 1; c <= ws.columnCount; c++) v.push(r.getCell(c).value === null || r.getCell(c).value === undefined ? '' : String(r.getCell(c).value)); out.push(v); });
  return out;
}


type Result = { dryRun: boolean; rows: number; created: number; updated: number; unchanged: number; problems: { row: number; column: string; message: string }[]; changes: { row: number; code: string; action: string; elements: string[] }[] };

describe.each(engines())('catalogue XLSX import (%s)', (engine) => {
  let t: TestApp;
  let rootId = 0;
  let streetName = '';
  const imp = (filename: string, buf: Buffer, dryRun = false, as = 'officer') => t.api('POST', '/api/service-items/import', { as, ...(as === 'officer' ? {} : { password: TEST_PASSWORD }), body: { filename, contentBase64: buf.toString('base64'), dryRun } });
  const exported = async (as = 'officer') => Buffer.from((await t.api('GET', '/api/service-items/export', { as, ...(as === 'officer' ? {} : { password: TEST_PASSWORD }) })).rawPayload);
  const versions = async () => (await t.db.selectFrom('service_item_changes').select(['item_id', 'version_no']).execute()).length;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const agencies = await t.services.agencies.list();
    const gov = agencies.find((a) => a.parentId === null && a.kind === 'government')!;
    const street = await buildAgency(t.db, { name: '导入测试街道办事处', parent_id: gov.id, kind: 'street' });
    streetName = '导入测试街道办事处';
    await buildUser(t.db, { username: 'imp-street', agency_id: street.id, role: 'officer' });
    const r = await t.api('POST', '/api/service-items', { as: 'officer', body: { values: food, statusOn: '2019-04-01' } });
    expect(r.statusCode, r.body).toBe(201);
    rootId = (r.json() as { id: number }).id;
    const k = await t.api('POST', '/api/service-items', { as: 'officer', body: { values: { name: '个体工商户开办', basicCode: '000128010000', type: '公共服务', implCode: 'IMP-KB-0001' }, statusOn: '2020-01-02' } });
    expect(k.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('re-importing the export changes nothing (twice)', async () => {
    const file = await exported();
    const before = await versions();
    for (let i = 0; i < 2; i++) {
      const r = await imp('目录.xlsx', file);
      expect(r.statusCode, r.body).toBe(200);
      // the demo items of the test agency (one incomplete on purpose: its non-number time limit passes unchanged) and ours
      const n = (await sheetOf(file)).length - 1;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(r.json()).toEqual({ dryRun: false, rows: n, created: 0, updated: 0, unchanged: n, problems: [], changes: [] });
    }
    expect(await versions()).toBe(before);
    const item = (await t.api('GET', `/api/service-items/${rootId}`, { as: 'officer' })).json() as { version: number; values: typeof food };
    expect(item.version).toBe(1);
    expect(item.values.materials[0]!.blankForm).toBe('申请书.docx');
    expect(item.values.faq).toEqual(food.faq);
  });

  it('a changed row becomes a new version (why: 导入 <file>); a new 街道 row implements the 区 item; then idempotent', async () => {
    const grid = await sheetOf(await exported());
    const header = grid[0]!;
    const col = (label: string) => header.indexOf(label);
    const row = grid.findIndex((r) => r[col('实施编码')] === 'IMP-SPJ-0001');
    grid[row]![col('承诺办结时限')] = '3 工作日';
    grid[row]![col('材料目录')] = '1. 食品经营许可申请书（必要，纸质，申请人自备，2 份）\n2. 营业执照复印件（必要，纸质，申请人自备，1 份，依据：《食品经营许可管理办法》第十条）';
    const streetRow = [...grid[row]!];
    streetRow[col('实施单位')] = streetName;
    streetRow[col('层级')] = '街道';
    streetRow[col('实施编码')] = 'IMP-XY-0001';
    streetRow[col('状态生效日期')] = '2021-03-01';
    const file = await xlsx([...grid, streetRow]);
    // the 区 officer may not create the 街道's row
    const refused = (await imp('目录2.xlsx', file, true)).json() as Result;
    expect(refused.problems).toEqual([{ row: grid.length + 1, column: '实施单位', message: `本账号不能维护“${streetName}”的事项：请由该单位的经办人导入这一行，或从文件中删去` }]);
    const v0 = await versions();
    const dry = (await imp('目录2.xlsx', await xlsx(grid), true)).json() as Result;
    expect(dry).toMatchObject({ dryRun: true, created: 0, updated: 1, unchanged: grid.length - 2, problems: [] });
    expect(dry.changes).toEqual([expect.objectContaining({ code: 'IMP-SPJ-0001', action: 'update', elements: ['承诺办结时限', '材料目录'] })]);
    expect(await versions()).toBe(v0);
    const done = (await imp('目录2.xlsx', await xlsx(grid))).json() as Result;
    expect(done).toMatchObject({ dryRun: false, created: 0, updated: 1, unchanged: grid.length - 2 });
    const item = (await t.api('GET', `/api/service-items/${rootId}`, { as: 'officer' })).json() as { version: number; values: typeof food; history: { version: number; kind: string; reason: string; changes: { label: string; before: string; after: string }[] }[] };
    expect(item.version).toBe(2);
    expect(item.values.promisedLimit).toEqual({ amount: '3', unit: '工作日' });
    expect(item.values.materials[0]).toMatchObject({ copies: 2, blankForm: '申请书.docx' });
    expect(item.history[0]).toMatchObject({ version: 2, kind: 'import', reason: '导入 目录2.xlsx', changes: [{ label: '承诺办结时限', before: '5 工作日', after: '3 工作日' }, expect.objectContaining({ label: '材料目录' })] });
    expect(((await imp('目录2.xlsx', await xlsx(grid))).json() as Result)).toMatchObject({ created: 0, updated: 0, unchanged: grid.length - 1 });
    // the 街道 officer imports its own row: a new implementation of the 区 item
    const s = (await imp('街道.xlsx', await xlsx([header, streetRow]), false, 'imp-street')).json() as Result;
    expect(s).toMatchObject({ dryRun: false, created: 1, updated: 0, problems: [] });
    const impl = await t.db.selectFrom('service_items').select(['parent_id', 'level', 'status_since']).where('code', '=', 'IMP-XY-0001').executeTakeFirstOrThrow();
    expect(impl).toEqual({ parent_id: rootId, level: 'street', status_since: '2021-03-01' });
    expect(((await imp('街道.xlsx', await xlsx([header, streetRow]), false, 'imp-street')).json() as Result)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('every bad row is listed with its row, column and what to fix; nothing is written', async () => {
    const header = ['实施单位', '层级', '状态', '状态生效日期', '事项名称', '基本编码', '事项类型', '实施编码', '承诺办结时限', '材料目录'];
    const dept = (await t.services.agencies.getByCreditCode('12370602780795309E'))!.name;
    const ok = [dept, '区', '在用', '2022-01-01', '新事项', '000128011000', '行政确认', 'IMP-NEW-0001', '10 工作日', '1. 身份证（必要，纸质，申请人自备，1 份）'];
    const rows = [
      ok,
      [dept, '区', '在用', '', '缺编码', '000128011000', '行政确认', '', '', ''],
      [dept, '区', '在用', '', '类型不对', '000128011000', '行政审批', 'IMP-NEW-0003', '', ''],
      [dept, '区', '在用', '', '时限不是数字', '000128011000', '行政确认', 'IMP-NEW-0004', '即时', ''],
      [dept, '区', '在用', '', '时限文字', '000128011000', '行政确认', 'IMP-NEW-0005', '当场 工作日', ''],
      [dept, '区', '在用', '2021-02-30', '日期不对', '000128011000', '行政确认', 'IMP-NEW-0006', '', ''],
      ['不存在的机构', '区', '暂缓', '', '单位不对', '000128011000', '行政确认', 'IMP-NEW-0007', '', ''],
      [dept, '区', '在用', '', '编码重复', '000128011000', '行政确认', 'IMP-NEW-0001', '', ''],
      [dept, '区', '在用', '', '材料不对', '000128011000', '行政确认', 'IMP-NEW-0009', '', '身份证一份'],
    ];
    const r = (await imp('坏行.xlsx', await xlsx([header, ...rows]))).json() as Result;
    expect(r.dryRun).toBe(true);
    expect(r.rows).toBe(9);
    expect(r.problems).toEqual([
      { row: 3, column: '实施编码', message: '请填写实施编码' },
      { row: 4, column: '事项类型', message: expect.stringContaining('事项类型请从下列选项中选择') },
      { row: 5, column: '承诺办结时限', message: '承诺办结时限“即时”应写成 数字 + 单位（工作日、自然日、小时），例如 20 工作日' },
      { row: 6, column: '承诺办结时限', message: '承诺办结时限“当场 工作日”不是数字：请写成 数字 + 单位，例如 20 工作日（即办件写 0 工作日）' },
      { row: 7, column: '状态生效日期', message: '状态生效日期“2021-02-30”不是日历上存在的日期' },
      { row: 8, column: '状态', message: '状态“暂缓”应为 在用、暂停 或 取消' },
      { row: 8, column: '实施单位', message: '系统中没有名为“不存在的机构”的机构：请填写机构全称' },
      { row: 9, column: '实施编码', message: '实施编码 IMP-NEW-0001 与第 2 行重复：每个实施编码只能有一行' },
      { row: 10, column: '材料目录', message: expect.stringMatching(/^材料目录第 1 项“身份证一份”应写成：材料名称（必要性，材料形式，来源渠道，份数 份）/) },
    ]);
    expect(await t.db.selectFrom('service_items').select('id').where('code', 'like', 'IMP-NEW-%').execute()).toEqual([]);
    // the header: an unknown column and a missing required one
    const h = (await imp('列.xlsx', await xlsx([['实施单位', '事项名称', '基本编码', '事项类型', '备注'], [dept, 'x', 'y', '行政确认', '']]))).json() as Result;
    expect(h.problems).toEqual([
      { row: 1, column: '备注', message: '不认识的列“备注”：列名应为导出文件中的列名（实施单位、层级、状态、状态生效日期和各要素名称）' },
      { row: 1, column: '实施编码', message: '缺少“实施编码”列' },
    ]);
  });

  it('hostile files: not an XLSX, a zip bomb, a CSV name → 400 / 422, never 500', async () => {
    expect((await imp('目录.xlsx', Buffer.from('not a zip at all'))).statusCode).toBe(400);
    const bomb = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedRepeats(256 * MB, { raw: true }), declaredSize: 100 }]);
    const b = await imp('目录.xlsx', bomb);
    expect(b.statusCode).toBe(422);
    expect(b.json()).toMatchObject({ code: 'archive_too_large' });
    expect((await t.api('POST', '/api/service-items/import', { as: 'officer', body: { filename: '目录.csv', contentBase64: 'YQ==' } })).statusCode).toBe(400);
    expect((await imp('目录.xlsx', await xlsx([]))).statusCode).toBe(400);
  }, 60_000);

  it('the page: upload → dry-run table → confirm writes; a zip bomb comes back as the page with the reason', async () => {
    const s = await t.login('officer');
    const page = await t.app.inject({ method: 'GET', url: '/admin/services/import', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('导入事项目录（XLSX）');
    const grid = await sheetOf(await exported());
    const header = grid[0]!;
    const row = grid.findIndex((r) => r[header.indexOf('实施编码')] === 'IMP-KB-0001');
    grid[row]![header.indexOf('办理地点')] = '区政务服务中心 3 号窗口';
    const file = await xlsx(grid);
    const m = multipart([{ name: '_csrf', value: s.csrf }, { name: 'dryRun', value: '1' }, { name: 'file', filename: '页面.xlsx', data: file }]);
    const dry = await t.app.inject({ method: 'POST', url: '/admin/services/import', headers: { cookie: s.cookie, 'content-type': m.contentType }, payload: m.payload });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.body).toContain('将修改 1 项');
    expect(dry.body).toContain('确认导入（新增 0 项，修改 1 项）');
    const pending = /name="contentBase64" value="([^"]+)"/.exec(dry.body)![1]!;
    expect(Buffer.from(pending, 'base64').equals(file)).toBe(true);
    const c = multipart([{ name: '_csrf', value: s.csrf }, { name: 'filename', value: '页面.xlsx' }, { name: 'contentBase64', value: pending }, { name: 'dryRun', value: '0' }]);
    const done = await t.app.inject({ method: 'POST', url: '/admin/services/import', headers: { cookie: s.cookie, 'content-type': c.contentType }, payload: c.payload });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('已修改 1 项');
    const item = await t.db.selectFrom('service_items').select(['values_json', 'version']).where('code', '=', 'IMP-KB-0001').executeTakeFirstOrThrow();
    expect(item.version).toBe(2);
    expect(JSON.parse(item.values_json).place).toBe('区政务服务中心 3 号窗口');
    const bomb = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', deflated: await deflatedRepeats(256 * MB, { raw: true }), declaredSize: 100 }]);
    const bm = multipart([{ name: '_csrf', value: s.csrf }, { name: 'dryRun', value: '1' }, { name: 'file', filename: '炸弹.xlsx', data: bomb }]);
    const bp = await t.app.inject({ method: 'POST', url: '/admin/services/import', headers: { cookie: s.cookie, 'content-type': bm.contentType }, payload: bm.payload });
    expect(bp.statusCode).toBe(422);
    expect(bp.body).toContain('gk-error-summary');
    const none = multipart([{ name: '_csrf', value: s.csrf }, { name: 'dryRun', value: '1' }]);
    const np = await t.app.inject({ method: 'POST', url: '/admin/services/import', headers: { cookie: s.cookie, 'content-type': none.contentType }, payload: none.payload });
    expect(np.statusCode).toBe(400);
    expect(np.body).toContain('请选择事项目录文件');
  }, 60_000);
});
