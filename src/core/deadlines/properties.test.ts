// Property tests (fast-check) of the deadline engine on the shipped calendar.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shippedCalendar } from '../calendar/index.ts';
import { addDays } from '../calendar/date.ts';
import { computeDeadline, diffDueDates } from './index.ts';
import { createCalendar, SHIPPED_YEARS, applyDayEdits } from '../calendar/index.ts';

const cal = shippedCalendar();
// Receipt dates 2007-01-01 … 2026-10-31 (offset in days).
const dayOffset = fc.integer({ min: 0, max: 7243 });
const date = dayOffset.map((n) => addDays('2007-01-01', n));

describe('deadline properties', () => {
  it('a later receipt date never gives an earlier due date', () => {
    fc.assert(
      fc.property(dayOffset, fc.integer({ min: 0, max: 60 }), (n, k) => {
        const a = addDays('2007-01-01', n);
        const b = addDays(a, k);
        const da = computeDeadline({ received: a, events: [] }, cal, null, undefined, { explain: false }).due as string;
        const db = computeDeadline({ received: b, events: [] }, cal, null, undefined, { explain: false }).due as string;
        expect(db >= da).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a consultation of k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 15 }), (received, startAfter, k) => {
        const start = cal.addWorkdays(received, startAfter); // starts before the base due date
        const end = cal.addWorkdays(start, k); // k working days in (start, end], ≤ 15 (第三十二条)
        const base = computeDeadline({ received, events: [] }, cal, null, undefined, { explain: false }).due as string;
        const withC = computeDeadline(
          { received, events: [{ type: 'consultation_started', date: start }, { type: 'consultation_ended', date: end }] },
          cal, null, undefined, { explain: false },
        ).due as string;
        expect(cal.workdaysBetween(base, withC)).toBe(k);
        expect(withC).toBe(cal.addWorkdays(base, k));
      }),
      { numRuns: 500 },
    );
  });

  it('an extension of n working days moves the due date by exactly n working days', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 20 }), (received, n) => {
        const base = computeDeadline({ received, events: [] }, cal, null, undefined, { explain: false }).due as string;
        const ext = computeDeadline({ received, events: [{ type: 'extension_approved', date: base, workdays: n }] }, cal, null, undefined, { explain: false }).due as string;
        expect(ext).toBe(cal.addWorkdays(base, n));
      }),
      { numRuns: 300 },
    );
  });

  it('the due date is always a working day, 20 working days after receipt', () => {
    fc.assert(
      fc.property(date, (received) => {
        const r = computeDeadline({ received, events: [] }, cal, null, undefined, { explain: false });
        expect(cal.isWorkday(r.due as string)).toBe(true);
        expect(cal.workdaysBetween(received, r.due as string)).toBe(20);
      }),
      { numRuns: 300 },
    );
  });
});

describe('diffDueDates', () => {
  it('lists exactly the records whose due date moves when a day becomes a holiday', () => {
    const y2019 = SHIPPED_YEARS.find((y) => y.year === 2019);
    if (!y2019) throw new Error('2019 missing');
    const newCal = createCalendar(SHIPPED_YEARS.map((y) => (y.year === 2019 ? applyDayEdits(y2019, [{ date: '2019-10-15', workday: false, reason: '测试：临时放假' }]) : y)));
    const moved = diffDueDates(
      [
        { id: 'a', ledger: { received: '2019-09-20', events: [] } }, // window contains 10/15 → 10/23 becomes 10/24
        { id: 'b', ledger: { received: '2019-03-01', events: [] } }, // 3/29, unaffected
        { id: 'c', ledger: { received: '2019-10-15', events: [] } }, // window starts after 10/15: unaffected
        // consultation 9/25 → 10/21 is exactly 15 working days; with 10/15 off the 15th day is 10/22, still valid and the due moves
        { id: 'd', ledger: { received: '2019-09-20', events: [{ type: 'consultation_started', date: '2019-09-25' }, { type: 'consultation_ended', date: '2019-10-21' }] } },
      ],
      cal,
      newCal,
    );
    // d: old 10/23 + 15 = 11/13; new: base 10/24, consultation (9/25, 10/21] now 14 working days → 10/24 + 14 = 11/13: not moved
    expect(moved).toEqual([{ id: 'a', oldDue: '2019-10-23', newDue: '2019-10-24', oldProvisional: false, newProvisional: false }]);
  });

  it('reports a ledger that becomes impossible under the new calendar', () => {
    // A holiday becoming a working day (10/7) brings the 15th working day after 9/25 forward from 10/21 to 10/18:
    // 9/26–27 (2), 9/29 (3), 9/30 (4), 10/7 (5), 10/8–11 (9), 10/12 (10), 10/14–18 (15) — the recorded end 10/21 is now too late.
    const y2019 = SHIPPED_YEARS.find((y) => y.year === 2019);
    if (!y2019) throw new Error('2019 missing');
    const newCal = createCalendar(SHIPPED_YEARS.map((y) => (y.year === 2019 ? applyDayEdits(y2019, [{ date: '2019-10-07', workday: true, reason: '测试：改为工作日' }]) : y)));
    const moved = diffDueDates([{ id: 1, ledger: { received: '2019-09-20', events: [{ type: 'consultation_started', date: '2019-09-25' }, { type: 'consultation_ended', date: '2019-10-21' }] } }], cal, newCal);
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: 1, oldDue: '2019-11-13', newDue: null });
    expect(moved[0]?.error).toMatch(/15个工作日内（至 2019-10-18）/);
  });
});
