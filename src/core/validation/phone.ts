// Telephone numbers an applicant or an agency gives as contact (工业和信息化部 numbering plan, in practice):
//   mobile   1[3-9] + 9 digits (11 digits), optionally after +86 / 0086;
//   fixed    area code + local number: 010 and 02X (3-digit codes) with an 8-digit local number,
//            0[3-9]XX (4-digit codes) with a 7- or 8-digit local number; the local number does not start
//            with 0 or 1; optional extension (-123, 转123, #123);
//   abroad   + country code other than 86, 7–15 digits in all (ITU-T E.164), for applicants living abroad.
// Separators (space, hyphen, parentheses around the area code) are allowed where people write them.

const MOBILE = /^(?:\+86|0086)?1[3-9]\d{9}$/;
const FIXED_3 = /^(?:\+86)?\(?0?(10|2\d)\)?([2-9]\d{7})$/;
const FIXED_4 = /^(?:\+86)?\(?0?([3-9]\d{2})\)?([2-9]\d{6,7})$/;
const INTERNATIONAL = /^\+(?!86)[1-9]\d{6,14}$/;

export type PhoneKind = 'mobile' | 'fixed' | 'international';

/** Splits off an extension (-123 / 转123 / #123 / ext 123 after a full number). */
function splitExtension(s: string): { main: string; ext: string | null } {
  const m = /^(.*?\d{7,})(?:\s*(?:转|#|ext\.?|-)\s*(\d{1,6}))$/i.exec(s);
  if (m && /\d{10,}/.test(m[1]!.replace(/\D/g, ''))) return { main: m[1]!, ext: m[2]! };
  return { main: s, ext: null };
}

/** The kind of a valid phone number, or null when it is not one. */
export function phoneKind(value: string): PhoneKind | null {
  const s = value.trim();
  if (!s || s.length > 40) return null;
  const compact = s.replace(/[\s-]/g, '');
  if (MOBILE.test(compact)) return 'mobile';
  if (INTERNATIONAL.test(compact)) return 'international';
  const { main } = splitExtension(s);
  const fixed = main.replace(/[\s-]/g, '');
  // A fixed line needs its area code: written with the leading 0, or after +86 without it.
  if (!/^(?:\(?0|\+86)/.test(fixed)) return null;
  if (FIXED_3.test(fixed) || FIXED_4.test(fixed)) return 'fixed';
  return null;
}

/** Why `value` is not a usable phone number, in plain Chinese, or null. */
export function phoneProblem(value: string, label = '联系电话'): string | null {
  if (phoneKind(value)) return null;
  const digits = value.replace(/\D/g, '');
  if (/^1/.test(digits) && digits.length !== 11) return `请填写正确的${label}：手机号码应为11位（现为${digits.length}位），例如 13800000000`;
  return `请填写正确的${label}：11位手机号码，或者带区号的固定电话，例如 13800000000 或 0535-6666666`;
}
