// The reply clock of an application: its ledger (core/applications) mapped to the statutory deadline
// engine's ledger (core/deadlines computeDeadline) — no second deadline engine here.
import type { Calendar } from '../../core/calendar/index.ts';
import { computeDeadline, normaliseChannel, resolveSettings, type Channel, type DeadlineResult, type DeadlineSettings, type Ledger, type LedgerEvent as ClockEvent } from '../../core/deadlines/index.ts';
import { receiptDateOf, type LedgerEvent } from '../../core/applications/index.ts';

export interface ClockView {
  result: DeadlineResult | null;
  /** Current reply due date (null before receipt, while a 补正 is awaited, or after a lapse). */
  dueDate: string | null;
  /** The applicant's own deadline (补正 period / payment period) while one is awaited. */
  applicantDue: string | null;
  /** 第三十条: last day to send the 补正 notice (7th working day after receipt). */
  correctionNoticeLastDay: string | null;
  /** 第三十二条/第三十四条: last day the consulted party may answer, while a consultation is open. */
  consultationCap: string | null;
  explanation: string[];
  warnings: string[];
}

/** Map the application's ledger to the engine's events (only those that move the clock). */
export function toClockLedger(ledger: readonly LedgerEvent[], calendar: Calendar, settings: DeadlineSettings): (Ledger & { received: string }) | null {
  const received = receiptDateOf(ledger);
  if (!received) return null;
  const events: ClockEvent[] = [];
  let pendingExtensionDays: number | undefined;
  let consultationCap: string | null = null;
  let replied = false;
  let channel: Channel | undefined;
  for (const e of ledger) {
    if (replied) break; // the engine's clock ends at the first reply (a 补充答复 has no statutory clock)
    const d = e.data ?? {};
    switch (e.kind) {
      case 'registered':
      case 'receipt_confirmed':
        channel = normaliseChannel(d.channel) ?? undefined;
        break;
      case 'correction_requested':
        events.push({ type: 'correction_requested', date: e.on, ...(typeof d.periodWorkdays === 'number' ? { periodWorkdays: d.periodWorkdays } : {}) });
        break;
      case 'correction_received':
        events.push({ type: 'correction_received', date: e.on });
        break;
      case 'consultation_started':
        consultationCap = calendar.addWorkdays(e.on, settings.consultationWorkdays);
        events.push({ type: 'consultation_started', date: e.on, party: d.partyType === 'co_agency' ? 'agency' : 'third_party' });
        break;
      case 'consultation_ended':
        // 第三十二条: the consulted party has 15 working days; time beyond that counts against the reply period.
        events.push({ type: 'consultation_ended', date: consultationCap && e.on > consultationCap ? consultationCap : e.on });
        consultationCap = null;
        break;
      case 'extension_requested':
        pendingExtensionDays = typeof d.days === 'number' ? d.days : undefined;
        break;
      case 'extension_approved':
        events.push({ type: 'extension_approved', date: e.on, ...(pendingExtensionDays ? { workdays: pendingExtensionDays } : {}) });
        break;
      case 'fee_notice_issued':
        events.push({ type: 'fee_notice_sent', date: e.on });
        break;
      case 'fee_paid':
        events.push({ type: 'fee_paid', date: e.on });
        break;
      case 'reply_approved':
        events.push({ type: 'replied', date: e.on });
        replied = true;
        break;
      default:
        break;
    }
  }
  // Clamped consultation ends must not precede later events (the engine wants dates in order).
  for (let i = 1; i < events.length; i++) if (events[i]!.date < events[i - 1]!.date) events[i] = { ...events[i]!, date: events[i - 1]!.date } as ClockEvent;
  return { received, ...(channel ? { channel } : {}), events };
}

export function clockOf(ledger: readonly LedgerEvent[], calendar: Calendar, today: string, settingsInput?: Partial<DeadlineSettings>): ClockView {
  const settings = resolveSettings(settingsInput);
  const l = toClockLedger(ledger, calendar, settings);
  if (!l) return { result: null, dueDate: null, applicantDue: null, correctionNoticeLastDay: null, consultationCap: null, explanation: [], warnings: [] };
  const asOf = today < l.received ? l.received : today;
  const lastEvent = l.events.length ? l.events[l.events.length - 1]!.date : l.received;
  const result = computeDeadline(l, calendar, settings, asOf < lastEvent ? lastEvent : asOf);
  let cap: string | null = null;
  const open = [...ledger].reverse().find((e) => e.kind === 'consultation_started' || e.kind === 'consultation_ended');
  if (open?.kind === 'consultation_started') cap = calendar.addWorkdays(open.on, settings.consultationWorkdays);
  // After the engine has found a lapse it no longer reports the applicant's period: take it from the notice.
  let applicantDue = result.applicantDue ?? null;
  if (!applicantDue && result.outcome === 'correction_lapsed') {
    const req = ledger.find((e) => e.kind === 'correction_requested');
    if (req) applicantDue = calendar.addWorkdays(req.on, typeof req.data?.periodWorkdays === 'number' ? req.data.periodWorkdays : settings.correctionPeriodWorkdays);
  }
  if (!applicantDue && result.outcome === 'fee_lapsed') {
    const req = [...ledger].reverse().find((e) => e.kind === 'fee_notice_issued');
    if (req) applicantDue = calendar.addWorkdays(req.on, settings.feePaymentWorkdays);
  }
  return {
    result,
    dueDate: result.due,
    applicantDue,
    correctionNoticeLastDay: calendar.addWorkdays(l.received, settings.correctionNoticeWorkdays),
    consultationCap: cap,
    explanation: result.explanation,
    warnings: result.warnings,
  };
}
