import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateImportBlanks, checkFile, hasErrors, readReportFile } from './reports.service.ts';

const bytes = (p: string) => new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/reports/${p}`, import.meta.url)));

describe('readReportFile detects the shape', () => {
  it.each([
    ['huaian-2024/expected.json', 'json-fixture'],
    ['zhifu-approval-2019/source.txt', 'import'],
  ])('%s → %s', async (p, via) => {
    const r = await readReportFile({ bytes: bytes(p), filename: p });
    expect(r.via).toBe(via);
  });
  it('a model written as JSON reads back as a model (detected without a .json name)', async () => {
    const { model } = await readReportFile({ bytes: bytes('huaian-2024/expected.json'), filename: 'x.json' });
    const again = await readReportFile({ bytes: new TextEncoder().encode(`\uFEFF  ${JSON.stringify(model)}`), filename: 'report' });
    expect(again).toEqual({ model, notes: [], via: 'json-model' });
  });
});

describe('checkFile', () => {
  it('never throws: broken JSON → model null, an error note in Chinese; counted as an error', async () => {
    const r = await checkFile({ bytes: new TextEncoder().encode('{"format": '), filename: 'broken.json' });
    expect(r).toMatchObject({ file: 'broken.json', model: null, findings: [] });
    expect(r.notes[0]!.message).toMatch(/^broken\.json：不是有效的 JSON/);
    expect(hasErrors([r])).toBe(true);
  });
  it('W-blank says which blanks the importer could not read (pingtan 2019 text: run-together digits in 表二)', async () => {
    const r = await checkFile({ bytes: bytes('pingtan-2019/source.txt'), filename: 'source.txt' });
    const blank = r.findings.filter((f) => f.rule === 'W-blank');
    expect(blank).toHaveLength(1);
    expect(blank[0]!.message).toMatch(/^表二有 19 个空白单元格.*（其中 19 个是导入时无法确定而留空的单元格，请对照原文填写，见读取备注）$/);
  });
  it('annotateImportBlanks leaves other findings and informational notes alone', () => {
    const f = [{ rule: 'W-blank', severity: 'warning' as const, message: 'm', cells: ['table4|行政复议|总计'] }, { rule: 'E1', severity: 'error' as const, message: 'e', cells: ['table4|行政复议|总计'] }];
    expect(annotateImportBlanks(f, [{ level: 'info', cell: 'table4|行政复议', message: 'ok' }])).toEqual(f);
    expect(annotateImportBlanks(f, [{ level: 'unsure', cell: 'table4|行政复议', message: '?' }]).map((x) => x.message)).toEqual(['m（其中 1 个是导入时无法确定而留空的单元格，请对照原文填写，见读取备注）', 'e']);
  });
});
