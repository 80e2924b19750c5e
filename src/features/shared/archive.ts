// Bounded opening of ZIP containers (DOCX, XLSX) before any library (mammoth, exceljs) sees them.
// A "zip bomb" is a small file whose entries inflate to gigabytes: libraries inflate whole entries into
// memory, trusting the sizes the file declares. Here every entry is inflated by node:zlib with a hard cap
// on its output (maxOutputLength: zlib stops at the cap, whatever the headers claim), the caps are
//   - per entry:      maxEntryBytes, and at most maxRatio × its compressed size (beyond ratioFloorBytes)
//   - all entries:    maxTotalBytes, at most maxEntries entries
//   - time:           maxMillis for the whole archive
// and the library is then given a NEW zip rebuilt from exactly the bytes counted here (so no difference
// between this reader and the library's — a lying local header, a second central directory, entries
// overlapping — can smuggle anything past the count). Encrypted entries, ZIP64 and unknown compression
// methods are refused: no DOCX/XLSX of the sizes accepted here needs them.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError } from './errors.ts';

export interface ArchiveLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
  maxMillis: number;
}

const MB = 1024 * 1024;

/** Limits for office documents (a 300-page report's document.xml is ~10 MB; a 50,000-row sheet ~40 MB). */
export const OFFICE_LIMITS: ArchiveLimits = {
  maxEntries: 5000,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 128 * MB,
  maxRatio: 200,
  ratioFloorBytes: 4 * MB,
  maxMillis: 10_000,
};

export type ArchiveProblem = 'archive_too_large' | 'archive_invalid' | 'file_too_complex';

/** Why an archive was refused: archive_too_large (a bomb or simply too big), archive_invalid (unreadable), file_too_complex (its reader ran past its time or memory limit). */
export class ArchiveError extends Error {
  constructor(readonly code: ArchiveProblem, message: string) {
    super(message);
    this.name = 'ArchiveError';
  }

  /** The refusal as an AppError (422) for the API and pages; `field` names the form field. */
  toAppError(field?: string): AppError {
    const fieldErrors = field ? [{ field, message: this.message }] : [];
    return this.code !== 'archive_invalid'
      ? new AppError(this.code, { detail: this.message, fieldErrors })
      : new AppError('validation_failed', { detail: this.message, fieldErrors: field ? fieldErrors : [{ field: 'file', message: this.message }] });
  }
}

export interface ArchiveEntry { name: string; data: Buffer }

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const mbText = (n: number) => `${Math.round(n / MB)} MB`;

function tooLarge(limits: ArchiveLimits, what: string): ArchiveError {
  return new ArchiveError('archive_too_large', `文件解压后超过 ${mbText(limits.maxTotalBytes)}${what ? `（${what}）` : ''}，可能是压缩炸弹，请检查文件`);
}
function entryTooLarge(name: string, cap: number): ArchiveError {
  const limit = cap >= MB ? mbText(cap) : `${Math.ceil(cap / 1024)} KB`;
  return new ArchiveError('archive_too_large', `文件中的部件“${name.slice(0, 100)}”解压后超过 ${limit}，可能是压缩炸弹，请检查文件`);
}
const invalid = (why: string) => new ArchiveError('archive_invalid', `文件不是有效的 Office（ZIP）文档：${why}，请用 Word 或 Excel 重新另存后上传`);

/** The end-of-central-directory record: searched in the last 64 KB + 22 bytes. */
function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

/**
 * Every entry of a ZIP file, inflated within the limits. Throws ArchiveError (never anything else) when the
 * archive is over a limit or cannot be read.
 */
export function readArchive(bytes: Uint8Array, limits: ArchiveLimits = OFFICE_LIMITS, now: () => number = Date.now): ArchiveEntry[] {
  const started = now();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) throw invalid('文件太短');
  const eocd = findEocd(buf);
  if (eocd < 0) throw invalid('找不到 ZIP 目录（文件可能不完整）');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw invalid('不支持 ZIP64 格式');
  if (count > limits.maxEntries) throw tooLarge(limits, `有 ${count} 个部件，最多 ${limits.maxEntries} 个`);
  if (cdOffset + cdSize > eocd) throw invalid('ZIP 目录位置有误');
  const out: ArchiveEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (now() - started > limits.maxMillis) throw new ArchiveError('archive_too_large', `文件解压超过 ${limits.maxMillis / 1000} 秒，可能是压缩炸弹，请检查文件`);
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw invalid('ZIP 目录已损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 0x1) throw invalid(`部件“${name}”已加密`);
    if (names.has(name)) throw invalid(`部件“${name}”重复出现`);
    names.add(name);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw invalid(`部件“${name}”的位置有误`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw invalid(`部件“${name}”不完整`);
    const raw = buf.subarray(start, start + compressed);
    const entryCap = Math.min(limits.maxEntryBytes, Math.max(limits.ratioFloorBytes, compressed * limits.maxRatio));
    const remaining = limits.maxTotalBytes - total;
    const cap = Math.min(entryCap, remaining);
    const over = () => (remaining < entryCap ? tooLarge(limits, '') : entryTooLarge(name, entryCap));
    let data: Buffer;
    if (method === 0) {
      data = raw;
      if (data.length > cap) throw over();
    } else if (method === 8) {
      try {
        // zlib refuses to produce more than `cap` bytes (RangeError ERR_BUFFER_TOO_LARGE), whatever the headers say
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw over();
        throw invalid(`部件“${name}”无法解压`);
      }
    } else {
      throw invalid(`部件“${name}”使用了不支持的压缩方式（${method}）`);
    }
    total += data.length;
    if (total > limits.maxTotalBytes) throw tooLarge(limits, '');
    out.push({ name, data });
  }
  return out;
}

/** A plain ZIP (deflated entries, no extras) of the given entries: what the libraries get to read. */
export function writeArchive(entries: readonly ArchiveEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = deflateRawSync(e.data, { level: 1 });
    const crc = crc32(e.data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x0800, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(e.data.length, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x0800, 8); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(e.data.length, 24); ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, body);
    central.push(ch, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The archive checked within the limits and rebuilt from the counted bytes (throws ArchiveError). */
export function safeArchive(bytes: Uint8Array, limits: ArchiveLimits = OFFICE_LIMITS): Buffer {
  return writeArchive(readArchive(bytes, limits));
}
