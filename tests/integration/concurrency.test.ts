// Same-version races on every versioned write path, on SQLite and PostgreSQL: N requests that carry the same
// version at once give exactly one success and N−1 answers 409 (never a 500 from a unique violation such as
// application_events_seq_uq, never a lost update, never two ledger events for one version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_DEPARTMENT_CODE } from '../../src/features/demo/demo.data.ts';
import type { Actor } from '../../src/features/shared/actor.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const N = 6;

function tally(rs: LightMyRequestResponse[]): { ok: number; conflict: number; other: string[] } {
  const ok = rs.filter((r) => r.statusCode >= 200 && r.statusCode < 300).length;
  const conflict = rs.filter((r) => r.statusCode === 409).length;
  const other = rs.filter((r) => !(r.statusCode >= 200 && r.statusCode < 300) && r.statusCode !== 409).map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`);
  return { ok, conflict, other };
}

async function settle<T>(ps: Promise<T>[]): Promise<{ ok: T[]; errors: unknown[] }> {
  const rs = await Promise.allSettled(ps);
  return { ok: rs.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<T>).value), errors: rs.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason) };
}

describe.each(engines())('same-version races (%s)', (engine) => {
  let t: TestApp;
  let dept: number;
  const actor = async (username: string): Promise<Actor> => {
    const s = await t.login(username);
    const r = await t.services.auth.resolve(s.cookie.replace(/^gk_session=/, ''));
    return r!.actor;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    dept = (await t.services.agencies.getByCreditCode(DEMO_DEPARTMENT_CODE))!.id;
    // sign in once before the races (sessions are cached by the harness)
    for (const u of ['officer', 'reviewer', 'leader']) await t.login(u);
  }, 60_000);
  afterAll(() => t?.close());

  async function registerApplication(): Promise<{ id: number; version: number }> {
    const today = t.services.applications.today();
    const r = await t.api('POST', '/api/applications/offline', {
      as: 'officer',
      body: {
        applicant: { type: 'natural_person', name: '赵并发', idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000' },
        content: '请公开本局并发测试相关文件', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: today,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: number; version: number };
  }

  it(`applications: ${N} actions on one version at once → exactly one succeeds, ${N - 1} answer 409, one ledger event`, async () => {
    const { id, version } = await registerApplication();
    const before = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { ledger: unknown[] };
    const officers = (await t.services.applications.officers(await actor('officer'))).map((o) => o.id);
    const rs = await Promise.all(Array.from({ length: N }, (_, i) =>
      i % 2 === 0
        ? t.api('POST', `/api/applications/${id}/assign`, { as: 'officer', body: { version, userId: officers[i % officers.length] } })
        : t.api('POST', `/api/applications/${id}/extension-request`, { as: 'officer', body: { version, days: 10, reason: '需要调取档案' } }),
    ));
    const r = tally(rs);
    expect(r.other).toEqual([]);
    expect(r).toMatchObject({ ok: 1, conflict: N - 1 });
    for (const c of rs.filter((x) => x.statusCode === 409)) expect(c.json().title).toMatch(/修改|不能/);
    const after = (await t.api('GET', `/api/applications/${id}`, { as: 'officer' })).json() as { ledger: { seq: number }[]; version: number };
    expect(after.version).toBe(version + 1);
    expect(after.ledger.length).toBe(before.ledger.length + 1);
    expect(after.ledger.map((e) => e.seq)).toEqual(after.ledger.map((_, i) => i + 1));
    const audits = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'application').where('entity_id', '=', String(id)).execute();
    expect(audits.filter((a) => a.action !== 'application.register')).toHaveLength(1);
  });

  it('applications: a second round on the new version again gives one success (the winner is not stuck)', async () => {
    const { id, version } = await registerApplication();
    const first = await t.api('POST', `/api/applications/${id}/extension-request`, { as: 'officer', body: { version, days: 5, reason: '需要调取档案' } });
    expect(first.statusCode, first.body).toBe(200);
    const rs = await Promise.all(Array.from({ length: N }, (_, i) =>
      t.api('POST', `/api/applications/${id}/${i % 2 ? 'extension-approval' : 'extension-rejection'}`, { as: 'leader', body: { version: version + 1, note: `并发审批${i}` } })));
    const r = tally(rs);
    expect(r.other).toEqual([]);
    expect(r).toMatchObject({ ok: 1, conflict: N - 1 });
  });

  async function draft(title: string): Promise<{ id: number; version: number }> {
    const c = await t.api('POST', '/api/catalogue/items', { as: 'officer', body: { title, kind: 'notice', category: 15, disclosure: 'proactive', body: '正文' } });
    expect(c.statusCode, c.body).toBe(201);
    const id = (c.json() as { id: number }).id;
    const g = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).json() as { version: number };
    return { id, version: g.version };
  }

  it(`catalogue drafts: ${N} saves of one version at once → one saved, ${N - 1} answer 409 (no silent overwrite)`, async () => {
    const { id, version } = await draft('并发编辑测试通知');
    const rs = await Promise.all(Array.from({ length: N }, (_, i) =>
      t.api('PUT', `/api/catalogue/items/${id}`, { as: 'officer', body: { version, title: `第${i}位编辑的标题`, kind: 'notice', category: 15, disclosure: 'proactive', body: `第${i}位的正文` } })));
    const r = tally(rs);
    expect(r.other).toEqual([]);
    expect(r).toMatchObject({ ok: 1, conflict: N - 1 });
    const winner = rs.findIndex((x) => x.statusCode === 200);
    const now = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).json() as { title: string; version: number };
    expect(now).toMatchObject({ title: `第${winner}位编辑的标题`, version: version + 1 });
    const loser = rs.find((x) => x.statusCode === 409)!.json() as { title: string; detail: string };
    expect(loser.title).toBe('该条目已被他人修改');
    expect(loser.detail).toContain(`您看到的是第${version}版`);
  });

  it('catalogue edit form: the later save of a stale form answers 409 with the user\'s input kept and a notice; the API refuses a save without version', async () => {
    const { id, version } = await draft('表单并发编辑');
    const page = await t.api('GET', `/admin/catalogue/${id}/edit`, { as: 'officer' });
    expect(page.body).toContain(`name="version" value="${version}"`);
    const fields = { title: '甲的标题', kind: 'notice', category: '15', disclosure: 'proactive', body: '甲的正文', bodyFormat: 'text', version: String(version) };
    const first = await t.form(`/admin/catalogue/${id}/edit`, fields, { as: 'officer' });
    expect(first.statusCode).toBe(303);
    const second = await t.form(`/admin/catalogue/${id}/edit`, { ...fields, title: '乙的标题（不应悄悄覆盖）', body: '乙辛苦写的正文' }, { as: 'officer' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('他人已在此期间保存了该草稿');
    expect(second.body).toContain('乙的标题（不应悄悄覆盖）');
    expect(second.body).toContain('乙辛苦写的正文');
    expect(second.body).toContain(`name="version" value="${version + 1}"`);
    const now = (await t.api('GET', `/api/catalogue/items/${id}`, { as: 'officer' })).json() as { title: string };
    expect(now.title).toBe('甲的标题');
    const noVersion = await t.api('PUT', `/api/catalogue/items/${id}`, { as: 'officer', body: { title: '无版本号', kind: 'notice', category: 15, disclosure: 'proactive', body: '' } });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors.map((e: { field: string }) => e.field)).toContain('version');
  });

  it(`catalogue workflow: ${N} submits, reviews, approvals, publications and revisions of one version → one each`, async () => {
    const { id } = await draft('并发发布测试通知');
    const step = async (user: string, body: Record<string, unknown>) => {
      const { version } = (await t.api('GET', `/api/catalogue/items/${id}`, { as: user })).json() as { version: number };
      const rs = await Promise.all(Array.from({ length: N }, () => t.api('POST', `/api/catalogue/items/${id}/actions`, { as: user, body: { ...body, version } })));
      const r = tally(rs);
      expect(r.other, JSON.stringify(body)).toEqual([]);
      expect(r, JSON.stringify(body)).toMatchObject({ ok: 1, conflict: N - 1 });
    };
    await step('officer', { action: 'submit' });
    await step('reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' });
    await step('leader', { action: 'approve' });
    await step('officer', { action: 'publish' });
    await step('officer', { action: 'revise' });
    const events = await t.db.selectFrom('catalogue_events').select('action').where('item_id', '=', id).execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'record_review', 'approve', 'publish', 'revise']);
    const versions = await t.db.selectFrom('catalogue_versions').select('version_no').where('item_id', '=', id).execute();
    expect(versions).toHaveLength(2);
  });

  it(`catalogue workflow without a version in the body: ${N} publications at once still publish once`, async () => {
    const { id } = await draft('不带版本号的并发发布');
    for (const [user, body] of [['officer', { action: 'submit' }], ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }], ['leader', { action: 'approve' }]] as const) {
      const r = await t.api('POST', `/api/catalogue/items/${id}/actions`, { as: user, body });
      expect(r.statusCode, r.body).toBe(200);
    }
    const rs = await Promise.all(Array.from({ length: N }, () => t.api('POST', `/api/catalogue/items/${id}/actions`, { as: 'officer', body: { action: 'publish' } })));
    const r = tally(rs);
    expect(r.other).toEqual([]);
    expect(r.ok).toBe(1);
    const published = await t.db.selectFrom('catalogue_events').select('action').where('item_id', '=', id).where('action', '=', 'publish').execute();
    expect(published).toHaveLength(1);
  });

  it(`annual report: ${N} saves of one version at once → one saved, ${N - 1} conflicts; concurrent first compiles never fail with a 500`, async () => {
    const officer = await actor('officer');
    const leader = await actor('leader');
    // first compile of a year, twice at once: one creates the row; the other recompiles or is told to reload (409)
    const compiles = await settle([t.services.annualReports.compile(officer, dept, 2023), t.services.annualReports.compile(leader, dept, 2023)]);
    expect(compiles.ok.length).toBeGreaterThanOrEqual(1);
    for (const e of compiles.errors) expect((e as { code?: string }).code).toBe('conflict');
    const v = (await t.services.annualReports.get(officer, dept, 2023))!;
    const key = v.model.sections[0]!.key;
    const saves = await settle(Array.from({ length: N }, (_, i) => t.services.annualReports.save(i % 2 ? officer : leader, dept, 2023, { version: v.version, sections: { [key]: `并发保存的正文 ${i}` } })));
    expect(saves.ok).toHaveLength(1);
    expect(saves.errors).toHaveLength(N - 1);
    for (const e of saves.errors) expect((e as { code?: string }).code).toBe('conflict');
    const after = (await t.services.annualReports.get(officer, dept, 2023))!;
    expect(after.version).toBe(v.version + 1);
    expect(after.events.filter((e) => e.kind === 'saved')).toHaveLength(1);
  });

  it(`appeals: ${N} updates of one version at once → one saved, ${N - 1} answer 409`, async () => {
    const c = await t.api('POST', '/api/appeals', { as: 'officer', body: { kind: 'review', filedOn: '2025-06-02', bodyName: '芝罘区人民政府', caseNumber: '芝政复〔2025〕9号', result: 'pending' } });
    expect(c.statusCode, c.body).toBe(201);
    const { id, version } = c.json() as { id: number; version: number };
    const rs = await Promise.all(Array.from({ length: N }, (_, i) => t.api('PATCH', `/api/appeals/${id}`, { as: 'officer', body: { version, result: 'upheld', closedOn: '2025-08-01', notes: `并发${i}` } })));
    const r = tally(rs);
    expect(r.other).toEqual([]);
    expect(r).toMatchObject({ ok: 1, conflict: N - 1 });
  });
});
