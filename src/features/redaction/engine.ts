// The redaction engine (decision 120): a PDF, DOCX or JPG/PNG scan in; a new PDF out whose every page is
// the original page rendered to an image with the redaction boxes painted black, built page by page so
// memory holds one page image at a time whatever the page count. Text positions for suggestions come
// from pdf.js in the worker pool (pdf-read.ts pdfLayout, within its limits).
import { mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clampBox, suggestPage, type Box, type DetectOptions, type Suggestion } from '../../core/redaction/index.ts';
import { isZip } from '../shared/archive.ts';
import { PDF_LIMITS, PdfError, pdfLayout, type PdfLayoutPage, type PdfLimits } from '../shared/pdf-read.ts';
import { ConvertError, CONVERT_LIMITS, docxToPdf, type ConvertLimits } from './docx.ts';
import { imageInfo, imageToPdf } from './image.ts';
import { encodePng } from './png.ts';
import { ImagePdfWriter } from './pdf-writer.ts';
import { grayIfPossible, pageDpi, paintBlack, RASTER_LIMITS, RasterError, renderPage, type RasterLimits } from './raster.ts';

export type SourceKind = 'pdf' | 'docx' | 'jpeg' | 'png';

/** What a file is, by its first bytes (never by its name). */
export function sourceKind(bytes: Uint8Array): SourceKind | null {
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (isZip(bytes)) return 'docx';
  const info = imageInfo(bytes);
  return info ? info.type : null;
}

export type RedactionProblem = 'unsupported' | 'unreadable' | 'too_complex' | 'tool_missing';

/** Why a file cannot be redacted, with a message for the officer. */
export class RedactionError extends Error {
  constructor(readonly code: RedactionProblem, message: string) {
    super(message);
    this.name = 'RedactionError';
  }
}

export interface EngineLimits { pdf: PdfLimits; raster: RasterLimits; convert: ConvertLimits }
export const ENGINE_LIMITS: EngineLimits = { pdf: PDF_LIMITS, raster: RASTER_LIMITS, convert: CONVERT_LIMITS };

/** A source as a PDF in a work directory, with each page's displayed size and text boxes. */
export interface PreparedDocument {
  kind: SourceKind;
  pdfPath: string;
  pages: PdfLayoutPage[];
}

/** A box to black out on page `page` (1-based), in points from the displayed page's top-left corner. */
export interface PageBox extends Box { page: number }

/** A fresh private work directory; `fn` runs with it and it is removed afterwards. */
export async function withWorkDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-redact-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function translate(e: unknown): never {
  if (e instanceof RedactionError) throw e;
  if (e instanceof PdfError) throw new RedactionError(e.code === 'file_too_complex' || e.code === 'archive_too_large' ? 'too_complex' : 'unreadable', e.message);
  if (e instanceof ConvertError || e instanceof RasterError) {
    if (e.reason === 'missing') throw new RedactionError('tool_missing', `服务器缺少转换工具：${e.message}`);
    if (e.reason === 'timeout') throw new RedactionError('too_complex', `文件过于复杂，未能在限定时间内处理完（${e.message}）`);
    throw new RedactionError('unreadable', `文件无法转换（${e.message}）`);
  }
  if (e instanceof Error && e.name === 'ArchiveError') throw new RedactionError('unreadable', e.message);
  throw e;
}

/** Turns the source into a PDF in `workDir` and reads its layout (throws RedactionError). */
export async function prepareDocument(bytes: Uint8Array, workDir: string, limits: EngineLimits = ENGINE_LIMITS): Promise<PreparedDocument> {
  const kind = sourceKind(bytes);
  if (!kind) throw new RedactionError('unsupported', '只能遮盖 PDF、DOCX（Word）文件或 JPG/PNG 扫描图片');
  try {
    let pdfPath = join(workDir, 'source.pdf');
    let pdf: Uint8Array = bytes;
    if (kind === 'pdf') writeFileSync(pdfPath, bytes, { mode: 0o600 });
    else if (kind === 'docx') {
      pdfPath = await docxToPdf(bytes, workDir, limits.convert);
      pdf = await readFile(pdfPath);
    } else {
      pdf = await imageToPdf(bytes).catch((e: Error) => { throw new RedactionError('unreadable', e.message); });
      writeFileSync(pdfPath, pdf, { mode: 0o600 });
    }
    const pages = await pdfLayout(pdf, limits.pdf);
    if (pages.length === 0) throw new RedactionError('unreadable', '文件没有任何页面');
    return { kind, pdfPath, pages };
  } catch (e) {
    translate(e);
  }
}

/** The suggestions of every page. */
export function findSuggestions(doc: PreparedDocument, opts: DetectOptions): Suggestion[] {
  return doc.pages.flatMap((p, i) => suggestPage(i + 1, p.items, opts));
}

/** The boxes of each page (1-based), cut to the page; boxes on pages the document does not have are refused. */
export function boxesByPage(doc: PreparedDocument, boxes: readonly PageBox[]): Map<number, Box[]> {
  const by = new Map<number, Box[]>();
  for (const b of boxes) {
    const page = doc.pages[b.page - 1];
    if (!Number.isInteger(b.page) || !page) throw new RedactionError('unreadable', `第 ${b.page} 页不存在（文件共 ${doc.pages.length} 页）`);
    const c = clampBox(b, page.w, page.h);
    if (c) by.set(b.page, [...(by.get(b.page) ?? []), c]);
  }
  return by;
}

export interface RedactResult { pages: number; bytes: number; sizes: { w: number; h: number }[] }

/**
 * Writes the redacted PDF to `outPath`: each page rendered, its boxes painted black, added as one image;
 * `onPage` is told after each page. On failure the partial file is removed.
 */
export async function writeRedactedPdf(doc: PreparedDocument, boxes: readonly PageBox[], outPath: string, limits: EngineLimits = ENGINE_LIMITS, onPage?: (page: number) => void): Promise<RedactResult> {
  const by = boxesByPage(doc, boxes);
  const writer = new ImagePdfWriter(outPath);
  try {
    for (let p = 1; p <= doc.pages.length; p++) {
      const { w, h } = doc.pages[p - 1]!;
      const raster = await renderPage(doc.pdfPath, p, pageDpi(w, h, limits.raster), limits.raster);
      paintBlack(raster, w, h, by.get(p) ?? []);
      writer.addPage(w, h, grayIfPossible(raster));
      onPage?.(p);
    }
    writer.close();
  } catch (e) {
    writer.abort();
    try { unlinkSync(outPath); } catch { /* not there */ }
    translate(e);
  }
  return { pages: doc.pages.length, bytes: statSync(outPath).size, sizes: doc.pages.map((p) => ({ w: p.w, h: p.h })) };
}

/** Page `page` as a PNG at `dpi` (within the pixel budget), optionally with boxes painted (the redacted preview). */
export async function pagePng(doc: PreparedDocument, page: number, dpi: number, boxes: readonly PageBox[] = [], limits: EngineLimits = ENGINE_LIMITS): Promise<Buffer> {
  const p = doc.pages[page - 1];
  if (!p) throw new RedactionError('unreadable', `第 ${page} 页不存在（文件共 ${doc.pages.length} 页）`);
  try {
    const raster = await renderPage(doc.pdfPath, page, pageDpi(p.w, p.h, { ...limits.raster, dpi }), limits.raster);
    paintBlack(raster, p.w, p.h, boxesByPage(doc, boxes.filter((b) => b.page === page)).get(page) ?? []);
    return encodePng(raster);
  } catch (e) {
    translate(e);
  }
}
