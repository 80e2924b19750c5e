// The batch audit in worker threads (src/features/reports/audit-pool.ts) gives exactly the JSON of the in-process audit
// — on every real report of tests/fixtures (HTML, text, PDF, DOCX), damaged copies of them and generated bench files —
// in the files' order; a worker that dies or hangs on a file makes that file `unreadable` with the reason and the run
// goes on; files are pulled from the caller only as workers take them.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAuditFiles } from '../../bench/report-audit-files.ts';
import { createAuditPool } from '../../src/features/reports/audit-pool.ts';
import { auditFiles } from '../../src/features/reports/audit.ts';
import type { ReportFile } from '../../src/features/reports/reports.service.ts';

const root = new URL('../../', import.meta.url);
const dir = new URL('tests/fixtures/reports/', root);
const enc = (s: string) => new TextEncoder().encode(s);

/** Every source of the fixtures and, for the text ones, damaged copies: truncated, a line in seven dropped, digits of
 *  neighbouring cells run together, 。 replaced. */
function fixtureFiles(): ReportFile[] {
  const out: ReportFile[] = [];
  for (const d of readdirSync(dir)) {
    if (d.endsWith('.md')) continue;
    for (const f of readdirSync(new URL(`${d}/`, dir))) {
      if (!/^(source|template)\./.test(f)) continue;
      const bytes = new Uint8Array(readFileSync(new URL(`${d}/${f}`, dir)));
      out.push({ bytes, filename: `${d}/${f}` });
      if (/\.(pdf|docx)$/.test(f)) { out.push({ bytes: bytes.subarray(0, bytes.length >> 1), filename: `${d}/half-${f}` }); continue; }
      const t = new TextDecoder().decode(bytes);
      out.push(
        { bytes: enc(t.slice(0, Math.floor(t.length * 0.6))), filename: `${d}/truncated-${f}` },
        { bytes: enc(t.split('\n').filter((_, i) => i % 7 !== 3).join('\n')), filename: `${d}/lines-dropped-${f}` },
        { bytes: enc(t.replace(/(\d)<\/td>\s*<td[^>]*>(\d)/gi, '$1$2</td><td>').replace(/\t(\d+)\t(\d+)/g, '\t$1$2')), filename: `${d}/merged-${f}` },
        { bytes: enc(t.replaceAll('。', '.')), filename: `${d}/period-${f}` },
      );
    }
  }
  return out;
}

const pools: { close(): Promise<void> }[] = [];
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });

describe('audit in worker threads', { timeout: 300_000 }, () => {
  it('the same JSON as in this process, in the files\' order, on the fixtures, damaged copies and generated files', async () => {
    const files = [...fixtureFiles(), ...generateAuditFiles(new URL('.', root).pathname, 16)];
    expect(files.length).toBeGreaterThan(40);
    const local = await auditFiles(files);
    const pool = createAuditPool({ size: 2 });
    pools.push(pool);
    const progress: number[] = [];
    const pooled = await pool.auditFiles(files, {}, (done) => progress.push(done));
    expect(JSON.stringify(pooled.result)).toBe(JSON.stringify(local.result));
    expect(pooled.result.reports.map((r) => r.file)).toEqual(files.map((f) => f.filename));
    expect(progress).toEqual(files.map((_, i) => i + 1));
    // the models come back too (the cross-year pass, stored runs and hierarchy checks use them)
    expect(JSON.stringify(pooled.models.map((m) => m.model))).toBe(JSON.stringify(local.models.map((m) => m.model)));
    expect(local.result.summary.clean).toBeGreaterThan(10);
    expect(local.result.summary.withErrors).toBeGreaterThan(0);
    expect(local.result.summary.unreadable).toBeGreaterThan(5);
  });

  it('files are pulled only as workers take them: never more than the pool size ahead of the finished ones', async () => {
    const files = generateAuditFiles(new URL('.', root).pathname, 24);
    let pulled = 0, most = 0;
    async function* lazily(): AsyncGenerator<ReportFile> {
      for (const f of files) { pulled++; yield f; }
    }
    const pool = createAuditPool({ size: 2 });
    pools.push(pool);
    const { result } = await pool.auditFiles(lazily(), {}, (done) => { most = Math.max(most, pulled - done); });
    expect(result.reports).toHaveLength(24);
    expect(most).toBeLessThanOrEqual(2);
  });

  it.each([
    ['crash-', '出错：deliberate crash on crash-'],
    ['exit-', '线程意外退出（退出码 3）'],
    ['hang-', '超过 5 秒仍未完成'],
  ])('a worker that dies on a file (%s): that file unreadable with the reason, the run goes on with a new worker', async (prefix, reason) => {
    const good = generateAuditFiles(new URL('.', root).pathname, 4);
    const bad = { bytes: good[0]!.bytes, filename: `${prefix}r0.html` };
    const files = [good[0]!, bad, good[1]!, good[2]!, { ...bad, filename: `${prefix}again.html` }, good[3]!];
    const pool = createAuditPool({ size: 2, fileTimeoutMs: 5000, workerUrl: new URL('tests/integration/audit-crash.worker.mjs', root) });
    pools.push(pool);
    const { result } = await pool.auditFiles(files);
    expect(result.reports.map((r) => [r.file, r.status])).toEqual([
      ['r0.html', good[0]!.expected], [`${prefix}r0.html`, 'unreadable'], ['r1.html', good[1]!.expected], ['r2.txt', good[2]!.expected],
      [`${prefix}again.html`, 'unreadable'], ['r3.txt', good[3]!.expected],
    ]);
    const crashed = result.reports[1]!;
    expect(crashed).toMatchObject({ read: 'none', agency: null, year: null, format: null, notChecked: [], unreadCells: [], notes: [] });
    expect(crashed.findings).toEqual([{ rule: 'READ', severity: 'error', source: 'import', cells: [], message: expect.stringContaining(reason) }]);
    expect(crashed.findings[0]!.message).toContain(`${prefix}r0.html：体检线程在读取这个文件时停止`);
    expect(result.summary).toMatchObject({ reports: 6, unreadable: 2 });
  });
});
