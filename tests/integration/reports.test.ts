// The reports API and the 年报体检 page on a real app (SQLite; PostgreSQL when TEST_DATABASE_URL is set).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MODEL_JSON_SCHEMA } from '../../src/core/report/schema.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const fixtureDir = new URL('../fixtures/reports/', import.meta.url);
const fixtureBytes = (p: string) => readFileSync(new URL(p, fixtureDir));
const fixtureJson = (slug: string) => JSON.parse(fixtureBytes(`${slug}/expected.json`).toString('utf8'));

/** A multipart/form-data body with the given fields and files. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; bytes: Buffer }[]) {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(engines())('reports API and 年报体检 page (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  async function upload(url: string, as: string | null, files: Parameters<typeof multipart>[1], withCsrf = true) {
    const headers: Record<string, string> = {};
    const fields: Record<string, string> = {};
    if (as) {
      const s = await t.login(as);
      headers.cookie = s.cookie;
      if (withCsrf) fields._csrf = s.csrf;
    }
    const m = multipart(fields, files);
    return t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': m.contentType }, payload: m.payload });
  }

  it('GET /api/reports/schema is public and is the draft 2020-12 schema', async () => {
    const res = await t.api('GET', '/api/reports/schema');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(REPORT_MODEL_JSON_SCHEMA)));
  });

  it('POST /api/reports/check: several files at once (JSON fixture, HTML, text) → model, notes, findings per file', async () => {
    const res = await upload('/api/reports/check', 'supervisor', [
      { name: 'files', filename: 'huaian-2024.json', type: 'application/json', bytes: fixtureBytes('huaian-2024/expected.json') },
      { name: 'files', filename: 'pingtan-2021.html', type: 'text/html', bytes: fixtureBytes('pingtan-2021/source.html') },
      { name: 'files', filename: 'zhifu-2019.txt', type: 'text/plain', bytes: fixtureBytes('zhifu-approval-2019/source.txt') },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { file: string; model: { year: number; table3: unknown }; notes: unknown[]; findings: { rule: string; severity: string }[] }[];
    expect(body.map((r) => r.file)).toEqual(['huaian-2024.json', 'pingtan-2021.html', 'zhifu-2019.txt']);
    expect(body.map((r) => r.model.year)).toEqual([2024, 2021, 2019]);
    // Consistent reports: no error-level finding; pingtan 2021 (an area government, deadline 31 March) was
    // published on 2022-02-08, on time: no finding at all.
    for (const r of body) expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(body[1]!.findings).toEqual([]);
    expect(body[0]!.model.table3).toEqual(fixtureJson('huaian-2024').table3);
  });

  it('POST /api/reports/check finds an inconsistency in the README string form, with its cells', async () => {
    const j = fixtureJson('huaian-2024');
    j.table4['行政复议']['总计'] = 350;
    const res = await t.api('POST', '/api/reports/check', { as: 'officer', body: j });
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    expect(r.findings).toContainEqual({
      rule: 'I5', severity: 'error', message: '表四 行政复议: 总计 (350) ≠ 结果维持+结果纠正+其他结果+尚未审结 (351)',
      cells: ['table4|行政复议|结果维持', 'table4|行政复议|结果纠正', 'table4|行政复议|其他结果', 'table4|行政复议|尚未审结', 'table4|行政复议|总计'],
    });
  });

  it('?deadline= sets the publication deadline (P1)', async () => {
    const j = fixtureJson('pingtan-2021'); // published 2022-02-08; an area government: due 31 March
    const onTime = await t.api('POST', '/api/reports/check', { as: 'officer', body: j });
    expect(onTime.json()[0].findings).toEqual([]);
    const late = await t.api('POST', '/api/reports/check?deadline=01-31', { as: 'officer', body: j });
    expect(late.json()[0].findings).toEqual([{ rule: 'P1', severity: 'warning', message: '发布日期 2022-02-08 晚于法定期限 2022-01-31（按设定的发布期限）', cells: [] }]);
    const bad = await t.api('POST', '/api/reports/check?deadline=1月31日', { as: 'officer', body: j });
    expect(bad.statusCode).toBe(400);
  });

  it('an unreadable file is reported, not fatal; no file at all is a 400 problem', async () => {
    const res = await upload('/api/reports/check', 'supervisor', [{ name: 'files', filename: 'broken.json', type: 'application/json', bytes: Buffer.from('{"format": "2021"') }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({ file: 'broken.json', model: null, findings: [], notes: [{ level: 'error', message: expect.stringMatching(/不是有效的 JSON/) }] });
    const none = await upload('/api/reports/check', 'supervisor', []);
    expect(none.statusCode).toBe(400);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'files', message: '请上传至少一个报告文件' }] });
  });

  it('uploads are for staff only: 401 without a session, 403 without the CSRF token', async () => {
    const anon = await upload('/api/reports/check', null, [{ name: 'files', filename: 'a.json', type: 'application/json', bytes: fixtureBytes('huaian-2024/expected.json') }]);
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('unauthenticated');
    const noCsrf = await upload('/api/reports/check', 'supervisor', [{ name: 'files', filename: 'a.json', type: 'application/json', bytes: fixtureBytes('huaian-2024/expected.json') }], false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
  });

  it('POST /api/reports/render?to=… renders a model (or fixture) in every format', async () => {
    const j = fixtureJson('pingtan-2023');
    const expectations: [string, RegExp, (b: Buffer) => boolean][] = [
      ['html', /^text\/html/, (b) => b.toString('utf8').includes('收到和处理政府信息公开申请情况')],
      ['md', /^text\/markdown/, (b) => b.toString('utf8').includes('（七）总计')],
      ['json', /^application\/json/, (b) => JSON.parse(b.toString('utf8')).schemaVersion === 1],
      ['docx', /wordprocessingml/, (b) => b.subarray(0, 2).toString() === 'PK'],
      ['xlsx', /spreadsheetml/, (b) => b.subarray(0, 2).toString() === 'PK'],
      ['pdf', /^application\/pdf/, (b) => b.subarray(0, 5).toString() === '%PDF-'],
    ];
    for (const [to, type, ok] of expectations) {
      const res = await t.api('POST', `/api/reports/render?to=${to}`, { as: 'officer', body: j });
      expect(res.statusCode, to).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="report-2023.${to}"`);
      expect(ok(res.rawPayload), to).toBe(true);
    }
  });

  it('render refuses an unknown target and an invalid model with Chinese messages and JSON paths', async () => {
    const bad = await t.api('POST', '/api/reports/render?to=odt', { as: 'officer', body: fixtureJson('pingtan-2023') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    const model = { schemaVersion: 1, agency: 'A', year: '2023', format: '2021', sections: [], table2: {}, table3: { columns: [], rows: {} }, table4: {} };
    const res = await t.api('POST', '/api/reports/render?to=html', { as: 'officer', body: model });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ field: '$.year', message: '应为整数，实际为字符串 "2023"' });
  });

  it('the 年报体检 page: form without JS, results with findings linked to highlighted cells', async () => {
    const s = await t.login('supervisor');
    const get = await t.app.inject({ method: 'GET', url: '/admin/reports/check', headers: { cookie: s.cookie } });
    expect(get.statusCode).toBe(200);
    expect(get.body).toMatch(/enctype="multipart\/form-data"/i); // React prints encType; HTML attributes are case-insensitive
    expect(get.body).toContain('name="_csrf"');
    expect(get.body).toMatch(/<a class="gk-sidenav__link" href="\/admin\/reports" aria-current="page">年度报告<\/a>/);
    const nav = await t.app.inject({ method: 'GET', url: '/admin/reports', headers: { cookie: s.cookie } });
    expect([nav.statusCode, nav.headers.location]).toEqual([303, '/admin/annual']); // issue 7: the nav entry opens the annual reports

    const j = fixtureJson('huaian-2024');
    j.table3.rows['（一）予以公开'][6] = 1364; // 1362 in the applicant columns → I1, I2, E1
    const res = await upload('/admin/reports/check', 'supervisor', [
      { name: 'files', filename: 'huaian-2024-bad.json', type: 'application/json', bytes: Buffer.from(JSON.stringify(j)) },
      { name: 'files', filename: 'zhifu.txt', type: 'text/plain', bytes: fixtureBytes('zhifu-approval-2019/source.txt') },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('共 2 份报告，其中 1 份有错误或无法读取');
    expect(html).toContain('表三 （一）予以公开行: 总计 (1364) ≠ 六类申请人之和 (1362)');
    // The table marks the cell with the finding number.
    expect(html).toContain('id="r1-table3"');
    expect(html).toMatch(/<td[^>]*class="gk-num gk-flag"[^>]*data-cell="table3\|（一）予以公开\|总计"/);
    // …and each cell it names links to that very cell, which carries the anchor id.
    expect(html).toContain('href="#r1-cell-table3|（一）予以公开|总计"');
    expect(html).toMatch(/<td id="r1-cell-table3\|（一）予以公开\|总计"[^>]*class="gk-num gk-flag"/);
  });

  it('the page refuses a post without a file with a Chinese error summary', async () => {
    const res = await upload('/admin/reports/check', 'supervisor', []);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('gk-error-summary');
    expect(res.body).toContain('请选择至少一个报告文件（可多选）');
  });

  it('the page needs a signed-in staff member', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/reports/check' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/admin\/login\?next=/);
  });
});
