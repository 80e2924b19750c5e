import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellCountOf, cellRefsOf } from './cells.ts';
import { emptyReport, fromFixture } from './fixture.ts';
import type { ReportModel } from './model.ts';

const SLUGS = ['pingtan-2019', 'pingtan-2021', 'pingtan-2023', 'huaian-2024', 'zhifu-approval-2019', 'template-2021'] as const;
const fixture = (slug: string): ReportModel =>
  fromFixture(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8')));

/** Odd shapes a reader can produce: no tables, an empty table 三, its own column list, blocks without rows. */
function oddShapes(): [string, ReportModel][] {
  const base = fixture('huaian-2024');
  return [
    ['empty 2021 report', emptyReport('2021')],
    ['empty 2019 report', emptyReport('2019')],
    ['no tables at all', { ...base, table2: {}, table3: { columns: [], rows: {} }, table4: {} }],
    ['table 三 without its column list', { ...base, table3: { columns: [], rows: base.table3.rows } }],
    ['table 三 with three printed columns', { ...base, table3: { columns: ['自然人', '其他', '总计'], rows: base.table3.rows } }],
    ['table 二 with an empty block and table 四 with an empty group', { ...base, table2: { ...base.table2, 空块: {} }, table4: { ...base.table4, 空组: {} } }],
  ];
}

describe('cellCountOf: the number of cells of cellRefsOf, without the references', () => {
  it.each([...SLUGS.map((s) => [s, fixture(s)] as [string, ReportModel]), ...oddShapes()])('%s', (_name, m) => {
    expect(cellCountOf(m)).toBe(cellRefsOf(m).length);
  });
});
