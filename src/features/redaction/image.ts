// A scanned page sent as a JPEG or PNG becomes a one-page PDF, to be redacted like any PDF (decision 120).
// The page size comes from the resolution the image states (JFIF density, PNG pHYs), else the image is
// taken as an A4-sized scan (its longer side 297 mm). The image's own metadata (EXIF, text chunks) goes
// with it into this intermediate PDF only: the redacted copy is rebuilt from rendered pixels.
import { pdfmakeReady } from '../shared/pdf.ts';

export interface ImageInfo { type: 'jpeg' | 'png'; width: number; height: number; dpiX: number | null; dpiY: number | null }

/** Most pixels accepted in an image upload (a 600 dpi A4 scan has 35 million). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Size and stated resolution of a JPEG (SOFn, JFIF APP0) or PNG (IHDR, pHYs); null when not one or unreadable. */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a) {
    const width = buf.readUInt32BE(16);
    const height = buf.readUInt32BE(20);
    let dpiX: number | null = null;
    let dpiY: number | null = null;
    for (let o = 8; o + 12 <= buf.length;) {
      const len = buf.readUInt32BE(o);
      const type = buf.toString('latin1', o + 4, o + 8);
      if (type === 'pHYs' && len === 9 && o + 17 <= buf.length && buf[o + 16] === 1) {
        dpiX = buf.readUInt32BE(o + 8) * 0.0254;
        dpiY = buf.readUInt32BE(o + 12) * 0.0254;
      }
      if (type === 'IDAT' || type === 'IEND') break;
      o += 12 + len;
    }
    return { type: 'png', width, height, dpiX, dpiY };
  }
  if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
    let dpiX: number | null = null;
    let dpiY: number | null = null;
    for (let o = 2; o + 9 < buf.length;) {
      if (buf[o] !== 0xff) return null;
      const marker = buf[o + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { o += 2; continue; }
      const len = buf.readUInt16BE(o + 2);
      if (marker === 0xe0 && buf.toString('latin1', o + 4, o + 9) === 'JFIF\0' && o + 18 <= buf.length) {
        const unit = buf[o + 11];
        const x = buf.readUInt16BE(o + 12);
        const y = buf.readUInt16BE(o + 14);
        if (unit === 1) { dpiX = x; dpiY = y; } else if (unit === 2) { dpiX = x * 2.54; dpiY = y * 2.54; }
      }
      // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpeg', height: buf.readUInt16BE(o + 5), width: buf.readUInt16BE(o + 7), dpiX, dpiY };
      }
      o += 2 + len;
    }
  }
  return null;
}

const A4_LONG = (297 / 25.4) * 72;

/** The page size in points for an image (its stated resolution when plausible, else A4-sized). */
export function imagePageSize(info: ImageInfo): { w: number; h: number } {
  const plausible = (d: number | null) => d !== null && d >= 50 && d <= 2400;
  if (plausible(info.dpiX) && plausible(info.dpiY)) return { w: (info.width * 72) / info.dpiX!, h: (info.height * 72) / info.dpiY! };
  const scale = A4_LONG / Math.max(info.width, info.height);
  return { w: info.width * scale, h: info.height * scale };
}

/** A one-page PDF showing the image over the whole page (throws when it is not a JPEG/PNG of an accepted size). */
export async function imageToPdf(bytes: Uint8Array): Promise<Buffer> {
  const info = imageInfo(bytes);
  if (!info || info.width < 1 || info.height < 1) throw new Error('不是可以读取的 JPG 或 PNG 图片');
  if (info.width * info.height > MAX_IMAGE_PIXELS) throw new Error(`图片像素过多（${info.width} × ${info.height}），请降低分辨率后再试`);
  const { w, h } = imagePageSize(info);
  const pdfmake = pdfmakeReady();
  type Def = Parameters<typeof pdfmake.createPdf>[0];
  const mime = info.type === 'png' ? 'image/png' : 'image/jpeg';
  const def = {
    pageSize: { width: w, height: h },
    pageMargins: [0, 0, 0, 0],
    content: [{ image: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`, width: w, height: h }],
  };
  return pdfmake.createPdf(def as Def).getBuffer();
}
