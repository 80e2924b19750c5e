// The working-day calendar (pure). Working day ⇔ (Mon–Fri and not declared off) or declared a
// working day (调休上班日) — 行政许可法 第八十二条 / 行政复议法 第八十八条: 工作日不含法定节假日.
// Built once from the data into per-day arrays with prefix sums, so every question is O(1) or
// O(log n): fast enough to rebuild the calendar on every administrator edit.
import type { Calendar, CalendarOptions, DayInfo, DayKind, FixedHolidayRule, YearData } from './types.ts';
import { epochDayOf, expandDateSpec, fromEpochDay, parseIsoDate, weekdayOfEpoch } from './date.ts';
import { FIXED_DATE_HOLIDAYS } from './data/fixed-holidays.ts';

const KIND_WEEKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_ADJUSTED = 3;
const KINDS: DayKind[] = ['weekday', 'weekend', 'holiday', 'adjusted_workday'];

/** Late-December dates from this day on can be moved by the NEXT year's notice (元旦 bridges: 12-29 … 12-31). */
const DECEMBER_BRIDGE_FROM_DAY = 29;

/**
 * Weekdays (0 = Sunday) of the next 1 January for which that notice can move late-December days: a Tuesday
 * 元旦 bridges Monday 12-31 and makes Saturday 12-29 a working day (2008, 2019 notices); a Wednesday 元旦 could
 * bridge Tuesday 12-31. With 元旦 on Thursday to Monday the bridge and its makeup day fall in January or on
 * a weekend (2015: 1月4日上班), so the announced year's December stands as published.
 */
const BRIDGING_NEW_YEAR_WEEKDAYS = new Set([2, 3]);

interface DayMeta {
  name: string;
  notice?: string;
  edit?: { reason: string };
}

export class CalendarDataError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0] : `日历数据有 ${problems.length} 处问题：\n${problems.map((p, i) => `${i + 1}. ${p}`).join('\n')}`);
    this.name = 'CalendarDataError';
    this.problems = problems;
  }
}

function isAnnounced(y: YearData | undefined): boolean {
  return !!y && y.notices.length > 0;
}

function rulesFor(year: number, rules: readonly FixedHolidayRule[]): FixedHolidayRule[] {
  return rules.filter((r) => (r.fromYear === undefined || year >= r.fromYear) && (r.toYear === undefined || year <= r.toYear));
}

