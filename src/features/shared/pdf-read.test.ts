import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildPdf, deflatedRepeats } from '../../../tests/builders/hostile-files.ts';
import { checkPdf, PdfError, pdfTextPages } from './pdf-read.ts';
import { filtersOf, PDF_LIMITS, scanPdf } from './pdf-scan.ts';

async function refusal(p: Promise<unknown>): Promise<PdfError> {
  try { await p; } catch (e) { if (e instanceof PdfError) return e; throw e; }
  throw new Error('not refused');
}

describe('PDF checks: parsed within limits, not only sniffed', () => {
  it('accepts a valid PDF and a real report, and reads their text', async () => {
    expect((await checkPdf(buildPdf({ text: 'hello', pages: 3 }))).numPages).toBe(3);
    const pages = await pdfTextPages(buildPdf({ text: 'hello' }));
    expect(pages[0]!.map((i) => i.str).join('')).toBe('hello');
    const report = readFileSync('tests/fixtures/reports/huaian-2024/source.pdf');
    expect((await checkPdf(report)).numPages).toBe(6);
  }, 30_000);

  it.each([
    ['only the first bytes of a PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'pdf_invalid', '已损坏'],
    ['a real report cut after 30 KB', readFileSync('tests/fixtures/reports/huaian-2024/source.pdf').subarray(0, 30_000), 'pdf_invalid', '已损坏'],
    ['a JavaScript OpenAction', buildPdf({ catalogExtra: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }), 'pdf_active_content', 'JavaScript'],
    ['a Launch action', buildPdf({ catalogExtra: '/OpenAction << /S /Launch /F (cmd.exe) >>' }), 'pdf_active_content', 'Launch'],
    ['an /Encrypt dictionary', buildPdf({ trailerExtra: '/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>' }), 'pdf_encrypted', '加密'],
    ['more pages than the limit', buildPdf({ pages: PDF_LIMITS.maxPages + 1 }), 'file_too_complex', `超过 ${PDF_LIMITS.maxPages} 页`],
  ])('%s → %s', async (_case, bytes, code, message) => {
    const e = await refusal(checkPdf(bytes));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  }, 30_000);

  it('a FlateDecode bomb (1 GB of spaces in a 1 MB content stream) is refused before pdf.js, within seconds', async () => {
    const pdf = buildPdf({ deflatedContent: await deflatedRepeats(1024 * 1024 * 1024, { raw: false }) });
    expect(pdf.length).toBeLessThan(2 * 1024 * 1024);
    const started = Date.now();
    for (const p of [checkPdf(pdf), pdfTextPages(pdf)]) {
      const e = await refusal(p);
      expect(e.code).toBe('archive_too_large');
      expect(e.message).toContain('可能是压缩炸弹');
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('decodes filter chains (ASCIIHex then Flate) and counts what they produce', async () => {
    const hex = (await deflatedRepeats(64 * 1024 * 1024, { raw: false })).toString('hex') + '>';
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj\n<< /Length 5 /Filter [/AHx /Fl] >>\nstream\n'), Buffer.from(hex), Buffer.from('\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n')]);
    expect(() => scanPdf(pdf, { ...PDF_LIMITS, maxStreamBytes: 32 * 1024 * 1024 })).toThrow(/压缩炸弹/);
  }, 30_000);

  it.each([
    ['<< /Length 10 /Filter /FlateDecode >>', ['FlateDecode']],
    ['<< /Filter [/ASCII85Decode /FlateDecode] /Length 3 >>', ['ASCII85Decode', 'FlateDecode']],
    ['<< /Filter/FlateDecode/Length 1021>>', ['FlateDecode']],
    ['<< /Length 3 >>', []],
  ])('filtersOf(%s)', (dict, filters) => {
    expect(filtersOf(dict)).toEqual(filters);
  });
});
