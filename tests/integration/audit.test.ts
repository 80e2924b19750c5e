// Audit events are written in the same transaction as the change, and not at all when it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersService } from '../../src/features/users/users.service.ts';
import { createAuditService, type AuditService } from '../../src/features/audit/audit.service.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('audit trail (%s)', (engine) => {
  let t: TestApp;
  let deptA: number;
  beforeAll(async () => {
    t = await createTestApp(engine);
    deptA = (await t.services.agencies.getByCreditCode('12370602780795309E'))!.id;
  });
  afterAll(async () => t?.close());

  const countEvents = async () => Number((await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creating a user writes user.create with actor, agency, after-snapshot (no password) and the request id', async () => {
    const res = await t.api('POST', '/api/users', { as: 'admin', body: { username: 'zhangsan', displayName: '张三', role: 'officer', agencyId: deptA, password: 'Zhi-Fu-2026' } });
    expect(res.statusCode).toBe(201);
    const ev = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.create').where('entity_id', '=', String(res.json().id)).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ actor_name: '系统管理员', agency_id: deptA, entity: 'user', request_id: res.headers['x-request-id'] });
    expect(JSON.parse(ev.after_json!)).toMatchObject({ username: 'zhangsan', displayName: '张三', role: 'officer', active: true });
    expect(ev.after_json).not.toMatch(/scrypt|password123/);
    expect(ev.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('an update records before and after; a stale version is refused (409) and writes nothing', async () => {
    const u = (await t.api('GET', '/api/users?pageSize=200', { as: 'admin' })).json().users.find((x: { username: string }) => x.username === 'zhangsan');
    const ok = await t.api('PATCH', `/api/users/${u.id}`, { as: 'admin', body: { version: u.version, role: 'reviewer' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(u.version + 1);
    const ev = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.update').where('entity_id', '=', String(u.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(ev.before_json!).role).toBe('officer');
    expect(JSON.parse(ev.after_json!).role).toBe('reviewer');
    const before = await countEvents();
    const stale = await t.api('PATCH', `/api/users/${u.id}`, { as: 'admin', body: { version: u.version, role: 'leader' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict', title: '该记录已被他人修改，请刷新后重试' });
    expect(await countEvents()).toBe(before);
  });

  it('a refused change (duplicate username) writes no event', async () => {
    const before = await countEvents();
    const dup = await t.api('POST', '/api/users', { as: 'admin', body: { username: 'officer', displayName: '重复', role: 'officer', agencyId: deptA, password: 'Zhi-Fu-2026' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([{ field: 'username', message: '该用户名已被使用，请换一个' }]);
    expect(await countEvents()).toBe(before);
  });

  it('when writing the audit event fails, the change is rolled back (same transaction)', async () => {
    const real = createAuditService(t.db);
    const failing: AuditService = {
      ...real,
      async record(trx, e) {
        await real.record(trx, e); // the insert happens inside the transaction …
        throw new Error('audit store unavailable'); // … and then the transaction fails
      },
    };
    const users = createUsersService(t.db, { audit: failing });
    const admin = await t.login('admin');
    expect(admin.cookie).toBeTruthy();
    const before = await countEvents();
    await expect(users.createAsSystem({ userId: null, displayName: 'test' }, { username: 'rolledback', displayName: '回滚', role: 'officer', agencyId: deptA, password: 'Zhi-Fu-2026' })).rejects.toThrow(
      'audit store unavailable',
    );
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'rolledback').executeTakeFirst()).toBeUndefined();
    expect(await countEvents()).toBe(before);
  });

  it('sign-in is audited; the back-office list filters by action and date and pages', async () => {
    await t.login('leader');
    const all = await t.api('GET', '/api/audit-events?action=session.create', { as: 'admin' });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.every((e: { action: string }) => e.action === 'session.create')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect((await t.api('GET', `/api/audit-events?from=${today}&to=${today}`, { as: 'admin' })).json().total).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/audit-events?to=2000-01-01', { as: 'admin' })).json().total).toBe(0);
    const page1 = (await t.api('GET', '/api/audit-events?pageSize=2&page=1', { as: 'admin' })).json();
    const page2 = (await t.api('GET', '/api/audit-events?pageSize=2&page=2', { as: 'admin' })).json();
    expect(page1.events).toHaveLength(2);
    expect(page1.events[0].id).toBeGreaterThan(page2.events[0].id);
    const byActor = (await t.api('GET', '/api/audit-events?sort=actor&dir=asc&pageSize=200', { as: 'admin' })).json().events as { actorName: string }[];
    const names = byActor.map((e) => e.actorName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBeGreaterThan(1);
    const bad = await t.api('GET', '/api/audit-events?from=2026-13-1', { as: 'admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'from', message: '日期的格式应为 YYYY-MM-DD，例如 2026-03-02' });
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit?action=session.create', headers: { cookie: (await t.login('admin')).cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('session.create');
    // a repeated filter key: the first value is used and echoed, nothing breaks
    const twice = await t.app.inject({ method: 'GET', url: '/admin/audit?action=session.create&action=user.create', headers: { cookie: (await t.login('admin')).cookie } });
    expect(twice.statusCode).toBe(200);
    expect(twice.body).toMatch(/<option value="session\.create" selected="">/);
  });

  it('the admin user pages create a user through the form (audited) and keep values on error', async () => {
    const bad = await t.form('/admin/users', { username: 'li si', displayName: '', role: 'officer', agencyId: String(deptA), password: 'short' }, { as: 'admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('用户名只能包含英文字母、数字、点、下划线和连字符');
    expect(bad.body).toContain('请填写姓名');
    expect(bad.body).toContain('value="li si"');
    const ok = await t.form('/admin/users', { username: 'lisi', displayName: '李四', role: 'officer', agencyId: String(deptA), password: 'Zhi-Fu-2026' }, { as: 'admin' });
    expect(ok.statusCode).toBe(303);
    const u = await t.db.selectFrom('users').selectAll().where('username', '=', 'lisi').executeTakeFirstOrThrow();
    const edit = await t.app.inject({ method: 'GET', url: `/admin/users/${u.id}`, headers: { cookie: (await t.login('admin')).cookie } });
    expect(edit.body).toContain(`name="version" value="${u.version}"`);
    const deactivate = await t.form(`/admin/users/${u.id}`, { version: String(u.version), displayName: '李四', role: 'officer', agencyId: String(deptA) }, { as: 'admin' });
    expect(deactivate.statusCode).toBe(303);
    const after = await t.db.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(after.active).toBe(0);
    expect(await t.db.selectFrom('audit_events').select('id').where('action', '=', 'user.deactivate').where('entity_id', '=', String(u.id)).executeTakeFirst()).toBeDefined();
    // a deactivated user cannot sign in
    expect((await t.api('POST', '/api/session', { body: { username: 'lisi', password: 'Zhi-Fu-2026' } })).statusCode).toBe(401);
  });
});
