// The annual-report importer fed mutated real reports (tests/fixtures/reports): truncated, bytes shuffled
// or flipped, wrong text encodings, tables blown up to thousands of rows, zip bombs and damaged DOCX/PDF.
// Seeded fast-check generators (the same cases every run). For every input, through the service and
// through the API (checkReports):
//   - it never throws out (service) and never answers 5xx (API: 200, or a 4xx problem with a Chinese title)
//   - it never takes longer than a limit (TIME_LIMIT per file)
//   - it says what it could not read: an unreadable file has model null and an error note; a file the
//     limits refused has a note with its code (archive_too_large / file_too_complex) and the API answers 422
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFile, type CheckResult } from '../../src/features/reports/reports.service.ts';
import { deflatedRepeats, docxParts, zipOf } from '../builders/hostile-files.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const SEED = 20261206;
const TIME_LIMIT = 20_000;
const dir = path.resolve(import.meta.dirname, '..', 'fixtures', 'reports');
const fixture = (p: string) => readFileSync(path.join(dir, p));

const sources = {
  html2019: fixture('pingtan-2019/source.html'),
  html2021: fixture('pingtan-2021/source.html'),
  html2023: fixture('pingtan-2023/source.html'),
  txt2019: fixture('zhifu-approval-2019/source.txt'),
  txt2021: fixture('pingtan-2021/source.txt'),
  docx: fixture('template-2021/template.docx'),
  pdf: fixture('huaian-2024/source.pdf'),
};
type SourceName = keyof typeof sources;
const ext = (s: SourceName) => (s.startsWith('html') ? 'html' : s.startsWith('txt') ? 'txt' : s);

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms); });
  try { return await Promise.race([p, limit]); } finally { clearTimeout(timer); }
}

// ── mutations ──
const truncate = (b: Buffer, at: number) => b.subarray(0, Math.floor(b.length * at));
function shuffleWindows(b: Buffer, seeds: number[]): Buffer {
  const out = Buffer.from(b);
  for (const s of seeds) {
    const len = 1 + (s % 4096);
    const from = (s * 7919) % Math.max(1, out.length - len);
    const to = (s * 104729) % Math.max(1, out.length - len);
    const tmp = Buffer.from(out.subarray(from, from + len));
    out.copy(out, from, to, to + len);
    tmp.copy(out, to);
  }
  return out;
}
function flipBytes(b: Buffer, positions: number[]): Buffer {
  const out = Buffer.from(b);
  for (const p of positions) out[p % out.length] = (out[p % out.length]! ^ 0xa5) & 0xff;
  return out;
}
function reencode(b: Buffer, encoding: 'gb18030' | 'utf16le' | 'latin1-mojibake' | 'big5'): Buffer {
  const text = b.toString('utf8');
  if (encoding === 'latin1-mojibake') return Buffer.from(Buffer.from(text, 'utf8').toString('latin1'), 'utf8');
  return iconv.encode(text, encoding);
}
/** The source's table rows repeated until the table has `rows` more rows (HTML: <tr>…</tr>; text: lines). */
function hugeTable(b: Buffer, rows: number): Buffer {
  const s = b.toString('utf8');
  const tr = /<tr[\s>][\s\S]*?<\/tr>/i.exec(s);
  if (tr) return Buffer.from(s.replace(tr[0], tr[0].repeat(rows)), 'utf8');
  const lines = s.split('\n');
  const mid = Math.floor(lines.length / 2);
  return Buffer.from([...lines.slice(0, mid), ...Array.from({ length: rows }, (_, i) => lines[mid + (i % 5)] ?? ''), ...lines.slice(mid)].join('\n'), 'utf8');
}

type Mutation =
  | { kind: 'truncate'; source: SourceName; at: number }
  | { kind: 'shuffle'; source: SourceName; seeds: number[] }
  | { kind: 'flip'; source: SourceName; positions: number[] }
  | { kind: 'encoding'; source: SourceName; encoding: 'gb18030' | 'utf16le' | 'latin1-mojibake' | 'big5' }
  | { kind: 'huge'; source: SourceName; rows: number };

function apply(m: Mutation): Buffer {
  const b = sources[m.source];
  switch (m.kind) {
    case 'truncate': return truncate(b, m.at);
    case 'shuffle': return shuffleWindows(b, m.seeds);
    case 'flip': return flipBytes(b, m.positions);
    case 'encoding': return reencode(b, m.encoding);
    case 'huge': return hugeTable(b, m.rows);
  }
}

const textSources: SourceName[] = ['html2019', 'html2021', 'html2023', 'txt2019', 'txt2021'];
const binarySources: SourceName[] = ['docx', 'pdf'];
const mutation = (names: SourceName[]): fc.Arbitrary<Mutation> => {
  const source = fc.constantFrom(...names);
  return fc.oneof(
    fc.record({ kind: fc.constant('truncate' as const), source, at: fc.double({ min: 0, max: 0.999, noNaN: true }) }),
    fc.record({ kind: fc.constant('shuffle' as const), source, seeds: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }) }),
    fc.record({ kind: fc.constant('flip' as const), source, positions: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }) }),
    ...(names.some((n) => textSources.includes(n))
      ? [
        fc.record({ kind: fc.constant('encoding' as const), source: fc.constantFrom(...names.filter((n) => textSources.includes(n))), encoding: fc.constantFrom('gb18030' as const, 'utf16le' as const, 'latin1-mojibake' as const, 'big5' as const) }),
        fc.record({ kind: fc.constant('huge' as const), source: fc.constantFrom(...names.filter((n) => textSources.includes(n))), rows: fc.integer({ min: 500, max: 5000 }) }),
      ]
      : []),
  );
};

