// audit verify: checks the hash chain of the audit trail; names every changed, removed or inserted
// event; exit code 0 when intact, 1 when not (so a cron job or monitoring can alert).
import type { Command } from 'commander';

export function register(program: Command): void {
  const audit = program.command('audit').description('审计日志 / audit trail');
  audit
    .command('verify')
    .description('校验审计链：发现被修改、删除或插入的审计事件 / verify the audit hash chain (exit 1 when broken)')
    .option('--json', '以 JSON 输出结果 / print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { openContext } = await import('../context.ts');
      const ctx = await openContext();
      let ok = false;
      try {
        const r = await ctx.services.audit.verifyChain({ userId: null, displayName: `命令行 (${process.env.USER ?? 'cli'})` });
        ok = r.ok;
        if (opts.json) {
          console.log(JSON.stringify(r, null, 2));
        } else if (r.ok) {
          console.log(`审计链完整 / audit chain intact: ${r.checked} 条事件 events；链头 head ${r.lastSeq} ${r.lastHash}`);
        } else {
          console.error(`审计链已被破坏 / audit chain BROKEN: ${r.problemCount} 处问题 problems（共检查 ${r.checked} 条事件 events）`);
          for (const p of r.problems) console.error(`  [${p.kind}] ${p.message}`);
          if (r.problemCount > r.problems.length) console.error(`  … 另有 ${r.problemCount - r.problems.length} 处 / more`);
        }
      } finally {
        await ctx.close();
      }
      process.exitCode = ok ? 0 : 1;
    });
}
