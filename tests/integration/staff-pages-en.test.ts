// The staff pages of 政务服务事项 in English: every heading, label, button, table header, hint, empty state, error
// summary, field error and flash message comes from the locale catalogue (src/locales/<locale>/serviceItems.json), so the
// English render keeps no Chinese character of its own — only data: agency and user names, item names and element
// values, the element catalogue's names and choices, and the messages of the rules shared with the API (problem+json
// and completeness findings stay zh-CN). The zh-CN render keeps its strings as they were.
// Rendering does not depend on the engine: SQLite only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { createTestApp, type TestApp } from './harness.ts';

const HAN = /\p{Script=Han}+/gu;

/** The visible text of <main> and its readable attributes (aria-label, title, placeholder, alt). */
function mainText(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const attrs = [...main.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]).join(' ');
  const text = main.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '\n').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  return `${text}\n${attrs}`;
}

/** Every string leaf of JSON data (names, values, labels of the data). */
function leaves(x: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof x === 'string') out.add(x);
  else if (Array.isArray(x)) for (const v of x) leaves(v, out);
  else if (x && typeof x === 'object') for (const v of Object.values(x)) leaves(v, out);
  return out;
}

/** The Chinese left in the page once the data strings are taken out (longest first, so a name inside a longer one goes whole). */
function chineseOutsideData(html: string, data: ReadonlySet<string>): string[] {
  let text = mainText(html);
  for (const d of [...data].filter((s) => /\p{Script=Han}/u.test(s)).sort((a, b) => b.length - a.length)) {
    text = text.split(d).join(' ');
    // a value shown line by line (材料目录) or cut into lines by the markup
    for (const line of d.split(/\r?\n/)) if (line.trim() && /\p{Script=Han}/u.test(line)) text = text.split(line.trim()).join(' ');
  }
  return text.match(HAN) ?? [];
}

