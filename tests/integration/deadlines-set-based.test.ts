// Recomputing every open deadline after a calendar change: the plain clocks (a receipt and nothing else) are computed
// by one set-based statement over a working-day table (kept per key and read through it, decision 285), the other
// ledgers replayed by the engine (decision 200). After each change — a Monday made a day off, a Saturday made a 调休
// working day, 2027's notice imported — every due date, status and provisional flag as read (deadline_clocks) equals what the core engine computes with the new calendar, and the list of moved
// records is the engine's. Concrete dates on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from './harness.ts';
import { createCalendar } from '../../src/core/calendar/index.ts';
import { computeDeadline, type DeadlineSettings, type Ledger } from '../../src/core/deadlines/index.ts';
import { effectiveYearData } from '../../src/features/calendar/calendar.service.ts';
import { loadEdits, loadYears, upsertEdit } from '../../src/features/calendar/calendar.repository.ts';
import { sql } from 'kysely';

const TODAY = '2024-09-30'; // the clock: 2024-09-30 11:00 in Shanghai

// entity id → ledger, settings; the due date under the shipped calendar (2024 国庆: 10/1–7 off, 9/29 Sun and 10/12 Sat work)
const CLOCKS: { id: string; ledger: Ledger; settings?: Partial<DeadlineSettings>; plain: boolean; due: string | null; status: string; provisional: boolean }[] = [
  // 9/29 Sun (1), 9/30 (2), 10/8–11 (6), 10/12 Sat (7), 10/14–18 (12), 10/21–25 (17), 10/28–30 (20)
  { id: 'P-1', ledger: { received: '2024-09-27', events: [] }, plain: true, due: '2024-10-30', status: 'on_time', provisional: false },
  // 9/4–6 (3), 9/9–13 (8), 9/14 Sat 调休 (9), 9/18–20 (12: 中秋 9/15–17 off), 9/23–27 (17), 9/29 (18), 9/30 (19), 10/8 (20)
  { id: 'P-2', ledger: { received: '2024-09-03', events: [] }, plain: true, due: '2024-10-08', status: 'due_soon', provisional: false },
  { id: 'P-3', ledger: { received: '2024-08-26', events: [] }, plain: true, due: '2024-09-24', status: 'overdue', provisional: false },
  // the catalogue's clock: 第二十六条, 20 working days, stored with settings
  { id: 'P-4', ledger: { received: '2024-09-20', events: [] }, settings: { replyWorkdays: 20 }, plain: true, due: '2024-10-23', status: 'on_time', provisional: false },
  // an agency warns 15 working days ahead: 13 remain (10/8–11, 10/12, 10/14–18, 10/21–23)
  { id: 'P-5', ledger: { received: '2024-09-20', events: [] }, settings: { dueSoonWorkdays: 15 }, plain: true, due: '2024-10-23', status: 'due_soon', provisional: false },
  // the receipt as the first event, with its channel
  { id: 'P-6', ledger: { events: [{ type: 'received', date: '2024-09-27', channel: 'online' }] }, plain: true, due: '2024-10-30', status: 'on_time', provisional: false },
  // received after "today" (a ledger recorded ahead): counted as of its receipt; 10/10–11 (2), 10/12 Sat (3), … 11/5 (20)
  { id: 'P-7', ledger: { received: '2024-10-09', events: [] }, plain: true, due: '2024-11-05', status: 'on_time', provisional: false },
  // across into 2027, whose notice is not shipped: provisional until it is imported
  { id: 'P-8', ledger: { received: '2026-12-20', events: [] }, plain: true, due: '2027-01-18', status: 'on_time', provisional: true },
  // replayed by the engine: an extension, an open consultation, 'same_day' counting, a 补正 awaited
  // N-1: 10/8 plus 10 working days (10/9–11, 10/12 Sat, 10/14–18, 10/21); N-2: the consultation's 6 working days so far
  // (9/24–27, 9/29, 9/30) push 10/23 to 10/31
  { id: 'N-1', ledger: { received: '2024-09-03', events: [{ type: 'extension_approved', date: '2024-09-30', workdays: 10 }] }, plain: false, due: '2024-10-21', status: 'on_time', provisional: false },
  { id: 'N-2', ledger: { received: '2024-09-20', events: [{ type: 'consultation_started', date: '2024-09-23' }] }, plain: false, due: '2024-10-31', status: 'on_time', provisional: false },
  { id: 'N-3', ledger: { received: '2024-09-27', events: [] }, settings: { countFrom: 'same_day' }, plain: false, due: '2024-10-29', status: 'on_time', provisional: false },
  { id: 'N-4', ledger: { received: '2024-09-25', events: [{ type: 'correction_requested', date: '2024-09-27' }] }, plain: false, due: null, status: 'on_time', provisional: false },
];

