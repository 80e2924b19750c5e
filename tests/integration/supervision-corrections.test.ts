// A supervisor corrects cells the reader could not read (decision 175), on damaged copies of the real reports in
// tests/fixtures/reports: 芝罘区 2019 with two columns of （七）总计 run together ("0","1" → "01": the row is unread, the
// rules over it "not checked"), and 平潭 2021 beside a copy of it made a 2022 report (a consecutive pair: X1 fails on
// 二、上年结转 0 ≠ 2021's 结转下年度 1). Corrections re-run the rules and the cross-year pair; the reading is kept;
// triage decisions on findings that still hold survive; version → 409; withdraw; the workbook and the 通报 say so.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const ZHIFU = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
const PT21 = readFileSync(new URL('pingtan-2021/source.html', dir), 'utf8');
const TOTAL = '（七）总计';
const IN = '二、上年结转政府信息公开申请数量';
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
/** as printed in the original: (七) 总计 0 1 0 0 0 0 1 */
const PRINTED = [0, 1, 0, 0, 0, 0, 1];
const MERGED = ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');

interface Finding { id: number; reportId: number | null; scope: string; rule: string; severity: string; source: string; message: string; cells: string[]; decision: string; reason: string | null; version: number }
interface Correction { id: number; cell: string; original: number | null; value: number; reason: string; state: string; createdBy: string }
interface Report { id: number; runId: number; status: string; read: string; version: number; unreadCells: string[]; notChecked: { rule: string; missing: string[] }[]; corrections: Correction[]; model: { table3: { rows: Record<string, (number | null)[]> } } }
interface Run { id: number; summary: { reports: number; clean: number; withErrors: number; unreadable: number }; crossYear: { from: number; to: number; findings: { rule: string; message: string }[] }[] }

