// Separation of duties (decision 061) over HTTP, on SQLite and PostgreSQL:
//  - the system administrator administers users, agencies and settings; every content action on an agency's
//    catalogue, applications, appeals, register and annual report is refused with 403 and a Chinese reason, and the
//    pages do not offer the buttons (no /admin/applications/new link, no 新建目录条目);
//  - the author of a catalogue version never records its 保密审查 nor approves it (even after a role change), and the
//    page offers them no such button but says why; another person does it;
//  - whoever compiled or edited an annual report may not accept it; the drafter of a reply may not approve it;
//  - uploadCatalogueAttachment: 403 for a role that may not edit, 409 only for a version past draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { DEMO_DEPARTMENT_CODE } from '../../src/features/demo/demo.data.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const ADMIN_TITLE = '系统管理员不办理业务内容';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa8b7d9c20000000049454e44ae426082', 'hex');

function multipart(fields: Record<string, string>, file?: { name: string; filename: string; data: Buffer; type: string }) {
  const boundary = '----gkduties';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\ncontent-type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(engines())('separation of duties (%s)', (engine) => {
  let t: TestApp;
  let dept: number;
  let gov: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2026-01-10T02:00:00Z') });
    dept = (await t.services.agencies.getByCreditCode(DEMO_DEPARTMENT_CODE))!.id;
    gov = (await t.services.agencies.get(dept))!.parentId!;
  }, 60_000);
  afterAll(() => t?.close());

  const draftBody = { title: '职责分离测试通知', kind: 'notice', category: 15, disclosure: 'proactive', body: '正文' };
  async function draftAs(user: string, password?: string): Promise<number> {
    const r = await t.api('POST', '/api/catalogue/items', { as: user, password, body: draftBody });
    expect(r.statusCode, r.body).toBe(201);
    return (r.json() as { id: number }).id;
  }
  const act = (user: string, id: number, body: Record<string, unknown>, password?: string) => t.api('POST', `/api/catalogue/items/${id}/actions`, { as: user, password, body });

  describe('the administrator does not handle agency content', () => {
    it.each([
      ['createCatalogueDraft', 'POST', '/api/catalogue/items', { ...draftBody, agencyId: 0 }],
      ['registerApplication', 'POST', '/api/applications/offline', {
        applicant: { type: 'natural_person', name: '钱管理', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000' },
        content: '请公开管理员登记测试', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-01-09',
      }],
      ['createAppealCase', 'POST', '/api/appeals', { kind: 'review', filedOn: '2025-06-02', result: 'pending' }],
    ] as const)('%s → 403 with the reason', async (_op, method, url, body) => {
      const payload = url === '/api/catalogue/items' ? { ...body, agencyId: dept } : body;
      const r = await t.api(method, url, { as: 'admin', body: payload });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json()).toMatchObject({ code: 'forbidden', title: ADMIN_TITLE });
      expect(r.json().detail).toContain('职责分离');
    });

    it('catalogue actions, edits and uploads on an item of another agency → 403; nothing changes', async () => {
      const id = await draftAs('officer');
      const { version } = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'admin' })).json() as { version: number; allowedActions: string[] };
      expect((await t.api('GET', `/api/catalogue/items/${id}`, { as: 'admin' })).json().allowedActions).toEqual([]);
      for (const body of [{ action: 'submit' }, { action: 'delete' }]) {
        const r = await act('admin', id, body);
        expect(r.statusCode, r.body).toBe(403);
        expect(r.json().title).toBe(ADMIN_TITLE);
      }
      const put = await t.api('PUT', `/api/catalogue/items/${id}`, { as: 'admin', body: { ...draftBody, title: '管理员改的', version } });
      expect(put.statusCode).toBe(403);
      const s = await t.login('admin');
      const up = await t.app.inject({ method: 'POST', url: `/api/catalogue/items/${id}/attachments`, ...multipart({}, { name: 'attachment', filename: 'a.png', data: PNG, type: 'image/png' }), headers: { ...multipart({}).headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
      expect(up.statusCode, up.body).toBe(403);
      const after = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).json() as { title: string; state: string; version: number; attachments: unknown[] };
      expect(after).toMatchObject({ title: draftBody.title, state: 'draft', version, attachments: [] });
    });

    it('application actions → 403; the case page offers the administrator no action', async () => {
      const reg = await t.api('POST', '/api/applications/offline', {
        as: 'officer',
        body: { applicant: { type: 'natural_person', name: '孙分离', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000' }, content: '请公开职责分离测试', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-01-09' },
      });
      expect(reg.statusCode, reg.body).toBe(201);
      const { id, version } = reg.json() as { id: number; version: number };
      const officerId = (await t.db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow()).id;
      const r = await t.api('POST', `/api/applications/${id}/assign`, { as: 'admin', body: { version, userId: officerId } });
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().title).toBe(ADMIN_TITLE);
      expect((await t.api('GET', `/api/applications/${id}`, { as: 'admin' })).json().allowedActions).toEqual([]);
      const carry = await t.api('POST', '/api/applications/carry-over', { as: 'admin', body: { year: 2025, agencyId: dept } });
      expect(carry.statusCode).toBe(403);
    });

    it('annual report: compile, save and accept → 403; unlocking a published report stays the administrator\'s control', async () => {
      const compile = await t.form(`/admin/annual/${dept}/compile`, { year: '2025', format: '' }, { as: 'admin' });
      expect(compile.statusCode).toBe(403);
      expect(compile.body).toContain('职责分离');
      const admin = (await t.services.auth.resolve((await t.login('admin')).cookie.slice('gk_session='.length)))!.actor;
      await expect(t.services.annualReports.compile(admin, dept, 2025)).rejects.toMatchObject({ code: 'forbidden', title: ADMIN_TITLE });
      const v2019 = (await t.services.annualReports.get(admin, dept, 2019))!;
      expect(v2019.actions).toEqual(['unlock']);
    });

    it('the pages offer the administrator no button it may not use, and the business pages answer 403', async () => {
      const list = await t.api('GET', '/admin/applications', { as: 'admin' });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('href="/admin/applications/new"');
      const officerList = await t.api('GET', '/admin/applications', { as: 'officer' });
      expect(officerList.body).toContain('href="/admin/applications/new"');
      for (const url of ['/admin/applications/new', '/admin/catalogue/new', '/admin/catalogue/import', '/admin/catalogue/pages/guide']) {
        const r = await t.api('GET', url, { as: 'admin' });
        expect(r.statusCode, url).toBe(403);
        expect(r.body, url).toContain('职责分离');
      }
      const cat = await t.api('GET', '/admin/catalogue', { as: 'admin' });
      expect(cat.statusCode).toBe(200);
      expect(cat.body).not.toContain('href="/admin/catalogue/new"');
      expect(cat.body).toContain('系统管理员只能查看');
      expect((await t.api('GET', '/admin/catalogue', { as: 'officer' })).body).toContain('href="/admin/catalogue/new"');
      const annual = await t.api('GET', '/admin/annual', { as: 'admin' });
      expect(annual.statusCode).toBe(200);
      expect(annual.body).not.toContain(`action="/admin/annual/${gov}/compile"`);
    });
  });

  describe('the author of a catalogue version never reviews or approves it', () => {
    it('an officer who drafted, later made 保密审查员 and then 负责人, is refused both; others do them', async () => {
      const author = await buildUser(t.db, { agency_id: dept, role: 'officer', username: `author_${engine}` });
      const id = await draftAs(author.username, TEST_PASSWORD);
      expect((await act(author.username, id, { action: 'submit' }, TEST_PASSWORD)).statusCode).toBe(200);
      await t.db.updateTable('users').set({ role: 'reviewer' }).where('id', '=', author.id).execute();
      const page = await t.api('GET', `/admin/catalogue/${id}`, { as: author.username, password: TEST_PASSWORD });
      expect(page.body).not.toContain('value="record_review"');
      expect(page.body).toContain('不能对自己起草的内容进行保密审查');
      const self = await act(author.username, id, { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }, TEST_PASSWORD);
      expect(self.statusCode, self.body).toBe(403);
      expect(self.json().detail).toContain('职责分离');
      expect((await act(author.username, id, { action: 'return', reason: '自己退回自己' }, TEST_PASSWORD)).statusCode).toBe(403);
      expect((await t.api('GET', `/admin/catalogue/${id}`, { as: 'reviewer' })).body).toContain('value="record_review"');
      expect((await act('reviewer', id, { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' })).statusCode).toBe(200);
      await t.db.updateTable('users').set({ role: 'leader' }).where('id', '=', author.id).execute();
      const approve = await act(author.username, id, { action: 'approve' }, TEST_PASSWORD);
      expect(approve.statusCode, approve.body).toBe(403);
      expect(approve.json().detail).toContain('不能审核自己起草的内容');
      expect((await act('leader', id, { action: 'approve' })).statusCode).toBe(200);
      // publishing an approved item is not a review: the author (as leader) may publish it
      expect((await act(author.username, id, { action: 'publish' }, TEST_PASSWORD)).statusCode).toBe(200);
      const events = await t.db.selectFrom('catalogue_events').select(['action', 'actor_user_id']).where('item_id', '=', id).orderBy('id').execute();
      const by = Object.fromEntries(events.map((e) => [e.action, e.actor_user_id]));
      expect(by.create).toBe(author.id);
      expect(by.record_review).not.toBe(author.id);
      expect(by.approve).not.toBe(author.id);
    });

    it('whoever edited the draft counts as an author too', async () => {
      const coauthor = await buildUser(t.db, { agency_id: dept, role: 'officer', username: `coauthor_${engine}` });
      const id = await draftAs('officer');
      const { version } = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).json() as { version: number };
      expect((await t.api('PUT', `/api/catalogue/items/${id}`, { as: coauthor.username, password: TEST_PASSWORD, body: { ...draftBody, title: '合写的标题', version } })).statusCode).toBe(200);
      expect((await act('officer', id, { action: 'submit' })).statusCode).toBe(200);
      await t.db.updateTable('users').set({ role: 'reviewer' }).where('id', '=', coauthor.id).execute();
      expect((await act(coauthor.username, id, { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }, TEST_PASSWORD)).statusCode).toBe(403);
    });

    it('uploadCatalogueAttachment: a reviewer on a draft → 403 (not 409); the officer on a submitted item → 409', async () => {
      const id = await draftAs('officer');
      const upload = async (user: string) => {
        const s = await t.login(user);
        const m = multipart({}, { name: 'attachment', filename: 'scan.png', data: PNG, type: 'image/png' });
        return t.app.inject({ method: 'POST', url: `/api/catalogue/items/${id}/attachments`, payload: m.payload, headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf } });
      };
      const reviewer = await upload('reviewer');
      expect(reviewer.statusCode, reviewer.body).toBe(403);
      expect((await upload('officer')).statusCode).toBe(201);
      expect((await act('officer', id, { action: 'submit' })).statusCode).toBe(200);
      const late = await upload('officer');
      expect(late.statusCode, late.body).toBe(409);
      expect(late.json().detail).toContain('只有草稿');
    });
  });

  it('annual report: whoever compiled or edited it may not accept it; another supervisor does', async () => {
    const editor = await buildUser(t.db, { agency_id: dept, role: 'officer', username: `editor_${engine}` });
    const login = { as: editor.username, password: TEST_PASSWORD };
    expect((await t.form(`/admin/annual/${dept}/compile`, { year: '2024', format: '' }, login)).statusCode).toBe(303);
    const version = async () => (await t.db.selectFrom('annual_reports').select('version').where('agency_id', '=', dept).where('year', '=', 2024).executeTakeFirstOrThrow()).version;
    const head = await buildUser(t.db, { agency_id: dept, role: 'leader', username: `head_${engine}` });
    expect((await t.form(`/admin/annual/${dept}/2024/approve`, { version: String(await version()) }, { as: head.username, password: TEST_PASSWORD })).statusCode).toBe(303);
    const submit = await t.form(`/admin/annual/${dept}/2024/submit`, { version: String(await version()) }, login);
    expect(submit.statusCode, submit.body).toBe(303);
    // the editor moves to the 政务公开办 of the government: still the person who compiled this report
    await t.db.updateTable('users').set({ role: 'supervisor', agency_id: gov }).where('id', '=', editor.id).execute();
    const self = await t.form(`/admin/annual/${dept}/2024/accept`, { version: String(await version()) }, login);
    expect(self.statusCode).toBe(403);
    expect(self.body).toContain('职责分离');
    const editorActor = (await t.services.auth.resolve((await t.login(editor.username, TEST_PASSWORD)).cookie.slice('gk_session='.length)))!.actor;
    expect((await t.services.annualReports.get(editorActor, dept, 2024))!.actions).toEqual([]);
    await expect(t.services.annualReports.act(editorActor, dept, 2024, 'accept', { version: await version() })).rejects.toMatchObject({ code: 'forbidden' });
    const other = await t.form(`/admin/annual/${dept}/2024/accept`, { version: String(await version()) }, { as: 'supervisor' });
    expect(other.statusCode).toBe(303);
    const state = await t.db.selectFrom('annual_reports').select('state').where('agency_id', '=', dept).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect(state.state).toBe('accepted');
  });

  it('applications: the drafter of a reply may not approve it; the reviewer does', async () => {
    const reg = await t.api('POST', '/api/applications/offline', {
      as: 'leader',
      body: { applicant: { type: 'natural_person', name: '周拟稿', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000' }, content: '请公开拟稿审核分离测试', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2026-01-09' },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const { id, version } = reg.json() as { id: number; version: number };
    const drafted = await t.api('POST', `/api/applications/${id}/reply`, { as: 'leader', body: { version, outcome: 'disclose' } });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const v = (drafted.json() as { application: { version: number } }).application.version;
    const page = (await t.api('GET', `/api/applications/${id}`, { as: 'leader' })).json() as { allowedActions: { action: string }[] };
    expect(page.allowedActions.map((a) => a.action)).not.toContain('approveReply');
    const self = await t.api('POST', `/api/applications/${id}/reply-approval`, { as: 'leader', body: { version: v } });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toContain('拟写答复的人不能审核自己的答复');
    expect((await t.api('POST', `/api/applications/${id}/reply-approval`, { as: 'reviewer', body: { version: v } })).statusCode).toBe(200);
  });
});
