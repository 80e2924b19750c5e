// Shared zod field builders: every date, phone number, 身份证号 and free-text field of every schema (API
// bodies, queries and the forms that parse with the same schemas) is checked by the same rules from
// src/core/validation, with the same plain-Chinese messages.
import { z } from 'zod';
import { dateProblem, LATEST_DATE, meaningfulTextProblem, phoneProblem, residentIdProblem } from '../../core/validation/index.ts';
import { legalDateOf } from './legal-date.ts';

/** The legal date (Asia/Shanghai) of an instant — "today" for the plausibility of dates people enter. */
export function legalToday(now: Date = new Date()): string {
  return legalDateOf(now);
}

export interface DateFieldOptions {
  /**
   * Whether a date after today means something here (filters, calendar days, a validity date announced
   * ahead). Default false: a date something happened (filed, received, made, formed) cannot be in the
   * future. Services check the same bound with their own clock where the rule depends on it.
   */
  future?: boolean;
  /** The earliest date that makes sense for the field (default 1949-10-01). */
  min?: string;
}

/**
 * A `YYYY-MM-DD` date field: a real calendar date (no 2026-02-30, no month 13) from 1949-10-01 to today
 * (or to 2099-12-31 where a future date means something). The message names the field.
 */
export function dateField(label: string, opts: DateFieldOptions = {}) {
  return z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}的格式应为 YYYY-MM-DD，例如 2026-03-02` })
    .superRefine((v, ctx) => {
      const p = dateProblem(v, label, { ...(opts.min ? { min: opts.min } : {}), max: opts.future ? LATEST_DATE : legalToday() });
      if (p) ctx.addIssue({ code: 'custom', message: p });
    })
    .meta({ format: 'date' });
}

/** Adds the "not only punctuation" rule to a (trimmed) string schema; empty strings pass (optional fields). */
export function meaningful<T extends z.ZodType<string>>(schema: T, label: string, min = 1) {
  return schema.superRefine((v, ctx) => {
    if (v === '') return;
    const p = meaningfulTextProblem(v, label, min);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });
}

/** A required free-text field: trimmed, 1…max characters, with at least `minMeaningful` letters or digits. */
export function requiredText(label: string, max: number, opts: { min?: number; minMeaningful?: number } = {}) {
  const min = opts.min ?? 1;
  return meaningful(
    // abort: an empty or too long text gets that one message, not a second one from the rules after it
    z.string({ error: `请填写${label}` }).trim()
      .min(min, { error: min > 1 ? `请填写${label}（至少${min}个字）` : `请填写${label}`, abort: true })
      .max(max, { error: `${label}不能超过${max}个字`, abort: true }),
    label,
    opts.minMeaningful ?? 1,
  );
}

/** An optional free-text field: empty → null; when given, not only punctuation. */
export function optionalText(label: string, max: number) {
  return meaningful(z.string().trim().max(max, { error: `${label}不能超过${max}个字` }), label)
    .optional().nullable().transform((v) => (v ? v : null));
}

/** A contact phone number: 11-digit mobile, fixed line with area code, or an international number. */
export function phoneField(label = '联系电话') {
  // abort: an empty phone gets "请填写…" only, not also "请填写正确的…"
  return z.string({ error: `请填写${label}` }).trim().min(1, { error: `请填写${label}`, abort: true }).max(40, { error: `${label}不能超过40个字符`, abort: true })
    .superRefine((v, ctx) => {
      const p = phoneProblem(v, label);
      if (p) ctx.addIssue({ code: 'custom', message: p });
    });
}

/** Why an 18-digit 居民身份证号码 is wrong (shape, region, birth date not after today, MOD 11-2 check digit), or null. */
export function residentIdIssue(value: string): string | null {
  return residentIdProblem(value, legalToday());
}