describe.each(engines())('set-based recomputation of plain clocks (%s)', (engine) => {
  let t: TestApp;
  let agencyId: number;
  beforeAll(async () => {
    t = await createTestApp(engine, { clock: () => new Date(`${TODAY}T03:00:00Z`) });
    agencyId = (await t.db.selectFrom('agencies').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await t.db.transaction().execute(async (trx) => {
      for (const c of CLOCKS) await t.services.deadlines.track(trx, { agencyId, entity: 'set-test', entityId: c.id, kind: 'reply', ledger: c.ledger, settings: c.settings ?? null });
    });
  });
  afterAll(async () => t?.close());

  // what every reader sees: the view deadline_clocks (an open plain clock's values through its key, decision 285)
  const rows = () => t.db.selectFrom('deadline_clocks').select(['entity_id', 'due', 'status', 'provisional', 'plain_from', 'plain_workdays', 'plain_soon']).where('entity', '=', 'set-test').orderBy('entity_id').execute();
  /** what the engine computes for every clock with the calendar now in force */
  async function engineView() {
    const calendar = createCalendar(effectiveYearData(await loadYears(t.db), await loadEdits(t.db)));
    return Object.fromEntries(CLOCKS.map((c) => {
      const x = computeDeadline(c.ledger, calendar, c.settings ?? null, TODAY > (c.ledger.received ?? '') ? TODAY : c.ledger.received, { explain: false });
      return [c.id, { due: x.due, status: x.status, provisional: x.provisional ? 1 : 0 }];
    }));
  }
  async function stored() {
    return Object.fromEntries((await rows()).map((r) => [r.entity_id, { due: r.due, status: r.status, provisional: r.provisional }]));
  }

  it('track marks the plain clocks with their formula inputs and computes the same as the engine', async () => {
    const got = await rows();
    for (const c of CLOCKS) {
      const r = got.find((x) => x.entity_id === c.id)!;
      expect({ id: c.id, due: r.due, status: r.status, provisional: r.provisional === 1, plain: r.plain_from !== null }).toEqual({ id: c.id, due: c.due, status: c.status, provisional: c.provisional, plain: c.plain });
    }
    expect(got.find((r) => r.entity_id === 'P-4')).toMatchObject({ plain_from: '2024-09-20', plain_workdays: 20, plain_soon: 3 });
    expect(got.find((r) => r.entity_id === 'P-5')).toMatchObject({ plain_workdays: 20, plain_soon: 15 });
    expect(await stored()).toEqual(await engineView());
  });

  it('a Monday made a day off moves the clocks across it, as the engine does', async () => {
    const res = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2024-10-14', workday: false, reason: '测试：临时放假（依据某某通知）' } });
    expect(res.statusCode).toBe(200);
    const moved = (res.json().moved as { entity: string; entityId: string; oldDue: string; newDue: string }[]).filter((m) => m.entity === 'set-test').map((m) => [m.entityId, m.oldDue, m.newDue]);
    expect(moved).toEqual([
      ['P-1', '2024-10-30', '2024-10-31'], ['P-4', '2024-10-23', '2024-10-24'], ['P-5', '2024-10-23', '2024-10-24'], ['P-6', '2024-10-30', '2024-10-31'],
      ['P-7', '2024-11-05', '2024-11-06'], ['N-1', '2024-10-21', '2024-10-22'], ['N-2', '2024-10-31', '2024-11-01'], ['N-3', '2024-10-29', '2024-10-30'],
    ]);
    expect(await stored()).toEqual(await engineView());
  });

  it('a Saturday made a 调休 working day, then the next year imported: always the engine\'s results', async () => {
    const sat = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2024-10-19', workday: true, reason: '测试：调休上班（依据某某通知）' } });
    expect(sat.statusCode).toBe(200);
    expect((sat.json().moved as { entity: string; entityId: string; newDue: string }[]).filter((m) => m.entity === 'set-test').map((m) => [m.entityId, m.newDue])).toEqual([
      ['P-1', '2024-10-30'], ['P-4', '2024-10-23'], ['P-5', '2024-10-23'], ['P-6', '2024-10-30'], ['P-7', '2024-11-05'], ['N-1', '2024-10-21'], ['N-2', '2024-10-31'], ['N-3', '2024-10-29'],
    ]);
    expect(await stored()).toEqual(await engineView());
    // 2027 announced: 元旦 1/1 only, so P-8 keeps its date and stops being provisional
    const y2027 = { year: 2027, papers: ['国办发明电〔2026〕测试号'], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] };
    const imp = await t.api('POST', '/api/calendar/import', { as: 'admin', body: { year: 2027, data: y2027 } });
    expect(imp.statusCode).toBe(200);
    expect((imp.json().moved as { entity: string }[]).filter((m) => m.entity === 'set-test')).toEqual([]);
    expect((await stored())['P-8']).toEqual({ due: '2027-01-18', status: 'on_time', provisional: 0 });
    expect(await stored()).toEqual(await engineView());
  });

  it('no index of deadlines holds a recomputed column, so a recomputation writes no index entry (230)', async () => {
    const cols = engine === 'postgres'
      ? (await sql<{ idx: string; col: string }>`select i.relname as idx, a.attname as col from pg_index x join pg_class i on i.oid = x.indexrelid
          join pg_attribute a on a.attrelid = x.indrelid and a.attnum = any(x.indkey) where x.indrelid = 'deadlines'::regclass order by 1, 2`.execute(t.db)).rows
      : (await sql<{ idx: string; col: string }>`select l.name as idx, i.name as col from pragma_index_list('deadlines') l, pragma_index_info(l.name) i order by 1, 2`.execute(t.db)).rows;
    const indexed = new Set(cols.map((c) => c.col));
    expect(['due', 'status', 'provisional', 'updated_at'].filter((c) => indexed.has(c))).toEqual([]);
    expect(cols.filter((c) => c.idx === 'deadlines_agency_open_idx').map((c) => c.col)).toEqual(['agency_id', 'open']);
    if (engine !== 'postgres') return;
    expect((await sql<{ o: string[] }>`select reloptions as o from pg_class where oid = 'deadlines'::regclass`.execute(t.db)).rows[0]!.o).toEqual(['fillfactor=50']);
    // a day off recomputed inside one transaction (then rolled back): every row rewritten is a heap-only update
    let counts: { moved: number; updated: number; hot: number } | null = null;
    const rollback = new Error('rollback');
    await expect(t.db.transaction().execute(async (trx) => {
      await upsertEdit(trx, { date: '2024-10-15', workday: false, name: null, reason: '测试：临时放假（回滚）', edited_by: null, at: '2024-09-30T03:00:00.000Z' });
      const moved = await t.services.deadlines.recomputeOpen(trx, createCalendar(effectiveYearData(await loadYears(trx), await loadEdits(trx))));
      const r = (await sql<{ upd: string; hot: string }>`select pg_stat_get_xact_tuples_updated('deadlines'::regclass) as upd, pg_stat_get_xact_tuples_hot_updated('deadlines'::regclass) as hot`.execute(trx)).rows[0]!;
      counts = { moved: moved.filter((m) => m.entity === 'set-test').length, updated: Number(r.upd), hot: Number(r.hot) };
      throw rollback;
    })).rejects.toBe(rollback);
    // the 8 moved clocks of the table (and the demo data's own open clocks) — all rewritten on their page
    expect(counts!.moved).toBe(8);
    expect(counts!.updated).toBeGreaterThanOrEqual(8);
    expect(counts!.hot).toBe(counts!.updated);
  });

  it('a plain clock without its formula inputs (tracked before migration 200) is replayed by the engine', async () => {
    await t.db.updateTable('deadlines').set({ plain_from: null, plain_workdays: null, plain_soon: null }).where('entity', '=', 'set-test').where('entity_id', '=', 'P-1').execute();
    const res = await t.api('POST', '/api/calendar/days', { as: 'admin', body: { date: '2024-10-21', workday: false, reason: '测试：临时放假（依据某某通知）' } });
    expect(res.statusCode).toBe(200);
    const moved = (res.json().moved as { entityId: string; newDue: string }[]).map((m) => [m.entityId, m.newDue]);
    expect(moved).toContainEqual(['P-1', '2024-10-31']);
    expect(moved).toContainEqual(['P-6', '2024-10-31']);
    expect(await stored()).toEqual(await engineView());
  });
});
