// Page images from poppler's pdftoppm (decision 120): one child process per page, bounded by a time limit
// (killed with SIGKILL), an address-space limit (ulimit -v) and a pixel budget (the resolution is lowered
// for very large pages, so no page image exceeds MAX_PIXELS). The image comes back on stdout as a binary
// PPM (P6, RGB) and is parsed here; nothing of the document but its pixels is kept.
import { spawn } from 'node:child_process';

export interface Raster {
  width: number;
  height: number;
  /** 3 (RGB) or 1 (gray) bytes per pixel, rows top to bottom */
  channels: 1 | 3;
  data: Buffer;
}

export interface RasterLimits {
  /** resolution of the page images, dots per inch */
  dpi: number;
  /** most pixels per page image (the dpi is lowered for a page that would have more) */
  maxPixels: number;
  /** pdftoppm's wall-clock time per page */
  pageMillis: number;
  /** pdftoppm's address space (ulimit -v), in MB */
  memoryMb: number;
}

export const RASTER_LIMITS: RasterLimits = { dpi: 150, maxPixels: 16_000_000, pageMillis: 60_000, memoryMb: 1536 };

export class RasterError extends Error {
  constructor(readonly reason: 'timeout' | 'failed' | 'missing', message: string) {
    super(message);
    this.name = 'RasterError';
  }
}

/** The resolution for a page of w × h points within the pixel budget. */
export function pageDpi(w: number, h: number, limits: RasterLimits): number {
  const atDpi = (w / 72) * limits.dpi * (h / 72) * limits.dpi;
  if (atDpi <= limits.maxPixels) return limits.dpi;
  return Math.max(1, Math.floor(limits.dpi * Math.sqrt(limits.maxPixels / atDpi)));
}

/** Parses a binary PPM (P6) or PGM (P5) with maxval 255. */
export function parsePnm(buf: Buffer): Raster {
  const header = /^P([56])\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s+(?:#[^\n]*\n\s*)*(\d+)\s/.exec(buf.subarray(0, 200).toString('latin1'));
  if (!header) throw new RasterError('failed', 'page image: not a PPM');
  const channels = header[1] === '6' ? 3 : 1;
  const width = Number(header[2]);
  const height = Number(header[3]);
  if (header[4] !== '255') throw new RasterError('failed', 'page image: unexpected depth');
  const start = header[0].length;
  const need = width * height * channels;
  if (buf.length - start < need) throw new RasterError('failed', 'page image: truncated');
  return { width, height, channels, data: buf.subarray(start, start + need) };
}

/** Renders page `page` (1-based) of the PDF file at `path`, its crop box as displayed, annotations included. */
export function renderPage(path: string, page: number, dpi: number, limits: RasterLimits = RASTER_LIMITS): Promise<Raster> {
  const args = ['-f', String(page), '-l', String(page), '-singlefile', '-r', String(dpi), '-cropbox', path];
  return new Promise((resolve, reject) => {
    // ulimit -v through sh, then exec: the limit holds for pdftoppm itself (node's spawn cannot set rlimits).
    const child = spawn('/bin/sh', ['-c', 'ulimit -v "$LIMIT_KB" && exec pdftoppm "$@"', 'pdftoppm', ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LIMIT_KB: String(limits.memoryMb * 1024) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), limits.pageMillis);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => { if (err.length < 2000) err += c.toString('utf8'); });
    child.on('error', (e) => { clearTimeout(timer); reject(new RasterError('missing', `pdftoppm could not be started (${e.message})`)); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') return reject(new RasterError('timeout', `page ${page}: no image within ${limits.pageMillis / 1000} s`));
      if (code === 127) return reject(new RasterError('missing', 'pdftoppm (poppler-utils) is not installed'));
      if (code !== 0) return reject(new RasterError('failed', `page ${page}: pdftoppm exited ${code} ${err.trim().slice(0, 300)}`));
      try {
        resolve(parsePnm(Buffer.concat(chunks)));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/** Paints rectangles (points on a page of pageW × pageH, origin top left) solid black, every pixel they touch. */
export function paintBlack(r: Raster, pageW: number, pageH: number, boxes: readonly { x: number; y: number; w: number; h: number }[]): void {
  const sx = r.width / pageW;
  const sy = r.height / pageH;
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x * sx));
    const x1 = Math.min(r.width, Math.ceil((b.x + b.w) * sx));
    const y0 = Math.max(0, Math.floor(b.y * sy));
    const y1 = Math.min(r.height, Math.ceil((b.y + b.h) * sy));
    if (x1 <= x0) continue;
    for (let y = y0; y < y1; y++) r.data.fill(0, (y * r.width + x0) * r.channels, (y * r.width + x1) * r.channels);
  }
}

/** The raster as gray when every pixel is gray (R = G = B): a third of the bytes, same picture. */
export function grayIfPossible(r: Raster): Raster {
  if (r.channels === 1) return r;
  const d = r.data;
  for (let i = 0; i < d.length; i += 3) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return r;
  const g = Buffer.allocUnsafe(r.width * r.height);
  for (let i = 0, j = 0; j < g.length; i += 3, j++) g[j] = d[i]!;
  return { width: r.width, height: r.height, channels: 1, data: g };
}
