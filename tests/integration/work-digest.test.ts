// The daily work digest and mail retries on a real database (SQLite; PostgreSQL with TEST_DATABASE_URL): one digest
// per user and working day from 08:00 Shanghai, each item linked, only to users with their own address and the digest
// on; switched off by the user; failed mail retried with backoff (1, 5, 30, 120 minutes) and, after the 5th try,
// shown to the administrator, who can send it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/demo.data.ts';

/** An instant given in Shanghai time. */
const sh = (d: string, hm = '09:00') => new Date(`${d}T${hm}:00+08:00`);

describe.each(engines())('work digest and mail retries (%s)', (engine) => {
  let t: TestApp;
  let now = sh('2026-01-12');
  const u: Record<string, { id: number; username: string }> = {};
  let deptCode = '';
  /** A fresh session for every call: the test clock jumps days, past the idle timeout of a cached one. */
  async function session(username: string, password: string) {
    const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(r.statusCode, r.body).toBe(200);
    return { cookie: `gk_session=${r.cookies.find((c) => c.name === 'gk_session')!.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
  }
  async function call(username: string, password: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
    const s = await session(username, password);
    return t.app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, ...(body !== undefined ? { payload: body as object } : {}) });
  }
  const api = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => call(u[who]!.username, TEST_PASSWORD, method, url, body);
  const admin = (method: 'GET' | 'POST', url: string) => call('admin', DEMO_PASSWORD, method, url);
  // through the mailer: the recipient address is stored encrypted (personal data)
  const digests = async (userId: number) => (await t.services.applications.mailer.list(null)).filter((m) => m.reason === 'digest' && m.user_id === userId).sort((a, b) => a.id - b.id);

  beforeAll(async () => {
    // SMTP to a closed port: every send fails (connection refused), so the retry schedule can be followed
    t = await createTestApp(engine, { clock: () => now, env: { SMTP_URL: 'smtp://127.0.0.1:1', PUBLIC_BASE_URL: 'https://gk.example.gov.cn' } });
    const dept = await buildAgency(t.db, { name: '摘要测试局' });
    deptCode = dept.credit_code;
    for (const [k, email, digest] of [['officer', 'wang@example.gov.cn', 1], ['noEmail', null, 1], ['switchedOff', 'off@example.gov.cn', 0]] as const) {
      const row = await buildUser(t.db, { role: 'officer', agency_id: dept.id, email, digest_enabled: digest });
      u[k] = { id: row.id, username: row.username };
    }
    const r = await t.api('POST', '/api/applications', {
      body: { agency: deptCode, applicant: { type: 'natural_person', name: '钱七', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000002' }, content: '请公开2025年度本局行政处罚统计', delivery: '纸质', obtainMethod: '自行领取' },
    });
    expect(r.statusCode, r.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it('one digest per user and working day, from 08:00, each item linked; not before, not on a day off, not twice', async () => {
    const digest = t.services.workDigest!;
    const table: [Date, boolean, number][] = [
      [sh('2026-01-12', '07:59'), true, 0], // a Monday, before 08:00
      [sh('2026-01-12', '08:00'), true, 1],
      [sh('2026-01-12', '17:00'), true, 0], // already sent today
      [sh('2026-01-17', '09:00'), false, 0], // Saturday
      [sh('2026-01-19', '09:00'), true, 1], // next Monday
    ];
    for (const [at, workday, queued] of table) {
      now = at;
      expect(await digest.run(), at.toISOString()).toMatchObject({ workday, queued });
    }
    const mails = await digests(u.officer!.id);
    expect(mails.map((m) => m.dedupe_key)).toEqual([`digest:${u.officer!.id}:2026-01-12`, `digest:${u.officer!.id}:2026-01-19`]);
    expect(mails[0]!.to_address).toBe('wang@example.gov.cn');
    expect(mails[0]!.subject).toContain('2 项工作'); // the online application and the 2025 annual report (due from 1 January)
    expect(mails[0]!.body).toContain('【年度报告待发布】');
    expect(mails[0]!.body).toContain('【待确认收到】');
    expect(mails[0]!.body).toMatch(/https:\/\/gk\.example\.gov\.cn\/admin\/applications\/\d+/);
    expect(mails[0]!.body).toContain('https://gk.example.gov.cn/admin/me');
    expect(mails[0]!.body).not.toContain('钱七');
    expect(await digests(u.noEmail!.id)).toEqual([]);
    expect(await digests(u.switchedOff!.id)).toEqual([]);
  });

  it('a 调休 Sunday is a working day: the digest goes out', async () => {
    now = sh('2026-02-14', '09:00'); // Saturday 调休 working day before the Spring Festival
    expect(await t.services.workDigest!.run()).toMatchObject({ workday: true, queued: 1 });
  });

  it('the user sets an own address and switches the digest off (API and page); bad address refused in Chinese', async () => {
    const bad = await api('noEmail', 'PUT', '/api/me/preferences', { email: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写正确的电子邮箱');
    const set = await api('noEmail', 'PUT', '/api/me/preferences', { email: 'zhao@example.gov.cn' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ email: 'zhao@example.gov.cn', digestEnabled: true });
    now = sh('2026-02-16', '09:00'); // Spring Festival holiday
    expect((await t.services.workDigest!.run()).workday).toBe(false);
    now = sh('2026-02-24', '09:00');
    await t.services.workDigest!.run();
    expect((await digests(u.noEmail!.id)).map((m) => m.to_address)).toEqual(['zhao@example.gov.cn']);
    const s = await session(u.noEmail!.username, TEST_PASSWORD);
    const off = await t.app.inject({ method: 'POST', url: '/admin/me', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: s.csrf, email: 'zhao@example.gov.cn' }).toString() });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/admin/me');
    expect((await api('noEmail', 'GET', '/api/me/preferences')).json()).toEqual({ email: 'zhao@example.gov.cn', digestEnabled: false });
    now = sh('2026-02-25', '09:00');
    await t.services.workDigest!.run();
    expect(await digests(u.noEmail!.id)).toHaveLength(1);
    const audit = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'user.preferences').execute();
    expect(audit.length).toBe(2);
  });

  it('failed mail is retried after 1, 5, 30 and 120 minutes; after the 5th try it is given up and shown to the administrator', async () => {
    const mailer = t.services.applications.mailer;
    const row = async () => t.db.selectFrom('mail_outbox').selectAll().where('dedupe_key', '=', `digest:${u.officer!.id}:2026-01-12`).executeTakeFirstOrThrow();
    await t.db.updateTable('mail_outbox').set({ attempts: 0, next_attempt_at: null, failed_at: null, error: null }).where('sent_at', 'is', null).execute();
    let at = sh('2026-02-25', '10:00');
    const schedule = [1, 5, 30, 120];
    for (let attempt = 1; attempt <= 5; attempt++) {
      now = at;
      await mailer.flush();
      const m = await row();
      expect(m.attempts, `try ${attempt}`).toBe(attempt);
      expect(m.sent_at).toBeNull();
      if (attempt < 5) {
        expect(m.failed_at).toBeNull();
        expect(m.next_attempt_at).toBe(new Date(at.getTime() + schedule[attempt - 1]! * 60_000).toISOString());
        // not tried again before its time
        now = new Date(at.getTime() + schedule[attempt - 1]! * 60_000 - 1000);
        await mailer.flush();
        expect((await row()).attempts).toBe(attempt);
        at = new Date(at.getTime() + schedule[attempt - 1]! * 60_000);
      } else {
        expect(m.failed_at).toBe(at.toISOString());
        expect(m.next_attempt_at).toBeNull();
      }
    }
    const id = (await row()).id;
    // the administrator sees it in the queue and on the outbox page, and can send it again
    const work = await admin('GET', '/api/my-work?kind=mail_failed&pageSize=200');
    expect((work.json() as { items: { ref: string; kind: string }[] }).items.map((i) => i.ref)).toContain(`#${id}`);
    expect(((await api('officer', 'GET', '/api/my-work?kind=mail_failed')).json() as { total: number }).total).toBe(0);
    const page = await admin('GET', '/admin/mail-outbox');
    expect(page.body).toContain('发送失败，已停止重试（共5次）');
    expect((await api('officer', 'POST', `/api/mail-outbox/${id}/retry`)).statusCode).toBe(403);
    const retry = await admin('POST', `/api/mail-outbox/${id}/retry`);
    expect(retry.statusCode, retry.body).toBe(200);
    // queued again from the start (the immediate flush after it fails once more against the closed port)
    const again = await row();
    expect(again.failed_at).toBeNull();
    expect(again.attempts).toBeLessThanOrEqual(1);
    // only a given-up message can be retried
    expect((await admin('POST', `/api/mail-outbox/${id}/retry`)).statusCode).toBe(404);
  });
});
