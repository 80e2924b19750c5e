// Crash safety, on SQLite and PostgreSQL: a real server child process (`gongkai serve`) takes concurrent writes —
// applications registered, ledger actions on them, catalogue items drafted and taken through 保密审查, 审核 and
// publication — and is killed with SIGKILL at seeded random moments, then restarted. Every write the server
// acknowledged (a 2xx answer) must be found complete afterwards: its row, its ledger event and its audit row.
// Bounded: two rounds of 1.5–3 s of load per engine (most of the time goes to starting the server).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { engines } from './harness.ts';
import { mulberry32 } from '../../src/core/random.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUNDS = 2;
const WORKERS = 4;


async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

type Ack =
  | { kind: 'register'; id: number }
  | { kind: 'extension'; id: number; version: number }
  | { kind: 'draft'; id: number }
  | { kind: 'catalogue'; id: number; action: 'submit' | 'record_review' | 'approve' | 'publish' };

describe.each(engines())('crash safety: SIGKILL during concurrent writes (%s)', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-crash-'));
  const schema = `t_crash_${randomBytes(4).toString('hex')}`;
  const url = engine === 'sqlite' ? `file:${path.join(dir, 'crash.db')}` : `${process.env.TEST_DATABASE_URL}?schema=${schema}`;
  let child: ChildProcess | null = null;

  afterAll(async () => {
    child?.kill('SIGKILL');
    if (engine === 'postgres') {
      const admin = await openDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 1 });
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(admin.db);
      await admin.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<void> {
    child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_SEED: 'true', TZ: 'UTC' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d) => { err += String(d); });
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${err.slice(0, 2000)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) return;
      } catch { /* not yet listening */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${err.slice(0, 2000)}`);
  }

  async function kill(): Promise<void> {
    const c = child;
    if (!c) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
    child = null;
  }

  it(`${ROUNDS} rounds of ${WORKERS} writers, killed at seeded moments: every acknowledged write is complete`, async () => {
    const random = mulberry32(20261206);
    const acks: Ack[] = [];
    const sessions = new Map<string, { cookie: string; csrf: string }>();
    let port = await freePort();
    let today = '';

    for (let round = 0; round < ROUNDS; round++) {
      port = await freePort();
      await start(port);
      const base = `http://127.0.0.1:${port}`;
      // sessions live in the database: the cookies of the first round still work after a restart
      for (const u of ['officer', 'reviewer', 'leader']) {
        if (sessions.has(u)) continue;
        const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'demo12345' }) });
        expect(r.status).toBe(200);
        const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
        sessions.set(u, { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken });
      }
      const call = async (user: string, method: string, p: string, body?: unknown): Promise<{ status: number; json: unknown } | null> => {
        const s = sessions.get(user)!;
        try {
          const r = await fetch(`${base}${p}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
          return { status: r.status, json: await r.json().catch(() => null) };
        } catch {
          return null; // the server died under this request: not acknowledged
        }
      };
      if (!today) today = ((await (await fetch(`${base}/healthz`)).json()) as { today?: string }).today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

      let alive = true;
      const worker = async (w: number) => {
        for (let i = 0; alive; i++) {
          if ((w + i) % 2 === 0) {
            const reg = await call('officer', 'POST', '/api/applications/offline', {
              applicant: { type: 'natural_person', name: `崩溃测试${round}${w}${i}`, idType: '居民身份证', idNumber: '370602199001011247', phone: '13800000000' },
              content: `请公开崩溃测试文件 ${round}-${w}-${i}`, provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: today,
            });
            if (!reg) return;
            if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.json)}`);
            const { id, version } = reg.json as { id: number; version: number };
            acks.push({ kind: 'register', id });
            const ext = await call('officer', 'POST', `/api/applications/${id}/extension-request`, { version, days: 10, reason: '需要调取档案' });
            if (!ext) return;
            if (ext.status !== 200) throw new Error(`extension: ${ext.status} ${JSON.stringify(ext.json)}`);
            acks.push({ kind: 'extension', id, version: version + 1 });
          } else {
            const d = await call('officer', 'POST', '/api/catalogue/items', { title: `崩溃测试通知 ${round}-${w}-${i}`, kind: 'notice', category: 15, disclosure: 'proactive', body: '正文' });
            if (!d) return;
            if (d.status !== 201) throw new Error(`draft: ${d.status} ${JSON.stringify(d.json)}`);
            const id = (d.json as { id: number }).id;
            acks.push({ kind: 'draft', id });
            const steps: [string, Record<string, unknown>][] = [
              ['officer', { action: 'submit' }], ['reviewer', { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }],
              ['leader', { action: 'approve' }], ['officer', { action: 'publish' }],
            ];
            for (const [user, body] of steps) {
              const r = await call(user, 'POST', `/api/catalogue/items/${id}/actions`, body);
              if (!r) return;
              if (r.status !== 200) throw new Error(`${String(body.action)}: ${r.status} ${JSON.stringify(r.json)}`);
              acks.push({ kind: 'catalogue', id, action: body.action as 'publish' });
            }
          }
        }
      };
      const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
      // a seeded moment between 1.5 s and 3 s into the load (a server start costs more than the load)
      await new Promise((r) => setTimeout(r, 1500 + Math.floor(random() * 1500)));
      await kill();
      alive = false;
      await Promise.all(running);
    }

    // Check with the server down: open the database as the next start would.
    const database = await openDatabase(url);
    try {
      const db = database.db;
      const missing: string[] = [];
      const audit = async (entity: string, id: number, action: string) =>
        (await db.selectFrom('audit_events').select('id').where('entity', '=', entity).where('entity_id', '=', String(id)).where('action', '=', action).executeTakeFirst()) !== undefined;
      for (const a of acks) {
        if (a.kind === 'register' || a.kind === 'extension') {
          const app = await db.selectFrom('applications').select(['id', 'version']).where('id', '=', a.id).executeTakeFirst();
          const kind = a.kind === 'register' ? 'registered' : 'extension_requested';
          const ev = await db.selectFrom('application_events').select('seq').where('application_id', '=', a.id).where('kind', '=', kind).executeTakeFirst();
          const action = a.kind === 'register' ? 'application.register' : 'application.requestExtension';
          if (!app || !ev || !(await audit('application', a.id, action)) || (a.kind === 'extension' && app.version < a.version)) missing.push(`${a.kind} ${a.id}`);
        } else {
          const item = await db.selectFrom('catalogue_items').select(['id', 'public']).where('id', '=', a.id).executeTakeFirst();
          const action = a.kind === 'draft' ? 'create' : a.action;
          const ev = await db.selectFrom('catalogue_events').select('id').where('item_id', '=', a.id).where('action', '=', action).executeTakeFirst();
          if (!item || !ev || !(await audit('catalogue_item', a.id, `catalogue.${action}`)) || (action === 'publish' && item.public !== 1)) missing.push(`${a.kind} ${action} ${a.id}`);
        }
      }
      const counts = acks.reduce<Record<string, number>>((m, a) => ({ ...m, [a.kind]: (m[a.kind] ?? 0) + 1 }), {});
      console.info(`[crash ${engine}] ${ROUNDS} kills, acknowledged writes: ${JSON.stringify(counts)}; missing: ${missing.length}`);
      expect(acks.filter((a) => a.kind === 'register').length).toBeGreaterThan(ROUNDS);
      expect(acks.some((a) => a.kind === 'catalogue' && a.action === 'publish')).toBe(true);
      expect(missing).toEqual([]);
      // no half-written case: every application has its 'registered' event, every item its 'create' event
      const orphanApps = await db.selectFrom('applications as a').select('a.id').where('a.channel', '=', 'in_person')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('application_events as e').select('e.seq').whereRef('e.application_id', '=', 'a.id')))).execute();
      expect(orphanApps).toEqual([]);
      const orphanItems = await db.selectFrom('catalogue_items as i').select('i.id')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('catalogue_events as e').select('e.id').whereRef('e.item_id', '=', 'i.id')))).execute();
      expect(orphanItems).toEqual([]);
    } finally {
      await database.close();
    }
    // and the server starts again on it
    await start(await freePort());
    await kill();
  }, 90_000);
});
