// Public interface of the statutory deadline engine (pure core).
export type { Channel, ClockState, ComputeOptions, DeadlineOutcome, DeadlineResult, DeadlineSettings, DeadlineStatus, Ledger, LedgerEvent, LedgerEventType, PausedInterval } from './types.ts';
export { computeDeadline, EVENT_TYPES } from './engine.ts';
export { LedgerError } from './errors.ts';
export { DEFAULT_DEADLINE_SETTINGS, resolveSettings } from './settings.ts';
export { receiptDate, ReceiptError, normaliseChannel, CHANNEL_LABELS_ZH } from './receipt.ts';
export type { ReceiptFacts, ReceiptOptions } from './receipt.ts';
export { proactiveDeadline, PROACTIVE_WORKDAYS } from './proactive.ts';
export type { ProactiveDeadline } from './proactive.ts';
export { remedyDeadlines, RECONSIDERATION_DAYS, LITIGATION_MONTHS } from './remedy.ts';
export type { RemedyPeriod } from './remedy.ts';
export { diffDueDates } from './diff.ts';
export type { MovedDeadline, TrackedLedger } from './diff.ts';
export { plainClock, plainResult } from './plain.ts';
export type { PlainClock } from './plain.ts';
