// Benchmark runner (`npm run bench` → `gongkai bench run [names...]`).
// Runs every bench/*.bench.ts module in name order. A module exports
//   name: string            short id, used to select it: `gongkai bench run http`
//   title?: string
//   run(ctx: BenchContext): Promise<BenchRow[]>
// and returns rows; the runner prints one table per module. Rows with `baseline` print their
// ratio to that row, e.g. the portal home at 0.42 of the bare route. `limit` (optional, a ratio)
// makes the run fail when the ratio is below it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

export interface BenchRow {
  label: string;
  value: number;
  unit: string;
  /** label of another row of the same module: print value / baseline.value */
  baseline?: string;
  /** minimum acceptable ratio to the baseline (fails the run when below) */
  limit?: number;
  note?: string;
}

export interface RunningServer {
  baseUrl: string;
  /** the server process (for its memory: /proc/<pid>/status) */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface BenchContext {
  root: string;
  /**
   * Starts `gongkai serve` (NODE_ENV=production, fresh SQLite file unless env sets DATABASE_URL, demo seed) on a free
   * 127.0.0.1 port. `cpus` pins the process to those cores (`taskset -c`, Linux), e.g. '0' or '0,1'.
   */
  startServer(env?: Record<string, string>, opts?: { cpus?: string }): Promise<RunningServer>;
  /** autocannon against a URL; returns requests/second (mean) and non-2xx count. */
  load(url: string, opts?: { seconds?: number; connections?: number }): Promise<{ rps: number; non2xx: number; errors: number; p99: number }>;
}

export interface BenchModule {
  name: string;
  title?: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy within 60 s');
}

const ctx: BenchContext = {
  root,
  // BENCH_SERVER_NODE_OPTIONS: NODE_OPTIONS for the server child only (e.g. a V8 flag measured against the load
  // generator left as it is)
  async startServer(env = {}, opts = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-'));
    const port = await freePort();
    const argv = [process.execPath, path.join(root, 'bin/gongkai.mjs'), 'serve'];
    if (opts.cpus) argv.unshift('taskset', '-c', opts.cpus);
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: root,
      env: { ...process.env, ...(process.env.BENCH_SERVER_NODE_OPTIONS !== undefined ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}), NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, DEMO_SEED: 'true', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitHealthy(baseUrl, child);
    return {
      baseUrl,
      pid: child.pid,
      async stop() {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  async load(url, opts = {}) {
    const r = await autocannon({ url, connections: opts.connections ?? 10, duration: opts.seconds ?? 5 });
    return { rps: r.requests.average, non2xx: r.non2xx, errors: r.errors, p99: r.latency.p99 };
  },
};

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(2);
}

export async function runBenchmarks(names: string[] = []): Promise<boolean> {
  const files = readdirSync(path.join(root, 'bench'))
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  let ok = true;
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(root, 'bench', file)).href)) as BenchModule;
    if (names.length && !names.includes(mod.name)) continue;
    console.log(`\n== ${mod.name}${mod.title ? ` — ${mod.title}` : ''} (${file})`);
    const rows = await mod.run(ctx);
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    const lines: string[][] = [['benchmark', 'value', 'unit', 'ratio', 'limit', 'note']];
    for (const r of rows) {
      let ratio = '';
      let limit = '';
      if (r.baseline) {
        const b = byLabel.get(r.baseline);
        const q = b && b.value > 0 ? r.value / b.value : NaN;
        ratio = Number.isFinite(q) ? `${q.toFixed(3)} × ${r.baseline}` : 'n/a';
        if (r.limit !== undefined) {
          limit = `≥ ${r.limit}`;
          if (!(q >= r.limit)) {
            ok = false;
            limit += ' FAIL';
          }
        }
      }
      lines.push([r.label, fmt(r.value), r.unit, ratio, limit, r.note ?? '']);
    }
    const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => [...l[i]!].length)));
    for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
  }
  return ok;
}
