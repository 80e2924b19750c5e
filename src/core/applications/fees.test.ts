import { describe, expect, it } from 'vitest';
import { nthInMonth, perItemFee, perItemMonthTotal, perPageFee, quoteFee } from './fees.ts';

describe('109号 第四条 按件计收 — fee of the n-th application in a natural month', () => {
  it.each([
    [1, 0], [10, 0], [11, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400],
  ])('application %i → %i 元', (n, fee) => {
    expect(perItemFee(n)).toBe(fee);
  });
  it('worked example: 35 applications in one month cost 3 000 元 in total', () => {
    expect(perItemMonthTotal(35)).toBe(20 * 100 + 5 * 200);
    expect(perItemMonthTotal(10)).toBe(0);
  });
  it('rejects n < 1', () => {
    expect(() => perItemFee(0)).toThrow(RangeError);
  });
});

describe('109号 第五条 按量计收 — progressive per page', () => {
  it.each([
    [0, 0], [30, 0], [31, 10], [100, 700], [101, 720], [150, 1700], [200, 2700], [201, 2740], [250, 4700],
  ])('%i pages → %i 元', (pages, fee) => {
    expect(perPageFee(pages)).toBe(fee);
  });
});

describe('quoteFee', () => {
  it('explains the 11th application', () => {
    const q = quoteFee({ method: 'per_item', nthInMonth: 11 });
    expect(q).toMatchObject({ method: 'per_item', amount: 100 });
    expect(q.explanation).toContain('第11件');
  });
  it('explains 150 pages band by band', () => {
    const q = quoteFee({ method: 'per_page', pages: 150 });
    expect(q.amount).toBe(1700);
    expect(q.explanation).toContain('第31至100页共70页×10元＋第101至150页共50页×20元');
  });
});

describe('nthInMonth', () => {
  const apps = [
    { id: 1, receivedOn: '2025-03-31' },
    { id: 2, receivedOn: '2025-04-01' },
    { id: 3, receivedOn: '2025-04-01' },
    { id: 4, receivedOn: '2025-04-15' },
    { id: 5, receivedOn: null },
    { id: 6, receivedOn: '2025-05-01' },
  ];
  it.each([
    [2, '2025-04-01', 1], [3, '2025-04-01', 2], [4, '2025-04-15', 3], [6, '2025-05-01', 1], [1, '2025-03-31', 1],
  ])('application %i received %s is number %i of its month', (id, on, n) => {
    expect(nthInMonth({ id, receivedOn: on }, apps)).toBe(n);
  });
});
