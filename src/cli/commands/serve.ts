// Implementations are imported inside the action, so that `gongkai --help` loads no server code.
import type { Command } from 'commander';

/** Longest wait for requests in flight and a running job when the server is asked to stop. */
const SHUTDOWN_GRACE_MS = 25_000;

export function register(program: Command): void {
  program
    .command('serve')
    .description('启动网站：运行数据库迁移，空数据库时创建演示数据 / start the server')
    .option('--workers <n>', '工作进程数（node cluster，多核机器） / worker processes (node cluster)', '1')
    .action(async (opts: { workers: string }) => {
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
        console.error('--workers 必须是 1 到 64 之间的整数 / --workers must be an integer from 1 to 64');
        process.exit(2);
      }
      const cluster = (await import('node:cluster')).default;
      if (workers > 1 && cluster.isPrimary) {
        const { runPrimary } = await import('../serve-cluster.ts');
        await runPrimary(workers);
        return;
      }
      const { buildApp } = await import('../../http/app.ts');
      const { DEMO_DEPARTMENT_CODE, DEMO_PASSWORD, demoUsers } = await import('../../features/demo/demo.data.ts');
      const { seedDemoIfEmpty } = await import('../../features/demo/demo.service.ts');
      const { seedSteps } = await import('../../features/demo/seed-steps.ts');
      const { openContext, redactUrl, removeServerLock, writeServerLock } = await import('../context.ts');
      // several processes starting at once: one migrates and seeds, the others wait (db/startup-lock.ts)
      let seeded = false;
      const ctx = await openContext({
        afterMigrate: async (s) => {
          if (s.config.demoSeed) seeded = (await seedDemoIfEmpty(s, seedSteps, (m) => console.log(`[demo] ${m}`))).seeded;
        },
      });
      const { config, database, services } = ctx;
      const key = services.personalData.keySource;
      if (key.source === 'generated') {
        console.log(`已生成个人信息加密密钥文件 ${key.file}（请与数据库分开备份；生产环境请设置 PERSONAL_DATA_KEY） / generated the personal-data key file ${key.file} (back it up apart from the database; set PERSONAL_DATA_KEY in production)`);
      }
      const app = await buildApp(services, config);
      // decision 117: one full collection once the server has been idle (IDLE_GC_SECONDS, default 10; 0 turns it off) and
      // HEAP_GROWING_PERCENT (> 0) holds the old generation to that much above the live data under load (default 0: V8's own
      // factor, up to 4×; the effect of a cap on p99 under load is not measured yet)
      const { startIdleCollection } = await import('../../http/idle-gc.ts');
      const envNumber = (v: string | undefined, d: number) => (v !== undefined && v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : d);
      const idleGc = startIdleCollection(app.server, { idleMs: envNumber(process.env.IDLE_GC_SECONDS, 10) * 1000, heapGrowingPercent: envNumber(process.env.HEAP_GROWING_PERCENT, 0) });
      if (database.file && cluster.isPrimary) writeServerLock(database.file);
      const { startBackupSchedule } = await import('../backup-schedule.ts');
      const jobs = services.cluster?.jobs;
      const backups = startBackupSchedule(config, database, services, app.log, undefined, jobs ? (n, every, run) => jobs.runExclusive(n, every, run) : undefined);
      // caches told about other processes' changes; background jobs run by whichever process holds their lease
      services.cluster?.signals.start();
      jobs?.start();
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        // Graceful: /readyz says no at once, no new connections, requests in flight finish (SHUTDOWN_GRACE_MS at most),
        // a running job finishes (or its lease lapses for another process).
        app.log.info({ signal }, 'shutting down');
        services.health.markShuttingDown();
        const force = setTimeout(() => { app.log.error({ signal }, 'shutdown took too long; exiting'); process.exit(1); }, SHUTDOWN_GRACE_MS);
        force.unref();
        services.cluster?.signals.stop();
        idleGc.stop();
        backups.stop();
        await Promise.all([app.close(), jobs?.stop(), backups.running()]);
        await ctx.close();
        if (database.file && cluster.isPrimary) removeServerLock(database.file);
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
      console.log(`Gongkai 已启动 / listening: http://${shown}:${port}/  （数据库 ${database.dialect}: ${redactUrl(config.databaseUrl)}）`);
      console.log(
        config.backup.intervalHours > 0
          ? `定时备份 / scheduled backups: 每 ${config.backup.intervalHours} 小时 every ${config.backup.intervalHours} h → ${config.backup.dir}（保留 keep ${config.backup.keep}）`
          : '定时备份已关闭 / scheduled backups off (BACKUP_INTERVAL_HOURS=0)',
      );
      const demoPresent = config.demoSeed && (await services.agencies.getByCreditCode(DEMO_DEPARTMENT_CODE)) !== undefined;
      if (demoPresent) {
        console.log(`演示模式${seeded ? '（刚刚创建了演示数据）' : ''} / demo mode: 用户 users ${demoUsers.map((u) => u.username).join(', ')}，密码 password ${DEMO_PASSWORD}`);
        console.log(`后台 / back office: http://${shown}:${port}/admin/login`);
      }
    });
}
