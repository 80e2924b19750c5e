// The annual-report workflow, the decisions register and the catalogue import / portal pages as API operations (the
// twins of the back-office forms), on SQLite and PostgreSQL: happy path, role and scope, written reasons, stale versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const at = (d: string) => new Date(`${d}T02:00:00Z`);

describe.each(engines())('annual report and register API (%s)', (engine) => {
  let t: TestApp;
  const u: Record<string, string> = {};
  let dept = 0;
  const as = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => t.api(method, url, { as: u[who]!, password: TEST_PASSWORD, ...(body !== undefined ? { body } : {}) });
  const problem = (r: { json(): unknown }) => r.json() as { code: string; errors: { field: string; message: string }[]; detail?: string };

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => at('2026-01-15'), seed: false });
    const gov = await buildAgency(t.db, { kind: 'government', name: '某区人民政府' });
    const d = await buildAgency(t.db, { parent_id: gov.id, name: '某区民政局' });
    const other = await buildAgency(t.db, { name: '另一个机关' });
    dept = d.id;
    for (const [k, role, a] of [['officer', 'officer', d.id], ['reviewer', 'reviewer', d.id], ['leader', 'leader', d.id], ['leader2', 'leader', d.id], ['supervisor', 'supervisor', gov.id], ['otherSupervisor', 'supervisor', other.id], ['otherOfficer', 'officer', other.id]] as const) {
      u[k] = (await buildUser(t.db, { role, agency_id: a })).username;
    }
  });
  afterAll(async () => t?.close());

  it('compile → override (reason required) → narrative → submit → return (comment required) → resubmit → accept → publish', async () => {
    const base = `/api/annual-reports/${dept}/2025`;
    expect((await as('officer', 'GET', base)).statusCode).toBe(404);
    const c = await as('officer', 'POST', `${base}/compile`, { format: '2021' });
    expect(c.statusCode, c.body).toBe(200);
    let v = c.json() as { version: number; state: string; errors: number; actions: string[]; format: string };
    expect(v).toMatchObject({ state: 'draft', format: '2021', errors: 0 });
    expect(v.actions).toEqual(['save']);
    expect(((await as('leader', 'GET', base)).json() as typeof v).actions).toEqual(['save', 'approve']);
    // scope: another agency's officer sees nothing; the reviewer may not compile
    expect((await as('otherOfficer', 'GET', base)).statusCode).toBe(404);
    expect((await as('otherOfficer', 'POST', `${base}/compile`, {})).statusCode).toBe(404);
    expect((await as('reviewer', 'POST', `${base}/compile`, {})).statusCode).toBe(403);
    const ref = 'table2|第二十条第（五）项|行政许可|本年处理决定数量';
    const noReason = await as('officer', 'POST', `${base}/overrides`, { version: v.version, ref, value: 7, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(problem(noReason).errors[0]!.message).toContain('理由');
    const ov = await as('officer', 'POST', `${base}/overrides`, { version: v.version, ref, value: 7, reason: '纸质登记簿7件未录入系统' });
    expect(ov.statusCode, ov.body).toBe(200);
    v = ov.json() as typeof v;
    expect((ov.json() as { overrides: Record<string, { value: number }> }).overrides[ref]).toMatchObject({ value: 7 });
    // a stale version is a 409 on both engines
    expect((await as('officer', 'PUT', `${base}/narrative`, { version: v.version - 1, sections: {} })).statusCode).toBe(409);
    // submit before the 负责人's approval: 409 saying what to do; approve by the officer: 403
    const early = await as('officer', 'POST', `${base}/submit`, { version: v.version });
    expect(early.statusCode).toBe(409);
    expect(problem(early).detail).toContain('须先经本机关负责人审定');
    expect((await as('officer', 'POST', `${base}/approve`, { version: v.version })).statusCode).toBe(403);
    let ap = await as('leader', 'POST', `${base}/approve`, { version: v.version });
    expect(ap.statusCode, ap.body).toBe(200);
    v = ap.json() as typeof v;
    expect(v).toMatchObject({ state: 'approved', stateLabel: '负责人已审定待报送' });
    // editing after approval returns it to draft; the leader who edited may not approve it (职责分离), another leader does
    const edited = await as('leader', 'PUT', `${base}/narrative`, { version: v.version, sections: { summary: '本机关2025年度政府信息公开工作总体情况（负责人修改）' } });
    expect(edited.statusCode, edited.body).toBe(200);
    v = edited.json() as typeof v;
    expect(v.state).toBe('draft');
    const self = await as('leader', 'POST', `${base}/approve`, { version: v.version });
    expect(self.statusCode).toBe(403);
    expect(problem(self).detail).toContain('职责分离');
    ap = await as('leader2', 'POST', `${base}/approve`, { version: v.version });
    expect(ap.statusCode, ap.body).toBe(200);
    v = ap.json() as typeof v;
    expect((await as('officer', 'POST', `${base}/approve`, { version: v.version })).statusCode).toBe(403);
    const sub = await as('officer', 'POST', `${base}/submit`, { version: v.version });
    expect(sub.statusCode, sub.body).toBe(200);
    v = sub.json() as typeof v;
    expect(v.state).toBe('submitted');
    expect((await as('otherSupervisor', 'POST', `${base}/return`, { version: v.version, comment: '请补充说明' })).statusCode).toBe(404);
    const noComment = await as('supervisor', 'POST', `${base}/return`, { version: v.version, comment: '' });
    expect(noComment.statusCode).toBe(400);
    const ret = await as('supervisor', 'POST', `${base}/return`, { version: v.version, comment: '请在正文中说明复议情况' });
    expect(ret.statusCode, ret.body).toBe(200);
    v = ret.json() as typeof v;
    expect(v.state).toBe('returned');
    v = (await as('leader2', 'POST', `${base}/approve`, { version: v.version })).json() as typeof v;
    expect(v.state).toBe('approved');
    v = (await as('officer', 'POST', `${base}/submit`, { version: v.version })).json() as typeof v;
    const acc = await as('supervisor', 'POST', `${base}/accept`, { version: v.version });
    expect(acc.statusCode, acc.body).toBe(200);
    v = acc.json() as typeof v;
    const pub = await as('officer', 'POST', `${base}/publish`, { version: v.version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', locked: true });
    const audit = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'annual_report').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['annual_report.publish']));
  });

  it('decisions register: add, list (paged), set item counts, delete with version; bad input in Chinese', async () => {
    const base = `/api/agencies/${dept}/decisions`;
    const add = await as('officer', 'POST', base, { year: 2026, category: 'license', count: 3, itemName: '社会团体登记' });
    expect(add.statusCode, add.body).toBe(201);
    const e = add.json() as { id: number; version: number };
    const list = await as('officer', 'GET', `${base}?year=2026&pageSize=1`);
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 1, entries: [{ id: e.id, count: 3 }] });
    expect((await as('otherOfficer', 'GET', `${base}?year=2026`)).statusCode).toBe(404);
    const bad = await as('officer', 'POST', base, { year: 2026, category: 'nope', count: -1 });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors.map((x) => x.message).join('')).toMatch(/类别|负数/);
    expect((await as('officer', 'PUT', `${base}/items`, { year: 2026, category: 'license', previous: 10, change: 2 })).statusCode).toBe(200);
    expect((await as('officer', 'DELETE', `${base}/${e.id}?version=${e.version + 5}`)).statusCode).toBe(409);
    expect((await as('officer', 'DELETE', `${base}/${e.id}?version=${e.version}`)).statusCode).toBe(204);
    const dry = await as('officer', 'POST', `${base}/import`, { csv: '日期,事项名称,决定类型\n2026-01-05,社会团体登记,行政许可\n', dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, inserted: 0 });
  });

  it('catalogue import (dry run) and the 公开指南 page through the API', async () => {
    const csv = '\uFEFF标题,信息类型,第二十条类别,公开属性,发布日期\n关于2026年春节值班安排的通知,通知公告,15,主动公开,2026-01-10\n';
    const r = await as('officer', 'POST', '/api/catalogue/import', { filename: 'items.csv', contentBase64: Buffer.from(csv).toString('base64'), dryRun: true });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ dryRun: true, imported: 0 });
    expect((r.json() as { reports: unknown[] }).reports).toHaveLength(1);
    const junk = await as('officer', 'POST', '/api/catalogue/import', { filename: 'items.xlsx', contentBase64: Buffer.from('not a workbook').toString('base64') });
    expect(junk.statusCode).toBe(400);
    const p = await as('officer', 'PUT', '/api/catalogue/pages/guide', { title: '某区民政局政府信息公开指南', body: '<p>一、公开方式</p><script>alert(1)</script>' });
    expect(p.statusCode, p.body).toBe(200);
    const row = await t.db.selectFrom('portal_pages').select(['title', 'body_html']).where('agency_id', '=', dept).where('slug', '=', 'guide').executeTakeFirstOrThrow();
    expect(row.title).toBe('某区民政局政府信息公开指南');
    expect(row.body_html).not.toContain('<script');
    expect((await as('reviewer', 'PUT', '/api/catalogue/pages/guide', { title: 'x', body: '' })).statusCode).toBe(403);
  });
});
