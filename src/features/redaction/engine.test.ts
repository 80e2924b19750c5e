// The redaction engine on hostile inputs: after redaction neither pdftotext nor a byte search of every
// decompressed stream finds the redacted strings, and the page count and page sizes are kept.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../../core/validation/index.ts';
import {
  bytesHold, docxWithTrackedChanges, pageSizes, pdftotext, rawPdf, regionStats, scannedPage, textInAnnotations,
  textInEarlierRevision, textInMetadata, textPdf, textUnderRectangle,
} from '../../../tests/builders/redaction-files.ts';
import { pdfmakeReady } from '../shared/pdf.ts';
import { acceptRevisions } from './docx.ts';
import { findSuggestions, prepareDocument, sourceKind, withWorkDir, writeRedactedPdf, type PageBox } from './engine.ts';

const TODAY = '2026-12-06';
const ID = '11010519491231002' + idCheckCharacter('11010519491231002');
const PHONE = '13812345678';
const ALL = { patterns: ['id-number', 'phone', 'bank-card', 'email'] as const, terms: [] as string[], today: TODAY };

/** Redacts with the suggestions found (plus `boxes`); returns the output and the suggestion boxes. */
async function redact(input: Buffer, opts: { terms?: string[]; boxes?: PageBox[] } = {}) {
  return withWorkDir(async (dir) => {
    const doc = await prepareDocument(input, dir);
    const found = findSuggestions(doc, { ...ALL, terms: opts.terms ?? [] });
    const boxes = [...found.flatMap((s) => s.boxes.map((b) => ({ page: s.page, ...b }))), ...(opts.boxes ?? [])];
    const out = join(dir, 'out.pdf');
    const r = await writeRedactedPdf(doc, boxes, out);
    return { out: readFileSync(out), found, boxes, result: r, doc };
  });
}

function expectGone(out: Buffer, ...secrets: string[]) {
  const text = pdftotext(out);
  for (const s of secrets) {
    expect(text).not.toContain(s);
    expect(bytesHold(out, s)).toBe(false);
  }
}

describe('redaction engine on hostile PDFs', () => {
  it('text under a drawn rectangle: found, blacked out, gone from text and bytes', async () => {
    const input = textUnderRectangle(ID);
    expect(pdftotext(input)).toContain(ID); // the "marker pen" left it there
    const { out, found } = await redact(input);
    expect(found.map((f) => f.kind)).toEqual(['id-number']);
    expectGone(out, ID, ID.slice(0, 10));
    expect(pageSizes(out)).toEqual(pageSizes(input));
    expect(regionStats(out, 1, { x: 72, y: 842 - 712, w: 100, h: 10 }).max).toBeLessThan(40);
    expect(pdftotext(out).trim()).toBe(''); // a page image: no text layer at all
  });

  it('text in annotations (note contents, author, FreeText appearance): suggested from the annotation, none of it survives', async () => {
    const input = textInAnnotations(PHONE);
    expect(bytesHold(input, PHONE)).toBe(true);
    const { out, found } = await redact(input);
    expect(found.filter((f) => f.kind === 'phone').length).toBeGreaterThanOrEqual(1);
    expectGone(out, PHONE);
    expect(regionStats(out, 1, { x: 74, y: 842 - 518, w: 196, h: 16 }).max).toBeLessThan(40); // the FreeText box
  });

  it('metadata: Info dictionary, XMP and outline titles do not survive', async () => {
    const secret = 'Wang Xiaoming Secret Author';
    const input = textInMetadata(secret);
    expect(bytesHold(input, secret)).toBe(true);
    const { out } = await redact(input);
    expectGone(out, secret, 'Wang Xiaoming');
    const info = execFileSync('pdfinfo', ['-meta', '-'], { input: out }).toString('utf8');
    expect(info).not.toMatch(/Author|Producer|Title|Creator/);
  });

  it('an earlier revision kept by an incremental update does not survive', async () => {
    const input = textInEarlierRevision(PHONE);
    expect(pdftotext(input)).not.toContain(PHONE); // invisible to a viewer…
    expect(bytesHold(input, PHONE)).toBe(true); // …but still in the file
    const { out, found } = await redact(input);
    expect(found).toEqual([]); // the current revision has nothing to suggest
    expectGone(out, PHONE);
    expect(pageSizes(out)).toEqual(['595x842']);
  });

  it('a scanned page (image only): nothing to suggest; the drawn box is black in the output, the rest is not', async () => {
    const input = scannedPage(textPdf([`ID ${ID}`, 'Other line stays']));
    expect(pdftotext(input).trim()).toBe('');
    const box = { page: 1, x: 66, y: 842 - 776, w: 200, h: 22 };
    const { out, found } = await redact(input, { boxes: [box] });
    expect(found).toEqual([]);
    expect(regionStats(out, 1, box).max).toBeLessThan(40);
    const nextLine = regionStats(out, 1, { x: 70, y: 842 - 752, w: 100, h: 14 }); // the next line is still there: mostly white, some ink
    expect(nextLine.mean).toBeGreaterThan(120);
    expect(nextLine.mean).toBeLessThan(250);
    expect(regionStats(out, 1, { x: 50, y: 400, w: 400, h: 300 }).mean).toBeGreaterThan(250);
    expect(pageSizes(out)).toEqual(['595x842']);
    expectGone(out, ID);
  });

  it('page count and differing page sizes are kept', async () => {
    const content = Buffer.from('BT /F1 12 Tf 72 100 Td (Size test) Tj ET', 'latin1');
    const sizes = ['595 842', '842 595', '420 595', '612 1008'];
    const input = rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${sizes.map((_, i) => `${5 + i} 0 R`).join(' ')}] /Count ${sizes.length} >>`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>', ['<< >>', content],
      ...sizes.map((s) => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${s}] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>`),
    ]);
    const { out, result } = await redact(input);
    expect(result.pages).toBe(4);
    expect(pageSizes(out)).toEqual(['595x842', '842x595', '420x595', '612x1008']);
  });

  it('CJK text (embedded Noto Sans SC): ID number, phone and a listed name are found and blacked out', async () => {
    const pdfmake = pdfmakeReady();
    type Def = Parameters<typeof pdfmake.createPdf>[0];
    const input = await pdfmake.createPdf({ content: [`申请人王小明，身份证号${ID}，联系电话${PHONE}。`, '其余内容予以公开。'], defaultStyle: { font: 'NotoSansSC', fontSize: 12 } } as Def).getBuffer();
    const { out, found } = await redact(Buffer.from(input), { terms: ['王小明'] });
    expect(found.map((f) => f.kind).sort()).toEqual(['id-number', 'phone', 'term']);
    expectGone(out, ID, PHONE, '王小明');
    for (const f of found) for (const b of f.boxes) expect(regionStats(out, 1, { x: b.x + 2, y: b.y + 2, w: b.w - 4, h: b.h - 4 }).max).toBeLessThan(40);
  });
});

