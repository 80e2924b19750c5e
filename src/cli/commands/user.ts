import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Role } from '../../features/shared/actor.ts';

const roles: readonly Role[] = ['admin', 'officer', 'reviewer', 'leader', 'supervisor'];

async function deps() {
  const { isAppError } = await import('../../features/shared/errors.ts');
  const { passwordSchema, usernameSchema } = await import('../../features/users/users.schema.ts');
  const { openContext } = await import('../context.ts');
  return { isAppError, passwordSchema, usernameSchema, openContext };
}

const cliActor = (name: string) => ({ userId: null, displayName: `命令行 (${name})` });

function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export function register(program: Command): void {
  const user = program.command('user').description('用户 / users');

  user
    .command('create <username>')
    .description('新建用户 / create a user')
    .requiredOption('--role <role>', `角色 / role: ${roles.join(' | ')}`)
    .requiredOption('--agency <creditCode>', '所属机构的统一社会信用代码 / the agency’s credit code')
    .option('--name <displayName>', '姓名（默认同用户名） / display name')
    .option('--password <password>', '密码（省略则随机生成并显示） / password (generated when omitted)')
    .action(async (username: string, opts: { role: string; agency: string; name?: string; password?: string }) => {
      const { isAppError, passwordSchema, usernameSchema, openContext } = await deps();
      if (!roles.includes(opts.role as Role)) fail(`角色无效 / invalid role "${opts.role}": 应为 ${roles.join('、')}`);
      const u = usernameSchema.safeParse(username);
      if (!u.success) fail(`用户名无效 / invalid username: ${u.error.issues[0]?.message}`);
      const password = opts.password ?? generatedPassword();
      const p = passwordSchema.safeParse(password);
      if (!p.success) fail(`密码无效 / invalid password: ${p.error.issues[0]?.message}`);
      const ctx = await openContext();
      try {
        const agency = await ctx.services.agencies.getByCreditCode(opts.agency);
        if (!agency) fail(`找不到统一社会信用代码为 ${opts.agency} 的机构 / no agency with credit code ${opts.agency}`);
        const created = await ctx.services.users.createAsSystem(cliActor(process.env.USER ?? 'cli'), {
          username: u.data,
          displayName: opts.name ?? u.data,
          role: opts.role as Role,
          agencyId: agency.id,
          password,
        });
        console.log(`已创建用户 / created: ${created.username}（${created.role}，${agency.name}）`);
        if (!opts.password) console.log(`初始密码 / initial password: ${password}`);
        console.log('首次登录时须修改密码 / the password must be changed at first sign-in');
      } catch (e) {
        if (isAppError(e)) fail(`${e.title}: ${e.fieldErrors.map((f) => f.message).join('；') || e.detail || ''}`);
        throw e;
      } finally {
        await ctx.close();
      }
    });

  user
    .command('passwd <username>')
    .description('重置用户密码（并使其所有会话失效） / set a user’s password (ends their sessions)')
    .option('--password <password>', '新密码（省略则随机生成并显示） / new password (generated when omitted)')
    .action(async (username: string, opts: { password?: string }) => {
      const { isAppError, passwordSchema, openContext } = await deps();
      const password = opts.password ?? generatedPassword();
      const p = passwordSchema.safeParse(password);
      if (!p.success) fail(`密码无效 / invalid password: ${p.error.issues[0]?.message}`);
      const ctx = await openContext();
      try {
        await ctx.services.users.setPasswordAsSystem(cliActor(process.env.USER ?? 'cli'), username, password);
        console.log(`已重置密码 / password set: ${username}`);
        if (!opts.password) console.log(`新密码 / new password: ${password}`);
        console.log('下次登录时须修改密码 / the password must be changed at the next sign-in');
      } catch (e) {
        if (isAppError(e)) fail(e.detail ?? e.title);
        throw e;
      } finally {
        await ctx.close();
      }
    });
}
