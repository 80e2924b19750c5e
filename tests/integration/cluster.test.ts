// Several stateless server processes on one PostgreSQL schema (decision 095): two real `gongkai serve` child
// processes start at once on an empty schema (one migrates and seeds, the other waits), then: a session from one
// works on the other; five failed sign-ins on one lock the account on the other; a publication on one shows on the
// other's portal list within 1 s; every notification of the mail outbox reaches the SMTP sink (started here) exactly
// once; a process killed while sending a message loses nothing — the other sends it when the claim lapses.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/connect.ts';
import { SIGNIN_MAX_FAILURES } from '../../src/features/auth/auth.service.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
interface SmtpServerLike { listen(port: number, host: string, cb: () => void): void; close(cb: () => void): void; server: { address(): AddressInfo } }
const { SMTPServer } = require('smtp-server') as { SMTPServer: new (o: object) => SmtpServerLike };
const { simpleParser } = require('mailparser') as { simpleParser: (s: unknown) => Promise<{ to?: { text: string }; subject?: string }> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

const engines = process.env.TEST_DATABASE_URL ? ['postgres'] : [];

describe.each(engines)('two server processes on one database (%s)', () => {
  const schema = `t_cluster_${randomBytes(4).toString('hex')}`;
  const url = `${process.env.TEST_DATABASE_URL}?schema=${schema}`;
  const key = randomBytes(32).toString('base64');
  const received: { to: string; subject: string }[] = [];
  /** Recipients whose message the sink takes but never acknowledges (a process stuck mid-send). */
  const stallFor = new Set<string>();
  const stalled: string[] = [];
  let smtp: SmtpServerLike;
  let db: OpenDatabase;
  const procs: Record<'a' | 'b', { child: ChildProcess; base: string; err: string }> = {} as never;
  let survivor: 'a' | 'b' = 'b';

  async function start(name: 'a' | 'b', smtpPort: number): Promise<void> {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/gongkai.mjs'), 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_SEED: 'true', TZ: 'UTC',
        PERSONAL_DATA_KEY: key, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, JOB_TICK_SECONDS: '1', JOB_LEASE_SECONDS: '3', CACHE_POLL_MS: '200', BACKUP_INTERVAL_HOURS: '0',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    procs[name] = { child, base: `http://127.0.0.1:${port}`, err: '' };
    child.stderr?.on('data', (d) => { procs[name].err += String(d); });
  }
  async function ready(name: 'a' | 'b'): Promise<void> {
    const p = procs[name];
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      if (p.child.exitCode !== null) throw new Error(`server ${name} exited (${p.child.exitCode}): ${p.err.slice(0, 2000)}`);
      try {
        if ((await fetch(`${p.base}/readyz`)).ok) return;
      } catch { /* not yet listening */ }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server ${name} did not start: ${p.err.slice(0, 2000)}`);
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream: unknown, _session: unknown, cb: () => void) {
        void simpleParser(stream).then((m) => {
          const to = m.to?.text ?? '';
          if (stallFor.has(to)) { stalled.push(to); return; } // never answered: the sender waits until it is killed
          received.push({ to, subject: m.subject ?? '' });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const smtpPort = smtp.server.address().port;
    // both at once on an empty schema: one migrates and seeds under the start-up lock, the other waits
    await start('a', smtpPort);
    await start('b', smtpPort);
    await Promise.all([ready('a'), ready('b')]);
    db = await openDatabase(url, { poolSize: 2 });
  }, 300_000);

  afterAll(async () => {
    for (const p of Object.values(procs)) p.child.kill('SIGKILL');
    await db?.close();
    const admin = await openDatabase(process.env.TEST_DATABASE_URL!, { poolSize: 1 });
    await sql.raw(`drop schema if exists "${schema}" cascade`).execute(admin.db);
    await admin.close();
    await new Promise<void>((r) => smtp.close(r));
  });

  async function signIn(name: 'a' | 'b', username: string, password = 'demo12345'): Promise<{ status: number; cookie: string; csrf: string }> {
    const r = await fetch(`${procs[name].base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await r.json()) as { csrfToken?: string };
    return { status: r.status, cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken ?? '' };
  }
  async function call(name: 'a' | 'b', s: { cookie: string; csrf: string }, method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const r = await fetch(`${procs[name].base}${p}`, { method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: r.status, json: (await r.json().catch(() => ({}))) as Record<string, unknown> };
  }
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  async function register(name: 'a' | 'b', s: { cookie: string; csrf: string }, email: string): Promise<number> {
    const r = await call(name, s, 'POST', '/api/applications/offline', {
      applicant: { type: 'natural_person', name: '周九', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000009', email },
      content: '请公开本局2024年度行政许可统计', provideForm: '电子邮件', obtainMethod: '电子邮件', channel: 'in_person', submittedOn: today(),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    return r.json.id as number;
  }
  async function until(what: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await what()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return what();
  }

  it('started together: the demo data was seeded once and every migration ran once', async () => {
    const users = await db.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('username', '=', 'officer').executeTakeFirstOrThrow();
    expect(Number(users.n)).toBe(1);
    const m = await sql<{ n: string }>`select count(*) as n from kysely_migration where name = '095_cluster'`.execute(db.db);
    expect(Number(m.rows[0]!.n)).toBe(1);
    for (const name of ['a', 'b'] as const) expect(((await (await fetch(`${procs[name].base}/readyz`)).json()) as { status: string }).status).toBe('ready');
  });

  it('a session opened on one process works on the other', async () => {
    const s = await signIn('a', 'officer');
    expect(s.status).toBe(200);
    const r = await call('b', s, 'GET', '/api/session');
    expect(r.status).toBe(200);
    expect((r.json.user as { username: string }).username).toBe('officer');
  });

  it(`${SIGNIN_MAX_FAILURES} failed sign-ins on one process lock the account on the other`, async () => {
    for (let i = 0; i < SIGNIN_MAX_FAILURES; i++) expect((await signIn(i % 2 ? 'b' : 'a', 'supervisor', 'wrong-password')).status).toBe(401);
    expect((await signIn('b', 'supervisor')).status).toBe(429);
    expect((await signIn('a', 'supervisor')).status).toBe(429);
  });

  it("a publication on one process shows on the other's portal list and search within 1 s", async () => {
    const [officer, reviewer, leader] = [await signIn('a', 'officer'), await signIn('a', 'reviewer'), await signIn('a', 'leader')];
    const title = `两进程发布测试通知 ${randomBytes(3).toString('hex')}`;
    const list = async () => (await (await fetch(`${procs.b.base}/proactive`)).text()).includes(title);
    const search = async () => ((await (await fetch(`${procs.b.base}/api/catalogue?q=${encodeURIComponent('两进程发布测试通知')}`)).json()) as { items: Array<{ title: string }> }).items.some((i) => i.title === title);
    expect(await list()).toBe(false); // B has the list page rendered and cached now
    expect(await search()).toBe(false); // and kept what its search found (PostgreSQL, decision 225)
    const d = await call('a', officer, 'POST', '/api/catalogue/items', { title, kind: 'notice', category: 15, disclosure: 'proactive', body: '两个进程共用一个数据库时的发布测试正文。' });
    expect(d.status, JSON.stringify(d.json)).toBe(201);
    const id = d.json.id as number;
    for (const [s, body] of [[officer, { action: 'submit' }], [reviewer, { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' }], [leader, { action: 'approve' }]] as const) {
      const r = await call('a', s, 'POST', `/api/catalogue/items/${id}/actions`, body);
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const published = await call('a', officer, 'POST', `/api/catalogue/items/${id}/actions`, { action: 'publish' });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const at = Date.now();
    expect(await until(async () => (await list()) && (await search()), 1000)).toBe(true);
    expect(Date.now() - at).toBeLessThanOrEqual(1000);
  });

  it('notifications registered on both processes are each sent exactly once', async () => {
    const sa = await signIn('a', 'officer');
    const sb = await signIn('b', 'officer');
    const addresses = ['once1@example.com', 'once2@example.com', 'once3@example.com', 'once4@example.com', 'once5@example.com', 'once6@example.com'];
    await Promise.all(addresses.map((a, i) => register(i % 2 ? 'b' : 'a', i % 2 ? sb : sa, a)));
    const all = () => addresses.every((a) => received.some((m) => m.to === a));
    expect(await until(all, 15_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 2500)); // two more job ticks of each process: nothing may go out again
    for (const a of addresses) expect(received.filter((m) => m.to === a)).toHaveLength(1);
  }, 30_000);

  it('a process killed while sending loses nothing: the other sends the message once its claim lapses', async () => {
    const victim = 'stuck@example.com';
    stallFor.add(victim);
    const sa = await signIn('a', 'officer');
    const appId = await register('a', sa, victim);
    expect(await until(() => stalled.includes(victim), 10_000)).toBe(true); // a process is inside sendMail for it
    const row = await db.db.selectFrom('mail_outbox').select(['lease_until', 'lease_holder', 'sent_at']).where('application_id', '=', appId).where('reason', '=', 'receipt').executeTakeFirstOrThrow();
    expect(row.sent_at).toBeNull();
    expect(row.lease_until).not.toBeNull();
    // the claim names its process ("host:pid:random"): A right after the registration, or B's mail job if it came first
    const holderPid = Number(row.lease_holder?.split(':')[1]);
    const stuck = procs.a.child.pid === holderPid ? 'a' : 'b';
    survivor = stuck === 'a' ? 'b' : 'a';
    expect(procs[stuck].child.pid).toBe(holderPid);
    await new Promise<void>((resolve) => { procs[stuck].child.once('exit', () => resolve()); procs[stuck].child.kill('SIGKILL'); });
    stallFor.delete(victim);
    // the other process takes the message over after the 3 s claim lapsed (its job tick: every second)
    expect(await until(() => received.some((m) => m.to === victim), 15_000)).toBe(true);
    // the sink has the message as soon as SMTP accepted it; the sender marks the row sent right after
    const outbox = () => db.db.selectFrom('mail_outbox').select(['sent_at', 'lease_until']).where('application_id', '=', appId).where('reason', '=', 'receipt').executeTakeFirstOrThrow();
    expect(await until(async () => (await outbox()).sent_at !== null, 5000)).toBe(true);
    const after = await outbox();
    expect(after.sent_at).not.toBeNull();
    expect(after.lease_until).toBeNull();
    expect(received.filter((m) => m.to === victim)).toHaveLength(1);
    // the other one is still serving
    expect((await fetch(`${procs[survivor].base}/readyz`)).status).toBe(200);
  }, 40_000);

  it('SIGTERM: a request in flight is finished, then the process exits', async () => {
    const b = procs[survivor];
    const body = JSON.stringify({ username: 'reviewer', password: 'demo12345' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${b.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => { text += String(d); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10)); // the request is in flight: half its body sent
      setTimeout(() => {
        b.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 400);
      }, 200);
    });
    const exited = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
    const r = await answer;
    expect(r.status, r.text).toBe(200);
    expect((JSON.parse(r.text) as { user: { username: string } }).user.username).toBe('reviewer');
    expect(await exited).toBe(0);
  }, 30_000);
});