describe.each(engines())('supervision: a supervisor corrects unread cells, the rules run again (%s)', (engine) => {
  let t: TestApp;
  let run: Run;
  let zhifu = 0, pt22 = 0;

  const report = async (id: number) => (await t.api('GET', `/api/supervision/reports/${id}`, { as: 'supervisor' })).json() as Report;
  const findings = async (q: string) => ((await t.api('GET', `/api/supervision/runs/${run.id}/findings?pageSize=200${q}`, { as: 'supervisor' })).json() as { items: Finding[] }).items;
  const correct = (id: number, body: Record<string, unknown>, as = 'supervisor') => t.api('POST', `/api/supervision/reports/${id}/corrections`, { as, body, ...(as.startsWith('sv-') ? { password: TEST_PASSWORD } : {}) });
  const count = (r: Report, rule: string) => r.notChecked.filter((c) => c.rule === rule).length;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const other = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    await buildUser(t.db, { username: 'sv-foreign', agency_id: other.id, role: 'supervisor' });
    const s = await t.login('supervisor');
    const m = multipart([
      { name: 'title', value: '更正测试' },
      { name: 'files', filename: 'zhifu-merged.txt', data: Buffer.from(MERGED), type: 'text/plain' },
      { name: 'files', filename: 'pt2021.html', data: Buffer.from(PT21), type: 'text/html' },
      { name: 'files', filename: 'pt2022.html', data: Buffer.from(PT21.replaceAll('2021', '2022')), type: 'text/html' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    run = res.json() as Run;
    const reports = ((await t.api('GET', `/api/supervision/runs/${run.id}/reports`, { as: 'supervisor' })).json() as { items: { id: number; file: string }[] }).items;
    zhifu = reports.find((r) => r.file === 'zhifu-merged.txt')!.id;
    pt22 = reports.find((r) => r.file === 'pt2022.html')!.id;
  });
  afterAll(async () => t?.close());

  it('the damaged report as read: （七）总计 unread, E1/I1/I2 over it not checked, no rule accuses it', async () => {
    expect(run.summary).toEqual({ reports: 3, clean: 2, withErrors: 0, unreadable: 1 });
    const r = await report(zhifu);
    expect(r).toMatchObject({ status: 'unreadable', read: 'partial', version: 1, corrections: [] });
    expect(r.unreadCells).toEqual(COLS.map((c) => `table3|${TOTAL}|${c}`));
    expect([count(r, 'E1'), count(r, 'I1'), count(r, 'I2')]).toEqual([7, 1, 7]);
    expect(run.crossYear.map((c) => [c.from, c.to, c.findings.map((f) => f.rule).join(',')])).toEqual([[2021, 2022, 'X1,X1,X3']]);
  });

  it('one cell corrected: the rules that needed only it are checked (and pass with the printed 1); the reading is kept', async () => {
    const warning = (await findings(`&report=${zhifu}`)).find((f) => f.rule === 'W-section')!;
    expect((await t.api('POST', `/api/supervision/findings/${warning.id}/triage`, { as: 'supervisor', body: { decision: 'confirmed', version: warning.version } })).statusCode).toBe(200);
    const res = await correct(zhifu, { cell: `table3|${TOTAL}|商业企业`, value: 1, reason: '对照原件：（七）总计 商业企业 印为 1', version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Report;
    expect(r.version).toBe(2);
    expect(r.corrections).toEqual([expect.objectContaining({ cell: `table3|${TOTAL}|商业企业`, original: null, value: 1, state: 'active', createdBy: expect.any(String) })]);
    expect(r.model.table3.rows[TOTAL]).toEqual([null, 1, null, null, null, null, null]);
    expect([count(r, 'E1'), count(r, 'I1'), count(r, 'I2')]).toEqual([6, 1, 6]);
    expect(r.notChecked.some((c) => c.missing.includes(`table3|${TOTAL}|商业企业`))).toBe(false);
    expect(r.status).toBe('unreadable');
    const after = await findings(`&report=${zhifu}`);
    expect(after.filter((f) => f.rule === 'E1')).toEqual([]);
    // the decision on a finding that still holds survives, on the same row
    expect(after.find((f) => f.rule === 'W-section')).toMatchObject({ id: warning.id, decision: 'confirmed' });
  });

  it('a stale version and two corrections at once: one wins, the other gets 409', async () => {
    const stale = await correct(zhifu, { cell: `table3|${TOTAL}|自然人`, value: 0, reason: '原件', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    const both = await Promise.all([
      correct(zhifu, { cell: `table3|${TOTAL}|自然人`, value: 0, reason: '原件 甲', version: 2 }),
      correct(zhifu, { cell: `table3|${TOTAL}|科研机构`, value: 0, reason: '原件 乙', version: 2 }),
    ]);
    expect(both.map((b) => b.statusCode).sort()).toEqual([201, 409]);
    const r = await report(zhifu);
    expect(r.version).toBe(3);
    expect(r.corrections.filter((c) => c.state === 'active')).toHaveLength(2);
  });

  it('the whole row corrected as printed: every rule checked, the report clean, the reading problem settled, the run counts it', async () => {
    let r = await report(zhifu);
    for (let i = 0; i < COLS.length; i++) {
      const cell = `table3|${TOTAL}|${COLS[i]}`;
      if (r.corrections.some((c) => c.cell === cell && c.state === 'active')) continue;
      const res = await correct(zhifu, { cell, value: String(PRINTED[i]), reason: '对照原件', version: r.version });
      expect(res.statusCode, res.body).toBe(201);
      r = res.json() as Report;
    }
    expect(r).toMatchObject({ status: 'clean', read: 'complete', unreadCells: [], notChecked: [] });
    expect(r.model.table3.rows[TOTAL]).toEqual(PRINTED);
    expect((await findings(`&report=${zhifu}`)).map((f) => [f.source, f.rule, f.decision])).toEqual([['rules', 'W-section', 'confirmed']]);
    const now = (await t.api('GET', `/api/supervision/runs/${run.id}`, { as: 'supervisor' })).json() as Run;
    expect(now.summary).toEqual({ reports: 3, clean: 3, withErrors: 0, unreadable: 0 });
  });

  it('a correction the numbers contradict: E1, I1 and I2 fail on 2 — the workbook and the 通报 say the cell was corrected', async () => {
    const r0 = await report(zhifu);
    const res = await correct(zhifu, { cell: `table3|${TOTAL}|总计`, value: 2, reason: '复核：总计印为 2', version: r0.version });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as Report;
    expect(r.status).toBe('findings');
    expect(r.corrections.filter((c) => c.cell === `table3|${TOTAL}|总计`).map((c) => [c.value, c.state])).toEqual([[1, 'replaced'], [2, 'active']]);
    const errors = (await findings(`&report=${zhifu}&severity=error`)).map((f) => [f.rule, f.message]);
    expect(errors).toEqual(expect.arrayContaining([
      ['E1', '表三 总计列: 一+二 (1+0=1) ≠ （七）总计+四 (2+0=2)'],
    ]));
    expect(errors.map((e) => e[0]).sort()).toEqual(['E1', 'I1', 'I2']);
    const e1 = (await findings(`&report=${zhifu}&severity=error`)).find((f) => f.rule === 'E1')!;
    expect((await t.api('POST', `/api/supervision/findings/${e1.id}/triage`, { as: 'supervisor', body: { decision: 'confirmed', version: e1.version } })).statusCode).toBe(200);

    const { excelJs } = await import('../../src/features/shared/libraries.ts');
    const wb = new (excelJs().Workbook)();
    await wb.xlsx.load((await t.api('GET', `/api/supervision/runs/${run.id}/export.xlsx`, { as: 'supervisor' })).rawPayload as never);
    const sheet = wb.worksheets.find((w) => w.name.startsWith('烟台市芝罘区行政审批服务局'))!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values instanceof Array ? row.values.join(' ') : ''));
    expect(texts.join('\n')).toContain('表三 （七）总计 · 总计：读取为空，督查人员更正为 2（复核：总计印为 2；');
    expect(texts.join('\n')).toContain('（含督查人员更正的单元格）');

    const { pdfTextPages } = await import('../../src/features/shared/pdf-read.ts');
    const pdf = await t.api('GET', `/api/supervision/runs/${run.id}/notice.pdf`, { as: 'supervisor' });
    const text = (await pdfTextPages(new Uint8Array(pdf.rawPayload))).map((p) => p.map((i) => i.str).join('')).join('\n');
    expect(text).toContain('(2+0=2)');
    expect(text).toContain('督查人员更正的单元格');
    expect(text).toContain('督查人员更正为 2');
  });

  it('withdraw: back to the reading (the cell unread, its rules not checked again), 409 on a second withdrawal', async () => {
    const r0 = await report(zhifu);
    const c = r0.corrections.find((x) => x.state === 'active' && x.value === 2)!;
    const res = await t.api('POST', `/api/supervision/corrections/${c.id}/withdrawal`, { as: 'supervisor', body: { version: r0.version } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r.corrections.find((x) => x.id === c.id)!.state).toBe('withdrawn');
    expect(r.unreadCells).toEqual([`table3|${TOTAL}|总计`]);
    expect(r.status).toBe('unreadable');
    expect([count(r, 'E1'), count(r, 'I1'), count(r, 'I2')]).toEqual([1, 1, 1]);
    expect((await findings(`&report=${zhifu}&severity=error`)).map((f) => [f.source, f.rule])).toEqual([['import', 'READ']]);
    const again = await t.api('POST', `/api/supervision/corrections/${c.id}/withdrawal`, { as: 'supervisor', body: { version: r.version } });
    expect(again.statusCode).toBe(409);
  });

  it('a correction in the later of two consecutive reports re-checks the pair: X1 总计 now holds, X1 自然人 keeps its decision', async () => {
    const cross = (await findings('&scope=cross_year')).filter((f) => f.rule === 'X1');
    expect(cross.map((f) => f.cells[0])).toEqual([`table3|${IN}|自然人`, `table3|${IN}|总计`]);
    const natural = cross[0]!;
    expect((await t.api('POST', `/api/supervision/findings/${natural.id}/triage`, { as: 'supervisor', body: { decision: 'dismissed', reason: '2022 年为示例副本', version: natural.version } })).statusCode).toBe(200);
    const res = await correct(pt22, { cell: `table3|${IN}|总计`, value: 1, reason: '上年结转 1 件', version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const after = (await findings('&scope=cross_year')).filter((f) => f.rule === 'X1');
    expect(after.map((f) => [f.id, f.decision, f.reason])).toEqual([[natural.id, 'dismissed', '2022 年为示例副本']]);
    const runNow = (await t.api('GET', `/api/supervision/runs/${run.id}`, { as: 'supervisor' })).json() as Run;
    expect(runNow.crossYear[0]!.findings.map((f) => f.rule)).toEqual(['X1', 'X3']);
    // as the numbers say: 二、上年结转 总计 1 ≠ the six applicants' 0 (I1), and 一+二 (70+1) ≠ （七）总计+四 (69+1) (E1)
    expect((await findings(`&report=${pt22}`)).map((f) => f.rule).sort()).toEqual(['E1', 'I1']);
  });

  it('refused: bad input (400 in Chinese), another role (403), another district’s supervisor (404)', async () => {
    const r = await report(zhifu);
    for (const [body, text] of [
      [{ cell: 'table3|不存在的行|总计', value: 1, reason: '原件', version: r.version }, '报告中没有这个单元格'],
      [{ cell: `table3|${TOTAL}|总计`, value: '-1', reason: '原件', version: r.version }, '非负整数'],
      [{ cell: `table3|${TOTAL}|总计`, value: '1.5', reason: '原件', version: r.version }, '非负整数'],
      [{ cell: `table3|${TOTAL}|总计`, value: 1, reason: '  ', version: r.version }, '请写明更正理由'],
    ] as const) {
      const res = await correct(zhifu, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain(text);
    }
    expect((await correct(zhifu, { cell: `table3|${TOTAL}|总计`, value: 1, reason: '原件', version: r.version }, 'officer')).statusCode).toBe(403);
    expect((await correct(zhifu, { cell: `table3|${TOTAL}|总计`, value: 1, reason: '原件', version: r.version }, 'sv-foreign')).statusCode).toBe(404);
    expect((await report(zhifu)).version).toBe(r.version);
  });

  it('page: the corrections beside the reading, and the form’s error summary in plain Chinese', async () => {
    const page = await t.api('GET', `/admin/supervision/reports/${zhifu}`, { as: 'supervisor' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('更正单元格');
    expect(page.body).toMatch(/data-correction-state="withdrawn"><td>表三 （七）总计 · 总计<\/td><td data-original="true">（空）<\/td><td data-value="true">2<\/td>/);
    const r = await report(zhifu);
    const bad = await t.form(`/admin/supervision/reports/${zhifu}/corrections`, { cell: 'table9|x', value: 'abc', reason: '', version: String(r.version) }, { as: 'supervisor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('报告中没有这个单元格');
    expect(bad.body).toContain('请写明更正理由');
    const bad2 = await t.form(`/admin/supervision/reports/${zhifu}/corrections`, { cell: `table3|${TOTAL}|总计`, value: '-3', reason: '原件', version: String(r.version) }, { as: 'supervisor' });
    expect(bad2.statusCode).toBe(400);
    expect(bad2.body).toContain('更正后的数值应为非负整数');
    const ok = await t.form(`/admin/supervision/reports/${zhifu}/corrections`, { cell: `table3|${TOTAL}|总计`, value: '1', reason: '对照原件', version: String(r.version) }, { as: 'supervisor' });
    expect(ok.statusCode).toBe(303);
    expect((await report(zhifu)).status).toBe('clean');
    const events = await t.db.selectFrom('audit_events').select(['action']).where('action', 'like', 'supervision.cell.%').execute();
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['supervision.cell.correct', 'supervision.cell.withdraw']));
  });
});
