// Role scoping (officer cannot manage users) and agency scoping (another agency's record is 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('role and agency scoping (%s)', (engine) => {
  let t: TestApp;
  let deptA: number; // 审批服务局 (demo)
  let govId: number;
  let otherUserId: number; // a user of agency B
  let otherEventId: number; // an audit event of agency B
  let ownColleagueId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const agencies = await t.services.agencies.list();
    deptA = agencies.find((a) => a.creditCode === '12370602780795309E')!.id;
    govId = agencies.find((a) => a.parentId === null)!.id;
    // agency B: a second department in another district (not under the demo 区政府)
    const otherGov = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    const deptB = await buildAgency(t.db, { name: '测试区行政审批服务局', parent_id: otherGov.id });
    const other = await buildUser(t.db, { username: 'officer-b', agency_id: deptB.id });
    otherUserId = other.id;
    // an audited change in agency B (made by the admin, who sees everything)
    const r = await t.api('PATCH', `/api/users/${other.id}`, { as: 'admin', body: { version: other.version, displayName: 'B 局经办人' } });
    expect(r.statusCode).toBe(200);
    const ev = await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', String(other.id)).where('action', '=', 'user.update').executeTakeFirstOrThrow();
    otherEventId = ev.id;
    ownColleagueId = (await t.db.selectFrom('users').select('id').where('username', '=', 'reviewer').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  it('an officer cannot reach user management: 403 page and 403 problem', async () => {
    const s = await t.login('officer');
    const page = await t.app.inject({ method: 'GET', url: '/admin/users', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('您没有权限进行此操作');
    const api = await t.api('POST', '/api/users', { as: 'officer', body: { username: 'sneaky', displayName: '越权', role: 'admin', agencyId: deptA, password: 'Zhi-Fu-2026' } });
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({ code: 'forbidden', title: '您没有权限进行此操作' });
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
  });

  it('an officer of agency A gets 404 for a user of agency B, 200 for a colleague', async () => {
    const b = await t.api('GET', `/api/users/${otherUserId}`, { as: 'officer' });
    expect(b.statusCode).toBe(404);
    expect(b.json().code).toBe('not_found');
    expect((await t.api('GET', `/api/users/${ownColleagueId}`, { as: 'officer' })).statusCode).toBe(200);
  });

  it('an officer of agency A gets 404 for an audit event of agency B, and B never shows in the list', async () => {
    expect((await t.api('GET', `/api/audit-events/${otherEventId}`, { as: 'officer' })).statusCode).toBe(404);
    const list = await t.api('GET', '/api/audit-events?pageSize=200', { as: 'officer' });
    expect(list.statusCode).toBe(200);
    const ids = (list.json().events as { id: number; agencyId: number }[]).map((e) => e.id);
    expect(ids).not.toContain(otherEventId);
    expect((list.json().events as { agencyId: number }[]).every((e) => e.agencyId === deptA)).toBe(true);
    expect((await t.api('GET', `/api/audit-events/${otherEventId}`, { as: 'admin' })).statusCode).toBe(200);
  });

  it('a supervisor of the 区政府 sees its department’s users (descendant) but not agency B', async () => {
    const list = await t.api('GET', '/api/users?pageSize=200', { as: 'supervisor' });
    const names = (list.json().users as { username: string }[]).map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['officer', 'reviewer', 'leader', 'supervisor', 'admin']));
    expect(names).not.toContain('officer-b');
    expect((await t.api('GET', `/api/users/${otherUserId}`, { as: 'supervisor' })).statusCode).toBe(404);
  });

  it('an officer of a street office does not see the 审批服务局 (a sibling)', async () => {
    const street = (await t.services.agencies.list()).find((a) => a.kind === 'street')!;
    await buildUser(t.db, { username: 'street-officer', agency_id: street.id });
    const r = await t.api('GET', `/api/users/${ownColleagueId}`, { as: 'street-officer', password: TEST_PASSWORD });
    expect(r.statusCode).toBe(404);
    expect(govId).toBeGreaterThan(0);
  });

  it('anonymous API calls get 401, anonymous back-office pages redirect to the sign-in page', async () => {
    expect((await t.api('GET', '/api/users')).statusCode).toBe(401);
    const page = await t.app.inject({ method: 'GET', url: '/admin' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/admin/login?next=%2Fadmin');
  });
});
