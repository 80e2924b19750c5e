import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyReport, FixtureFormatError, fromFixture, isFixtureShape, reportFromJson, toFixture } from './fixture.ts';
import { FORMATS, TABLE3_COLUMNS } from './formats.ts';
import { canonicalLabel, labelVersionOf, normaliseLabel, resolveLabel } from './labels.ts';
import { validateReportModel } from './schema.ts';

const SLUGS = ['pingtan-2019', 'pingtan-2021', 'pingtan-2023', 'huaian-2024', 'zhifu-approval-2019', 'template-2021'] as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixtureJson = (slug: string): any => JSON.parse(readFileSync(new URL(`../../../tests/fixtures/reports/${slug}/expected.json`, import.meta.url), 'utf8'));

describe('fromFixture / toFixture', () => {
  it.each(SLUGS)('%s: round trip gives back the fixture (tables, metadata, figures, known_inconsistencies, notes)', (slug) => {
    const j = fixtureJson(slug);
    const m = fromFixture(j);
    expect(validateReportModel(m)).toMatchObject({ ok: true });
    expect(m.printedLabels).toBeUndefined();
    expect(toFixture(m)).toEqual(j);
  });
  it('the blank template: agency null → "", year null → 0, and back', () => {
    const m = fromFixture(fixtureJson('template-2021'));
    expect([m.agency, m.year]).toEqual(['', 0]);
    expect([toFixture(m).agency, toFixture(m).year]).toEqual([null, null]);
  });
  it('normalises printed labels and keeps the printed form', () => {
    const j = fixtureJson('zhifu-approval-2019');
    j.table3.rows['(三) 不予公开/1、属于国家秘密'] = j.table3.rows['（三）不予公开/1.属于国家秘密'];
    delete j.table3.rows['（三）不予公开/1.属于国家秘密'];
    j.table2['第二十条 第（一）项'] = j.table2['第二十条第（一）项'];
    delete j.table2['第二十条第（一）项'];
    const m = fromFixture(j);
    expect(Object.keys(m.table3.rows)).toContain('（三）不予公开/1.属于国家秘密');
    expect(m.table2['第二十条第（一）项']).toBeDefined();
    expect(m.printedLabels).toEqual({
      'table3|（三）不予公开/1.属于国家秘密': '(三) 不予公开/1、属于国家秘密',
      'table2|第二十条第（一）项': '第二十条 第（一）项',
    });
  });
  it('a 2019 label printed in a 2021 fixture is mapped, the printed one recorded', () => {
    const j = fixtureJson('pingtan-2021');
    j.table2['第二十条第（一）项']['规范性文件'] = j.table2['第二十条第（一）项']['行政规范性文件'];
    delete j.table2['第二十条第（一）项']['行政规范性文件'];
    const m = fromFixture(j);
    expect(m.table2['第二十条第（一）项']!['行政规范性文件']).toEqual({ 本年制发件数: 69, 本年废止件数: 3, 现行有效件数: 665 });
    expect(m.printedLabels).toEqual({ 'table2|第二十条第（一）项|行政规范性文件': '规范性文件' });
  });
  it.each([
    [{ format: '2020', table3: { rows: {} } }, '$.format'],
    [{ format: '2021', year: '二〇二一', table3: { rows: {} } }, '$.year'],
    [{ format: '2021', table3: { rows: { '（一）予以公开': [1, 'x'] } } }, '$.table3.rows["（一）予以公开"][1]'],
    [{ format: '2021', table3: {} }, '$.table3.rows'],
  ])('rejects a malformed file with the JSON path (%#)', (json, path) => {
    try {
      fromFixture(json);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FixtureFormatError);
      expect((e as FixtureFormatError).path).toBe(path);
      expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it('reads digits given as strings ("1,234" / "  5 " / "" → null)', () => {
    const m = fromFixture({ format: '2021', table3: { rows: { '（一）予以公开': ['1,234', ' 5 ', '', null, 0, 0, 1239] } } });
    expect(m.table3.rows['（一）予以公开']).toEqual([1234, 5, null, null, 0, 0, 1239]);
  });
});

describe('reportFromJson detects the shape', () => {
  it('fixture shape and model shape both give the same model', () => {
    const j = fixtureJson('huaian-2024');
    expect(isFixtureShape(j)).toBe(true);
    const m = reportFromJson(j);
    expect(isFixtureShape(m)).toBe(false);
    expect(reportFromJson(JSON.parse(JSON.stringify(m)))).toEqual(m);
  });
  it('an invalid model is rejected with every problem in Chinese', () => {
    const m = reportFromJson(fixtureJson('huaian-2024'));
    const bad = { ...m, year: '2024', table3: { ...m.table3, rows: { ...m.table3.rows, '（一）予以公开': [1, 2] } } };
    expect(() => reportFromJson(bad)).toThrow(/不是有效的年度报告模型（2 处错误）[\s\S]*\$\.year: 应为整数，实际为字符串 "2024"[\s\S]*至少应有 7 项/);
  });
});

describe('emptyReport', () => {
  it.each([
    ['2019', 5, 23, '（六）其他处理'],
    ['2021', 4, 25, '（六）其他处理/3.其他'],
    ['hybrid', 4, 23, '（六）其他处理'],
  ] as const)('%s: %i table 二 blocks, %i table 三 rows incl. %s, every cell blank, six sections', (format, blocks, rows, six) => {
    const m = emptyReport(format, { agency: '烟台市芝罘区行政审批服务局', year: 2021 });
    expect(Object.keys(m.table2)).toHaveLength(blocks);
    expect(Object.keys(m.table3.rows)).toHaveLength(rows);
    expect(m.table3.rows[six]).toEqual(TABLE3_COLUMNS.map(() => null));
    expect(m.sections.map((s) => s.heading)).toEqual(FORMATS['2021'].sections.map((s) => s.heading));
    expect(m.title).toBe('烟台市芝罘区行政审批服务局2021年政府信息公开工作年度报告');
    expect(validateReportModel(m).ok).toBe(true);
  });
  it('the 芝罘区 seven-part layout', () => {
    const m = emptyReport('2019', { agency: 'A', year: 2019, sections: 'zhifu-7' });
    expect(m.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'supervision', 'problems', 'other']);
  });
});

describe('labels', () => {
  it.each([
    ['(三) 不予公开', '（三）不予公开'],
    ['（六）其他处理/1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['本年新<br/>制作数量', '本年新制作数量'],
    ['结\n果\n维\n持', '结果维持'],
    ['第二十条 第（一）项', '第二十条第（一）项'],
    ['本年收费金额(单位:万元)', '本年收费金额（单位：万元）'],
    ['\u3000\u3000规章', '规章'],
    ['<b>(七) 总计</b>', '（七）总计'],
    ['3.危及"三安全一稳定"', '3.危及“三安全一稳定”'],
    ['２．重复申请', '2.重复申请'],
    ['社会组织', '社会公益组织'],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形)', '（二）部分公开'],
  ])('normaliseLabel(%j) = %s', (printed, canonical) => {
    expect(normaliseLabel(printed)).toBe(canonical);
  });
  it('labels of one version only', () => {
    expect(labelVersionOf('本年新制作数量')).toBe('2019');
    expect(labelVersionOf('第二十条第（九）项')).toBe('2019');
    expect(labelVersionOf('本年收费金额(单位:万元)')).toBe('2021');
    expect(labelVersionOf('行政许可')).toBeNull();
  });
  it('canonicalLabel maps same-meaning labels of the other version only', () => {
    expect(canonicalLabel('规范性文件', '2021', 'table2')).toEqual({ label: '行政规范性文件', printed: '规范性文件' });
    expect(canonicalLabel('本年新制作数量', '2021', 'table2')).toEqual({ label: '本年新制作数量' });
    expect(canonicalLabel('行政规范性文件', '2019', 'table2')).toEqual({ label: '规范性文件', printed: '行政规范性文件' });
  });
  it('resolveLabel: exact, cut at a page break, ambiguous', () => {
    const rows = FORMATS['2021'].table3Rows;
    expect(resolveLabel('（二）部分公开（区分处', rows)).toBe('（二）部分公开');
    expect(resolveLabel('(七) 总计', rows)).toBe('（七）总计');
    expect(resolveLabel('（三）不予公开', rows)).toBeNull(); // eight sub-rows start with it
  });
});
