// Import/export of a year in the holiday-cn shape `{ year, papers, days: [{ name, date, isOffDay }] }`
// (https://github.com/NateScarlet/holiday-cn), and single-day edits. Pure, validated, every problem
// reported at once in plain Chinese so an administrator can fix the file in one go.
import type { DayEdit, HolidayEntry, YearData } from './types.ts';
import { expandDateSpec, fromEpochDay, parseIsoDate, partsOf, weekdayOfEpoch, weekdayNameZh } from './date.ts';
import { CalendarDataError } from './calendar.ts';

export interface HolidayCnDay {
  name: string;
  date: string;
  isOffDay: boolean;
}
export interface HolidayCnYear {
  year: number;
  papers: string[];
  days: HolidayCnDay[];
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compress sorted epoch days into `a..b` ranges. */
function toSpecs(days: number[]): string[] {
  const sorted = [...days].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    const a = sorted[i] ?? 0;
    const b = sorted[j] ?? 0;
    out.push(a === b ? fromEpochDay(a) : `${fromEpochDay(a)}..${fromEpochDay(b)}`);
    i = j + 1;
  }
  return out;
}

/**
 * Validate a holiday-cn year file and turn it into YearData. Throws CalendarDataError listing every
 * problem. `expectedYear` (optional) is the year the administrator says they are importing.
 */
export function yearFromHolidayCn(json: unknown, expectedYear?: number): YearData {
  const problems: string[] = [];
  if (!isRecord(json)) throw new CalendarDataError(['文件内容不是一个 JSON 对象：应为 {"year": 2026, "papers": [...], "days": [...]}']);
  const year = json.year;
  let y = 0;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    problems.push(`“year”应为 ${MIN_YEAR}–${MAX_YEAR} 之间的四位整数年份，现为“${String(year)}”`);
  } else {
    y = year;
    if (expectedYear !== undefined && expectedYear !== year) problems.push(`文件中的年份是 ${year}，与所选的年份 ${expectedYear} 不一致`);
  }
  const papers = json.papers;
  if (!Array.isArray(papers) || papers.some((p) => typeof p !== 'string' || p.trim() === '')) {
    problems.push('“papers”应为放假通知出处（文号或网址）的字符串列表');
  } else if (papers.length === 0) {
    problems.push('“papers”为空：请至少填写一个放假通知的出处（文号或网址）');
  }
  const days = json.days;
  const groups = new Map<string, { off: number[]; work: number[] }>();
  if (!Array.isArray(days)) {
    problems.push('“days”应为日期列表：[{"name": "春节", "date": "2026-02-15", "isOffDay": true}, …]');
  } else if (days.length === 0) {
    problems.push('“days”为空：一年的放假安排至少应有一天');
  } else {
    const seen = new Map<number, number>();
    days.forEach((d, k) => {
      const at = `第 ${k + 1} 条`;
      if (!isRecord(d)) {
        problems.push(`${at}不是对象，应为 {"name", "date", "isOffDay"}`);
        return;
      }
      const name = d.name;
      const date = d.date;
      const off = d.isOffDay;
      let ok = true;
      if (typeof name !== 'string' || name.trim() === '') {
        problems.push(`${at}：缺少节日名称“name”`);
        ok = false;
      }
      const n = parseIsoDate(date);
      if (n === null) {
        problems.push(`${at}：日期“${String(date)}”不是有效的 YYYY-MM-DD 日期`);
        ok = false;
      }
      if (typeof off !== 'boolean') {
        problems.push(`${at}：“isOffDay”应为 true（放假）或 false（调休上班）`);
        ok = false;
      }
      if (n === null) return;
      const { y: dy, m: dm } = partsOf(n);
      if (y && !(dy === y || (dy === y - 1 && dm === 12))) {
        problems.push(`${at}：日期 ${String(date)} 不属于 ${y} 年（只允许 ${y} 年内的日期或 ${y - 1} 年12月的元旦调休日期）`);
        ok = false;
      }
      const prev = seen.get(n);
      if (prev !== undefined) {
        problems.push(`${at}：日期 ${String(date)} 与第 ${prev + 1} 条重复`);
        ok = false;
      } else seen.set(n, k);
      const w = weekdayOfEpoch(n);
      if (off === false && w !== 0 && w !== 6) {
        problems.push(`${at}：${String(date)} 是${weekdayNameZh(String(date))}，本来就是工作日，不能标为调休上班日（isOffDay: false 只用于周六、周日）`);
        ok = false;
      }
      if (!ok) return;
      const key = (name as string).trim();
      const g = groups.get(key) ?? { off: [], work: [] };
      (off ? g.off : g.work).push(n);
      groups.set(key, g);
    });
  }
  if (problems.length) throw new CalendarDataError(problems);
  const holidays: HolidayEntry[] = [];
  for (const [name, g] of groups) {
    const h: HolidayEntry = { name, off: toSpecs(g.off) };
    if (g.work.length) h.work = toSpecs(g.work);
    holidays.push(h);
  }
  return { year: y, notices: (papers as string[]).map((p) => p.trim()), holidays, source: 'imported' };
}

