// The `gongkai` command line, run as a child process on a temporary SQLite database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-cli-'));
const dbFile = path.join(dir, 'cli.db');

async function gongkai(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, 'bin/gongkai.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

describe('gongkai CLI', { timeout: 300_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every command', async () => {
    const r = await gongkai(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'db', 'demo', 'user', 'backup', 'restore', 'bench']) expect(r.out).toContain(c);
    const user = await gongkai(['user', '--help']);
    expect(user.out).toContain('create');
    expect(user.out).toContain('passwd');
  });

  it('migrates, seeds, creates a user, backs up and restores (refusing a foreign file)', async () => {
    expect((await gongkai(['db', 'migrate'])).out).toContain('001_skeleton');
    expect((await gongkai(['db', 'migrate'])).out).toContain('already up to date');
    expect((await gongkai(['demo', 'seed'])).out).toContain('演示数据已创建');
    const created = await gongkai(['user', 'create', 'wangwu', '--role', 'reviewer', '--agency', '12370602780795309E', '--name', '王五']);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/初始密码 \/ initial password: \S{16}/);
    const badRole = await gongkai(['user', 'create', 'x1', '--role', 'boss', '--agency', '12370602780795309E']);
    expect(badRole.code).toBe(1);
    expect(badRole.out).toContain('角色无效');
    const backup = path.join(dir, 'backup.db');
    const b = await gongkai(['backup', backup]);
    expect(b.code).toBe(0);
    expect(existsSync(backup)).toBe(true);
    const foreign = path.join(dir, 'foreign.db');
    writeFileSync(foreign, 'not a database at all');
    const refused = await gongkai(['restore', foreign]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('无法恢复');
    writeFileSync(`${dbFile}.server.pid`, String(process.pid)); // pretend a server runs on the database
    const busy = await gongkai(['restore', backup]);
    expect(busy.code).toBe(1);
    expect(busy.out).toContain('请先停止服务');
    rmSync(`${dbFile}.server.pid`);
    const restored = await gongkai(['restore', backup]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('已恢复');
  });

  it('PostgreSQL: backup runs pg_dump and reports its failure clearly, without the password (unreachable server)', async () => {
    const env = { DATABASE_URL: 'postgres://gk:secret@127.0.0.1:1/gongkai?schema=prod' };
    const b = await gongkai(['backup', path.join(dir, 'x.dump')], env);
    expect(b.code).toBe(1);
    expect(b.out).toContain('pg_dump 失败');
    expect(b.out).not.toContain('secret');
    expect(existsSync(path.join(dir, 'x.dump'))).toBe(false);
  });

  it('a bad variable stops with a clear message', async () => {
    const r = await gongkai(['db', 'migrate'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.out).toContain('PORT 必须是 0 到 65535 之间的整数');
  });
});
