// A load generator run as its own process, so that it can be pinned to a core (`taskset`) and its CPU time counted
// apart from the servers' and PostgreSQL's. `wrk` (Debian package wrk; a C program, about a tenth of autocannon's CPU
// per request) when it is on the PATH, otherwise autocannon in a child Node process (bench/load-child.mjs).
// PROCESSES_BENCH_GENERATOR=wrk|autocannon chooses explicitly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type GeneratorKind = 'wrk' | 'autocannon';

export interface GeneratorRun {
  /** requests per second over the run */
  rps: number;
  /** 99th percentile latency, ms */
  p99: number;
  non2xx: number;
  /** connection errors and timeouts */
  errors: number;
  requests: number;
  /** CPU time (user + system) of the generator process while it loaded, ms */
  cpuMs: number;
}

export interface GeneratorOptions {
  url: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  /** a `taskset -c` CPU list; unpinned when absent */
  cpus?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      return d !== '' && statSync(path.join(d, cmd)).isFile();
    } catch {
      return false;
    }
  });
}

export function generatorKind(): GeneratorKind {
  const asked = process.env.PROCESSES_BENCH_GENERATOR;
  if (asked === 'wrk' || asked === 'autocannon') return asked;
  if (asked) throw new Error(`PROCESSES_BENCH_GENERATOR 只能是 wrk 或 autocannon（现为 "${asked}"）`);
  return onPath('wrk') ? 'wrk' : 'autocannon';
}

function run(argv: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, stderr, code }));
  });
}

// wrk's Lua hook at the end of a run: one line the bench parses (durations and latencies are in microseconds).
const WRK_DONE = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("GKLOAD %d %d %d %d %d\\n", summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(99)))
end
`;

/** `times` after the command: the shell prints its children's user and system time on its second line. */
function childCpuMs(out: string): number {
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(out.trimEnd());
  if (!m) throw new Error(`no CPU times in the generator's output: ${out.slice(-200)}`);
  return (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
}

export async function generate(kind: GeneratorKind, o: GeneratorOptions): Promise<GeneratorRun> {
  const pin = o.cpus ? ['taskset', '-c', o.cpus] : [];
  if (kind === 'wrk') {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-wrk-'));
    try {
      const script = path.join(dir, 'done.lua');
      writeFileSync(script, WRK_DONE);
      const headers = Object.entries(o.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
      const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '10s', '-s', script, ...headers, o.url];
      const r = await run([...pin, 'sh', '-c', 'wrk "$@"; rc=$?; times; exit $rc', 'sh', ...args]);
      const m = /GKLOAD (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(r.stdout);
      if (r.code !== 0 || !m) throw new Error(`wrk failed (${r.code}): ${r.stderr || r.stdout}`);
      const [requests, durationUs, errors, non2xx, p99Us] = m.slice(1).map(Number) as [number, number, number, number, number];
      return { rps: requests / (durationUs / 1e6), p99: Math.round(p99Us / 100) / 10, non2xx, errors, requests, cpuMs: childCpuMs(r.stdout) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const r = await run([...pin, process.execPath, path.join(here, 'load-child.mjs'), JSON.stringify(o)]);
  if (r.code !== 0) throw new Error(`autocannon failed (${r.code}): ${r.stderr}`);
  return JSON.parse(r.stdout) as GeneratorRun;
}
