// Calendar import / single-day edit: audited, and every open deadline recomputed in the same
// transaction (a deadline moves when a day becomes a holiday); the admin page shows what moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';

const Y2027 = {
  year: 2027,
  papers: ['国办发明电〔2026〕测试号'],
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-02-06', isOffDay: false },
    ...['2027-02-05', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({ name: '春节', date, isOffDay: true })),
  ],
};

describe.each(engines())('calendar and deadlines (%s)', (engine) => {
  let t: TestApp;
  let agencyId: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date('2026-11-27T03:00:00Z') });
    agencyId = (await t.db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const track = (entityId: string, received: string) =>
    t.db.transaction().execute((trx) => t.services.deadlines.track(trx, { agencyId, entity: 'application', entityId, kind: 'reply', ledger: { received, events: [] } }));
  // a clock as every reader sees it (an open plain clock through its key after a calendar change, decision 285)
  const row = (entityId: string) => t.db.selectFrom('deadline_clocks').selectAll().where('entity_id', '=', entityId).executeTakeFirstOrThrow();

  it('track computes with the current calendar and upserts one row per (entity, id, kind)', async () => {
    const a = await track('A-1', '2026-12-10'); // 12/11 … 12/31 (15), 2027-01-01 provisional 元旦, 1/4–8 (20)
    expect(a).toMatchObject({ due: '2027-01-08', provisional: true, open: true, status: 'on_time' });
    const again = await track('A-1', '2026-12-10');
    expect(again.id).toBe(a.id);
    expect(await row('A-1')).toMatchObject({ due: '2027-01-08', provisional: 1, open: 1, kind: 'reply', agency_id: agencyId });
    await track('A-2', '2027-01-25'); // provisional 2027: 1/26–29 (4), 2/1–5 (9), 2/8–12 (14), 2/15–19 (19), 2/22 (20)
    expect((await row('A-2')).due).toBe('2027-02-22');
  });

  it('importing 2027 (API) recomputes open deadlines in the same transaction and lists the moved ones', async () => {
    const res = await t.api('POST', '/api/calendar/import', { as: 'admin', body: { year: 2027, data: Y2027 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.year).toBe(2027);
    // 2027 元旦 still 1/1 only → unchanged (not provisional any more). A-2: 2/5, 2/8–2/11 off, 2/6 (Sat) works:
    // 1/26–29 (4), 2/1–4 (8), 2/6 Sat (9), 2/12 (10), 2/15–19 (15), 2/22–26 (20)
    expect(body.moved).toEqual([expect.objectContaining({ entityId: 'A-2', oldDue: '2027-02-22', newDue: '2027-02-26' })]);
    expect(await row('A-2')).toMatchObject({ due: '2027-02-26', provisional: 0 });
    expect(await row('A-1')).toMatchObject({ due: '2027-01-08', provisional: 0 });
    const ev = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.import').executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ entity: 'calendar_year', entity_id: '2027', actor_name: '系统管理员' });
    expect(JSON.parse(ev.after_json!)).toMatchObject({ year: 2027, movedDeadlines: 1 });
  });

  it('an invalid import is refused with every problem in Chinese and changes nothing', async () => {
    const res = await t.api('POST', '/api/calendar/import', { as: 'admin', body: { year: 2028, data: { year: 2028, papers: [], days: [{ name: '春节', date: '2028-02-01', isOffDay: false }] } } });
    expect(res.statusCode).toBe(400);
    const p = res.json();
    expect(p.code).toBe('validation_failed');
    expect(p.errors.map((f: { message: string }) => f.message)).toEqual([
      '“papers”为空：请至少填写一个放假通知的出处（文号或网址）',
      '第 1 条：2028-02-01 是星期二，本来就是工作日，不能标为调休上班日（isOffDay: false 只用于周六、周日）',
    ]);
    expect(await t.db.selectFrom('calendar_years').select('year').where('year', '=', 2028).executeTakeFirst()).toBeUndefined();
  });

  it('a day becoming a holiday moves a deadline in the same transaction, audited with before/after', async () => {
    await track('B-1', '2026-03-02'); // 3/3–6 (4), 3/9–13 (9), 3/16–20 (14), 3/23–27 (19), 3/30 (20)
    expect((await row('B-1')).due).toBe('2026-03-30');
    const res = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2026-03-16', workday: false, reason: '测试：临时放假（依据某某通知）' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toEqual([expect.objectContaining({ entityId: 'B-1', oldDue: '2026-03-30', newDue: '2026-03-31' })]);
    expect((await row('B-1')).due).toBe('2026-03-31');
    const ev = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'calendar.edit_day').executeTakeFirstOrThrow();
    expect(JSON.parse(ev.before_json!)).toMatchObject({ workday: true, kind: 'weekday' });
    expect(JSON.parse(ev.after_json!)).toMatchObject({ workday: false, reason: '测试：临时放假（依据某某通知）', movedDeadlines: 1 });
    // the calendar in force (API) sees the edit
    const w = await t.api('GET', '/api/calendar/workdays?from=2026-03-15&to=2026-03-17', { as: 'officer' });
    expect(w.json()).toEqual([
      { date: '2026-03-15', workday: false, provisional: false },
      { date: '2026-03-16', workday: false, provisional: false },
      { date: '2026-03-17', workday: true, provisional: false },
    ]);
  });

  it('when the recompute fails, the edit is rolled back with it (same transaction)', async () => {
    const broken = await t.db
      .insertInto('deadlines')
      .values({ agency_id: agencyId, entity: 'application', entity_id: 'BROKEN', kind: 'reply', ledger_json: '{not json', settings_json: null, due: '2026-04-01', provisional: 0, status: 'on_time', open: 1, updated_at: '2026-01-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2026-03-17', workday: false, reason: '测试：应当回滚' } });
    expect(res.statusCode).toBe(500);
    expect(await t.db.selectFrom('calendar_day_edits').select('date').where('date', '=', '2026-03-17').executeTakeFirst()).toBeUndefined();
    expect(await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', '2026-03-17').executeTakeFirst()).toBeUndefined();
    expect((await row('B-1')).due).toBe('2026-03-31');
    await t.db.deleteFrom('deadlines').where('id', '=', broken.id).execute();
  });

  it('close() ends a clock; closed deadlines are not recomputed', async () => {
    const n = await t.db.transaction().execute((trx) => t.services.deadlines.close(trx, 'application', 'B-1'));
    expect(n).toBe(1);
    const res = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2026-03-18', workday: false, reason: '测试：已结案的不变' } });
    expect(res.json().moved).toEqual([]);
    expect(await row('B-1')).toMatchObject({ due: '2026-03-31', open: 0, status: 'closed' });
  });

  it('only an administrator may change the calendar', async () => {
    const res = await t.api('POST', '/api/calendar/days', { as: 'officer', body: { date: '2026-03-19', workday: false, reason: '越权' } });
    expect(res.statusCode).toBe(403);
    const page = await t.api('GET', '/admin/calendar?year=2026', { as: 'officer' });
    expect(page.statusCode).toBe(403);
  });

  it('the admin page shows the month grid, notices, 暂定 and the explanation for a picked date', async () => {
    const res = await t.api('GET', '/admin/calendar?year=2026&date=2026-02-06&preset=plain', { as: 'admin' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('国办发明电〔2025〕7号');
    expect(res.body).toContain('data-date="2026-02-14"');
    expect(res.body).toContain('答复期限：2026-03-12');
    expect(res.body).toContain('其间2月15日至23日为春节假期，2月14日、2月28日为调休上班日 → 2026-03-12');
    const p2028 = await t.api('GET', '/admin/calendar?year=2028', { as: 'admin' });
    expect(p2028.body).toContain('暂定');
    expect(p2028.body).toContain('2028年的放假安排尚未公布');
  });

  it('the page form: a bad paste shows the problems in the error summary; a good one lists moved deadlines', async () => {
    const bad = await t.form('/admin/calendar/import', { year: '2029', json: '{"year": 2029, "papers": ["x"], "days": [{"name": "元旦", "date": "2029-13-01", "isOffDay": true}]}' }, { as: 'admin' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('gk-error-summary');
    expect(bad.body).toContain('第 1 条：日期“2029-13-01”不是有效的 YYYY-MM-DD 日期');
    await track('C-1', '2029-04-20'); // provisional 2029: 4/23–27 (5), 4/30 (6), 5/1–2 off (5/1 Tue, 5/2 Wed), 5/3–4 (8), 5/7–11 (13), 5/14–18 (18), 5/21–22 (20)
    expect((await row('C-1')).due).toBe('2029-05-22');
    const good = await t.form('/admin/calendar/import', { year: '2029', json: JSON.stringify({ year: 2029, papers: ['测试通知'], days: [{ name: '劳动节', date: '2029-05-03', isOffDay: true }, { name: '劳动节', date: '2029-05-01', isOffDay: true }, { name: '劳动节', date: '2029-05-02', isOffDay: true }] }) }, { as: 'admin' });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('已导入2029年的放假安排');
    expect(good.body).toMatch(/application #C-1[\s\S]*2029-05-22[\s\S]*→ 2029-05-23/);
  });
});
