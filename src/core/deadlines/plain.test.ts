import { describe, expect, it } from 'vitest';
import { createCalendar, SHIPPED_YEARS } from '../calendar/index.ts';
import { computeDeadline } from './engine.ts';
import { plainClock, plainResult } from './plain.ts';

describe('plainClock: which ledgers have a closed formula', () => {
  it.each([
    ['receipt at the top', { received: '2024-09-27', events: [] }, null, { from: '2024-09-27', workdays: 20, dueSoon: 3 }],
    ['no events key', { received: '2024-09-27' }, null, { from: '2024-09-27', workdays: 20, dueSoon: 3 }],
    ['receipt as first event, channel', { events: [{ type: 'received', date: '2024-09-27', channel: 'email' }] }, null, { from: '2024-09-27', workdays: 20, dueSoon: 3 }],
    ['settings', { received: '2024-09-27', events: [] }, { replyWorkdays: 15, dueSoonWorkdays: 5 }, { from: '2024-09-27', workdays: 15, dueSoon: 5 }],
    ['an event after receipt', { received: '2024-09-27', events: [{ type: 'replied', date: '2024-10-08' }] }, null, null],
    ['receipt twice', { received: '2024-09-27', events: [{ type: 'received', date: '2024-09-27' }] }, null, null],
    ['same_day counting', { received: '2024-09-27', events: [] }, { countFrom: 'same_day' }, null],
    ['unknown channel', { received: '2024-09-27', channel: 'pigeon', events: [] }, null, null],
    ['invalid date', { received: '2024-02-30', events: [] }, null, null],
    ['invalid settings', { received: '2024-09-27', events: [] }, { replyWorkdays: 0 }, null],
    ['not a ledger', [1, 2], null, null],
  ] as const)('%s', (_label, ledger, settings, expected) => {
    expect(plainClock(ledger, settings as never)).toEqual(expected);
  });
});

describe('plainResult equals the engine for plain clocks (2024 国庆 with 调休 on 9/29 and 10/12)', () => {
  const cal = createCalendar(SHIPPED_YEARS);
  it.each([
    ['2024-09-27', '2024-09-30', '2024-10-30', 'on_time'],
    ['2024-09-27', '2024-10-25', '2024-10-30', 'due_soon'],
    ['2024-09-27', '2024-10-31', '2024-10-30', 'overdue'],
    ['2024-10-09', '2024-09-30', '2024-11-05', 'on_time'],
    ['2025-01-24', '2025-02-05', '2025-02-27', 'on_time'],
  ])('received %s, today %s → due %s, %s', (received, today, due, status) => {
    const c = plainClock({ received, events: [] })!;
    const r = plainResult(c, cal, today);
    expect(r).toMatchObject({ due, status });
    const x = computeDeadline({ received, events: [] }, cal, null, today > received ? today : received, { explain: false });
    expect({ due: x.due, status: x.status, provisional: x.provisional }).toEqual(r);
  });
});
