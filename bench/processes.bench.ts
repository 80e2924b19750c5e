// Two `gongkai serve` processes on one PostgreSQL database against one (decision 095: several stateless processes;
// decision 200 has the figures). Both processes run on a fresh schema of PROCESSES_BENCH_URL (or TEST_DATABASE_URL)
// with the demo data; each is pinned to its own core with `taskset` (process A on core 0, process B on core 1) so that
// "one process" means one core of application work; PostgreSQL and the load generator (autocannon, in this process)
// are not pinned and share both cores, as on a 2-core machine with everything on it.
// For each of the portal list (/proactive), an item page (/items/:id), a search (/search?q=行政许可) and a staff list
// (GET /api/applications, signed in): A alone, then A and B together (two autocannon instances at once, the same
// number of connections per process), alternating, best of PROCESSES_BENCH_ROUNDS (default 2) rounds of
// PROCESSES_BENCH_SECONDS (default 5). Goal: two processes ≥ 1.7 × one (limit checked), p99 ≤ 50 ms (printed; the
// p99 of two processes is the worse of the two instances'). PROCESSES_BENCH_PIN=0 runs both unpinned.
// Where the CPU goes (decision 240): for each run, the CPU time per request of the server process(es) (/proc/<pid>/stat),
// of their PostgreSQL backends (found by application_name, which each server sets through PGAPPNAME) and of the load
// generator (this process: both autocannon instances). With everything on 2 cores, two processes can reach at most
// 2 cores ÷ (server + PostgreSQL + generator CPU per request) requests per second, and one process at most one core ÷
// server CPU per request: the "bound" printed is the ratio of the two, the best this machine allows for that route.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx gongkai bench run processes
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'kysely';
import autocannon from 'autocannon';
import type { BenchModule, BenchRow, RunningServer } from './run.ts';
import { openDatabase } from '../src/db/connect.ts';

export const name = 'processes';
export const title = '一个与两个服务进程（同一 PostgreSQL）的吞吐量 / one vs two server processes on one PostgreSQL';

const GOAL_RATIO = 1.7;
const GOAL_P99_MS = 50;

interface Load { rps: number; p99: number; non2xx: number; errors: number; requests: number }
/** CPU milliseconds per request: the server process(es), their PostgreSQL backends, the load generator. */
interface Cpu { server: number; pg: number; gen: number }

async function cannon(url: string, seconds: number, connections: number, headers: Record<string, string>): Promise<Load> {
  const r = await autocannon({ url, connections, duration: seconds, headers, timeout: 10 });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, requests: r.requests.total };
}

