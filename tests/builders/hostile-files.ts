// Files for the upload and importer limits: valid small PDFs and DOCX files, and their hostile variants
// (zip bombs with honest or lying headers, PDF FlateDecode bombs, PDFs with JavaScript or encryption).
import { createDeflate, createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/** `total` bytes of `byte`, deflated (raw: no zlib header, as in ZIP; else zlib-wrapped, as in PDF). ~1 MB per GB. */
export async function deflatedRepeats(total: number, opts: { raw: boolean; byte?: number }): Promise<Buffer> {
  const d = opts.raw ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const chunk = Buffer.alloc(Math.min(total, 1 << 20), opts.byte ?? 0x20);
  for (let left = total; left > 0; left -= chunk.length) {
    if (!d.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => d.once('drain', r));
  }
  const ended = new Promise((r) => d.on('end', r));
  d.end();
  await ended;
  return Buffer.concat(out);
}

export interface ZipPart {
  name: string;
  /** the content (deflated here) … */
  data?: Buffer;
  /** … or already-deflated bytes with the sizes to declare (which may lie) */
  deflated?: Buffer;
  declaredSize?: number;
}

/** A ZIP file of the parts; a part given as `deflated` is stored as is with its declared size and CRC 0. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.deflated ?? deflateRawSync(p.data ?? Buffer.alloc(0));
    const size = p.declaredSize ?? p.data?.length ?? 0;
    const crc = p.data ? crc32(p.data) >>> 0 : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x0800, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(size >>> 0, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x0800, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(size >>> 0, 24); ch.writeUInt16LE(name.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

export function docxParts(documentXml: ZipPart): ZipPart[] {
  return [{ name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) }, { name: '_rels/.rels', data: Buffer.from(RELS) }, documentXml];
}

/** A DOCX with one paragraph of text. */
export function smallDocx(text = '政府信息公开工作年度报告'): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
  return zipOf(docxParts({ name: 'word/document.xml', data: Buffer.from(xml) }));
}

/**
 * A DOCX whose word/document.xml inflates to `expandedBytes` (spaces after the XML prolog would be the
 * same: mammoth must read the whole part). `declaredSize` lets the header lie about it.
 */
export async function zipBombDocx(expandedBytes: number, declaredSize?: number): Promise<Buffer> {
  const deflated = await deflatedRepeats(expandedBytes, { raw: true });
  return zipOf(docxParts({ name: 'word/document.xml', deflated, declaredSize: declaredSize ?? expandedBytes }));
}

export interface PdfOptions {
  text?: string;
  /** replaces the page's content stream: already zlib-deflated bytes (a FlateDecode bomb) */
  deflatedContent?: Buffer;
  /** extra entries of the document catalog, e.g. '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' */
  catalogExtra?: string;
  /** extra entries of the trailer, e.g. '/Encrypt 6 0 R' */
  trailerExtra?: string;
  /** more pages (each with the same text) */
  pages?: number;
}

/** A small valid PDF (correct xref offsets) with Helvetica text, or with the hostile parts asked for. */
export function buildPdf(o: PdfOptions = {}): Buffer {
  const pages = o.pages ?? 1;
  const text = (o.text ?? 'Gongkai test document').replace(/[()\\]/g, '');
  const content = o.deflatedContent ?? Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  const contentDict = o.deflatedContent ? `<< /Length ${content.length} /Filter /FlateDecode >>` : `<< /Length ${content.length} >>`;
  const objects: Buffer[] = [];
  const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(' ');
  objects.push(Buffer.from(`<< /Type /Catalog /Pages 2 0 R ${o.catalogExtra ?? ''} >>`, 'latin1'));
  objects.push(Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`, 'latin1'));
  objects.push(Buffer.concat([Buffer.from(`${contentDict}\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
  objects.push(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>', 'latin1'));
  for (let i = 0; i < pages; i++) objects.push(Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>', 'latin1'));
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`)].join('');
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${o.trailerExtra ?? ''} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