describe('staff pages in English: 政务服务事项', () => {
  let t: TestApp;
  const data = new Set<string>();
  const get = async (as: string, url: string, cookie = '') => {
    const s = await t.login(as);
    return t.app.inject({ method: 'GET', url, headers: { cookie: `${s.cookie}${cookie}` } });
  };
  const en = (url: string) => `${url}${url.includes('?') ? '&' : '?'}lang=en`;
  let ids: number[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    for (const a of await t.db.selectFrom('agencies').select('name').execute()) data.add(a.name);
    for (const u of await t.db.selectFrom('users').select('display_name').execute()) data.add(u.display_name);
    leaves((await t.api('GET', '/api/service-items/elements', { as: 'officer' })).json(), data);
    const list = (await t.api('GET', '/api/service-items?pageSize=100', { as: 'supervisor' })).json() as { items: { id: number }[] };
    ids = list.items.map((i) => i.id);
    for (const id of ids) leaves((await t.api('GET', `/api/service-items/${id}`, { as: 'supervisor' })).json(), data);
  }, 120_000);
  afterAll(() => t?.close());

  it.each([
    ['officer', '/admin/services'],
    ['officer', '/admin/services/new'],
    ['xiangyang', '/admin/services/new'],
    ['officer', '/admin/services/check'],
    ['supervisor', '/admin/services/check'],
    ['officer', '/admin/services/import'],
    ['officer', '/admin/services/cases/import'],
  ])('%s %s: no Chinese of the page’s own', async (as, url) => {
    const r = await get(as, en(url));
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('serviceItems.');
    expect(chineseOutsideData(r.body, data)).toEqual([]);
  });

  it('every item page and its edit form (officer of the 审批服务局, 街道 and 社区)', async () => {
    let pages = 0;
    for (const as of ['officer', 'xiangyang', 'shequ']) {
      for (const id of ids) {
        const item = await get(as, en(`/admin/services/${id}`));
        if (item.statusCode === 404) continue;
        expect(item.statusCode).toBe(200);
        expect(item.body, `${as} ${id}`).not.toContain('serviceItems.');
        expect(chineseOutsideData(item.body, data), `${as} ${id}`).toEqual([]);
        pages++;
        const edit = await get(as, en(`/admin/services/${id}/edit`));
        if (edit.statusCode !== 200) continue;
        expect(chineseOutsideData(edit.body, data), `${as} ${id} edit`).toEqual([]);
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(40);
    const one = await get('officer', en(`/admin/services/${ids[0]}`));
    expect(one.body).toContain('<h2>Change history</h2>');
    expect(one.body).toContain('In use (since');
  });

  it('refused forms: the page’s own field errors, the error summary and the status choices in English', async () => {
    const id = ids[0]!;
    const status = await t.form(en(`/admin/services/${id}/status`), { status: '', statusOn: '2021-3-1', reason: '', version: '0' }, { as: 'officer' });
    expect(status.statusCode).toBe(400);
    expect(status.body).toContain('Please fix the following');
    expect(status.body).toContain('Choose the new status: in use, suspended or cancelled');
    expect(status.body).toContain('Enter the effective date as YYYY-MM-DD, for example 2021-03-01');
    expect(status.body).toContain('The form has no version number; reload the page');
    expect(chineseOutsideData(status.body, data)).toEqual([]);
    const create = await t.form(en('/admin/services'), { statusOn: '2019/04/01' }, { as: 'xiangyang' });
    expect(create.statusCode).toBe(400);
    expect(create.body).toContain('Choose the district item to implement');
    expect(chineseOutsideData(create.body, data)).toEqual([]);
    const noFile = await t.form(en(`/admin/services/${id}/files`), { version: '1', material: '', kind: 'x' }, { as: 'officer' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Choose the kind: blank form or sample');
    expect(noFile.body).toContain('Choose the file to upload (PDF, Word, Excel or an image)');
  });

  it('a flash message in English after a status change', async () => {
    const item = (await t.api('GET', `/api/service-items/${ids[1]}`, { as: 'officer' })).json() as { id: number; version: number };
    const done = await t.form(en(`/admin/services/${item.id}/status`), { status: 'suspended', statusOn: '2024-03-01', reason: 'test', version: String(item.version) }, { as: 'officer' });
    expect(done.statusCode, done.body).toBe(303);
    const flash = done.cookies.find((c) => c.name === 'gk_flash')!;
    const page = await get('officer', en(`/admin/services/${item.id}`), `; gk_flash=${flash.value}`);
    expect(page.body).toContain("The item&#x27;s status was changed");
    expect(page.body).toContain('Status: Suspended (effective 2024-03-01)');
    expect(chineseOutsideData(page.body, data)).toEqual([]);
  });

  it('import pages: a dry run of the exported catalogue and of a 办件 CSV, in English', async () => {
    const s = await t.login('officer');
    const xlsx = (await t.api('GET', '/api/service-items/export', { as: 'officer' })).rawPayload;
    const m = multipart([{ name: 'file', filename: 'catalogue.xlsx', data: xlsx }, { name: 'dryRun', value: '1' }]);
    const cat = await t.app.inject({ method: 'POST', url: en('/admin/services/import'), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(cat.statusCode, cat.body).toBe(200);
    expect(cat.body).toContain('Check result: catalogue.xlsx');
    expect(chineseOutsideData(cat.body, data)).toEqual([]);
    const csv = Buffer.from('caseNo,decidedOn,itemCode,decisionType,result\nEN-0001,2024-05-06,370602-000128009000-01,,准予许可\n');
    const m2 = multipart([{ name: 'file', filename: 'cases.csv', data: csv }, { name: 'dryRun', value: '1' }]);
    const cases = await t.app.inject({ method: 'POST', url: en('/admin/services/cases/import'), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m2.contentType }, payload: m2.payload });
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.body).toContain('1 rows: 1 cases would be added');
    expect(cases.body).toContain('Administrative licensing');
    expect(cases.body).toContain('Confirm the import (1 added, 0 updated)');
    expect(chineseOutsideData(cases.body, new Set([...data, '准予许可']))).toEqual([]);
    const wrong = multipart([{ name: 'file', filename: 'cases.txt', data: csv }, { name: 'dryRun', value: '1' }]);
    const refused = await t.app.inject({ method: 'POST', url: en('/admin/services/cases/import'), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': wrong.contentType }, payload: wrong.payload });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The case file (.csv or .xlsx) must be a .csv or .xlsx file');
  });

  it.each([
    ['/admin/services', ['<h1>政务服务事项</h1>', '<label for="field-q">事项名称、编码或材料</label>', '<p>共 22 项</p>', '<th scope="col">实施编码</th>']],
    ['/admin/services/check', ['<h1>三级一致性检查：烟台市芝罘区行政审批服务局</h1>', '<h2>要素完整度得分</h2>', '（区级部门确定）']],
    ['/admin/services/cases/import', ['<h1>导入办件（CSV 或 XLSX）</h1>', '第一行为列名：办件编号、办结日期、实施编码（本单位事项的实施编码）']],
  ])('zh-CN %s keeps its strings', async (url, strings) => {
    const r = await get('officer', `${url}?lang=zh-CN`);
    for (const s of strings) expect(r.body).toContain(s);
  });

  it('zh-CN item page keeps its strings', async () => {
    const r = await get('officer', `/admin/services/${ids[0]}?lang=zh-CN`);
    for (const s of ['<h2>事项要素</h2>', '<h2>变更历史</h2>', '<h2 id="files-title">空白表格和示例样表</h2>', '<h2>变更事项状态</h2>', '· 第 1 版 · 要素完整度']) expect(r.body).toContain(s);
  });
});
