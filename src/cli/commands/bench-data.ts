// `gongkai bench data [--size N] [--seed S] [--profile province …]`: a deterministic synthetic catalogue (realistic Chinese titles and
// bodies, src/features/catalogue/synthetic.ts) for the benchmarks, loaded into the configured database under a
// dedicated benchmark agency; with `--profile province` a province's agency tree, applications with ledgers and 好差评
// ratings first (features/agencies/province.bench.repository.ts), the catalogue in its first department.
// Registered under the existing `bench` command.
import type { Command } from 'commander';
import { registerAnnualBenchData } from './annual-bench-data.ts';

export const BENCH_AGENCY_CODE = '11370602MB0099999W';

export function register(program: Command): void {
  const bench = program.commands.find((c) => c.name() === 'bench') ?? program.command('bench').description('性能基准 / benchmarks');
  registerAnnualBenchData(bench); // `bench annual-data` (agencies, applications, appeal cases)
  bench
    .command('data')
    .description('生成合成的主动公开目录（默认 1,000,000 条，确定性）；--profile province：省级机构树、申请、好差评和目录 / generate a deterministic synthetic catalogue; --profile province: a province')
    .option('--size <n>', '目录条数 / catalogue items', '1000000')
    .option('--seed <n>', '随机种子 / seed', '1')
    .option('--chunk <n>', '每个事务的条数 / items per transaction', '2000')
    .option('--profile <name>', 'catalogue（默认）或 province / catalogue (default) or province', 'catalogue')
    .option('--applications <n>', 'province：申请件数 / applications', '1000000')
    .option('--ratings <n>', 'province：好差评条数 / ratings', '10000000')
    .option('--cities <n>', 'province：地市数（每市 10 区，每区 25 个部门和 10 个街道，每街道 3 个社区）/ cities', '16')
    .action(async (opts: { size: string; seed: string; chunk: string; profile: string; applications: string; ratings: string; cities: string }) => {
      const size = Number(opts.size);
      const seed = Number(opts.seed);
      const chunk = Number(opts.chunk);
      if (!Number.isInteger(size) || size < 0 || size > 10_000_000) throw new Error('--size 必须是 0 到 10000000 之间的整数 / --size must be an integer from 0 to 10000000');
      if (opts.profile !== 'catalogue' && opts.profile !== 'province') throw new Error('--profile 只能是 catalogue 或 province / --profile must be catalogue or province');
      const { openContext } = await import('../context.ts');
      const cliProgress = (await import('cli-progress')).default;
      const ctx = await openContext({ migrate: true });
      const t0 = Date.now();
      try {
        if (opts.profile === 'province') {
          const [applications, ratings, cities] = [opts.applications, opts.ratings, opts.cities].map(Number) as [number, number, number];
          if (![applications, ratings, cities].every((x) => Number.isInteger(x) && x >= 0) || cities < 1 || cities > 100 || applications > 20_000_000 || ratings > 100_000_000) {
            throw new Error('--applications 0–20000000、--ratings 0–100000000、--cities 1–100 须为整数 / integers required');
          }
          const { generateProvince, PROVINCE_SHAPE } = await import('../../features/agencies/province.bench.repository.ts');
          const phases = ['机构树 / agency tree', '申请和办理记录 / applications and ledgers', '好差评 / ratings'];
          const bar = new cliProgress.SingleBar({ format: '省级数据 {bar} {value}/{total} {phase} | {duration_formatted}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
          bar.start(phases.length + (size > 0 ? 1 : 0), 0, { phase: '' });
          let step = 0;
          const r = await generateProvince(ctx.database.db, { shape: { ...PROVINCE_SHAPE, cities }, applications, ratings, year: 2025, seed, progress: (phase) => bar.update(step++, { phase }) });
          bar.update(step, { phase: size > 0 ? `目录 / catalogue（${r.units.base}）` : '' });
          bar.stop();
          console.log(`机构 / agencies ${r.agencies}，申请 / applications ${r.applications}，好差评 / ratings ${r.ratings}，用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          // the catalogue goes to the first department (the bulk loader works per agency)
          if (size > 0) await loadCatalogue(ctx, r.units.base, size, seed, chunk, cliProgress);
        } else {
          let agency = await ctx.services.agencies.getByCreditCode(BENCH_AGENCY_CODE);
          const sys = { userId: null, displayName: '基准测试数据' } as const;
          agency ??= await ctx.services.agencies.create(sys, {
            name: '基准测试机构（合成数据）', shortName: '基准测试机构', creditCode: BENCH_AGENCY_CODE, kind: 'department', parentId: null,
            address: null, officeHours: null, phone: null, fax: null, email: null, website: null, postcode: null, workBodyName: null, reviewBodyName: null,
          } as never);
          await loadCatalogue(ctx, agency.id, size, seed, chunk, cliProgress);
        }
        console.log(`完成 / done，用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        await ctx.close();
      }
    });
}

type Ctx = Awaited<ReturnType<typeof import('../context.ts').openContext>>;

/** The synthetic catalogue of `size` items into one agency: one transaction, multi-row inserts, indexes rebuilt at the end. */
async function loadCatalogue(ctx: Ctx, agencyId: number, size: number, seed: number, chunk: number, cliProgress: typeof import('cli-progress')): Promise<void> {
  const { syntheticItem } = await import('../../features/catalogue/synthetic.ts');
  const actor = { userId: null, displayName: '基准测试数据', role: 'admin' as const, agencyId, visibleAgencyIds: [agencyId] };
  const bar = new cliProgress.SingleBar({ format: '合成目录 {bar} {value}/{total} 条 | {eta_formatted}', noTTYOutput: !process.stderr.isTTY, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
  bar.start(size, 0);
  // batches are generated lazily, in publication order within a batch so that ids follow dates
  function* batches() {
    for (let from = 0; from < size; from += chunk) {
      const batch = [];
      for (let n = from; n < Math.min(size, from + chunk); n++) batch.push(syntheticItem(seed, n, { fromYear: 2015, years: 11 }));
      batch.sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
      yield batch;
    }
  }
  await ctx.services.catalogue.bulkLoadPublished(actor, agencyId, batches(), (done) => bar.update(done));
  bar.stop();
}
