import { describe, expect, it } from 'vitest';
import { compareRuns, type ComparableFinding } from './run-compare.ts';

let next = 1;
const f = (agency: string | null, year: number, rule: string, cells: string[], decision = 'pending', message = `${rule} 不符`): ComparableFinding =>
  ({ id: next++, scope: 'report', agency, year, rule, severity: 'error', source: 'rules', message, cells, decision });

const E1 = ['table3|（七）总计|总计'];
const I1 = ['table3|（一）予以公开|总计'];

describe('compareRuns', () => {
  it.each([
    {
      name: 'the same rule on the same cells in consecutive years persists; a new cell is added; a corrected one resolved',
      earlier: [f('平潭综合实验区', 2022, 'E1', E1), f('平潭综合实验区', 2022, 'I1', I1)],
      later: [f('平潭综合实验区', 2023, 'E1', E1), f('平潭综合实验区', 2023, 'W-blank', ['table2|第二十条第（一）项|规章|本年制发件数'])],
      want: [{ agency: '平潭综合实验区', added: ['W-blank'], resolved: ['I1'], persisting: ['E1'] }],
    },
    {
      name: 'names differing only in spaces and full-width letters are one agency',
      earlier: [f('某某 局', 2022, 'E1', E1)],
      later: [f('某某局', 2023, 'E1', E1)],
      want: [{ agency: '某某局', added: [], resolved: [], persisting: ['E1'] }],
    },
    {
      name: 'a finding dismissed in either run takes no part',
      earlier: [f('甲局', 2022, 'E1', E1, 'dismissed'), f('甲局', 2022, 'I1', I1)],
      later: [f('甲局', 2023, 'E1', E1), f('甲局', 2023, 'I1', I1, 'dismissed')],
      want: [{ agency: '甲局', added: ['E1'], resolved: ['I1'], persisting: [] }],
    },
    {
      name: 'agencies apart, in zh-CN order; findings without cells compared by their text without the year',
      earlier: [f('乙局', 2022, 'W-section', [], 'confirmed', '2022年正文缺少“六、其他需要报告的事项”部分'), f('甲局', 2022, 'E1', E1)],
      later: [f('乙局', 2023, 'W-section', [], 'pending', '2023年正文缺少“六、其他需要报告的事项”部分')],
      want: [{ agency: '甲局', added: [], resolved: ['E1'], persisting: [] }, { agency: '乙局', added: [], resolved: [], persisting: ['W-section'] }],
    },
  ])('$name', ({ earlier, later, want }) => {
    const got = compareRuns(earlier, later).map((a) => ({
      agency: a.agency, added: a.added.map((x) => x.rule), resolved: a.resolved.map((x) => x.rule), persisting: a.persisting.map((x) => x.finding.rule),
    }));
    expect(got).toEqual(want);
  });

  it('a persisting finding carries the earlier run’s finding id', () => {
    const a = f('甲局', 2022, 'E1', E1);
    const b = f('甲局', 2023, 'E1', E1);
    expect(compareRuns([a], [b])[0]!.persisting).toEqual([{ finding: b, earlierId: a.id }]);
  });
});
