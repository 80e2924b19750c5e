// The working-day calendar in force: the shipped notices (src/core/calendar/data), with the years an
// administrator imported replacing shipped ones, and single-day edits on top. Every change recomputes
// every open deadline in the same transaction and reports the records whose due date moved.
import type { Kysely } from 'kysely';
import {
  applyDayEdits, CalendarDataError, createCalendar, dates, SHIPPED_YEARS, yearFromHolidayCn,
  type Calendar, type DayEdit, type DayInfo, type YearData,
} from '../../core/calendar/index.ts';
import { computeDeadline, type DeadlineResult, type Ledger } from '../../core/deadlines/index.ts';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { AuditService } from '../audit/audit.service.ts';

/** A signed-in administrator, or the system (CLI: `gongkai calendar import`). */
export type CalendarActor = Actor | { userId: null; displayName: string; requestId?: string };
const authorise = (actor: CalendarActor) => {
  if ('role' in actor) assertRole(actor, 'admin');
};
import { assertRole, type Actor } from '../shared/actor.ts';
import { validationFailed } from '../shared/errors.ts';
import type { DeadlinesService, MovedRecord } from '../deadlines/deadlines.service.ts';
import type { CacheSignals } from '../cluster/cluster.service.ts';
import { shanghaiToday } from '../deadlines/deadlines.service.ts';
import { calendarRevision, findEdit, findYear, loadEdits, loadYears, upsertEdit, upsertYear, type EditRow, type Executor, type YearRow } from './calendar.repository.ts';

export interface CalendarStore {
  /** The calendar in force (cached; re-read when the stored data changed). */
  current(ex?: Executor): Promise<Calendar>;
  /** The effective year data (shipped ← imported) with the edits attached to their years. */
  effectiveYears(ex?: Executor): Promise<YearData[]>;
  /** After a change of the calendar has committed: drop this process's copy and tell the other processes. */
  invalidate(): void;
}

/** The cache signal of the calendar (decision 095): bumped by a process that changed it. */
export const CALENDAR_SIGNAL = 'calendar';
/** How long a copy told fresh by the cache signals is used without reading the revision (bounds a lost signal). */
const TRUSTED_MS = 5_000;

