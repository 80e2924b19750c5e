// A small pool of worker threads for opening untrusted files with libraries that may take long or a
// lot of memory (pdf.js, mammoth): each job runs in a worker (files.worker.mjs) whose heap is capped and
// which is terminated past the job's time limit, so the server's event loop and heap stay free. At most
// MAX_WORKERS jobs run at once (later ones wait); idle workers are kept IDLE_MS (loading pdf.js or
// mammoth takes about a second) and never keep the process alive.
import { Worker } from 'node:worker_threads';

const MAX_WORKERS = 2;
const IDLE_MS = 30_000;
const WORKER_URL = new URL('./files.worker.mjs', import.meta.url);

/** A worker kept for later jobs (loading pdf.js takes about a second); dropped after a timeout, a crash or IDLE_MS idle. */
interface PooledWorker { worker: Worker; idleTimer: NodeJS.Timeout | null }
const idle: PooledWorker[] = [];
let busy = 0;
const waiting: (() => void)[] = [];
let nextId = 1;

function newWorker(): PooledWorker {
  const worker = new Worker(WORKER_URL, {
    resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48, stackSizeMb: 8 },
    stdout: true,
    stderr: true,
  });
  return { worker, idleTimer: null };
}

async function acquire(): Promise<PooledWorker> {
  while (busy >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  const w = idle.pop() ?? newWorker();
  if (w.idleTimer) clearTimeout(w.idleTimer);
  w.idleTimer = null;
  w.worker.ref();
  return w;
}

function release(w: PooledWorker, healthy: boolean): void {
  busy--;
  if (healthy) {
    w.worker.unref(); // an idle worker never keeps the process alive
    w.idleTimer = setTimeout(() => { const i = idle.indexOf(w); if (i >= 0) idle.splice(i, 1); void w.worker.terminate(); }, IDLE_MS);
    w.idleTimer.unref();
    idle.push(w);
  } else {
    void w.worker.terminate();
  }
  waiting.shift()?.();
}

/** Why a job failed in the worker pool (the caller turns it into its own message). */
export class FileJobError extends Error {
  constructor(readonly reason: 'timeout' | 'memory' | 'crashed', message: string) {
    super(message);
    this.name = 'FileJobError';
  }
}

/**
 * Runs one job in a pooled worker; rejects with FileJobError after `timeoutMs` (the worker is terminated),
 * when the worker runs out of heap, or when it dies. The job's own failure comes back in its answer.
 */
export async function runFileJob<T>(job: Record<string, unknown>, timeoutMs: number, transfer: ArrayBuffer[] = []): Promise<T> {
  const w = await acquire();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onMessage = (m: T & { id?: number }) => { if (m.id === id) done(true, () => resolve(m)); };
    const onError = (e: Error & { code?: string }) => done(false, () => reject(new FileJobError(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed', e.message)));
    const onExit = (code: number) => done(false, () => reject(new FileJobError('crashed', `worker exited (${code})`)));
    const done = (healthy: boolean, f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      release(w, healthy);
      f();
    };
    const timer = setTimeout(() => done(false, () => reject(new FileJobError('timeout', `no answer within ${timeoutMs} ms`))), timeoutMs);
    w.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    w.worker.postMessage({ ...job, id }, transfer);
  });
}
