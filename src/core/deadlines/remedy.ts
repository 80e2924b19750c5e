// Remedy periods printed in reply letters (条例 第五十一条), counted in calendar days / months:
//  - 行政复议法（2023）第二十条: 自知道或者应当知道该行政行为之日起六十日内提出行政复议申请;
//  - 行政诉讼法 第四十六条: 自知道或者应当知道作出行政行为之日起六个月内提出.
// Counting: 民法典 第二百零一条 (start day not counted) and 第二百零二条 (month periods end on the corresponding
// day, else the month's last day). The last day falling on a 法定休假日 moves to the next working day — the
// 民事诉讼法 rule on 期间, applied through 行政复议法 第八十八条 and 行政诉讼法 第一百零一条 — when a calendar is given.
import type { Calendar } from '../calendar/types.ts';
import { addDays, addMonths, isIsoDate } from '../calendar/date.ts';
import { LedgerError } from './errors.ts';

export const RECONSIDERATION_DAYS = 60;
export const LITIGATION_MONTHS = 6;

export interface RemedyPeriod {
  /** Last day by the count alone. */
  nominal: string;
  /** Last day after moving off a non-working day (equals nominal when no calendar is given). */
  due: string;
  rule: string;
}

function roll(calendar: Calendar | undefined, d: string): string {
  if (!calendar || calendar.isWorkday(d)) return d;
  return calendar.addWorkdays(d, 1);
}

export function remedyDeadlines(knownDate: string, calendar?: Calendar): { reconsideration: RemedyPeriod; litigation: RemedyPeriod } {
  if (!isIsoDate(knownDate)) throw new LedgerError(`知道行政行为的日期“${String(knownDate)}”不是有效的 YYYY-MM-DD 日期`, null);
  const r = addDays(knownDate, RECONSIDERATION_DAYS);
  const l = addMonths(knownDate, LITIGATION_MONTHS);
  return {
    reconsideration: { nominal: r, due: roll(calendar, r), rule: '自知道或者应当知道该行政行为之日起六十日内申请行政复议（行政复议法第二十条）' },
    litigation: { nominal: l, due: roll(calendar, l), rule: '自知道或者应当知道作出行政行为之日起六个月内提起行政诉讼（行政诉讼法第四十六条）' },
  };
}
