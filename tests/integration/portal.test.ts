// Portal home, language switch, reading preferences, and the officer's back-office journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('portal and back-office pages (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('the home page shows the demo 审批服务局 with its contact data, in Chinese', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html><html lang="zh-CN"/);
    expect(res.body).toContain('烟台市芝罘区行政审批服务局');
    expect(res.body).toContain('0535-6210000');
    for (const section of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报', '依申请公开']) expect(res.body).toContain(section);
  });

  it('PORTAL_AGENCY chooses another agency for the home page', async () => {
    const s = await createTestApp('sqlite', { env: { PORTAL_AGENCY: '113706020043215678' } });
    try {
      const res = await s.app.inject({ method: 'GET', url: '/' });
      expect(res.body).toContain('0535-6200000');
    } finally {
      await s.close();
    }
  });

  it('?lang=en switches to English and remembers it in gk_lang', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(res.body).toContain('<html lang="en"');
    const c = res.cookies.find((x) => x.name === 'gk_lang')!;
    expect(c.value).toBe('en');
    const again = await t.app.inject({ method: 'GET', url: '/admin/login', headers: { cookie: 'gk_lang=en' } });
    expect(again.body).toContain('<html lang="en"');
  });

  it('/prefs sets the 长辈模式 / contrast cookie and redirects back to a local path only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/prefs?large=1&back=%2Fguide' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/guide');
    expect(res.cookies.find((x) => x.name === 'gk_prefs')!.value).toBe('large');
    const page = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: 'gk_prefs=large,contrast' } });
    expect(page.body).toMatch(/<html[^>]*class="[^"]*gk-large/);
    const evil = await t.app.inject({ method: 'GET', url: '/prefs?contrast=1&back=https%3A%2F%2Fevil.example%2F' });
    expect(evil.headers.location).toBe('/');
  });

  it('officer journey: sign in by form → dashboard → audit log → sign out', async () => {
    const login = await t.form('/admin/login', { username: 'officer', password: 'demo12345' });
    expect(login.statusCode).toBe(303);
    const cookie = `gk_session=${login.cookies.find((x) => x.name === 'gk_session')!.value}`;
    const dash = await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie } });
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('王经办');
    expect(dash.body).toContain('/admin/audit');
    expect(dash.body).not.toContain('href="/admin/users"'); // user management is for admins only
    const csrf = /name="_csrf" value="([^"]+)"/.exec(dash.body)![1]!;
    const audit = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie } });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('session.create');
    const out = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(303);
    const after = await t.app.inject({ method: 'GET', url: out.headers.location as string });
    expect(after.body).toContain('您已退出登录');
  });
});
