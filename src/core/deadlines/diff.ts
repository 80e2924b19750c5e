// Which records' due dates move when the calendar changes (import of a year, edit of a day).
import type { Calendar } from '../calendar/types.ts';
import { computeDeadline } from './engine.ts';
import { LedgerError } from './errors.ts';
import type { DeadlineSettings, Ledger } from './types.ts';

export interface TrackedLedger<Id = string | number> {
  id: Id;
  ledger: Ledger;
  settings?: Partial<DeadlineSettings> | null;
}

export interface MovedDeadline<Id = string | number> {
  id: Id;
  oldDue: string | null;
  newDue: string | null;
  oldProvisional: boolean;
  newProvisional: boolean;
  /** Set when the ledger is impossible under the new calendar (e.g. a consultation now longer than 15 working days). */
  error?: string;
}

/** The records whose due date (or validity) differs between the two calendars, in input order. */
export function diffDueDates<Id>(ledgers: Iterable<TrackedLedger<Id>>, oldCal: Calendar, newCal: Calendar, today?: string): MovedDeadline<Id>[] {
  const out: MovedDeadline<Id>[] = [];
  for (const r of ledgers) {
    let before: { due: string | null; provisional: boolean } | null = null;
    try {
      const x = computeDeadline(r.ledger, oldCal, r.settings, today, { explain: false });
      before = { due: x.due, provisional: x.provisional };
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
    }
    try {
      const y = computeDeadline(r.ledger, newCal, r.settings, today, { explain: false });
      if (!before || before.due !== y.due) {
        out.push({ id: r.id, oldDue: before?.due ?? null, newDue: y.due, oldProvisional: before?.provisional ?? false, newProvisional: y.provisional });
      }
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      out.push({ id: r.id, oldDue: before?.due ?? null, newDue: null, oldProvisional: before?.provisional ?? false, newProvisional: false, error: e.message });
    }
  }
  return out;
}
