import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFile, hasErrors, readReportFile } from './reports.service.ts';

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
  it('blanks the importer could not read are not the publisher\'s: no W-blank over them, listed as unread (pingtan 2019 text: run-together digits in 表二)', async () => {
    const r = await checkFile({ bytes: bytes('pingtan-2019/source.txt'), filename: 'source.txt' });
    expect(r.findings.filter((f) => f.rule === 'W-blank' && f.cells.some((c) => c.startsWith('table2|')))).toEqual([]);
    expect(r.model!.unreadCells).toHaveLength(19);
    expect(r.model!.unreadCells).toContain('table2|第二十条第（一）项|规范性文件|本年新制作数量');
  });
});
