import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractFigures } from './narrative.ts';

const SLUGS = ['pingtan-2019', 'pingtan-2021', 'pingtan-2023', 'huaian-2024', 'zhifu-approval-2019', 'template-2021'] as const;
const dir = (slug: string) => new URL(`../../../tests/fixtures/reports/${slug}/`, import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fixtureJson = (slug: string): any => JSON.parse(readFileSync(new URL('expected.json', dir(slug)), 'utf8'));
/** The report body of a pingtan / 芝罘区 source.txt (after the archive's header). */
const body = (slug: string) => readFileSync(new URL('source.txt', dir(slug)), 'utf8').split('==================== 正文 ====================').pop()!;

interface Expected { text: string; value: number; table_ref?: string[] }

describe('extractFigures: every narrative figure of every fixture, with the right table reference', () => {
  it.each(SLUGS)('%s (the figures read in order as one passage)', (slug) => {
    const j = fixtureJson(slug);
    const expected: Expected[] = j.narrative_figures;
    const found = extractFigures(expected.map((f) => f.text).join('，'), j.format);
    expect(found.map((f) => ({ value: f.value, table_ref: f.tableRef ?? null }))).toEqual(
      expected.map((f) => ({ value: f.value, table_ref: f.table_ref ?? null })),
    );
    // The quoted clause is part of the fixture's quotation.
    found.forEach((f, i) => expect(expected[i]!.text.replace(/\s/g, '')).toContain(f.text.replace(/\s/g, '')));
  });
});

describe('extractFigures on the full report text (source.txt, tables included) finds exactly the listed figures', () => {
  it.each(['pingtan-2019', 'pingtan-2021', 'pingtan-2023', 'zhifu-approval-2019'] as const)('%s', (slug) => {
    const j = fixtureJson(slug);
    const found = extractFigures(body(slug), j.format).filter((f) => f.kind === 'count');
    expect(found.map((f) => [f.value, f.tableRef])).toEqual((j.narrative_figures as Expected[]).map((f) => [f.value, f.table_ref]));
  });
});

describe('extractFigures: vocabulary and context', () => {
  const R1 = 'table3|一、本年新收政府信息公开申请数量|总计';
  it.each([
    // [text, expected [value, first ref]]
    ['本年度共收到政府信息公开申请12件。', [[12, R1]]],
    ['全年新收申请12件，上年结转2件，办结13件，结转下年度1件。', [[12, R1], [2, 'table3|二、上年结转政府信息公开申请数量|总计'], [13, 'table3|（七）总计|总计'], [1, 'table3|四、结转下年度继续办理|总计']]],
    ['受理依申请公开5件，其中自然人4件、法人或其他组织1件。', [[5, R1], [4, 'table3|一、本年新收政府信息公开申请数量|自然人'], [1, 'table3|一、本年新收政府信息公开申请数量|商业企业']]],
    ['予以公开3件，部分公开1件，不予公开2件。', [[3, 'table3|（一）予以公开|总计'], [1, 'table3|（二）部分公开|总计'], [2, 'table3|（三）不予公开/1.属于国家秘密|总计']]],
    ['发生行政复议2件，其中维持1件、纠正1件；行政诉讼3件，其中复议后起诉1件。', [[2, 'table4|行政复议|总计'], [1, 'table4|行政复议|结果维持'], [1, 'table4|行政复议|结果纠正'], [3, 'table4|未经复议直接起诉|总计'], [1, 'table4|复议后起诉|总计']]],
    ['共收到申请10件，办结9件，结转至2024年度办理1件。', [[10, R1], [9, 'table3|（七）总计|总计'], [1, 'table3|四、结转下年度继续办理|总计']]],
    ['共受理申请6件，截至年底尚在办理2件。', [[6, R1], [2, 'table3|四、结转下年度继续办理|总计']]],
    // Channels are not table columns: 当面/网上/信函 counts are not figures of the tables.
    ['全年共收到申请8件，其中当面申请3件、网上申请5件。', [[8, R1]]],
    // Not about applications: 主动公开 counts, 政务服务, documents, people.
    ['全年主动公开政府信息13561条，清理现行有效行政规范性文件393件，动态更新规范性文件77件。', []],
    ['2019年以来，我局共产生办件约3.1万余件；受理各类群众诉求259起。', []],
    // Topic does not leak across sentences: 办结 here is about 政务服务.
    ['共收到申请3件。全年办结审批事项120件。', [[3, R1]]],
  ] as const)('%s', (text, expected) => {
    const found = extractFigures(text, '2021').filter((f) => f.kind === 'count');
    expect(found.map((f) => [f.value, f.tableRef![0]])).toEqual(expected);
  });
  it('法人或其他组织 refers to the five organisation columns; 2019 （六） is one row', () => {
    const [, org] = extractFigures('共收到申请5件，法人或其他组织2件。');
    expect(org!.tableRef).toHaveLength(5);
    expect(extractFigures('其他处理2件。', '2019')[0]!.tableRef).toEqual(['table3|（六）其他处理|总计']);
    expect(extractFigures('其他处理2件。', '2021')[0]!.tableRef).toHaveLength(3);
  });
  it('fees in 元 and 万元 are found without a table reference', () => {
    expect(extractFigures('全年收取政府信息公开信息处理费 3940 元。')).toEqual([
      { kind: 'fee', text: '全年收取政府信息公开信息处理费 3940 元', value: 3940, unit: '元', meaning: '信息处理费 (元)' },
    ]);
    expect(extractFigures('收取信息处理费0.5万元')[0]).toMatchObject({ kind: 'fee', value: 0.5, unit: '万元' });
  });
});

describe('extractFigures: a text without any figure is answered without reading it sentence by sentence', () => {
  it.each([
    ['no number at all', '本机关认真贯彻落实条例。', 0],
    ['numbers but no unit', '2023年，本机关召开会议3次。', 0],
    ['number and unit split over a line break (no sentence states it)', '全年共收到申请5\n件', 0],
    ['number and unit split by a full stop', '共收到申请5。件数如下', 0],
    ['one figure', '全年共收到政府信息公开申请5件。', 1],
    ['a figure after a line break', '本年度\n共收到政府信息公开申请5件', 1],
    ['a fee', '收取信息处理费100元。', 1],
  ] as const)('%s', (_name, text, count) => {
    expect(extractFigures(text, '2021')).toHaveLength(count);
    expect(extractFigures(text, '2021', 'application')).toHaveLength(count);
  });
});
