import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { pendingMigrations, pingDatabase } from './health.repository.ts';

export interface Readiness {
  /** Send traffic here: the database answers, every migration has run and the process is not shutting down. */
  ready: boolean;
  database: boolean;
  /** Migrations this code ships that the database has not run (another process may be running them). */
  pendingMigrations: string[];
  shuttingDown: boolean;
}

export interface HealthService {
  /** true when the database answers within `timeoutMs`. */
  check(timeoutMs?: number): Promise<boolean>;
  /** For a load balancer (`/readyz`). */
  readiness(timeoutMs?: number): Promise<Readiness>;
  /** From now on readiness says no (graceful shutdown: the balancer stops sending before the process stops). */
  markShuttingDown(): void;
}

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export function createHealthService(db: Kysely<Database>): HealthService {
  let shuttingDown = false;
  return {
    async check(timeoutMs = 2000) {
      try {
        await within(pingDatabase(db), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async readiness(timeoutMs = 2000) {
      try {
        const pending = await within(pendingMigrations(db), timeoutMs);
        return { ready: pending.length === 0 && !shuttingDown, database: true, pendingMigrations: pending, shuttingDown };
      } catch {
        return { ready: false, database: false, pendingMigrations: [], shuttingDown };
      }
    },
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}
