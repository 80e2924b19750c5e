// Several server processes on one database (decision 095). Two small mechanisms, both plain rows (095_cluster), so
// they work on PostgreSQL and on SQLite alike and need no extra connection per process:
//  - cache signals: a process that changed what an in-process cache holds bumps the cache's counter; every process
//    polls the counters (one query of a few rows every CACHE_POLL_MS) and tells its caches when one moved. A
//    publication on one process therefore reaches the other processes' portal pages within the poll interval.
//  - jobs: each background job has one lease row; the process that takes the lease (one conditional UPDATE) runs
//    the job, the others skip it; the lease is renewed while the job runs and lapses when the process dies, so the
//    job is taken over at the next tick of another process.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import { bumpGeneration, claimJob, ensureJob, finishJob, listJobs, readGenerations, renewJob } from './cluster.repository.ts';

/** This process among the others ("host:pid:random"): the holder of its leases. */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface CacheSignals {
  /** Tell the other processes (at their next poll) that the named cache is stale; the caller has dropped its own copy. */
  bump(name: string): Promise<void>;
  /** Called when another process bumped the named cache (never for this process's own bumps). */
  subscribe(name: string, onStale: () => void): void;
  /** Looks at the counters once (the poll loop calls this). */
  poll(): Promise<void>;
  /**
   * True while the poll loop runs and its last look at the counters succeeded within two poll intervals: a cache told
   * by these signals is then at most that stale, and may be used without asking the database. False when the loop
   * was never started (tests, CLI commands) or the database stopped answering it.
   */
  fresh(): boolean;
  start(): void;
  stop(): void;
}

export function createCacheSignals(db: Kysely<Database>, opts: { pollMs: number; clock?: () => Date; onError?: (e: unknown) => void }): CacheSignals {
  const clock = opts.clock ?? (() => new Date());
  const seen = new Map<string, number>();
  const listeners = new Map<string, Array<() => void>>();
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  const fire = (name: string) => { for (const f of listeners.get(name) ?? []) f(); };
  const self: CacheSignals = {
    async bump(name) {
      const g = await bumpGeneration(db, name, nowIso(clock));
      // our own bump: nothing to tell this process again (unless another bump came in between — then poll fires)
      if ((seen.get(name) ?? 0) === g - 1) seen.set(name, g);
    },
    subscribe(name, onStale) {
      listeners.set(name, [...(listeners.get(name) ?? []), onStale]);
    },
    poll() {
      polling ??= (async () => {
        try {
          for (const [name, g] of await readGenerations(db)) {
            const before = seen.get(name);
            seen.set(name, g);
            if (before !== undefined && before !== g) fire(name);
            else if (before === undefined && started) fire(name); // a cache first bumped after we started
          }
          lastRead = performance.now();
        } finally {
          polling = null;
        }
      })();
      return polling;
    },
    fresh() {
      return timer !== null && started && performance.now() - lastRead <= 2 * opts.pollMs;
    },
    start() {
      if (timer) return;
      // the first poll only learns the counters (caches are empty at start)
      void self.poll().catch(opts.onError ?? (() => undefined)).finally(() => { started = true; });
      timer = setInterval(() => { void self.poll().catch(opts.onError ?? (() => undefined)); }, opts.pollMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  let started = false;
  let lastRead = -Infinity; // performance.now() of the last successful poll (real time: a test clock may stand still)
  return self;
}

export interface Job {
  name: string;
  /** Minimum time between two runs (across all processes). */
  everyMs: number;
  /** Runs only when this process holds the job's lease. */
  run(): Promise<unknown>;
  /** When false the job is not run at all (e.g. mail flush without SMTP). */
  enabled?: () => boolean;
}

export interface JobRunner {
  /** One look at every job: runs those that are due and whose lease this process gets. Returns the names run. */
  tick(): Promise<string[]>;
  /** Ticks every JOB_TICK_SECONDS (never keeping the process alive). */
  start(): void;
  /** Stops ticking and waits for a job that is running. */
  stop(): Promise<void>;
  /**
   * Runs `run` only when this process gets the lease of `name` and the job is due; the next run is due `everyMs`
   * later (across processes). Resolves true when it ran here.
   */
  runExclusive(name: string, everyMs: number, run: () => Promise<unknown>): Promise<boolean>;
  /** Each job's lease row (the administrator's view and tests). */
  status(): ReturnType<typeof listJobs>;
  readonly holder: string;
}

export function createJobRunner(db: Kysely<Database>, jobs: readonly Job[], opts: { leaseMs: number; tickMs: number; holder?: string; clock?: () => Date; onError?: (job: string, e: unknown) => void }): JobRunner {
  const clock = opts.clock ?? (() => new Date());
  const holder = opts.holder ?? PROCESS_ID;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<string[]> | null = null;
  const later = (ms: number) => new Date(clock().getTime() + ms).toISOString();
  async function runOne(job: Pick<Job, 'name' | 'everyMs' | 'run'>, rethrow = false): Promise<boolean> {
    const now = nowIso(clock);
    await ensureJob(db, job.name, now);
    if (!(await claimJob(db, job.name, holder, now, later(opts.leaseMs)))) return false;
    // keep the lease while the job runs; a process that dies stops renewing and the lease lapses
    const renew = setInterval(() => { void renewJob(db, job.name, holder, later(opts.leaseMs)).catch(() => undefined); }, Math.max(500, Math.floor(opts.leaseMs / 3)));
    renew.unref();
    let error: string | null = null;
    let thrown: unknown;
    try {
      await job.run();
    } catch (e) {
      error = String((e as Error)?.message ?? e).slice(0, 500);
      thrown = e;
      if (!rethrow) opts.onError?.(job.name, e);
    } finally {
      clearInterval(renew);
    }
    await finishJob(db, job.name, holder, { now: nowIso(clock), next: later(job.everyMs), error });
    if (rethrow && error !== null) throw thrown;
    return true;
  }
  const self: JobRunner = {
    holder,
    runExclusive: (name, everyMs, run) => runOne({ name, everyMs, run }, true),
    tick() {
      running ??= (async () => {
        const ran: string[] = [];
        try {
          for (const job of jobs) {
            if (job.enabled && !job.enabled()) continue;
            try {
              if (await runOne(job)) ran.push(job.name);
            } catch (e) {
              opts.onError?.(job.name, e); // database unreachable: try again at the next tick
            }
          }
        } finally {
          running = null;
        }
        return ran;
      })();
      return running;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => { void self.tick(); }, opts.tickMs);
      timer.unref();
      void self.tick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running.catch(() => undefined);
    },
    status: () => listJobs(db),
  };
  return self;
}
