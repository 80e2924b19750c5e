// 办件 rows: columns by header name, category from 决定类型 or the item's 事项类型, every bad row listed.
import { describe, expect, it } from 'vitest';
import { parseCaseRows } from './cases.ts';

const items = new Map([['SP-1', { type: '行政许可', name: '食品经营许可' }], ['GG-1', { type: '公共服务', name: '个体工商户开办' }]]);

describe('parseCaseRows', () => {
  it('reads rows in any column order and takes the category from the item type unless 决定类型 names one', () => {
    const r = parseCaseRows([
      { 实施编码: 'SP-1', 办件编号: 'bj-2019-0001', 办结日期: '2019/3/1', 办理结果: '准予许可', 决定类型: '' },
      { 办件编号: 'BJ-2019-0002', 办结日期: '2019年4月2日', 实施编码: 'GG-1', 决定类型: '', 办理结果: '办结' },
      { 办件编号: 'BJ-2019-0003', 办结日期: '2019-05-03', 实施编码: 'GG-1', 决定类型: '行政处罚', 办理结果: '' },
      { 办件编号: '', 办结日期: '', 实施编码: '', 决定类型: '', 办理结果: '' },
    ], items);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.caseNo, x.decidedOn, x.category, x.itemName])).toEqual([
      ['BJ-2019-0001', '2019-03-01', 'license', '食品经营许可'], ['BJ-2019-0002', '2019-04-02', 'other_service', '个体工商户开办'], ['BJ-2019-0003', '2019-05-03', 'penalty', '个体工商户开办'],
    ]);
    expect(r.summary).toEqual([{ year: 2019, category: 'license', count: 1 }, { year: 2019, category: 'other_service', count: 1 }, { year: 2019, category: 'penalty', count: 1 }]);
  });

  it('lists every problem of every row with its line', () => {
    const r = parseCaseRows([
      { 办件编号: 'B1', 办结日期: '2019-02-30', 实施编码: 'SP-1' },
      { 办件编号: 'BJ-0001', 办结日期: '2019-02-01', 实施编码: 'NOPE' },
      { 办件编号: 'BJ-0001', 办结日期: '2019-02-01', 实施编码: 'SP-1' },
      { 办件编号: '', 办结日期: '明天', 实施编码: '' },
    ], items);
    expect(r.rows).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual([
      '第2行：办件编号“B1”应为 4 至 64 位字母、数字或 - _ / ( )',
      '第2行：办结日期“2019-02-30”无法识别，请写成 2019-03-01',
      '第3行：本单位没有实施编码为 NOPE 的事项',
      '第4行：办件编号 BJ-0001 与第3行重复',
      '第5行：缺少办件编号',
      '第5行：办结日期“明天”无法识别，请写成 2019-03-01',
      '第5行：缺少实施编码',
    ]);
  });
});
