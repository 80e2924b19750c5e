// The letters' layout checked on the files themselves: GB/T 9704-2012 page size and margins, the serif fonts
// embedded (PDF) or named (DOCX), the agency's name and the date on the same page as the end of the body for
// letters of every length, the numbered 补正 items hanging at one indent, page numbers "— n —" from page 2.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATES, remedyClause, renderTemplate, type LetterKind } from '../../core/applications/index.ts';
import { readArchive } from '../shared/archive.ts';
import { tool } from '../reports/render/test-helpers.ts';
import { letterBlocks } from './letters.layout.ts';
import { renderLetterDocx, renderLetterPdf, type Letterhead, type LetterView } from './letters.render.ts';

const HEAD: Letterhead = { name: '烟台市芝罘区人民政府办公室', address: '烟台市芝罘区南大街1号', phone: '0535-6600000', postcode: '264000' };
const VALUES = {
  申请人: '张三', 收到日期: '2026年1月5日', 申请内容: '2025年芝罘区老旧小区改造项目的招标文件、中标通知书和施工合同',
  答复结论: '您申请获取的政府信息部分属于不予公开的范围，本机关决定部分公开', 法律依据: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十七条',
  理由: '合同文本予以公开；报价明细属于第三方商业秘密，第三方不同意公开，不予公开。', 提供方式: '电子邮件', 救济途径: remedyClause('烟台市芝罘区人民政府'),
  补正事项: '1. 请写明所需信息的文件名称或者文号\n2. 请说明所需信息的时间范围，例如“2025年1月至2025年12月”，以便本机关准确检索和提供有关政府信息\n3. 请提供联系地址',
  补正期限: '2026年1月20日',
};
const FILLER = '本机关依照条例的规定对申请内容进行了逐项检索和核对。';

function letter(kind: LetterKind, fillerSentences = 0): LetterView {
  const { text } = renderTemplate(DEFAULT_TEMPLATES[kind].body, { ...VALUES, 理由: FILLER.repeat(fillerSentences) + VALUES.理由 });
  return { title: DEFAULT_TEMPLATES[kind].title, number: '芝政办依申请公开〔2026〕12-5号', body: text, issuedOn: '2026-01-19' };
}

const MM = 72 / 25.4;

interface Word { page: number; x: number; y: number; x2: number; y2: number; text: string }
interface PdfFacts { pages: string[]; words: Word[]; fonts: string; info: string }

function pdfFacts(pdf: Uint8Array): PdfFacts {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-letter-'));
  try {
    const file = path.join(dir, 'l.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    const n = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    const pages = Array.from({ length: n }, (_, i) => spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }).stdout);
    const html = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }).stdout;
    const words: Word[] = [];
    html.split(/<page /).slice(1).forEach((pg, i) => {
      for (const m of pg.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page: i + 1, x: Number(m[1]), y: Number(m[2]), x2: Number(m[3]), y2: Number(m[4]), text: m[5]! });
      }
    });
    return { pages, words, fonts: spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout, info };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const flat = (s: string) => s.replace(/\s+/g, '');

describe('letterBlocks', () => {
  it.each([
    ['张三：\n\n本机关收到您的申请。\n\n特此告知。', [['addressee', '张三：'], ['paragraph', '本机关收到您的申请。'], ['paragraph', '特此告知。']]],
    ['张三:\n\n事项如下：\n\n1. 写明文号\n2、说明时间范围\n(3) 提供地址\n10．其他', [
      ['addressee', '张三：'], ['paragraph', '事项如下：'], ['item', '1．', '写明文号'], ['item', '2．', '说明时间范围'], ['item', '（3）', '提供地址'], ['item', '10．', '其他']]],
    ['收费方式：按件计收\n\n应缴金额：100元', [['paragraph', '收费方式：按件计收'], ['paragraph', '应缴金额：100元']]],
    ['2026年1月5日收到申请。\n第二行', [['paragraph', '2026年1月5日收到申请。'], ['paragraph', '第二行']]],
  ])('%j', (body, expected) => {
    expect(letterBlocks(body).map((b) => (b.type === 'item' ? [b.type, b.label, b.text] : [b.type, b.text]))).toEqual(expected);
  });
});

