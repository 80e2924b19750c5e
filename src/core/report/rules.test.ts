import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyReport, fromFixture } from './fixture.ts';
import { T3_OTHER_2021, TABLE3_COLUMNS } from './formats.ts';
import type { ReportModel } from './model.ts';
import { checkReport, knownInconsistencies, reportKindOf, RULES, type Finding } from './rules.ts';

const SLUGS = ['pingtan-2019', 'pingtan-2021', 'pingtan-2023', 'huaian-2024', 'zhifu-approval-2019', 'template-2021'] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixtureJson = (slug: string): any => JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8'));
const fixture = (slug: string): ReportModel => fromFixture(fixtureJson(slug));
const byRule = (fs: Finding[], rule: string) => fs.filter((f) => f.rule === rule);
const col = (c: string) => TABLE3_COLUMNS.indexOf(c as (typeof TABLE3_COLUMNS)[number]);

/** 淮安 2024 (2021 format) is consistent under every table rule: the passing table of each test. */
const huaian = () => fixture('huaian-2024');
/** pingtan 2019 (2019 format): the passing 2019 table. */
const pingtan2019 = () => fixture('pingtan-2019');

describe('the rule catalogue', () => {
  it('has stable unique ids, a source clause, a severity and a title for each rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['E1', 'I1', 'I2', 'I4', 'I5', 'W-blank', 'W-label', 'W-section', 'X1', 'X3', 'N1', 'N2', 'P1']));
    for (const r of RULES) {
      expect(r.source.length).toBeGreaterThan(5);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('fixtures: checkReport finds exactly the known inconsistencies', () => {
  it.each(SLUGS)('%s', (slug) => {
    const j = fixtureJson(slug);
    const m = fromFixture(j);
    expect(knownInconsistencies(m)).toEqual(j.known_inconsistencies);
    expect(checkReport(m).filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('P1 on the fixtures: pingtan is an area government (31 March): 2022-02-08 and 2024-03-08 are on time', () => {
    for (const s of ['pingtan-2019', 'pingtan-2021', 'pingtan-2023']) expect(byRule(checkReport(fixture(s)), 'P1')).toEqual([]);
    // As a department (deadline 31 January) the 2021 report would be late.
    expect(byRule(checkReport(fixture('pingtan-2021'), { publishDeadline: '01-31' }), 'P1').map((f) => f.message)).toEqual([
      '发布日期 2022-02-08 晚于法定期限 2022-01-31（按设定的发布期限）',
    ]);
  });
});

describe('E1: per column 一+二 = （七）总计+四', () => {
  it('passes on a consistent table (淮安 2024: 3119+34 = 3050+103)', () => {
    expect(byRule(checkReport(huaian()), 'E1')).toEqual([]);
  });
  it('reports every failing column with the fixture README string form and the four cells', () => {
    const m = huaian();
    m.table3.rows['四、结转下年度继续办理']![col('自然人')] = 100; // was 103 → 自然人 and 总计? only 自然人 column changes
    m.table3.rows['二、上年结转政府信息公开申请数量']![col('其他')] = 5;
    const e1 = byRule(checkReport(m), 'E1');
    const n = m.table3.rows;
    const a = n['一、本年新收政府信息公开申请数量']![col('自然人')]!;
    const b = n['二、上年结转政府信息公开申请数量']![col('自然人')]!;
    const c = n['（七）总计']![col('自然人')]!;
    expect(e1.map((f) => f.message)).toEqual([
      `表三 自然人列: 一+二 (${a}+${b}=${a + b}) ≠ （七）总计+四 (${c}+100=${c + 100})`,
      expect.stringMatching(/^表三 其他列: 一\+二 \(\d+\+5=\d+\) ≠ （七）总计\+四 \(\d+\+\d+=\d+\)$/),
    ]);
    expect(e1[0]!.cells).toEqual([
      'table3|一、本年新收政府信息公开申请数量|自然人', 'table3|二、上年结转政府信息公开申请数量|自然人',
      'table3|（七）总计|自然人', 'table3|四、结转下年度继续办理|自然人',
    ]);
    expect(e1[0]!.severity).toBe('error');
  });
  it('uses the exact string of the fixture README for a small table', () => {
    const m = emptyReport('2021', { agency: '测试局', year: 2022 });
    for (const r of Object.values(m.table3.rows)) r.fill(0);
    m.table3.rows['一、本年新收政府信息公开申请数量']![col('自然人')] = 5;
    m.table3.rows['一、本年新收政府信息公开申请数量']![col('总计')] = 5;
    m.table3.rows['（一）予以公开']![col('自然人')] = 4;
    m.table3.rows['（一）予以公开']![col('总计')] = 4;
    m.table3.rows['（七）总计']![col('自然人')] = 4;
    m.table3.rows['（七）总计']![col('总计')] = 4;
    expect(byRule(checkReport(m), 'E1').map((f) => f.message)).toEqual([
      '表三 自然人列: 一+二 (5+0=5) ≠ （七）总计+四 (4+0=4)',
      '表三 总计列: 一+二 (5+0=5) ≠ （七）总计+四 (4+0=4)',
    ]);
  });
});

describe('I1: 总计 = six applicant columns, every row', () => {
  it('passes on 淮安 2024 and pingtan 2019', () => {
    expect(byRule(checkReport(huaian()), 'I1')).toEqual([]);
    expect(byRule(checkReport(pingtan2019()), 'I1')).toEqual([]);
  });
  it('reports each failing row; a blank 总计 counts as 0 (上海 2019 habit)', () => {
    const m = pingtan2019();
    m.table3.rows['（一）予以公开']![col('总计')] = 8; // 7 in the applicant columns
    m.table3.rows['（二）部分公开']![col('总计')] = null; // 1 in 自然人
    expect(byRule(checkReport(m), 'I1').map((f) => f.message)).toEqual([
      '表三 （一）予以公开行: 总计 (8) ≠ 六类申请人之和 (7)',
      '表三 （二）部分公开行: 总计 (0) ≠ 六类申请人之和 (1)',
    ]);
    expect(byRule(checkReport(m), 'I1')[0]!.cells).toHaveLength(7);
  });
});

describe('I2: （七）总计 = sum of the result rows of the format', () => {
  it('passes on both formats', () => {
    expect(byRule(checkReport(huaian()), 'I2')).toEqual([]);
    expect(byRule(checkReport(pingtan2019()), 'I2')).toEqual([]);
  });
  it('2021: the three （六） sub-rows count; a 2019 single row does not exist there', () => {
    const m = huaian();
    const six3 = T3_OTHER_2021[2];
    const before = m.table3.rows[six3]![col('总计')]!;
    m.table3.rows[six3]![col('总计')] = before + 2;
    const total = m.table3.rows['（七）总计']![col('总计')]!;
    expect(byRule(checkReport(m), 'I2').map((f) => f.message)).toEqual([`表三 总计列: （七）总计 (${total}) ≠ 各办理结果之和 (${total + 2})`]);
  });
  it('2019: the single （六）其他处理 row counts', () => {
    const m = pingtan2019();
    m.table3.rows['（六）其他处理']![col('自然人')] = 3;
    const f = byRule(checkReport(m), 'I2');
    expect(f.map((x) => x.rule)).toEqual(['I2']);
    expect(f[0]!.message).toMatch(/^表三 自然人列: （七）总计 \(\d+\) ≠ 各办理结果之和 \(\d+\)$/);
    expect(f[0]!.cells).toContain('table3|（六）其他处理|自然人');
  });
});

describe('I4: non-negative integers; 2019 本年增/减 may be negative; money decimal', () => {
  it('passes: 2021 收费金额 24252.311082 万元 and 2019 采购总金额 75394432.52 are amounts', () => {
    expect(byRule(checkReport(fixture('pingtan-2021')), 'I4')).toEqual([]);
    expect(byRule(checkReport(pingtan2019()), 'I4')).toEqual([]);
  });
  it('2019 本年增/减 = -8 is allowed, 2.5 is not', () => {
    const m = pingtan2019();
    m.table2['第二十条第（五）项']!['行政许可']!['本年增/减'] = -8;
    expect(byRule(checkReport(m), 'I4')).toEqual([]);
    m.table2['第二十条第（五）项']!['行政许可']!['本年增/减'] = 2.5;
    expect(byRule(checkReport(m), 'I4').map((f) => f.message)).toEqual(['表二 第二十条第（五）项 行政许可「本年增/减」: 2.5 不是整数（本年增/减以整数填写，减少用负数）']);
  });
  it('reports every negative or fractional count in tables 二, 三 and 四', () => {
    const m = huaian();
    m.table3.rows['（一）予以公开']![col('商业企业')] = -1;
    m.table4['行政复议']!['结果维持'] = 1.5;
    m.table2['第二十条第（五）项']!['行政许可']!['本年处理决定数量'] = -3;
    m.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = -1.25;
    expect(byRule(checkReport(m), 'I4').map((f) => [f.message, f.cells])).toEqual([
      ['表二 第二十条第（五）项 行政许可「本年处理决定数量」: -3 不是非负整数（件数应为 0 或正整数）', ['table2|第二十条第（五）项|行政许可|本年处理决定数量']],
      ['表二 第二十条第（八）项 行政事业性收费「本年收费金额（单位：万元）」: 金额 -1.25 为负数', ['table2|第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）']],
      ['表三 （一）予以公开行 商业企业列: -1 不是非负整数（件数应为 0 或正整数）', ['table3|（一）予以公开|商业企业']],
      ['表四 行政复议「结果维持」: 1.5 不是非负整数（件数应为 0 或正整数）', ['table4|行政复议|结果维持']],
    ]);
  });
  // every kind of column with every kind of value: a whole number ≥ 0 or a blank passes everywhere (the rule decides
  // those without naming the cell), anything else gets the message of its kind
  const MONEY = ['第二十条第（八）项', '行政事业性收费', '本年收费金额（单位：万元）'] as const;
  const SIGNED = ['第二十条第（五）项', '行政许可', '本年增/减'] as const;
  const COUNT = ['第二十条第（五）项', '行政许可', '本年处理决定数量'] as const;
  it.each([
    [COUNT, 0, null], [COUNT, 7, null], [COUNT, null, null], [COUNT, -0, null],
    [COUNT, -2, '-2 不是非负整数（件数应为 0 或正整数）'], [COUNT, 0.5, '0.5 不是非负整数（件数应为 0 或正整数）'],
    [COUNT, Number.NaN, '“NaN”不是数字'], [COUNT, Number.POSITIVE_INFINITY, '“Infinity”不是数字'], [COUNT, '12' as unknown as number, '“12”不是数字'],
    [SIGNED, 3, null], [SIGNED, -8, null], [SIGNED, 2.5, '2.5 不是整数（本年增/减以整数填写，减少用负数）'], [SIGNED, Number.NaN, '“NaN”不是数字'],
    [MONEY, 12, null], [MONEY, 0.25, null], [MONEY, -1, '金额 -1 为负数'], [MONEY, -0.1, '金额 -0.1 为负数'],
  ] as const)('表二 %j = %s', ([block, row, column], v, problem) => {
    const m = fromFixture(fixtureJson(block === '第二十条第（五）项' && column === '本年增/减' ? 'pingtan-2019' : 'huaian-2024'));
    m.table2[block]![row]![column] = v;
    expect(byRule(checkReport(m), 'I4').map((f) => [f.message, f.cells])).toEqual(
      problem === null ? [] : [[`表二 ${block} ${row}「${column}」: ${problem}`, [`table2|${block}|${row}|${column}`]]]);
  });
  it('a value that is not a number in tables 三 and 四 (a JSON model written by hand)', () => {
    const m = huaian();
    m.table3.rows['（一）予以公开']![col('其他')] = 'x' as unknown as number;
    m.table4['复议后起诉']!['总计'] = Number.NaN;
    expect(byRule(checkReport(m), 'I4').map((f) => [f.message, f.cells])).toEqual([
      ['表三 （一）予以公开行 其他列: “x”不是数字', ['table3|（一）予以公开|其他']],
      ['表四 复议后起诉「总计」: “NaN”不是数字', ['table4|复议后起诉|总计']],
    ]);
  });
});

describe('I5: table 四 总计 = 维持+纠正+其他+尚未审结, per group', () => {
  it('passes on 淮安 2024 (72+64+178+37 = 351)', () => {
    expect(byRule(checkReport(huaian()), 'I5')).toEqual([]);
  });
  it('reports each failing group in the README string form', () => {
    const m = huaian();
    m.table4['行政复议']!['总计'] = 350;
    m.table4['复议后起诉']!['尚未审结'] = null; // 12+1+1+6 = 20 → 14
    expect(byRule(checkReport(m), 'I5').map((f) => f.message)).toEqual([
      '表四 行政复议: 总计 (350) ≠ 结果维持+结果纠正+其他结果+尚未审结 (351)',
      '表四 复议后起诉: 总计 (20) ≠ 结果维持+结果纠正+其他结果+尚未审结 (14)',
    ]);
  });
});

describe('W-blank: blank cells (warning, one finding per table listing every cell)', () => {
  it('passes on a filled report', () => {
    expect(byRule(checkReport(huaian()), 'W-blank')).toEqual([]);
  });
  it('the blank 2021 template: 10 + 175 + 15 blank cells', () => {
    const f = byRule(checkReport(fixture('template-2021')), 'W-blank');
    expect(f.map((x) => x.cells.length)).toEqual([10, 175, 15]);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
    expect(f[2]!.message).toMatch(/^表四有 15 个空白单元格/);
  });
  it('a missing row counts as blank cells', () => {
    const m = huaian();
    delete m.table3.rows['（三）不予公开/1.属于国家秘密'];
    const f = byRule(checkReport(m), 'W-blank');
    expect(f).toHaveLength(1);
    expect(f[0]!.cells).toEqual(TABLE3_COLUMNS.map((c) => `table3|（三）不予公开/1.属于国家秘密|${c}`));
  });
});

describe('W-label: labels of the other format version', () => {
  it('passes on the fixtures of both formats', () => {
    for (const s of SLUGS) expect(byRule(checkReport(fixture(s)), 'W-label')).toEqual([]);
  });
  it('warns on 2019 labels in a 2021 report (本年新制作数量, 政府集中采购, single （六） row)', () => {
    const m = huaian();
    m.table2['第二十条第（一）项']!['规章'] = { 本年新制作数量: 0, 本年废止件数: 0, 现行有效件数: 0 };
    m.table2['第二十条第（九）项'] = { 政府集中采购: { 采购项目数量: 1, 采购总金额: 2 } };
    m.table3.rows['（六）其他处理'] = [0, 0, 0, 0, 0, 0, 0];
    const msgs = byRule(checkReport(m), 'W-label').map((f) => f.message);
    expect(msgs).toContain('表二标签“本年新制作数量”是 2019 年版格式（国办公开办函〔2019〕60号）的标签，本报告表二按 2021 年版格式（国办公开办函〔2021〕30号）填写，请改用该版标签');
    expect(msgs.filter((x) => x.includes('政府集中采购') || x.includes('第二十条第（九）项') || x.includes('采购'))).toHaveLength(4);
    expect(msgs.some((x) => x.startsWith('表三标签“（六）其他处理”是 2019 年版'))).toBe(true);
  });
  it('hybrid reports (2021 table 二 + single （六） row) are not flagged; unknown labels are', () => {
    const m = huaian();
    m.format = 'hybrid';
    for (const r of T3_OTHER_2021) delete m.table3.rows[r];
    m.table3.rows['（六）其他处理'] = [0, 0, 0, 0, 0, 0, 0];
    expect(byRule(checkReport(m), 'W-label')).toEqual([]);
    m.table4['行政复议']!['撤回'] = 0;
    expect(byRule(checkReport(m), 'W-label').map((f) => f.message)).toEqual(['表四标签“撤回”不是国家年度报告格式中的标签，请核对']);
  });
  it('warns on a printed 2019 label that the importer mapped (printedLabels)', () => {
    const m = huaian();
    m.printedLabels = { 'table2|第二十条第（一）项|行政规范性文件': '规范性文件' };
    expect(byRule(checkReport(m), 'W-label').map((f) => f.message)).toEqual(['表中印作“规范性文件”（2019 年版格式的标签），本报告按 2021 年版格式应为“行政规范性文件”']);
  });
});

describe('W-section: the parts of the narrative', () => {
  it('passes on a report with the six national parts; tables-only models are not checked', () => {
    expect(byRule(checkReport(emptyReport('2021', { agency: 'A', year: 2022 })), 'W-section')).toEqual([]);
    expect(byRule(checkReport(huaian()), 'W-section')).toEqual([]);
  });
  it('warns on a missing part and on the 芝罘区 seven-part layout', () => {
    const m = emptyReport('2019', { agency: 'A', year: 2019, sections: 'zhifu-7' });
    m.sections = m.sections.filter((s) => s.key !== 'other');
    expect(byRule(checkReport(m), 'W-section').map((f) => f.message)).toEqual([
      '正文缺少“六、其他需要报告的事项”部分（条例第五十条规定的年度报告内容，不能遗漏）',
      '正文单列了“监督情况（考核、社会评议和责任追究）”部分，这不是国家格式的独立部分；按 2021 年格式应写入“一、总体情况”的“监督保障”中',
    ]);
  });
});

describe('W-unit: 收费金额 in 元 instead of 万元', () => {
  it('passes for 96171.6 万元 (淮安 2024), warns for 961716000', () => {
    expect(byRule(checkReport(huaian()), 'W-unit')).toEqual([]);
    const m = huaian();
    m.table2['第二十条第（八）项']!['行政事业性收费']!['本年收费金额（单位：万元）'] = 961716000;
    expect(byRule(checkReport(m), 'W-unit')).toHaveLength(1);
  });
});

describe('X1: 上年结转(Y) = 结转下年度继续办理(Y−1), from Y = 2020', () => {
  const pair = (carriedOut: number, carriedIn: number, year = 2021) => {
    const prev = emptyReport('2021', { agency: 'A', year: year - 1 });
    const cur = emptyReport('2021', { agency: 'A', year });
    prev.table3.rows['四、结转下年度继续办理'] = [carriedOut, 0, 0, 0, 0, 0, carriedOut];
    cur.table3.rows['二、上年结转政府信息公开申请数量'] = [carriedIn, 0, 0, 0, 0, 0, carriedIn];
    return { prev, cur };
  };
  it.each([
    [3, 3, 2021, 0],
    [3, 2, 2021, 2], // 自然人 and 总计
    [3, 2, 2019, 0], // X2: not checked for the first year of the new format
  ])('carried out %i, carried in %i, year %i → %i findings', (out, inn, year, count) => {
    const { prev, cur } = pair(out, inn, year);
    expect(byRule(checkReport(cur, { previous: prev }), 'X1')).toHaveLength(count);
  });
  it('message and cell; no check without the previous year, or when years are not consecutive', () => {
    const { prev, cur } = pair(3, 2);
    const f = byRule(checkReport(cur, { previous: prev }), 'X1');
    expect(f[0]!.message).toBe('表三 自然人列: 二、上年结转 2（2021 年度报告）≠ 四、结转下年度继续办理 3（2020 年度报告）');
    expect(f[0]!.cells).toEqual(['table3|二、上年结转政府信息公开申请数量|自然人']);
    expect(byRule(checkReport(cur), 'X1')).toEqual([]);
    prev.year = 2018;
    expect(byRule(checkReport(cur, { previous: prev }), 'X1')).toEqual([]);
  });
});

describe('X3: 现行有效件数 carried forward (2021 format, warning)', () => {
  const make = (before: number, made: number, repealed: number, now: number, format: '2019' | '2021' = '2021') => {
    const prev = emptyReport('2021', { agency: 'A', year: 2022 });
    const cur = emptyReport(format, { agency: 'A', year: 2023 });
    prev.table2['第二十条第（一）项']!['行政规范性文件']!['现行有效件数'] = before;
    if (format === '2021') cur.table2['第二十条第（一）项']!['行政规范性文件'] = { 本年制发件数: made, 本年废止件数: repealed, 现行有效件数: now };
    return checkReport(cur, { previous: prev });
  };
  it.each([
    [470, 77, 132, 415, 0],
    [470, 77, 132, 470, 1],
  ])('%i + %i − %i vs %i → %i', (before, made, repealed, now, count) => {
    const f = byRule(make(before, made, repealed, now), 'X3');
    expect(f).toHaveLength(count);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('not applied to the 2019 format', () => {
    expect(byRule(make(470, 77, 132, 1, '2019'), 'X3')).toEqual([]);
  });
});

describe('N1: figures stated in the narrative equal the tables', () => {
  it('passes on every fixture (narrative_figures as the narrative)', () => {
    for (const s of SLUGS) expect(byRule(checkReport(fixture(s)), 'N1')).toEqual([]);
  });
  it('reports a figure that differs, in the README string form', () => {
    const m = huaian();
    m.table4['行政复议']!['结果纠正'] = 60;
    m.table4['行政复议']!['总计'] = 347;
    expect(byRule(checkReport(m), 'N1').map((f) => f.message)).toEqual([
      '正文「政府信息公开行政复议 351 件」: 351 ≠ 表中 347 (行政复议 总计)',
      '正文「结果纠正 64 件」: 64 ≠ 表中 60 (行政复议 结果纠正)',
    ]);
  });
  it('reads the section texts when present (上海 2019 case: 予以公开及部分公开258件 vs 272+3)', () => {
    const m = pingtan2019();
    m.table3.rows['（一）予以公开'] = [272, 0, 0, 0, 0, 0, 272];
    m.table3.rows['（二）部分公开'] = [3, 0, 0, 0, 0, 0, 3];
    m.sections = [{ key: 'overview', heading: '一、总体情况', text: '全年共收到政府信息公开申请23件，其中予以公开及部分公开258件。' }];
    expect(byRule(checkReport(m), 'N1').map((f) => f.message)).toEqual(['正文「其中予以公开及部分公开258件」: 258 ≠ 表中 275 ((一)予以公开 + (二)部分公开 总计)'.replace(/\(一\)/, '（一）').replace(/\(二\)/, '（二）')]);
  });
});

describe('N2: a fee or a （六）2 count is explained in 其他需要报告的事项', () => {
  const withText = (other: string, overview = '本年度共收到申请3件。') => {
    const m = huaian();
    m.table3.rows[T3_OTHER_2021[1]] = [0, 0, 0, 0, 0, 0, 0]; // 淮安 2024 has 6 here; isolate the fee statement
    m.sections = [
      { key: 'overview', heading: '一、总体情况', text: overview },
      { key: 'other', heading: '六、其他需要报告的事项', text: other },
    ];
    return m;
  };
  it.each([
    ['全年收取政府信息公开信息处理费3940元。', '', 0],
    ['2023年，无收取信息处理费情况。', '', 0],
    ['本年度无其他需要报告的事项。', '', 1],
    ['本年度无其他需要报告的事项。', '全年收取信息处理费 3940 元。', 1],
  ])('other = %s, overview = %s → %i', (other, overview, count) => {
    expect(byRule(checkReport(withText(other, overview || undefined)), 'N2')).toHaveLength(count);
  });
  it('a （六）2 count without explanation is reported with its cell', () => {
    const m = withText('无。');
    m.table3.rows[T3_OTHER_2021[1]] = [2, 0, 0, 0, 0, 0, 2];
    const f = byRule(checkReport(m), 'N2');
    expect(f.map((x) => x.message)).toEqual(['表三（六）2“申请人逾期未按收费通知要求缴纳费用”为 2 件，说明发出过收费通知，但“六、其他需要报告的事项”中没有说明收费情况']);
    expect(f[0]!.cells).toEqual([`table3|${T3_OTHER_2021[1]}|总计`]);
  });
  it('no narrative at all: nothing to check', () => {
    expect(byRule(checkReport(huaian()), 'N2')).toEqual([]);
  });
});

describe('P1: publication deadline (条例第四十九条)', () => {
  it.each([
    ['淮安市人民政府', 'government'],
    ['平潭综合实验区', 'government'],
    ['烟台市芝罘区', 'government'],
    ['平潭综合实验区管委会', 'government'],
    ['烟台市芝罘区行政审批服务局', 'department'],
    ['淮安市人民政府办公室', 'department'],
    ['某市卫生健康委员会', 'department'],
    ['', 'department'],
  ])('reportKindOf(%s) = %s', (agency, kind) => {
    expect(reportKindOf(agency)).toBe(kind);
  });
  it.each([
    ['烟台市芝罘区行政审批服务局', '2025-01-31', undefined, undefined, 0],
    ['烟台市芝罘区行政审批服务局', '2025-02-01', undefined, undefined, 1],
    ['淮安市人民政府', '2025-03-31', undefined, undefined, 0], // a government's own report: 31 March
    ['淮安市人民政府', '2025-04-01 09:00', undefined, undefined, 1],
    ['淮安市人民政府', '2025-02-01', '01-31', undefined, 1], // configured deadline wins
    ['烟台市芝罘区行政审批服务局', null, undefined, '2025-01-15', 0],
    ['烟台市芝罘区行政审批服务局', null, undefined, '2025-02-03', 1],
  ])('%s published %s, deadline %s, today %s → %i', (agency, published, publishDeadline, today, count) => {
    const m = huaian();
    m.agency = agency;
    m.published = published;
    const f = byRule(checkReport(m, { publishDeadline, today }), 'P1');
    expect(f).toHaveLength(count);
    if (count) expect(f[0]!.message).toMatch(/第四十九条|设定的发布期限/);
  });
  it('the message says which deadline applies and why', () => {
    const m = huaian();
    m.agency = '烟台市芝罘区行政审批服务局';
    m.published = '2025-02-10';
    expect(byRule(checkReport(m), 'P1')[0]!.message).toBe('发布日期 2025-02-10 晚于法定期限 2025-01-31（条例第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度年度报告）');
  });
});

describe('the cell lists built once (E1, I1, I5): every finding has its own, for every report', () => {
  /** Reports that break E1, I1 and I5 in different columns, rows and groups (and a row outside the formats). */
  const broken: [string, () => ReportModel][] = [
    ['淮安 2024, 自然人 and 总计', () => {
      const m = huaian();
      m.table3.rows['四、结转下年度继续办理']![col('自然人')] = 100;
      m.table4['行政复议']!['总计'] = 350;
      return m;
    }],
    ['pingtan 2019, 其他 and a row of its own', () => {
      const m = pingtan2019();
      m.table3.rows['二、上年结转政府信息公开申请数量']![col('其他')] = 5;
      m.table3.rows['自拟的一行'] = [1, 0, 0, 0, 0, 0, 3];
      m.table4['复议后起诉']!['尚未审结'] = 9;
      return m;
    }],
  ];
  const cellsOf = (m: ReportModel) => checkReport(m).filter((f) => ['E1', 'I1', 'I5'].includes(f.rule)).map((f) => ({ rule: f.rule, cells: f.cells }));
  /** The cells each finding must list, spelled out here rather than taken from the catalogue's tables. */
  const expectedCells = (f: Finding): string[] => {
    if (f.rule === 'E1') {
      const c = /^表三 (\S+)列/.exec(f.message)![1]!;
      return ['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（七）总计', '四、结转下年度继续办理'].map((r) => `table3|${r}|${c}`);
    }
    if (f.rule === 'I1') return TABLE3_COLUMNS.map((c) => `table3|${/^表三 (\S+)行/.exec(f.message)![1]!}|${c}`);
    return ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => `table4|${/^表四 (\S+):/.exec(f.message)![1]!}|${c}`);
  };

  it.each(broken)('%s: the cells named are those of the failing column, row or group', (_name, make) => {
    const found = checkReport(make()).filter((f) => ['E1', 'I1', 'I5'].includes(f.rule));
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining(['E1', 'I1', 'I5']));
    for (const f of found) expect(f.cells).toEqual(expectedCells(f));
  });

  it('a caller changing one report\'s findings changes nothing in the next check, of that report or another', () => {
    const before = broken.map(([, make]) => cellsOf(make()));
    for (const [, make] of broken) {
      for (const f of checkReport(make())) { f.cells.push('table3|改动|总计'); f.cells.reverse(); }
    }
    expect(broken.map(([, make]) => cellsOf(make()))).toEqual(before);
    // the two reports name different cells: nothing of one report's check is carried into the other's
    expect(before[0]).not.toEqual(before[1]);
  });
});
