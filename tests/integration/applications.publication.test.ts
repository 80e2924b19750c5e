// 依申请公开转主动公开 (条例 第四十四条) on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL): a disclosed reply
// becomes a catalogue DRAFT in one step (API and case page) with none of the applicant's data in any field; it goes
// through 保密审查 → 审核 → 发布 to the portal; the statistics and the list filter count it; the suggestion (two
// applicants asked the same) reaches the officer's work queue and leaves it once a draft exists or it is dismissed;
// roles and scope as on the case page (the system administrator never); 409 on a stale version; bad input is a
// problem+json (API) or the case page's error summary (form).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../builders/hostile-files.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

// the demo applicant (features/applications/applications.seed.ts PEOPLE.zhang): none of these may reach the catalogue
const ZHANG = { name: '张三', idNumber: '370602199001011239', phone: '13800000000', address: '山东省烟台市芝罘区南大街1号', email: 'zhangsan@example.com' };
const LI = { name: '李娜', idNumber: '370602198502031225', phone: '13900000002' };

type Detail = { id: number; version: number; publication: { eligible: boolean; reason: string | null; mayAct: boolean; suggestion: { applicants: number; matches: { id: number }[] } | null; drafts: { id: number; state: string }[]; relatedDrafts: unknown[]; dismissed: unknown; proposal: { title: string; wordingUsed: boolean; files: { id: number; filename: string; renamed: boolean }[] } | null } };
type Work = { items: { kind: string; kindLabel: string; ref: string; url: string }[] };