export function createCalendar(data: readonly YearData[], options: CalendarOptions = {}): Calendar {
  const byYear = new Map<number, YearData>();
  for (const y of data) {
    if (!Number.isInteger(y.year)) throw new CalendarDataError([`年份“${String(y.year)}”无效`]);
    byYear.set(y.year, y); // a later entry for the same year replaces an earlier one (import over shipped)
  }
  const dataYears = [...byYear.keys()];
  const minYear = Math.min(options.minYear ?? 1990, ...dataYears.map((y) => y - 1));
  const maxYear = Math.max(options.maxYear ?? 2100, ...dataYears.map((y) => y + 1));
  const start = epochDayOf(minYear, 1, 1);
  const end = epochDayOf(maxYear, 12, 31);
  const size = end - start + 1;

  const work = new Uint8Array(size);
  const kind = new Uint8Array(size);
  const prov = new Uint8Array(size);
  const meta = new Map<number, DayMeta>();
  const fixedRules = options.fixedHolidays ?? FIXED_DATE_HOLIDAYS;
  const makeup = options.provisionalMakeup ?? true;

  // 1. Ordinary weeks: Monday–Friday work, Saturday/Sunday rest.
  for (let i = 0; i < size; i++) {
    const w = weekdayOfEpoch(start + i);
    const weekend = w === 0 || w === 6;
    work[i] = weekend ? 0 : 1;
    kind[i] = weekend ? KIND_WEEKEND : KIND_WEEKDAY;
  }

  const setDay = (n: number, isWork: boolean, m: DayMeta, provisional: boolean) => {
    const i = n - start;
    if (i < 0 || i >= size) return;
    const w = weekdayOfEpoch(n);
    const weekend = w === 0 || w === 6;
    work[i] = isWork ? 1 : 0;
    kind[i] = isWork ? (weekend ? KIND_ADJUSTED : KIND_WEEKDAY) : KIND_HOLIDAY;
    prov[i] = provisional ? 1 : 0;
    meta.set(n, m);
  };

  // 2. Unannounced years: fixed-date holidays only, every day provisional.
  for (let year = minYear; year <= maxYear; year++) {
    if (isAnnounced(byYear.get(year))) continue;
    const y0 = epochDayOf(year, 1, 1) - start;
    const y1 = epochDayOf(year, 12, 31) - start;
    for (let i = Math.max(0, y0); i <= Math.min(size - 1, y1); i++) prov[i] = 1;
    for (const rule of rulesFor(year, fixedRules)) {
      const days = rule.days.map((d) => epochDayOf(year, rule.month, d));
      const m: DayMeta = { name: rule.name, notice: `${rule.source}（${year}年放假安排尚未公布，暂定）` };
      let weekendHits = 0;
      for (const n of days) {
        const w = weekdayOfEpoch(n);
        if (w === 0 || w === 6) weekendHits++;
        setDay(n, false, m, true);
      }
      // 放假办法 第六条: 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假.
      if (makeup && weekendHits > 0) {
        let n = (days[days.length - 1] ?? 0) + 1;
        const mm: DayMeta = { name: rule.name, notice: `《全国年节及纪念日放假办法》第六条（补假，${year}年放假安排尚未公布，暂定）` };
        while (weekendHits > 0 && n - start < size) {
          const i = n - start;
          if (kind[i] === KIND_WEEKDAY) {
            setDay(n, false, mm, true);
            weekendHits--;
          }
          n++;
        }
      }
    }
  }

  // 3. An announced year whose NEXT year is not announced: its last December days may still move.
  for (const [year, y] of byYear) {
    if (!isAnnounced(y) || isAnnounced(byYear.get(year + 1))) continue;
    if (!BRIDGING_NEW_YEAR_WEEKDAYS.has(weekdayOfEpoch(epochDayOf(year + 1, 1, 1)))) continue;
    for (let d = DECEMBER_BRIDGE_FROM_DAY; d <= 31; d++) {
      const i = epochDayOf(year, 12, d) - start;
      if (i >= 0 && i < size && !meta.has(i + start)) prov[i] = 1;
    }
  }

  // 4. Notices, year by year, entries in order (a later entry — an adjustment — wins).
  const sortedYears = [...byYear.values()].sort((a, b) => a.year - b.year);
  const problems: string[] = [];
  for (const y of sortedYears) {
    for (const h of y.holidays) {
      const notice = h.notice ?? y.notices[0];
      const m: DayMeta = notice ? { name: h.name, notice } : { name: h.name };
      const provisional = !isAnnounced(y);
      try {
        for (const spec of h.off) for (const n of expandDateSpec(spec)) setDay(n, false, m, provisional);
        for (const spec of h.work ?? []) for (const n of expandDateSpec(spec)) setDay(n, true, m, provisional);
      } catch (e) {
        problems.push(`${y.year}年“${h.name}”：${(e as Error).message}`);
      }
    }
  }
  // 5. Administrator edits, last.
  for (const y of sortedYears) {
    for (const e of y.edits ?? []) {
      const n = parseIsoDate(e.date);
      if (n === null) {
        problems.push(`${y.year}年的单日修改：日期“${e.date}”无效`);
        continue;
      }
      const prevNotice = meta.get(n)?.notice;
      const m: DayMeta = { name: e.name ?? meta.get(n)?.name ?? '临时调整', edit: { reason: e.reason } };
      if (prevNotice) m.notice = prevNotice;
      setDay(n, e.workday, m, false);
    }
  }
  if (problems.length) throw new CalendarDataError(problems);

  // Prefix sums: cum[i] = working days in [start, start+i]; pcum likewise for provisional days.
  const cum = new Int32Array(size);
  const pcum = new Int32Array(size);
  let c = 0;
  let p = 0;
  for (let i = 0; i < size; i++) {
    c += work[i] ?? 0;
    p += prov[i] ?? 0;
    cum[i] = c;
    pcum[i] = p;
  }

  const fromStr = fromEpochDay(start);
  const toStr = fromEpochDay(end);
  const strCache: (string | undefined)[] = new Array(size);
  const str = (i: number): string => {
    let s = strCache[i];
    if (s === undefined) {
      s = fromEpochDay(start + i);
      strCache[i] = s;
    }
    return s;
  };
  const idx = (d: string): number => {
    const n = parseIsoDate(d);
    if (n === null) throw new RangeError(`日期格式错误：“${String(d)}”不是有效的 YYYY-MM-DD 日期`);
    const i = n - start;
    if (i < 0 || i >= size) throw new RangeError(`日期 ${d} 超出日历范围（${fromStr} 至 ${toStr}）`);
    return i;
  };
  /** Smallest index j >= lo with cum[j] >= target, or -1. */
  const firstReaching = (lo: number, target: number): number => {
    let hi = size - 1;
    if (lo > hi || (cum[hi] ?? 0) < target) return -1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] ?? 0) >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const info = (i: number): DayInfo => {
    const n = start + i;
    const k = kind[i] ?? 0;
    const out: DayInfo = { date: str(i), workday: work[i] === 1, kind: KINDS[k] ?? 'weekday', provisional: prov[i] === 1 };
    const m = meta.get(n);
    if (m) {
      out.name = m.name;
      if (m.notice) out.notice = m.notice;
      if (m.edit) out.edit = m.edit;
    }
    return out;
  };
  const announcedYears = sortedYears.filter(isAnnounced).map((y) => y.year);

  return {
    isWorkday: (d) => work[idx(d)] === 1,
    dayInfo: (d) => info(idx(d)),
    addWorkdays(d, n) {
      const i = idx(d);
      if (!Number.isInteger(n)) throw new RangeError(`工作日数必须是整数：${n}`);
      if (n === 0) return d;
      let j: number;
      if (n > 0) j = firstReaching(i + 1, (cum[i] ?? 0) + n);
      else {
        const before = i > 0 ? (cum[i - 1] ?? 0) : 0;
        const target = before + n + 1;
        j = target >= 1 ? firstReaching(0, target) : -1;
      }
      if (j < 0) throw new RangeError(`从 ${d} 起第 ${n} 个工作日超出日历范围（${fromStr} 至 ${toStr}）`);
      return str(j);
    },
    workdaysBetween(a, b) {
      return (cum[idx(b)] ?? 0) - (cum[idx(a)] ?? 0);
    },
    isProvisional: (d) => prov[idx(d)] === 1,
    anyProvisional(a, b) {
      let i = idx(a);
      let j = idx(b);
      if (j < i) [i, j] = [j, i];
      return (pcum[j] ?? 0) - (i > 0 ? (pcum[i - 1] ?? 0) : 0) > 0;
    },
    specialDays(from, to) {
      const out: DayInfo[] = [];
      const j = idx(to);
      for (let i = idx(from); i <= j; i++) {
        const k = kind[i];
        if (k === KIND_HOLIDAY || k === KIND_ADJUSTED || meta.has(start + i)) out.push(info(i));
      }
      return out;
    },
    years: () => [...announcedYears],
    yearData: (year) => byYear.get(year),
    bounds: () => ({ from: fromStr, to: toStr }),
  };
}
