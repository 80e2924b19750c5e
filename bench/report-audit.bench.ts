// Benchmark: the supervisors' batch audit (`gongkai report audit`, 督查体检 runs) — files generated from real HTML and
// text reports of tests/fixtures (bench/report-audit-files.ts: another agency name in each, a broken 勾稽 rule in every
// fifth) are audited (read + rule catalogue + cross-year pairs) and, in the same run, only imported; goals: audit time
// ≤ 1.3 × import-only, ≥ 300 files per second for HTML and for text. Speeds are given per CPU-second (process user +
// system time: what an audit costs, whatever else the shared machine runs — the fairer figure) and per wall-clock
// second (what this machine delivered at the printed load average). Every file's status is compared with the one its
// generator expects; the bench fails (throws) when any file comes out otherwise, e.g. `unreadable` where it should be
// clean. BENCH_AUDIT_FILES sets the number of files (default 2,000; the goal is stated for 10,000).
import { availableParallelism, loadavg } from 'node:os';
import type { BenchContext, BenchRow } from './run.ts';
import { importReport } from '../src/features/reports/import/index.ts';
import { auditFiles, type AuditedReport, type AuditStatus } from '../src/features/reports/audit.ts';
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
  const files = generateAuditFiles(ctx.root, n);
  // warm-up (JIT): import and audit a few of each template
  for (const f of files.slice(0, 40)) await importReport(f);
  await auditFiles(files.slice(0, 40));

  const rows: BenchRow[] = [];
  let importCpuAll = 0, auditCpuAll = 0;
  const reports: (AuditedReport | undefined)[] = new Array(n);
  for (const kind of ['HTML', 'text'] as const) {
    const idx = files.flatMap((f, i) => (f.kind === kind ? [i] : []));
    const group = idx.map((i) => files[i]!);
    let c0 = cpuMs(), t0 = performance.now();
    for (const f of group) await importReport(f);
    const importCpu = cpuMs() - c0, importWall = performance.now() - t0;
    c0 = cpuMs(); t0 = performance.now();
    const { result } = await auditFiles(group);
    const auditCpu = cpuMs() - c0, auditWall = performance.now() - t0;
    const load = loadavg()[0]!.toFixed(1);
    result.reports.forEach((r, j) => { reports[idx[j]!] = r; });
    importCpuAll += importCpu; auditCpuAll += auditCpu;
    const perCpu = (1000 * group.length) / auditCpu, perWall = (1000 * group.length) / auditWall;
    rows.push(
      { label: `${kind} 仅导入（CPU 时间）/ import only, files per CPU-second`, value: Math.round((1000 * group.length) / importCpu), unit: 'files/s', note: `${group.length} 份；墙钟 ${Math.round((1000 * group.length) / importWall)}/s；负载 ${load}（${availableParallelism()} 核）` },
      { label: `${kind} 督查体检（CPU 时间）/ audit, files per CPU-second`, value: Math.round(perCpu), unit: 'files/s', note: `目标 ≥ ${GOAL_PER_SECOND}/s：${met(perCpu >= GOAL_PER_SECOND)}；${group.length} 份，CPU ${(auditCpu / 1000).toFixed(1)} s` },
      { label: `${kind} 督查体检（墙钟）/ audit, files per wall-clock second`, value: Math.round(perWall), unit: 'files/s', note: `墙钟 ${(auditWall / 1000).toFixed(1)} s；负载 / load average ${load}（${availableParallelism()} 核，共享机器）` },
    );
  }
  const ratio = auditCpuAll / importCpuAll;
  rows.push({ label: '督查体检 ÷ 仅导入 / audit ÷ import-only (CPU)', value: Math.round(ratio * 1000) / 1000, unit: '×', note: `目标 ≤ ${GOAL_RATIO}×：${met(ratio <= GOAL_RATIO)}` });

  const { counts, expected, wrong } = compareStatuses(files, reports as AuditedReport[]);
  const fmt = (c: Record<AuditStatus, number>): string => `通过 ${c.clean}，有错误 ${c.findings}，未能完整读取 ${c.unreadable}`;
  rows.push({ label: '结果 / statuses (clean, findings, unreadable)', value: wrong.length, unit: 'wrong', note: `实际 ${fmt(counts)}；应为 ${fmt(expected)}` });
  if (wrong.length > 0) {
    // printed here as well: the runner prints its table only when every module returns
    console.error(`report-audit: ${wrong.length} of ${n} files with another status than expected:\n  ${wrong.slice(0, 10).join('\n  ')}`);
    throw new Error(`report-audit: ${wrong.length} of ${n} generated files did not get the status they should (${fmt(counts)}; expected ${fmt(expected)}):\n  ${wrong.slice(0, 10).join('\n  ')}`);
  }
  return rows;
}
