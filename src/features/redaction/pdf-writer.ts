// A new PDF made of page images only, written to a file page by page (decision 120): each page is a
// single image XObject (8-bit DeviceRGB or DeviceGray, FlateDecode with the PNG "Up" predictor) drawn
// over the whole page. Nothing else: no text, fonts, annotations, outlines, attachments, scripts, forms,
// Info dictionary or XMP — so nothing of the original can survive but its pixels. Memory: one page.
import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { Raster } from './raster.ts';

/** The rows with PNG filter type 2 (Up) in front of each: compresses scanned and rendered pages well. */
function predictUp(r: Raster): Buffer {
  const row = r.width * r.channels;
  const out = Buffer.allocUnsafe((row + 1) * r.height);
  const d = r.data;
  for (let y = 0; y < r.height; y++) {
    const o = y * (row + 1);
    out[o] = 2;
    const s = y * row;
    if (y === 0) d.copy(out, o + 1, s, s + row);
    else for (let i = 0; i < row; i++) out[o + 1 + i] = (d[s + i]! - d[s - row + i]!) & 0xff;
  }
  return out;
}

const num = (n: number) => (Math.round(n * 1000) / 1000).toString();

export class ImagePdfWriter {
  private fd: number;
  private pos = 0;
  private offsets: number[] = []; // offsets[n] for object n (1-based); 0 = not yet written
  private kids: number[] = [];
  private nextObj = 3; // 1 catalog, 2 pages tree (written last)

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w', 0o600);
    // Header and a binary comment (marks the file as binary for transfer programs).
    this.write(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  private write(b: Buffer | string): void {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done, this.pos + done);
    this.pos += buf.length;
  }

  private object(n: number, body: Buffer | string, stream?: Buffer): void {
    this.offsets[n] = this.pos;
    this.write(`${n} 0 obj\n`);
    this.write(body);
    if (stream) {
      this.write('\nstream\n');
      this.write(stream);
      this.write('\nendstream');
    }
    this.write('\nendobj\n');
  }

  /** Adds a page of w × h points showing the raster over all of it. */
  addPage(w: number, h: number, r: Raster): void {
    const [page, content, image] = [this.nextObj, this.nextObj + 1, this.nextObj + 2];
    this.nextObj += 3;
    const data = deflateSync(predictUp(r), { level: 6 });
    const cs = r.channels === 3 ? '/DeviceRGB' : '/DeviceGray';
    this.object(image, `<< /Type /XObject /Subtype /Image /Width ${r.width} /Height ${r.height} /ColorSpace ${cs} /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Colors ${r.channels} /BitsPerComponent 8 /Columns ${r.width} >> /Length ${data.length} >>`, data);
    const ops = Buffer.from(`q ${num(w)} 0 0 ${num(h)} 0 0 cm /P Do Q\n`, 'latin1');
    this.object(content, `<< /Length ${ops.length} >>`, ops);
    this.object(page, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(w)} ${num(h)}] /Resources << /XObject << /P ${image} 0 R >> >> /Contents ${content} 0 R >>`);
    this.kids.push(page);
  }

  /** Writes the page tree, catalog, cross-reference table and trailer, and closes the file. */
  close(): void {
    this.object(2, `<< /Type /Pages /Kids [${this.kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${this.kids.length} >>`);
    this.object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const xref = this.pos;
    const size = this.nextObj;
    let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
    for (let n = 1; n < size; n++) table += `${String(this.offsets[n] ?? 0).padStart(10, '0')} 00000 ${this.offsets[n] ? 'n' : 'f'} \n`;
    this.write(table);
    this.write(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (after a failure; the caller removes it). */
  abort(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
  }
}
