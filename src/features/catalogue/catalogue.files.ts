// Attachments: type checked by content (file-type), size-limited, stored on disk (./data/files) or in the database.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sanitizeHtml from 'sanitize-html';
import { ArchiveError, readArchive } from '../shared/archive.ts';
import { validationFailed } from '../shared/errors.ts';
import { cleanFileName } from '../shared/filenames.ts';
import { checkPdf, PdfError, pdfRefusal } from '../shared/pdf-read.ts';

/**
 * Opens what the type says it is, within limits: a DOCX/XLSX is inflated entry by entry (a zip bomb is
 * refused, 422 archive_too_large), a PDF is parsed (broken, encrypted or JavaScript-carrying files refused).
 */
export async function checkContent(name: string, ext: string, data: Buffer, field: string): Promise<void> {
  try {
    if (ext === 'docx' || ext === 'xlsx') readArchive(data);
    else if (ext === 'pdf') await checkPdf(data);
  } catch (e) {
    if (e instanceof ArchiveError) throw e.toAppError(field);
    if (e instanceof PdfError) throw pdfRefusal(e, name, field);
    throw e;
  }
}


/** What may be attached (PDF, DOCX, XLSX, images), by detected type. */
export const ALLOWED_TYPES: Record<string, { mime: string; label: string }> = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel (XLSX)' },
  png: { mime: 'image/png', label: 'PNG 图片' },
  jpg: { mime: 'image/jpeg', label: 'JPEG 图片' },
  gif: { mime: 'image/gif', label: 'GIF 图片' },
  webp: { mime: 'image/webp', label: 'WebP 图片' },
};

export interface FileStoreOptions {
  storage: 'disk' | 'database';
  /** folder for disk storage (default ./data/files) */
  dir: string;
  maxBytes: number;
}

export interface CheckedFile {
  filename: string;
  ext: string;
  mime: string;
  size: number;
  sha256: string;
  data: Buffer;
}

/** Safe display name: no path, no control or bidi characters, at most 200 characters (shared/filenames.ts). */
export function cleanFilename(name: string): string {
  return cleanFileName(name, 'file');
}

/** Checks a file by its content; the name's extension must agree with what the bytes are. */
export async function checkFile(filename: string, data: Buffer, maxBytes: number, field = 'attachment'): Promise<CheckedFile> {
  const name = cleanFilename(filename);
  if (data.length === 0) throw validationFailed([{ field, message: `附件“${name}”是空文件，请重新选择` }]);
  if (data.length > maxBytes) throw validationFailed([{ field, message: `附件“${name}”超过 ${Math.floor(maxBytes / 1024 / 1024)} MB，请压缩或拆分后再上传` }]);
  const detected = await fileTypeFromBuffer(data);
  const allowed = detected ? ALLOWED_TYPES[detected.ext] : undefined;
  if (!detected || !allowed) {
    throw validationFailed([{ field, message: `附件“${name}”的实际内容不是 PDF、Word（DOCX）、Excel（XLSX）或图片，不能上传${detected ? `（检测为 ${detected.ext}）` : ''}` }]);
  }
  const declared = (name.split('.').pop() ?? '').toLowerCase();
  const same = declared === detected.ext || (detected.ext === 'jpg' && declared === 'jpeg');
  if (!same) {
    throw validationFailed([{ field, message: `附件“${name}”的扩展名与实际内容（${allowed.label}）不符，请检查文件` }]);
  }
  await checkContent(name, detected.ext, data, field);
  return { filename: name, ext: detected.ext, mime: allowed.mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data };
}

export async function storeFile(opts: FileStoreOptions, f: CheckedFile): Promise<{ storage: 'disk' | 'database'; path: string | null; content_base64: string | null }> {
  if (opts.storage === 'database') return { storage: 'database', path: null, content_base64: f.data.toString('base64') };
  const rel = path.join(f.sha256.slice(0, 2), `${f.sha256}.${f.ext}`);
  const full = path.resolve(opts.dir, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, f.data);
  return { storage: 'disk', path: rel, content_base64: null };
}

export async function loadFile(opts: FileStoreOptions, row: { storage: string; path: string | null; content_base64: string | null }): Promise<Buffer> {
  if (row.storage === 'database') return Buffer.from(row.content_base64 ?? '', 'base64');
  const full = path.resolve(opts.dir, row.path ?? '');
  if (!full.startsWith(path.resolve(opts.dir))) throw new Error('bad attachment path');
  return readFile(full);
}

/** Rich-text body: only document markup survives (no script, style, event handlers, javascript: URLs). */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'a', 'span', 'div', 'hr', 'sup', 'sub'],
    allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  });
}

/** Plain text of a sanitised body (for search and snippets). */
export function bodyText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|div|h\d|li|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

/** Plain text typed into a textarea → paragraphs (when the officer does not write HTML). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
}
