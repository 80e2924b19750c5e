// A bounded pre-scan of a PDF's streams, before pdf.js parses it. pdf.js decodes a stream completely
// into memory (typed arrays outside the JS heap, so a worker's heap limit does not hold them): a
// FlateDecode stream of a few MB can expand to gigabytes, like a zip bomb. Every stream is decoded here
// through its filter chain with a hard cap on the output (zlib maxOutputLength; LZW and RunLength
// decoded here with the same cap), per stream and for the whole file, within a time limit.
// The scan also reports what the upload checks refuse: encryption (/Encrypt — encrypted streams cannot
// be checked) and active content (/JavaScript, /JS, /Launch actions), found in the file's own bytes and
// in every decoded stream (object streams hide dictionaries).
import { constants, inflateSync, inflateRawSync } from 'node:zlib';

export interface PdfLimits {
  maxStreamBytes: number;
  maxTotalBytes: number;
  maxStreams: number;
  maxMillis: number;
  maxPages: number;
  /** time for pdf.js to open and read every page */
  parseMillis: number;
}

const MB = 1024 * 1024;

export const PDF_LIMITS: PdfLimits = {
  maxStreamBytes: 48 * MB,
  maxTotalBytes: 256 * MB,
  maxStreams: 50_000,
  maxMillis: 10_000,
  maxPages: 500,
  parseMillis: 30_000,
};

export type PdfProblem = 'file_too_complex' | 'archive_too_large' | 'pdf_invalid' | 'pdf_encrypted' | 'pdf_active_content';

