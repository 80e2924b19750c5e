// Audit trail integrity: every event is a link of a SHA-256 hash chain. Tampering with the table by
// direct SQL (update, delete, insert, update with a recomputed hash) is found and the event named —
// by the API, the audit page and `gongkai audit verify` (exit code 1) — on both engines; concurrent
// writers (several connections) still form one unbroken chain.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventHash } from '../../src/core/audit/chain.ts';
import { sha256Hex } from '../../src/features/audit/audit-chain.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

interface Problem {
  kind: string;
  eventId: number | null;
  at: string | null;
  action: string | null;
  message: string;
}
interface Verification {
  ok: boolean;
  checked: number;
  lastSeq: number;
  problems: Problem[];
  problemCount: number;
}

describe.each(engines())('audit hash chain (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const verify = async (): Promise<Verification> => {
    const res = await t.api('POST', '/api/audit-chain/verification', { as: 'admin' });
    expect(res.statusCode).toBe(200);
    return res.json() as Verification;
  };
  const dbUrl = () => (engine === 'sqlite' ? `file:${t.database.file}` : `${process.env.TEST_DATABASE_URL}?schema=${t.database.schema}`);
  async function cli(): Promise<{ code: number; out: string }> {
    try {
      const r = await run(process.execPath, [path.join(root, 'bin/gongkai.mjs'), 'audit', 'verify'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: dbUrl(), LOG_LEVEL: 'silent' },
      });
      return { code: 0, out: r.stdout + r.stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof x.code === 'number' ? x.code : -1, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
    }
  }
  const event = (id: number) => t.db.selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** An event in the middle of the chain (the seed wrote a hundred or so). */
  const middle = async (offset: number) =>
    (await t.db.selectFrom('audit_events').select('id').orderBy('chain_seq').offset(offset).limit(1).executeTakeFirstOrThrow()).id;

  it('the seeded trail (hashed when written) verifies; the check itself is audited; only the admin may run it', async () => {
    const v = await verify();
    expect(v).toMatchObject({ ok: true, problemCount: 0, problems: [] });
    expect(v.checked).toBeGreaterThan(20);
    expect(v.lastSeq).toBe(v.checked);
    const last = await t.db.selectFrom('audit_events').selectAll().orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'audit.verify', entity: 'audit_chain', chain_seq: v.lastSeq + 1 });
    expect(JSON.parse(last.after_json!)).toMatchObject({ ok: true, checked: v.checked });
    for (const as of ['officer', 'supervisor']) {
      const res = await t.api('POST', '/api/audit-chain/verification', { as });
      expect(res.statusCode).toBe(403);
    }
    expect((await t.api('POST', '/api/audit-chain/verification')).statusCode).toBe(401);
  });

  it('concurrent writers on several connections form one unbroken chain (positions 1…n without gaps)', async () => {
    // 24 sign-ins at once: each writes session.create in its own transaction (PostgreSQL: pool of 4).
    const users = ['admin', 'officer', 'reviewer', 'leader', 'supervisor'];
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => t.app.inject({ method: 'POST', url: '/api/session', payload: { username: users[i % 5], password: 'demo12345' }, remoteAddress: `10.9.0.${i + 1}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(24).fill(200));
    const seqs = (await t.db.selectFrom('audit_events').select('chain_seq').orderBy('chain_seq').execute()).map((r) => r.chain_seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect((await verify()).ok).toBe(true);
  });

  it('a changed event (direct SQL update) is named by id, time and action; the CLI exits 1 and names it too', async () => {
    const id = await middle(10);
    const before = await event(id);
    await t.db.updateTable('audit_events').set({ actor_name: '别人' }).where('id', '=', id).execute();
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([expect.objectContaining({ kind: 'changed', eventId: id, at: before.at, action: before.action })]);
      expect(v.problems[0]!.message).toContain(`#${id}`);
      const c = await cli();
      expect(c.code).toBe(1);
      expect(c.out).toContain('审计链已被破坏');
      expect(c.out).toContain(`[changed] 事件 #${id}（${before.at}，${before.action}）`);
    } finally {
      await t.db.updateTable('audit_events').set({ actor_name: before.actor_name }).where('id', '=', id).execute();
    }
    expect((await verify()).ok).toBe(true);
    expect((await cli()).code).toBe(0);
  });

  it('a changed event whose own hash was recomputed is still named (its successor no longer links to it)', async () => {
    const id = await middle(12);
    const before = await event(id);
    const forged = { ...before, after_json: '{"forged":true}', chain_seq: before.chain_seq!, prev_hash: before.prev_hash! };
    await t.db.updateTable('audit_events').set({ after_json: forged.after_json, hash: auditEventHash(forged, sha256Hex) }).where('id', '=', id).execute();
    try {
      const v = await verify();
      expect(v.problems).toEqual([expect.objectContaining({ kind: 'changed', eventId: id, action: before.action })]);
    } finally {
      await t.db.updateTable('audit_events').set({ after_json: before.after_json, hash: before.hash }).where('id', '=', id).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('a removed event (direct SQL delete) is named with its neighbours', async () => {
    const id = await middle(15);
    const row = await event(id);
    await t.db.deleteFrom('audit_events').where('id', '=', id).execute();
    try {
      const v = await verify();
      expect(v.ok).toBe(false);
      expect(v.problems).toHaveLength(1);
      expect(v.problems[0]).toMatchObject({ kind: 'removed' });
      expect(v.problems[0]!.message).toContain(`#${id}`);
      expect(v.problems[0]!.message).toContain(`链序号 ${row.chain_seq}`);
      const c = await cli();
      expect(c.code).toBe(1);
      expect(c.out).toContain(`[removed] 事件 #${id}（链序号 ${row.chain_seq}）已被删除`);
    } finally {
      await t.db.insertInto('audit_events').values(row).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('the newest events removed from the end of the chain are found (the head remembers the last position)', async () => {
    await verify(); // appends one audit.verify event: the tail to remove
    const last = await t.db.selectFrom('audit_events').selectAll().orderBy('chain_seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_events').where('id', '=', last.id).execute();
    try {
      const v = await verify();
      expect(v.problems).toEqual([expect.objectContaining({ kind: 'removed', eventId: null })]);
      expect(v.problems[0]!.message).toContain(`链序号 ${last.chain_seq}`);
    } finally {
      // the failed check appended its own event after the gap: put the removed one back
      await t.db.insertInto('audit_events').values(last).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('an inserted event (direct SQL insert, without or with a chain position) is named', async () => {
    const plain = await t.db
      .insertInto('audit_events')
      .values({ at: '2026-03-02T01:00:00.000Z', actor_user_id: null, actor_name: '伪造', agency_id: null, action: 'user.create', entity: 'user', entity_id: '1', before_json: null, after_json: null, request_id: null, chain_seq: null, prev_hash: null, hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const head = await t.db.selectFrom('audit_chain').selectAll().executeTakeFirstOrThrow();
    const beyond = await t.db
      .insertInto('audit_events')
      .values({ at: '2026-03-02T02:00:00.000Z', actor_user_id: null, actor_name: '伪造', agency_id: null, action: 'catalogue.publish', entity: 'catalogue_item', entity_id: '1', before_json: null, after_json: null, request_id: null, chain_seq: head.last_seq + 5, prev_hash: head.last_hash, hash: 'f'.repeat(64) })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const v = await verify();
      expect(v.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'inserted', eventId: plain.id, at: '2026-03-02T01:00:00.000Z', action: 'user.create' }),
          expect.objectContaining({ kind: 'inserted', eventId: beyond.id, at: '2026-03-02T02:00:00.000Z', action: 'catalogue.publish' }),
        ]),
      );
      expect(v.problemCount).toBe(2);
      const c = await cli();
      expect(c.code).toBe(1);
      expect(c.out).toContain(`[inserted] 事件 #${plain.id}（2026-03-02T01:00:00.000Z，user.create）`);
    } finally {
      await t.db.deleteFrom('audit_events').where('id', 'in', [plain.id, beyond.id]).execute();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('the audit page offers 校验审计链 to the admin and shows the result', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: (await t.login('admin')).cookie } });
    expect(page.body).toContain('校验审计链');
    expect(page.body).toContain('action="/admin/audit/verify"');
    const officerPage = await t.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: (await t.login('officer')).cookie } });
    expect(officerPage.body).not.toContain('action="/admin/audit/verify"');
    const ok = await t.form('/admin/audit/verify', {}, { as: 'admin' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('审计链完整');
    const id = await middle(20);
    const before = await event(id);
    await t.db.updateTable('audit_events').set({ entity_id: '999' }).where('id', '=', id).execute();
    try {
      const broken = await t.form('/admin/audit/verify', {}, { as: 'admin' });
      expect(broken.body).toContain('审计链已被破坏');
      expect(broken.body).toContain(`#${id}`);
    } finally {
      await t.db.updateTable('audit_events').set({ entity_id: before.entity_id }).where('id', '=', id).execute();
    }
    expect((await t.form('/admin/audit/verify', {}, { as: 'officer' })).statusCode).toBe(403);
  });
});

describe.each(engines())('migration 063 chains the events written before it (%s)', (engine) => {
  it('events of a database at 050 are hashed in id order by 063 and verify; later appends continue the chain', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { randomBytes } = await import('node:crypto');
    const { Migrator, sql } = await import('kysely');
    const { openDatabase } = await import('../../src/db/connect.ts');
    const { migrations } = await import('../../src/db/migrations/index.ts');
    const { verifyChain, appendChained } = await import('../../src/features/audit/audit-chain.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-chain-'));
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const database = engine === 'sqlite' ? await openDatabase(`file:${path.join(dir, 'm.db')}`) : await openDatabase(process.env.TEST_DATABASE_URL!, { schema, poolSize: 2 });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, ...(engine === 'postgres' ? { migrationTableSchema: schema } : {}) });
      expect((await migrator.migrateTo('050_annual_report')).error).toBeUndefined();
      const old = ['agency.create', 'user.create', 'session.create'].map((action, i) => ({
        at: `2026-0${i + 1}-15T08:00:00.000Z`, actor_user_id: null, actor_name: '系统', agency_id: null, action, entity: 'x', entity_id: String(i), before_json: null, after_json: `{"n":${i},"名":"张三"}`, request_id: null,
      }));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table has no chain columns yet
      for (const e of old) await (database.db as any).insertInto('audit_events').values(e).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await database.db.selectFrom('audit_events').select(['id', 'chain_seq', 'prev_hash', 'hash']).orderBy('id').execute();
      expect(rows.map((r) => r.chain_seq)).toEqual([1, 2, 3]);
      expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, checked: 3, lastSeq: 3, lastHash: rows[2]!.hash });
      await appendChained(database.db, { ...old[0]!, action: 'user.update', at: '2026-04-01T00:00:00.000Z' });
      expect(await verifyChain(database.db)).toMatchObject({ ok: true, checked: 4, lastSeq: 4 });
    } finally {
      if (engine === 'postgres') await sql.raw(`drop schema if exists "${schema}" cascade`).execute(database.db);
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
