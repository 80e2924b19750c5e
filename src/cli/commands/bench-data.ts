// `gongkai bench data [--size N] [--seed S]`: a deterministic synthetic catalogue (realistic Chinese titles and
// bodies, src/features/catalogue/synthetic.ts) for the benchmarks, loaded into the configured database under a
// dedicated benchmark agency. Registered under the existing `bench` command.
import type { Command } from 'commander';
import { registerAnnualBenchData } from './annual-bench-data.ts';

export const BENCH_AGENCY_CODE = '11370602MB0099999W';

export function register(program: Command): void {
  const bench = program.commands.find((c) => c.name() === 'bench') ?? program.command('bench').description('性能基准 / benchmarks');
  registerAnnualBenchData(bench); // `bench annual-data` (agencies, applications, appeal cases)
  bench
    .command('data')
    .description('生成合成的主动公开目录（默认 1,000,000 条，确定性） / generate a deterministic synthetic catalogue')
    .option('--size <n>', '条数 / number of items', '1000000')
    .option('--seed <n>', '随机种子 / seed', '1')
    .option('--chunk <n>', '每个事务的条数 / items per transaction', '2000')
    .action(async (opts: { size: string; seed: string; chunk: string }) => {
      const size = Number(opts.size);
      const seed = Number(opts.seed);
      const chunk = Number(opts.chunk);
      if (!Number.isInteger(size) || size < 1 || size > 10_000_000) throw new Error('--size 必须是 1 到 10000000 之间的整数 / --size must be an integer from 1 to 10000000');
      const { openContext } = await import('../context.ts');
      const { syntheticItem } = await import('../../features/catalogue/synthetic.ts');
      const cliProgress = (await import('cli-progress')).default;
      const ctx = await openContext({ migrate: true });
      const sys = { userId: null, displayName: '基准测试数据' } as const;
      let agency = await ctx.services.agencies.getByCreditCode(BENCH_AGENCY_CODE);
      agency ??= await ctx.services.agencies.create(sys, {
        name: '基准测试机构（合成数据）', shortName: '基准测试机构', creditCode: BENCH_AGENCY_CODE, kind: 'department', parentId: null,
        address: null, officeHours: null, phone: null, fax: null, email: null, website: null, postcode: null, workBodyName: null, reviewBodyName: null,
      } as never);
      const actor = { userId: null, displayName: '基准测试数据', role: 'admin' as const, agencyId: agency.id, visibleAgencyIds: [agency.id] };
      const bar = new cliProgress.SingleBar({ format: '合成目录 {bar} {value}/{total} 条 | {eta_formatted}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
      bar.start(size, 0);
      const t0 = Date.now();
      // One transaction, multi-row inserts, indexes rebuilt at the end (catalogue.service bulkLoadPublished);
      // batches are generated lazily, in publication order within a batch so that ids follow dates.
      function* batches() {
        for (let from = 0; from < size; from += chunk) {
          const batch = [];
          for (let n = from; n < Math.min(size, from + chunk); n++) batch.push(syntheticItem(seed, n, { fromYear: 2015, years: 11 }));
          batch.sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
          yield batch;
        }
      }
      await ctx.services.catalogue.bulkLoadPublished(actor, agency.id, batches(), (done) => bar.update(done));
      bar.stop();
      console.log(`完成 / done: ${size} 条，机构 ${agency.name}（${BENCH_AGENCY_CODE}），用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await ctx.close();
    });
}
