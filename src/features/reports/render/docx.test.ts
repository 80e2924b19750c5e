import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderDocx } from './docx.ts';
import { modelFromExpected, seedModel, tool, unzipEntry } from './test-helpers.ts';

/** Text of each <w:tc> of each <w:tbl>, with its gridSpan / vMerge. */
function tables(xml: string): { text: string; span: number; vMerge: string | null }[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => ({
        text: [...c[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''),
        span: Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(c[1]!)?.[1] ?? 1),
        vMerge: /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(c[1]!) ? (/<w:vMerge w:val="(\w+)"\/>/.exec(c[1]!)?.[1] ?? 'continue') : null,
      }))));
}

describe('renderDocx', { timeout: 30_000 }, () => {
  it('pingtan-2023: three tables with gridSpan/vMerge, verbatim labels and the numbers', async () => {
    const xml = unzipEntry(await renderDocx(modelFromExpected('pingtan-2023')), 'word/document.xml')!;
    const [t2, t3, t4] = tables(xml);
    expect(t2![0]).toEqual([{ text: '第二十条第（一）项', span: 4, vMerge: null }]);
    expect(t2!.find((r) => r[0]!.text === '行政许可')!.map((c) => [c.text, c.span])).toEqual([['行政许可', 1], ['2629', 3]]);
    // 表三 header: the note cell spans 3 columns and 3 rows (restart + 2 continuations).
    expect(t3![0]![0]).toMatchObject({ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', span: 3, vMerge: 'restart' });
    expect(t3![1]![0]).toMatchObject({ text: '', span: 3, vMerge: 'continue' });
    expect(t3![2]![0]).toMatchObject({ text: '', span: 3, vMerge: 'continue' });
    // Every body row has 10 grid columns; 三、本年度办理结果 restarts once and continues 21 times.
    for (const row of t3!) expect(row.reduce((a, c) => a + c.span, 0)).toBe(10);
    const resultCol = t3!.slice(5, 27).map((r) => r[0]!);
    expect(resultCol[0]).toMatchObject({ text: '三、本年度办理结果', vMerge: 'restart' });
    expect(resultCol.slice(1).every((c) => c.vMerge === 'continue')).toBe(true);
    expect(t3!.find((r) => r.some((c) => c.text === '一、本年新收政府信息公开申请数量'))!.slice(1).map((c) => c.text)).toEqual(['80', '1', '0', '0', '0', '0', '81']);
    expect(t3!.find((r) => r.some((c) => c.text === '1.本机关不掌握相关政府信息'))!.slice(-7).map((c) => c.text)).toEqual(['31', '0', '0', '0', '0', '0', '31']);
    expect(t4![3]!.map((c) => c.text).join(' ')).toBe('1 1 0 0 2 4 0 0 1 5 1 0 1 0 2');
    expect(t4![0]!.map((c) => [c.text, c.span, c.vMerge])).toEqual([['行政复议', 5, 'restart'], ['行政诉讼', 10, null]]);
  });

  it('公文 page and type: A4, margins 37/35/28/26 mm, 仿宋_GB2312 16pt body, 黑体 headings, 方正小标宋简体 title, fixed 28pt lines', async () => {
    const zip = await renderDocx(seedModel());
    const xml = unzipEntry(zip, 'word/document.xml')!;
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:spacing w:line="560" w:lineRule="exact"/>');
    const styles = unzipEntry(zip, 'word/styles.xml')!;
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(styles).toMatch(/<w:sz w:val="32"\/>/);
    // The seven-part 芝罘区 layout keeps its section order, with the tables under 二/三/四.
    const order = ['一、总体情况', '二、主动公开政府信息情况', '第二十条第（九）项', '三、收到和处理政府信息公开申请情况', '（六）其他处理', '四、政府信息公开行政复议、行政诉讼情况', '复议后起诉', '五、监督情况（考核、社会评议和责任追究）', '七、其他需要报告的事项'];
    const at = order.map((s) => xml.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('opens in LibreOffice: converts to PDF whose text has the table labels and numbers', async () => {
    if (!tool('soffice') || !tool('pdftotext')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-docx-'));
    try {
      writeFileSync(path.join(dir, 'r.docx'), await renderDocx(modelFromExpected('pingtan-2023')));
      const lo = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'r.docx')], { encoding: 'utf8', timeout: 110_000 });
      expect(lo.status, lo.stderr).toBe(0);
      const txt = spawnSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout;
      // Labels may wrap inside their cell: compare without white space.
      const flat = txt.replace(/\s+/g, '');
      for (const label of ['第二十条第（八）项', '一、本年新收政府信息公开申请数量', '申请人情况', '法人或其他组织', '四、结转下年度继续办理', '（三）不予公开', '1.本机关不掌握相关政府信息', '复议后起诉', '5949.088667']) expect(flat).toContain(label);
      expect(txt).toMatch(/一、本年新收政府信息公开申请数量\s+80\s+1\s+0\s+0\s+0\s+0\s+81/);
      expect(readFileSync(path.join(dir, 'r.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
