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
    // session+user+agency (1), calendar revision (1), count (1), page (1), the page's ledgers (1)
    ['staff list as officer', '/api/applications?pageSize=20', 'officer', 5, [/from "agencies"$/, /from "sessions" where/, /from "users" inner join/]],
    // the same plus the tree's fingerprint (1)
    ['staff list as supervisor', '/api/applications?pageSize=20', 'supervisor', 6, [/select "id", "parent_id" from "agencies"/]],
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
});
