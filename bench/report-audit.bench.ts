// Benchmark: the supervisors' batch audit (`gongkai report audit`, 督查体检 runs) — files generated from real HTML and
// text reports of tests/fixtures (bench/report-audit-files.ts: another agency name in each, a broken 勾稽 rule in every
// fifth) are audited (read + rule catalogue + cross-year pairs) and, in the same run and with the same worker-thread
// pool (reports/audit-pool.ts), only imported; goals: audit time ≤ 1.3 × import-only, ≥ 300 files per second for HTML
// and for text on this machine — per wall-clock second with the pool (decision 210). Speeds are given per wall-clock
// second (what this machine delivered at the printed load average, with the printed number of workers) and, for
// information, per CPU-second (user + system time of the whole process, every worker thread included: the one-core
// equivalent, whatever else the shared machine runs). Every file's status is compared with
// the one its generator expects; the bench fails (throws) when any file comes out otherwise, e.g. `unreadable` where it
// should be clean.
//   BENCH_AUDIT_FILES    number of files (default 2,000; the goal is stated for 10,000)
//   BENCH_AUDIT_WORKERS  pool sizes to measure, e.g. "1,2" (1 = in this process); default: the machine's cores (≤ 8)
import { availableParallelism, loadavg } from 'node:os';
import type { BenchContext, BenchRow } from './run.ts';
import type { AuditedReport, AuditStatus } from '../src/features/reports/audit.ts';
import { createAuditPool, defaultAuditWorkers, parseAuditWorkers } from '../src/features/reports/audit-pool.ts';
import { generateAuditFiles, type GeneratedFile } from './report-audit-files.ts';

export const name = 'report-audit';
export const title = '督查体检 / batch audit (files per second, ratio to import-only)';

const GOAL_RATIO = 1.3;
const GOAL_PER_SECOND = 300;

const cpuMs = (): number => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const met = (ok: boolean): string => (ok ? '达到 / met' : '未达到 / NOT met');

/** Files whose status is not the expected one, and the counts per status. */
export function compareStatuses(files: readonly GeneratedFile[], reports: readonly AuditedReport[]): { counts: Record<AuditStatus, number>; expected: Record<AuditStatus, number>; wrong: string[] } {
  const counts: Record<AuditStatus, number> = { clean: 0, findings: 0, unreadable: 0 };
  const expected: Record<AuditStatus, number> = { clean: 0, findings: 0, unreadable: 0 };
  const wrong: string[] = [];
  files.forEach((f, i) => {
    const got = reports[i]!.status;
    counts[got]++;
    expected[f.expected]++;
    if (got !== f.expected) wrong.push(`${f.filename} (${f.template}): ${got}, expected ${f.expected}${got === 'unreadable' ? ` — ${reports[i]!.findings.find((x) => x.source === 'import')?.message.slice(0, 120) ?? ''}` : ''}`);
  });
  return { counts, expected, wrong };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_AUDIT_FILES ?? 2000);
  const sizes = (process.env.BENCH_AUDIT_WORKERS ?? String(defaultAuditWorkers())).split(',').map((x) => parseAuditWorkers(x, 'BENCH_AUDIT_WORKERS'));
  const files = generateAuditFiles(ctx.root, n);
  const rows: BenchRow[] = [];
  const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' / ');
  for (const size of sizes) {
    const pool = createAuditPool({ size });
    const w = size === 1 ? '本进程 / in-process' : `${size} 个线程 / ${size} workers`;
    try {
      // warm-up (workers loaded, JIT): import and audit a few of each template on every worker
      await pool.warm();
      await pool.importFiles(files.slice(0, 20 * size));
      await pool.auditFiles(files.slice(0, 20 * size));
      let importCpuAll = 0, auditCpuAll = 0, importWallAll = 0, auditWallAll = 0;
      const reports: (AuditedReport | undefined)[] = new Array(n);
      for (const kind of ['HTML', 'text'] as const) {
        const idx = files.flatMap((f, i) => (f.kind === kind ? [i] : []));
        const group = idx.map((i) => files[i]!);
        const load0 = load();
        let c0 = cpuMs(), t0 = performance.now();
        const imported = await pool.importFiles(group);
        const importCpu = cpuMs() - c0, importWall = performance.now() - t0;
        if (imported.failed > 0) throw new Error(`report-audit: ${imported.failed} files failed to import`);
        c0 = cpuMs(); t0 = performance.now();
        const { result } = await pool.auditFiles(group);
        const auditCpu = cpuMs() - c0, auditWall = performance.now() - t0;
        result.reports.forEach((r, j) => { reports[idx[j]!] = r; });
        importCpuAll += importCpu; auditCpuAll += auditCpu; importWallAll += importWall; auditWallAll += auditWall;
        const per = (ms: number): number => Math.round((1000 * group.length) / ms);
        rows.push(
          { label: `${kind} 仅导入 / import only（${w}）`, value: per(importWall), unit: 'files/wall-s', note: `${group.length} 份；每 CPU 秒 ${per(importCpu)} 份；墙钟 ${(importWall / 1000).toFixed(1)} s；负载 ${load0}（${availableParallelism()} 核，共享机器）` },
          { label: `${kind} 督查体检 / audit（${w}）`, value: per(auditWall), unit: 'files/wall-s', note: `目标 ≥ ${GOAL_PER_SECOND}/s（墙钟）：${met(per(auditWall) >= GOAL_PER_SECOND)}；每 CPU 秒 ${per(auditCpu)} 份（单核折算，供参考 / one-core equivalent, for information）；墙钟 ${(auditWall / 1000).toFixed(1)} s；CPU ${(auditCpu / 1000).toFixed(1)} s；负载 ${load()}` },
          { label: `${kind} 督查体检 ÷ 仅导入 / audit ÷ import-only（${w}）`, value: Math.round((auditWall / importWall) * 1000) / 1000, unit: '× wall', note: `CPU ${(auditCpu / importCpu).toFixed(3)}×` },
        );
      }
      const ratio = auditCpuAll / importCpuAll;
      rows.push({ label: `督查体检 ÷ 仅导入 / audit ÷ import-only, all files（${w}）`, value: Math.round(ratio * 1000) / 1000, unit: '× CPU', note: `目标 ≤ ${GOAL_RATIO}×：${met(ratio <= GOAL_RATIO)}；墙钟 ${(auditWallAll / importWallAll).toFixed(3)}×` });

      const { counts, expected, wrong } = compareStatuses(files, reports as AuditedReport[]);
      const fmt = (c: Record<AuditStatus, number>): string => `通过 ${c.clean}，有错误 ${c.findings}，未能完整读取 ${c.unreadable}`;
      rows.push({ label: `结果 / statuses (clean, findings, unreadable)（${w}）`, value: wrong.length, unit: 'wrong', note: `实际 ${fmt(counts)}；应为 ${fmt(expected)}` });
      if (wrong.length > 0) {
        // printed here as well: the runner prints its table only when every module returns
        console.error(`report-audit: ${wrong.length} of ${n} files with another status than expected:\n  ${wrong.slice(0, 10).join('\n  ')}`);
        throw new Error(`report-audit: ${wrong.length} of ${n} generated files did not get the status they should (${fmt(counts)}; expected ${fmt(expected)}):\n  ${wrong.slice(0, 10).join('\n  ')}`);
      }
    } finally {
      await pool.close();
    }
  }
  return rows;
}
