// The batch audit (`gongkai report audit`, a supervisor's uploaded 督查体检 run, the audit benchmark) spread over a pool
// of worker threads: reading a report and running the rule catalogue is pure CPU work per file (decision 185: parse5,
// the slimming scans, the table readers), so on a machine with several cores the files are read side by side. Each
// worker (audit.worker.mjs → audit-jobs.ts) runs exactly `auditFile`; the pool keeps what the in-process loop promises:
//   - results in the order of the files, whatever order the workers finish in; `onProgress` after each file;
//   - one bad file never stops the run: a worker that dies on a file (an exception outside the reader, its heap limit,
//     the per-file time limit) makes that file `unreadable` with the reason, and a new worker takes the next file;
//   - bounded memory: files are pulled from the caller's (async) iterable only when a worker can take one — at most
//     `size` files' bytes are held at once — so 10,000 files are never loaded together;
//   - the cross-year pass runs after all files, on the models the workers sent back (`auditResultOf`).
// Size 1 is the in-process loop itself (`auditFiles`), no thread. Workers start when first needed and stay for the
// next run; when `idleMs` is set they are stopped after that long without work, and an idle worker never keeps the
// process alive (a server at rest carries none: decision 117's resting memory).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckContext } from '../../core/report/rules.ts';
import { auditFile, auditFiles, auditResultOf, unreadableFile, type AuditedReport, type AuditedWithModel, type AuditResult } from './audit.ts';
import type { AuditJob } from './audit-jobs.ts';
import { importReport } from './import/index.ts';
import type { ReportFile } from './reports.service.ts';

/** The largest pool accepted (more threads than cores only adds memory: each worker loads the reader, ~30 MB). */
export const MAX_AUDIT_WORKERS = 32;
/** The default is the machine's cores, at most this many. */
const DEFAULT_CAP = 8;
const WORKER_URL = new URL('./audit.worker.mjs', import.meta.url);

/** The default pool size: the cores available to this process (os.availableParallelism), at most 8. */
export function defaultAuditWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), DEFAULT_CAP));
}

/** A pool size that is not a whole number from 1 to MAX_AUDIT_WORKERS; the message says what to write instead. */
export class AuditWorkersError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditWorkersError';
  }
}

/** The pool size from an option (`--workers`, BENCH_AUDIT_WORKERS): empty → the default; otherwise a whole number from
 *  1 (in this process, no thread) to MAX_AUDIT_WORKERS, else AuditWorkersError naming the option. */
export function parseAuditWorkers(raw: string | number | undefined, option = '--workers'): number {
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return defaultAuditWorkers();
  const n = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_WORKERS) {
    throw new AuditWorkersError(`${option} 必须是 1 到 ${MAX_AUDIT_WORKERS} 之间的整数（同时体检的线程数；1 表示在本进程内逐个体检；不填则按本机核数，当前为 ${defaultAuditWorkers()}），现在是“${raw}” / ${option} must be a whole number from 1 to ${MAX_AUDIT_WORKERS} (1: in this process)`);
  }
  return n;
}

export interface AuditPoolOptions {
  /** Worker threads; 1 = in this process. */
  size: number;
  /** How long one file may take in a worker before the worker is stopped and the file is `unreadable` (default 120 s). */
  fileTimeoutMs?: number;
  /** Stop workers after this long without work (default: kept until `close()`). */
  idleMs?: number;
  /** Each worker's old-generation heap limit; a file that needs more makes that file `unreadable` (default 512 MB). */
  maxHeapMb?: number;
  /** The worker's entry module (tests use one that dies on a given file). */
  workerUrl?: URL;
}

export interface AuditPool {
  readonly size: number;
  /** As `auditFiles` (audit.ts): the files in order, then the cross-year pass; never throws for a file. */
  auditFiles(files: Iterable<ReportFile> | AsyncIterable<ReportFile>, ctx?: CheckContext, onProgress?: (done: number, r: AuditedReport) => void): Promise<{ result: AuditResult; models: AuditedWithModel[] }>;
  /** Only read the files (the benchmark's import-only figure with the same threads); how many were read and failed. */
  importFiles(files: Iterable<ReportFile> | AsyncIterable<ReportFile>): Promise<{ read: number; failed: number }>;
  /** Start every worker and wait until each has loaded the reader (the benchmark's warm-up). */
  warm(): Promise<void>;
  /** Stop the workers. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker | null;
  ready: Promise<boolean> | null;
}

type Answer = { ok: true; message: { id: number; report?: AuditedWithModel; read?: true; error?: string } } | { ok: false; reason: string };

async function* asAsync<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  for await (const x of items) yield x;
}

export function createAuditPool(opts: AuditPoolOptions): AuditPool {
  const size = parseAuditWorkers(opts.size, 'size');
  const fileTimeoutMs = opts.fileTimeoutMs ?? 120_000;
  const maxHeapMb = opts.maxHeapMb ?? 512;
  const url = opts.workerUrl ?? WORKER_URL;
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, ready: null }));
  const free: Slot[] = [...slots];
  const waiting: ((s: Slot) => void)[] = [];
  let active = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  /** Why workers could not start (then the files are audited in this process). */
  let broken: string | null = null;