export class PdfError extends Error {
  constructor(readonly code: PdfProblem, message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

export interface PdfScan {
  streams: number;
  decodedBytes: number;
  encrypted: boolean;
  activeContent: string[];
}

const ACTIVE = /\/(JavaScript|JS|Launch)(?=[\s/<([\]>]|$)/;

class CapExceeded extends Error {}

function flate(data: Buffer, cap: number): Buffer {
  const opts = { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, opts);
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new CapExceeded();
    try {
      return inflateRawSync(data, opts);
    } catch (e2) {
      if (e2 instanceof RangeError || (e2 as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new CapExceeded();
      return Buffer.alloc(0); // not decodable: pdf.js will not get anything out of it either
    }
  }
}

function lzw(data: Buffer, cap: number, earlyChange: number): Buffer {
  const out = Buffer.allocUnsafe(Math.min(cap, Math.max(1024, data.length * 4)));
  let buf = out;
  let len = 0;
  const push = (bytes: Buffer | Uint8Array) => {
    if (len + bytes.length > cap) throw new CapExceeded();
    if (len + bytes.length > buf.length) {
      const next = Buffer.allocUnsafe(Math.min(cap, Math.max(buf.length * 2, len + bytes.length)));
      buf.copy(next, 0, 0, len);
      buf = next;
    }
    buf.set(bytes, len);
    len += bytes.length;
  };
  let dict: Uint8Array[] = [];
  const reset = () => { dict = []; for (let i = 0; i < 256; i++) dict.push(Uint8Array.of(i)); dict.push(new Uint8Array(0), new Uint8Array(0)); };
  reset();
  let width = 9;
  let prev: Uint8Array | null = null;
  let bitBuf = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    bitBuf = ((bitBuf << 8) | data[i]!) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (bitBuf >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      bitBuf &= (1 << bits) - 1;
      if (code === 256) { reset(); width = 9; prev = null; continue; }
      if (code === 257) return buf.subarray(0, len);
      let entry: Uint8Array;
      if (code < dict.length) entry = dict[code]!;
      else if (prev && code === dict.length) { entry = new Uint8Array(prev.length + 1); entry.set(prev); entry[prev.length] = prev[0]!; }
      else return buf.subarray(0, len);
      push(entry);
      if (prev && dict.length < 4096) {
        const n = new Uint8Array(prev.length + 1); n.set(prev); n[prev.length] = entry[0]!; dict.push(n);
      }
      prev = entry;
      const next = dict.length + earlyChange;
      width = next >= 2048 ? 12 : next >= 1024 ? 11 : next >= 512 ? 10 : 9;
    }
  }
  return buf.subarray(0, len);
}

function runLength(data: Buffer, cap: number): Buffer {
  let total = 0;
  for (let i = 0; i < data.length;) {
    const n = data[i]!;
    if (n === 128) break;
    if (n < 128) { total += n + 1; i += n + 2; } else { total += 257 - n; i += 2; }
    if (total > cap) throw new CapExceeded();
  }
  const out = Buffer.alloc(total);
  let o = 0;
  for (let i = 0; i < data.length && o < total;) {
    const n = data[i]!;
    if (n === 128) break;
    if (n < 128) { data.copy(out, o, i + 1, i + 2 + n); o += n + 1; i += n + 2; } else { out.fill(data[i + 1] ?? 0, o, o + 257 - n); o += 257 - n; i += 2; }
  }
  return out;
}

function asciiHex(data: Buffer): Buffer {
  const hex = data.toString('latin1').replace(/>.*$/s, '').replace(/[^0-9a-fA-F]/g, '');
  return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
}

function ascii85(data: Buffer, cap: number): Buffer {
  const s = data.toString('latin1').replace(/~>.*$/s, '').replace(/^<~/, '').replace(/\s+/g, '');
  const out: number[] = [];
  let group: number[] = [];
  for (const ch of s) {
    if (ch === 'z' && group.length === 0) { out.push(0, 0, 0, 0); } else {
      const c = ch.charCodeAt(0) - 33;
      if (c < 0 || c > 84) continue;
      group.push(c);
      if (group.length === 5) {
        let v = 0;
        for (const g of group) v = v * 85 + g;
        out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
        group = [];
      }
    }
    if (out.length > cap) throw new CapExceeded();
  }
  if (group.length > 1) {
    const n = group.length;
    while (group.length < 5) group.push(84);
    let v = 0;
    for (const g of group) v = v * 85 + g;
    const bytes = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    out.push(...bytes.slice(0, n - 1));
  }
  return Buffer.from(out);
}

/** The filter names of a stream dictionary (the text just before `stream`), in order. */
export function filtersOf(dict: string): string[] {
  const at = dict.lastIndexOf('/Filter');
  if (at < 0) return [];
  const rest = dict.slice(at + 7).trimStart();
  const list = rest.startsWith('[') ? rest.slice(1, Math.max(1, rest.indexOf(']'))) : (/^\/[A-Za-z0-9]+/.exec(rest)?.[0] ?? '');
  return [...list.matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1]!);
}

/**
 * Decodes every stream within the limits; throws PdfError('archive_too_large') when a stream or the total
 * would pass its cap, PdfError('file_too_complex') past the stream count or the time limit.
 */
export function scanPdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS, now: () => number = Date.now): PdfScan {
  const started = now();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scan: PdfScan = { streams: 0, decodedBytes: 0, encrypted: false, activeContent: [] };
  const noteActive = (text: string) => {
    const m = ACTIVE.exec(text);
    if (m && !scan.activeContent.includes(m[1]!)) scan.activeContent.push(m[1]!);
  };
  // dictionaries outside streams: scanned between the streams below (stream data is binary noise)
  let pos = 0;
  let lastEnd = 0;
  const bomb = (what: string) => new PdfError('archive_too_large', `PDF 中的${what}解压后超过 ${Math.round((what === '内容' ? limits.maxTotalBytes : limits.maxStreamBytes) / MB)} MB，可能是压缩炸弹，请检查文件`);
  for (;;) {
    const at = buf.indexOf('stream', pos, 'latin1');
    if (at < 0) break;
    pos = at + 6;
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') continue;
    let dataStart = at + 6;
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    else if (buf[at + 6] !== 0x0d) continue; // `stream` must end its line: this was a word inside some text
    if (now() - started > limits.maxMillis) throw new PdfError('file_too_complex', `PDF 在 ${limits.maxMillis / 1000} 秒内未能检查完，文件结构过于复杂，请另存或拆分后上传`);
    if (++scan.streams > limits.maxStreams) throw new PdfError('file_too_complex', `PDF 含有超过 ${limits.maxStreams} 个数据流，文件结构过于复杂`);
    // everything between the previous stream and this one is dictionaries and plain objects: checked whole
    const between = buf.toString('latin1', lastEnd, at);
    noteActive(between);
    if (/\/Encrypt\b/.test(between)) scan.encrypted = true;
    const objAt = between.lastIndexOf('obj');
    const dictText = between.slice(Math.max(objAt + 3, between.length - 4096));
    let end = buf.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) end = buf.length;
    pos = Math.max(pos, end);
    lastEnd = end;
    let data: Buffer = buf.subarray(dataStart, end);
    const filters = filtersOf(dictText);
    const early = /\/EarlyChange\s+0\b/.test(dictText) ? 0 : 1;
    try {
      for (const f of filters) {
        const cap = Math.min(limits.maxStreamBytes, limits.maxTotalBytes - scan.decodedBytes);
        if (f === 'FlateDecode' || f === 'Fl') data = flate(data, cap);
        else if (f === 'LZWDecode' || f === 'LZW') data = lzw(data, cap, early);
        else if (f === 'RunLengthDecode' || f === 'RL') data = runLength(data, cap);
        else if (f === 'ASCIIHexDecode' || f === 'AHx') data = asciiHex(data);
        else if (f === 'ASCII85Decode' || f === 'A85') data = ascii85(data, cap);
        else break; // image codecs (DCT, JPX, JBIG2, CCITT): not decoded to read or check text
      }
    } catch (e) {
      if (e instanceof CapExceeded) throw bomb(scan.decodedBytes + limits.maxStreamBytes > limits.maxTotalBytes ? '内容' : '数据流');
      throw e;
    }
    if (filters.length > 0) {
      scan.decodedBytes += data.length;
      if (scan.decodedBytes > limits.maxTotalBytes) throw bomb('内容');
      if (/\/Type\s*\/ObjStm\b/.test(dictText)) noteActive(data.toString('latin1'));
    }
  }
  const outside = buf.toString('latin1', lastEnd);
  noteActive(outside);
  if (/\/Encrypt\b/.test(outside)) scan.encrypted = true;
  return scan;
}
