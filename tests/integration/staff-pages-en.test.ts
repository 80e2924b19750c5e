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

describe('staff pages in English: 好差评 (service ratings)', () => {
  let t: TestApp;
  const data = new Set<string>();
  const CODE = '12370602780795309E';
  let orderId = 0;
  let suggestionId = 0;
  const get = async (as: string, url: string, cookie = '') => {
    const s = await t.login(as);
    return t.app.inject({ method: 'GET', url, headers: { cookie: `${s.cookie}${cookie}` } });
  };
  const en = (url: string) => `${url}${url.includes('?') ? '&' : '?'}lang=en`;
  /** Data of the API answers; the labels the API gives in zh-CN (levelLabel, stateLabel …) are UI, not data, and stay in the check. */
  const collect = (x: unknown): void => {
    if (typeof x === 'string') data.add(x);
    else if (Array.isArray(x)) for (const v of x) collect(v);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) if (!/Label$|^label$|^target$|^formula$/.test(k)) collect(v);
  };

  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: () => new Date('2025-06-10T02:00:00Z') });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const r = await t.app.inject({ method: 'POST', url: `/rate/${CODE}/window/5%E5%8F%B7%E7%AA%97%E5%8F%A3`, headers: form, payload: new URLSearchParams({ level: '1', comment: '材料清单和窗口说的不一样', name: '孙八', phone: '13800000008' }).toString() });
    expect(r.statusCode, r.body).toBe(201);
    const receipt = /data-testid="receipt-code">([A-Z0-9]+)</.exec(r.body)![1]!;
    const e = await t.db.selectFrom('evaluations').select('id').where('receipt_code', '=', receipt).executeTakeFirstOrThrow();
    orderId = (await t.db.selectFrom('evaluation_orders').select('id').where('evaluation_id', '=', e.id).executeTakeFirstOrThrow()).id;
    const sg = await t.app.inject({ method: 'POST', url: `/suggest/${CODE}`, headers: form, payload: new URLSearchParams({ content: '希望增加周末办理时间', name: '周九', phone: '13800000009' }).toString() });
    expect(sg.statusCode, sg.body).toBe(201);
    suggestionId = (await t.db.selectFrom('suggestions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    for (const a of await t.db.selectFrom('agencies').select('name').execute()) data.add(a.name);
    for (const u of await t.db.selectFrom('users').select('display_name').execute()) data.add(u.display_name);
    for (const as of ['officer', 'supervisor']) {
      collect((await t.api('GET', '/api/evaluations?pageSize=200', { as })).json());
      collect((await t.api('GET', '/api/evaluation-visits?pageSize=200', { as })).json());
      for (const state of ['open', 'closed', 'all']) collect((await t.api('GET', `/api/evaluation-orders?state=${state}&pageSize=200`, { as })).json());
      for (const state of ['open', 'replied', 'all']) collect((await t.api('GET', `/api/suggestions?state=${state}&pageSize=200`, { as })).json());
    }
    for (const o of await t.db.selectFrom('evaluation_orders').select('id').orderBy('id').limit(5).execute()) collect((await t.api('GET', `/api/evaluation-orders/${o.id}`, { as: 'officer' })).json());
    collect((await t.api('GET', `/api/evaluation-orders/${orderId}`, { as: 'officer' })).json());
    collect((await t.api('GET', `/api/suggestions/${suggestionId}`, { as: 'officer' })).json());
  }, 120_000);
  afterAll(() => t?.close());

  const check = (html: string) => {
    expect(html).not.toContain('evaluations.admin.');
    expect(chineseOutsideData(html, data)).toEqual([]);
  };

  it.each([
    ['officer', '/admin/ratings'], ['supervisor', '/admin/ratings?bad=1'], ['officer', '/admin/ratings/visits'], ['officer', '/admin/ratings/stats?from=2019-01-01&to=2019-12-31'],
    ['supervisor', '/admin/ratings/stats'], ['officer', '/admin/ratings/cards?type=window&ref=5'], ['officer', '/admin/ratings/orders'], ['officer', '/admin/ratings/orders?state=closed'],
    ['supervisor', '/admin/ratings/orders?state=all'], ['officer', '/admin/suggestions'], ['officer', '/admin/suggestions?state=all'], ['officer', '/admin/suggestions/new'],
  ])('%s %s: no Chinese of the page’s own', async (as, url) => {
    const r = await get(as, en(url));
    expect(r.statusCode).toBe(200);
    check(r.body);
  });

  it('closed demo orders, the open order and the suggestion, for the officer and the supervisor', async () => {
    const ids = (await t.db.selectFrom('evaluation_orders').select('id').orderBy('id').limit(5).execute()).map((o) => o.id);
    for (const id of [...ids, orderId]) for (const as of ['officer', 'supervisor']) {
      const r = await get(as, en(`/admin/ratings/orders/${id}`));
      expect(r.statusCode, `${as} ${id}`).toBe(200);
      check(r.body);
    }
    const s = await get('officer', en(`/admin/suggestions/${suggestionId}`));
    expect(s.body).toContain('Record the result');
    check(s.body);
  });

  it('forms in English: a refused visit (field errors of the schema stay zh-CN), a recorded one with its flash, the statistics’ own error', async () => {
    const version = async () => String((await t.db.selectFrom('evaluation_orders').select('version').where('id', '=', orderId).executeTakeFirstOrThrow()).version);
    const empty = await t.form(en(`/admin/ratings/orders/${orderId}/actions/logVisit`), { version: await version() }, { as: 'officer' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Please fix the following');
    const done = await t.form(en(`/admin/ratings/orders/${orderId}/actions/logVisit`), { version: await version(), visitedOn: '2025-06-10', visitor: '李经办', method: 'phone', said: '评价人说材料清单不一致' }, { as: 'officer' });
    expect(done.statusCode, done.body).toBe(303);
    const flash = done.cookies.find((c) => c.name === 'gk_flash')!;
    const page = await get('officer', en(`/admin/ratings/orders/${orderId}`), `; gk_flash=${flash.value}`);
    expect(page.body).toContain('Return visit recorded.');
    expect(page.body).toContain('<td>Phone</td>');
    check(page.body.replace(/李经办|评价人说材料清单不一致/g, ''));
    const stats = await get('officer', en('/admin/ratings/stats?from=2025-06-01&to=2025-01-01'));
    expect(stats.statusCode).toBe(400);
    expect(stats.body).toContain('The end date cannot be before the start date');
    const card = await get('officer', en('/admin/ratings/cards?type=window'));
    expect(card.body).toContain('Enter the window name, case number, staff number or item code');
  });

  it.each([
    ['/admin/ratings', ['<h1 class="gk-heading-l">好差评</h1>', '<nav aria-label="好差评" class="gk-tabs">', '<th scope="col">回执码</th>', ' 条评价</p>']],
    ['/admin/ratings/stats?from=2019-01-01&to=2019-12-31', ['<h1 class="gk-heading-l">好差评统计</h1>', '2019-01-01 至 2019-12-31。满意度 = ', '<figcaption>按月评价数和差评数</figcaption>']],
    ['/admin/suggestions', ['<h1 class="gk-heading-l">意见建议（吐槽找茬）</h1>', '有诉必理、有理必果、及时反馈。']],
  ])('zh-CN %s keeps its strings', async (url, strings) => {
    const r = await get('officer', `${url}${url.includes('?') ? '&' : '?'}lang=zh-CN`);
    for (const s of strings) expect(r.body).toContain(s);
  });
});
