import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { deflatedRepeats, docxParts, smallDocx, zipOf } from '../../../tests/builders/hostile-files.ts';
import { ArchiveError, OFFICE_LIMITS, readArchive, safeArchive, type ArchiveLimits } from './archive.ts';

const MB = 1024 * 1024;
const small: ArchiveLimits = { ...OFFICE_LIMITS, maxEntryBytes: 2 * MB, maxTotalBytes: 3 * MB, ratioFloorBytes: 256 * 1024, maxRatio: 50 };

function refusal(f: () => unknown): ArchiveError {
  try { f(); } catch (e) { if (e instanceof ArchiveError) return e; throw e; }
  throw new Error('not refused');
}

describe('readArchive: every entry inflated within the limits', () => {
  it('reads a small DOCX and rebuilds it entry for entry', () => {
    const entries = readArchive(smallDocx('年度报告'));
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(entries[2]!.data.toString()).toContain('年度报告');
    const again = readArchive(safeArchive(smallDocx('年度报告')));
    expect(again.map((e) => e.data.toString())).toEqual(entries.map((e) => e.data.toString()));
  });

  let gigabyte: Buffer | undefined; // 1 GB of spaces, deflated once (~1 MB)
  it.each([
    // [case, expanded bytes, declared size, limits, expected message part]
    ['1 GB bomb, honest header', 1024 * MB, undefined, OFFICE_LIMITS, '解压后超过 64 MB'],
    ['1 GB bomb, header claims 1,000 bytes', 1024 * MB, 1000, OFFICE_LIMITS, '解压后超过 64 MB'],
    ['3 MB entry over a 2 MB entry limit', 3 * MB, 100, small, '可能是压缩炸弹'],
  ])('%s → archive_too_large', async (_case, expanded, declared, limits, message) => {
    const deflated = expanded === 1024 * MB ? (gigabyte ??= await deflatedRepeats(expanded, { raw: true })) : await deflatedRepeats(expanded, { raw: true });
    const bomb = zipOf(docxParts({ name: 'word/document.xml', deflated, declaredSize: declared ?? expanded }));
    expect(bomb.length).toBeLessThan(expanded / 100);
    const started = Date.now();
    const e = refusal(() => readArchive(bomb, limits));
    expect(e.code).toBe('archive_too_large');
    expect(e.message).toContain(message);
    expect(e.toAppError().status).toBe(422);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);

  it('refuses when the entries together pass the total, and past the ratio of a small entry', () => {
    // incompressible bytes (a fixed pseudo-random sequence): only the sizes count
    let seed = 42;
    const noise = (n: number) => Buffer.from(Array.from({ length: n }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 255));
    const part = (name: string, n: number) => ({ name, data: noise(n) });
    expect(refusal(() => readArchive(zipOf([part('a', 1.5 * MB), part('b', 1.5 * MB), part('c', 0.5 * MB)]), small)).message).toContain('超过 3 MB');
    // 1 MB of 'A' deflates to ~1 KB: 1000:1, over the 50:1 ratio once past the 256 KB floor
    expect(refusal(() => readArchive(zipOf([{ name: 'x', data: Buffer.alloc(MB, 0x41) }]), small)).code).toBe('archive_too_large');
    expect(readArchive(zipOf([{ name: 'y', data: Buffer.alloc(200 * 1024, 0x41) }]), small)).toHaveLength(1);
  });

  it.each([
    ['not a zip', Buffer.from('hello world, this is not an archive at all')],
    ['truncated', smallDocx().subarray(0, 100)],
    ['encrypted entry', (() => { const z = zipOf(docxParts({ name: 'word/document.xml', data: Buffer.from('<w/>') })); const cd = z.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); z.writeUInt16LE(1, cd + 8); return z; })()],
    ['corrupt deflate data', zipOf([{ name: 'word/document.xml', deflated: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00]), declaredSize: 10 }])],
    ['duplicate entry names', zipOf([{ name: 'a.xml', data: Buffer.from('1') }, { name: 'a.xml', data: Buffer.from('2') }])],
  ])('%s → archive_invalid with a reason', (_case, bytes) => {
    const e = refusal(() => readArchive(bytes));
    expect(e.code).toBe('archive_invalid');
    expect(e.message).toMatch(/^文件不是有效的 Office（ZIP）文档：.+，请用 Word 或 Excel 重新另存后上传$/);
  });

  it('a stored (uncompressed) entry is counted too', () => {
    const z = zipOf([{ name: 'big.bin', deflated: deflateRawSync(Buffer.alloc(10)), declaredSize: 10 }]);
    expect(readArchive(z)[0]!.data.length).toBe(10);
  });
});
