// Date display. Dates with legal meaning are calendar dates 'YYYY-MM-DD' (Asia/Shanghai);
// ui.md: "2026年11月27日" in prose, "2026-11-27" in tables.
import type { Locale } from './types.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a calendar date (YYYY-MM-DD): ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Prose form: formatDateZh('2026-11-27') → '2026年11月27日' (no leading zeros, as in official documents). */
export function formatDateZh(date: string): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}

/** Table form: formatDateTable('2026-11-27') → '2026-11-27' (validated, unchanged). */
export function formatDateTable(date: string): string {
  parts(date);
  return date;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Prose date in the page's locale: zh-CN '2026年11月27日', en '27 November 2026'. */
export function formatDateProse(date: string, locale: Locale): string {
  if (locale === 'zh-CN') return formatDateZh(date);
  const [y, m, d] = parts(date);
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/**
 * A UTC instant (ISO string or Date) shown as Beijing time in table form: '2026-11-27 14:03'.
 * Asia/Shanghai has had no daylight saving time since 1991, so a fixed +08:00 offset is exact
 * for every instant the platform stores.
 */
export function formatInstant(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(instant)}`);
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
