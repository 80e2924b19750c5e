// Restore drill on both engines, through the command line an operator uses: back up while the app
// runs, change data, stop, restore — every table is identical to the backup moment, and the restored
// database keeps working (sequences, audit chain). Scheduled backups keep the newest BACKUP_KEEP files.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { listScheduledBackups, nextBackupDue, runScheduledBackup, scheduledBackupName } from '../../src/db/backup.ts';
import { appendChained, verifyChain } from '../../src/features/audit/audit-chain.ts';
import type { Database } from '../../src/db/types.ts';
import { createTestApp, engines } from './harness.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function gongkai(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const r = await run(process.execPath, [path.join(root, 'bin/gongkai.mjs'), ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

/** Every row of every table, as sorted JSON per table. */
async function snapshot(db: Kysely<Database>, engine: string): Promise<Record<string, string[]>> {
  const tables =
    engine === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)).rows.map((r) => r.name);
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db)).rows;
    out[t] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v))).sort();
  }
  return out;
}

describe.each(engines())('backup and restore drill (%s)', (engine) => {
  it('gongkai backup (online) → changes → gongkai restore: every table as at the backup; the database keeps working', { timeout: 240_000 }, async () => {
    const t = await createTestApp(engine);
    const url = engine === 'sqlite' ? `file:${t.database.file}` : `${process.env.TEST_DATABASE_URL}?schema=${t.database.schema}`;
    const env = { DATABASE_URL: url };
    try {
      const dept = (await t.services.agencies.getByCreditCode('12370602780795309E'))!.id;
      expect((await t.api('POST', '/api/users', { as: 'admin', body: { username: 'beifen', displayName: '备份前', role: 'officer', agencyId: dept, password: 'Bei-Fen-2026' } })).statusCode).toBe(201);
      const before = await snapshot(t.db, engine);
      expect(Object.keys(before).length).toBeGreaterThan(20);
      expect(before.users!.length).toBeGreaterThan(5);

      const file = path.join(dir, `drill-${engine}.${engine === 'sqlite' ? 'db' : 'dump'}`);
      const b = await gongkai(['backup', file], env);
      expect(b.out).toContain('已备份');
      expect(b.code).toBe(0);
      expect((await gongkai(['backup', file], env)).out).toContain('目标文件已存在');

      // after the backup: a new user, a renamed one, a deleted session, more audit events
      expect((await t.api('POST', '/api/users', { as: 'admin', body: { username: 'houlai', displayName: '备份后', role: 'officer', agencyId: dept, password: 'Hou-Lai-2026' } })).statusCode).toBe(201);
      const officer = (await t.api('GET', '/api/users?pageSize=200', { as: 'admin' })).json().users.find((u: { username: string }) => u.username === 'officer');
      expect((await t.api('PATCH', `/api/users/${officer.id}`, { as: 'admin', body: { version: officer.version, displayName: '改了名' } })).statusCode).toBe(200);
      await t.db.deleteFrom('sessions').execute();
      const changed = await snapshot(t.db, engine);
      expect(changed.users).not.toEqual(before.users);
      expect(changed.audit_events!.length).toBeGreaterThan(before.audit_events!.length);

      // stop the server, restore
      await t.app.close();
      await t.database.close();
      const r = await gongkai(['restore', file], env);
      expect(r.out).toContain('已恢复');
      expect(r.code).toBe(0);

      const reopened = await openDatabase(url, { poolSize: 2 });
      try {
        expect(await snapshot(reopened.db, engine)).toEqual(before);
        // the restored database keeps working: the next audit event continues the chain (sequences restored too)
        await appendChained(reopened.db, { at: new Date().toISOString(), actor_user_id: null, actor_name: '恢复演练', agency_id: null, action: 'backup.restore_drill', entity: 'backup', entity_id: null, before_json: null, after_json: null, request_id: null });
        expect(await verifyChain(reopened.db)).toMatchObject({ ok: true, problemCount: 0 });
      } finally {
        await reopened.close();
      }
    } finally {
      await t.close().catch(() => {});
    }
  });

  it('a file that is not a backup is refused and the data stays', { timeout: 120_000 }, async () => {
    const t = await createTestApp(engine, { seed: false });
    const url = engine === 'sqlite' ? `file:${t.database.file}` : `${process.env.TEST_DATABASE_URL}?schema=${t.database.schema}`;
    try {
      const before = await snapshot(t.db, engine);
      const foreign = path.join(dir, `foreign-${engine}.dump`);
      writeFileSync(foreign, 'not a backup at all');
      const r = await gongkai(['restore', foreign], { DATABASE_URL: url });
      expect(r.code).toBe(1);
      expect(r.out).toContain('无法恢复');
      expect(await snapshot(t.db, engine)).toEqual(before);
    } finally {
      await t.close();
    }
  });

  it('scheduled backups: named by time, the BACKUP_KEEP newest kept; the next one is due an interval after the newest', { timeout: 120_000 }, async () => {
    const t = await createTestApp(engine, { seed: false });
    const url = engine === 'sqlite' ? `file:${t.database.file}` : `${process.env.TEST_DATABASE_URL}?schema=${t.database.schema}`;
    const bdir = path.join(dir, `scheduled-${engine}`);
    try {
      const ext = engine === 'sqlite' ? 'db' : 'dump';
      const times = ['2026-12-01T02:00:00Z', '2026-12-02T02:00:00Z', '2026-12-03T02:00:00Z', '2026-12-04T02:00:00Z'];
      for (const at of times) await runScheduledBackup(url, bdir, 2, new Date(at));
      writeFileSync(path.join(bdir, 'mine.db'), 'an operator’s own file: never pruned');
      expect(listScheduledBackups(bdir).map((b) => b.name)).toEqual([`gongkai-20261204-020000.${ext}`, `gongkai-20261203-020000.${ext}`]);
      expect(scheduledBackupName(new Date('2026-12-04T02:00:00Z'), engine)).toBe(`gongkai-20261204-020000.${ext}`);
      const hour = 3_600_000;
      expect(nextBackupDue(bdir, 24 * hour, new Date('2026-12-04T10:00:00Z'), 5 * 60_000).toISOString()).toBe('2026-12-05T02:00:00.000Z');
      expect(nextBackupDue(bdir, 24 * hour, new Date('2026-12-09T10:00:00Z'), 5 * 60_000).toISOString()).toBe('2026-12-09T10:05:00.000Z');
      expect(nextBackupDue(path.join(bdir, 'none'), 24 * hour, new Date('2026-12-09T10:00:00Z'), 5 * 60_000).toISOString()).toBe('2026-12-09T10:05:00.000Z');
    } finally {
      await t.close();
    }
  });
});

