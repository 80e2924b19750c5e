// A store for @fastify/rate-limit kept in the database (rate_limits, migration 061): the anonymous limits
// (submitApplication, getApplicationStatus, sign-in floods) hold across a restart and are shared by every server
// process on the same database. One bucket per route and client key ("POST /api/applications|203.0.113.7"),
// fixed windows, one atomic upsert per request (auth.rateLimitHit).
import type { AuthService } from './auth.service.ts';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface RouteOptions { routeInfo?: { method?: string | string[]; url?: string }; groupId?: string }

export function databaseRateLimitStore(auth: Pick<AuthService, 'rateLimitHit' | 'rateLimitPeek'>) {
  return class DatabaseRateLimitStore {
    readonly prefix: string;

    constructor(opts: object = {}) {
      // the plugin passes its merged route parameters, with `routeInfo` (the route's options) added
      const options = opts as RouteOptions;
      const r = options.routeInfo ?? {};
      const method = Array.isArray(r.method) ? r.method.join(',') : (r.method ?? '');
      this.prefix = options.groupId ?? (r.url ? `${method} ${r.url}` : 'global');
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      auth.rateLimitHit(`${this.prefix}|${key}`, timeWindow).then((r) => cb(null, { current: r.hits, ttl: r.resetInMs }), (e: Error) => cb(e));
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      auth.rateLimitPeek(`${this.prefix}|${key}`, timeWindow).then((r) => cb(null, { current: r.hits, ttl: r.resetInMs }), (e: Error) => cb(e));
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}
