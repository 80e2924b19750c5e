import type { DeadlineSettings } from './types.ts';
import { LedgerError } from './errors.ts';

export const DEFAULT_DEADLINE_SETTINGS: Readonly<DeadlineSettings> = Object.freeze({
  replyWorkdays: 20, // 条例 第三十三条第二款
  maxExtensionWorkdays: 20, // 条例 第三十三条第二款
  correctionNoticeWorkdays: 7, // 条例 第三十条
  correctionPeriodWorkdays: 15, // 条例 第三十条 "合理的补正期限" — agency setting
  // 条例 第三十条 fixes no number for the "合理的补正期限"; the largest period an officer may set is a
  // setting (UNCONFIRMED in any official text; ogi-domain §3.3): 30 working days, about six weeks.
  maxCorrectionPeriodWorkdays: 30,
  consultationWorkdays: 15, // 条例 第三十二条、第三十四条
  feePausesClock: true, // 国办函〔2020〕109号 (not confirmed in the sources read; setting)
  feePaymentWorkdays: 20, // 国办函〔2020〕109号 (not confirmed; setting)
  dueSoonWorkdays: 3,
  countFrom: 'next_day', // 民法典 第二百零一条
});

const INT_KEYS = ['replyWorkdays', 'maxExtensionWorkdays', 'correctionNoticeWorkdays', 'correctionPeriodWorkdays', 'maxCorrectionPeriodWorkdays', 'consultationWorkdays', 'feePaymentWorkdays', 'dueSoonWorkdays'] as const;

/** Defaults overlaid with the given settings, validated (throws LedgerError with index null). */
export function resolveSettings(partial?: Partial<DeadlineSettings> | null): DeadlineSettings {
  if (partial === undefined || partial === null) return DEFAULT_DEADLINE_SETTINGS;
  const s: DeadlineSettings = { ...DEFAULT_DEADLINE_SETTINGS, ...(partial ?? {}) };
  for (const k of INT_KEYS) {
    const v = s[k];
    if (!Number.isInteger(v) || v < 0 || v > 400) throw new LedgerError(`期限设置“${k}”应为 0–400 之间的整数，现为“${String(v)}”`, null);
  }
  if (s.maxCorrectionPeriodWorkdays < 1) throw new LedgerError('期限设置“maxCorrectionPeriodWorkdays”至少为 1 个工作日', null);
  if (s.correctionPeriodWorkdays > s.maxCorrectionPeriodWorkdays) {
    throw new LedgerError(`期限设置“correctionPeriodWorkdays”（${s.correctionPeriodWorkdays}）不能大于“maxCorrectionPeriodWorkdays”（${s.maxCorrectionPeriodWorkdays}）`, null);
  }
  if (s.replyWorkdays < 1) throw new LedgerError('期限设置“replyWorkdays”至少为 1 个工作日', null);
  if (typeof s.feePausesClock !== 'boolean') throw new LedgerError('期限设置“feePausesClock”应为 true 或 false', null);
  if (s.countFrom !== 'next_day' && s.countFrom !== 'same_day') throw new LedgerError('期限设置“countFrom”应为 next_day 或 same_day', null);
  return s;
}
