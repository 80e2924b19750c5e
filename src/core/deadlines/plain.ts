// A "plain" clock: a ledger with a receipt and no later event (the application waits for its reply, or an item for its
// publication). Its result under any calendar is a closed formula, so the recomputation after a calendar change can
// run it as one set-based statement over a working-day table (features/deadlines, decision 200) instead of replaying
// the ledger row by row. `plainClock` says whether a ledger is plain and gives the formula's inputs; everything else
// (补正, pauses, extensions, 第三十五条, invalid ledgers, 'same_day' counting) is replayed by `computeDeadline`.
//
// For a plain clock (条例 第三十三条第二款 with 民法典 第二百零一条: 开始的当日不计入), as `computeDeadline` computes it:
//   due         = addWorkdays(received, replyWorkdays)
//   asOf        = max(today, received)
//   status      = asOf > due ? 'overdue' : workdaysBetween(asOf, due) <= dueSoonWorkdays ? 'due_soon' : 'on_time'
//   provisional = anyProvisional(received, due)
import { isIsoDate } from '../calendar/date.ts';
import type { Calendar } from '../calendar/types.ts';
import { normaliseChannel } from './receipt.ts';
import { resolveSettings } from './settings.ts';
import type { DeadlineSettings, DeadlineStatus } from './types.ts';

export interface PlainClock {
  /** the receipt date: counting starts the next day */
  from: string;
  /** working days to the reply (settings.replyWorkdays) */
  workdays: number;
  /** settings.dueSoonWorkdays */
  dueSoon: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The formula's inputs when the ledger is plain and valid and counting starts the next day; otherwise null. */
export function plainClock(ledger: unknown, settings?: Partial<DeadlineSettings> | null): PlainClock | null {
  if (!isRecord(ledger) || (ledger.events != null && !Array.isArray(ledger.events))) return null;
  const events = (ledger.events ?? []) as unknown[];
  let received: unknown;
  let channel: unknown;
  if (ledger.received !== undefined) {
    if (events.length !== 0) return null;
    received = ledger.received;
    channel = ledger.channel;
  } else {
    const e0 = events[0];
    if (events.length !== 1 || !isRecord(e0) || e0.type !== 'received') return null;
    received = e0.date;
    channel = e0.channel;
  }
  if (!isIsoDate(received)) return null;
  if (channel !== undefined && !normaliseChannel(channel)) return null;
  let s: DeadlineSettings;
  try {
    s = resolveSettings(settings);
  } catch {
    return null;
  }
  if (s.countFrom !== 'next_day') return null;
  return { from: received, workdays: s.replyWorkdays, dueSoon: s.dueSoonWorkdays };
}

/** The formula above with the calendar (the reference the set-based statement is tested against). */
export function plainResult(c: PlainClock, calendar: Calendar, today: string): { due: string; status: Exclude<DeadlineStatus, 'closed'>; provisional: boolean } {
  const due = calendar.addWorkdays(c.from, c.workdays);
  const asOf = today > c.from ? today : c.from;
  const status = asOf > due ? 'overdue' : calendar.workdaysBetween(asOf, due) <= c.dueSoon ? 'due_soon' : 'on_time';
  return { due, status, provisional: calendar.anyProvisional(c.from, due) };
}
