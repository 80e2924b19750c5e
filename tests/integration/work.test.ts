// The work queue (待办) over HTTP on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL): every kind appears for
// the people who may act on it, disappears when the work is done, and never crosses agency scope; the list views with
// the same filters (待确认收到, 待我审核 …) and the 工作台 page show the same work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { shippedCalendar } from '../../src/core/calendar/index.ts';

/** Shanghai 10:00 on a date. */
const at = (d: string) => new Date(`${d}T02:00:00Z`);

interface Item { kind: string; title: string; agency: string; ref: string; url: string; due: string | null; overdue: boolean; warning?: boolean; note?: string }

describe.each(engines())('work queue (%s)', (engine) => {
  let t: TestApp;
  let now = at('2026-01-09');
  const day = (d: string) => { now = at(d); };
  const cal = shippedCalendar();
  const u: Record<string, string> = {};
  let deptId = 0;
  let deptCode = '';

  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function login(user: string) {
    const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: user, password: TEST_PASSWORD } });
    expect(r.statusCode, r.body).toBe(200);
    const s = { cookie: `gk_session=${r.cookies.find((c) => c.name === 'gk_session')!.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
    sessions.set(user, s);
    return s;
  }
  async function as(user: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> {
    const send = (s: { cookie: string; csrf: string }) => t.app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(body !== undefined ? { payload: body as object } : {}) });
    let res = await send(sessions.get(user) ?? (await login(user)));
    if (res.statusCode === 401) res = await send(await login(user));
    return res;
  }
  async function work(who: string): Promise<Item[]> {
    const r = await as(u[who]!, 'GET', '/api/my-work?pageSize=200');
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { items: Item[]; total: number };
    expect(body.total).toBe(body.items.length);
    return body.items;
  }
  const kinds = async (who: string, ref: string) => (await work(who)).filter((i) => i.ref === ref).map((i) => i.kind).sort();
  async function act(who: string, id: number, path: string, body: Record<string, unknown> = {}) {
    const cur = (await as(u[who]!, 'GET', `/api/applications/${id}`)).json() as { version: number };
    const r = await as(u[who]!, 'POST', `/api/applications/${id}/${path}`, { version: cur.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    return r;
  }
  async function submitOnline(content: string): Promise<{ id: number; code: string }> {
    const r = await t.api('POST', '/api/applications', {
      body: { agency: deptCode, applicant: { type: 'natural_person', name: '赵六', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000001' }, content, delivery: '纸质', obtainMethod: '自行领取' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const code = (r.json() as { queryCode: string }).queryCode;
    const row = await t.db.selectFrom('applications').select('id').where('query_code', '=', code).executeTakeFirstOrThrow();
    return { id: row.id, code };
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    // a government with one department below it, and an unrelated agency with its own staff
    const gov = await buildAgency(t.db, { kind: 'government', name: '测试区人民政府' });
    const dept = await buildAgency(t.db, { parent_id: gov.id, name: '测试区教育局' });
    const other = await buildAgency(t.db, { name: '无关机关' });
    deptId = dept.id;
    deptCode = dept.credit_code;
    const mk = async (key: string, role: 'officer' | 'reviewer' | 'leader' | 'supervisor', agencyId: number) => { u[key] = (await buildUser(t.db, { role, agency_id: agencyId })).username; };
    await mk('officer', 'officer', dept.id);
    await mk('officer2', 'officer', dept.id);
    await mk('reviewer', 'reviewer', dept.id);
    await mk('leader', 'leader', dept.id);
    await mk('supervisor', 'supervisor', gov.id);
    await mk('otherOfficer', 'officer', other.id);
    await mk('otherReviewer', 'reviewer', other.id);
    await mk('otherLeader', 'leader', other.id);
    await mk('otherSupervisor', 'supervisor', other.id);
  });
  afterAll(async () => t?.close());

  it('confirm_receipt: days since submission on the working-day calendar, a warning from the 2nd working day; gone once confirmed', async () => {
    day('2026-01-09'); // a Friday
    const a = await submitOnline('请公开2025年度本局招生计划');
    // table: date → working days since submission, warning?
    const table: [string, number, boolean][] = [
      ['2026-01-09', 0, false], ['2026-01-10', 0, false], ['2026-01-11', 0, false], ['2026-01-12', 1, false], ['2026-01-13', 2, true], ['2026-01-16', 5, true],
    ];
    for (const [d, days, warning] of table) {
      day(d);
      const item = (await work('officer')).find((i) => i.kind === 'confirm_receipt' && i.ref === a.code);
      expect(item, d).toMatchObject({ url: `/admin/applications/${a.id}`, agency: '测试区教育局', due: null, overdue: false, warning });
      expect(item!.note, d).toContain(`已过 ${days} 个工作日`);
      expect(item!.title).not.toContain('赵六');
    }
    // only people who may confirm, in the agency: the leader too; not the reviewer, the supervisor or another agency
    expect(await kinds('leader', a.code)).toEqual(['confirm_receipt']);
    for (const who of ['reviewer', 'supervisor', 'otherOfficer', 'otherLeader']) expect(await kinds(who, a.code), who).toEqual([]);
    // the list filter 待确认收到 shows the same
    const list = await as(u.officer!, 'GET', '/api/applications?view=to_confirm');
    expect((list.json() as { applications: { id: number }[] }).applications.map((x) => x.id)).toContain(a.id);
    const otherList = await as(u.otherOfficer!, 'GET', '/api/applications?view=to_confirm');
    expect((otherList.json() as { applications: { id: number }[] }).applications.map((x) => x.id)).not.toContain(a.id);
    const page = await as(u.officer!, 'GET', '/admin/applications?view=to_confirm');
    expect(page.body).toContain(a.code);
    // the 工作台 shows it
    const dash = await as(u.officer!, 'GET', '/admin');
    expect(dash.body).toContain('待确认收到');
    expect(dash.body).toContain(`/admin/applications/${a.id}`);
    await act('officer', a.id, 'confirm-receipt');
    expect(await kinds('officer', a.code)).not.toContain('confirm_receipt');
  });

  it('confirm_receipt across the New Year holiday: the 2nd working day is the first Monday after a Sunday 调休 day', async () => {
    day('2025-12-31');
    const a = await submitOnline('请公开2025年12月本局会议纪要');
    const table: [string, number, boolean][] = [['2026-01-01', 0, false], ['2026-01-03', 0, false], ['2026-01-04', 1, false], ['2026-01-05', 2, true]];
    for (const [d, days, warning] of table) {
      day(d);
      const item = (await work('officer')).find((i) => i.kind === 'confirm_receipt' && i.ref === a.code);
      expect(item!.note, d).toContain(`已过 ${days} 个工作日`);
      expect(item!.warning, d).toBe(warning);
    }
    await act('officer', a.id, 'confirm-receipt');
  });

  it('assign, approve_extension, reply_due, review_reply: each for those who may act, gone when done', async () => {
    day('2026-01-12');
    const a = await submitOnline('请公开本局2025年度部门决算');
    await act('officer', a.id, 'confirm-receipt');
    // assign: officer and leader of the agency
    for (const who of ['officer', 'leader']) expect(await kinds(who, a.code), who).toEqual(['assign']);
    for (const who of ['reviewer', 'supervisor', 'otherOfficer', 'otherLeader']) expect(await kinds(who, a.code), who).toEqual([]);
    const unassigned = await as(u.officer!, 'GET', '/api/applications?view=unassigned');
    expect((unassigned.json() as { applications: { id: number }[] }).applications.map((x) => x.id)).toContain(a.id);
    const officerId = (await t.db.selectFrom('users').select('id').where('username', '=', u.officer!).executeTakeFirstOrThrow()).id;
    await act('officer', a.id, 'assign', { userId: officerId });
    expect(await kinds('officer', a.code)).toEqual([]);
    expect(await kinds('leader', a.code)).toEqual([]);

    // approve_extension: the leader only (第三十三条第二款), before the original due date, with days left
    await act('officer', a.id, 'extension-request', { days: 10, reason: '需要调取档案馆保存的历史资料' });
    const ext = (await work('leader')).find((i) => i.ref === a.code);
    expect(ext).toMatchObject({ kind: 'approve_extension', overdue: false });
    const detail = (await as(u.leader!, 'GET', `/api/applications/${a.id}`)).json() as { dueDate: string };
    expect(ext!.due).toBe(detail.dueDate);
    expect(ext!.note).toContain('还剩');
    for (const who of ['officer', 'reviewer', 'otherLeader', 'supervisor']) expect(await kinds(who, a.code), who).toEqual([]);
    const pendingList = await as(u.leader!, 'GET', '/api/applications?view=extension_pending');
    expect((pendingList.json() as { applications: { id: number }[] }).applications.map((x) => x.id)).toEqual([a.id]);
    await act('leader', a.id, 'extension-approval', {});
    expect(await kinds('leader', a.code)).toEqual([]);

    // reply_due: the assigned officer's own case, from 3 working days before the due date; not the other officer
    const due = ((await as(u.officer!, 'GET', `/api/applications/${a.id}`)).json() as { dueDate: string }).dueDate;
    expect(due).toBe('2026-02-28'); // 20 + 10 working days after 2026-01-12, across the Spring Festival; a Saturday 调休 working day
    day(cal.addWorkdays(due, -4));
    expect(await kinds('officer', a.code)).toEqual([]);
    day(cal.addWorkdays(due, -3)); // 2026-02-24: 3 working days before the due date
    const soon = (await work('officer')).find((i) => i.ref === a.code);
    expect(soon).toMatchObject({ kind: 'reply_due', due, overdue: false });
    expect(await kinds('officer2', a.code)).toEqual([]);
    day('2026-03-02');
    expect((await work('officer')).find((i) => i.ref === a.code)).toMatchObject({ kind: 'reply_due', overdue: true });

    // review_reply: reviewer and leader, not the drafter
    await act('officer', a.id, 'reply', { outcome: 'disclose' });
    expect(await kinds('reviewer', a.code)).toEqual(['review_reply']);
    expect(await kinds('leader', a.code)).toEqual(['review_reply']);
    expect(await kinds('officer', a.code)).toEqual(['reply_due']);
    for (const who of ['otherReviewer', 'supervisor']) expect(await kinds(who, a.code), who).toEqual([]);
    const toReview = await as(u.reviewer!, 'GET', '/api/applications?view=to_review');
    expect((toReview.json() as { applications: { id: number }[] }).applications.map((x) => x.id)).toEqual([a.id]);
    await act('reviewer', a.id, 'reply-approval', {});
    for (const who of ['reviewer', 'leader', 'officer']) expect(await kinds(who, a.code), who).toEqual([]);
  });

  it('confidentiality_review and approve_publication: the reviewer, then the leader; never the author; scope kept', async () => {
    day('2026-03-10');
    const c = await as(u.officer!, 'POST', '/api/catalogue/items', { title: '测试区教育局2026年招生工作通知', kind: 'notice', category: 15, disclosure: 'proactive', formedOn: '2026-03-10', body: '通知正文' });
    expect(c.statusCode, c.body).toBe(201);
    const item = c.json() as { id: number; indexNo: string };
    const actOn = async (who: string, body: Record<string, unknown>) => {
      const r = await as(u[who]!, 'POST', `/api/catalogue/items/${item.id}/actions`, body);
      expect(r.statusCode, r.body).toBe(200);
    };
    expect(await kinds('reviewer', item.indexNo)).toEqual([]);
    await actOn('officer', { action: 'submit' });
    const rev = (await work('reviewer')).find((i) => i.ref === item.indexNo);
    expect(rev).toMatchObject({ kind: 'confidentiality_review', url: `/admin/catalogue/${item.id}`, due: '2026-04-08', overdue: false });
    for (const who of ['officer', 'leader', 'otherReviewer', 'supervisor']) expect(await kinds(who, item.indexNo), who).toEqual([]);
    await actOn('reviewer', { action: 'record_review', reviewResult: 'pass', basis: '不涉及国家秘密' });
    expect(await kinds('reviewer', item.indexNo)).toEqual([]);
    expect(await kinds('leader', item.indexNo)).toEqual(['approve_publication']);
    expect(await kinds('otherLeader', item.indexNo)).toEqual([]);
    await actOn('leader', { action: 'approve' });
    expect(await kinds('leader', item.indexNo)).toEqual([]);
  });

  it('interpretation_due: a 行政规范性文件 without a linked 解读, for those who draft; gone once a 解读 is linked', async () => {
    const c = await as(u.officer!, 'POST', '/api/catalogue/items', { title: '关于规范校外培训的若干规定', kind: 'normative', category: 1, disclosure: 'proactive', formedOn: '2026-03-10', docNumber: '测教发〔2026〕1号' });
    const policy = c.json() as { id: number; indexNo: string };
    expect(await kinds('officer', policy.indexNo)).toEqual(['interpretation_due']);
    for (const who of ['reviewer', 'otherOfficer', 'supervisor']) expect(await kinds(who, policy.indexNo), who).toEqual([]);
    const i = await as(u.officer!, 'POST', '/api/catalogue/items', { title: '《关于规范校外培训的若干规定》解读', kind: 'interpretation', category: 1, disclosure: 'proactive', formedOn: '2026-03-10' });
    const link = await as(u.officer!, 'POST', `/api/catalogue/items/${policy.id}/links`, { interpretationId: (i.json() as { id: number }).id });
    expect(link.statusCode, link.body).toBe(200);
    expect(await kinds('officer', policy.indexNo)).toEqual([]);
  });

  it('annual_report_due from 1 January; review_annual_report for the supervisor above only; both gone when done', async () => {
    day('2025-12-31'); // the 2025 report is not due yet (the unpublished 2024 report is, and overdue)
    expect((await work('officer')).filter((i) => i.kind === 'annual_report_due').map((i) => [i.ref, i.overdue])).toEqual([['2024', true]]);
    day('2026-01-01');
    const due = (await work('officer')).filter((i) => i.kind === 'annual_report_due');
    expect(due).toEqual([expect.objectContaining({ ref: '2025', due: '2026-01-31', overdue: false, url: `/admin/annual/${deptId}/2025` })]);
    expect((await work('reviewer')).filter((i) => i.kind === 'annual_report_due')).toEqual([]);
    expect((await work('supervisor')).filter((i) => i.kind.includes('annual'))).toEqual([]);
    day('2026-01-20');
    const compiled = await as(u.officer!, 'POST', `/api/annual-reports/${deptId}/2025/compile`, {});
    expect(compiled.statusCode, compiled.body).toBe(200);
    const v = (compiled.json() as { version: number; errors: number });
    expect(v.errors).toBe(0);
    // waiting for 负责人审定: in the leader's queue only (the officer who compiled it keeps annual_report_due)
    const toApprove = (await work('leader')).filter((i) => i.kind === 'approve_annual_report');
    expect(toApprove).toEqual([expect.objectContaining({ ref: '2025', due: '2026-01-31', url: `/admin/annual/${deptId}/2025` })]);
    for (const who of ['officer', 'reviewer', 'supervisor', 'otherLeader']) expect((await work(who)).filter((i) => i.kind === 'approve_annual_report'), who).toEqual([]);
    const ap = await as(u.leader!, 'POST', `/api/annual-reports/${deptId}/2025/approve`, { version: v.version });
    expect(ap.statusCode, ap.body).toBe(200);
    expect((await work('leader')).filter((i) => i.kind === 'approve_annual_report')).toEqual([]);
    const sub = await as(u.officer!, 'POST', `/api/annual-reports/${deptId}/2025/submit`, { version: (ap.json() as { version: number }).version });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await work('officer')).filter((i) => i.kind === 'annual_report_due')).toEqual([]);
    const rev = (await work('supervisor')).filter((i) => i.kind === 'review_annual_report');
    expect(rev).toEqual([expect.objectContaining({ agency: '测试区教育局', ref: '2025', url: `/admin/annual/${deptId}/2025` })]);
    expect((await work('otherSupervisor')).filter((i) => i.kind === 'review_annual_report')).toEqual([]);
    // the supervisor's card counts it as waiting for review
    expect((await as(u.supervisor!, 'GET', '/admin')).body).toContain('1 份待审核');
    const acc = await as(u.supervisor!, 'POST', `/api/annual-reports/${deptId}/2025/accept`, { version: (sub.json() as { version: number }).version });
    expect(acc.statusCode, acc.body).toBe(200);
    expect((await work('supervisor')).filter((i) => i.kind === 'review_annual_report')).toEqual([]);
    // accepted: publishing is the agency's work again
    expect((await work('officer')).filter((i) => i.kind === 'annual_report_due').map((i) => i.note)).toEqual([expect.stringContaining('审核通过待发布')]);
    const pub = await as(u.officer!, 'POST', `/api/annual-reports/${deptId}/2025/publish`, { version: (acc.json() as { version: number }).version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect((await work('officer')).filter((i) => i.kind === 'annual_report_due')).toEqual([]);
  });

  it('getMyWork pages; the most urgent first; bad paging is a 400 problem', async () => {
    day('2026-03-10');
    const all = await work('officer');
    expect(all.length).toBeGreaterThan(0);
    const p1 = (await as(u.officer!, 'GET', '/api/my-work?pageSize=1&page=1')).json() as { items: Item[]; total: number; page: number; pageSize: number };
    expect(p1).toMatchObject({ total: all.length, page: 1, pageSize: 1 });
    expect(p1.items).toEqual([all[0]]);
    const firstNotOverdue = all.findIndex((i) => !i.overdue);
    if (firstNotOverdue >= 0) expect(all.slice(firstNotOverdue).some((i) => i.overdue)).toBe(false);
    const bad = await as(u.officer!, 'GET', '/api/my-work?pageSize=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await t.api('GET', '/api/my-work')).statusCode).toBe(401);
  });
});
