// `gongkai bench annual-data [--agencies N] [--applications N] [--year Y] [--seed S]`: synthetic agencies,
// applications with realistic ledgers and outcomes, 信息处理费 and 复议/诉讼 cases for the annual-report benchmarks,
// generated inside the configured database (src/features/annual-report/annual-report.bench.repository.ts).
// Hooked into the `bench` command by one line in bench-data.ts.
import type { Command } from 'commander';

export function registerAnnualBenchData(bench: Command): void {
  bench
    .command('annual-data')
    .description('生成年度报告基准数据：机构、申请（含办理记录和结果）、复议/诉讼案件 / generate agencies, applications and appeal cases')
    .option('--agencies <n>', '机构数 / agencies', '10000')
    .option('--applications <n>', '申请总数 / applications in all', '500000')
    .option('--year <y>', '报告年度 / report year', '2025')
    .option('--seed <n>', '随机种子 / seed', '1')
    .action(async (opts: { agencies: string; applications: string; year: string; seed: string }) => {
      const [agencies, applications, year, seed] = [opts.agencies, opts.applications, opts.year, opts.seed].map(Number) as [number, number, number, number];
      if (![agencies, applications, year, seed].every((x) => Number.isInteger(x) && x >= 0) || agencies < 1 || agencies > 100_000 || applications > 20_000_000) {
        throw new Error('--agencies 1–100000、--applications 0–20000000、--year、--seed 须为整数 / integers required');
      }
      const { openContext } = await import('../context.ts');
      const { generateBenchData } = await import('../../features/annual-report/annual-report.bench.repository.ts');
      const ctx = await openContext({ migrate: true });
      try {
        const t0 = Date.now();
        const r = await generateBenchData(ctx.database.db, { agencies, applications, year, seed, prefix: `基准测试机构${seed}-` });
        console.log(`完成 / done: ${r.agencyIds.length} 个机构、${r.applications} 件申请、${r.appeals} 件复议/诉讼，用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await ctx.close();
      }
    });
}
