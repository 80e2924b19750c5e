// A calendar change keeps the plain clocks' results once per key (receipt date, working days, due-soon threshold) and
// every reader reads an open plain clock through its key (the view deadline_clocks, decision 285); the clocks' rows are
// not written. Checked against a model of what the rows held when every moved clock was rewritten (decision 200/230):
// after each step — clocks tracked, days made off / working, the clock moved on, a clock closed — every clock's due date,
// provisional flag, status, open flag and updated_at read through the deadlines service equal the model's, the model's
// results are the engine's (`computeDeadline` with the calendar then in force), and the moved lists are the model's.
// 2026 中秋 (9/25–27 off) and 国庆 (10/1–7 off, 9/20 Sun and 10/10 Sat working), concrete dates, both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { createCalendar } from '../../src/core/calendar/index.ts';
import { computeDeadline, type DeadlineSettings, type Ledger } from '../../src/core/deadlines/index.ts';
import { effectiveYearData } from '../../src/features/calendar/calendar.service.ts';
import { loadEdits, loadYears } from '../../src/features/calendar/calendar.repository.ts';
import { shanghaiToday } from '../../src/features/deadlines/deadlines.service.ts';

interface Clock { ledger: Ledger; settings?: Partial<DeadlineSettings> }

// entity id → ledger (and settings); the comments give the due date under the shipped 2026 calendar
const CLOCKS: Record<string, Clock> = {
  // 9/29 (1), 9/30 (2), 10/8–9 (4), 10/10 Sat (5), 10/12–16 (10), 10/19–23 (15), 10/26–30 (20): due 10/30
  'A-1': { ledger: { received: '2026-09-28', events: [] } },
  'A-2': { ledger: { received: '2026-09-28', events: [] } },
  // the same key as A-1 through explicit settings (the catalogue's 第二十六条 clock is stored so)
  'A-3': { ledger: { received: '2026-09-28', events: [] }, settings: { replyWorkdays: 20 } },
  // another key on the same receipt date: due soon 15 working days ahead
  'A-4': { ledger: { received: '2026-09-28', events: [] }, settings: { dueSoonWorkdays: 15 } },
  // 9/28–30 (3), 10/8–9 (5), 10/10 (6), 10/12–16 (11), 10/19–23 (16), 10/26–29 (20): due 10/29
  'A-5': { ledger: { received: '2026-09-24', events: [] } },
  // 9/20 Sun 调休 (1), 9/21–24 (5), 9/28–30 (8), 10/8–9 (10), 10/10 (11), 10/12–16 (16), 10/19–22 (20): due 10/22
  'A-6': { ledger: { events: [{ type: 'received', date: '2026-09-18', channel: 'online' }] } },
  // received after today (recorded ahead): counted from its receipt
  'A-7': { ledger: { received: '2026-10-09', events: [] } },
  // 9/1–4 (4), 9/7–11 (9), 9/14–18 (14), 9/20 Sun 调休 (15), 9/21–24 (19), 9/28 (20): due 9/28, overdue on 9/30
  'A-8': { ledger: { received: '2026-08-31', events: [] } },
  // replayed by the engine: an extension (条例 第三十三条第二款), an open consultation (第三十三条第三款), a 补正 awaited (第三十条)
  'E-1': { ledger: { received: '2026-09-24', events: [{ type: 'extension_approved', date: '2026-09-29', workdays: 15 }] } },
  'E-2': { ledger: { received: '2026-09-24', events: [{ type: 'consultation_started', date: '2026-09-28' }] } },
  'E-3': { ledger: { received: '2026-09-28', events: [{ type: 'correction_requested', date: '2026-09-29' }] } },
  // tracked later (see the steps)
  'B-1': { ledger: { received: '2026-09-28', events: [] } },
};

interface Seen { due: string | null; provisional: boolean; status: string; open: boolean; updatedAt: string }

