// The supervisors' pages in English: the demo supervisor chooses English (the ?lang=en switch, kept in the gk_lang
// cookie) and every supervision page reached from the SupervisionNav tabs answers 200 with its English headings and no
// Chinese of its own in the chrome — headings, table headers, labels, buttons, legends, summaries, captions, term lists,
// status tags, hints and accessible names. Chinese stays only in data (agency, user, run and file names, rule messages,
// narrative headings), in the cells of the national report format (表二/表三/表四 …, named as printed) and in
// parenthesised statutory terms such as "Article 49 (第四十九条)". The zh-CN pages keep their strings as they were.
// Run on both engines: SQLite by default, PostgreSQL too with TEST_DATABASE_URL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const ZHIFU = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
const PT21 = readFileSync(new URL('pingtan-2021/source.html', dir), 'utf8');
/** 芝罘区 2019 with two columns of （七）总计 run together: the row is unread (a report "not fully read") */
const MERGED = ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');
const HAN = /\p{Script=Han}/u;
/** The elements whose text is the page's own chrome (data inside them is taken out before the check). */
const CHROME = ['h1', 'h2', 'h3', 'th', 'label', 'button', 'legend', 'summary', 'caption', 'dt', 'strong', 'option'];

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** The chrome texts of <main>: the CHROME elements, the hints and the accessible names (aria-label, title, placeholder). */
function chromeTexts(html: string): string[] {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const out: string[] = [];
  for (const tag of CHROME) for (const m of main.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))) out.push(textOf(m[1]!));
  for (const m of main.matchAll(/<(?:span|p) class="gk-hint"[^>]*>([\s\S]*?)<\/(?:span|p)>/g)) out.push(textOf(m[1]!));
  for (const m of main.matchAll(/\b(?:aria-label|title|placeholder)="([^"]*)"/g)) out.push(decode(m[1]!));
  return out;
}

/** Chrome texts that still hold Chinese once data, cells of the national format and parenthesised terms are taken out. */
function chineseInChrome(html: string, data: ReadonlySet<string>): string[] {
  const known = [...data].filter((s) => HAN.test(s)).sort((a, b) => b.length - a.length);
  return chromeTexts(html).filter((text) => {
    let s = text;
    for (const d of known) s = s.split(d).join(' ');
    s = s.replace(/(^|\] |: )表[二三四][\s\S]*$/u, ' '); // a cell of the national report format as printed (describeCell), alone or after a prefix
    s = s.replace(/（[^（）]*）|\([^()]*\)/g, (g) => (HAN.test(g) ? ' ' : g)); // a parenthesised statutory term
    return HAN.test(s);
  });
}

