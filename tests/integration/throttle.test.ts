// Throttles kept in the database (migration 061), on SQLite and PostgreSQL: a sign-in lockout and the anonymous
// rate limits survive a restart (a new app instance on the same database) and are shared by two app instances
// at once (two server processes). Login CSRF: the sign-in form needs its pre-session token; the sign-in API JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { SIGNIN_MAX_FAILURES, SIGNIN_MAX_FAILURES_PER_IP, SIGNIN_MAX_FAILURES_PER_USER } from '../../src/features/auth/auth.service.ts';
import { STATUS_RATE_LIMIT } from '../../src/features/applications/applications.routes.ts';
import { buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const signIn = (t: TestApp, username: string, password: string, ip: string): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: ip });

describe.each(engines())('throttles in the database (%s)', (engine) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp(engine);
    b = await createTestApp(engine, { sameDatabaseAs: a });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it(`a lockout (${SIGNIN_MAX_FAILURES} failures of one user from one IP) survives a restart: the new instance still refuses the right password`, async () => {
    const user = await buildUser(a.db, { username: `lock_${engine}` });
    const ip = '198.51.100.11';
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++) expect((await signIn(a, user.username, 'wrong-password', ip)).statusCode).toBe(401);
    expect((await signIn(a, user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
    // restart: a third instance on the same database, created after the failures
    const restarted = await createTestApp(engine, { sameDatabaseAs: a });
    try {
      const r = await signIn(restarted, user.username, TEST_PASSWORD, ip);
      expect(r.statusCode, r.body).toBe(429);
      expect(r.json().detail).toMatch(/分钟后再试/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      // another IP is not locked out by this pair
      expect((await signIn(restarted, user.username, TEST_PASSWORD, '198.51.100.12')).statusCode).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it('failures are counted across two instances at once: 3 on one and 2 on the other lock the pair on both', async () => {
    const user = await buildUser(a.db, { username: `shared_${engine}` });
    const ip = '198.51.100.21';
    for (let i = 0; i < 3; i++) expect((await signIn(a, user.username, 'wrong-password', ip)).statusCode).toBe(401);
    for (let i = 0; i < SIGNIN_MAX_FAILURES - 3; i++) expect((await signIn(b, user.username, 'wrong-password', ip)).statusCode).toBe(401);
    expect((await signIn(a, user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await signIn(b, user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
  });

  it(`per IP (${SIGNIN_MAX_FAILURES_PER_IP} failures, any user names) and per user name (${SIGNIN_MAX_FAILURES_PER_USER}, any IPs)`, async () => {
    const ip = '198.51.100.31';
    for (let i = 0; i < SIGNIN_MAX_FAILURES_PER_IP; i++) await signIn(i % 2 ? a : b, `nobody${i}`, 'wrong-password', ip);
    const victim = await buildUser(a.db, { username: `ipvictim_${engine}` });
    expect((await signIn(b, victim.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await signIn(b, victim.username, TEST_PASSWORD, '198.51.100.32')).statusCode).toBe(200);
    const target = await buildUser(a.db, { username: `spray_${engine}` });
    for (let i = 0; i < SIGNIN_MAX_FAILURES_PER_USER; i++) await signIn(i % 2 ? a : b, target.username, 'wrong-password', `203.0.113.${i + 1}`);
    expect((await signIn(a, target.username, TEST_PASSWORD, '203.0.113.200')).statusCode).toBe(429);
  });

  it('a successful sign-in clears that pair\'s failures (in the database, for every instance)', async () => {
    const user = await buildUser(a.db, { username: `clear_${engine}` });
    const ip = '198.51.100.41';
    for (let i = 0; i < SIGNIN_MAX_FAILURES - 1; i++) await signIn(a, user.username, 'wrong-password', ip);
    expect((await signIn(b, user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
    for (let i = 0; i < SIGNIN_MAX_FAILURES - 1; i++) expect((await signIn(a, user.username, 'wrong-password', ip)).statusCode).toBe(401);
    expect((await signIn(a, user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it(`the anonymous status lookup limit (${STATUS_RATE_LIMIT.rateLimit.max} a minute) is shared by two instances and survives a restart`, async () => {
    const ip = '198.51.100.51';
    const max = STATUS_RATE_LIMIT.rateLimit.max;
    const lookup = (t: TestApp) => t.app.inject({ method: 'GET', url: '/api/applications/status?code=GKAAAAAAAAAA&phone=13800000000', remoteAddress: ip });
    const codes: number[] = [];
    for (let i = 0; i < max; i++) codes.push((await lookup(i % 2 ? a : b)).statusCode);
    expect(codes.every((c) => c === 404)).toBe(true);
    expect((await lookup(a)).statusCode).toBe(429);
    expect((await lookup(b)).statusCode).toBe(429);
    const restarted = await createTestApp(engine, { sameDatabaseAs: a });
    try {
      const r = await lookup(restarted);
      expect(r.statusCode).toBe(429);
      expect(r.headers['content-type']).toContain('application/problem+json');
      // another client is not limited
      expect((await restarted.app.inject({ method: 'GET', url: '/api/applications/status?code=GKAAAAAAAAAA&phone=13800000000', remoteAddress: '198.51.100.52' })).statusCode).toBe(404);
    } finally {
      await restarted.close();
    }
  });

  describe('login CSRF', () => {
    it('the sign-in form without its pre-session token is refused (403) and nobody is signed in; with it, it signs in', async () => {
      const bare = await a.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=officer&password=demo12345', remoteAddress: '198.51.100.61' });
      expect(bare.statusCode).toBe(403);
      expect(bare.cookies.find((c) => c.name === 'gk_session')).toBeUndefined();
      expect(bare.body).toContain('登录页面已过期');
      // the refusal page carries a fresh token: the person can sign in from it
      const fresh = bare.cookies.find((c) => c.name === 'gk_login_csrf')!;
      expect(bare.body).toContain(`name="_csrf" value="${fresh.value}"`);
      const forged = await a.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gk_login_csrf=${fresh.value}` }, payload: 'username=officer&password=demo12345&_csrf=AAAAAAAAAAAAAAAAAAAAAAAA', remoteAddress: '198.51.100.61' });
      expect(forged.statusCode).toBe(403);
      const page = await a.app.inject({ method: 'GET', url: '/admin/login' });
      const c = page.cookies.find((x) => x.name === 'gk_login_csrf')!;
      expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/login' });
      expect(page.body).toContain(`name="_csrf" value="${c.value}"`);
      const ok = await a.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `gk_login_csrf=${c.value}` }, payload: new URLSearchParams({ username: 'officer', password: 'demo12345', _csrf: c.value }).toString(), remoteAddress: '198.51.100.61' });
      expect(ok.statusCode).toBe(303);
      expect(ok.cookies.find((x) => x.name === 'gk_session')).toBeDefined();
    });

    it('the sign-in API takes JSON only (a cross-site form cannot post it)', async () => {
      const form = await a.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=officer&password=demo12345', remoteAddress: '198.51.100.62' });
      expect(form.statusCode).toBe(415);
      expect(form.cookies.find((c) => c.name === 'gk_session')).toBeUndefined();
      expect((await signIn(a, 'officer', 'demo12345', '198.51.100.62')).statusCode).toBe(200);
    });
  });
});
