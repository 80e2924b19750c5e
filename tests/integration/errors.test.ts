// Malformed, oversized and wrongly typed requests get 400/413/415 (never 500); unexpected errors
// give a generic 500 without internals; healthz reports the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('errors and health (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, {
      env: { BODY_LIMIT: '4096' },
      beforeReady: (app) => {
        app.get('/api/test/boom', async () => {
          throw new Error('SELECT password_hash FROM users WHERE secret');
        });
        app.get('/test/boom', async () => {
          throw new Error('SELECT password_hash FROM users WHERE secret');
        });
      },
    });
  });
  afterAll(async () => t?.close());

  it.each([
    ['malformed JSON', 'application/json', '{"username": "admin", ', 400, 'malformed_json'],
    ['empty JSON', 'application/json', '', 400, 'malformed_json'],
    ['oversized body', 'application/json', JSON.stringify({ username: 'a'.repeat(5000), password: 'x' }), 413, 'payload_too_large'],
    ['wrong content type', 'text/xml', '<session/>', 415, 'unsupported_media_type'],
  ])('%s → %i problem+json', async (_name, type, payload, status, code) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': type }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, code });
    expect(res.json().title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('oversized form post to a page is 413 too, as a Chinese page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `username=${'a'.repeat(5000)}` });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('提交的内容太大');
  });

  it('zod validation → 400 with field messages in Chinese', async () => {
    const res = await t.api('POST', '/api/session', { body: { username: '', password: 123 } });
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe('validation_failed');
    const fields = Object.fromEntries((p.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(fields.username).toBe('请输入用户名');
    expect(fields.password).toMatch(/[\u4e00-\u9fff]/);
  });

  it('unknown API route → 404 problem; unknown page → Chinese 404 page', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found', title: '找不到该页面或记录' });
    const page = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('lang="zh-CN"');
  });

  it('an unexpected error → 500 with a generic Chinese title and no internals (API and page)', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(api.statusCode).toBe(500);
    expect(api.json()).toMatchObject({ code: 'internal', title: '系统出现错误，请稍后再试' });
    expect(api.body).not.toMatch(/SELECT|password_hash|at .*\.ts/);
    const page = await t.app.inject({ method: 'GET', url: '/test/boom' });
    expect(page.statusCode).toBe(500);
    expect(page.body).not.toMatch(/SELECT|password_hash|\.ts:\d+/);
    expect(page.body).toContain(page.headers['x-request-id']);
  });

  it('healthz: 200 {status:"ok"} with the database, 503 without it', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/healthz/bare' })).body).toBe('ok');
    const broken = await createTestApp(engine);
    await broken.database.close();
    const down = await broken.app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json().status).toBe('unavailable');
    await broken.app.close();
    await broken.close().catch(() => {});
  });

  it('sends security headers (CSP same-origin only, nosniff) and a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("style-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