  function start(slot: Slot): Promise<boolean> {
    const worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, stackSizeMb: 8 } });
    slot.worker = worker;
    // for a worker that fails between jobs: no unhandled 'error', and the slot starts a new worker for its next file
    worker.on('error', () => {}).on('exit', () => { if (slot.worker === worker) { slot.worker = null; slot.ready = null; } });
    slot.ready = new Promise<boolean>((resolve) => {
      const onMessage = (m: { ready?: boolean }) => { if (m.ready) settle(true); };
      const onFail = (e: Error | number) => { broken ??= typeof e === 'number' ? `线程退出（${e}）` : e.message; slot.worker = null; settle(false); };
      const settle = (ok: boolean) => { worker.off('message', onMessage).off('error', onFail).off('exit', onFail); resolve(ok); };
      worker.on('message', onMessage).on('error', onFail).on('exit', onFail);
    });
    if (active === 0) worker.unref();
    return slot.ready;
  }

  async function acquire(): Promise<Slot> {
    const s = free.pop();
    if (s) return s;
    return new Promise<Slot>((resolve) => waiting.push(resolve));
  }
  function release(s: Slot): void {
    const next = waiting.shift();
    if (next) next(s);
    else free.push(s);
  }

  function stop(slot: Slot): void {
    const w = slot.worker;
    slot.worker = null;
    slot.ready = null;
    if (w) void w.terminate();
  }

  /** One job on one worker; a worker that dies or runs over the time limit is stopped (the next job starts a new one). */
  function runJob(slot: Slot, job: AuditJob): Promise<Answer> {
    const w = slot.worker!;
    return new Promise<Answer>((resolve) => {
      const finish = (a: Answer, dead: boolean): void => {
        clearTimeout(timer);
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (dead) stop(slot);
        resolve(a);
      };
      const onMessage = (m: { id?: number }) => { if (m.id === job.id) finish({ ok: true, message: m as { id: number } }, false); };
      const onError = (e: Error & { code?: string }) => finish({ ok: false, reason: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `内存超过上限 ${maxHeapMb} MB` : `出错：${e.message}` }, true);
      const onExit = (code: number) => finish({ ok: false, reason: `线程意外退出（退出码 ${code}）` }, true);
      const timer = setTimeout(() => finish({ ok: false, reason: `超过 ${Math.round(fileTimeoutMs / 1000)} 秒仍未完成` }, true), fileTimeoutMs);
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
      w.postMessage(job);
    });
  }

  function begin(): void {
    if (active++ === 0) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      for (const s of slots) s.worker?.ref();
    }
  }
  function end(): void {
    if (--active > 0) return;
    for (const s of slots) s.worker?.unref();
    if (opts.idleMs !== undefined) {
      idleTimer = setTimeout(() => { if (active === 0) for (const s of slots) stop(s); }, opts.idleMs);
      idleTimer.unref();
    }
  }

  /** The worker of `slot`, started if needed; false when workers cannot start here. */
  async function readySlot(slot: Slot): Promise<boolean> {
    if (broken) return false;
    if (!slot.worker || !slot.ready) return start(slot);
    return slot.ready;
  }

  /** Runs `kind` jobs over the files with `size` lanes; `onResult(index, answer, file)` for each, in completion order. */
  async function run(files: Iterable<ReportFile> | AsyncIterable<ReportFile>, kind: AuditJob['kind'], ctx: CheckContext | undefined,
    onResult: (i: number, a: Answer | { ok: 'local'; report: AuditedWithModel | null; error?: string }, f: ReportFile) => void): Promise<void> {
    const source = asAsync(files);
    let pulled = 0;
    begin();
    try {
      const lane = async (): Promise<void> => {
        for (;;) {
          const i = pulled++; // the generator answers next() calls in the order they were made: call i gets file i
          const it = await source.next();
          if (it.done) return;
          const f = it.value;
          const slot = await acquire();
          try {
            if (await readySlot(slot)) {
              const file: ReportFile = { bytes: f.bytes, ...(f.filename !== undefined ? { filename: f.filename } : {}), ...(f.contentType !== undefined ? { contentType: f.contentType } : {}) };
              onResult(i, await runJob(slot, { id: nextId++, kind, file, ...(ctx && Object.keys(ctx).length ? { ctx } : {}) }), f);
            } else if (kind === 'audit') {
              onResult(i, { ok: 'local', report: await auditFile(f, ctx ?? {}) }, f);
            } else {
              try { await importReport(f); onResult(i, { ok: 'local', report: null }, f); } catch (e) { onResult(i, { ok: 'local', report: null, error: (e as Error).message }, f); }
            }
          } finally {
            release(slot);
          }
        }
      };
      await Promise.all(slots.map(() => lane()));
    } finally {
      end();
    }
  }

  return {
    size,
    async auditFiles(files, ctx = {}, onProgress) {
      if (size === 1) return auditFiles(files, ctx, onProgress);
      const models: AuditedWithModel[] = [];
      let done = 0;
      await run(files, 'audit', ctx, (i, a, f) => {
        const name = f.filename ?? '(未命名)';
        const r = a.ok === 'local' ? a.report!
          : a.ok ? a.message.report!
            : unreadableFile(name, `${name}：体检线程在读取这个文件时停止（${a.reason}），未能体检；其他文件照常体检。请检查这个文件是否完整，或单独体检它 / the audit worker stopped on this file (${a.reason})`);
        models[i] = r;
        onProgress?.(++done, r);
      });
      return { result: auditResultOf(models), models };
    },
    async importFiles(files) {
      let read = 0, failed = 0;
      if (size === 1) {
        for await (const f of files) {
          try { await importReport(f); read++; } catch { failed++; }
        }
        return { read, failed };
      }
      await run(files, 'import', undefined, (_i, a) => {
        if (a.ok === 'local' ? a.error === undefined : a.ok && a.message.error === undefined) read++;
        else failed++;
      });
      return { read, failed };
    },
    async warm() {
      if (size === 1) return;
      begin();
      try { await Promise.all(slots.map((s) => readySlot(s))); } finally { end(); }
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      await Promise.all(slots.map(async (s) => { const w = s.worker; s.worker = null; s.ready = null; if (w) await w.terminate(); }));
    },
  };
}