describe('the letter PDF (GB/T 9704-2012 信函格式)', { timeout: 120_000 }, () => {
  it('A4, Noto Serif SC embedded as subsets, the text inside 28/26 mm side margins and under the 37 mm top margin, tens of kilobytes', async () => {
    if (!tool('pdftotext') || !tool('pdffonts') || !tool('pdfinfo')) return;
    const pdf = await renderLetterPdf(letter('reply_partial', 30), HEAD);
    expect(pdf.byteLength).toBeLessThan(150_000);
    const f = pdfFacts(pdf);
    expect(f.info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(f.fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(f.fonts).toMatch(/[A-Z]{6}\+NotoSerifSC-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(f.pages.length).toBeGreaterThanOrEqual(2);
    const bodyWords = f.words.filter((w) => !/^—|^\d+$/.test(w.text) && w.y > 45 * MM && w.y2 < (297 - 32) * MM);
    const left = Math.min(...bodyWords.map((w) => w.x));
    const right = Math.max(...bodyWords.map((w) => w.x2));
    expect(left).toBeGreaterThan(28 * MM - 1);
    expect(left).toBeLessThan(28 * MM + 2);
    expect(right).toBeLessThan((210 - 26) * MM + 1);
    expect(right).toBeGreaterThan((210 - 26) * MM - 6); // lines are justified to the right edge
    // page 2 starts at the top margin; nothing of the body runs into the 35 mm bottom margin
    const page2 = f.words.filter((w) => w.page === 2 && !/^—$/.test(w.text) && !/^\d+$/.test(w.text));
    expect(Math.min(...page2.map((w) => w.y))).toBeGreaterThan(37 * MM - 1);
    expect(Math.min(...page2.map((w) => w.y))).toBeLessThan(37 * MM + 12);
    expect(Math.max(...page2.map((w) => w.y2))).toBeLessThan((297 - 35) * MM + 1);
  });

  it('page 1: the agency\'s name at the top, the 发文字号 flush right, no page number; page 2: "— 2 —" on the left (even page)', async () => {
    if (!tool('pdftotext') || !tool('pdfinfo')) return;
    const f = pdfFacts(await renderLetterPdf(letter('reply_partial', 30), HEAD));
    const lines1 = f.pages[0]!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(flat(lines1[0]!)).toBe(HEAD.name);
    expect(flat(lines1[1]!)).toBe('芝政办依申请公开〔2026〕12-5号');
    expect(flat(f.pages[0]!)).not.toContain('—1—');
    expect(flat(f.pages[0]!)).toContain('地址：烟台市芝罘区南大街1号');
    const dash = f.words.filter((w) => w.page === 2 && w.text === '—');
    expect(dash.length).toBe(2);
    expect(flat(f.pages[1]!)).toContain('—2—');
    expect(dash[0]!.x).toBeLessThan(28 * MM + 20); // one character in from the left edge of the type area
    expect(dash[0]!.y).toBeGreaterThan((297 - 35 + 5) * MM); // about 7 mm under the type area
  });

  it('page 3 (odd): "— 3 —" one character in from the right edge', async () => {
    if (!tool('pdftotext') || !tool('pdfinfo')) return;
    const f = pdfFacts(await renderLetterPdf(letter('reply_partial', 45), HEAD));
    expect(f.pages.length).toBeGreaterThanOrEqual(3);
    expect(flat(f.pages[2]!)).toContain('—3—');
    const dash = f.words.filter((w) => w.page === 3 && w.text === '—');
    expect(dash.length).toBe(2);
    expect(dash[1]!.x2).toBeGreaterThan((210 - 26) * MM - 14 - 4);
    expect(dash[1]!.x2).toBeLessThan((210 - 26) * MM - 14 + 4);
  });

  // fillers grow the body through the end of page 1 and into page 2: wherever the page breaks, the page with
  // the date also has the agency's name and the end of the body (the remedy paragraph and 特此告知。)
  it.each([0, 2, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28])('reply with %i filler sentences: name and date on the same page as the last paragraphs', async (n) => {
    if (!tool('pdftotext') || !tool('pdfinfo')) return;
    const f = pdfFacts(await renderLetterPdf(letter('reply_partial', n), HEAD));
    const last = f.pages.length - 1;
    const page = flat(f.pages[last]!);
    expect(page).toContain('2026年1月19日');
    expect(page).toContain(`${HEAD.name}2026年1月19日`);
    expect(page).toContain('特此告知。');
    expect(page).toContain('提起行政诉讼。'); // the paragraph before 特此告知。 travels with it
    for (let p = 0; p < last; p++) expect(flat(f.pages[p]!)).not.toContain('2026年1月19日');
  });

  it('the numbered 补正 items: labels at one indent, wrapped lines hang under the item text', async () => {
    if (!tool('pdftotext')) return;
    const f = pdfFacts(await renderLetterPdf(letter('correction_notice'), HEAD));
    const at = (text: string) => f.words.find((w) => w.text.startsWith(text))!;
    const labels = ['1．', '2．', '3．'].map((l) => at(l));
    for (const l of labels) expect(l, JSON.stringify(labels)).toBeDefined();
    expect(new Set(labels.map((l) => Math.round(l.x))).size).toBe(1);
    expect(labels[0]!.x).toBeCloseTo(28 * MM + 2 * 15.79, 0); // two characters in
    // item 1's text starts after its label; item 2 wraps, and its second line starts under the item's text, not under the label
    const text1 = at('请写明');
    const wrapped = at('年12月');
    expect(text1.x).toBeGreaterThan(labels[0]!.x + 16);
    expect(Math.round(wrapped.x)).toBe(Math.round(text1.x));
  });
});

function docxParts(docx: Buffer): Record<string, string> {
  return Object.fromEntries(readArchive(docx).filter((e) => e.name.endsWith('.xml')).map((e) => [e.name, e.data.toString('utf8')]));
}

describe('the letter DOCX', { timeout: 180_000 }, () => {
  it('A4 with the 37/35/28/26 mm margins, the 22-line grid, 仿宋_GB2312 / 方正小标宋简体 named with fallbacks, page numbers on the outer side', async () => {
    const parts = docxParts(await renderLetterDocx(letter('reply_partial'), HEAD));
    const doc = parts['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const mar = /<w:pgMar ([^/]*)\/>/.exec(doc)![1]!;
    for (const [k, v] of [['top', 2098], ['bottom', 1984], ['left', 1587], ['right', 1474]] as const) expect(mar).toContain(`w:${k}="${v}"`);
    expect(doc).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    expect(doc).toContain('<w:titlePg/>');
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
    expect(parts['word/styles.xml']).toMatch(/<w:sz w:val="32"\/>/);
    const table = parts['word/fontTable.xml']!;
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>.*<w:charset w:val="86"\/>/);
    expect(table).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
    expect(doc).toMatch(/w:eastAsia="方正小标宋简体"[^]*政府信息公开申请答复书/);
    const headers = Object.entries(parts).filter(([k]) => /word\/header\d+\.xml/.test(k)).map(([, v]) => v).join('');
    expect(headers).toContain(HEAD.name);
    expect(headers).toContain('w:val="thickThinSmallGap"');
    const footers = Object.entries(parts).filter(([k]) => /word\/footer\d+\.xml/.test(k)).map(([, v]) => v);
    const numbered = footers.filter((f) => f.includes('PAGE'));
    expect(numbered.length).toBe(2);
    expect(numbered.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    expect(numbered.every((f) => f.includes('— '))).toBe(true);
    expect(parts['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
  });

  it('the body\'s last paragraphs, the name and the date keep together; the 补正 items hang at one indent', async () => {
    const doc = docxParts(await renderLetterDocx(letter('reply_partial'), HEAD))['word/document.xml']!;
    const paras = doc.split('<w:p>').slice(1);
    const tail = paras.slice(-4);
    expect(tail.map((p) => p.includes('<w:keepNext/>'))).toEqual([true, true, true, false]);
    expect(tail[3]).toContain('2026年1月19日');
    const items = docxParts(await renderLetterDocx(letter('correction_notice'), HEAD))['word/document.xml']!
      .split('<w:p>').filter((p) => /<w:t[^>]*>\d．<\/w:t>/.test(p));
    expect(items.length).toBe(3);
    expect(new Set(items.map((p) => /<w:ind [^>]*\/>/.exec(p)![0])).size).toBe(1);
    expect(items[0]).toMatch(/<w:ind w:left="\d+" w:hanging="\d+"\/>/);
  });

  it('LibreOffice opens it: A4 pages, the name and the date on the page with 特此告知。', async () => {
    if (!tool('soffice') || !tool('pdftotext') || !tool('pdfinfo')) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-letter-lo-'));
    try {
      writeFileSync(path.join(dir, 'l.docx'), await renderLetterDocx(letter('reply_partial', 12), HEAD));
      const lo = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'l.docx')], { encoding: 'utf8', timeout: 150_000 });
      expect(lo.status, lo.stderr).toBe(0);
      const f = pdfFacts(readFileSync(path.join(dir, 'l.pdf')));
      expect(f.info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const last = flat(f.pages[f.pages.length - 1]!);
      expect(last).toContain('特此告知。');
      expect(last).toContain('2026年1月19日');
      expect(flat(f.pages[0]!)).toContain(HEAD.name);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
