// Types of the statutory deadline engine. A deadline is a fold over a ledger of dated events, so it
// can be replayed, explained and recomputed whenever the calendar changes. All JSON-serialisable.

/** 收到申请的渠道 (条例 第三十一条). `registered_mail`/`ordinary_mail` are accepted as aliases. */
export type Channel = 'in_person' | 'post_signed' | 'ordinary_letter' | 'online' | 'fax' | 'email';

export type LedgerEvent =
  | { type: 'received'; date: string; channel?: Channel }
  | { type: 'correction_requested'; date: string; periodWorkdays?: number }
  | { type: 'correction_received'; date: string }
  | { type: 'consultation_started'; date: string; party?: 'third_party' | 'agency' }
  | { type: 'consultation_ended'; date: string }
  | { type: 'extension_approved'; date: string; workdays?: number }
  | { type: 'fee_notice_sent'; date: string }
  | { type: 'fee_paid'; date: string }
  | { type: 'delayed_reply_set'; date: string; due: string }
  | { type: 'replied'; date: string };

export type LedgerEventType = LedgerEvent['type'];

/** `received` may be given at the top level (CLI format) or as the first event. */
export interface Ledger {
  received?: string;
  channel?: Channel;
  events: LedgerEvent[];
}

export interface DeadlineSettings {
  /** 条例 第三十三条第二款: 20 个工作日. */
  replyWorkdays: number;
  /** 第三十三条第二款: 延长不得超过 20 个工作日. */
  maxExtensionWorkdays: number;
  /** 第三十条: 收到申请之日起 7 个工作日内一次性告知补正. */
  correctionNoticeWorkdays: number;
  /** 第三十条: 合理的补正期限 — set by the agency (default 15 working days). */
  correctionPeriodWorkdays: number;
  /** 第三十条: the longest 补正 period an agency may set (a setting; default 30 working days). */
  maxCorrectionPeriodWorkdays: number;
  /** 第三十二条 / 第三十四条: 15 个工作日. */
  consultationWorkdays: number;
  /** 国办函〔2020〕109号: whether the payment period stops the clock (UNCONFIRMED; default yes). */
  feePausesClock: boolean;
  /** 国办函〔2020〕109号: payment period (UNCONFIRMED; default 20 working days). */
  feePaymentWorkdays: number;
  /** Status `due_soon` when at most this many working days remain. */
  dueSoonWorkdays: number;
  /**
   * 民法典 第二百零一条: 开始的当日不计入，自下一日开始计算 (`next_day`, default). `same_day` counts the
   * trigger day itself when it is a working day (for an agency that chooses that convention).
   */
  countFrom: 'next_day' | 'same_day';
}

export interface PausedInterval {
  from: string;
  /** Last day of the pause; for a pause still running, the date it is counted to (today / as-of). */
  to: string;
  reason: string;
  /** Working days in (from, to] not counted. */
  workdays: number;
  open: boolean;
}

export type DeadlineStatus = 'on_time' | 'due_soon' | 'overdue' | 'closed';
export type ClockState = 'running' | 'paused' | 'awaiting_correction' | 'closed';
export type DeadlineOutcome = 'replied' | 'correction_lapsed' | 'fee_lapsed';

export interface DeadlineResult {
  /** The reply due date; null while the applicant's 补正 is awaited (the clock restarts on receipt). */
  due: string | null;
  /** The date the status is evaluated at: `today` if given, else the last event's date. */
  asOf: string;
  workdaysUsed: number;
  /** Working days left to `due` from `asOf` (negative when overdue). */
  workdaysRemaining: number;
  paused: PausedInterval[];
  status: DeadlineStatus;
  clock: ClockState;
  provisional: boolean;
  warnings: string[];
  explanation: string[];
  /** The date counting starts from (receipt, or receipt of the corrected application). */
  clockStart: string;
  /** The applicant's deadline while a 补正 or a fee is awaited. */
  applicantDue?: string;
  outcome?: DeadlineOutcome;
  /** 2021 report row for an outcome that ends the application without a reply: （六）1 / （六）2. */
  reportRow?: string;
  repliedOn?: string;
}

export interface ComputeOptions {
  /** Build the Chinese explanation (default true; recomputation of many records can skip it). */
  explain?: boolean;
}
