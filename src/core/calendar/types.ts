// Types of the working-day calendar. Everything here is plain JSON-serialisable data, so the
// database can store a year (shipped, imported or edited) and rebuild the calendar from it.

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai civil date; no time, no zone). */
export type IsoDate = string;

/** One holiday of a 国务院办公厅 notice: the days off and the 调休 working days that go with it. */
export interface HolidayEntry {
  /** Name as printed in the notice, e.g. `春节`, `中秋节、国庆节`. */
  name: string;
  /** Days off: single dates or inclusive ranges `YYYY-MM-DD..YYYY-MM-DD` (weekend days inside the break included). */
  off: string[];
  /** 调休上班日: Saturdays/Sundays declared working days. */
  work?: string[];
  /** The notice this entry comes from when it is not the year's first notice (adjustments, extensions). */
  notice?: string;
}

/** A single-day correction made by an administrator, always with a reason (audited by the caller). */
export interface DayEdit {
  date: IsoDate;
  /** true = working day, false = day off. */
  workday: boolean;
  reason: string;
  /** Optional display name (e.g. `春节`), defaults to `临时调整`. */
  name?: string;
}

/**
 * The calendar data of one year, keyed by the NOTICE's year: it may also govern late-December
 * dates of the previous year (e.g. the 2023 notice makes 2022-12-31 a holiday).
 * A year whose `notices` is empty is "not announced": its dates are computed with the fixed-date
 * holidays and are provisional; its holidays/edits (if any) still apply on top.
 */
export interface YearData {
  year: number;
  /** References of the notices (文号), or addresses for imported data (holiday-cn `papers`). */
  notices: string[];
  holidays: HolidayEntry[];
  edits?: DayEdit[];
  /** Where the data comes from (informational). */
  source?: 'shipped' | 'imported';
}

/** The whole calendar input: a list of years (JSON). */
export type CalendarData = YearData[];

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface DayInfo {
  date: IsoDate;
  workday: boolean;
  kind: DayKind;
  /** Holiday name for holidays and 调休 days. */
  name?: string;
  /** true when the year's notice is not (yet) known and the day was estimated. */
  provisional: boolean;
  /** The notice (or rule) that decided this day. */
  notice?: string;
  /** Set when an administrator edited the day. */
  edit?: { reason: string };
}

/** One fixed-date holiday rule of 《全国年节及纪念日放假办法》, used for years with no notice. */
export interface FixedHolidayRule {
  name: string;
  month: number;
  days: number[];
  /** First and last year the rule is in force (inclusive). */
  fromYear?: number;
  toYear?: number;
  /** The version of the 放假办法 that sets it. */
  source: string;
}

export interface CalendarOptions {
  /**
   * 《全国年节及纪念日放假办法》第六条: a holiday falling on Saturday/Sunday is made up on the next
   * working day(s). Applied to provisional (unannounced) years only. Default true.
   */
  provisionalMakeup?: boolean;
  /** Range of years the calendar can answer for (defaults 1990 … 2100, widened to cover the data). */
  minYear?: number;
  maxYear?: number;
  /** Fixed-date holiday rules for unannounced years (defaults to FIXED_DATE_HOLIDAYS). */
  fixedHolidays?: readonly FixedHolidayRule[];
}

export interface Calendar {
  isWorkday(d: IsoDate): boolean;
  dayInfo(d: IsoDate): DayInfo;
  /** The n-th working day strictly after d (n < 0: the |n|-th strictly before; n = 0: d). */
  addWorkdays(d: IsoDate, n: number): IsoDate;
  /** Number of working days in (a, b]; negative when b < a. */
  workdaysBetween(a: IsoDate, b: IsoDate): number;
  isProvisional(d: IsoDate): boolean;
  /** true when any date in [a, b] is provisional. */
  anyProvisional(a: IsoDate, b: IsoDate): boolean;
  /** Holidays and 调休 working days in [from, to] (inclusive), in date order. */
  specialDays(from: IsoDate, to: IsoDate): DayInfo[];
  /** Years that have an announced notice (not provisional), ascending. */
  years(): number[];
  /** The data the calendar was built from for one year (undefined when none). */
  yearData(year: number): YearData | undefined;
  /** First and last date the calendar can answer for. */
  bounds(): { from: IsoDate; to: IsoDate };
}
