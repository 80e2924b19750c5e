import type { Command } from 'commander';

export function register(program: Command): void {
  const demo = program.command('demo').description('演示数据 / demo data');
  demo
    .command('seed')
    .description('创建演示机构和用户（数据库为空时；--force 在已有数据上补齐缺少的演示记录） / create the demo agencies and users')
    .option('--force', '数据库不为空时也运行（已有的记录保留） / run even when the database has data')
    .action(async (opts: { force?: boolean }) => {
      const { runSeed, seedDemoIfEmpty } = await import('../../features/demo/demo.service.ts');
      const { DEMO_PASSWORD } = await import('../../features/demo/demo.data.ts');
      const { seedSteps } = await import('../../features/demo/seed-steps.ts');
      const { openContext } = await import('../context.ts');
      const ctx = await openContext();
      const log = (m: string) => console.log(m);
      const r = opts.force ? await runSeed(ctx.services, seedSteps, log) : await seedDemoIfEmpty(ctx.services, seedSteps, log);
      if (!r.seeded) console.log('数据库中已有数据，未创建演示数据（可用 --force） / database not empty, nothing seeded (use --force)');
      else console.log(`完成 / done: ${r.steps.join(', ')}；演示密码 / demo password: ${DEMO_PASSWORD}`);
      await ctx.close();
    });
}
