import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../core/calendar/index.ts';
import { runDeadline } from './deadline.ts';

const cal = shippedCalendar();

describe('gongkai deadline --json', () => {
  it.each([
    // [file text, due dates]: received 2019-03-01 (Friday) → 20 working days from 3/4 → 2019-03-29
    ['{"received":"2019-03-01"}', '2019-03-29'],
    ['{"received":"2019-03-01","events":[]}', '2019-03-29'],
    ['[{"received":"2019-03-01"},{"received":"2019-09-20"}]', ['2019-03-29', '2019-10-23']],
  ])('reads a ledger without an "events" key as one with no events: %s', (text, due) => {
    const r = runDeadline(text, cal);
    expect(r.ok).toBe(true);
    const out = r.ok ? r.output : null;
    expect(Array.isArray(out) ? (out as Array<{ due: string }>).map((x) => x.due) : (out as { due: string }).due).toEqual(due);
  });

  it('still refuses events that are not a list, naming the format', () => {
    expect(runDeadline('{"received":"2019-03-01","events":"none"}', cal)).toEqual({ ok: false, message: expect.stringMatching(/账本格式错误/) });
  });
});
