// Reading versus rules, on deliberately damaged copies of the real reports in tests/fixtures/reports: a cell the
// importer could not read is never counted as 0 by a rule. The rule instances that need it are "not checked" with the
// cells they lacked, the report is `unreadable` (partially read), and no rule finding accuses it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/core/report/rules.ts';
import { auditFile, auditFiles } from '../../src/features/reports/audit.ts';

const dir = new URL('../fixtures/reports/', import.meta.url);
const text = (p: string) => readFileSync(new URL(p, dir), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);
const ZHIFU = text('zhifu-approval-2019/source.txt');
const PT21 = text('pingtan-2021/source.html');
const PDF = new Uint8Array(readFileSync(new URL('huaian-2024/source.pdf', dir)));
const TOTAL_LINE = '\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t';
const COLS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

interface Damage {
  name: string;
  bytes: () => Uint8Array;
  file: string;
  read: 'partial' | 'none';
  /** cells the importer must report as unread (a subset check) and how many in all */
  unread: string[];
  unreadCount: number;
  /** rule → number of instances not checked */
  notChecked: Record<string, number>;
}

const DAMAGES: Damage[] = [
  {
    name: '芝罘区 2019 text, row （七）总计 dropped', file: 'zhifu-row-dropped.txt', read: 'partial',
    bytes: () => { expect(ZHIFU).toContain(`${TOTAL_LINE}\n`); return enc(ZHIFU.replace(`${TOTAL_LINE}\n`, '')); },
    unread: COLS.map((c) => `table3|（七）总计|${c}`), unreadCount: 7, notChecked: { E1: 7, I1: 1, I2: 7 },
  },
  {
    name: '芝罘区 2019 text, two columns of （七）总计 merged ("0","1" → "01")', file: 'zhifu-columns-merged.txt', read: 'partial',
    bytes: () => enc(ZHIFU.replace(TOTAL_LINE, '\t(七) 总计\t01\t0\t0\t0\t0\t1\t')),
    unread: COLS.map((c) => `table3|（七）总计|${c}`), unreadCount: 7, notChecked: { E1: 7, I1: 1, I2: 7 },
  },
  {
    name: '平潭 2021 HTML truncated before （七）总计', file: 'pingtan-2021-truncated.html', read: 'partial',
    bytes: () => enc(PT21.slice(0, PT21.indexOf('（七）总计'))),
    unread: ['table3|（七）总计|总计', 'table3|四、结转下年度继续办理|总计', 'table4|行政复议|总计', 'table4|复议后起诉|尚未审结'], unreadCount: 7 + 7 + 15,
    notChecked: { E1: 7, I1: 2, I2: 7, I5: 3, N1: 2 }, // N1: “办结69件”“1件结转下年度” need the cut rows
  },
  {
    name: '淮安 2024 PDF cut in half', file: 'huaian-2024-truncated.pdf', read: 'none',
    bytes: () => PDF.subarray(0, Math.floor(PDF.length / 2)),
    unread: ['table3|一、本年新收政府信息公开申请数量|自然人', 'table4|行政复议|总计', 'table2|第二十条第（一）项|规章|本年制发件数'], unreadCount: 200,
    notChecked: { E1: 7, I1: 25, I2: 7, I5: 3 },
  },
];

describe('reading versus rules on damaged copies of the real reports', { timeout: 120_000 }, () => {
  it.each(DAMAGES)('$name: unreadable, the rules over unread cells not checked, no rule accuses the report', async (d) => {
    const r = await auditFile({ bytes: d.bytes(), filename: d.file });
    expect(r.status).toBe('unreadable');
    expect(r.read).toBe(d.read);
    expect(r.unreadCells).toHaveLength(d.unreadCount);
    expect(r.unreadCells).toEqual(expect.arrayContaining(d.unread));
    // no rule finding over an unread cell, no error from the rules at all
    expect(r.findings.filter((f) => f.source === 'rules' && f.severity === 'error')).toEqual([]);
    expect(r.findings.filter((f) => f.source === 'rules' && f.cells.some((c) => r.unreadCells.includes(c)))).toEqual([]);
    // the reading problems are findings of source "import"
    expect(r.findings.filter((f) => f.source === 'import' && f.severity === 'error').length).toBeGreaterThan(0);
    const counts: Record<string, number> = {};
    for (const c of r.notChecked) counts[c.rule] = (counts[c.rule] ?? 0) + 1;
    expect(counts).toEqual(d.notChecked);
    for (const c of r.notChecked) {
      expect(c.missing.length).toBeGreaterThan(0);
      expect(c.missing.every((m) => r.unreadCells.includes(m))).toBe(true);
      expect(c.message).toMatch(/未核对：导入时有 \d+ 个单元格未能读取/);
    }
  });

  it('without the unread list the same model would be accused ("一+二 (1+0=1) ≠ （七）总计+四 (0+0=0)")', async () => {
    const r = await auditFile({ bytes: DAMAGES[0]!.bytes(), filename: 'x.txt' });
    const { model } = await import('../../src/features/reports/reports.service.ts').then((s) => s.readReportFile({ bytes: DAMAGES[0]!.bytes(), filename: 'x.txt' }));
    delete model.unreadCells;
    expect(checkReport(model).filter((f) => f.rule === 'E1').map((f) => f.message)).toContain('表三 商业企业列: 一+二 (1+0=1) ≠ （七）总计+四 (0+0=0)');
    expect(r.notChecked.find((c) => c.rule === 'E1' && c.message.startsWith('表三 商业企业列'))!.missing).toEqual(['table3|（七）总计|商业企业']);
  });

  it('the intact copies are clean and completely read; a damaged and an intact file in one run do not stop each other', async () => {
    const files = [
      { bytes: enc(ZHIFU), filename: 'zhifu.txt' },
      { bytes: DAMAGES[2]!.bytes(), filename: 'pt21-cut.html' },
      { bytes: new Uint8Array([0x7b, 0x22]), filename: 'broken.json' },
      { bytes: enc(PT21), filename: 'pt21.html' },
    ];
    const { result } = await auditFiles(files);
    expect(result.reports.map((r) => [r.file, r.status, r.read])).toEqual([
      ['zhifu.txt', 'clean', 'complete'],
      ['pt21-cut.html', 'unreadable', 'partial'],
      ['broken.json', 'unreadable', 'none'],
      ['pt21.html', 'clean', 'complete'],
    ]);
    expect(result.summary).toEqual({ reports: 4, clean: 2, withErrors: 0, unreadable: 2 });
  });

  it('a rule that fails on cells that were read is a finding of source "rules" (status findings)', async () => {
    const r = await auditFile({ bytes: enc(ZHIFU.replace(TOTAL_LINE, '\t(七) 总计\t0\t2\t0\t0\t0\t0\t2\t')), filename: 'zhifu-altered.txt' });
    expect(r.status).toBe('findings');
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.source, f.rule])).toEqual([['rules', 'E1'], ['rules', 'E1'], ['rules', 'I2'], ['rules', 'I2']]);
  });
});
