// Memory back to the operating system when the server falls idle. Under traffic V8 lets the old generation fill to a
// multiple of the live data before a full collection (measured in decision 117: ~85 MB live, up to ~300 MB used between
// collections), and a process that then falls quiet allocates too little to trigger another one: it keeps the garbage
// — and the resident memory — until the next burst. So once no request has been in flight for `idleMs` after some
// traffic, the process runs one full collection (V8 then returns the emptied pages). It runs at most once per quiet
// spell, never while a request is in flight; a full collection of ~100 MB takes ~50–150 ms, paid when nobody waits.
// `heapGrowingPercent` (> 0) also caps how far the old generation may grow beyond the live data between collections
// under load (V8's --heap-growing-percent; default 0 leaves V8's own factor of up to 4×).
import type { Server } from 'node:http';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleState {
  inFlight: number;
  /** When the last request finished (ms). */
  lastActivity: number;
  /** A request arrived since the last collection. */
  dirty: boolean;
}

/** Whether to collect now: traffic since the last collection, none in flight, and quiet for idleMs. */
export function shouldCollect(s: IdleState, now: number, idleMs: number): boolean {
  return s.dirty && s.inFlight === 0 && now - s.lastActivity >= idleMs;
}

export interface IdleCollector {
  readonly collections: number;
  stop(): void;
}

export function startIdleCollection(server: Server, opts: { idleMs: number; heapGrowingPercent: number; now?: () => number }): IdleCollector {
  const now = opts.now ?? Date.now;
  if (opts.heapGrowingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(opts.heapGrowingPercent)}`);
  const state: IdleState = { inFlight: 0, lastActivity: now(), dirty: false };
  let collections = 0;
  if (!(opts.idleMs > 0)) return { get collections() { return collections; }, stop() {} };
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const onRequest = (_req: unknown, res: { once(event: 'close', fn: () => void): unknown }) => {
    state.inFlight += 1;
    state.dirty = true;
    res.once('close', () => {
      state.inFlight -= 1;
      state.lastActivity = now();
    });
  };
  server.on('request', onRequest);
  const timer = setInterval(() => {
    if (!shouldCollect(state, now(), opts.idleMs)) return;
    state.dirty = false;
    gc();
    collections += 1;
  }, Math.max(250, Math.round(opts.idleMs / 4)));
  timer.unref();
  return {
    get collections() { return collections; },
    stop() {
      clearInterval(timer);
      server.off('request', onRequest);
    },
  };
}
