// Several cells of one report corrected in one action (correctAuditCells, decision 175): a row of run-together
// columns is read from the original once, with one reason — all or nothing, the rules run once, a stale version is
// 409 as for one cell. On a damaged copy of the 芝罘区 2019 fixture (（七）总计's first two cells run together).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const ZHIFU = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
const MERGED = ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');
const TOTAL = '（七）总计';
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const PRINTED = [0, 1, 0, 0, 0, 0, 1];
const ROW = COLS.map((c, i) => ({ cell: `table3|${TOTAL}|${c}`, value: PRINTED[i]! }));

interface Report { id: number; version: number; status: string; read: string; unreadCells: string[]; notChecked: unknown[]; corrections: { id: number; cell: string; value: number; reason: string; state: string }[] }

describe.each(engines())('supervision: several cells of a report corrected in one action (%s)', (engine) => {
  let t: TestApp;
  let runId = 0, id = 0, other = 0;

  const report = async (rid = id) => (await t.api('GET', `/api/supervision/reports/${rid}`, { as: 'supervisor' })).json() as Report;
  const batch = (body: Record<string, unknown>, as = 'supervisor', rid = id) => t.api('POST', `/api/supervision/reports/${rid}/corrections/batch`, { as, body, ...(as.startsWith('sv-') ? { password: TEST_PASSWORD } : {}) });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const far = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    await buildUser(t.db, { username: 'sv-foreign', agency_id: far.id, role: 'supervisor' });
    const s = await t.login('supervisor');
    const m = multipart([
      { name: 'files', filename: 'zhifu-merged.txt', data: Buffer.from(MERGED), type: 'text/plain' },
      { name: 'files', filename: 'zhifu-page.txt', data: Buffer.from(MERGED), type: 'text/plain' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    runId = (res.json() as { id: number }).id;
    const items = ((await t.api('GET', `/api/supervision/runs/${runId}/reports`, { as: 'supervisor' })).json() as { items: { id: number; file: string }[] }).items;
    id = items.find((r) => r.file === 'zhifu-merged.txt')!.id;
    other = items.find((r) => r.file === 'zhifu-page.txt')!.id;
  });
  afterAll(async () => t?.close());

  it.each([
    ['one bad value among seven', ROW.map((c, i) => (i === 3 ? { ...c, value: '-1' } : c)), '原件', 'cells.3.value', '社会公益组织：更正后的数值应为非负整数'],
    ['a cell the report does not have', [...ROW.slice(0, 6), { cell: 'table3|不存在的行|总计', value: 1 }], '原件', 'cells.6.cell', '报告中没有这个单元格'],
    ['the same cell twice', [...ROW, ROW[0]!], '原件', 'cells.7.cell', '填了两次'],
    ['no reason', ROW, '  ', 'reason', '请写明更正理由'],
    ['no cell', [], '原件', 'cells', '请至少填写一个单元格'],
  ] as const)('refused, nothing corrected: %s → 400 on %s', async (_, cells, reason, field, text) => {
    const res = await batch({ cells, reason, version: 1 });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const p = res.json() as { errors: { field: string; message: string }[] };
    expect(p.errors.find((e) => e.field === field)?.message).toContain(text);
    expect(await report()).toMatchObject({ version: 1, corrections: [], status: 'unreadable' });
  });

  it('the whole row in one action: one reason on seven corrections, one version step, one audit event, the report clean', async () => {
    const res = await batch({ cells: ROW.map((c) => ({ ...c, value: String(c.value) })), reason: '对照原件第 3 页：（七）总计一行印为 0 1 0 0 0 0 1', version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Report;
    expect(r).toMatchObject({ version: 2, status: 'clean', read: 'complete', unreadCells: [], notChecked: [] });
    expect(r.corrections.map((c) => [c.cell, c.value, c.reason, c.state])).toEqual(ROW.map((c) => [c.cell, c.value, '对照原件第 3 页：（七）总计一行印为 0 1 0 0 0 0 1', 'active']));
    const events = await t.db.selectFrom('audit_events').select(['action', 'after_json']).where('action', '=', 'supervision.cell.correct').execute();
    expect(events).toHaveLength(1);
    const run = (await t.api('GET', `/api/supervision/runs/${runId}`, { as: 'supervisor' })).json() as { summary: { clean: number; unreadable: number } };
    expect(run.summary).toMatchObject({ clean: 1, unreadable: 1 });
  });

  it('a stale version is 409 (problem+json), nothing changed; another role 403; another district\'s supervisor 404', async () => {
    const stale = await batch({ cells: [{ cell: ROW[6]!.cell, value: 2 }], reason: '复核', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    expect((await report()).version).toBe(2);
    expect((await batch({ cells: [ROW[0]!], reason: '原件', version: 1 }, 'officer', other)).statusCode).toBe(403);
    expect((await batch({ cells: [ROW[0]!], reason: '原件', version: 1 }, 'sv-foreign', other)).statusCode).toBe(404);
    expect((await report(other)).corrections).toEqual([]);
  });

  it('page: the several-cells form lists the unread cells first; a bad value gives the error summary in Chinese with the rows kept; then 303', async () => {
    const page = await t.api('GET', `/admin/supervision/reports/${other}`, { as: 'supervisor' });
    expect(page.body).toContain('一次更正多个单元格');
    for (let n = 0; n < 7; n++) expect(page.body).toMatch(new RegExp(`<select[^>]*id="field-cell-${n}"[\\s\\S]*?<option value="table3\\|${TOTAL}\\|${COLS[n]}" selected=""`));
    const fields = (values: readonly (string | number)[], reason: string) => ({
      ...Object.fromEntries(ROW.flatMap((c, n) => [[`cell-${n}`, c.cell], [`value-${n}`, String(values[n])]])),
      'cell-7': '', 'value-7': '', reason, version: '1',
    });
    const bad = await t.form(`/admin/supervision/reports/${other}/corrections/batch`, fields([0, 1, 0, 'x', 0, 0, 1], ''), { as: 'supervisor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('<a href="#field-value-3">表三 （七）总计 · 社会公益组织：更正后的数值应为非负整数（件数为 0 或正整数）</a>');
    expect(bad.body).toContain('<a href="#field-batch-reason">请写明更正理由');
    expect(bad.body).toMatch(/id="field-value-3"[^>]*value="x"|value="x"[^>]*id="field-value-3"/);
    const none = await t.form(`/admin/supervision/reports/${other}/corrections/batch`, fields(['', '', '', '', '', '', ''], '原件'), { as: 'supervisor' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请至少填写一个单元格的更正后数值');
    const ok = await t.form(`/admin/supervision/reports/${other}/corrections/batch`, fields(PRINTED, '对照原件'), { as: 'supervisor' });
    expect(ok.statusCode).toBe(303);
    const r = await report(other);
    expect(r).toMatchObject({ version: 2, status: 'clean' });
    expect(r.corrections).toHaveLength(7);
  });
});