/** CPU time of a process so far, ms (utime + stime; clock ticks of 10 ms); 0 when it is gone or not readable. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

export const run: BenchModule['run'] = async (ctx) => {
  const base = process.env.PROCESSES_BENCH_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.log('  skipped: set PROCESSES_BENCH_URL or TEST_DATABASE_URL (a PostgreSQL database; a fresh schema is made in it and dropped after)');
    return [];
  }
  const seconds = Number(process.env.PROCESSES_BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.PROCESSES_BENCH_ROUNDS ?? 2);
  const connections = Number(process.env.PROCESSES_BENCH_CONNECTIONS ?? 8);
  const cores = availableParallelism();
  const pin = process.env.PROCESSES_BENCH_PIN !== '0' && process.platform === 'linux' && cores >= 2;
  const schema = `bench_proc_${randomBytes(4).toString('hex')}`;
  const sep = base.includes('?') ? '&' : '?';
  const env = {
    DATABASE_URL: `${base}${sep}schema=${schema}`, DEMO_SEED: 'true', LOG_LEVEL: 'silent', BACKUP_INTERVAL_HOURS: '0', MALLOC_ARENA_MAX: '2',
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  };
  // each server's PostgreSQL connections carry this application_name (node-postgres reads PGAPPNAME)
  const apps: [string, string] = [`${schema}_a`, `${schema}_b`];
  const loadStart = loadavg().map((x) => x.toFixed(2)).join(' / ');
  const servers: RunningServer[] = [];
  try {
    // A first: it migrates and seeds the empty schema; B then finds nothing to do
    servers.push(await ctx.startServer({ ...env, PGAPPNAME: apps[0] }, pin ? { cpus: '0' } : {}));
    servers.push(await ctx.startServer({ ...env, PGAPPNAME: apps[1] }, pin ? { cpus: '1' } : {}));
    const [a, b] = servers as [RunningServer, RunningServer];

    const login = await fetch(`${a.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: 'demo12345' }) });
    if (login.status !== 200) throw new Error(`officer sign-in failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const list = await (await fetch(`${a.baseUrl}/proactive`)).text();
    const itemId = /href="\/items\/(\d+)"/.exec(list)?.[1];
    if (!itemId) throw new Error('no published item on /proactive');
    const cases: { label: string; path: string; headers: Record<string, string> }[] = [
      { label: 'portal list /proactive', path: '/proactive', headers: {} },
      { label: 'item page /items/:id', path: `/items/${itemId}`, headers: {} },
      { label: 'search /search?q=行政许可', path: `/search?q=${encodeURIComponent('行政许可')}`, headers: {} },
      { label: 'staff list GET /api/applications', path: '/api/applications?pageSize=20', headers: { cookie } },
    ];
    // the session of A works on B (sessions are in the database)
    const onB = await fetch(`${b.baseUrl}/api/applications?pageSize=1`, { headers: { cookie } });
    if (onB.status !== 200) throw new Error(`A's session on B: ${onB.status}`);

    const admin = await openDatabase(base, { poolSize: 1 });
    const backends = async (): Promise<number[]> => {
      const r = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name in (${sql.join(apps)})`.execute(admin.db);
      return r.rows.map((x) => Number(x.pid));
    };
    /** Runs `load` and returns it with the CPU per request of the servers, their backends (those alive throughout) and this process. */
    const measured = async <T extends { requests: number }>(pids: number[], load: () => Promise<T>): Promise<[T, Cpu]> => {
      const pg0 = new Map((await backends()).map((p) => [p, cpuMs(p)]));
      const s0 = pids.map(cpuMs);
      const g0 = process.cpuUsage();
      const r = await load();
      const g = process.cpuUsage(g0);
      const s1 = pids.map(cpuMs);
      let pg = 0;
      for (const p of await backends()) if (pg0.has(p)) pg += cpuMs(p) - pg0.get(p)!;
      const n = Math.max(1, r.requests);
      return [r, { server: s1.reduce((a, x, i) => a + x - s0[i]!, 0) / n, pg: pg / n, gen: (g.user + g.system) / 1000 / n }];
    };
    const cpuNote = (c: Cpu) => `CPU per request: server ${c.server.toFixed(2)} ms, PostgreSQL ${c.pg.toFixed(2)} ms, generator ${c.gen.toFixed(2)} ms`;

    const rows: BenchRow[] = [];
    for (const c of cases) {
      // warm-up of both processes (JIT, caches)
      await Promise.all([cannon(a.baseUrl + c.path, 1, connections, c.headers), cannon(b.baseUrl + c.path, 1, connections, c.headers)]);
      let one: Load = { rps: 0, p99: Infinity, non2xx: 0, errors: 0, requests: 0 };
      let two: Load = { rps: 0, p99: Infinity, non2xx: 0, errors: 0, requests: 0 };
      let cpuOne: Cpu = { server: 0, pg: 0, gen: 0 };
      let cpuTwo: Cpu = { server: 0, pg: 0, gen: 0 };
      for (let i = 0; i < rounds; i++) {
        const [x, cx] = await measured([a.pid!], () => cannon(a.baseUrl + c.path, seconds, connections, c.headers));
        if (x.rps > one.rps) [one, cpuOne] = [x, cx];
        const [sum, cs] = await measured([a.pid!, b.pid!], async () => {
          const [y, z] = await Promise.all([cannon(a.baseUrl + c.path, seconds, connections, c.headers), cannon(b.baseUrl + c.path, seconds, connections, c.headers)]);
          return { rps: y.rps + z.rps, p99: Math.max(y.p99, z.p99), non2xx: y.non2xx + z.non2xx, errors: y.errors + z.errors, requests: y.requests + z.requests };
        });
        if (sum.rps > two.rps) [two, cpuTwo] = [sum, cs];
      }
      // one process: one core for the server; two: both cores for everything
      const bound = Math.min(2, 2 / (cpuTwo.server + cpuTwo.pg + cpuTwo.gen) / (1 / cpuOne.server));
      const p99ok = (p: number) => (p <= GOAL_P99_MS ? `≤ ${GOAL_P99_MS} ms met` : `> ${GOAL_P99_MS} ms NOT met`);
      rows.push(
        { label: `${c.label}: 1 process`, value: one.rps, unit: 'req/s', note: `p99 ${one.p99} ms (${p99ok(one.p99)}), non-2xx ${one.non2xx}, errors ${one.errors}; ${cpuNote(cpuOne)}` },
        { label: `${c.label}: goal ${GOAL_RATIO} × 1 process`, value: one.rps * GOAL_RATIO, unit: 'req/s' },
        {
          label: `${c.label}: 2 processes`, value: two.rps, unit: 'req/s', baseline: `${c.label}: goal ${GOAL_RATIO} × 1 process`, limit: 1,
          note: `${(two.rps / one.rps).toFixed(2)} × 1 process (bound on 2 cores from the CPU per request: ${Number.isFinite(bound) ? bound.toFixed(2) : 'n/a'} ×); p99 ${two.p99} ms (${p99ok(two.p99)}), non-2xx ${two.non2xx}, errors ${two.errors}; ${cpuNote(cpuTwo)}`,
        },
      );
    }
    rows.push({
      label: 'machine', value: loadavg()[0]!, unit: 'load avg',
      note: `${cores} cores; ${pin ? 'process A on core 0, B on core 1 (taskset)' : 'processes not pinned'}; PostgreSQL and autocannon unpinned; ${connections} connections per process; best of ${rounds} × ${seconds} s; load average at start ${loadStart}, at end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
    });
    await admin.close();
    return rows;
  } finally {
    for (const s of servers) await s.stop();
    const admin = await openDatabase(base, { poolSize: 1 });
    await sql.raw(`drop schema if exists "${schema}" cascade`).execute(admin.db);
    await admin.close();
  }
};
