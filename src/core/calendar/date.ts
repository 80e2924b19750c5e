// Pure calendar-date arithmetic on `YYYY-MM-DD` strings, through "epoch days" (days since
// 1970-01-01, UTC). No clock, no time zone: a legal date is a civil date.

const DAY_MS = 86_400_000;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Epoch day of a `YYYY-MM-DD` string, or null when it is not a valid date. */
export function parseIsoDate(s: unknown): number | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const d0 = digit(s, 0), d1 = digit(s, 1), d2 = digit(s, 2), d3 = digit(s, 3);
  const m0 = digit(s, 5), m1 = digit(s, 6), a0 = digit(s, 8), a1 = digit(s, 9);
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0) return null;
  const y = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const m = m0 * 10 + m1;
  const d = a0 * 10 + a1;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return epochDayOf(y, m, d);
}

export function isIsoDate(s: unknown): s is string {
  return parseIsoDate(s) !== null;
}

/** Epoch day of y-m-d (month 1–12). */
export function epochDayOf(y: number, m: number, d: number): number {
  // Days before year y (proleptic Gregorian), relative to 1970-01-01.
  const yy = y - 1;
  const daysBeforeYear = 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 719162;
  return daysBeforeYear + (CUMULATIVE_DAYS[m - 1] ?? 0) + (m > 2 && isLeap(y) ? 1 : 0) + d - 1;
}

/** Epoch day of a date string; throws RangeError (Chinese message) when invalid. */
export function toEpochDay(s: string): number {
  const n = parseIsoDate(s);
  if (n === null) throw new RangeError(`日期格式错误：“${String(s)}”不是有效的 YYYY-MM-DD 日期`);
  return n;
}

/** `YYYY-MM-DD` of an epoch day. */
export function fromEpochDay(n: number): string {
  const dt = new Date(n * DAY_MS);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Parts of an epoch day. */
export function partsOf(n: number): { y: number; m: number; d: number } {
  const dt = new Date(n * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Day of week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpoch(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function weekdayOf(s: string): number {
  return weekdayOfEpoch(toEpochDay(s));
}

export function isWeekend(s: string): boolean {
  const w = weekdayOf(s);
  return w === 0 || w === 6;
}

export function addDays(s: string, n: number): string {
  return fromEpochDay(toEpochDay(s) + n);
}

/** Calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * The date n months after s. 民法典 第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；
 * 没有对应日的，月末日为期间的最后一日.
 */
export function addMonths(s: string, n: number): string {
  const n0 = toEpochDay(s);
  const { y, m, d } = partsOf(n0);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return fromEpochDay(epochDayOf(ty, tm, Math.min(d, daysInMonth(ty, tm))));
}

/** Expand `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` into epoch days; throws on bad input. */
export function expandDateSpec(spec: string): number[] {
  const i = spec.indexOf('..');
  if (i < 0) return [toEpochDay(spec)];
  const a = toEpochDay(spec.slice(0, i));
  const b = toEpochDay(spec.slice(i + 2));
  if (b < a) throw new RangeError(`日期区间错误：“${spec}”的结束日早于开始日`);
  const out: number[] = [];
  for (let n = a; n <= b; n++) out.push(n);
  return out;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
export function weekdayNameZh(s: string): string {
  return WEEKDAY_ZH[weekdayOf(s)] ?? '';
}
