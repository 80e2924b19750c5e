import type { Command } from 'commander';

export function register(program: Command): void {
  const db = program.command('db').description('数据库 / database');
  db.command('migrate')
    .description('运行尚未执行的数据库迁移（只向前） / run pending migrations (forward-only)')
    .action(async () => {
      const { migrateToLatest } = await import('../../db/migrate.ts');
      const { openContext } = await import('../context.ts');
      const ctx = await openContext({ migrate: false });
      const r = await migrateToLatest(ctx.database);
      console.log(r.applied.length ? `已执行迁移 / applied: ${r.applied.join(', ')}` : '数据库已是最新 / already up to date');
      // rows written before encryption (060_personal_data) are encrypted with the configured key
      const sealed = await ctx.services.personalData.sealPlaintext();
      if (sealed.applications || sealed.mails || sealed.attachments) console.log(`已加密个人信息 / encrypted personal data: ${sealed.applications} applications, ${sealed.mails} mails, ${sealed.attachments} attachments`);
      await ctx.close();
    });
}
