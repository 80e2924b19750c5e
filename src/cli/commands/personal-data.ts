// `gongkai personal-data rotate|status`: re-encrypt every sealed personal field with the current key.
import type { Command } from 'commander';

export function register(program: Command): void {
  const pd = program.command('personal-data').description('申请人个人信息的加密 / encryption of applicants\' personal data');
  pd.command('rotate')
    .description('用当前密钥 PERSONAL_DATA_KEY 重新加密所有个人信息并重算检索哈希（旧密钥放在 PERSONAL_DATA_PREVIOUS_KEYS 中） / re-encrypt every personal field with the current key (old keys in PERSONAL_DATA_PREVIOUS_KEYS)')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const { openContext } = await import('../context.ts');
      const ctx = await openContext();
      try {
        const r = await ctx.services.personalData.rotate();
        if (opts.json) console.log(JSON.stringify(r));
        else {
          console.log(`已用密钥 ${r.keyId} 重新加密：申请 ${r.applications} 件，邮件 ${r.mails} 封，附件 ${r.attachments} 个，公开文件 ${r.disclosures} 个，评价 ${r.ratings} 条，意见建议 ${r.suggestions} 条，整改证明 ${r.evidenceFiles} 个`);
          console.log(`re-encrypted with key ${r.keyId}: ${r.applications} applications, ${r.mails} mails, ${r.attachments} attachments, ${r.disclosures} disclosed files, ${r.ratings} ratings, ${r.suggestions} suggestions, ${r.evidenceFiles} evidence files`);
        }
      } catch (e) {
        console.error(`重新加密失败 / rotation failed: ${(e as Error).message}`);
        process.exitCode = 1;
      } finally {
        await ctx.close();
      }
    });
  pd.command('status')
    .description('当前密钥的编号 / the current key id')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const { openContext } = await import('../context.ts');
      const ctx = await openContext();
      const c = ctx.services.personalData.cipher;
      if (opts.json) console.log(JSON.stringify({ currentKeyId: c.currentKeyId, keyIds: c.keyIds }));
      else console.log(`当前密钥 / current key: ${c.currentKeyId}；可读取的密钥 / readable keys: ${c.keyIds.join(', ')}`);
      await ctx.close();
    });
}
