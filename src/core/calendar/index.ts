// Public interface of the working-day calendar (pure core).
export type { Calendar, CalendarData, CalendarOptions, DayEdit, DayInfo, DayKind, FixedHolidayRule, HolidayEntry, IsoDate, YearData } from './types.ts';
export { createCalendar, CalendarDataError } from './calendar.ts';
export { yearFromHolidayCn, yearToHolidayCn, applyDayEdits } from './holiday-cn.ts';
export type { HolidayCnDay, HolidayCnYear } from './holiday-cn.ts';
export { SHIPPED_YEARS } from './data/index.ts';
export { FIXED_DATE_HOLIDAYS } from './data/fixed-holidays.ts';
export * as dates from './date.ts';

import { createCalendar } from './calendar.ts';
import { SHIPPED_YEARS } from './data/index.ts';
import type { Calendar } from './types.ts';

let shipped: Calendar | undefined;
/** The calendar of the shipped data only (built once). */
export function shippedCalendar(): Calendar {
  shipped ??= createCalendar(SHIPPED_YEARS);
  return shipped;
}
