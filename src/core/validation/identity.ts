// 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence code, check digit
// computed by ISO 7064 MOD 11-2. Pure: "today" is a parameter.
import { parseIsoDate } from '../calendar/date.ts';

/** GB 11643-1999 §8.2: weights W_i = 2^(i-1) mod 11 for positions 18…2. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for (Σ a_i·W_i) mod 11 = 0…10. */
const CHECK = '10X98765432';

/**
 * First two digits of the address code: the province-level divisions of GB/T 2260 (11–15, 21–23,
 * 31–37, 41–46, 50–54, 61–65), 71 台湾, and 81/82/83 (港澳台居民居住证 use 810000, 820000, 830000).
 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** The earliest birth date accepted (no living applicant was born before it). */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The check character of the first 17 digits (MOD 11-2). */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('first17 must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Why `value` is not a valid 18-digit 公民身份号码, in plain Chinese, or null when it is valid.
 * `today` (YYYY-MM-DD) bounds the birth date.
 */
export function residentIdProblem(value: string, today: string): string | null {
  const v = value.trim().toUpperCase();
  if (/^\d{15}$/.test(v)) return '15位的第一代身份证号码已停止使用，请填写18位的居民身份证号码';
  if (!/^\d{17}[\dX]$/.test(v)) return '居民身份证号码应为18位，前17位是数字，最后一位是数字或 X';
  if (!PROVINCE_CODES.has(v.slice(0, 2))) return `居民身份证号码的前两位“${v.slice(0, 2)}”不是省级行政区划代码，请核对`;
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  if (parseIsoDate(birth) === null) return `居民身份证号码中的出生日期“${v.slice(6, 14)}”不是有效日期，请核对第7至14位`;
  if (birth < EARLIEST_BIRTH_DATE || birth > today) return `居民身份证号码中的出生日期“${birth}”不可能，请核对第7至14位`;
  if (idCheckCharacter(v.slice(0, 17)) !== v[17]) return '居民身份证号码的校验位（第18位）不正确，请逐位核对';
  return null;
}

export function isValidResidentId(value: string, today: string): boolean {
  return residentIdProblem(value, today) === null;
}
