// gongkai work digest [--force]: queue today's work digests now (one per user with work waiting, own address and the
// digest switched on; once per user and working day) and send what is due when SMTP_URL is set. --force ignores the
// hour (DIGEST_HOUR) but never sends on a day off or twice the same day.
import type { Command } from 'commander';

export function register(program: Command): void {
  const work = program.command('work').description('待办 / work queues');
  work
    .command('digest')
    .description('发送今天的待办摘要邮件（每人每个工作日一封） / queue today\'s work digest e-mails')
    .option('--force', '不等到早上 8 点 / do not wait for 08:00 Asia/Shanghai')
    .action(async (opts: { force?: boolean }) => {
      const { openContext } = await import('../context.ts');
      const ctx = await openContext();
      try {
        const r = await ctx.services.workDigest!.run({ force: Boolean(opts.force) });
        if (!r.workday) console.log(`${r.date} 不是工作日，不发送 / not a working day, nothing sent`);
        else console.log(`${r.date}：已放入发件箱 ${r.queued} 封 / queued ${r.queued}`);
        if (ctx.services.applications.mailer.smtp) console.log(`已发送 / sent: ${await ctx.services.applications.mailer.flush()}`);
      } finally {
        await ctx.close();
      }
    });
}
