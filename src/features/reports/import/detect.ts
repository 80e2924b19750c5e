// Input detection: which kind of file (PDF, DOCX, HTML, plain text) and which text encoding
// (UTF-8, or GBK/GB18030 decoded with iconv-lite; an HTML <meta charset> is honoured).
import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type InputKind = 'pdf' | 'docx' | 'html' | 'text';

export interface Detected {
  kind: InputKind;
  /** Encoding used to decode text inputs (undefined for PDF/DOCX). */
  encoding?: 'utf-8' | 'gb18030';
  /** Why the encoding was chosen (for the parse notes). */
  encodingReason?: string;
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  if (bytes.length < sig.length) return false;
  return sig.every((b, i) => bytes[i] === b);
}

/** A strict UTF-8 validity check (no overlongs, no surrogates, no truncated sequence): Node's native validator. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

const GBK_NAMES = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/i;

/** The charset declared by an HTML document in its first 4 KB (<meta charset> or http-equiv content-type). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(html|body|table|head|meta)[\s>]/.test(head);
}

export function detect(bytes: Uint8Array, filename?: string, contentType?: string): Detected {
  // %PDF
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return { kind: 'pdf' };
  // PK\x03\x04 + a word/ part → DOCX (OOXML zip)
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'docx' };
  const lowerName = (filename ?? '').toLowerCase();
  const ct = (contentType ?? '').toLowerCase();
  const html = looksLikeHtml(bytes) || /\.html?$/.test(lowerName) || ct.includes('text/html');
  const kind: InputKind = html ? 'html' : 'text';
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { kind, encoding: 'utf-8', encodingReason: 'UTF-8 BOM' };
  const declared = html ? declaredCharset(bytes) : undefined;
  const ctCharset = /charset=([A-Za-z0-9_-]+)/.exec(ct)?.[1];
  const hint = ctCharset ?? declared;
  if (hint && GBK_NAMES.test(hint)) {
    return { kind, encoding: 'gb18030', encodingReason: `${ctCharset ? 'Content-Type' : '<meta charset>'} 声明 ${hint}` };
  }
  if (isValidUtf8(bytes)) {
    return { kind, encoding: 'utf-8', encodingReason: hint ? `${hint}（字节为有效 UTF-8）` : '字节为有效 UTF-8' };
  }
  return { kind, encoding: 'gb18030', encodingReason: '字节不是有效 UTF-8，按 GB18030/GBK 解码' };
}

export function decodeText(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030'): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy
  const s = encoding === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, 'gb18030');
  return s.replace(/^\ufeff/, '');
}
