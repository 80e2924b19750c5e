// 条例 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
// 法律、法规对政府信息公开的期限另有规定的，从其规定。
// The due date is the deadline engine's (src/core/deadlines proactiveDeadline over src/core/calendar); this
// module only classifies an item against it for the dashboard. No second calendar here.
import type { Calendar } from '../calendar/types.ts';
import { proactiveDeadline, PROACTIVE_WORKDAYS } from '../deadlines/proactive.ts';

export { PROACTIVE_WORKDAYS };

export type ClockStatus = 'on_time' | 'due_soon' | 'due_today' | 'overdue' | 'published_on_time' | 'published_late';

export interface Article26Clock {
  formedOn: string;
  dueOn: string;
  status: ClockStatus;
  /** Working days left (0 on the due date, negative when overdue); for published items, the margin kept. */
  workingDaysLeft: number;
  provisional: boolean;
  /** "为什么是这一天" */
  explanation: string[];
}

/** The 第二十六条 clock of an item; warning when ≤ `warnWithin` working days are left. `today` is passed in (core has no clock). */
export function article26Clock(args: {
  calendar: Calendar;
  formedOn: string;
  today: string;
  publishedOn?: string | null;
  workdays?: number;
  warnWithin?: number;
}): Article26Clock {
  const warn = args.warnWithin ?? 5;
  const d = proactiveDeadline(args.formedOn, args.calendar, args.workdays ? { workdays: args.workdays } : {});
  const base = { formedOn: args.formedOn, dueOn: d.due, provisional: d.provisional, explanation: d.explanation };
  if (args.publishedOn) {
    return { ...base, status: args.publishedOn <= d.due ? 'published_on_time' : 'published_late', workingDaysLeft: args.calendar.workdaysBetween(args.publishedOn, d.due) };
  }
  const left = args.calendar.workdaysBetween(args.today, d.due);
  const status: ClockStatus = args.today > d.due ? 'overdue' : args.today === d.due ? 'due_today' : left <= warn ? 'due_soon' : 'on_time';
  return { ...base, status, workingDaysLeft: left };
}

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  on_time: '期限内',
  due_soon: '即将到期',
  due_today: '今日到期',
  overdue: '已超期',
  published_on_time: '按时公开',
  published_late: '逾期公开',
};
