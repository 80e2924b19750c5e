import type { Command } from 'commander';

export function register(program: Command): void {
  const bench = program.command('bench').description('性能基准 / benchmarks');
  bench
    .command('run [names...]')
    .description('运行 bench/*.bench.ts（可指定名称） / run the benchmarks (optionally by name)')
    .action(async (names: string[]) => {
      const { runBenchmarks } = await import('../../../bench/run.ts');
      const ok = await runBenchmarks(names);
      process.exitCode = ok ? 0 : 1;
    });
}
