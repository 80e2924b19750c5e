// Labels as printed: a 2019 label in a 2021 report is read into the 2021 row with a warning; wording of a report's own
// making is kept so the label rule can name it; a label only spaced, numbered or cut otherwise is not a departure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelDeparts } from '../../../core/report/labels.ts';
import { checkReport } from '../../../core/report/rules.ts';
import { auditModel } from '../audit.ts';
import { importReport } from './index.ts';
import { printedRowLabel } from './labels.ts';

const page = new Uint8Array(readFileSync(new URL('../../../../tests/fixtures/report-shapes/label-2019-in-2021.html', import.meta.url)));
const ROW = 'table2|第二十条第（一）项|行政规范性文件';

describe('a 2021 report printing the 2019 row label 规范性文件', () => {
  it('reads the row into 行政规范性文件 and warns that the label departs from the format', async () => {
    const { model, notes } = await importReport({ bytes: page, filename: 'label-2019-in-2021.html' });
    expect(model.format).toBe('2021');
    expect(model.table2['第二十条第（一）项']).toEqual({
      规章: { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 },
      行政规范性文件: { 本年制发件数: 12, 本年废止件数: 3, 现行有效件数: 45 },
    });
    expect(model.unreadCells ?? []).toEqual([]);
    expect(model.printedLabels).toEqual({ [ROW]: '规范性文件', 'table4|行政复议': '行政法复议' });
    const warning = notes.filter((n) => n.level === 'warning');
    expect(warning).toHaveLength(1);
    expect(warning[0]!.cell).toBe(ROW);
    expect(warning[0]!.message).toContain('印作“规范性文件”');
    expect(notes.filter((n) => n.level === 'error' || n.level === 'unsure')).toEqual([]);
  });

  it('the audit: a reading warning (source import), W-label from the rules, the report read completely', async () => {
    const { model, notes } = await importReport({ bytes: page, filename: 'label-2019-in-2021.html' });
    const a = auditModel('label-2019-in-2021.html', model, notes);
    expect(a.read).toBe('complete');
    const fromImport = a.findings.filter((f) => f.source === 'import');
    expect(fromImport.map((f) => [f.severity, f.cells])).toEqual([['warning', [ROW]]]);
    const labels = a.findings.filter((f) => f.rule === 'W-label');
    expect(labels.map((f) => f.cells)).toEqual([[ROW], ['table4|行政复议']]);
    expect(labels[1]!.message).toContain('“行政法复议”');
    expect(labels[1]!.message).toContain('“行政复议”');
  });

  it('without the mapping the row would be blank: the 2021 row is what the rules read', async () => {
    const { model } = await importReport({ bytes: page, filename: 'label-2019-in-2021.html' });
    expect(checkReport(model).filter((f) => f.cells.some((c) => c.startsWith(ROW)) && f.rule !== 'W-label')).toEqual([]);
  });
});

describe('printedRowLabel', () => {
  it.each([
    ['（三）不予公开1.属于国家秘密', '国家秘密', true, '1.属于国家秘密'],
    ['三、本年度办理结果（一）予以公开', '予以公开', true, '（一）予以公开'],
    ['总计一、本年新收政府信息公开申请数量', '本年新收', true, '一、本年新收政府信息公开申请数量'],
    ['（六）其他处理3.其他', '3.其他', true, '3.其他'],
    ['信息内容本年制发件数本年废止件数现行有效件数规范性文件', '规范性文件', false, '规范性文件'],
  ])('%s → %s', (label, words, numbered, want) => {
    expect(printedRowLabel(label, label.lastIndexOf(words) - (words === '3.其他' ? 1 : 0), numbered)).toBe(want);
  });
});

describe('labelDeparts', () => {
  it.each([
    ['行政法复议', '行政复议', true],
    ['规范性文件', '行政规范性文件', true],
    ['1.国家秘密', '（三）不予公开/1.属于国家秘密', true],
    ['1、属于国家秘密', '（三）不予公开/1.属于国家秘密', false],
    ['（三）不予公开 1.属于国家秘密', '（三）不予公开/1.属于国家秘密', false],
    ['3.危及三安全一稳定', '（三）不予公开/3.危及“三安全一稳定”', false],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开', false],
    ['5.要求行政机关确认或重新出', '（五）不予处理/5.要求行政机关确认或重新出具已获取信息', false],
    ['(一) 予以公开', '（一）予以公开', false],
  ])('%s vs %s → %s', (printed, canonical, want) => {
    expect(labelDeparts(printed, canonical)).toBe(want);
  });
});
