import { describe, expect, it } from 'vitest';
import { diffReports } from './diff.ts';
import { emptyReport } from './fixture.ts';

const filled = (format: '2019' | '2021', year: number) => {
  const m = emptyReport(format, { agency: '测试局', year });
  for (const r of Object.values(m.table3.rows)) r.fill(0);
  for (const g of Object.values(m.table4)) for (const c of Object.keys(g)) g[c] = 0;
  for (const b of Object.values(m.table2)) for (const r of Object.values(b)) for (const c of Object.keys(r)) r[c] = 0;
  return m;
};

describe('diffReports', () => {
  it('lists every changed cell with the delta and runs X1 (in either argument order)', () => {
    const a = filled('2021', 2022);
    const b = filled('2021', 2023);
    a.table3.rows['四、结转下年度继续办理'] = [2, 0, 0, 0, 0, 0, 2];
    b.table3.rows['二、上年结转政府信息公开申请数量'] = [1, 0, 0, 0, 0, 0, 1];
    b.table4['行政复议']!['总计'] = 3;
    const d = diffReports(b, a);
    expect([d.earlier.year, d.later.year]).toEqual([2022, 2023]);
    expect(d.changes).toEqual([
      { cell: 'table3|二、上年结转政府信息公开申请数量|自然人', before: 0, after: 1, delta: 1 },
      { cell: 'table3|二、上年结转政府信息公开申请数量|总计', before: 0, after: 1, delta: 1 },
      { cell: 'table3|四、结转下年度继续办理|自然人', before: 2, after: 0, delta: -2 },
      { cell: 'table3|四、结转下年度继续办理|总计', before: 2, after: 0, delta: -2 },
      { cell: 'table4|行政复议|总计', before: 0, after: 3, delta: 3 },
    ]);
    expect(d.findings.map((f) => f.rule)).toEqual(['X1', 'X1']);
    expect(d.remarks).toEqual([]);
  });
  it('2020 (2019 format) → 2021: table 二 is not compared, table 三 and X1 are', () => {
    const a = filled('2019', 2020);
    const b = filled('2021', 2021);
    const d = diffReports(a, b);
    expect(d.changes.filter((c) => c.cell.startsWith('table2'))).toEqual([]);
    expect(d.changes.map((c) => c.cell)).toEqual(TABLE3_SIX_CHANGES);
    expect(d.remarks[0]).toMatch(/表二格式不同/);
  });
  it('non-consecutive years: no cross-year findings, a remark', () => {
    const a = filled('2021', 2021);
    const b = filled('2021', 2023);
    b.table3.rows['二、上年结转政府信息公开申请数量'] = [1, 0, 0, 0, 0, 0, 1];
    const d = diffReports(a, b);
    expect(d.findings).toEqual([]);
    expect(d.remarks).toEqual(['两份报告不是相邻年度（2021 与 2023），未做跨年勾稽检查']);
  });
});

// 2019 has the single （六）其他处理 row, 2021 the three sub-rows: those cells differ (0 vs blank).
const SIX_2019 = ['（六）其他处理'];
const SIX_2021 = ['（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '（六）其他处理/3.其他'];
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];
const TABLE3_SIX_CHANGES = [...SIX_2019, ...SIX_2021].flatMap((r) => COLS.map((c) => `table3|${r}|${c}`));
