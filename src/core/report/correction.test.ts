import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyCorrections, cellKind, correctableCells, parseCorrectionValue, problemSettled } from './correction.ts';
import { fromFixture } from './fixture.ts';
import type { ReportModel } from './model.ts';
import { cellValue, checkReportDetailed } from './rules.ts';

const fixture = (slug: string): ReportModel => fromFixture(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8')));
const PT21 = fixture('pingtan-2021'), PT19 = fixture('pingtan-2019');
const TOTAL = '（七）总计';
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** 平潭 2021 with its （七）总计 row unread, as the importer leaves a row it cannot read. */
function unreadTotal(): ReportModel {
  return { ...PT21, table3: { ...PT21.table3, rows: { ...PT21.table3.rows, [TOTAL]: COLS.map(() => null) } }, unreadCells: COLS.map((c) => `table3|${TOTAL}|${c}`) };
}

describe('applyCorrections', () => {
  it('sets the values, takes the cells out of the unread list, leaves the reading as it was', () => {
    const reading = unreadTotal();
    const m = applyCorrections(reading, [{ cell: `table3|${TOTAL}|自然人`, value: 63 }, { cell: `table3|${TOTAL}|总计`, value: 69 }]);
    expect(cellValue(m, `table3|${TOTAL}|自然人`)).toBe(63);
    expect(cellValue(m, `table3|${TOTAL}|总计`)).toBe(69);
    expect(m.unreadCells).toHaveLength(5);
    expect(cellValue(reading, `table3|${TOTAL}|自然人`)).toBeNull();
    expect(reading.unreadCells).toHaveLength(7);
  });

  it.each([
    // corrections of the unread （七）总计 row → E1 for 总计 (70 + 0 = 总计 + 1) not checked / passes / fails
    ['no correction', [], { notChecked: 7, fails: 0 }],
    ['总计 69 (as printed): E1 总计列 passes', [['总计', 69]], { notChecked: 6, fails: 0 }],
    ['总计 68: E1 总计列 fails (70+0 ≠ 68+1)', [['总计', 68]], { notChecked: 6, fails: 1 }],
    ['the whole row as printed: every E1 checked and passes', [[COLS[0], 63], [COLS[1], 0], [COLS[2], 0], [COLS[3], 2], [COLS[4], 0], [COLS[5], 4], [COLS[6], 69]], { notChecked: 0, fails: 0 }],
  ] as const)('E1 after %s', (_n, fixes, want) => {
    const m = applyCorrections(unreadTotal(), fixes.map(([c, v]) => ({ cell: `table3|${TOTAL}|${c}`, value: v })));
    const o = checkReportDetailed(m);
    expect(o.notChecked.filter((c) => c.rule === 'E1')).toHaveLength(want.notChecked);
    expect(o.findings.filter((f) => f.rule === 'E1')).toHaveLength(want.fails);
  });

  it('creates a row or entry the reader left out', () => {
    const m = applyCorrections({ ...PT21, table4: {} }, [{ cell: 'table4|行政复议|总计', value: 3 }]);
    expect(m.table4).toEqual({ 行政复议: { 总计: 3 } });
  });
});

describe('parseCorrectionValue', () => {
  it.each([
    ['table3|（七）总计|总计', '69', { value: 69 }],
    ['table3|（七）总计|总计', ' 1,234 ', { value: 1234 }],
    ['table3|（七）总计|总计', '-1', { error: '更正后的数值应为非负整数（件数为 0 或正整数）' }],
    ['table3|（七）总计|总计', '1.5', { error: '更正后的数值应为非负整数（件数为 0 或正整数）' }],
    ['table3|（七）总计|总计', '', { error: '请填写更正后的数值' }],
    ['table3|（七）总计|总计', 'abc', { error: '更正后的数值应为非负整数（件数为 0 或正整数）' }],
    ['table2|第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', '24252.3111', { value: 24252.3111 }],
    ['table2|第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', '-3', { error: '更正后的金额应为非负数（最多 4 位小数）' }],
  ] as const)('2021 %s “%s”', (cell, raw, want) => {
    expect(parseCorrectionValue(PT21, cell, raw)).toEqual(want);
  });

  it('2019 “本年增/减” may be negative, counts may not', () => {
    expect(cellKind(PT19, 'table2|第二十条第（五）项|行政许可|本年增/减')).toBe('signed');
    expect(parseCorrectionValue(PT19, 'table2|第二十条第（五）项|行政许可|本年增/减', '-12')).toEqual({ value: -12 });
    expect(cellKind(PT19, 'table2|第二十条第（九）项|政府集中采购|采购总金额')).toBe('money');
  });

  it('the cells a correction may name: the tables and the unread cells', () => {
    const cells = correctableCells(unreadTotal());
    expect(cells).toContain(`table3|${TOTAL}|自然人`);
    expect(cells).toContain('table4|行政复议|总计');
    expect(cells).not.toContain('table3|不存在的行|总计');
  });
});

describe('problemSettled', () => {
  const unread = COLS.map((c) => `table3|${TOTAL}|${c}`);
  it.each([
    ['a row problem, one cell corrected of seven', [`table3|${TOTAL}`], [unread[0]!], unread.slice(1), false],
    ['a row problem, every unread cell corrected', [`table3|${TOTAL}`], unread, [], true],
    ['a cell problem, that cell corrected', [unread[6]!], [unread[6]!], [], true],
    ['a problem naming no cell', [], unread, [], false],
  ] as const)('%s → %s', (_n, cells, corrected, still, want) => {
    expect(problemSettled(cells, new Set(corrected), still)).toBe(want);
  });
});
