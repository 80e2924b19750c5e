// The demo catalogue's data: every item valid against the element schema, the 2019 year counts and 办件 that give the
// reference agency's table 二 (行政许可 0 / 4 / 82, 其他对外管理服务事项 0 / 1 / 28), the deliberate defects.
import { describe, expect, it } from 'vitest';
import { categoryOfType, completenessProblems, elementSchema, valueProblems, yearCounts, type ItemStatus } from '../../core/service-items/index.ts';
import { DEMO_ITEMS, demoCases2019 } from './service-items.demo.ts';

describe('demo service items', () => {
  it('has at least 20 items, each valid, with unique 实施编码 at every level', () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(20);
    const codes: string[] = [];
    for (const it of DEMO_ITEMS) {
      for (const v of [it.values, it.street && { ...it.values, ...it.street }, it.community && { ...it.values, ...it.community }]) {
        if (!v) continue;
        expect(valueProblems(elementSchema(), v), `${it.key}`).toEqual([]);
        codes.push(String(v.implCode));
      }
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each([
    [2019, { license: [0, 4], other_service: [0, 1] }],
    [2020, { license: [4, 7], other_service: [1, 5], fee: [0, 1] }],
    [2023, { license: [14, -1], other_service: [7, 0], fee: [1, 0] }],
  ])('year counts %i from the status history', (year, expected) => {
    const items = DEMO_ITEMS.map((it, n) => ({
      id: n, type: String(it.values.type),
      events: [{ status: 'active' as ItemStatus, on: it.since }, ...(it.later ? [{ status: it.later.status as ItemStatus, on: it.later.on }] : [])],
    }));
    const got = Object.fromEntries(Object.entries(yearCounts(items, year)).map(([k, v]) => [k, [v.previous, v.change]]));
    expect(got).toEqual(expected);
  });

  it('has 82 行政许可 and 28 other 办件 in 2019, on working days after each item started, numbered uniquely', () => {
    const cases = demoCases2019();
    const since = new Map(DEMO_ITEMS.map((it) => [it.key, it]));
    const by: Record<string, number> = {};
    for (const c of cases) {
      const it = since.get(c.key)!;
      const cat = categoryOfType(String(it.values.type));
      by[cat] = (by[cat] ?? 0) + 1;
      expect(c.decidedOn >= it.since && c.decidedOn <= '2019-12-31', c.caseNo).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${c.decidedOn}T00:00:00Z`).getUTCDay());
    }
    expect(by).toEqual({ license: 82, other_service: 28 });
    expect(new Set(cases.map((c) => c.caseNo)).size).toBe(110);
    expect(cases[0]!.caseNo).toBe('ZFSP2019-00001');
  });

  it('has exactly one incomplete defining item (城市建筑垃圾处置核准)', () => {
    const bad = DEMO_ITEMS.filter((it) => completenessProblems(it.values).length > 0);
    expect(bad.map((it) => [it.values.name, completenessProblems(it.values).map((p) => p.rule)])).toEqual([['城市建筑垃圾处置核准', ['legal_basis', 'materials', 'promised_limit_number']]]);
  });
});
