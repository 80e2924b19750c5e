// 督查体检 and 整改: the supervisor uploads many reports (files or a zip), the run is kept with its results (paged);
// each finding is confirmed, dismissed with a reason or left pending, and the decision survives a re-run; a finding sent
// to the agency for rectification appears in that agency's work queue, the agency answers with the corrected report
// (audited again) and the answer comes back to the supervisor's queue. The reports the agencies below submitted in the
// platform are audited too. Scope: the supervisor sees only the agencies below it; an agency never sees another's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeArchive } from '../../src/features/shared/archive.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const file = (p: string) => readFileSync(new URL(p, dir));
const ZHIFU = file('zhifu-approval-2019/source.txt').toString('utf8');
const TOTAL_LINE = '\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t';
/** 芝罘区行政审批服务局 2019 with its (七)总计 row changed: the sums no longer hold */
const BROKEN = Buffer.from(ZHIFU.replace(TOTAL_LINE, '\t(七) 总计\t0\t3\t0\t0\t0\t0\t3\t'));

function multipart(files: { name: string; data: Buffer; type?: string }[], fields: Record<string, string> = {}) {
  const boundary = '----gksupervision';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="${f.name}"\r\ncontent-type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Run { id: number; summary: { reports: number; clean: number; withErrors: number; unreadable: number }; decisions: Record<string, number> }
interface Finding { id: number; reportId: number | null; rule: string; severity: string; source: string; decision: string; reason: string | null; carriedFrom: number | null; version: number; agencyId: number | null }

describe.each(engines())('supervision: audit runs, triage and rectification (%s)', (engine) => {
  let t: TestApp;
  let dept: { id: number };
  let runId = 0;

  async function upload(as: string, files: { name: string; data: Buffer; type?: string }[], fields: Record<string, string> = {}, url = '/api/supervision/runs') {
    const s = await t.login(as, as.startsWith('sv-') ? TEST_PASSWORD : undefined);
    const m = multipart(files, fields);
    return t.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
  }
  const findings = async (id: number, q = '') => (await t.api('GET', `/api/supervision/runs/${id}/findings?pageSize=200${q}`, { as: 'supervisor' })).json() as { items: Finding[]; total: number };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const agencies = await t.services.agencies.list();
    dept = agencies.find((a) => a.name === '烟台市芝罘区行政审批服务局')!;
    const otherGov = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    await buildUser(t.db, { username: 'sv-foreign-supervisor', agency_id: otherGov.id, role: 'supervisor' });
  });
  afterAll(async () => t?.close());

  it('a run over uploaded files and a zip: kept with its results, reading apart from rules, never stopped by a bad file', async () => {
    const zip = writeArchive([
      { name: '平潭/2019.html', data: file('pingtan-2019/source.html') },
      { name: '平潭/2021.html', data: file('pingtan-2021/source.html') },
      { name: '__MACOSX/._2019.html', data: Buffer.from('junk') },
    ]);
    const res = await upload('supervisor', [
      { name: 'zhifu-2019.txt', data: BROKEN, type: 'text/plain' },
      { name: 'reports.zip', data: zip, type: 'application/zip' },
      { name: 'broken.pdf', data: Buffer.from('%PDF-1.4 not really'), type: 'application/pdf' },
    ], { title: '2019年度督查' });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as Run;
    runId = run.id;
    expect(run.summary).toEqual({ reports: 4, clean: 2, withErrors: 1, unreadable: 1 });
    const reports = (await t.api('GET', `/api/supervision/runs/${run.id}/reports?pageSize=2`, { as: 'supervisor' })).json() as { items: { file: string; agencyId: number | null; status: string }[]; total: number };
    expect(reports.total).toBe(4);
    expect(reports.items).toHaveLength(2);
    expect(reports.items[0]).toMatchObject({ file: 'zhifu-2019.txt', agencyId: dept.id, status: 'findings' });
    const all = await findings(run.id);
    expect(all.items.some((f) => f.source === 'rules' && f.severity === 'error' && f.agencyId === dept.id)).toBe(true);
    expect(all.items.some((f) => f.source === 'import' && f.rule === 'READ')).toBe(true);
    expect(all.items.every((f) => f.decision === 'pending')).toBe(true);
    const page2 = (await t.api('GET', `/api/supervision/runs/${run.id}/findings?pageSize=1&page=2`, { as: 'supervisor' })).json() as { items: Finding[]; total: number };
    expect(page2.items).toHaveLength(1);
    expect(page2.total).toBe(all.total);
    const list = (await t.api('GET', '/api/supervision/runs', { as: 'supervisor' })).json() as { items: Run[]; total: number };
    expect(list.items[0]!.id).toBe(run.id);
    const xlsx = await t.api('GET', `/api/supervision/runs/${run.id}/export.xlsx`, { as: 'supervisor' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a folder upload keeps each file\'s path (cleaned), skips what is not a report; the run per agency and one agency\'s reports', async () => {
    const res = await upload('supervisor', [
      { name: '年度报告/甲/zhifu-2019.txt', data: BROKEN, type: 'text/plain' },
      { name: '年度报告/乙/zhifu-2019.txt', data: Buffer.from(ZHIFU), type: 'text/plain' },
      { name: '年度报告/.DS_Store', data: Buffer.from('Bud1') },
      { name: '年度报告/乙/报送情况.xlsx', data: Buffer.from('not a report') },
      { name: '../../etc/zhifu.txt', data: Buffer.from(ZHIFU), type: 'text/plain' },
    ], { title: '文件夹' });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as Run;
    expect(run.summary).toEqual({ reports: 3, clean: 2, withErrors: 1, unreadable: 0 });
    const reports = (await t.api('GET', `/api/supervision/runs/${run.id}/reports`, { as: 'supervisor' })).json() as { items: { file: string; errors: number; warnings: number }[] };
    expect(reports.items.map((r) => r.file)).toEqual(['年度报告/甲/zhifu-2019.txt', '年度报告/乙/zhifu-2019.txt', 'etc/zhifu.txt']);
    const agencies = (await t.api('GET', `/api/supervision/runs/${run.id}/agencies`, { as: 'supervisor' })).json() as { items: Record<string, unknown>[]; total: number };
    expect(agencies.total).toBe(1);
    expect(agencies.items[0]).toEqual({
      agency: '烟台市芝罘区行政审批服务局', agencyId: dept.id, years: [2019], reports: 3, clean: 2, withErrors: 1, unreadable: 0,
      errors: reports.items.reduce((n, r) => n + r.errors, 0), warnings: reports.items.reduce((n, r) => n + r.warnings, 0), crossYearFindings: 0,
    });
    const of = async (agency: string) => ((await t.api('GET', `/api/supervision/runs/${run.id}/reports?agency=${encodeURIComponent(agency)}`, { as: 'supervisor' })).json() as { total: number }).total;
    expect(await of('烟台市芝罘区行政审批服务局')).toBe(3);
    expect(await of('（未识别）')).toBe(0);
    expect(await of('淮安市人民政府')).toBe(0);
    expect((await t.api('GET', `/api/supervision/runs/${run.id}/agencies`, { as: 'sv-foreign-supervisor', password: TEST_PASSWORD })).statusCode).toBe(404);
    // the page: the table per agency links to the agency's reports
    const s = await t.login('supervisor');
    const page = await t.app.inject({ method: 'GET', url: `/admin/supervision/runs/${run.id}?agency=${encodeURIComponent('烟台市芝罘区行政审批服务局')}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="by-agency"');
    expect(page.body).toContain('报告：烟台市芝罘区行政审批服务局');
    expect(page.body).toContain('年度报告/乙/zhifu-2019.txt');
  });

  it('a refused triage or rectification form shows the report page again, the form open with its message (400, not an error page)', async () => {
    const f = (await findings(runId, '&decision=pending')).items.find((x) => x.reportId && x.source === 'rules')!;
    const back = `/admin/supervision/reports/${f.reportId}`;
    const dismissed = await t.form(`/admin/supervision/findings/${f.id}/triage`, { decision: 'dismissed', reason: ' ', version: String(f.version), back }, { as: 'supervisor' });
    expect(dismissed.statusCode).toBe(400);
    expect(dismissed.body).toContain('gk-error-summary');
    expect(dismissed.body).toContain(`href="#field-finding-${f.id}-reason"`);
    expect(dismissed.body).toContain('排除一条体检结果须写明理由');
    expect(dismissed.body).toMatch(new RegExp(`id="finding-${f.id}"[^]*?<details open=""`));
    const empty = await t.form(`/admin/supervision/findings/${f.id}/rectification`, { comment: '', version: String(f.version), back }, { as: 'supervisor' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`href="#field-finding-${f.id}-rect-comment"`);
    expect((await findings(runId)).items.find((x) => x.id === f.id)!.decision).toBe('pending');
  });

  it('triage: confirm, dismiss only with a reason, 409 on a stale version; decisions carried to the next run', async () => {
    const all = (await findings(runId)).items;
    const err = all.find((f) => f.source === 'rules' && f.severity === 'error')!;
    const read = all.find((f) => f.source === 'import')!;
    const noReason = await t.api('POST', `/api/supervision/findings/${read.id}/triage`, { as: 'supervisor', body: { decision: 'dismissed', version: read.version } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('理由');
    const ok = await t.api('POST', `/api/supervision/findings/${read.id}/triage`, { as: 'supervisor', body: { decision: 'dismissed', reason: '文件本身损坏，已另行索取', version: read.version } });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await t.api('POST', `/api/supervision/findings/${read.id}/triage`, { as: 'supervisor', body: { decision: 'confirmed', version: read.version } });
    expect(stale.statusCode).toBe(409);
    expect((await t.api('POST', `/api/supervision/findings/${err.id}/triage`, { as: 'supervisor', body: { decision: 'confirmed', version: err.version } })).statusCode).toBe(200);
    // the officer (not a supervisor) and the supervisor of another district cannot see the run
    expect((await t.api('POST', `/api/supervision/findings/${err.id}/triage`, { as: 'officer', body: { decision: 'pending', version: 2 } })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/supervision/runs/${runId}`, { as: 'sv-foreign-supervisor', password: TEST_PASSWORD })).statusCode).toBe(404);
    expect(((await t.api('GET', '/api/supervision/runs', { as: 'sv-foreign-supervisor', password: TEST_PASSWORD })).json() as { total: number }).total).toBe(0);

    const again = await upload('supervisor', [{ name: 'zhifu-2019.txt', data: BROKEN, type: 'text/plain' }, { name: 'broken.pdf', data: Buffer.from('%PDF-1.4 not really'), type: 'application/pdf' }]);
    expect(again.statusCode).toBe(201);
    const next = (await findings((again.json() as Run).id)).items;
    const carried = next.find((f) => f.rule === err.rule && f.source === 'rules' && f.severity === 'error')!;
    expect(carried).toMatchObject({ decision: 'confirmed', carriedFrom: err.id });
    expect(next.find((f) => f.source === 'import')).toMatchObject({ decision: 'dismissed', reason: '文件本身损坏，已另行索取' });
  });

  it('the run’s 通报 (PDF) lists only the findings the supervisor confirmed', async () => {
    const { pdfTextPages } = await import('../../src/features/shared/pdf-read.ts');
    const res = await t.api('GET', `/api/supervision/runs/${runId}/notice.pdf`, { as: 'supervisor' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = (await pdfTextPages(new Uint8Array(res.rawPayload))).map((p) => p.map((i) => i.str).join('')).join('\n');
    expect(text).toContain('烟台市芝罘区人民政府'); // the issuer: the supervisor's agency
    expect(text).toContain('以下仅列经核实确认');
    const all = (await findings(runId)).items;
    const confirmed = all.filter((f) => f.decision === 'confirmed' && f.source === 'rules');
    const pending = all.filter((f) => f.decision === 'pending' && f.source === 'rules');
    expect(confirmed.length).toBe(1);
    expect((text.match(/2019年度报告：/g) ?? []).length).toBe(confirmed.length);
    expect(pending.length).toBeGreaterThan(0);
  });

  it('rectification: the agency sees it in its queue, answers with the corrected report, the answer returns to the supervisor', async () => {
    const all = (await findings(runId)).items;
    const err = all.find((f) => f.source === 'rules' && f.severity === 'error' && f.agencyId === dept.id)!;
    const other = all.find((f) => f.agencyId === null)!;
    const notBelow = await t.api('POST', `/api/supervision/findings/${other.id}/rectification`, { as: 'supervisor', body: { comment: '请整改', version: other.version } });
    expect(notBelow.statusCode).toBe(400);
    const req = await t.api('POST', `/api/supervision/findings/${err.id}/rectification`, { as: 'supervisor', body: { comment: '（七）总计与各项之和不符，请核对后更正报告', version: err.version } });
    expect(req.statusCode, req.body).toBe(201);
    const rect = req.json() as { id: number; version: number; state: string };
    expect(rect.state).toBe('open');

    const work = (await t.api('GET', '/api/my-work?kind=rectify_audit_finding', { as: 'officer' })).json() as { items: { url: string }[] };
    expect(work.items.map((i) => i.url)).toContain(`/admin/supervision/rectifications/${rect.id}`);
    // another agency's officer never sees it
    const stranger = await buildUser(t.db, { username: 'sv-street-officer', agency_id: (await t.services.agencies.list()).find((a) => a.kind === 'street')!.id, role: 'officer' });
    expect((await t.api('GET', `/api/supervision/rectifications/${rect.id}`, { as: stranger.username, password: TEST_PASSWORD })).statusCode).toBe(404);
    expect(((await t.api('GET', '/api/supervision/rectifications', { as: stranger.username, password: TEST_PASSWORD })).json() as { total: number }).total).toBe(0);
    // the supervisor may not answer for the agency
    expect((await t.api('POST', `/api/supervision/rectifications/${rect.id}/response`, { as: 'supervisor', body: { response: '已改', version: rect.version } })).statusCode).toBe(403);

    const s = await t.login('officer');
    const m = multipart([{ name: 'zhifu-2019-corrected.txt', data: Buffer.from(ZHIFU), type: 'text/plain' }], { response: '已核对台账，更正（七）总计', version: String(rect.version) });
    const answered = await t.app.inject({ method: 'POST', url: `/api/supervision/rectifications/${rect.id}/response`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': m.contentType }, payload: m.payload });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'answered' });
    expect(((await t.api('GET', '/api/my-work?kind=rectify_audit_finding', { as: 'officer' })).json() as { total: number }).total).toBe(0);
    const back = (await t.api('GET', '/api/my-work?kind=review_audit_rectification', { as: 'supervisor' })).json() as { items: { url: string }[] };
    expect(back.items.map((i) => i.url)).toContain(`/admin/supervision/rectifications/${rect.id}`);
    const detail = (await t.api('GET', `/api/supervision/rectifications/${rect.id}`, { as: 'supervisor' })).json() as { version: number; responseReport: { status: string; replacesReportId: number }; actions: string[] };
    expect(detail.responseReport).toMatchObject({ status: 'clean', replacesReportId: err.reportId });
    expect(detail.actions).toEqual(['resolve', 'reopen']);
    const reopenNoComment = await t.api('POST', `/api/supervision/rectifications/${rect.id}/review`, { as: 'supervisor', body: { outcome: 'reopen', version: detail.version } });
    expect(reopenNoComment.statusCode).toBe(400);
    const resolved = await t.api('POST', `/api/supervision/rectifications/${rect.id}/review`, { as: 'supervisor', body: { outcome: 'resolve', comment: '整改到位', version: detail.version } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved' });
    expect(((await t.api('GET', '/api/my-work?kind=review_audit_rectification', { as: 'supervisor' })).json() as { total: number }).total).toBe(0);
  });

  it('a run over the reports the agencies below submitted in the platform', async () => {
    const none = await t.api('POST', '/api/supervision/runs', { as: 'supervisor', body: { source: 'platform', year: 2031 } });
    expect(none.statusCode).toBe(400);
    await t.form(`/admin/annual/${dept.id}/compile`, { year: '2025' }, { as: 'officer' });
    await t.db.updateTable('annual_reports').set({ state: 'submitted' }).where('agency_id', '=', dept.id).where('year', '=', 2025).execute();
    const res = await t.api('POST', '/api/supervision/runs', { as: 'supervisor', body: { source: 'platform', year: 2025 } });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as Run & { source: string };
    expect(run.source).toBe('platform');
    expect(run.summary.reports).toBe(1);
    const reports = (await t.api('GET', `/api/supervision/runs/${run.id}/reports`, { as: 'supervisor' })).json() as { items: { agencyId: number }[] };
    expect(reports.items[0]!.agencyId).toBe(dept.id);
    expect((await t.api('POST', '/api/supervision/runs', { as: 'officer', body: { source: 'platform', year: 2025 } })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/supervision/runs', { as: 'admin', body: { source: 'platform', year: 2025 } })).statusCode).toBe(403);
  });

  it('the pages: runs with the forms, a run, a report with triage forms, a rectification; a refused form shows its error summary', async () => {
    const s = await t.login('supervisor');
    const get = (url: string, cookie = s.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const list = await get('/admin/supervision');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('2019年度督查');
    const run = await get(`/admin/supervision/runs/${runId}`);
    expect(run.body).toContain('zhifu-2019.txt');
    const reportId = (await findings(runId)).items.find((f) => f.reportId && f.source === 'rules')!.reportId!;
    const report = await get(`/admin/supervision/reports/${reportId}`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('勾稽规则');
    const pending = (await findings(runId, '&decision=pending')).items[0]!;
    const posted = await t.form(`/admin/supervision/findings/${pending.id}/triage`, { decision: 'confirmed', reason: '', version: String(pending.version), back: `/admin/supervision/reports/${reportId}` }, { as: 'supervisor' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/admin/supervision/reports/${reportId}`);
    const refused = await upload('supervisor', [], { title: 'x' }, '/admin/supervision/runs');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('gk-error-summary');
    const rects = await get('/admin/supervision/rectifications');
    expect(rects.body).toContain('已办结');
    expect((await get('/admin/supervision/runs/999999')).statusCode).toBe(404);
  });
});