/** The holiday-cn shape of a YearData (ranges expanded, dates sorted); edits applied last. */
export function yearToHolidayCn(data: YearData): HolidayCnYear {
  const byDate = new Map<number, HolidayCnDay>();
  for (const h of data.holidays) {
    for (const s of h.off) for (const n of expandDateSpec(s)) byDate.set(n, { name: h.name, date: fromEpochDay(n), isOffDay: true });
    for (const s of h.work ?? []) for (const n of expandDateSpec(s)) byDate.set(n, { name: h.name, date: fromEpochDay(n), isOffDay: false });
  }
  for (const e of data.edits ?? []) {
    const n = parseIsoDate(e.date);
    if (n === null) continue;
    const w = weekdayOfEpoch(n);
    const weekend = w === 0 || w === 6;
    if (e.workday === !weekend) byDate.delete(n); // back to an ordinary day
    else byDate.set(n, { name: e.name ?? byDate.get(n)?.name ?? '临时调整', date: e.date, isOffDay: !e.workday });
  }
  const days = [...byDate.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d);
  return { year: data.year, papers: [...data.notices], days };
}

/**
 * Apply single-day edits to a year (pure: returns a new YearData). An edit replaces an earlier edit
 * of the same date. Throws CalendarDataError listing every invalid edit.
 */
export function applyDayEdits(yearData: YearData, edits: readonly DayEdit[]): YearData {
  const problems: string[] = [];
  const merged = new Map<string, DayEdit>();
  for (const e of yearData.edits ?? []) merged.set(e.date, e);
  edits.forEach((e, k) => {
    const at = `第 ${k + 1} 处修改`;
    const n = parseIsoDate(e.date);
    if (n === null) {
      problems.push(`${at}：日期“${String(e.date)}”不是有效的 YYYY-MM-DD 日期`);
      return;
    }
    const { y } = partsOf(n);
    if (y !== yearData.year && !(y === yearData.year - 1 && e.date.slice(5, 7) === '12')) {
      problems.push(`${at}：日期 ${e.date} 不属于 ${yearData.year} 年`);
      return;
    }
    if (typeof e.workday !== 'boolean') {
      problems.push(`${at}：请说明这一天是工作日还是休息日`);
      return;
    }
    if (typeof e.reason !== 'string' || e.reason.trim().length < 2) {
      problems.push(`${at}：请填写修改理由（例如依据的通知文号）`);
      return;
    }
    const clean: DayEdit = { date: e.date, workday: e.workday, reason: e.reason.trim() };
    if (e.name && e.name.trim()) clean.name = e.name.trim();
    merged.set(e.date, clean);
  });
  if (problems.length) throw new CalendarDataError(problems);
  const out: YearData = { ...yearData, edits: [...merged.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) };
  return out;
}
