// 条例 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
// 法律、法规对政府信息公开的期限另有规定的，从其规定。
// The working-day arithmetic is the calendar engine's (src/core/calendar, src/core/deadlines); this module only
// states the rule and classifies an item against its due date. The calendar is passed in, never re-implemented.

/** 第二十六条: 20 个工作日 (a law or 法规 may set another period: pass `days`). */
export const ARTICLE26_WORKING_DAYS = 20;

/** The part of the calendar engine this rule needs (dates are YYYY-MM-DD, Asia/Shanghai calendar dates). */
export interface WorkingDayCalendar {
  /** The date n working days after `from` (the day of `from` itself not counted). */
  addWorkingDays(from: string, n: number): string;
  /** Working days strictly after `from` up to and including `to` (negative when `to` is before `from`). */
  workingDaysBetween(from: string, to: string): number;
  /** Whether a year's holiday notice is known; a deadline running into an unknown year is provisional. */
  isYearKnown?(year: number): boolean;
}

export type ClockStatus = 'on_time' | 'due_soon' | 'due_today' | 'overdue' | 'published_on_time' | 'published_late';

export interface Article26Clock {
  formedOn: string;
  dueOn: string;
  status: ClockStatus;
  /** Working days left (0 on the due date; negative when overdue); for published items, days used. */
  workingDaysLeft: number;
  provisional: boolean;
  /** "为什么是这一天" */
  explanation: string;
}

/**
 * The 第二十六条 clock of an item: due = formedOn + 20 working days; warnings when ≤ `warnWithin` working days are left.
 * `today` and `publishedOn` are calendar dates passed in (core has no clock).
 */
export function article26Clock(args: {
  calendar: WorkingDayCalendar;
  formedOn: string;
  today: string;
  publishedOn?: string | null;
  days?: number;
  warnWithin?: number;
}): Article26Clock {
  const days = args.days ?? ARTICLE26_WORKING_DAYS;
  const warn = args.warnWithin ?? 5;
  const dueOn = args.calendar.addWorkingDays(args.formedOn, days);
  const provisional = args.calendar.isYearKnown ? !args.calendar.isYearKnown(Number(dueOn.slice(0, 4))) || !args.calendar.isYearKnown(Number(args.formedOn.slice(0, 4))) : false;
  const explanation = `自形成或变更之日（${args.formedOn}）起 ${days} 个工作日内公开（条例第二十六条），截止 ${dueOn}${provisional ? '（节假日安排尚未公布，日期暂定）' : ''}`;
  if (args.publishedOn) {
    const used = args.calendar.workingDaysBetween(args.formedOn, args.publishedOn);
    return { formedOn: args.formedOn, dueOn, status: args.publishedOn <= dueOn ? 'published_on_time' : 'published_late', workingDaysLeft: days - used, provisional, explanation };
  }
  const left = args.calendar.workingDaysBetween(args.today, dueOn);
  const status: ClockStatus = args.today > dueOn ? 'overdue' : args.today === dueOn ? 'due_today' : left <= warn ? 'due_soon' : 'on_time';
  return { formedOn: args.formedOn, dueOn, status, workingDaysLeft: args.today > dueOn ? -args.calendar.workingDaysBetween(dueOn, args.today) : left, provisional, explanation };
}

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  on_time: '期限内',
  due_soon: '即将到期',
  due_today: '今日到期',
  overdue: '已超期',
  published_on_time: '按时公开',
  published_late: '逾期公开',
};
