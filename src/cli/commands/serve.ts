// Implementations are imported inside the action, so that `gongkai --help` loads no server code.
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('启动网站：运行数据库迁移，空数据库时创建演示数据 / start the server')
    .action(async () => {
      const { buildApp } = await import('../../http/app.ts');
      const { DEMO_DEPARTMENT_CODE, DEMO_PASSWORD, demoUsers } = await import('../../features/demo/demo.data.ts');
      const { seedDemoIfEmpty } = await import('../../features/demo/demo.service.ts');
      const { seedSteps } = await import('../../features/demo/seed-steps.ts');
      const { openContext, redactUrl, removeServerLock, writeServerLock } = await import('../context.ts');
      const ctx = await openContext();
      const { config, database, services } = ctx;
      const key = services.personalData.keySource;
      if (key.source === 'generated') {
        console.log(`已生成个人信息加密密钥文件 ${key.file}（请与数据库分开备份；生产环境请设置 PERSONAL_DATA_KEY） / generated the personal-data key file ${key.file} (back it up apart from the database; set PERSONAL_DATA_KEY in production)`);
      }
      let seeded = false;
      if (config.demoSeed) {
        const r = await seedDemoIfEmpty(services, seedSteps, (m) => console.log(`[demo] ${m}`));
        seeded = r.seeded;
      }
      const app = await buildApp(services, config);
      if (database.file) writeServerLock(database.file);
      const { startBackupSchedule } = await import('../backup-schedule.ts');
      const backups = startBackupSchedule(config, database, services, app.log);
      const stop = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        backups.stop();
        await backups.running();
        await app.close();
        await ctx.close();
        if (database.file) removeServerLock(database.file);
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
