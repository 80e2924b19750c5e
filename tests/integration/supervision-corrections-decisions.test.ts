// A finding that a supervisor's correction removes and a later change brings back gets its triage decision again
// (decision 175): the decision, the reason, who and when are kept by the finding's fingerprint within the run. On a
// damaged copy of the 芝罘区 2019 fixture (（七）总计's first two cells run together: the row unread, one reading problem).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../builders/multipart.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const ZHIFU = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
const MERGED = ZHIFU.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t01\t0\t0\t0\t0\t1\t');
const TOTAL = '（七）总计';
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const PRINTED = [0, 1, 0, 0, 0, 0, 1];

interface Finding { id: number; rule: string; source: string; decision: string; reason: string | null; decidedBy: string | null; decidedAt: string | null; version: number }
interface Report { id: number; version: number; status: string; corrections: { id: number; cell: string; value: number; state: string }[] }

describe.each(engines())('supervision: a finding brought back by a correction or a withdrawal keeps its triage decision (%s)', (engine) => {
  let t: TestApp;
  let runId = 0, id = 0;

  const report = async () => (await t.api('GET', `/api/supervision/reports/${id}`, { as: 'supervisor' })).json() as Report;
  const findings = async () => ((await t.api('GET', `/api/supervision/runs/${runId}/findings?pageSize=200&report=${id}`, { as: 'supervisor' })).json() as { items: Finding[] }).items;
  const correct = async (cell: string, value: number) => {
    const res = await t.api('POST', `/api/supervision/reports/${id}/corrections`, { as: 'supervisor', body: { cell: `table3|${TOTAL}|${cell}`, value, reason: '对照原件', version: (await report()).version } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Report;
  };
  const triage = async (f: Finding, decision: string, reason: string) => {
    const res = await t.api('POST', `/api/supervision/findings/${f.id}/triage`, { as: 'supervisor', body: { decision, reason, version: f.version } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Finding;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const s = await t.login('supervisor');
    const m = multipart([{ name: 'files', filename: 'zhifu-merged.txt', data: Buffer.from(MERGED), type: 'text/plain' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/supervision/runs', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode, res.body).toBe(201);
    runId = (res.json() as { id: number }).id;
    id = ((await t.api('GET', `/api/supervision/runs/${runId}/reports`, { as: 'supervisor' })).json() as { items: { id: number }[] }).items[0]!.id;
  });
  afterAll(async () => t?.close());

  it('the reading problem dismissed, settled by correcting the row, and back after a withdrawal: dismissed with its reason', async () => {
    const read = (await findings()).find((f) => f.source === 'import')!;
    const dismissed = await triage(read, 'dismissed', '原件该行亦模糊，已电话核实');
    for (let i = 0; i < COLS.length; i++) await correct(COLS[i]!, PRINTED[i]!);
    const r = await report();
    expect(r.status).toBe('clean');
    expect((await findings()).filter((f) => f.source === 'import')).toEqual([]);
    const withdrawal = await t.api('POST', `/api/supervision/corrections/${r.corrections.find((c) => c.cell.endsWith('|自然人'))!.id}/withdrawal`, { as: 'supervisor', body: { version: r.version } });
    expect(withdrawal.statusCode, withdrawal.body).toBe(200);
    const back = (await findings()).filter((f) => f.source === 'import');
    expect(back.map((f) => [f.rule, f.decision, f.reason, f.decidedBy, f.decidedAt])).toEqual([['READ', 'dismissed', '原件该行亦模糊，已电话核实', dismissed.decidedBy, dismissed.decidedAt]]);
    expect(dismissed.decidedBy).toBeTruthy();
  });

  it('a rule finding confirmed, removed by a correction and brought back by the next: confirmed again; a new one stays pending', async () => {
    await correct('自然人', 0);
    expect((await report()).status).toBe('clean');
    await correct('总计', 2);
    const e1 = (await findings()).find((f) => f.rule === 'E1')!;
    expect(e1.decision).toBe('pending');
    const confirmed = await triage(e1, 'confirmed', '总计与各栏之和不符');
    await correct('总计', 1);
    expect((await findings()).filter((f) => f.rule === 'E1')).toEqual([]);
    await correct('总计', 2);
    const again = await findings();
    expect(again.filter((f) => f.rule === 'E1').map((f) => [f.decision, f.reason, f.decidedBy])).toEqual([['confirmed', '总计与各栏之和不符', confirmed.decidedBy]]);
    // I1 and I2 were never decided: pending as before
    expect(again.filter((f) => f.rule === 'I1' || f.rule === 'I2').map((f) => f.decision)).toEqual(['pending', 'pending']);
    // a decision is given back once: nothing kept for E1 while it holds; the reading problem (settled again by the
    // first correction here) is kept with its dismissal
    const kept = await t.db.selectFrom('audit_finding_removals').select(['fingerprint', 'decision']).where('run_id', '=', runId).execute();
    expect(kept.map((k) => [k.fingerprint.split('|')[3], k.decision]).filter(([rule]) => rule !== 'I1' && rule !== 'I2')).toEqual([['READ', 'dismissed']]);
  });
});
