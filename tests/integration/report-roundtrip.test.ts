// Round trip (issue 4, "Done when"): import the seed report (zhifu-approval-2019/source.txt) → render DOCX,
// PDF, XLSX, HTML → import the DOCX and the HTML (and the PDF) again → the same tables. The DOCX converts
// with LibreOffice, and the text of every PDF produced (pdftotext) contains the Chinese table labels.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/core/report/model.ts';
import { importReport } from '../../src/features/reports/import/index.ts';
import { renderReport } from '../../src/features/reports/render/index.ts';

const seedPath = new URL('../fixtures/reports/zhifu-approval-2019/source.txt', import.meta.url);
const requireAll = process.env.GONGKAI_REQUIRE_ALL === '1';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}
const haveLibreOffice = has('libreoffice') || has('soffice');
const havePdftotext = has('pdftotext');
if (!haveLibreOffice && !requireAll) console.warn('report-roundtrip: libreoffice not installed (apt-get install libreoffice-writer-nogui) — DOCX→PDF conversion skipped');
if (!havePdftotext && !requireAll) console.warn('report-roundtrip: pdftotext not installed (apt-get install poppler-utils) — PDF text checks skipped');

// Labels every rendering of a 2019-format report must print (pdftotext -raw, i.e. content-stream order, so a
// header wrapped inside its cell reads whole; compared with whitespace removed).
const LABELS = [
  '主动公开政府信息情况', '第二十条第（一）项', '规范性文件', '行政许可', '行政处罚', '政府集中采购',
  '收到和处理政府信息公开申请情况', '申请人情况', '自然人', '法律服务机构', '本年新收政府信息公开申请数量',
  '予以公开', '属于国家秘密', '本机关不掌握相关政府信息', '信访举报投诉类申请', '其他处理', '总计', '结转下年度继续办理',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '其他结果', '尚未审结',
  '商业企业', '科研机构', '社会公益组织',
];

const tables = (m: ReportModel): Pick<ReportModel, 'table2' | 'table3' | 'table4'> => ({ table2: m.table2, table3: m.table3, table4: m.table4 });

function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.replace(/\s+/g, '');
}

describe('report round trip: seed → DOCX/PDF/XLSX/HTML → import again', { timeout: 180_000 }, () => {
  let dir: string;
  let seed: ReportModel;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gongkai-roundtrip-'));
    const imported = await importReport({ bytes: new Uint8Array(readFileSync(seedPath)), filename: 'source.txt' });
    seed = imported.model;
    for (const to of ['docx', 'pdf', 'xlsx', 'html'] as const) {
      const r = await renderReport(seed, to);
      const file = path.join(dir, `seed.${r.extension}`);
      writeFileSync(file, typeof r.body === 'string' ? r.body : Buffer.from(r.body));
      files[to] = file;
    }
  }, 180_000);

  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('the seed imports with its expected tables (2019 format, seven-part layout)', () => {
    const expected = JSON.parse(readFileSync(new URL('../fixtures/reports/zhifu-approval-2019/expected.json', import.meta.url), 'utf8')) as ReportModel;
    expect(tables(seed)).toEqual(tables(expected));
    expect(seed.format).toBe('2019');
    expect(seed.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'supervision', 'problems', 'other']);
  });

  it.each(['docx', 'html', 'pdf'] as const)('%s rendered from the seed imports back to the same tables, format and metadata', async (to) => {
    const again = await importReport({ bytes: new Uint8Array(readFileSync(files[to]!)), filename: path.basename(files[to]!) });
    expect(tables(again.model)).toEqual(tables(seed));
    expect(again.model.format).toBe(seed.format);
    expect(again.model.agency).toBe(seed.agency);
    expect(again.model.year).toBe(seed.year);
    expect(again.model.sections.map((s) => s.key)).toEqual(seed.sections.map((s) => s.key));
    expect(again.notes.filter((n) => n.level !== 'info')).toEqual([]);
  });

  it('XLSX is an OOXML workbook', () => {
    const bytes = readFileSync(files.xlsx!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(bytes.includes(Buffer.from('xl/worksheets/'))).toBe(true);
  });

  it.runIf(havePdftotext || requireAll)('the rendered PDF’s text contains the Chinese table labels and the agency', () => {
    const text = pdfText(files.pdf!);
    for (const label of LABELS) expect(text, label).toContain(label);
    expect(text).toContain('烟台市芝罘区行政审批服务局');
  });

  it.runIf((haveLibreOffice && havePdftotext) || requireAll)('the DOCX converts with LibreOffice, and that PDF’s text contains the table labels', () => {
    const profile = `file:///tmp/lo-${randomBytes(6).toString('hex')}`;
    const outDir = path.join(dir, 'lo');
    const r = spawnSync(haveLibreOffice && !has('libreoffice') ? 'soffice' : 'libreoffice',
      [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, files.docx!],
      { encoding: 'utf8', timeout: 150_000 });
    rmSync(new URL(profile).pathname, { recursive: true, force: true });
    const pdf = path.join(outDir, 'seed.pdf');
    expect(existsSync(pdf), `libreoffice: ${r.stdout} ${r.stderr}`).toBe(true);
    const text = pdfText(pdf);
    for (const label of LABELS) expect(text, label).toContain(label);
  });
});
