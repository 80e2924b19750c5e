// Statements a request costs the database, counted with the database's query hook (kysely statements; a
// transaction's BEGIN/COMMIT are not counted). Every signed-in request reads its session, user and agency name in one
// statement; single-agency roles read no agency tree; administrators and supervisors read the tree only when its
// fingerprint (count and highest id) moved — and what another process changed holds at the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

describe.each(engines())('statements per request (%s)', (engine) => {
  let t: TestApp;
  let other: TestApp; // a second process on the same database
  const seen: string[] = [];
  let counting = false;

  beforeAll(async () => {
    t = await createTestApp(engine, { onQuery: (q) => { if (counting) seen.push(q); } });
    other = await createTestApp(engine, { sameDatabaseAs: t, seed: false });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  async function statementsOf(url: string, as?: string): Promise<string[]> {
    const cookie = as ? (await t.login(as)).cookie : undefined;
    // a first request warms the caches (calendar, agency tree, rendered pages)
    expect((await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })).statusCode).toBe(200);
    seen.length = 0;
    counting = true;
    try {
      const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
      expect(res.statusCode).toBe(200);
    } finally {
      counting = false;
    }
    return [...seen];
  }

  // [what, url, signed in as, at most this many statements, statements that must not be among them]
  const cases: [string, string, string | undefined, number, RegExp[]][] = [
    // session+user+agency (1), calendar revision (1), the page with its total (1), the page's ledgers (1)
    ['staff list as officer', '/api/applications?pageSize=20', 'officer', 4, [/from "agencies"$/, /from "sessions" where/, /from "users" inner join/]],
    // the same plus the tree's fingerprint (1)
    ['staff list as supervisor', '/api/applications?pageSize=20', 'supervisor', 5, [/select "id", "parent_id" from "agencies"/]],
    ['portal list (rendered page kept)', '/proactive', undefined, 0, []],
  ];

  it.each(cases)('%s: %s as %s costs at most %i statements', async (_what, url, as, max, forbidden) => {
    const q = await statementsOf(url, as);
    expect(q.length, q.join('\n')).toBeLessThanOrEqual(max);
    for (const f of forbidden) expect(q.filter((s) => f.test(s)), q.join('\n')).toEqual([]);
  });

  it('the session is read on every request: a sign-out or a deactivation on another process holds at the next request', async () => {
    const s = await t.login('reviewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/applications?pageSize=1', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    // the other process signs the session out
    const out = await other.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/applications?pageSize=1', headers: { cookie: s.cookie } })).statusCode).toBe(401);

    const l = await t.login('leader');
    expect((await t.app.inject({ method: 'GET', url: '/api/applications?pageSize=1', headers: { cookie: l.cookie } })).statusCode).toBe(200);
    await other.db.updateTable('users').set({ active: 0 }).where('username', '=', 'leader').execute();
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/applications?pageSize=1', headers: { cookie: l.cookie } })).statusCode).toBe(401);
    } finally {
      await other.db.updateTable('users').set({ active: 1 }).where('username', '=', 'leader').execute();
    }
  });

  it('an agency inserted behind the service (another process, a bulk load) is in a supervisor\'s and an administrator\'s scope at the next request', async () => {
    const sup = await t.db.selectFrom('users').select('agency_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    const before = await t.services.agencies.scope('supervisor', sup.agency_id);
    const adminBefore = await t.services.agencies.scope('admin', sup.agency_id);
    const child = await buildAgency(other.db, { name: '新设街道办事处', kind: 'street', parent_id: sup.agency_id });
    const grandchild = await buildAgency(other.db, { name: '新设社区居委会', kind: 'community', parent_id: child.id });
    const after = await t.services.agencies.scope('supervisor', sup.agency_id);
    expect(after).toEqual([...before, child.id, grandchild.id].sort((a, b) => a - b));
    expect(await t.services.agencies.scope('admin', sup.agency_id)).toEqual([...adminBefore, child.id, grandchild.id].sort((a, b) => a - b));
    // an officer's scope is its own agency, whatever the tree
    expect(await t.services.agencies.scope('officer', child.id)).toEqual([child.id]);
    // an agency elsewhere in the tree (another government) is not in the supervisor's scope
    const elsewhere = await buildAgency(other.db, { name: '外区人民政府', kind: 'government' });
    expect(await t.services.agencies.scope('supervisor', sup.agency_id)).not.toContain(elsewhere.id);
    expect(await t.services.agencies.scope('admin', sup.agency_id)).toContain(elsewhere.id);
  });

  it('while the cache signals poll, a plain read of the calendar costs no statement, and a change on another process holds at the next poll', async () => {
    const signals = t.services.cluster!.signals;
    const other2 = other.services.cluster!.signals;
    signals.start();
    other2.start();
    try {
      await expect.poll(() => signals.fresh(), { timeout: 5_000 }).toBe(true);
      const q = await statementsOf('/api/applications?pageSize=20', 'officer');
      expect(q.length, q.join('\n')).toBeLessThanOrEqual(3);
      expect(q.filter((x) => /calendar_years|calendar_day_edits/.test(x)), q.join('\n')).toEqual([]);

      // another process makes a working day a day off: this process's copy is dropped at its next poll
      const day = '2026-12-16'; // a Wednesday, an ordinary working day
      expect((await t.services.calendar.current()).isWorkday(day)).toBe(true);
      await other.services.calendar.editDay({ userId: null, displayName: '测试' } as never, { date: day, workday: false, reason: '测试：临时放假（依据某某通知）' });
      // (the bump follows the change's commit; within the 1 s a change may take to reach another process)
      await expect.poll(async () => { await signals.poll(); return (await t.services.calendar.current()).isWorkday(day); }, { timeout: 1_000, interval: 50 }).toBe(false);
      // and back, made on this process: its own copy is dropped at once, the other's at its poll
      await t.services.calendar.editDay({ userId: null, displayName: '测试' } as never, { date: day, workday: true, reason: '测试：恢复上班（依据某某通知）' });
      expect((await t.services.calendar.current()).isWorkday(day)).toBe(true);
      await expect.poll(async () => { await other2.poll(); return (await other.services.calendar.current()).isWorkday(day); }, { timeout: 1_000, interval: 50 }).toBe(true);
    } finally {
      signals.stop();
      other2.stop();
    }
    // without the poll loop every read checks the stored revision again
    expect(signals.fresh()).toBe(false);
    const q = await statementsOf('/api/applications?pageSize=20', 'officer');
    expect(q.filter((x) => /calendar_years/.test(x)).length, q.join('\n')).toBe(1);
  });
});