describe('PostgreSQL without the client programs', () => {
  it('gongkai backup says clearly that pg_dump is missing and how to install it (exit 1)', async () => {
    const r = await gongkai(['backup', path.join(dir, 'x.dump')], { DATABASE_URL: 'postgres://gk:secret@127.0.0.1:5432/gongkai?schema=prod', PATH: '/nonexistent' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('未找到 pg_dump');
    expect(r.out).toContain('apt-get install postgresql-client');
    expect(r.out).not.toContain('secret');
  });
});

describe('the scheduled-backup timer of gongkai serve (sqlite)', () => {
  it('first backup 5 minutes after start (none yet), then one per interval; each audited; off when the interval is 0', { timeout: 120_000 }, async () => {
    const { vi } = await import('vitest');
    const { startBackupSchedule } = await import('../../src/cli/backup-schedule.ts');
    const t = await createTestApp('sqlite', { seed: false });
    const bdir = path.join(dir, 'timer');
    const logs: string[] = [];
    const log = { info: (_o: object, m: string) => logs.push(m), error: (_o: object, m: string) => logs.push(`ERROR ${m}`) };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-06T00:00:00Z') });
    try {
      const config = { ...t.config, backup: { dir: bdir, intervalHours: 6, keep: 3 } };
      const s = startBackupSchedule(config, t.database, t.services, log);
      await vi.advanceTimersByTimeAsync(4 * 60_000);
      expect(listScheduledBackups(bdir)).toEqual([]);
      await vi.advanceTimersByTimeAsync(60_000);
      await s.running();
      expect(listScheduledBackups(bdir).map((b) => b.name)).toEqual(['gongkai-20261206-000500.db']);
      for (let i = 0; i < 4; i += 1) {
        await vi.advanceTimersByTimeAsync(6 * 3_600_000);
        await s.running();
      }
      expect(listScheduledBackups(bdir).map((b) => b.name)).toEqual(['gongkai-20261207-000500.db', 'gongkai-20261206-180500.db', 'gongkai-20261206-120500.db']);
      s.stop();
      expect(logs).toEqual(Array(5).fill('scheduled backup written'));
      const audited = await t.db.selectFrom('audit_events').select('after_json').where('action', '=', 'backup.create').execute();
      expect(audited).toHaveLength(5);
      const off = startBackupSchedule({ ...t.config, backup: { dir: path.join(dir, 'off'), intervalHours: 0, keep: 3 } }, t.database, t.services, log);
      await vi.advanceTimersByTimeAsync(48 * 3_600_000);
      off.stop();
      expect(listScheduledBackups(path.join(dir, 'off'))).toEqual([]);
    } finally {
      vi.useRealTimers();
      await t.close();
    }
  });
});
