import { describe, expect, it } from 'vitest';
import { change, compareKeys, correctionRate, emptyFigures, metricKey, onTimeShare, OUTCOME_CODES_OF, percent, ranks, type AgencyYearFigures, type Metric } from './rankings.ts';
import { OUTCOME_CODES } from '../applications/outcomes.ts';

const f = (o: Partial<AgencyYearFigures>): AgencyYearFigures => ({ ...emptyFigures(), ...o });

describe('rankings (pure)', () => {
  it('every outcome code is in exactly one of table 三’s groups', () => {
    const all = Object.values(OUTCOME_CODES_OF).flat();
    expect(all.sort()).toEqual([...OUTCOME_CODES].sort());
    expect(OUTCOME_CODES_OF.withhold).toHaveLength(8); // 表三（三）1–8
  });

  it.each([
    [2, 3, 66.7], [1, 3, 33.3], [3, 3, 100], [0, 4, 0], [1, 0, null], [7, 9, 77.8],
  ])('percent(%i, %i) = %s', (a, b, want) => expect(percent(a, b)).toBe(want));

  it.each([
    [75, 100, -25], [66.7, 100, -33.3], [null, 100, null], [50, null, null], [0.1, 0.3, -0.2],
  ])('change(%s, %s) = %s', (a, b, want) => expect(change(a, b)).toBe(want));

  it('shares: in time of those with a deadline; corrected of those decided', () => {
    expect(onTimeShare(f({ withDeadline: 4, onTime: 3 }))).toBe(75);
    expect(correctionRate(f({ reviewDecided: 2, reviewCorrected: 1, litigationDecided: 1, litigationCorrected: 1 }))).toBe(66.7);
    expect(correctionRate(f({}))).toBeNull();
  });

  const rows = [
    { id: 1, figures: f({ received: 5, withDeadline: 4, onTime: 3, report: { reportId: 1, runId: 1, errors: 1, warnings: 1 } }) },
    { id: 2, figures: f({ received: 3, withDeadline: 3, onTime: 2, reviewDecided: 1, report: { reportId: 2, runId: 1, errors: 0, warnings: 2 } }) },
    { id: 3, figures: f({ received: 1, withDeadline: 1, onTime: 1 }) },
    { id: 4, figures: f({ received: 1, withDeadline: 2, onTime: 2 }) },
    { id: 5, figures: f({ received: 0, withDeadline: 3, onTime: 1, report: { reportId: 3, runId: 1, errors: 1, warnings: 1 } }) },
  ];
  it.each<[Metric, (number | null)[]]>([
    ['received', [1, 2, 3, 3, 5]],
    // 1/1 and 2/2 tie; 3/4, 2/3, 1/3 follow
    ['onTime', [3, 4, 1, 1, 5]],
    ['correction', [null, 1, null, null, null]],
    // fewer errors first, then fewer warnings; equal pairs share the rank
    ['reportQuality', [2, 1, null, null, 2]],
  ])('competition ranks by %s', (m, want) => {
    const r = ranks(m, rows);
    expect(rows.map((x) => r.get(x.id))).toEqual(want);
  });

  it('keys compare exact fractions, not the rounded per cent', () => {
    expect(metricKey('onTime', f({ withDeadline: 3, onTime: 1 }))).toEqual(metricKey('onTime', f({ withDeadline: 6, onTime: 2 })));
    expect(compareKeys('onTime', metricKey('onTime', f({ withDeadline: 3, onTime: 2 }))!, metricKey('onTime', f({ withDeadline: 1000, onTime: 667 }))!)).toBeGreaterThan(0);
    expect(compareKeys('reportQuality', [0, 5], [1, 0])).toBeLessThan(0);
  });
});
