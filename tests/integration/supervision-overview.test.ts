// The supervisor's overview across the agencies below (第四十九条 campaign): states per agency and year, submitted and
// published dates, late flags, finding counts; reminders (mail + the agency's work queue, once a day); the assessment
// with the weights the supervisor sets (409 on a stale version), ranked. An agency never sees another's; a supervisor
// only the agencies below it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

interface Row { agencyId: number; name: string; state: string; publishedOn: string | null; late: boolean; deadline: string; remindedOn: string | null; parent: string | null }
interface Overview { year: number; campaign: { total: number; counts: Record<string, number>; late: number; daysLeft: number; deadline: string }; agencies: Row[]; total: number }

describe.each(engines())('supervision overview, campaign and assessment (%s)', (engine) => {
  let t: TestApp;
  let dept: { id: number; name: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const agencies = await t.services.agencies.list();
    dept = agencies.find((a) => a.name === '烟台市芝罘区行政审批服务局')!;
    const otherGov = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    await buildAgency(t.db, { name: '测试区教育局', parent_id: otherGov.id, kind: 'department' });
    await buildUser(t.db, { username: 'ov-foreign-supervisor', agency_id: otherGov.id, role: 'supervisor' });
    await t.db.updateTable('users').set({ email: 'officer@example.gov.cn' }).where('username', '=', 'officer').execute();
    await t.form(`/admin/annual/${dept.id}/compile`, { year: '2025' }, { as: 'officer' });
  });
  afterAll(async () => t?.close());

  it('the overview: every agency below with its state, dates and late flag; the campaign counts; paged and filtered', async () => {
    const res = await t.api('GET', '/api/supervision/overview?year=2025', { as: 'supervisor' });
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as Overview;
    const names = o.agencies.map((a) => a.name);
    expect(names).toContain(dept.name);
    expect(names).not.toContain('测试区教育局');
    expect(names).not.toContain('烟台市芝罘区人民政府'); // its own agency is not "below"
    const d = o.agencies.find((a) => a.agencyId === dept.id)!;
    expect(d).toMatchObject({ state: 'draft', publishedOn: null, deadline: '2026-01-31', parent: '烟台市芝罘区人民政府' });
    expect(o.campaign.total).toBe(o.total);
    expect(Object.values(o.campaign.counts).reduce((a, b) => a + b, 0)).toBe(o.total);
    expect(o.campaign.counts.draft).toBeGreaterThanOrEqual(1);
    const one = (await t.api('GET', '/api/supervision/overview?year=2025&pageSize=1&page=2', { as: 'supervisor' })).json() as Overview;
    expect(one.agencies).toHaveLength(1);
    expect(one.total).toBe(o.total);
    const drafts = (await t.api('GET', '/api/supervision/overview?year=2025&state=draft', { as: 'supervisor' })).json() as Overview;
    expect(drafts.agencies.every((a) => a.state === 'draft')).toBe(true);
    // the demo's published 2019 report
    const y2019 = (await t.api('GET', '/api/supervision/overview?year=2019', { as: 'supervisor' })).json() as Overview;
    expect(y2019.agencies.find((a) => a.agencyId === dept.id)).toMatchObject({ state: 'published' });
    expect(y2019.agencies.find((a) => a.agencyId === dept.id)!.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // scope and roles
    expect((await t.api('GET', '/api/supervision/overview?year=2025', { as: 'officer' })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/supervision/overview?year=2025', { as: 'admin' })).statusCode).toBe(403);
    const foreign = (await t.api('GET', '/api/supervision/overview?year=2025', { as: 'ov-foreign-supervisor', password: TEST_PASSWORD })).json() as Overview;
    expect(foreign.agencies.map((a) => a.name)).toEqual(['测试区教育局']);
    // an agency added after the overview was first shown appears in it at once, in pinyin order (the collated list is
    // kept in the process only while the agencies table is unchanged)
    const otherGov = (await t.services.agencies.list()).find((a) => a.name === '测试区人民政府')!;
    await buildAgency(t.db, { name: '测试区财政局', parent_id: otherGov.id, kind: 'department' });
    const after = (await t.api('GET', '/api/supervision/overview?year=2025', { as: 'ov-foreign-supervisor', password: TEST_PASSWORD })).json() as Overview;
    expect(after.agencies.map((a) => a.name)).toEqual(['测试区财政局', '测试区教育局']);
    expect((await t.api('GET', '/api/supervision/overview?year=1999', { as: 'supervisor' })).statusCode).toBe(400);
  });

  it('reminders: mail to the agency and an item in its work queue until it publishes; once a day', async () => {
    const res = await t.api('POST', '/api/supervision/reminders', { as: 'supervisor', body: { year: 2025, agencies: [(await t.services.agencies.get(dept.id))!.creditCode] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ reminded: 1, alreadyToday: 0 });
    expect((res.json() as { mails: number }).mails).toBeGreaterThanOrEqual(1);
    const work = (await t.api('GET', '/api/my-work?kind=annual_report_reminder', { as: 'officer' })).json() as { items: { url: string; warning: boolean }[] };
    expect(work.items).toEqual([expect.objectContaining({ url: `/admin/annual/${dept.id}/2025`, warning: true })]);
    const again = (await t.api('POST', '/api/supervision/reminders', { as: 'supervisor', body: { year: 2025, agencies: [(await t.services.agencies.get(dept.id))!.creditCode] } })).json();
    expect(again).toMatchObject({ reminded: 0, alreadyToday: 1 });
    const o = (await t.api('GET', '/api/supervision/overview?year=2025', { as: 'supervisor' })).json() as Overview;
    expect(o.agencies.find((a) => a.agencyId === dept.id)!.remindedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // another district's agency is not the supervisor's to remind
    expect((await t.api('POST', '/api/supervision/reminders', { as: 'supervisor', body: { year: 2025, agencies: ['NOT-BELOW'] } })).statusCode).toBe(404);
    // the demo's 2019 report is published: nothing to remind in the published state
    expect((await t.api('POST', '/api/supervision/reminders', { as: 'supervisor', body: { year: 2019, state: 'published' } })).statusCode).toBe(400);
  });

  it('assessment: weights set by the supervisor (checked, 409 on a stale version), scores and ranks', async () => {
    const w = (await t.api('GET', '/api/supervision/assessment/weights', { as: 'supervisor' })).json() as { weights: Record<string, number>; version: number };
    expect(w.version).toBe(0);
    const bad = await t.api('PUT', '/api/supervision/assessment/weights', { as: 'supervisor', body: { weights: { ...w.weights, report_timely: 150 }, version: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年度报告按时公布的权重应为 0–100 的整数');
    const ok = await t.api('PUT', '/api/supervision/assessment/weights', { as: 'supervisor', body: { weights: { ...w.weights, report_quality: 40 }, version: 0 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, weights: { report_quality: 40 } });
    expect((await t.api('PUT', '/api/supervision/assessment/weights', { as: 'supervisor', body: { weights: w.weights, version: 0 } })).statusCode).toBe(409);
    const a = (await t.api('GET', '/api/supervision/assessment?year=2025', { as: 'supervisor' })).json() as { agencies: { agencyId: number; rank: number | null; score: number | null; parts: Record<string, { value: number } | null> }[]; weights: Record<string, number> };
    expect(a.weights.report_quality).toBe(40);
    const d = a.agencies.find((x) => x.agencyId === dept.id)!;
    expect(d.parts.report_timely).toEqual({ value: 0, basis: '期限 2026-01-31 已过，尚未公布' });
    expect(d.score).not.toBeNull();
    const ranks = a.agencies.filter((x) => x.rank !== null).map((x) => x.score!);
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
  });

  it('the pages: overview grid with the campaign, reminders form, assessment with the weights form (a refused form shows its error summary)', async () => {
    const s = await t.login('supervisor');
    const page = await t.app.inject({ method: 'GET', url: '/admin/supervision/overview?year=2025', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(dept.name);
    expect(page.body).toContain('第四十九条');
    const posted = await t.form('/admin/supervision/reminders', { year: '2025' }, { as: 'supervisor' });
    expect(posted.statusCode).toBe(303);
    const assess = await t.app.inject({ method: 'GET', url: '/admin/supervision/assessment?year=2025', headers: { cookie: s.cookie } });
    expect(assess.statusCode).toBe(200);
    expect(assess.body).toContain('条例第三十三条');
    const refused = await t.form('/admin/supervision/assessment/weights', { version: '1', 'weights.report_timely': 'abc', 'weights.report_quality': '40', 'weights.applications_in_time': '25', 'weights.catalogue_in_time': '20', 'weights.appeals_corrected': '10', year: '2025' }, { as: 'supervisor' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('gk-error-summary');
    expect((await t.app.inject({ method: 'GET', url: '/admin/supervision/overview?year=junk&state=zzz&page=-1', headers: { cookie: s.cookie } })).statusCode).toBe(200);
  });
});
