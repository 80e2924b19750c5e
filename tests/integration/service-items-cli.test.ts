// gongkai decisions import / gongkai service-items import as child processes on the test app's SQLite file: the
// --json answer {"rows","accepted","duplicates","rejected":[{"row","problems"}]}, a dry run that writes nothing,
// idempotent re-imports (the same file twice → 0 accepted), and exit 2 for a file that cannot be read or an unknown
// user. (The import services themselves run on both engines in service-cases / service-items-import tests.)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-si-cli-'));

describe('gongkai decisions import / service-items import (sqlite)', { timeout: 600_000 }, () => {
  let t: TestApp;
  const gongkai = async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    try {
      const r = await run(process.execPath, [path.join(root, 'bin/gongkai.mjs'), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' } });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof x.code === 'number' ? x.code : 1, out: x.stdout ?? '', err: x.stderr ?? '' };
    }
  };
  const count = async () => (await t.db.selectFrom('decision_entries').select('id').where('case_no', 'like', 'CLI-%').execute()).length;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const r = await t.api('POST', '/api/service-items', { as: 'officer', body: { values: { name: '建设工程规划许可', basicCode: '000128020000', type: '行政许可', implCode: 'CLI-GH-01' }, statusOn: '2019-01-02' } });
    expect(r.statusCode, r.body).toBe(201);
  }, 120_000);
  afterAll(async () => { await t?.close(); rmSync(dir, { recursive: true, force: true }); });

  it('办件: a dry run lists every rejected row and writes nothing; the import is idempotent by 办件编号', async () => {
    const header = '办件编号,办结日期,实施编码,决定类型,办理结果';
    const good = ['CLI-2023-0001,2023-03-01,CLI-GH-01,,准予许可', 'CLI-2023-0002,2023-04-15,CLI-GH-01,行政许可,准予许可', 'CLI-2023-0003,2023/05/06,CLI-GH-01,,不予许可'];
    const bad = ['CLI-2023-0001,2023-03-02,CLI-GH-01,,准予许可', 'CLI-2023-0005,2023-02-30,CLI-GH-01,,准予许可', ',2023-03-01,NOPE,,'];
    const file = path.join(dir, '办件.csv');
    writeFileSync(file, [header, ...good, ...bad].join('\n'));
    const dry = await gongkai(['decisions', 'import', file, '--dry-run', '--json', '--as', 'officer']);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out, dry.err).toMatch(/^\{/);
    expect(JSON.parse(dry.out)).toEqual({
      rows: 6, accepted: 3, duplicates: 0, dryRun: true,
      rejected: [
        { row: 5, problems: ['办件编号 CLI-2023-0001 与第2行重复'] },
        { row: 6, problems: ['办结日期“2023-02-30”无法识别，请写成 2019-03-01'] },
        { row: 7, problems: ['缺少办件编号', '本单位没有实施编码为 NOPE 的事项'] },
      ],
    });
    expect(await count()).toBe(0);
    writeFileSync(file, [header, ...good].join('\n'));
    const first = await gongkai(['decisions', 'import', file, '--json', '--as', 'officer']);
    expect(first.out, first.err).toMatch(/^\{/);
    expect(JSON.parse(first.out)).toEqual({ rows: 3, accepted: 3, duplicates: 0, rejected: [], dryRun: false });
    expect(first.err).toContain('导入办件');
    const again = await gongkai(['decisions', 'import', file, '--json', '--as', 'officer']);
    expect(JSON.parse(again.out)).toEqual({ rows: 3, accepted: 0, duplicates: 3, rejected: [], dryRun: false });
    expect(await count()).toBe(3);
    const text = await gongkai(['decisions', 'import', file, '--as', 'officer']);
    expect(text.out).toContain('已存在且相同 3 行');
  });

  it('事项目录: the export read back changes nothing; unreadable files and unknown users exit 2', async () => {
    const file = path.join(dir, '目录.xlsx');
    writeFileSync(file, (await t.api('GET', '/api/service-items/export', { as: 'officer' })).rawPayload);
    const r = await gongkai(['service-items', 'import', file, '--json', '--as', 'officer']);
    expect(r.code, r.err).toBe(0);
    const a = JSON.parse(r.out) as { rows: number; duplicates: number };
    expect(a).toMatchObject({ accepted: 0, rejected: [], created: 0, updated: 0 });
    expect(a.rows).toBeGreaterThanOrEqual(1);
    expect(a.duplicates).toBe(a.rows);
    const junk = path.join(dir, 'junk.xlsx');
    writeFileSync(junk, 'not an xlsx');
    const j = await gongkai(['service-items', 'import', junk, '--json', '--as', 'officer']);
    expect(j.code).toBe(2);
    expect(j.err).toContain('不是有效的 Office（ZIP）文档');
    const u = await gongkai(['decisions', 'import', path.join(dir, '办件.csv'), '--as', 'nobody']);
    expect(u.code).toBe(2);
    expect(u.err).toContain('没有这个在用的用户');
    const missing = await gongkai(['decisions', 'import', path.join(dir, 'none.csv'), '--as', 'officer']);
    expect(missing.code).toBe(2);
  });
});
