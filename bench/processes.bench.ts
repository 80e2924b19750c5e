// Two `gongkai serve` processes on one PostgreSQL database against one (decision 095: several stateless processes;
// decisions 200, 240 and 290 have the figures). Both processes run on a fresh schema of PROCESSES_BENCH_URL (or
// TEST_DATABASE_URL) with the demo data. For each of the portal list (/proactive), an item page (/items/:id), a search
// (/search?q=行政许可) and a staff list (GET /api/applications, signed in): A alone, then A and B together (one load
// generator per process, PROCESSES_BENCH_CONNECTIONS each — default 4, enough to saturate a core), alternating, best
// of PROCESSES_BENCH_ROUNDS (default 2) rounds of PROCESSES_BENCH_SECONDS (default 5); PROCESSES_BENCH_ROUTES=
// list,item,search,staff picks some. Goal: two processes ≥ 1.7 × one (limit checked), p99 ≤ 50 ms (printed; the p99 of
// two processes is the worse of the two generators').
// What runs where (decision 290), PROCESSES_BENCH_MODE:
//   cores (default) — a process's whole stack on one core: server A, its PostgreSQL backends (found by
//     application_name, which each server sets through PGAPPNAME, pinned with `taskset -p` before every run) and its
//     generator on core 0; B's on core 1. One process has one core for everything it needs, two have two: the ratio
//     says whether the application scales with cores, which a shared database or a per-process state would stop.
//   shared — the servers pinned (A core 0, B core 1), PostgreSQL and the generators unpinned (decisions 200 and 240):
//     one process then gets its database work done on the other core for free, and the ratio is bounded by
//     2 N ÷ (N + P + G) whatever the application does.
// The generator is wrk when it is installed (apt-get install wrk), else autocannon in a child process
// (PROCESSES_BENCH_GENERATOR=wrk|autocannon). Where the CPU goes: for each run, the CPU time per request of the server
// process(es) (/proc/<pid>/stat), of their PostgreSQL backends and of the generators, and the bound this split allows.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx gongkai bench run processes
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'kysely';
import type { BenchModule, BenchRow, RunningServer } from './run.ts';
import { generate, generatorKind, type GeneratorRun } from './load-generator.ts';
import { openDatabase } from '../src/db/connect.ts';

export const name = 'processes';
export const title = '一个与两个服务进程（同一 PostgreSQL）的吞吐量 / one vs two server processes on one PostgreSQL';

const GOAL_RATIO = 1.7;
const GOAL_P99_MS = 50;

type Load = Omit<GeneratorRun, 'cpuMs'>;
/** CPU milliseconds per request: the server process(es), their PostgreSQL backends, the load generator(s). */
interface Cpu { server: number; pg: number; gen: number }

/** CPU time of a process so far, ms (utime + stime; clock ticks of 10 ms); 0 when it is gone or not readable. */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/** Pins running processes to a CPU list; the first failure's message, or undefined when every one was pinned. */
function pinAll(pids: number[], cpus: string): string | undefined {
  for (const pid of pids) {
    const r = spawnSync('taskset', ['-pc', cpus, String(pid)], { encoding: 'utf8' });
    // a backend that ended between the listing and now is not a failure
    if (r.status !== 0 && cpuMs(pid) > 0) return (r.stderr || r.error?.message || `taskset exit ${r.status}`).trim();
  }
  return undefined;
}