describe.each(engines())('plain clocks read through their key after a calendar change (%s)', (engine) => {
  let t: TestApp;
  let agencyId: number;
  let now = new Date('2026-09-30T03:00:00Z');
  const model = new Map<string, Seen>();
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => now });
    agencyId = (await t.db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const calendarNow = async () => createCalendar(effectiveYearData(await loadYears(t.db), await loadEdits(t.db)));
  const evaluationDay = (l: Ledger, today: string) => [l.received ?? '', ...(l.events ?? []).map((e) => e.date)].reduce((a, b) => (b > a ? b : a), today);
  async function engineResult(id: string) {
    const c = CLOCKS[id]!;
    const x = computeDeadline(c.ledger, await calendarNow(), c.settings ?? null, evaluationDay(c.ledger, shanghaiToday(now)), { explain: false });
    return { due: x.due, provisional: x.provisional, status: x.status };
  }
  async function track(ids: string[]) {
    await t.db.transaction().execute(async (trx) => {
      for (const id of ids) await t.services.deadlines.track(trx, { agencyId, entity: 'key-test', entityId: id, kind: 'reply', ledger: CLOCKS[id]!.ledger, settings: CLOCKS[id]!.settings ?? null });
    });
    for (const id of ids) {
      const x = await engineResult(id);
      model.set(id, { ...x, open: x.status !== 'closed', updatedAt: now.toISOString() });
    }
  }
  /** the calendar change as an administrator makes it; the model rewrites every open clock whose result changed (decision 200) */
  async function change(date: string, workday: boolean) {
    const res = await t.services.calendar.editDay({ userId: null, displayName: '测试' } as never, { date, workday, reason: `测试：${workday ? '调休上班' : '临时放假'}（依据某某通知）` });
    const expected: [string, string | null, string | null][] = [];
    for (const [id, m] of model) {
      if (!m.open) continue;
      const x = await engineResult(id);
      if (x.due !== m.due) expected.push([id, m.due, x.due]);
      if (x.due !== m.due || x.provisional !== m.provisional || x.status !== m.status) model.set(id, { ...m, ...x, open: x.status !== 'closed', updatedAt: now.toISOString() });
    }
    const ids = await dbIds();
    expected.sort((a, b) => ids.get(a[0])! - ids.get(b[0])!);
    const moved = res.moved.filter((m) => m.entity === 'key-test');
    return { moved: moved.map((m) => [m.entityId, m.oldDue, m.newDue]), expected };
  }
  async function dbIds() {
    return new Map((await t.db.selectFrom('deadlines').select(['id', 'entity_id']).where('entity', '=', 'key-test').execute()).map((r) => [r.entity_id, r.id]));
  }
  /** what the deadlines service shows for every clock of the model */
  async function seen() {
    const out: Record<string, Seen> = {};
    for (const id of model.keys()) {
      const r = (await t.services.deadlines.get(t.db, 'key-test', id, 'reply'))!;
      out[id] = { due: r.due, provisional: r.provisional, status: r.status, open: r.open, updatedAt: r.updatedAt };
    }
    return out;
  }
  async function expectModel(afterChange = true) {
    expect(await seen()).toEqual(Object.fromEntries(model));
    // and, right after a change (its day is today), the model's open clocks are what the engine computes now
    if (afterChange) for (const [id, m] of model) if (m.open) expect({ id, ...(await engineResult(id)) }).toEqual({ id, due: m.due, provisional: m.provisional, status: m.status });
  }
  /** the rows as stored (not through the view) */
  const stored = async () => Object.fromEntries((await t.db.selectFrom('deadlines').select(['entity_id', 'due', 'status', 'updated_at', 'plain_gen']).where('entity', '=', 'key-test').execute()).map((r) => [r.entity_id, r]));

  it('track computes every clock as the engine does (2026 中秋 and 国庆)', async () => {
    await track(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8', 'E-1', 'E-2', 'E-3']);
    expect(Object.fromEntries(['A-1', 'A-3', 'A-4', 'A-5', 'A-6', 'A-8'].map((id) => [id, model.get(id)!.due]))).toEqual({
      'A-1': '2026-10-30', 'A-3': '2026-10-30', 'A-4': '2026-10-30', 'A-5': '2026-10-29', 'A-6': '2026-10-22', 'A-8': '2026-09-28',
    });
    expect(model.get('A-4')!.status).toBe('on_time');
    expect(model.get('A-8')!.status).toBe('overdue');
    await expectModel();
  });

  it('a Monday made a day off: the moved list and every clock as before, the plain clocks\' rows not written', async () => {
    const before = await stored();
    const { moved, expected } = await change('2026-10-12', false);
    expect(moved).toEqual(expected);
    // each plain clock due on or after 10/12 moves one working day
    expect(moved.filter((m) => m[0]!.startsWith('A-'))).toEqual([
      ['A-1', '2026-10-30', '2026-11-02'], ['A-2', '2026-10-30', '2026-11-02'], ['A-3', '2026-10-30', '2026-11-02'], ['A-4', '2026-10-30', '2026-11-02'],
      ['A-5', '2026-10-29', '2026-10-30'], ['A-6', '2026-10-22', '2026-10-23'], ['A-7', '2026-11-05', '2026-11-06'],
    ]);
    await expectModel();
    const after = await stored();
    for (const id of ['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8']) expect({ id, ...after[id] }).toEqual({ id, ...before[id] });
    // the extension moved: its row was written by the engine's replay
    expect(after['E-1']!.due).toBe(model.get('E-1')!.due);
  });

  it('clocks tracked after the change keep their own values until the next change; then all follow the key', async () => {
    now = new Date('2026-10-13T03:00:00Z');
    // a new clock on A-1's key, and A-2 tracked again: their status is as of 10/13, A-1's as of the change (9/30)
    await track(['B-1', 'A-2']);
    await expectModel(false);
    const { moved, expected } = await change('2026-10-17', true); // a Saturday made a 调休 working day
    expect(moved).toEqual(expected);
    expect(moved.filter((m) => ['A-1', 'B-1'].includes(m[0]!))).toEqual([['A-1', '2026-11-02', '2026-10-30'], ['B-1', '2026-11-02', '2026-10-30']]);
    await expectModel();
  });

  it('as days pass, statuses follow the day of each change; a change that moves nothing keeps updated_at', async () => {
    now = new Date('2026-10-28T03:00:00Z');
    let r = await change('2026-10-12', true); // back to a working day: A-1 due 10/29, due soon
    expect(r.moved).toEqual(r.expected);
    expect(model.get('A-1')).toMatchObject({ due: '2026-10-29', status: 'due_soon' });
    await expectModel();
    now = new Date('2026-10-29T03:00:00Z');
    // a day off after every due date here: no result changes but the statuses as of 10/29
    r = await change('2026-12-28', false);
    expect(r.moved).toEqual(r.expected);
    await expectModel();
    now = new Date('2026-10-30T03:00:00Z');
    r = await change('2026-12-29', false);
    expect(r.moved).toEqual(r.expected);
    expect(model.get('A-1')).toMatchObject({ due: '2026-10-29', status: 'overdue' });
    await expectModel();
  });

  it('a closed clock keeps the due date it was read with and is no longer recomputed', async () => {
    now = new Date('2026-10-30T05:00:00Z');
    await t.db.transaction().execute((trx) => t.services.deadlines.close(trx, 'key-test', 'A-1', 'reply'));
    model.set('A-1', { ...model.get('A-1')!, status: 'closed', open: false, updatedAt: now.toISOString() });
    expect((await stored())['A-1']).toMatchObject({ due: '2026-10-29', status: 'closed' });
    await expectModel(false);
    const { moved, expected } = await change('2026-10-29', false);
    expect(moved).toEqual(expected);
    expect(moved.map((m) => m[0])).not.toContain('A-1');
    await expectModel();
    // reopened by tracking it again: its own values, then the key's after the next change
    now = new Date('2026-11-02T03:00:00Z');
    await track(['A-1']);
    await expectModel(false);
    const r = await change('2026-10-29', true);
    expect(r.moved).toEqual(r.expected);
    await expectModel();
  });

  it('the deadlines list reads the same values, ordered by the due date read', async () => {
    const list = await t.services.deadlines.list({ role: 'admin', visibleAgencyIds: [agencyId] } as never, { open: true, pageSize: 500 });
    const mine = list.deadlines.filter((d) => d.entity === 'key-test');
    expect(Object.fromEntries(mine.map((d) => [d.entityId, { due: d.due, provisional: d.provisional, status: d.status, open: d.open, updatedAt: d.updatedAt }])))
      .toEqual(Object.fromEntries([...model].filter(([, m]) => m.open)));
    // ordered by due date, then id
    const dues = mine.map((d) => `${d.due ?? ''}`);
    expect(dues.filter((d) => d !== '')).toEqual([...dues.filter((d) => d !== '')].sort());
  });
});