describe.each(engines())('the supervisors’ pages in English (%s)', (engine) => {
  let t: TestApp;
  let cookie = '';
  const data = new Set<string>();
  let runId = 0, run2Id = 0, zhifu = 0, pt21 = 0, pt22 = 0, rectId = 0, agencyId = 0, withFindings = 0;
  const get = (url: string, extra = '') => t.app.inject({ method: 'GET', url, headers: { cookie: `${cookie}${extra}` } });
  const json = async <T>(url: string) => (await t.api('GET', url, { as: 'supervisor' })).json() as T;
  const upload = async (title: string) => {
    const s = await t.login('supervisor');
    const m = multipart([
      { name: 'title', value: title },
      { name: 'files', filename: 'zhifu-merged.txt', data: Buffer.from(MERGED), type: 'text/plain' },
      { name: 'files', filename: 'pt2021.html', data: Buffer.from(PT21), type: 'text/html' },
      { name: 'files', filename: 'pt2022.html', data: Buffer.from(PT21.replaceAll('2021', '2022')), type: 'text/html' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    // the supervisor picks English once (the language switch); the browser sends the cookie from then on
    const s = await t.login('supervisor');
    const pick = await t.app.inject({ method: 'GET', url: '/admin/supervision?lang=en', headers: { cookie: s.cookie } });
    expect(pick.statusCode).toBe(200);
    const lang = pick.cookies.find((c) => c.name === 'gk_lang');
    expect(lang?.value).toBe('en');
    cookie = `${s.cookie}; gk_lang=${lang!.value}`;

    runId = await upload('英文界面测试');
    run2Id = await upload('英文界面测试（复查）');
    const reports = (await json<{ items: { id: number; file: string; agency: string | null }[] }>(`/api/supervision/runs/${runId}/reports`)).items;
    zhifu = reports.find((r) => r.file === 'zhifu-merged.txt')!.id;
    pt21 = reports.find((r) => r.file === 'pt2021.html')!.id;
    pt22 = reports.find((r) => r.file === 'pt2022.html')!.id;
    // a correction, a triage decision and a rectification, so that their tables and states are on the pages
    const rep = await json<{ version: number; unreadCells: string[] }>(`/api/supervision/reports/${zhifu}`);
    const cor = await t.api('POST', `/api/supervision/reports/${zhifu}/corrections`, { as: 'supervisor', body: { cell: rep.unreadCells[1], value: 1, reason: '对照原件', version: rep.version } });
    expect(cor.statusCode, cor.body).toBe(201);
    const findings = (await json<{ items: { id: number; version: number; reportId: number | null; agencyId: number | null }[] }>(`/api/supervision/runs/${runId}/findings?pageSize=200`)).items;
    const [a, b] = findings.filter((f) => f.reportId !== null);
    expect((await t.api('POST', `/api/supervision/findings/${a!.id}/triage`, { as: 'supervisor', body: { decision: 'dismissed', reason: '原件无误', version: a!.version } })).statusCode).toBe(200);
    const withAgency = findings.find((f) => f.agencyId !== null && f.id !== a!.id) ?? b!;
    const rect = await t.api('POST', `/api/supervision/findings/${withAgency.id}/rectification`, { as: 'supervisor', body: { comment: '请更正表三', version: withAgency.version } });
    expect(rect.statusCode, rect.body).toBe(201);
    rectId = (rect.json() as { id: number }).id;
    withFindings = a!.reportId!;
    const year = (await json<{ year: number }>('/api/supervision/overview')).year;
    const draw = await t.api('POST', '/api/supervision/assessment/sample', { as: 'supervisor', body: { year, items: 3, cases: 2 } });
    expect(draw.statusCode, draw.body).toBe(201);

    // the data shown on the pages
    for (const x of await t.db.selectFrom('agencies').select(['id', 'name']).execute()) data.add(x.name);
    agencyId = (await t.db.selectFrom('agencies').select('id').where('name', '=', '烟台市芝罘区行政审批服务局').executeTakeFirstOrThrow()).id;
    // two of the agency's annual reports in Gongkai, to compare as sides
    for (const y of ['2024', '2025']) expect((await t.form(`/admin/annual/${agencyId}/compile`, { year: y }, { as: 'officer' })).statusCode).toBe(303);
    for (const u of await t.db.selectFrom('users').select('display_name').execute()) data.add(u.display_name);
    for (const id of [runId, run2Id]) {
      const r = await json<{ title: string; crossYear: { agency: string }[] }>(`/api/supervision/runs/${id}`);
      data.add(r.title);
      for (const f of (await json<{ items: { message: string }[] }>(`/api/supervision/runs/${id}/findings?pageSize=200`)).items) data.add(f.message);
    }
    for (const r of reports) { data.add(r.file); if (r.agency) data.add(r.agency); }
    const cmp = await json<{ sections: { heading: string }[]; crossYear: { title: string }[] | null }>(`/api/supervision/report-comparison?left=audit:${pt21}&right=audit:${pt22}`);
    for (const x of cmp.sections) data.add(x.heading);
    for (const x of cmp.crossYear ?? []) data.add(x.title);
  }, 240_000);
  afterAll(() => t?.close());

  // page, English headings that must be there
  const pages: [string, () => string, string[]][] = [
    ['runs', () => '/admin/supervision', ['<h1>Report audits</h1>', 'Audit uploaded reports', '<th scope="col">Pending results</th>', 'Start the audit']],
    ['a run', () => `/admin/supervision/runs/${runId}`, ['<h2 id="by-agency">By agency</h2>', '<h2 id="cross-year">Cross-year checks</h2>', 'Download the Excel workbook', 'Report comparison: compare the two chosen reports']],
    ['a run, one agency', () => `/admin/supervision/runs/${runId}?agency=${encodeURIComponent('（未识别）')}`, ['Reports: (not identified)', 'List the reports of all agencies']],
    ['a run’s report (not fully read, corrected)', () => `/admin/supervision/reports/${zhifu}`, ['<h2>Audit results</h2>', '<h2 id="corrections">Corrections</h2>', 'Correct several cells at once', 'Not fully read', 'Rules not checked (']],
    ['a run’s report with findings', () => `/admin/supervision/reports/${withFindings}`, ['<h2>Audit results</h2>', 'Handle this result', 'Decision: ']],
    ['two runs compared', () => `/admin/supervision/runs/${runId}/comparison?with=${run2Id}`, ['<h1>Compare two audits</h1>', 'Compare with this audit', '<th scope="row">Persisting</th>']],
    ['report comparison (no sides)', () => '/admin/supervision/report-comparison', ['<h1>Report comparison</h1>', 'Compare annual reports in Gongkai', '<legend>Left</legend>']],
    ['report comparison', () => `/admin/supervision/report-comparison?left=audit:${pt21}&right=audit:${pt22}`, ['<h2 id="cells">Tables</h2>', '<h2 id="narrative">Narrative</h2>', 'Cross-year rules (2021 → 2022)', 'Table 3 (表三)', 'Change (right − left)']],
    ['report comparison, annual reports', () => `/admin/supervision/report-comparison?leftAgency=${agencyId}&leftYear=2024&rightAgency=${agencyId}&rightYear=2025&changed=1`, ['<h1>Report comparison</h1>', ' (annual report in Gongkai)']],
    ['rectifications', () => '/admin/supervision/rectifications', ['<h1>Annual report rectifications</h1>', '<th scope="col">Agency asked to rectify</th>', 'Rectification #']],
    ['a rectification', () => `/admin/supervision/rectifications/${rectId}`, ['<h2>What must be rectified</h2>', '<h2>Audit result</h2>', 'To rectify']],
    ['overview', () => '/admin/supervision/overview', ['annual reports on government information disclosure: overview', 'Article 49 (第四十九条): published by 31 January', '<th scope="col">Last reminded</th>']],
    ['overview, late', () => '/admin/supervision/overview?late=1', ['<h2>Agencies (late)</h2>']],
    ['overview 2019, published', () => '/admin/supervision/overview?year=2019&state=published', ['<h2>Agencies (Published)</h2>', 'passed']],
    ['assessment', () => '/admin/supervision/assessment', ['assessment and ranking</h1>', 'Assessment items and weights', 'Annual report published on time (weight', 'Save the weights']],
    ['spot checks', () => '/admin/supervision/assessment/sample', ['spot checks (不定期抽查)</h1>', '<dt>Random seed</dt>', 'Draw again']],
    ['rankings', () => '/admin/supervision/rankings', ['<h1>']],
    ['heatmap', () => '/admin/supervision/heatmap', ['<h1>']],
    ['consolidation checks', () => '/admin/supervision/hierarchy', ['<h1>Consolidation checks</h1>', 'Does this level&#x27;s report consolidate its departments?', 'Table 3 (表三): new requests this year (一、本年新收申请), total', 'Save the setting']],
  ];

  it.each(pages)('%s: 200, English headings, no Chinese of the page’s own', async (_name, url, english) => {
    const r = await get(url());
    expect(r.statusCode, textOf(/<main[\s\S]*<\/main>/.exec(r.body)?.[0] ?? r.body).slice(0, 600)).toBe(200);
    for (const s of english) expect(r.body).toContain(s);
    expect(r.body).not.toMatch(/>[^<]*\bsupervision\.[a-z]+\.[\w.]+/); // no message key printed for want of a message
    expect(chineseInChrome(r.body, data)).toEqual([]);
  });

  it('a flash message and a refused form in English', async () => {
    const year = (await json<{ year: number }>('/api/supervision/overview')).year;
    const s = await t.login('supervisor');
    const post = (url: string, fields: Record<string, string>) => t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString() });
    const saved = await post('/admin/supervision/assessment/weights', { year: String(year), version: 'x' });
    expect(saved.statusCode).toBe(400);
    expect(saved.body).toContain('Please fix the following');
    expect(saved.body).toContain('The form has no version number; reload the page');
    const setting = await json<{ version: number }>('/api/supervision/hierarchy');
    const done = await post('/admin/supervision/hierarchy', { mode: 'none', version: String(setting.version) });
    expect(done.statusCode, done.body).toBe(303);
    const flash = done.cookies.find((c) => c.name === 'gk_flash')!;
    const page = await get('/admin/supervision/hierarchy', `; gk_flash=${flash.value}`);
    expect(page.body).toContain('Consolidation check setting saved');
    expect(chineseInChrome(page.body, data)).toEqual([]);
    const batch = await post(`/admin/supervision/reports/${zhifu}/corrections/batch`, { version: '1', reason: 'x', 'cell-0': '', 'value-0': '' });
    expect(batch.statusCode).toBe(400);
    expect(batch.body).toContain('Enter the corrected value of at least one cell');
  });

  it('the agency’s officer answers the rectification in English', async () => {
    const s = await t.login('officer');
    const page = await t.app.inject({ method: 'GET', url: `/admin/supervision/rectifications/${rectId}?lang=en`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    for (const x of ['<h2>Report the rectification</h2>', 'Corrected report', 'Submit the response', 'Rectification #']) expect(page.body).toContain(x);
    expect(chineseInChrome(page.body, data)).toEqual([]);
    const list = await t.app.inject({ method: 'GET', url: '/admin/supervision/rectifications?lang=en', headers: { cookie: s.cookie } });
    expect(list.body).toContain('<h1>Annual report rectifications</h1>');
    expect(chineseInChrome(list.body, data)).toEqual([]);
  });

  it.each([
    ['/admin/supervision', ['<h1>督查体检</h1>', '<h2 id="new-upload">上传报告体检</h2>', '<th scope="col">待定结果</th>']],
    ['/admin/supervision/overview', ['年度政府信息公开工作年度报告总览</h1>', '<h2 id="campaign">第四十九条：1月31日前公布</h2>', '<th scope="col">最近督促</th>']],
    ['/admin/supervision/assessment', ['年度考核与排名</h1>', '<summary>考核项目和权重</summary>', '年度报告按时公布（条例第四十九条：部门每年1月31日前、本级政府3月31日前公布上一年度报告）']],
    ['/admin/supervision/hierarchy', ['<h1>汇总核对设定</h1>', '不汇总（各机关分别报告，不核对）', '表三 一、本年新收申请 总计</label>', '>保存设定</button>']],
    ['/admin/supervision/report-comparison', ['<h1>差异比对 <span lang="en" class="gk-hint">Report comparison</span></h1>', '<legend>左</legend>']],
  ])('zh-CN %s keeps its strings', async (url, strings) => {
    const s = await t.login('supervisor');
    const r = await t.app.inject({ method: 'GET', url: `${url}?lang=zh-CN`, headers: { cookie: s.cookie } });
    for (const x of strings) expect(r.body).toContain(x);
  });
});
