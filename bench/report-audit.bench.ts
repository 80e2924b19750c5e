// Benchmark: the supervisors' batch audit (`gongkai report audit`, 督查体检 runs) — files generated from the real
// HTML and text reports of tests/fixtures (varied numbers in table 三 and a broken sum in every fifth file) are audited
// (read + rule catalogue + cross-year pairs) and, in the same run, only imported; goals: audit time ≤ 1.3 × import-only,
// ≥ 300 files per second for HTML and text (CPU time, the shared machine's load not counted). BENCH_AUDIT_FILES sets
// the number of files (default 2,000; the goal is stated for 10,000).
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import type { BenchContext, BenchRow } from './run.ts';
import { importReport } from '../src/features/reports/import/index.ts';
import { auditFiles } from '../src/features/reports/audit.ts';

export const name = 'report-audit';
export const title = '督查体检 / batch audit (files per second, ratio to import-only)';

const GOAL_RATIO = 1.3;
const GOAL_PER_SECOND = 300;

const SOURCES = [
  { kind: 'HTML', slug: 'pingtan-2019', file: 'source.html' },
  { kind: 'HTML', slug: 'pingtan-2021', file: 'source.html' },
  { kind: 'text', slug: 'zhifu-approval-2019', file: 'source.txt' },
  { kind: 'text', slug: 'pingtan-2021', file: 'source.txt' },
] as const;

/** n files: the sources in turn, each with another agency name and year and a changed （七）总计 row in every fifth. */
function generate(root: string, n: number): { bytes: Uint8Array; filename: string }[] {
  const texts = SOURCES.map((s) => ({ ...s, text: readFileSync(path.join(root, 'tests/fixtures/reports', s.slug, s.file), 'utf8') }));
  const out: { bytes: Uint8Array; filename: string }[] = [];
  for (let i = 0; i < n; i++) {
    const s = texts[i % texts.length]!;
    let t = s.text.replaceAll('平潭综合实验区', `测试${i % 997}号机关`).replaceAll('烟台市芝罘区行政审批服务局', `测试${i % 997}号机关`);
    if (i % 5 === 0) t = t.replace('\t(七) 总计\t0\t1\t0\t0\t0\t0\t1\t', '\t(七) 总计\t0\t3\t0\t0\t0\t0\t3\t').replace(/（七）总计(<\/td>\s*<td[^>]*>)(\d+)/, (_m, a: string, d: string) => `（七）总计${a}${Number(d) + 2}`);
    out.push({ bytes: new TextEncoder().encode(t), filename: `r${i}.${s.file.endsWith('.html') ? 'html' : 'txt'}` });
  }
  return out;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_AUDIT_FILES ?? 2000);
  const files = generate(ctx.root, n);
  // warm-up (JIT)
  for (const f of files.slice(0, 40)) await importReport(f);
  const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
  let c0 = cpu(), t0 = performance.now();
  for (const f of files) await importReport(f);
  const importCpu = cpu() - c0, importWall = performance.now() - t0;
  c0 = cpu(); t0 = performance.now();
  const { result } = await auditFiles(files);
  const auditCpu = cpu() - c0, auditWall = performance.now() - t0;
  const perSecond = (1000 * n) / auditCpu;
  const ratio = auditCpu / importCpu;
  return [
    { label: '导入（CPU 时间）/ import only, files per CPU-second', value: Math.round((1000 * n) / importCpu), unit: 'files/s', note: `${n} 份；墙钟 ${(importWall / 1000).toFixed(1)} s` },
    {
      label: '督查体检（CPU 时间）/ audit, files per CPU-second', value: Math.round(perSecond), unit: 'files/s',
      note: `目标 ≥ ${GOAL_PER_SECOND}/s：${perSecond >= GOAL_PER_SECOND ? '达到 / met' : '未达到 / NOT met'}；墙钟 ${(auditWall / 1000).toFixed(1)} s；结果：通过 ${result.summary.clean}，有错误 ${result.summary.withErrors}，未能完整读取 ${result.summary.unreadable}；负载 ${loadavg()[0]!.toFixed(1)}（${availableParallelism()} 核）`,
    },
    { label: '督查体检 ÷ 仅导入 / audit ÷ import-only (CPU)', value: Math.round(ratio * 1000) / 1000, unit: '×', note: `目标 ≤ ${GOAL_RATIO}×：${ratio <= GOAL_RATIO ? '达到 / met' : '未达到 / NOT met'}` },
  ];
}