describe('DOCX with tracked changes and comments', () => {
  it('acceptRevisions drops deletions, moved-away text and comment marks; keeps insertions', () => {
    const xml = '<w:p><w:r><w:t>a</w:t></w:r><w:del w:id="1"><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>new</w:t></w:r></w:ins>'
      + '<w:moveFrom w:id="3"><w:r><w:t>away</w:t></w:r></w:moveFrom><w:moveFromRangeStart w:id="4"/><w:r><w:rPr><w:rPrChange w:id="5"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:commentReference w:id="0"/></w:r></w:p>';
    const s = acceptRevisions(xml);
    expect(s).not.toMatch(/gone|away|w:del|w:ins|moveFrom|rPrChange|commentReference/);
    expect(s).toContain('<w:t>new</w:t>');
  });

  it('converted and redacted: neither the deleted, the moved-away, the commented nor the redacted text survives', async () => {
    const o = { visible: `申请人身份证号${ID}`, deleted: '李四光', inserted: '某某公司', moved: '旧地址东风路', comment: '审核人张三' };
    const input = docxWithTrackedChanges(o);
    expect(sourceKind(input)).toBe('docx');
    const { out, found, doc } = await redact(input);
    const pageTextAll = doc.pages.flatMap((p) => p.items.map((i) => i.str)).join('');
    expect(pageTextAll).toContain('某某公司');
    for (const s of [o.deleted, o.moved, o.comment]) expect(pageTextAll).not.toContain(s);
    expect(found.map((f) => f.kind)).toEqual(['id-number']);
    expectGone(out, ID, o.deleted, o.moved, o.comment);
    expect(pageSizes(out)).toEqual(['595x842']);
  }, 120_000);
});

describe('scans as images', () => {
  it('a PNG and a JPEG become a one-page PDF with the box painted', async () => {
    const src = textPdf([`ID ${ID}`]);
    for (const fmt of ['-png', '-jpeg']) {
      const img = execFileSync('pdftoppm', [fmt, '-r', '100', '-singlefile', '-'], { input: src, maxBuffer: 64 << 20 });
      expect(sourceKind(img)).toBe(fmt === '-png' ? 'png' : 'jpeg');
      const box = { page: 1, x: 66, y: 842 - 776, w: 200, h: 22 };
      const { out, result } = await redact(img, { boxes: [box] });
      expect(result.pages).toBe(1);
      const [size] = pageSizes(out);
      expect(size).toBe('595x842'); // 100 dpi stated by pdftoppm? else A4-sized: either way A4 here
      expect(regionStats(out, 1, box).max).toBeLessThan(40);
    }
  });
});
