import { describe, expect, it } from 'vitest';
import { assess, DEFAULT_WEIGHTS, rank, weightProblems, type AgencyCounts } from './assessment.ts';

const none: AgencyCounts = { report: null, applications: { concluded: 0, onTime: 0 }, catalogue: { published: 0, onTime: 0 }, appeals: { decided: 0, corrected: 0 } };

describe('assessment scores', () => {
  it('parts without data are left out and the weights rescaled', () => {
    const a = assess({ ...none, applications: { concluded: 4, onTime: 3 } }, DEFAULT_WEIGHTS, '2026-01-10');
    expect(a.parts.applications_in_time).toEqual({ value: 75, basis: '办结 4 件，按期 3 件' });
    expect(a.score).toBe(75);
    expect(assess(none, DEFAULT_WEIGHTS, '2026-01-10').score).toBeNull();
  });

  it('the report: on time 100, late or missing after the deadline 0; each rule error costs 20 points', () => {
    const onTime = assess({ ...none, report: { deadline: '2026-01-31', publishedOn: '2026-01-20', errors: 1 } }, DEFAULT_WEIGHTS, '2026-02-10');
    expect(onTime.parts.report_timely!.value).toBe(100);
    expect(onTime.parts.report_quality!.value).toBe(80);
    expect(onTime.score).toBe(Math.round((10 * (100 * 25 + 80 * 20)) / 45) / 10);
    const late = assess({ ...none, report: { deadline: '2026-01-31', publishedOn: null, errors: 0 } }, DEFAULT_WEIGHTS, '2026-02-01');
    expect(late.parts.report_timely).toEqual({ value: 0, basis: '期限 2026-01-31 已过，尚未公布' });
    // before the deadline an unpublished report is not judged on time
    expect(assess({ ...none, report: { deadline: '2026-01-31', publishedOn: null, errors: 0 } }, DEFAULT_WEIGHTS, '2026-01-31').parts.report_timely).toBeNull();
  });

  it('weights the supervisor sets decide; a zero weight drops the part', () => {
    const c: AgencyCounts = { ...none, applications: { concluded: 2, onTime: 2 }, appeals: { decided: 2, corrected: 2 } };
    expect(assess(c, DEFAULT_WEIGHTS, '2026-01-01').score).toBe(Math.round((10 * (100 * 25 + 0 * 10)) / 35) / 10);
    expect(assess(c, { ...DEFAULT_WEIGHTS, appeals_corrected: 0 }, '2026-01-01').score).toBe(100);
  });

  it('ranks: highest first, ties share a rank, no score unranked', () => {
    const r = rank([{ name: '乙', score: 90 }, { name: '甲', score: 95 }, { name: '丙', score: 90 }, { name: '丁', score: null }]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([['甲', 1], ['丙', 2], ['乙', 2], ['丁', null]]);
  });

  it('weights are checked: integers 0–100, not all zero', () => {
    expect(weightProblems({ ...DEFAULT_WEIGHTS })).toEqual([]);
    expect(weightProblems({ ...DEFAULT_WEIGHTS, report_timely: 101 }).map((p) => p.field)).toEqual(['weights.report_timely']);
    expect(weightProblems({ report_timely: 0, report_quality: 0, applications_in_time: 0, catalogue_in_time: 0, appeals_corrected: 0 })[0]!.field).toBe('weights');
  });
});
