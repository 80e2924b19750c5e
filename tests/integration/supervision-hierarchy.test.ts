// Hierarchy checks (H1) in audit runs: each supervising agency says whether its governments' reports are consolidated
// with those of the departments under them (本级 ≥ or = their sum, for the cells it chooses) or not (no check); an
// uploaded run then compares the 区政府's report with its departments' reports of the same year and names the cells
// and each department's figure. The setting through the API (versioned, 409) and the page form.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { multipart } from '../builders/multipart.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const ZHIFU = readFileSync(new URL('../fixtures/reports/zhifu-approval-2019/source.txt', import.meta.url), 'utf8');
const RECEIVED_LINE = '一、本年新收政府信息公开申请数量\t0\t1\t0\t0\t0\t0\t1';
const RECEIVED = 'table3|一、本年新收政府信息公开申请数量|总计';
const PW = { password: TEST_PASSWORD };

/** The 芝罘区 2019 report under another agency's name, with 一、本年新收 商业企业 and 总计 set to `received`. */
function reportOf(agency: string, received: number): { filename: string; data: Buffer } {
  const text = ZHIFU.replaceAll('烟台市芝罘区行政审批服务局', agency).replace(RECEIVED_LINE, `一、本年新收政府信息公开申请数量\t0\t${received}\t0\t0\t0\t0\t${received}`);
  if (!text.includes(`\t0\t${received}\t0\t0\t0\t0\t${received}`)) throw new Error('fixture changed');
  return { filename: `${agency}.txt`, data: Buffer.from(text) };
}

interface Finding { rule: string; severity: string; source: string; message: string; cells: string[]; agencyId: number | null }

describe.each(engines())('hierarchy checks in audit runs (%s)', (engine) => {
  let t: TestApp;
  let district: { id: number };

  async function run(govReceived: number): Promise<Finding[]> {
    const s = await t.login('hz-supervisor', TEST_PASSWORD);
    const m = multipart([reportOf('层级区人民政府', govReceived), reportOf('层级区教育局', 5), reportOf('层级区民政局', 7)].map((f) => ({ name: 'files', filename: f.filename, data: f.data, type: 'text/plain' })));
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    const f = await t.api('GET', `/api/supervision/runs/${id}/findings?pageSize=200`, { as: 'hz-supervisor', ...PW });
    return (f.json() as { items: Finding[] }).items.filter((x) => x.rule === 'H1');
  }
  async function setting(body: Record<string, unknown>) {
    return t.api('PUT', '/api/supervision/hierarchy', { as: 'hz-supervisor', ...PW, body });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const city = await buildAgency(t.db, { name: '层级市人民政府', kind: 'government' });
    district = await buildAgency(t.db, { name: '层级区人民政府', kind: 'government', parent_id: city.id });
    await buildAgency(t.db, { name: '层级区教育局', kind: 'department', parent_id: district.id });
    await buildAgency(t.db, { name: '层级区民政局', kind: 'department', parent_id: district.id });
    await buildAgency(t.db, { name: '层级区卫健局', kind: 'department', parent_id: district.id });
    await buildUser(t.db, { username: 'hz-supervisor', agency_id: city.id, role: 'supervisor' });
  });
  afterAll(async () => t?.close());

  it('not consolidated until set: no H1 finding', async () => {
    expect((await t.api('GET', '/api/supervision/hierarchy', { as: 'hz-supervisor', ...PW })).json()).toEqual({ mode: 'none', cells: [], version: 0 });
    expect(await run(1)).toEqual([]);
  });

  it('bad settings are refused (400), a stale version is a conflict (409)', async () => {
    const empty = await setting({ mode: 'at_least', cells: [], version: 0 });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('汇总核对须至少选择一个单元格');
    expect((await setting({ mode: 'sometimes', cells: [RECEIVED], version: 0 })).statusCode).toBe(400);
    expect((await setting({ mode: 'equal', cells: ['table3|（一）予以公开|总计'], version: 0 })).statusCode).toBe(400);
    const ok = await setting({ mode: 'at_least', cells: [RECEIVED], version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ mode: 'at_least', cells: [RECEIVED], version: 1 });
    expect((await setting({ mode: 'equal', cells: [RECEIVED], version: 0 })).statusCode).toBe(409);
  });

  it.each([
    { mode: 'at_least', gov: 11, want: '表三 一、本年新收申请 总计：层级区人民政府2019年度报告为 11，小于所属 2 个部门报告之和 12（层级区教育局 5、层级区民政局 7）；按本主管部门的设定，本级应不小于所属部门之和（另有 1 个所属机关本次没有报告，未计入）' },
    { mode: 'at_least', gov: 12, want: null },
    { mode: 'at_least', gov: 13, want: null },
    { mode: 'equal', gov: 13, want: '表三 一、本年新收申请 总计：层级区人民政府2019年度报告为 13，大于所属 2 个部门报告之和 12（层级区教育局 5、层级区民政局 7）；按本主管部门的设定，本级应等于所属部门之和（另有 1 个所属机关本次没有报告，未计入）' },
    { mode: 'equal', gov: 12, want: null },
  ])('$mode: 区政府 $gov against 教育局 5 + 民政局 7', async ({ mode, gov, want }) => {
    const cur = (await t.api('GET', '/api/supervision/hierarchy', { as: 'hz-supervisor', ...PW })).json() as { version: number };
    expect((await setting({ mode, cells: [RECEIVED], version: cur.version })).statusCode).toBe(200);
    const h1 = await run(gov);
    if (!want) return expect(h1).toEqual([]);
    expect(h1).toEqual([expect.objectContaining({ rule: 'H1', severity: 'warning', source: 'rules', message: want, cells: [RECEIVED], agencyId: district.id })]);
  });

  it('the page form: an error summary in plain Chinese, then saved (two cells ticked)', async () => {
    const page = await t.api('GET', '/admin/supervision/hierarchy', { as: 'hz-supervisor', ...PW });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本级报告是否汇总所属部门');
    const cur = (await t.api('GET', '/api/supervision/hierarchy', { as: 'hz-supervisor', ...PW })).json() as { version: number };
    const bad = await t.form('/admin/supervision/hierarchy', { version: String(cur.version), mode: 'equal' }, { as: 'hz-supervisor', ...PW });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('汇总核对须至少选择一个单元格');
    const s = await t.login('hz-supervisor', TEST_PASSWORD);
    const body = new URLSearchParams([['_csrf', s.csrf], ['version', String(cur.version)], ['mode', 'equal'], ['cells', RECEIVED], ['cells', 'table4|行政复议|总计']]).toString();
    const ok = await t.app.inject({ method: 'POST', url: '/admin/supervision/hierarchy', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
    expect(ok.statusCode, ok.body).toBe(303);
    expect((await t.api('GET', '/api/supervision/hierarchy', { as: 'hz-supervisor', ...PW })).json()).toEqual({ mode: 'equal', cells: [RECEIVED, 'table4|行政复议|总计'], version: cur.version + 1 });
  });
});
