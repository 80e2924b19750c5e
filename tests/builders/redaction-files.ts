// Hostile inputs for the redaction engine, built here so that every test shows how its file was made:
// text under a drawn rectangle, text in annotations, in the Info dictionary and XMP, in an earlier
// revision kept by an incremental update, a scanned (image-only) page, a DOCX with tracked changes and
// comments. And the checks: every stream of a PDF decompressed and searched, page sizes read by pdfinfo.
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { docxParts, zipOf } from './hostile-files.ts';
import { PDF_FONT, pdfmakeReady } from '../../src/features/shared/pdf.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A PDF from object bodies (object n = bodies[n-1]; strings or [dict, stream bytes]), correct xref, Root 1 0 R. */
export function rawPdf(bodies: readonly (string | [string, Buffer])[], trailerExtra = ''): Buffer {
  const chunks: Buffer[] = [latin1('%PDF-1.6\n%\xe2\xe3\xcf\xd3\n')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    offsets.push(offset);
    const body = typeof b === 'string' ? latin1(b) : Buffer.concat([latin1(`${b[0].replace('>>', `/Length ${b[1].length} >>`)}\nstream\n`), b[1], latin1('\nendstream')]);
    const obj = Buffer.concat([latin1(`${i + 1} 0 obj\n`), body, latin1('\nendobj\n')]);
    chunks.push(obj);
    offset += obj.length;
  });
  const xref = [`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`, ...offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(latin1(`${xref}trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

/** Appends an incremental update (ISO 32000-1 §7.5.6) replacing objects: the old ones stay in the file's bytes. */
export function incrementalUpdate(base: Buffer, replaced: Record<number, string | [string, Buffer]>, size: number): Buffer {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(base.toString('latin1'))![1]);
  const chunks: Buffer[] = [base];
  let offset = base.length;
  const rows: string[] = [];
  for (const [n, b] of Object.entries(replaced)) {
    const body = typeof b === 'string' ? latin1(b) : Buffer.concat([latin1(`${b[0].replace('>>', `/Length ${b[1].length} >>`)}\nstream\n`), b[1], latin1('\nendstream')]);
    const obj = Buffer.concat([latin1(`${n} 0 obj\n`), body, latin1('\nendobj\n')]);
    rows.push(`${n} 1\n${String(offset).padStart(10, '0')} 00000 n \n`);
    chunks.push(obj);
    offset += obj.length;
  }
  chunks.push(latin1(`xref\n0 1\n0000000000 65535 f \n${rows.join('')}trailer\n<< /Size ${size} /Root 1 0 R /Prev ${prev} >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
const A4 = '/MediaBox [0 0 595 842]';
const page = (extra: string) => `<< /Type /Page /Parent 2 0 R ${A4} /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> ${extra} >>`;
const catalog = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;
const pages = (n: number) => `<< /Type /Pages /Kids [${Array.from({ length: n }, (_, i) => `${5 + i} 0 R`).join(' ')}] /Count ${n} >>`;

/** Page 1: `secret` drawn in Helvetica at (72, 700) and a black rectangle painted over it (the "marker pen" redaction). */
export function textUnderRectangle(secret: string): Buffer {
  const content = latin1(`BT /F1 12 Tf 72 700 Td (${secret}) Tj ET\n0 0 0 rg 66 694 160 22 re f\nBT /F1 12 Tf 72 600 Td (Visible line) Tj ET`);
  return rawPdf([catalog(), pages(1), HELVETICA, ['<< >>', content], page('')]);
}

/** A sticky note (Text annotation) and a FreeText annotation whose contents hold `secret`; the page itself does not. */
export function textInAnnotations(secret: string): Buffer {
  const content = latin1('BT /F1 12 Tf 72 700 Td (Page text without the secret) Tj ET');
  const ap = latin1(`BT /F1 10 Tf 2 6 Td (${secret}) Tj ET`);
  return rawPdf([
    catalog(), pages(1), HELVETICA, ['<< >>', content],
    page('/Annots [6 0 R 7 0 R]'),
    `<< /Type /Annot /Subtype /Text /Rect [300 700 320 720] /Contents (${secret}) /T (${secret}) /Open true >>`,
    `<< /Type /Annot /Subtype /FreeText /Rect [72 500 272 520] /Contents (${secret}) /DA (/Helv 10 Tf 0 g) /AP << /N 8 0 R >> >>`,
    ['<< /Type /XObject /Subtype /Form /BBox [0 0 200 20] /Resources << /Font << /F1 3 0 R >> >> >>', ap],
  ]);
}

/** `secret` in the Info dictionary (Author, Title, Producer) and in an XMP metadata stream, not on the page. */
export function textInMetadata(secret: string): Buffer {
  const xmp = latin1(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${secret}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`);
  const content = latin1('BT /F1 12 Tf 72 700 Td (Metadata test page) Tj ET');
  return rawPdf([
    catalog('/Metadata 6 0 R /Outlines 8 0 R'), pages(1), HELVETICA, ['<< >>', content], page(''),
    ['<< /Type /Metadata /Subtype /XML >>', xmp],
    `<< /Author (${secret}) /Title (${secret}) /Producer (${secret}) >>`,
    '<< /Type /Outlines /First 9 0 R /Last 9 0 R /Count 1 >>',
    `<< /Title (${secret}) /Parent 8 0 R /Dest [5 0 R /Fit] >>`,
  ], '/Info 7 0 R');
}

/** Revision 1 shows `secret`; an incremental update replaces the page content with other text. The first revision stays in the bytes. */
export function textInEarlierRevision(secret: string): Buffer {
  const base = rawPdf([catalog(), pages(1), HELVETICA, ['<< >>', latin1(`BT /F1 12 Tf 72 700 Td (${secret}) Tj ET`)], page('')]);
  return incrementalUpdate(base, { 4: ['<< >>', latin1('BT /F1 12 Tf 72 700 Td (Revised text) Tj ET')] }, 6);
}

/** An image-only page (a scan): the raster of `textPdf`'s first page at 100 dpi, embedded as an RGB image; no text at all. */
export function scannedPage(textPdf: Buffer): Buffer {
  const ppm = execFileSync('pdftoppm', ['-r', '100', '-f', '1', '-l', '1', '-singlefile', '-'], { input: textPdf, maxBuffer: 64 << 20 });
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  const pixels = ppm.subarray(m[0].length);
  return rawPdf([
    catalog(), pages(1), HELVETICA, ['<< >>', latin1('q 595 0 0 842 0 0 cm /Im1 Do Q')],
    `<< /Type /Page /Parent 2 0 R ${A4} /Contents 4 0 R /Resources << /XObject << /Im1 6 0 R >> >> >>`,
    [`<< /Type /XObject /Subtype /Image /Width ${m[1]} /Height ${m[2]} /ColorSpace /DeviceRGB /BitsPerComponent 8 >>`, pixels],
  ]);
}

/** A plain text PDF: one line of Helvetica per entry, on `pageCount` pages. */
export function textPdf(lines: readonly string[], pageCount = 1): Buffer {
  const content = latin1(lines.map((l, i) => `BT /F1 12 Tf 72 ${760 - 20 * i} Td (${l.replace(/[()\\]/g, '')}) Tj ET`).join('\n'));
  const kids = Array.from({ length: pageCount }, () => page(''));
  return rawPdf([catalog(), pages(pageCount), HELVETICA, ['<< >>', content], ...kids]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * A DOCX whose final text is `visible`, with `deleted` in a tracked deletion, `inserted` in a tracked
 * insertion, `moved` moved away, and `comment` in a comment anchored to the text.
 */
export function docxWithTrackedChanges(o: { visible: string; deleted: string; inserted: string; moved: string; comment: string }): Buffer {
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`
    + `<w:p><w:r><w:t>${o.visible}</w:t></w:r></w:p>`
    + `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">第三方：</w:t></w:r>`
    + `<w:del w:id="1" w:author="reviewer" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>${o.deleted}</w:delText></w:r></w:del>`
    + `<w:ins w:id="2" w:author="reviewer" w:date="2026-01-01T00:00:00Z"><w:r><w:t>${o.inserted}</w:t></w:r></w:ins>`
    + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    + `<w:p><w:moveFrom w:id="3" w:author="reviewer" w:date="2026-01-01T00:00:00Z"><w:r><w:t>${o.moved}</w:t></w:r></w:moveFrom></w:p>`
    + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
    + '</w:body></w:document>';
  const comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ${W}><w:comment w:id="0" w:author="${o.comment}"><w:p><w:r><w:t>${o.comment}</w:t></w:r></w:p></w:comment></w:comments>`;
  const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings ${W}><w:trackRevisions/></w:settings>`;
  const docRels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>';
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${o.comment}</dc:creator></cp:coreProperties>`;
  const parts = docxParts({ name: 'word/document.xml', data: Buffer.from(doc) });
  parts[0] = { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>') };
  return zipOf([...parts, { name: 'word/_rels/document.xml.rels', data: Buffer.from(docRels) }, { name: 'word/comments.xml', data: Buffer.from(comments) }, { name: 'word/settings.xml', data: Buffer.from(settings) }, { name: 'docProps/core.xml', data: Buffer.from(core) }]);
}

/** Every stream of a PDF, decompressed where it is Flate-compressed (raw bytes otherwise), and the file itself. */
export function pdfStreamsAndFile(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [pdf];
  const s = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    out.push(raw);
    try { out.push(inflateSync(raw)); } catch { /* not Flate */ }
    re.lastIndex = end;
  }
  return out;
}

/** Whether `secret` occurs in any stream or the file, as Latin-1/UTF-8, UTF-16BE (PDF text strings) or UTF-16LE. */
export function bytesHold(pdf: Buffer, secret: string): boolean {
  const forms = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(secret, 'utf16le').swap16()];
  return pdfStreamsAndFile(pdf).some((b) => forms.some((f) => b.includes(f)));
}

/** pdftotext of the whole file. */
export function pdftotext(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-', '-'], { input: pdf, maxBuffer: 64 << 20 }).toString('utf8');
}

/** Page count and each page's size in points, as pdfinfo reports them. */
export function pageSizes(pdf: Buffer): string[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', '-'], { input: pdf }).toString('utf8');
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`);
}

/** The gray level (0–255) of the lightest, darkest and mean pixel in a rectangle (points, top-left origin) of page 1 rendered at 72 dpi. */
export function regionStats(pdf: Buffer, pageNo: number, box: { x: number; y: number; w: number; h: number }): { mean: number; max: number; min: number } {
  const ppm = execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', String(pageNo), '-l', String(pageNo), '-singlefile', '-'], { input: pdf, maxBuffer: 64 << 20 });
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  const width = Number(m[1]);
  const px = ppm.subarray(m[0].length);
  let sum = 0;
  let n = 0;
  let max = 0;
  let min = 255;
  for (let y = Math.ceil(box.y); y < Math.floor(box.y + box.h); y++) {
    for (let x = Math.ceil(box.x); x < Math.floor(box.x + box.w); x++) {
      const v = px[y * width + x]!;
      sum += v; n++; max = Math.max(max, v); min = Math.min(min, v);
    }
  }
  return { mean: n ? sum / n : 0, max, min };
}

/** A line of CJK text placed at (x, y) points from the page's top-left corner. */
export interface PlacedLine { x: number; y: number; text: string; size?: number }

/**
 * A one-page A4 PDF made the way agencies' own files are (pdfmake with the embedded Noto Sans SC, glyphs subset,
 * text as glyph ids with a ToUnicode map), each line at its position; `keywords` go into the Info dictionary
 * (so a byte search of the original finds them there).
 */
export async function cjkPdf(lines: readonly PlacedLine[], keywords = ''): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  const content = lines.map((l) => ({ text: l.text, fontSize: l.size ?? 14, absolutePosition: { x: l.x, y: l.y } }));
  return Buffer.from(await pdfmake.createPdf({ pageSize: 'A4', pageMargins: 0, defaultStyle: { font: PDF_FONT }, info: { title: '补偿协议', keywords }, content }).getBuffer());
}
