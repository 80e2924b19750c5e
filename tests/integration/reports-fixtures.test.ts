// Acceptance: every fixture source file, imported, is checked with exactly the fixture's known_inconsistencies
// (none: no error-level finding on a consistent report), and the narrative extractor reads exactly the
// narrative_figures listed for it from the imported text. No database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReport, knownInconsistencies, narrativeFiguresOf } from '../../src/core/report/rules.ts';
import { validateReportModel } from '../../src/core/report/schema.ts';
import { checkFile } from '../../src/features/reports/reports.service.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const expected = (slug: string): any => JSON.parse(readFileSync(new URL(`${slug}/expected.json`, dir), 'utf8'));

const SOURCES: [string, string][] = [
  ['pingtan-2019', 'source.html'], ['pingtan-2019', 'source.txt'],
  ['pingtan-2021', 'source.html'], ['pingtan-2021', 'source.txt'],
  ['pingtan-2023', 'source.html'], ['pingtan-2023', 'source.txt'],
  ['huaian-2024', 'source.pdf'],
  ['zhifu-approval-2019', 'source.txt'],
  ['template-2021', 'template.docx'],
];

describe('imported fixture sources → report check', { timeout: 120_000 }, () => {
  it.each(SOURCES)('%s/%s: exactly the known inconsistencies, no error-level finding', async (slug, file) => {
    const r = await checkFile({ bytes: new Uint8Array(readFileSync(new URL(`${slug}/${file}`, dir))), filename: file });
    expect(r.model).not.toBeNull();
    expect(validateReportModel(JSON.parse(JSON.stringify(r.model)))).toMatchObject({ ok: true }); // the importer honours the schema
    expect(knownInconsistencies(r.model!)).toEqual(expected(slug).known_inconsistencies);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // the service's findings are the catalogue's (W-blank messages may say which blanks the importer left)
    expect(r.findings.map((f) => [f.rule, f.cells])).toEqual(checkReport(r.model!).map((f) => [f.rule, f.cells]));
  });

  it.each(SOURCES)('%s/%s: the narrative figures read from the imported text', async (slug, file) => {
    const r = await checkFile({ bytes: new Uint8Array(readFileSync(new URL(`${slug}/${file}`, dir))), filename: file });
    const found = narrativeFiguresOf(r.model!).map((f) => [f.value, f.tableRef ?? null]);
    expect(found).toEqual(expected(slug).narrative_figures.map((f: { value: number; table_ref?: string[] }) => [f.value, f.table_ref ?? null]));
  });
});

describe('an inconsistent report read from text', { timeout: 120_000 }, () => {
  it('芝罘区 2019 with （七）总计 printed as 2 (商业企业 1): E1 and I2 in the README string forms, per column', async () => {
    const text = readFileSync(new URL('zhifu-approval-2019/source.txt', dir), 'utf8');
    const line = '\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t';
    expect(text).toContain(line);
    const altered = text.replace(line, '\t(七) 总计\t0\t2\t0\t0\t0\t0\t2\t');
    const r = await checkFile({ bytes: new TextEncoder().encode(altered), filename: 'zhifu-altered.txt' });
    expect(r.model!.table3.rows['（七）总计']).toEqual([0, 2, 0, 0, 0, 0, 2]);
    expect(knownInconsistencies(r.model!)).toEqual([
      '表三 商业企业列: 一+二 (1+0=1) ≠ （七）总计+四 (2+0=2)',
      '表三 总计列: 一+二 (1+0=1) ≠ （七）总计+四 (2+0=2)',
      '表三 商业企业列: （七）总计 (2) ≠ 各办理结果之和 (1)',
      '表三 总计列: （七）总计 (2) ≠ 各办理结果之和 (1)',
    ]);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['E1', 'E1', 'I2', 'I2']);
  });
});