/** Shipped years replaced by imported ones; each edit attached to the year of its date. */
export function effectiveYearData(imported: readonly YearRow[], edits: readonly EditRow[]): YearData[] {
  const byYear = new Map<number, YearData>();
  for (const y of SHIPPED_YEARS) byYear.set(y.year, y);
  for (const r of imported) byYear.set(r.year, { ...(JSON.parse(r.data_json) as YearData), year: r.year, source: 'imported' });
  const editsByYear = new Map<number, DayEdit[]>();
  for (const e of edits) {
    const y = Number(e.date.slice(0, 4));
    const list = editsByYear.get(y) ?? [];
    const de: DayEdit = { date: e.date, workday: e.workday === 1, reason: e.reason };
    if (e.name) de.name = e.name;
    list.push(de);
    editsByYear.set(y, list);
  }
  for (const [y, list] of editsByYear) {
    const base = byYear.get(y) ?? { year: y, notices: [], holidays: [] }; // an unannounced year stays provisional
    byYear.set(y, { ...base, edits: list });
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * The calendar in force, cached per process. Inside a transaction (`ex`), and whenever the cache signals are not
 * polling, the stored revision is read on every use (one statement), so a change by any process holds at once.
 * A server polls the signals (every CACHE_POLL_MS): then a plain read uses the copy without a statement while the
 * signals are fresh and for at most TRUSTED_MS after the revision was last read, and a change on another process
 * reaches this one at its next poll (the calendar service bumps CALENDAR_SIGNAL after each change commits).
 */
export function createCalendarStore(db: Kysely<Database>, opts: { signals?: CacheSignals } = {}): CalendarStore {
  let cached: { revision: string; calendar: Calendar; years: YearData[]; checkedAt: number } | null = null;
  // moves on every drop: a load that began before a drop must not keep what it read
  let epoch = 0;
  const drop = () => {
    epoch += 1;
    cached = null;
  };
  opts.signals?.subscribe(CALENDAR_SIGNAL, drop);
  async function load(ex: Executor | undefined) {
    if (!ex && cached && opts.signals?.fresh() && performance.now() - cached.checkedAt <= TRUSTED_MS) return cached;
    const started = epoch;
    const revision = await calendarRevision(ex ?? db);
    if (cached && cached.revision === revision) {
      if (!ex && started === epoch) cached.checkedAt = performance.now();
      return cached;
    }
    const years = effectiveYearData(await loadYears(ex ?? db), await loadEdits(ex ?? db));
    const fresh = { revision, calendar: createCalendar(years), years, checkedAt: ex ? -Infinity : performance.now() };
    // what a transaction read may not be committed yet, and a load overtaken by a drop may be stale: neither is kept
    // as the copy to trust (the revision check still decides whether it is used next time)
    if (started === epoch) cached = fresh;
    return fresh;
  }
  return {
    async current(ex) {
      return (await load(ex)).calendar;
    },
    async effectiveYears(ex) {
      return (await load(ex)).years;
    },
    invalidate() {
      drop();
      void opts.signals?.bump(CALENDAR_SIGNAL).catch(() => undefined);
    },
  };
}

export interface CalendarChange {
  moved: MovedRecord[];
}

export interface MonthView {
  month: number;
  /** weeks of 7 cells (Monday first); null = a day of another month */
  weeks: (DayInfo | null)[][];
}

export interface YearView {
  year: number;
  /** The years the page offers: the calendar data's first announced year − 1 to its last + 1. */
  range: { from: number; to: number };
  announced: boolean;
  source: 'shipped' | 'imported' | 'none';
  notices: string[];
  months: MonthView[];
  edits: { date: string; workday: boolean; name: string | null; reason: string }[];
  holidays: { name: string; off: string[]; work: string[] }[];
}

export const DEADLINE_PRESETS = ['plain', 'correction', 'consultation', 'extension'] as const;
export type DeadlinePreset = (typeof DEADLINE_PRESETS)[number];

/** A sample ledger received on `date` (for the "计算期限" form). */
export function presetLedger(calendar: Calendar, date: string, preset: DeadlinePreset): Ledger {
  const next = (n: number) => calendar.addWorkdays(date, n);
  switch (preset) {
    case 'plain':
      return { received: date, events: [] };
    case 'correction': // 补正 asked on the 3rd working day, corrected application received 5 working days later
      return { received: date, events: [{ type: 'correction_requested', date: next(3) }, { type: 'correction_received', date: next(8) }] };
    case 'consultation': // third party consulted from the 2nd working day for the full 15 working days
      return { received: date, events: [{ type: 'consultation_started', date: next(2) }, { type: 'consultation_ended', date: calendar.addWorkdays(next(2), 15) }] };
    case 'extension': // extension of 20 working days approved on the 18th working day
      return { received: date, events: [{ type: 'extension_approved', date: next(18), workdays: 20 }] };
  }
}

export interface CalendarService {
  current(): Promise<Calendar>;
  yearView(year: number): Promise<YearView>;
  /** Import a year (holiday-cn JSON), replacing the shipped/imported data of that year. Admin only. */
  importYear(actor: CalendarActor, input: { json: unknown; year?: number }): Promise<CalendarChange & { year: number; notices: string[] }>;
  /** Edit one day (working day or day off) with a reason. Admin only. */
  editDay(actor: CalendarActor, input: { date: string; workday: boolean; reason: string; name?: string | null }): Promise<CalendarChange & { date: string }>;
  /** The due date and explanation of a sample ledger received on `date`. */
  explain(date: string, preset: DeadlinePreset): Promise<{ ledger: Ledger; result: DeadlineResult }>;
}

export function createCalendarService(
  db: Kysely<Database>,
  deps: { audit: AuditService; deadlines: DeadlinesService; store: CalendarStore; clock?: () => Date },
): CalendarService {
  const clock = deps.clock ?? (() => new Date());
  const { store } = deps;

  const problemsToFields = (field: string, e: CalendarDataError) => validationFailed(e.problems.map((m) => ({ field, message: m })), e.message);

  return {
    current: () => store.current(),

    async yearView(asked) {
      const calendar = await store.current();
      const known = calendar.years();
      const thisYear = Number(clock().toISOString().slice(0, 4));
      const range = known.length ? { from: Math.min(...known) - 1, to: Math.max(...known) + 1 } : { from: thisYear - 1, to: thisYear + 1 };
      // A year outside the data's range ± 1 shows the nearest year of the range (there is nothing to show there).
      const year = Math.min(range.to, Math.max(range.from, asked));
      const row = await findYear(db, year);
      const data = calendar.yearData(year);
      const announced = calendar.years().includes(year);
      const months: MonthView[] = [];
      for (let m = 1; m <= 12; m++) {
        const first = `${year}-${String(m).padStart(2, '0')}-01`;
        const days = dates.daysInMonth(year, m);
        const lead = (dates.weekdayOf(first) + 6) % 7; // Monday = 0
        const cells: (DayInfo | null)[] = Array(lead).fill(null);
        for (let d = 1; d <= days; d++) cells.push(calendar.dayInfo(`${first.slice(0, 8)}${String(d).padStart(2, '0')}`));
        while (cells.length % 7) cells.push(null);
        const weeks: (DayInfo | null)[][] = [];
        for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
        months.push({ month: m, weeks });
      }
      const edits = (await loadEdits(db)).filter((e) => e.date.startsWith(`${year}-`)).map((e) => ({ date: e.date, workday: e.workday === 1, name: e.name, reason: e.reason }));
      const holidays = (data?.holidays ?? []).map((h) => ({ name: h.name, off: h.off, work: h.work ?? [] }));
      return { year, range, announced, source: row ? 'imported' : data && data.notices.length ? 'shipped' : 'none', notices: data?.notices ?? [], months, edits, holidays };
    },

    async importYear(actor, input) {
      authorise(actor);
      let year: YearData;
      try {
        year = yearFromHolidayCn(input.json, input.year);
      } catch (e) {
        if (e instanceof CalendarDataError) throw problemsToFields('json', e);
        throw e;
      }
      const result = await db.transaction().execute(async (trx) => {
        const before = await findYear(trx, year.year);
        const at = nowIso(clock);
        await upsertYear(trx, { year: year.year, data_json: JSON.stringify({ year: year.year, notices: year.notices, holidays: year.holidays }), notices: year.notices.join('；'), imported_by: actor.userId, at });
        const newCalendar = createCalendar(effectiveYearData(await loadYears(trx), await loadEdits(trx)));
        const moved = await deps.deadlines.recomputeOpen(trx, newCalendar);
        await deps.audit.record(trx, {
          actor,
          agencyId: null,
          action: 'calendar.import',
          entity: 'calendar_year',
          entityId: year.year,
          before: before ? JSON.parse(before.data_json) : null,
          after: { ...year, movedDeadlines: moved.length },
        });
        return { year: year.year, notices: year.notices, moved };
      });
      store.invalidate();
      return result;
    },

    async editDay(actor, input) {
      authorise(actor);
      if (!dates.isIsoDate(input.date)) throw validationFailed([{ field: 'date', message: `日期“${input.date}”不是有效的 YYYY-MM-DD 日期` }]);
      const y = Number(input.date.slice(0, 4));
      if (y < 1990 || y > 2100) throw validationFailed([{ field: 'date', message: '日期应在 1990 年至 2100 年之间' }]);
      const edit: DayEdit = { date: input.date, workday: input.workday, reason: input.reason ?? '' };
      if (input.name && input.name.trim()) edit.name = input.name.trim();
      try {
        applyDayEdits({ year: y, notices: [], holidays: [] }, [edit]); // validation only (reason, date)
      } catch (e) {
        if (e instanceof CalendarDataError) throw validationFailed(e.problems.map((m) => ({ field: /理由/.test(m) ? 'reason' : 'date', message: m.replace(/^第 1 处修改：/, '') })));
        throw e;
      }
      const result = await db.transaction().execute(async (trx) => {
        const oldCalendar = await store.current(trx);
        const before = await findEdit(trx, input.date);
        const beforeDay = oldCalendar.dayInfo(input.date);
        await upsertEdit(trx, { date: input.date, workday: input.workday, name: edit.name ?? null, reason: edit.reason.trim(), edited_by: actor.userId, at: nowIso(clock) });
        const newCalendar = createCalendar(effectiveYearData(await loadYears(trx), await loadEdits(trx)));
        const moved = await deps.deadlines.recomputeOpen(trx, newCalendar);
        await deps.audit.record(trx, {
          actor,
          agencyId: null,
          action: 'calendar.edit_day',
          entity: 'calendar_day',
          entityId: input.date,
          before: { workday: beforeDay.workday, kind: beforeDay.kind, name: beforeDay.name ?? null, previousEdit: before ?? null },
          after: { workday: input.workday, name: edit.name ?? null, reason: edit.reason.trim(), movedDeadlines: moved.length },
        });
        return { date: input.date, moved };
      });
      store.invalidate();
      return result;
    },

    async explain(date, preset) {
      if (!dates.isIsoDate(date)) throw validationFailed([{ field: 'date', message: `日期“${date}”不是有效的 YYYY-MM-DD 日期` }]);
      const calendar = await store.current();
      const ledger = presetLedger(calendar, date, preset);
      return { ledger, result: computeDeadline(ledger, calendar, null) };
    },
  };
}

export { shanghaiToday };
