// `gongkai report audit` end to end (child process): a folder with a real report, the same agency's next year and a
// file that is no report → the documented JSON shape, the cross-year pair checked (X1 结转 continuity, X3), the bad
// file unreadable without stopping the run, and an XLSX with the summary sheets and one sheet per report.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfTextPages } from '../../src/features/shared/pdf-read.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const fixtures = path.join(root, 'tests/fixtures/reports');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gongkai report audit', { timeout: 180_000 }, () => {
  it('a folder: reports with agency and year from the text, the consecutive years checked, one bad file does not stop the run', async () => {
    copyFileSync(path.join(fixtures, 'pingtan-2021/source.html'), path.join(dir, 'pt2021.html'));
    // the 2023 report relabelled as 2022: 上年结转 0 against 2021's 结转下年度 1 (自然人, 总计), 现行有效 470 ≠ 665+77−132
    const next = JSON.parse(readFileSync(path.join(fixtures, 'pingtan-2023/expected.json'), 'utf8'));
    Object.assign(next, { year: 2022, title: '平潭综合实验区2022年度政府信息公开工作年度报告', published: '2023-01-20' });
    writeFileSync(path.join(dir, 'pt2022.json'), JSON.stringify(next));
    writeFileSync(path.join(dir, 'junk.pdf'), 'not a report');
    const xlsx = path.join(dir, 'audit.xlsx');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/gongkai.mjs'), 'report', 'audit', '--json', '--xlsx', xlsx, dir], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('3/3');
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ reports: 3, clean: 2, withErrors: 0, unreadable: 1 });
    expect(out.reports.map((x: { file: string; agency: string; year: number; format: string; status: string }) => [path.basename(x.file), x.agency, x.year, x.format, x.status])).toEqual([
      ['junk.pdf', null, null, null, 'unreadable'],
      ['pt2021.html', '平潭综合实验区', 2021, '2021', 'clean'],
      ['pt2022.json', '平潭综合实验区', 2022, '2021', 'clean'],
    ]);
    expect(out.reports[0].findings[0]).toMatchObject({ rule: 'READ', source: 'import', severity: 'error' });
    expect(out.crossYear).toHaveLength(1);
    expect(out.crossYear[0]).toMatchObject({ agency: '平潭综合实验区', from: 2021, to: 2022, notChecked: [] });
    expect(out.crossYear[0].findings.map((f: { rule: string; message: string; source: string }) => [f.rule, f.source, f.message])).toEqual([
      ['X1', 'rules', '表三 自然人列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）'],
      ['X1', 'rules', '表三 总计列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）'],
      ['X3', 'rules', '表二 第二十条第（一）项 行政规范性文件: 现行有效件数 470 ≠ 上年现行有效 665 + 本年制发 77 − 本年废止 132 = 610（如有修订、重新分类可说明原因）'],
    ]);
    const wb = new ExcelJS.Workbook();
    const bytes = readFileSync(xlsx);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按机关汇总', '按规则汇总', '跨年核对', '未识别', '平潭综合实验区2021', '平潭综合实验区2022']);
    const cross = wb.getWorksheet('跨年核对')!;
    expect(cross.getRow(2).values).toEqual([undefined, '平潭综合实验区', '2021→2022', 'X1', '表三 自然人列: 二、上年结转 0（2022 年度报告）≠ 四、结转下年度继续办理 1（2021 年度报告）']);
    expect(wb.getWorksheet('按机关汇总')!.getRow(2).getCell(4).value).toBe('未能完整读取');
  });
  it('--pdf writes the 通报: scope, summary, each agency’s rule findings with cells and rule text, unreadable files listed apart', async () => {
    const zhifu = readFileSync(path.join(fixtures, 'zhifu-approval-2019/source.txt'), 'utf8');
    writeFileSync(path.join(dir, 'zhifu-2019.txt'), zhifu.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t0\t3\t0\t0\t0\t0\t3\t'));
    const pdf = path.join(dir, 'notice.pdf');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/gongkai.mjs'), 'report', 'audit', '--pdf', pdf, '--issuer', '芝罘区政务公开办', dir], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1); // a report with errors
    const bytes = new Uint8Array(readFileSync(pdf));
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = (await pdfTextPages(bytes)).map((p) => p.map((i) => i.str).join('')).join('\n');
    expect(text).toContain('政府信息公开工作年度报告检查情况的通报');
    expect(text).toContain('芝罘区政务公开办');
    for (const heading of ['一、检查范围', '二、总体情况', '三、存在的问题', '四、未能完整读取的报告', '五、有关要求']) expect(text).toContain(heading);
    expect(text).toContain('烟台市芝罘区行政审批服务局');
    expect(text).toMatch(/规则 (E1|I2)：/);
    expect(text).toContain('junk.pdf');
    // the cross-year pair of 平潭 (X1) is listed under 相邻年度衔接问题
    expect(text).toContain('相邻年度衔接问题');
  });
});
