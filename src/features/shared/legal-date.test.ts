import { describe, expect, it } from 'vitest';
import { legalDateOf } from './legal-date.ts';

describe('legalDateOf: the Asia/Shanghai calendar date of an instant', () => {
  it.each([
    ['2026-12-31T15:59:59.999Z', '2026-12-31'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2025-10-01T00:00:00.000Z', '2025-10-01'],
    ['2008-04-30T16:00:00.000Z', '2008-05-01'],
  ])('%s → %s', (instant, date) => {
    expect(legalDateOf(new Date(instant))).toBe(date);
  });
});
