// Plausibility of civil dates (`YYYY-MM-DD`) entered by people: a real calendar date inside a range.
// Pure: "today" is a parameter, never read from a clock.
import { parseIsoDate } from '../calendar/date.ts';

/**
 * The earliest date any record of this system can carry: 1949-10-01 (founding of the People's Republic;
 * every agency, document, application and appeal handled here is later).
 */
export const EARLIEST_DATE = '1949-10-01';
/**
 * The day the first 《政府信息公开条例》 (国务院令第492号, 第三十八条) came into force: no disclosure application,
 * reply or 复议/诉讼 about one can be dated earlier.
 */
export const OGI_REGULATION_IN_FORCE = '2008-05-01';
/** The latest date accepted where a future date has a meaning (filters, calendar days, validity dates). */
export const LATEST_DATE = '2099-12-31';

export interface DateBounds {
  /** inclusive lower bound, default EARLIEST_DATE */
  min?: string;
  /** inclusive upper bound, default LATEST_DATE (pass today for dates that cannot lie in the future) */
  max?: string;
}

/**
 * Why `value` is not an acceptable date for the field `label`, in plain Chinese, or null when it is.
 * Checks, in order: the `YYYY-MM-DD` shape, a real calendar date (no 2026-02-30, no month 13), the bounds.
 */
export function dateProblem(value: unknown, label: string, bounds: DateBounds = {}): string | null {
  const min = bounds.min ?? EARLIEST_DATE;
  const max = bounds.max ?? LATEST_DATE;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${label}的格式应为 YYYY-MM-DD，例如 2026-03-02`;
  if (parseIsoDate(value) === null) return `${label}“${value}”不是日历上存在的日期`;
  if (value < min) return `${label}不能早于 ${min}`;
  if (value > max) return max === LATEST_DATE ? `${label}不能晚于 ${max}` : `${label}不能晚于今天（${max}）`;
  return null;
}

/** True when `value` is a real calendar date inside the bounds. */
export function isPlausibleDate(value: unknown, bounds: DateBounds = {}): value is string {
  return dateProblem(value, '日期', bounds) === null;
}