describe.each(engines())('依申请公开转主动公开, 条例第四十四条 (%s)', (engine) => {
  let t: TestApp;
  const now = new Date('2025-06-02T09:00:00+08:00');
  const pdf = buildPdf({ text: 'Permits 2024', pages: 1 });
  const ids: Record<string, number> = {};
  const codes: Record<string, string> = {};
  let itemId = 0;

  const get = async (id: number, as = 'officer') => (await t.api('GET', `/api/applications/${id}`, { as })).json() as Detail;
  async function act(id: number, who: string, path: string, body: Record<string, unknown> = {}) {
    const r = await t.api('POST', `/api/applications/${id}/${path}`, { as: who, body: { version: (await get(id)).version, ...body } });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r;
  }
  async function register(key: string, who: { name: string; idNumber: string; phone: string; address?: string; email?: string }, content: string) {
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: { applicant: { type: 'natural_person', idType: '居民身份证', address: null, email: null, ...who }, content, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-02' },
    });
    expect(r.statusCode, r.body).toBe(201);
    ({ id: ids[key], queryCode: codes[key] } = r.json() as { id: number; queryCode: string });
  }
  const publish = (id: number, as: string, body: Record<string, unknown>) => t.api('POST', `/api/applications/${id}/catalogue-draft`, { as, body });
  const queue = async (as: string) => ((await t.api('GET', '/api/my-work?kind=publish_disclosure', { as })).json() as Work).items;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    // A: 张三, whose wording names himself and his phone; the reply discloses a statistics PDF and a file named after him
    await register('A', ZHANG, `本人${ZHANG.name}（电话${ZHANG.phone}）申请公开本局2024年行政许可办件数量统计`);
    // B: another applicant asking for the same information; C: the same again (dismissed later); D: another topic
    await register('B', LI, '请公开本局2024年行政许可办件数量统计');
    await register('C', { name: '王强', idNumber: '370602197812150014', phone: '13700000003' }, '请公开本局2024年部门预算执行情况');
    await register('D', { name: '赵敏', idNumber: '370602198001010012', phone: '13700000004' }, '申请公开本局2024年部门预算执行情况');
    const files = [{ filename: '2024年行政许可办件统计表.pdf', contentBase64: pdf.toString('base64') }, { filename: `${ZHANG.name}的申请材料.pdf`, contentBase64: pdf.toString('base64') }];
    await act(ids.A!, 'officer', 'reply', { outcome: 'disclose', attachments: files });
    await act(ids.B!, 'officer', 'reply', { outcome: 'disclose' });
    await act(ids.C!, 'officer', 'reply', { outcome: 'partial', reasons: '预算执行情况予以公开；涉及第三方商业秘密的部分不予公开（条例第十五条、第三十七条）。' });
    await act(ids.D!, 'officer', 'reply', { outcome: 'disclose' });
  }, 120_000);
  afterAll(() => t?.close());

  it('before the reviewer approves, nothing can be published (409) and nothing is suggested', async () => {
    const d = await get(ids.A!);
    expect(d.publication).toMatchObject({ eligible: false, suggestion: null, proposal: null });
    const r = await publish(ids.A!, 'officer', { version: d.version });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body).toContain('尚未作出经审核的答复');
    expect(await queue('officer')).toEqual([]);
    for (const k of ['A', 'B', 'C', 'D']) await act(ids[k]!, 'reviewer', 'reply-approval', { note: '同意' });
  }, 60_000);

  it('the case page data: eligible, suggested (two applicants), a proposal without the applicant’s wording, the file named after him renamed', async () => {
    const d = await get(ids.A!);
    expect(d.publication.eligible).toBe(true);
    expect(d.publication.suggestion).toMatchObject({ applicants: 2, matches: [{ id: ids.B }] });
    expect(d.publication.proposal).toMatchObject({ title: '2024年行政许可办件统计表', wordingUsed: false });
    expect(d.publication.proposal!.files.map((f) => [f.filename, f.renamed])).toEqual([['2024年行政许可办件统计表.pdf', false], ['附件2.pdf', true]]);
    // only the handling roles get the proposal; the reviewer sees the state
    expect((await get(ids.A!, 'reviewer')).publication).toMatchObject({ eligible: true, mayAct: false, proposal: null });
  });

  it('the suggestion reaches the assignee’s work queue (every officer and leader when nobody is assigned), not the reviewer, the supervisor, the admin or another agency', async () => {
    const officer = await queue('officer');
    expect(officer.map((i) => i.ref).sort()).toEqual([codes.A, codes.B, codes.C, codes.D].sort());
    expect(officer[0]).toMatchObject({ kind: 'publish_disclosure', kindLabel: '建议转为主动公开' });
    expect(officer.find((i) => i.ref === codes.A)!.url).toBe(`/admin/applications/${ids.A}#case-publication`);
    // the officer who handled the cases finds them; with nobody assigned, the leader does too
    expect(await queue('leader')).toEqual([]);
    await t.db.updateTable('applications').set({ assigned_user_id: null }).where('id', '=', ids.D!).execute();
    expect((await queue('leader')).map((i) => i.ref)).toEqual([codes.D]);
    expect((await queue('officer')).length).toBe(4);
    for (const who of ['reviewer', 'supervisor', 'admin']) expect(await queue(who), who).toEqual([]);
    const other = await buildAgency(t.db, { name: '测试区其他局' });
    await buildUser(t.db, { username: 'pub-other-officer', role: 'officer', agency_id: other.id });
    const r = await t.api('GET', '/api/my-work?kind=publish_disclosure', { as: 'pub-other-officer', password: TEST_PASSWORD });
    expect((r.json() as Work).items).toEqual([]);
  });

  it.each([
    ['admin', 403],
    ['reviewer', 403],
    ['supervisor', 403],
  ])('%s may not publish (%s)', async (who, status) => {
    const r = await publish(ids.A!, who, { version: (await get(ids.A!)).version });
    expect(r.statusCode, r.body).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['a one-character title', { title: '甲' }, 'title'],
    ['an unknown category', { category: 99 }, 'category'],
    ['a file that was not disclosed with the reply', { fileIds: [999999] }, 'fileIds'],
    ['a version that is not a number', { version: 'x' }, 'version'],
  ])('bad input: %s → 400 problem+json on %s, no draft', async (_n, over, field) => {
    const r = await publish(ids.A!, 'officer', { version: (await get(ids.A!)).version, ...over });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify((r.json() as { errors?: { field: string }[] }).errors ?? [])).toContain(field);
    expect(await t.db.selectFrom('catalogue_items').select('id').where('origin_application_id', 'is not', null).execute()).toEqual([]);
  });

  it('a stale version answers 409 and leaves no draft', async () => {
    const r = await publish(ids.A!, 'officer', { version: (await get(ids.A!)).version - 1 });
    expect(r.statusCode, r.body).toBe(409);
    expect(await t.db.selectFrom('catalogue_items').select('id').where('origin_application_id', '=', ids.A!).execute()).toEqual([]);
  });

  it('the officer publishes: a catalogue draft linked to the case, the disclosed files attached, none of the applicant’s data in any field; audited', async () => {
    const before = await get(ids.A!);
    const r = await publish(ids.A!, 'officer', { version: before.version });
    expect(r.statusCode, r.body).toBe(201);
    const out = r.json() as { catalogueItemId: number; indexNo: string; state: string; url: string; version: number };
    expect(out).toMatchObject({ state: 'draft', url: `/admin/catalogue/${out.catalogueItemId}`, version: before.version + 1 });
    itemId = out.catalogueItemId;
    const item = await t.db.selectFrom('catalogue_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(item.origin_application_id).toBe(ids.A);
    const version = await t.db.selectFrom('catalogue_versions').selectAll().where('item_id', '=', itemId).executeTakeFirstOrThrow();
    expect(version).toMatchObject({ state: 'draft', title: '2024年行政许可办件统计表', disclosure: 'proactive', kind: 'statistics', category: 4 });
    const attachments = await t.db.selectFrom('catalogue_attachments').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
    expect(attachments.map((a) => a.filename)).toEqual(['2024年行政许可办件统计表.pdf', '附件2.pdf']);
    const events = await t.db.selectFrom('catalogue_events').selectAll().where('item_id', '=', itemId).execute();
    const everything = JSON.stringify({ item, version, attachments: attachments.map(({ content_base64: _c, ...a }) => a), events });
    for (const v of Object.values(ZHANG)) expect(everything, `the applicant's ${v}`).not.toContain(v);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'application.publishToCatalogue').execute();
    expect(audit.map((a) => Number(a.entity_id))).toEqual([ids.A]);
    // the catalogue item tells its origin; the case link only to the handling agency's staff
    const staff = (await t.api('GET', `/api/catalogue/items/${itemId}`, { as: 'officer' })).json() as { origin: unknown };
    expect(staff.origin).toEqual({ applicationId: ids.A, caseUrl: `/admin/applications/${ids.A}` });
    const sup = (await t.api('GET', `/api/catalogue/items/${itemId}`, { as: 'supervisor' })).json() as { origin: unknown };
    expect(sup.origin).toEqual({ applicationId: ids.A, caseUrl: null });
    const page = await t.api('GET', `/admin/catalogue/${itemId}`, { as: 'officer' });
    expect(page.body).toContain('依申请公开转为主动公开（条例第四十四条）');
    expect(page.body).toContain(`href="/admin/applications/${ids.A}"`);
    expect((await t.api('GET', `/admin/catalogue/${itemId}`, { as: 'supervisor' })).body).not.toContain(`href="/admin/applications/${ids.A}"`);
  }, 60_000);

  it('once a draft exists: no second draft (409), the suggestion and the queue item are gone — also for the other applicant’s case', async () => {
    const again = await publish(ids.A!, 'officer', { version: (await get(ids.A!)).version });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.body).toContain('已经转为主动公开');
    const a = await get(ids.A!);
    expect(a.publication).toMatchObject({ suggestion: null, proposal: null, drafts: [{ id: itemId, state: 'draft' }] });
    expect((await get(ids.B!)).publication).toMatchObject({ suggestion: null, relatedDrafts: [expect.objectContaining({ id: itemId, applicationId: ids.A })] });
    expect((await queue('officer')).map((i) => i.ref).sort()).toEqual([codes.C, codes.D].sort());
  });

  it('the draft goes through 保密审查 → 审核 → 发布 to the portal', async () => {
    const step = async (who: string, body: Record<string, unknown>) => {
      const v = ((await t.api('GET', `/api/catalogue/items/${itemId}`, { as: who })).json() as { version: number }).version;
      const r = await t.api('POST', `/api/catalogue/items/${itemId}/actions`, { as: who, body: { ...body, version: v } });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { state: string; public: boolean };
    };
    await step('officer', { action: 'submit' });
    await step('reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密和个人信息' });
    await step('leader', { action: 'approve' });
    expect(await step('officer', { action: 'publish' })).toMatchObject({ state: 'published', public: true });
    const portal = await t.app.inject({ method: 'GET', url: `/items/${itemId}` });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('2024年行政许可办件统计表');
    for (const v of Object.values(ZHANG)) expect(portal.body).not.toContain(v);
  }, 60_000);

  it('the statistics count it and the list filter “依申请转主动” finds it', async () => {
    const s = await t.services.catalogue.originStats({ userId: null, displayName: 'test', role: 'admin', agencyId: 0, visibleAgencyIds: [] }, (await t.db.selectFrom('catalogue_items').select('agency_id').where('id', '=', itemId).executeTakeFirstOrThrow()).agency_id, 2025);
    expect(s).toMatchObject({ drafted: 1, published: 1, items: [{ id: itemId, applicationId: ids.A, state: 'published' }] });
    const page = await t.api('GET', '/admin/catalogue/stats?year=2025', { as: 'officer' });
    expect(page.body).toMatch(/data-testid="origin-drafted">1 条/);
    expect(page.body).toMatch(/data-testid="origin-published">1 条/);
    const list = await t.api('GET', '/admin/catalogue?origin=application', { as: 'officer' });
    expect(list.body).toContain(`/admin/catalogue/${itemId}`);
    expect(list.body).toContain('目录条目（共 1 条）');
  });

  it('dismissing the suggestion is audited, ends it for that case only, and is refused twice; roles as for publishing', async () => {
    const v = (await get(ids.C!)).version;
    const admin = await t.api('POST', `/api/applications/${ids.C}/catalogue-draft/dismissal`, { as: 'admin', body: { version: v } });
    expect(admin.statusCode).toBe(403);
    const stale = await t.api('POST', `/api/applications/${ids.C}/catalogue-draft/dismissal`, { as: 'leader', body: { version: v - 1 } });
    expect(stale.statusCode).toBe(409);
    const r = await t.api('POST', `/api/applications/${ids.C}/catalogue-draft/dismissal`, { as: 'leader', body: { version: v, reason: '预算执行情况已在财政专栏公开' } });
    expect(r.statusCode, r.body).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'application.dismissPublication').execute();
    expect(audit.map((a) => Number(a.entity_id))).toEqual([ids.C]);
    expect((await get(ids.C!)).publication).toMatchObject({ suggestion: null, dismissed: expect.objectContaining({ reason: '预算执行情况已在财政专栏公开' }) });
    expect((await queue('officer')).map((i) => i.ref)).toEqual([codes.D]);
    const twice = await t.api('POST', `/api/applications/${ids.C}/catalogue-draft/dismissal`, { as: 'leader', body: { version: (await get(ids.C!)).version } });
    expect(twice.statusCode).toBe(409);
  });

  it('the case page form: a bad title comes back with the error summary; the proposal (edited) becomes a draft without files; the queue empties', async () => {
    const page = await t.api('GET', `/admin/applications/${ids.D}`, { as: 'officer' });
    expect(page.body).toContain('建议转为主动公开（条例第四十四条）');
    expect(page.body).toContain('生成主动公开草稿');
    const version = String((await get(ids.D!)).version);
    const bad = await t.form(`/admin/applications/${ids.D}/catalogue-draft`, { version, title: '甲', filesOffered: '1' }, { as: 'officer' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('请填写标题（至少 2 个字）');
    const ok = await t.form(`/admin/applications/${ids.D}/catalogue-draft`, { version, title: '2024年部门预算执行情况', kind: 'budget', category: '7', filesOffered: '1' }, { as: 'officer' });
    expect(ok.statusCode, ok.body).toBe(303);
    const id = Number(/\/admin\/catalogue\/(\d+)/.exec(String(ok.headers.location))![1]);
    const v = await t.db.selectFrom('catalogue_versions').selectAll().where('item_id', '=', id).executeTakeFirstOrThrow();
    expect(v).toMatchObject({ title: '2024年部门预算执行情况', kind: 'budget', category: 7, state: 'draft' });
    expect(await queue('officer')).toEqual([]);
    // the dismiss form of a case already published answers on the case page (409 with its message)
    const late = await t.form(`/admin/applications/${ids.D}/catalogue-draft/dismissal`, { version: String((await get(ids.D!)).version) }, { as: 'officer' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('gk-error-summary');
  }, 60_000);
});
