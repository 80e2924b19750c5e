// Reading and checking PDFs within limits: first the bounded stream scan (pdf-scan.ts), then pdf.js in a
// worker thread (file-jobs.ts) with a capped heap, a time limit and a page limit.
// Every refusal is a PdfError with a Chinese message.
import { AppError, validationFailed } from './errors.ts';
import { FileJobError, runFileJob } from './file-jobs.ts';
import { PDF_LIMITS, PdfError, scanPdf, type PdfLimits, type PdfScan } from './pdf-scan.ts';

export { PdfError, PDF_LIMITS, type PdfLimits } from './pdf-scan.ts';

export interface PdfTextItem { str: string; x: number; y: number; w: number; h: number }

/** A page as displayed (points, rotation applied) and its text items as boxes on it, origin top left. */
export interface PdfLayoutPage {
  w: number;
  h: number;
  items: { str: string; x: number; y: number; w: number; h: number; eol?: boolean; whole?: boolean }[];
}

interface WorkerAnswer { ok: boolean; numPages?: number; pages?: PdfTextItem[][]; jsActions?: boolean; name?: string; message?: string }

async function runWorker(bytes: Uint8Array, mode: 'text' | 'check' | 'layout', limits: PdfLimits): Promise<WorkerAnswer> {
  const data = new Uint8Array(bytes); // a copy, transferred to the worker
  const job = mode === 'layout' ? { kind: 'pdf-layout', data, maxPages: limits.maxPages } : { kind: 'pdf', data, mode, maxPages: limits.maxPages };
  try {
    return await runFileJob<WorkerAnswer>(job, limits.parseMillis, [data.buffer]);
  } catch (e) {
    if (!(e instanceof FileJobError)) throw e;
    if (e.reason === 'timeout') throw new PdfError('file_too_complex', `PDF 在 ${limits.parseMillis / 1000} 秒内未能读完，文件结构过于复杂，请另存或拆分后再试`);
    if (e.reason === 'memory') throw new PdfError('file_too_complex', 'PDF 读取时所需内存超过限制，文件结构过于复杂，请另存或拆分后再试');
    throw new PdfError('pdf_invalid', `PDF 无法读取（${e.message}）`);
  }
}

function refusal(a: WorkerAnswer, limits: PdfLimits): PdfError {
  if (a.name === 'PasswordException') return new PdfError('pdf_encrypted', 'PDF 设有打开密码，无法读取；请去除密码后重新上传');
  if (a.name === 'TooManyPages') return new PdfError('file_too_complex', `PDF 有 ${a.message} 页，超过 ${limits.maxPages} 页的上限，请拆分后再上传`);
  if (a.name === 'InvalidPDFException') return new PdfError('pdf_invalid', 'PDF 文件已损坏或不是有效的 PDF，无法打开；请重新导出后上传');
  return new PdfError('pdf_invalid', `PDF 文件已损坏，无法读取（${(a.message ?? '').slice(0, 200)}）；请重新导出后上传`);
}

/** The text items of every page (throws PdfError when over a limit or unreadable). */
export async function pdfTextPages(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PdfTextItem[][]> {
  const scan = scanPdf(bytes, limits);
  if (scan.encrypted) throw new PdfError('pdf_encrypted', 'PDF 已加密（设有密码或权限保护），其内容无法在限定条件下检查；请另存为未加密的 PDF 后再试');
  const a = await runWorker(bytes, 'text', limits);
  if (!a.ok) throw refusal(a, limits);
  return a.pages ?? [];
}

/**
 * Every page's displayed size and text boxes, annotation texts included (for redaction suggestions): the
 * stream scan within limits, not encrypted, then pdf.js in the worker pool. Active content is not refused
 * here — a redacted copy is rebuilt from page images and carries none of it. Throws PdfError.
 */
export async function pdfLayout(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<PdfLayoutPage[]> {
  const scan = scanPdf(bytes, limits);
  if (scan.encrypted) throw new PdfError('pdf_encrypted', 'PDF 已加密（设有密码或权限保护），无法读取其内容；请另存为未加密的 PDF 后再试');
  const a = await runWorker(bytes, 'layout', limits);
  if (!a.ok) throw refusal(a, limits);
  return (a.pages ?? []) as unknown as PdfLayoutPage[];
}

/**
 * An uploaded PDF checked by parsing it: the stream scan within limits, not encrypted, no JavaScript or
 * launch actions, and pdf.js opens it and reads every page. Throws PdfError with the reason.
 */
export async function checkPdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<{ numPages: number; scan: PdfScan }> {
  const scan = scanPdf(bytes, limits);
  if (scan.encrypted) throw new PdfError('pdf_encrypted', 'PDF 已加密（设有密码或权限保护），无法检查其内容；请另存为未加密的 PDF 后上传');
  if (scan.activeContent.length > 0) throw new PdfError('pdf_active_content', `PDF 含有可执行的内容（${scan.activeContent.join('、')}），出于安全不能上传；请另存为普通 PDF（例如用“打印为 PDF”）后上传`);
  const a = await runWorker(bytes, 'check', limits);
  if (!a.ok) throw refusal(a, limits);
  if (a.jsActions) throw new PdfError('pdf_active_content', 'PDF 含有 JavaScript 动作，出于安全不能上传；请另存为普通 PDF 后上传');
  return { numPages: a.numPages ?? 0, scan };
}

/** A PdfError as the AppError to answer: limits → 422, anything else a field error (400). */
export function pdfRefusal(e: PdfError, name: string, field: string): AppError {
  const message = `附件“${name}”：${e.message}`;
  if (e.code === 'archive_too_large' || e.code === 'file_too_complex') return new AppError(e.code, { detail: message, fieldErrors: [{ field, message }] });
  return validationFailed([{ field, message }]);
}