/** What every answer must show: a model, or an error note saying why there is none; every note in words. */
function expectAccountable(r: CheckResult): void {
  if (r.model === null) expect(r.notes.some((n) => n.level === 'error' && n.message.length > 0)).toBe(true);
  for (const n of r.notes) expect(n.message.trim().length).toBeGreaterThan(0);
}

describe('importer robustness: mutated real reports (service)', () => {
  it('text and HTML reports, mutated: never throws, answers in time, accounts for what it read', async () => {
    await fc.assert(fc.asyncProperty(mutation(textSources), async (m) => {
      const bytes = apply(m);
      const r = await within(checkFile({ bytes, filename: `mutated.${ext(m.source)}` }), TIME_LIMIT, JSON.stringify(m).slice(0, 200));
      expectAccountable(r);
    }), { seed: SEED, numRuns: 40 });
  }, 60_000);

  it('DOCX and PDF reports, mutated: never throws, answers in time, says what it could not read', async () => {
    await fc.assert(fc.asyncProperty(mutation(binarySources), async (m) => {
      const bytes = apply(m);
      const r = await within(checkFile({ bytes, filename: `mutated.${ext(m.source)}` }), TIME_LIMIT, JSON.stringify(m).slice(0, 200));
      expectAccountable(r);
    }), { seed: SEED, numRuns: 10 });
  }, 60_000);

  it.each([
    // [case, bytes of document.xml when inflated, size the header declares]
    ['a 1 GB document.xml, honest header', 1024, undefined],
    ['a 1 GB document.xml, header claims 4 KB', 1024, 4096],
    ['a 100 MB document.xml', 100, undefined],
  ])('zip bomb DOCX (%s): refused with archive_too_large, in time, without throwing', async (_case, mb, declared) => {
    const deflated = await deflatedRepeats(mb * 1024 * 1024, { raw: true });
    const bytes = zipOf(docxParts({ name: 'word/document.xml', deflated, declaredSize: declared ?? mb * 1024 * 1024 }));
    const started = Date.now();
    const r = await within(checkFile({ bytes, filename: '年度报告.docx' }), TIME_LIMIT, 'zip bomb');
    expect(Date.now() - started).toBeLessThan(TIME_LIMIT);
    const note = r.notes.find((n) => n.code === 'archive_too_large');
    expect(note?.level).toBe('error');
    expect(note?.message).toMatch(/可能是压缩炸弹/);
  }, 60_000);

  it('a FlateDecode bomb inside the real PDF report: refused with archive_too_large', async () => {
    const pdf = sources.pdf;
    const at = pdf.indexOf('stream', pdf.indexOf('/FlateDecode'));
    const bomb = Buffer.concat([pdf.subarray(0, at + 7), await deflatedRepeats(512 * 1024 * 1024, { raw: false }), Buffer.from('\nendstream\nendobj\n'), pdf.subarray(at + 7)]);
    const r = await within(checkFile({ bytes: bomb, filename: 'report.pdf' }), TIME_LIMIT, 'pdf bomb');
    expect(r.notes.find((n) => n.code === 'archive_too_large')?.message).toMatch(/压缩炸弹/);
  }, 60_000);
});

describe.each(engines())('importer robustness through checkReports (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(engine); });
  afterAll(() => t.close());

  it('mutated reports: 200 with notes, or a 4xx problem with a Chinese title; never 5xx', async () => {
    const s = await t.login('officer');
    await fc.assert(fc.asyncProperty(mutation([...textSources, ...binarySources]), async (m) => {
      const bytes = apply(m);
      const boundary = '----robustness';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="r.${ext(m.source)}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const res = await within(t.app.inject({ method: 'POST', url: '/api/reports/check', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload }), TIME_LIMIT, JSON.stringify(m).slice(0, 200));
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      if (res.statusCode === 200) {
        const [r] = res.json() as CheckResult[];
        expectAccountable(r!);
      } else {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect((res.json() as { title: string }).title).toMatch(/[\u4e00-\u9fff]/);
      }
    }), { seed: SEED, numRuns: 12 });
  }, 60_000);

  it('a zip bomb through the API: 422 archive_too_large with the reason', async () => {
    const bytes = zipOf(docxParts({ name: 'word/document.xml', deflated: await deflatedRepeats(256 * 1024 * 1024, { raw: true }), declaredSize: 1000 }));
    const boundary = '----bomb';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="年报.docx"\r\n\r\n`), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const s = await t.login('officer');
    const res = await t.app.inject({ method: 'POST', url: '/api/reports/check', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'archive_too_large', title: '文件解压后太大，可能是压缩炸弹' });
    expect(res.json().detail).toMatch(/^年报\.docx：无法读取 Word（DOCX）文件：文件中的部件“word\/document\.xml”解压后超过 \d+ MB，可能是压缩炸弹，请检查文件/);
  }, 60_000);
});
