// Plain-Chinese rendering of dates and of the holidays / 调休 days inside a counting window.
import type { Calendar } from '../calendar/types.ts';
import { addDays, partsOf, toEpochDay } from '../calendar/date.ts';

function md(date: string, refYear: number): string {
  const { y, m, d } = partsOf(toEpochDay(date));
  return `${y === refYear ? '' : `${y}年`}${m}月${d}日`;
}

/** "10月1日至7日", "1月31日至2月6日", "2022年12月31日至2023年1月2日". */
export function rangeZh(a: string, b: string, refYear: number): string {
  if (a === b) return md(a, refYear);
  const pa = partsOf(toEpochDay(a));
  const pb = partsOf(toEpochDay(b));
  if (pa.y === pb.y && pa.m === pb.m) return `${md(a, refYear)}至${pb.d}日`;
  if (pa.y === pb.y && pa.y === refYear) return `${md(a, refYear)}至${pb.m}月${pb.d}日`;
  return `${md(a, refYear)}至${pb.y === pa.y && pa.y !== refYear ? `${pb.m}月${pb.d}日` : md(b, pb.y === refYear ? refYear : -1)}`;
}

function holidayLabel(name: string): string {
  // "国庆节" reads "国庆假期"; "春节" → "春节假期"; "中秋节、国庆节" → "中秋节、国庆假期".
  return `${name.replace(/国庆节$/, '国庆')}假期`;
}

/**
 * "，其间10月1日至7日为国庆假期，9月29日、10月12日为调休上班日" for the window (after, to].
 * Empty string when the window has no holiday and no 调休 day.
 */
export function windowText(calendar: Calendar, after: string, to: string, refYear: number): string {
  if (to <= after) return '';
  const days = calendar.specialDays(addDays(after, 1), to);
  const blocks: { name: string; from: string; to: string }[] = [];
  const adjusted: string[] = [];
  for (const d of days) {
    if (d.kind === 'adjusted_workday') {
      adjusted.push(md(d.date, refYear));
      continue;
    }
    if (d.kind !== 'holiday') continue;
    const name = d.name ?? '节假日';
    const last = blocks[blocks.length - 1];
    if (last && last.name === name && addDays(last.to, 1) === d.date) last.to = d.date;
    else blocks.push({ name, from: d.date, to: d.date });
  }
  const parts = blocks.map((b) => `${rangeZh(b.from, b.to, refYear)}为${holidayLabel(b.name)}`);
  if (adjusted.length) parts.push(`${adjusted.join('、')}为调休上班日`);
  return parts.length ? `，其间${parts.join('，')}` : '';
}

/** Years in [a, b] that have no announced notice in the calendar. */
export function unannouncedYears(calendar: Calendar, a: string, b: string): number[] {
  const known = new Set(calendar.years());
  const out: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!known.has(y)) out.push(y);
  return out;
}

/**
 * Why a window [a, b] is provisional, in words: the years without a notice, or — when every year in it is
 * announced — the next year's notice that may still move late December (元旦 bridge, calendar.ts).
 */
export function provisionalReason(calendar: Calendar, a: string, b: string): string {
  const ys = unannouncedYears(calendar, a, b);
  if (ys.length) return `${ys.join('、')}年的放假安排尚未公布`;
  const y = Number(b.slice(0, 4));
  return `${y + 1}年的放假安排尚未公布，${y}年12月底的工作日可能因元旦调休变动`;
}