export const run: BenchModule['run'] = async (ctx) => {
  const base = process.env.PROCESSES_BENCH_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    console.log('  skipped: set PROCESSES_BENCH_URL or TEST_DATABASE_URL (a PostgreSQL database; a fresh schema is made in it and dropped after)');
    return [];
  }
  const seconds = Number(process.env.PROCESSES_BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.PROCESSES_BENCH_ROUNDS ?? 2);
  const connections = Number(process.env.PROCESSES_BENCH_CONNECTIONS ?? 4);
  const mode = process.env.PROCESSES_BENCH_MODE ?? 'cores';
  if (mode !== 'cores' && mode !== 'shared') throw new Error(`PROCESSES_BENCH_MODE 只能是 cores 或 shared（现为 "${mode}"）`);
  const kind = generatorKind();
  const cores = availableParallelism();
  const pin = process.env.PROCESSES_BENCH_PIN !== '0' && process.platform === 'linux' && cores >= 2;
  const perCore = pin && mode === 'cores';
  const schema = `bench_proc_${randomBytes(4).toString('hex')}`;
  const sep = base.includes('?') ? '&' : '?';
  const env = {
    DATABASE_URL: `${base}${sep}schema=${schema}`, DEMO_SEED: 'true', LOG_LEVEL: 'silent', BACKUP_INTERVAL_HOURS: '0', MALLOC_ARENA_MAX: '2',
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
  };
  // each server's PostgreSQL connections carry this application_name (node-postgres reads PGAPPNAME)
  const apps: [string, string] = [`${schema}_a`, `${schema}_b`];
  const coreOf = ['0', '1'] as const;
  const loadStart = loadavg().map((x) => x.toFixed(2)).join(' / ');
  const servers: RunningServer[] = [];
  let pinFailure: string | undefined;
  try {
    // A first: it migrates and seeds the empty schema; B then finds nothing to do
    servers.push(await ctx.startServer({ ...env, PGAPPNAME: apps[0] }, pin ? { cpus: coreOf[0] } : {}));
    servers.push(await ctx.startServer({ ...env, PGAPPNAME: apps[1] }, pin ? { cpus: coreOf[1] } : {}));
    const [a, b] = servers as [RunningServer, RunningServer];

    const login = await fetch(`${a.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: 'demo12345' }) });
    if (login.status !== 200) throw new Error(`officer sign-in failed: ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const list = await (await fetch(`${a.baseUrl}/proactive`)).text();
    const itemId = /href="\/items\/(\d+)"/.exec(list)?.[1];
    if (!itemId) throw new Error('no published item on /proactive');
    const all: { key: string; label: string; path: string; headers: Record<string, string> }[] = [
      { key: 'list', label: 'portal list /proactive', path: '/proactive', headers: {} },
      { key: 'item', label: 'item page /items/:id', path: `/items/${itemId}`, headers: {} },
      { key: 'search', label: 'search /search?q=行政许可', path: `/search?q=${encodeURIComponent('行政许可')}`, headers: {} },
      { key: 'staff', label: 'staff list GET /api/applications', path: '/api/applications?pageSize=20', headers: { cookie } },
    ];
    // PROCESSES_BENCH_ROUTES=list,item,search,staff (default: all four)
    const only = process.env.PROCESSES_BENCH_ROUTES?.split(',').map((x) => x.trim()).filter(Boolean);
    const cases = only ? all.filter((c) => only.includes(c.key)) : all;
    if (!cases.length) throw new Error(`PROCESSES_BENCH_ROUTES 应为 ${all.map((c) => c.key).join(',')} 中的一个或几个（现为 "${process.env.PROCESSES_BENCH_ROUTES}"）`);
    // the session of A works on B (sessions are in the database)
    const onB = await fetch(`${b.baseUrl}/api/applications?pageSize=1`, { headers: { cookie } });
    if (onB.status !== 200) throw new Error(`A's session on B: ${onB.status}`);

    const admin = await openDatabase(base, { poolSize: 1 });
    const backends = async (app: string): Promise<number[]> => {
      const r = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${app}`.execute(admin.db);
      return r.rows.map((x) => Number(x.pid));
    };
    /** Before a run: each process's backends onto its core (a pool may have opened connections since the last run). */
    const pinBackends = async (which: number[]): Promise<void> => {
      if (!perCore) return;
      for (const i of which) pinFailure ??= pinAll(await backends(apps[i]!), coreOf[i]!);
    };
    /** Loads process i (0 = A, 1 = B) with its own generator, on its core in the per-core mode. */
    const load = (i: number, path: string, headers: Record<string, string>, secs: number) =>
      generate(kind, { url: servers[i]!.baseUrl + path, seconds: secs, connections, headers, ...(perCore ? { cpus: coreOf[i] } : {}) });
    /** Loads processes `which` at once; returns the summed load and the CPU per request of servers, backends, generators. */
    const measured = async (which: number[], path: string, headers: Record<string, string>): Promise<[Load, Cpu]> => {
      await pinBackends(which);
      const pids = which.map((i) => servers[i]!.pid!);
      const bs = (await Promise.all(which.map((i) => backends(apps[i]!)))).flat();
      const pg0 = new Map(bs.map((p) => [p, cpuMs(p)]));
      const s0 = pids.map(cpuMs);
      const runs = await Promise.all(which.map((i) => load(i, path, headers, seconds)));
      const s1 = pids.map(cpuMs);
      let pg = 0;
      for (const p of (await Promise.all(which.map((i) => backends(apps[i]!)))).flat()) if (pg0.has(p)) pg += cpuMs(p) - pg0.get(p)!;
      const sum: Load = {
        rps: runs.reduce((x, r) => x + r.rps, 0), p99: Math.max(...runs.map((r) => r.p99)), non2xx: runs.reduce((x, r) => x + r.non2xx, 0),
        errors: runs.reduce((x, r) => x + r.errors, 0), requests: runs.reduce((x, r) => x + r.requests, 0),
      };
      const n = Math.max(1, sum.requests);
      return [sum, { server: s1.reduce((x, v, k) => x + v - s0[k]!, 0) / n, pg: pg / n, gen: runs.reduce((x, r) => x + r.cpuMs, 0) / n }];
    };
    const cpuNote = (c: Cpu) => `CPU per request: server ${c.server.toFixed(3)} ms, PostgreSQL ${c.pg.toFixed(3)} ms, generator ${c.gen.toFixed(3)} ms`;

    const rows: BenchRow[] = [];
    for (const c of cases) {
      // warm-up of both processes (JIT, caches, the pools' connections)
      await pinBackends([0, 1]);
      await Promise.all([load(0, c.path, c.headers, 1), load(1, c.path, c.headers, 1)]);
      let one: Load = { rps: 0, p99: Infinity, non2xx: 0, errors: 0, requests: 0 };
      let two: Load = { rps: 0, p99: Infinity, non2xx: 0, errors: 0, requests: 0 };
      let cpuOne: Cpu = { server: 0, pg: 0, gen: 0 };
      let cpuTwo: Cpu = { server: 0, pg: 0, gen: 0 };
      for (let i = 0; i < rounds; i++) {
        const [x, cx] = await measured([0], c.path, c.headers);
        if (x.rps > one.rps) [one, cpuOne] = [x, cx];
        const [y, cy] = await measured([0, 1], c.path, c.headers);
        if (y.rps > two.rps) [two, cpuTwo] = [y, cy];
      }
      const total = (x: Cpu) => x.server + x.pg + x.gen;
      // cores: one process has one core for its whole stack, two have two; shared: one process has a core for the
      // server and the rest of the machine for its database and generator
      const bound = Math.min(2, perCore ? (2 * total(cpuOne)) / total(cpuTwo) : 2 / total(cpuTwo) / (1 / cpuOne.server));
      const p99ok = (p: number) => (p <= GOAL_P99_MS ? `≤ ${GOAL_P99_MS} ms met` : `> ${GOAL_P99_MS} ms NOT met`);
      rows.push(
        { label: `${c.label}: 1 process`, value: Math.round(one.rps), unit: 'req/s', note: `p99 ${one.p99} ms (${p99ok(one.p99)}), non-2xx ${one.non2xx}, errors ${one.errors}; ${cpuNote(cpuOne)}` },
        { label: `${c.label}: goal ${GOAL_RATIO} × 1 process`, value: Math.round(one.rps * GOAL_RATIO), unit: 'req/s' },
        {
          label: `${c.label}: 2 processes`, value: Math.round(two.rps), unit: 'req/s', baseline: `${c.label}: goal ${GOAL_RATIO} × 1 process`, limit: 1,
          note: `${(two.rps / one.rps).toFixed(2)} × 1 process (bound from the CPU per request: ${Number.isFinite(bound) ? bound.toFixed(2) : 'n/a'} ×); p99 ${two.p99} ms (${p99ok(two.p99)}), non-2xx ${two.non2xx}, errors ${two.errors}; ${cpuNote(cpuTwo)}`,
        },
      );
    }
    const where = !pin
      ? 'nothing pinned'
      : perCore
        ? `cores mode: process A, its PostgreSQL backends and its generator on core 0; B's on core 1${pinFailure ? ` — PostgreSQL backends could NOT be pinned (${pinFailure}): the figures mix both modes` : ''}`
        : 'shared mode: process A on core 0, B on core 1; PostgreSQL and the generators unpinned';
    rows.push({
      label: 'machine', value: loadavg()[0]!, unit: 'load avg',
      note: `${cores} cores; ${where}; generator ${kind}; ${connections} connections per process; best of ${rounds} × ${seconds} s; load average at start ${loadStart}, at end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
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
