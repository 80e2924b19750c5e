// The batch-audit bench's generated files get the statuses their generator states: one file per template, unchanged and
// with its broken rule (a wrong generator made a quarter of the files `unreadable` and the bench measured them anyway).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditFiles } from '../src/features/reports/audit.ts';
import { generateAuditFiles } from './report-audit-files.ts';
import { compareStatuses } from './report-audit.bench.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('report-audit bench files', () => {
  it('20 files: 4 templates × (clean, broken) read as expected', async () => {
    const files = generateAuditFiles(root, 20);
    const { result } = await auditFiles(files);
    expect(files.map((f) => `${f.template} ${f.expected}`).slice(0, 4).concat(files.slice(15, 16).map((f) => `${f.template} ${f.expected}`))).toEqual([
      'pingtan-2019/source.html findings',
      'pingtan-2021/source.html clean',
      'zhifu-approval-2019/source.txt clean',
      'pingtan-2021/source.txt clean',
      'pingtan-2021/source.txt unreadable',
    ]);
    const { counts, wrong } = compareStatuses(files, result.reports);
    expect(wrong).toEqual([]);
    expect(counts).toEqual({ clean: 16, findings: 3, unreadable: 1 });
    // the text copy of pingtan-2021 is read through its narrative sentence (table 二 69 | 3 | 665)
    expect(result.reports[3]!.notes.some((n) => n.message.includes('全年制发行政规范性文件69件'))).toBe(true);
    expect(result.reports[0]!.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['E1', 'I1', 'I2']);
  });
});
