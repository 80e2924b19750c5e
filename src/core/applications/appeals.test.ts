import { describe, expect, it } from 'vitest';
import { appealProblems, foldTable4, type AppealDates } from './appeals.ts';

describe('foldTable4', () => {
  it('counts cases filed in the year by group and result, with 总计', () => {
    const t = foldTable4([
      { kind: 'review', filedOn: '2025-03-01', result: 'upheld' },
      { kind: 'review', filedOn: '2025-05-01', result: 'pending' },
      { kind: 'litigation_direct', filedOn: '2025-06-01', result: 'corrected' },
      { kind: 'litigation_after_review', filedOn: '2024-12-31', result: 'other' },
    ], 2025);
    expect(t['行政复议']).toEqual({ 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 2 });
    expect(t['未经复议直接起诉']).toEqual({ 结果维持: 0, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 1 });
    expect(t['复议后起诉']).toEqual({ 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 });
  });
});

describe('appealProblems: a 复议/诉讼 case needs a concluded decision before it, and no date in the future', () => {
  const T = '2026-12-06';
  it.each<[string, Omit<AppealDates, 'today'>, string[]]>([
    ['pending case filed after the decision', { filedOn: '2026-05-10', closedOn: null, result: 'pending', application: { decidedOn: '2026-04-30' } }, []],
    ['filed on the decision day, closed later', { filedOn: '2026-04-30', closedOn: '2026-08-01', result: 'upheld', application: { decidedOn: '2026-04-30' } }, []],
    ['not linked, closed today', { filedOn: '2026-01-05', closedOn: T, result: 'corrected' }, []],
    ['filed in the future', { filedOn: '2026-12-07', closedOn: null, result: 'pending' }, ['filedOn:不能晚于今天（2026-12-06）']],
    ['linked to an undecided application', { filedOn: '2026-05-10', closedOn: null, result: 'pending', application: { decidedOn: null } }, ['applicationId:尚未作出答复']],
    ['filed before the decision', { filedOn: '2026-04-29', closedOn: null, result: 'pending', application: { decidedOn: '2026-04-30' } }, ['filedOn:不能早于关联申请的答复日期（2026-04-30）']],
    ['upheld without a closing date', { filedOn: '2026-05-10', closedOn: null, result: 'upheld' }, ['closedOn:请填写审结日期']],
    ['pending with a closing date', { filedOn: '2026-05-10', closedOn: '2026-06-01', result: 'pending' }, ['closedOn:尚未审结的案件不能有审结日期']],
    ['closed before filed', { filedOn: '2026-05-10', closedOn: '2026-05-09', result: 'other' }, ['closedOn:不能早于立案日期（2026-05-10）']],
    ['closed in the future', { filedOn: '2026-05-10', closedOn: '2027-01-01', result: 'upheld' }, ['closedOn:不能晚于今天（2026-12-06）']],
  ])('%s', (_name, c, expected) => {
    const got = appealProblems({ ...c, today: T });
    expect(got.length).toBe(expected.length);
    expected.forEach((e, i) => {
      const [field, fragment] = e.split(':') as [string, string];
      expect(got[i]!.field).toBe(field);
      expect(got[i]!.message).toContain(fragment);
    });
  });
});
