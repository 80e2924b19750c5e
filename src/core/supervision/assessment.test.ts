import { describe, expect, it } from 'vitest';
import { assess, DEFAULT_WEIGHTS, rank, resultMonths, weightProblems, type AgencyCounts } from './assessment.ts';

const none: AgencyCounts = { report: null, applications: { concluded: 0, onTime: 0 }, catalogue: { published: 0, onTime: 0 }, policies: { published: 0, sameDay: 0 }, results: { months: 0, shown: 0 }, appeals: { decided: 0, corrected: 0 } };

describe('assessment scores', () => {
  it('parts without data are left out and the weights rescaled', () => {
    const a = assess({ ...none, applications: { concluded: 4, onTime: 3 } }, DEFAULT_WEIGHTS, '2026-01-10');
    expect(a.parts.applications_in_time).toMatchObject({ value: 75, basis: '办结 4 件，按期 3 件' });
    expect(a.score).toBe(75);
    expect(assess(none, DEFAULT_WEIGHTS, '2026-01-10').score).toBeNull();
  });

  it('the report: on time 100, late or missing after the deadline 0; each rule error costs 20 points', () => {
    const onTime = assess({ ...none, report: { deadline: '2026-01-31', publishedOn: '2026-01-20', errors: 1 } }, DEFAULT_WEIGHTS, '2026-02-10');
    expect(onTime.parts.report_timely!.value).toBe(100);
    expect(onTime.parts.report_quality!.value).toBe(80);
    expect(onTime.score).toBe(Math.round((10 * (100 * 20 + 80 * 15)) / 35) / 10);
    const late = assess({ ...none, report: { deadline: '2026-01-31', publishedOn: null, errors: 0 } }, DEFAULT_WEIGHTS, '2026-02-01');
    expect(late.parts.report_timely).toMatchObject({ value: 0, basis: '期限 2026-01-31 已过，尚未公布' });
    // before the deadline an unpublished report is not judged on time
    expect(assess({ ...none, report: { deadline: '2026-01-31', publishedOn: null, errors: 0 } }, DEFAULT_WEIGHTS, '2026-01-31').parts.report_timely).toBeNull();
  });

  it('weights the supervisor sets decide; a zero weight drops the part', () => {
    const c: AgencyCounts = { ...none, applications: { concluded: 2, onTime: 2 }, appeals: { decided: 2, corrected: 2 } };
    expect(assess(c, DEFAULT_WEIGHTS, '2026-01-01').score).toBe(Math.round((10 * (100 * 20 + 0 * 10)) / 30) / 10);
    expect(assess(c, { ...DEFAULT_WEIGHTS, appeals_corrected: 0 }, '2026-01-01').score).toBe(100);
  });

  it('ranks: highest first, ties share a rank, no score unranked', () => {
    const r = rank([{ name: '乙', score: 90 }, { name: '甲', score: 95 }, { name: '丙', score: 90 }, { name: '丁', score: null }]);
    expect(r.map((x) => [x.name, x.rank])).toEqual([['甲', 1], ['丙', 2], ['乙', 2], ['丁', null]]);
  });

  it('weights are checked: integers 0–100, not all zero', () => {
    expect(weightProblems({ ...DEFAULT_WEIGHTS })).toEqual([]);
    expect(weightProblems({ ...DEFAULT_WEIGHTS, report_timely: 101 }).map((p) => p.field)).toEqual(['weights.report_timely']);
    expect(weightProblems({ report_timely: 0, report_quality: 0, applications_in_time: 0, catalogue_in_time: 0, interpretation_same_day: 0, monthly_results: 0, appeals_corrected: 0 })[0]!.field).toBe('weights');
    // weights saved before a component existed are incomplete: the missing one is named
    expect(weightProblems({ report_timely: 20, report_quality: 15, applications_in_time: 20, catalogue_in_time: 15, appeals_corrected: 10 }).map((p) => p.field)).toEqual(['weights.interpretation_same_day', 'weights.monthly_results']);
  });

  it.each([
    // 规范性文件 with their 解读 the same day (国办发〔2016〕80号)
    { policies: { published: 4, sameDay: 3 }, want: { value: 75, basis: '规范性文件 4 件，同日发布解读 3 件', kind: 'policies', vars: { published: 4, sameDay: 3 } } },
    { policies: { published: 1, sameDay: 0 }, want: { value: 0, basis: '规范性文件 1 件，同日发布解读 0 件', kind: 'policies', vars: { published: 1, sameDay: 0 } } },
    { policies: { published: 0, sameDay: 0 }, want: null },
  ])('解读 the same day: $policies.sameDay of $policies.published', ({ policies, want }) => {
    expect(assess({ ...none, policies }, DEFAULT_WEIGHTS, '2026-03-01').parts.interpretation_same_day).toEqual(want);
  });

  it.each([
    // 办件 decided in Jan, Feb, Mar 2025; shown 2025-02-03 (Jan's results, in the month after) and 2025-02-20 (Feb's, same month)
    { decided: ['2025-01-15', '2025-01-30', '2025-02-10', '2025-03-05'], shown: ['2025-02-03'], today: '2025-12-31', want: { months: 3, shown: 2 } },
    // March's showing is due by the end of April: on 2025-04-30 it is not yet counted
    { decided: ['2025-01-15', '2025-03-05'], shown: [], today: '2025-04-30', want: { months: 1, shown: 0 } },
    { decided: ['2025-01-15', '2025-03-05'], shown: ['2025-04-01'], today: '2025-05-01', want: { months: 2, shown: 1 } },
    // December's results shown in January of the next year
    { decided: ['2024-12-20'], shown: ['2025-01-06'], today: '2025-02-01', want: { months: 1, shown: 1 } },
    // a showing two months later does not cover the month
    { decided: ['2025-05-20'], shown: ['2025-07-01'], today: '2025-08-01', want: { months: 1, shown: 0 } },
    { decided: [], shown: ['2025-07-01'], today: '2025-08-01', want: { months: 0, shown: 0 } },
  ])('monthly 办理结果公示: decided $decided, shown $shown on $today', ({ decided, shown, today, want }) => {
    expect(resultMonths(decided, shown, today)).toEqual(want);
  });

  it('monthly results as a part: months with 办件 and those shown', () => {
    expect(assess({ ...none, results: { months: 4, shown: 3 } }, DEFAULT_WEIGHTS, '2026-01-10').parts.monthly_results).toMatchObject({ value: 75, basis: '有办件的月份 4 个，已公示 3 个' });
  });
});
