import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderPdf } from './pdf.ts';
import { modelFromExpected, seedModel, tool } from './test-helpers.ts';
import { ZHIFU_2019_SECTIONS } from '../../annual-report/seed/zhifu-2019.ts';

function pdfTools(pdf: Uint8Array): { text: string; flat: string; fonts: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-pdf-'));
  try {
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    return { text, flat: text.replace(/\s+/g, ''), fonts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderPdf', { timeout: 60_000 }, () => {
  it('is an A4 PDF', async () => {
    const pdf = Buffer.from(await renderPdf(seedModel()));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  }, 60_000); // the first render reads the two 10 MB font files

  it.each([
    ['pingtan-2023', /一、本年新收政府信息公开申请数量\s+80\s+1\s+0\s+0\s+0\s+0\s+81/, ['5949.088667', '470', '2629', '（六）其他处理', '3.其他']],
    ['zhifu-approval-2019', /一、本年新收政府信息公开申请数量\s+0\s+1\s+0\s+0\s+0\s+0\s+1/, ['第二十条第（九）项', '政府集中采购', '本年增/减', '（六）其他处理', '五、监督情况']],
  ] as const)('%s: the text layer has the Chinese labels and the numbers; Noto Sans SC is embedded', async (slug, row, more) => {
    if (!tool('pdftotext') || !tool('pdffonts')) return;
    const model = slug === 'zhifu-approval-2019' ? seedModel() : modelFromExpected(slug);
    const { text, flat, fonts } = pdfTools(await renderPdf(model));
    expect(text).toMatch(row);
    for (const label of ['二、主动公开政府信息情况', '信息内容', '申请人情况', '法人或其他组织', '（七）总计', '四、结转下年度继续办理', '行政复议', '未经复议直接起诉', '复议后起诉', ...more]) {
      expect(flat).toContain(label);
    }
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  }, 60_000);

  it('keeps 表三 on one page with its heading: no row of it is stretched on a second page (the demo report with its full text)', async () => {
    if (!tool('pdftotext')) return;
    const model = modelFromExpected('zhifu-approval-2019', ZHIFU_2019_SECTIONS);
    const { text } = pdfTools(await renderPdf(model));
    const pages = text.split('\f');
    const at = (label: string) => pages.findIndex((p) => p.replace(/\s+/g, '').includes(label));
    const first = at('一、本年新收政府信息公开申请数量');
    expect(first).toBeGreaterThanOrEqual(0);
    for (const label of ['三、收到和处理政府信息公开申请情况', '（七）总计', '四、结转下年度继续办理']) expect(at(label), label).toBe(first);
    // the （七）总计 row is followed directly by 四、结转…: no blank lines between them in the text layer
    const page = pages[first]!.split('\n');
    const total = page.findIndex((l) => l.includes('（七）总计'));
    const carried = page.findIndex((l) => l.includes('四、结转下年度继续办理'));
    expect(carried - total).toBeLessThanOrEqual(2);
  });

  it('lists findings in an appendix when asked', async () => {
    if (!tool('pdftotext')) return;
    const { flat } = pdfTools(await renderPdf(seedModel(), { findings: [{ rule: 'E1', severity: 'error', message: '表三自然人列：一+二(1+0=1)≠（七）总计+四(2+0=2)', cells: [] }] }));
    expect(flat).toContain('附：检查结果');
    expect(flat).toContain('【错误】[E1]表三自然人列');
  }, 60_000);
});
