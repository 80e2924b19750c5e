import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../core/report/fixture.ts';
import { layoutOf, type LayoutId } from '../../core/report/formats.ts';
import type { ReportModel } from '../../core/report/model.ts';
import { formatCell, mergeKeys, placeGrid, reportGrids, table2Grid, table3Grid, table4Grid, type Grid } from './grid.ts';

function model(format: LayoutId): ReportModel {
  return emptyReport(format, { agency: '测试局', year: 2023 });
}

/** Every matrix position is covered by exactly one cell (no gaps, no overlaps). */
function assertTiled(grid: Grid): void {
  const { cover, placed } = placeGrid(grid);
  for (const line of cover) for (const pc of line) expect(pc).toBeDefined();
  const area = placed.reduce((a, p) => a + p.cell.rowSpan * p.cell.colSpan, 0);
  expect(area).toBe(grid.rows.length * grid.columns);
}

describe('report grids', () => {
  it.each([
    // layout, 表二 blocks, 表二 value columns, 表三 body rows (一 二, 18 common results, （六）, （七） 四), （六） rows
    ['2019', 5, 3, 2 + 18 + 1 + 2, 1],
    ['2021', 4, 3, 2 + 18 + 3 + 2, 3],
    ['hybrid', 4, 3, 2 + 18 + 1 + 2, 1],
  ] as const)('%s: tables tile their grid; 表二 %d blocks, 表三 %d rows', (layout, blocks, valueCols, t3Rows, otherRows) => {
    const g = reportGrids(model(layout));
    for (const grid of Object.values(g)) assertTiled(grid);
    expect(g.table2.rows.filter((r) => r[0]?.role === 'caption')).toHaveLength(blocks);
    expect(g.table2.columns).toBe(valueCols + 1);
    expect(g.table3.rows.length - g.table3.headerRows).toBe(t3Rows);
    expect(layoutOf(layout).table3Rows.filter((k) => k.startsWith('（六）'))).toHaveLength(otherRows);
  });

  it('表三 header: note cell 3×3, 申请人情况 over 7 columns, 法人或其他组织 over 5', () => {
    const g = table3Grid(model('2021'));
    const [r0, r1, r2] = g.rows;
    expect(r0![0]).toMatchObject({ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 3 });
    expect(r0![1]).toMatchObject({ text: '申请人情况', colSpan: 7, scope: 'colgroup' });
    expect(r1!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]]);
    expect(r2!.map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  });

  it.each([
    ['2019', 20, [['（三）不予公开', 8], ['（四）无法提供', 3], ['（五）不予处理', 5]]],
    ['2021', 22, [['（三）不予公开', 8], ['（四）无法提供', 3], ['（五）不予处理', 5], ['（六）其他处理', 3]]],
  ] as const)('%s: 三、本年度办理结果 spans %d rows; groups span their sub-rows', (layout, span, groups) => {
    const g = table3Grid(model(layout));
    const cells = g.rows.flat();
    expect(cells.find((c) => c.text === '三、本年度办理结果')).toMatchObject({ rowSpan: span, colSpan: 1, scope: 'rowgroup' });
    for (const [label, n] of groups) expect(cells.find((c) => c.text === label)).toMatchObject({ rowSpan: n, scope: 'rowgroup' });
    expect(cells.find((c) => c.text === '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toMatchObject({ colSpan: 2 });
    expect(cells.find((c) => c.text === '（七）总计')).toMatchObject({ colSpan: 2 });
    expect(cells.find((c) => c.text === '四、结转下年度继续办理')).toMatchObject({ colSpan: 3 });
    if (layout === '2019') expect(cells.find((c) => c.text === '（六）其他处理')).toMatchObject({ colSpan: 2, rowSpan: 1 });
  });

  it('表三 data cells carry their reference, value and the ids of every header above and beside them', () => {
    const m = model('2021');
    m.table3.rows['（三）不予公开/4.保护第三方合法权益'] = [1, 0, 0, 0, 0, 2, 3];
    const g = table3Grid(m, 'x');
    const cell = g.rows.flat().find((c) => c.ref === 'table3|（三）不予公开/4.保护第三方合法权益|其他')!;
    expect(cell.value).toBe(2);
    expect(cell.text).toBe('2');
    const ids = new Map(g.rows.flat().filter((c) => c.id).map((c) => [c.id!, c.text]));
    expect(cell.headers!.map((h) => ids.get(h))).toEqual(['三、本年度办理结果', '（三）不予公开', '4.保护第三方合法权益', '申请人情况', '法人或其他组织', '其他']);
  });

  it('表二: a block with fewer columns lets its last column span the rest (as published tables do)', () => {
    const m = model('2019');
    const g = table2Grid(m);
    const row = g.rows.find((r) => r[0]?.text === '行政事业性收费')!;
    expect(row.map((c) => c.colSpan)).toEqual([1, 1, 2]);
    const purchase = g.rows.find((r) => r[0]?.text === '政府集中采购')!;
    expect(purchase.map((c) => c.colSpan)).toEqual([1, 1, 2]);
  });

  it('表四: 行政复议 5 columns, 行政诉讼 10 in two groups, one data row of 15', () => {
    const m = model('2021');
    m.table4['复议后起诉']!['总计'] = 7;
    const g = table4Grid(m);
    expect(g.rows[0]!.map((c) => [c.text, c.rowSpan, c.colSpan])).toEqual([['行政复议', 2, 5], ['行政诉讼', 1, 10]]);
    expect(g.rows[1]!.map((c) => [c.text, c.colSpan])).toEqual([['未经复议直接起诉', 5], ['复议后起诉', 5]]);
    expect(g.rows[3]).toHaveLength(15);
    expect(g.rows[3]![14]).toMatchObject({ ref: 'table4|复议后起诉|总计', value: 7, text: '7' });
  });

  it('labels the model has beyond the layout are printed too (e.g. a 2019 row in a 2021 report)', () => {
    const m = model('2021');
    m.table3.rows['（六）其他处理'] = [1, 0, 0, 0, 0, 0, 1];
    const texts = table3Grid(m).rows.flat().map((c) => c.text);
    expect(texts).toContain('（六）其他处理');
    expect(mergeKeys(['a', 'b', 'c'], ['a', 'x', 'b', 'y'])).toEqual(['a', 'x', 'b', 'y', 'c']);
  });

  it.each([
    [0, '0'], [81, '81'], [-8, '-8'], [5949.088667, '5949.088667'], [null, ''],
  ] as const)('formatCell(%s) = "%s" (zero printed as 0, blank as empty)', (v, s) => {
    expect(formatCell(v)).toBe(s);
  });
});
