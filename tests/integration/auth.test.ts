import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSessionId } from '../../src/features/auth/auth.service.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('sign-in, sessions and CSRF (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('signs in with the demo password: HttpOnly SameSite=Lax cookie, user and CSRF token', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: 'officer', password: 'demo12345' } });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'gk_session')!;
    expect(c.httpOnly).toBe(true);
    expect(String(c.sameSite).toLowerCase()).toBe('lax');
    expect(c.secure).toBeFalsy(); // plain HTTP without TRUST_PROXY
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'officer', role: 'officer', agencyName: '烟台市芝罘区行政审批服务局' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the database holds only the hash of the session id
    const stored = await t.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).toContain(hashSessionId(c.value));
    expect(stored.map((s) => s.id)).not.toContain(c.value);
    const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `gk_session=${c.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('officer');
  });

  it('sets Secure on the cookie behind a TLS proxy (TRUST_PROXY=true)', async () => {
    const s = await createTestApp('sqlite', { env: { TRUST_PROXY: 'true' } });
    try {
      const res = await s.api('POST', '/api/session', { body: { username: 'admin', password: 'demo12345' } });
      expect(res.cookies.find((x) => x.name === 'gk_session')!.secure).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('refuses a wrong password with problem+json and a Chinese title', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: 'reviewer', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = res.json();
    expect(p).toMatchObject({ status: 401, code: 'invalid_credentials', title: '用户名或密码不正确' });
    expect(p.requestId).toBe(res.headers['x-request-id']);
    expect(res.cookies.find((x) => x.name === 'gk_session')).toBeUndefined();
  });

  it('refuses an unknown user the same way as a wrong password', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: 'nobody', password: 'demo12345' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('limits sign-in: after 5 failures for one IP + username, even the right password gets 429 with a Chinese message', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await t.api('POST', '/api/session', { body: { username: 'leader', password: `bad-${i}-password` } });
      expect(r.statusCode).toBe(401);
    }
    const res = await t.api('POST', '/api/session', { body: { username: 'leader', password: 'demo12345' } });
    expect(res.statusCode).toBe(429);
    const p = res.json();
    expect(p.code).toBe('rate_limited');
    expect(p.title).toBe('登录失败次数过多');
    expect(p.detail).toMatch(/请 \d+ 分钟后再试/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // another username from the same IP is not affected
    expect((await t.api('POST', '/api/session', { body: { username: 'supervisor', password: 'demo12345' } })).statusCode).toBe(200);
  });

  it('sign-in form: wrong password re-renders the form with an error summary and keeps the username', async () => {
    const res = await t.form('/admin/login', { username: 'officer', password: 'nope-nope' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('用户名或密码不正确');
    expect(res.body).toMatch(/<input[^>]*name="username"[^>]*value="officer"|<input[^>]*value="officer"[^>]*name="username"/);
    const ok = await t.form('/admin/login', { username: 'officer', password: 'demo12345' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin');
  });

  it('an API call with a session cookie but without x-csrf-token is refused (403), with it accepted', async () => {
    const admin = await t.login('admin');
    const target = await t.api('GET', '/api/users/2', { as: 'admin' });
    const version = target.json().version;
    const without = await t.api('PATCH', '/api/users/2', { as: 'admin', csrf: false, body: { version, displayName: '改名甲' } });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'csrf_failed' });
    const wrong = await t.api('PATCH', '/api/users/2', { headers: { cookie: admin.cookie, 'x-csrf-token': 'x'.repeat(43) }, body: { version, displayName: '改名甲' } });
    expect(wrong.statusCode).toBe(403);
    // nothing changed
    expect((await t.api('GET', '/api/users/2', { as: 'admin' })).json().displayName).not.toBe('改名甲');
    const ok = await t.api('PATCH', '/api/users/2', { as: 'admin', body: { version, displayName: '改名甲' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().displayName).toBe('改名甲');
  });

  it('a form post with a session but without _csrf is refused with a Chinese page; with _csrf it works', async () => {
    const s = await t.login('reviewer', 'demo12345');
    const without = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
    expect(without.statusCode).toBe(403);
    expect(without.headers['content-type']).toMatch(/text\/html/);
    expect(without.body).toContain('请刷新页面后重试');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(s.csrf)}`,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/admin/login?signedOut=1');
    // the session is gone
    expect((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: s.cookie } })).statusCode).toBe(303);
  });

  it('expires a session idle longer than SESSION_IDLE_MINUTES (30)', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: 'officer', password: 'demo12345' } });
    const cookie = `gk_session=${res.cookies.find((x) => x.name === 'gk_session')!.value}`;
    const idHash = hashSessionId(cookie.slice('gk_session='.length));
    await t.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 29 * 60_000).toISOString() }).where('id', '=', idHash).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
    await t.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id', '=', idHash).execute();
    const expired = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().title).toBe('请先登录');
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin%2Faudit');
  });

  it('DELETE /api/session signs out (with the CSRF header)', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: 'supervisor', password: 'demo12345' } });
    const cookie = `gk_session=${res.cookies.find((x) => x.name === 'gk_session')!.value}`;
    const csrf = res.json().csrfToken;
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });
});
