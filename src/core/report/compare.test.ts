import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareReports, sentencesOf } from './compare.ts';
import { fromFixture } from './fixture.ts';
import type { ReportModel } from './model.ts';

const fixture = (slug: string): ReportModel => fromFixture(JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8')));
const PT19 = fixture('pingtan-2019'), PT21 = fixture('pingtan-2021'), PT23 = fixture('pingtan-2023');
const T3_NEW = '一、本年新收政府信息公开申请数量', T3_IN = '二、上年结转政府信息公开申请数量', T3_OUT = '四、结转下年度继续办理';
const NORM = 'table2|第二十条第（一）项|行政规范性文件';

describe('compareReports on the real 平潭 reports', () => {
  const cell = (c: ReturnType<typeof compareReports>, ref: string) => c.cells.find((x) => x.cell === ref)!;

  it.each([
    // [left, right, cell, left value, right value, delta]
    ['2021→2023', `table3|${T3_NEW}|总计`, 70, 81, 11],
    ['2021→2023', `table3|${T3_NEW}|自然人`, 64, 80, 16],
    ['2021→2023', `table3|${T3_OUT}|总计`, 1, 0, -1],
    ['2021→2023', `${NORM}|现行有效件数`, 665, 470, -195],
    ['2021→2023', `${NORM}|本年废止件数`, 3, 132, 129],
    ['2021→2023', 'table2|第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）', 24252.311082, 5949.088667, -18303.222415],
    ['2021→2023', 'table4|未经复议直接起诉|总计', 12, 5, -7],
    ['2021→2023', 'table4|复议后起诉|总计', 0, 2, 2],
    ['2019→2021', `table3|${T3_NEW}|总计`, 23, 70, 47],
    ['2023→2019', `table3|${T3_NEW}|总计`, 81, 23, -58],
  ] as const)('%s: %s %d → %d, delta %d', (pair, ref, lv, rv, delta) => {
    const by = { 2019: PT19, 2021: PT21, 2023: PT23 } as Record<string, ReportModel>;
    const [a, b] = pair.split('→');
    const c = compareReports(by[a!]!, by[b!]!);
    expect(cell(c, ref)).toMatchObject({ left: lv, right: rv, delta, changed: lv !== rv, comparable: true });
  });

  it('every cell of both reports is listed, unchanged ones with delta 0 (2021 vs 2023: table 三 25×7, table 四 15, table 二 10)', () => {
    const c = compareReports(PT21, PT23);
    expect(c.cells.filter((x) => x.cell.startsWith('table3|'))).toHaveLength(Object.keys(PT21.table3.rows).length * 7);
    expect(c.cells.filter((x) => x.cell.startsWith('table4|'))).toHaveLength(15);
    expect(cell(c, 'table2|第二十条第（一）项|规章|现行有效件数')).toMatchObject({ left: 0, right: 0, delta: 0, changed: false });
    expect(c.cells.map((x) => x.cell.slice(0, 6))).toEqual([...c.cells.map((x) => x.cell.slice(0, 6))].sort());
    expect(c.sameAgency).toBe(true);
    expect(c.consecutive).toBe(false);
    expect(c.crossYear).toBeNull();
    expect(c.remarks).toEqual(['两份报告不是相邻年度（2021 与 2023），不做跨年度核对']);
  });

  it('2019 vs 2021: table 二 shown side by side without deltas (different meanings), table 三 compared', () => {
    const c = compareReports(PT19, PT21);
    const t2 = c.cells.filter((x) => x.cell.startsWith('table2|'));
    expect(t2.length).toBeGreaterThan(0);
    expect(t2.every((x) => !x.comparable && x.delta === null)).toBe(true);
    expect(cell(c, `table2|第二十条第（一）项|规范性文件|本年新制作数量`)).toMatchObject({ left: 89, right: null });
    expect(c.remarks[0]).toContain('表二格式不同（2019 年版与 2021 年版）');
  });

  it('two agencies: compared cell by cell, no cross-year rules', () => {
    const other: ReportModel = { ...PT21, agency: '福州市人民政府办公厅' };
    const c = compareReports(other, PT21);
    expect(c.sameAgency).toBe(false);
    expect(c.crossYear).toBeNull();
    expect(c.remarks).toContain('两份报告的机关不同：“福州市人民政府办公厅”与“平潭综合实验区”，不做跨年度核对');
  });

  // 2022 of the same agency, made from 2021 with the numbers a consecutive year must carry over
  const next = (carriedIn: number[], inForce: number): ReportModel => ({
    ...PT21, year: 2022,
    table3: { ...PT21.table3, rows: { ...PT21.table3.rows, [T3_IN]: carriedIn } },
    table2: { ...PT21.table2, '第二十条第（一）项': { ...PT21.table2['第二十条第（一）项'], 行政规范性文件: { 本年制发件数: 40, 本年废止件数: 5, 现行有效件数: inForce } } },
  });
  it.each([
    ['carried over as printed (1 自然人 → 二、上年结转), 665 + 40 − 5 = 700', [1, 0, 0, 0, 0, 0, 1], 700, { X1: 'pass', X3: 'pass', X4: 'not_applicable' }, 0],
    ['上年结转 0 where 2021 carried 1; 现行有效 690 ≠ 700', [0, 0, 0, 0, 0, 0, 0], 690, { X1: 'fail', X3: 'fail', X4: 'not_applicable' }, 3],
  ] as const)('consecutive years: %s', (_n, carriedIn, inForce, results, failures) => {
    const c = compareReports(PT21, next([...carriedIn], inForce));
    expect(c.consecutive).toBe(true);
    expect(Object.fromEntries(c.crossYear!.map((r) => [r.rule, r.result]))).toEqual(results);
    expect(c.crossYear!.flatMap((r) => r.findings)).toHaveLength(failures);
    // the order does not matter: the earlier report is the previous year
    expect(compareReports(next([...carriedIn], inForce), PT21).crossYear!.map((r) => r.result)).toEqual(c.crossYear!.map((r) => r.result));
  });

  it('an unread cell in the later report leaves X1 not checked', () => {
    const later = { ...next([1, 0, 0, 0, 0, 0, 1], 700), unreadCells: [`table3|${T3_IN}|自然人`] };
    expect(compareReports(PT21, later).crossYear!.find((r) => r.rule === 'X1')!.result).toBe('not_checked');
  });
});

describe('sentencesOf', () => {
  it('cuts Chinese text after 。！？； and at line breaks', () => {
    expect(sentencesOf('一、总体情况。共收到申请70件；办结69件！\n\n二、其他')).toEqual(['一、总体情况。', '共收到申请70件；', '办结69件！', '二、其他']);
  });
});
