import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { pingDatabase } from './health.repository.ts';

export interface HealthService {
  /** true when the database answers within `timeoutMs`. */
  check(timeoutMs?: number): Promise<boolean>;
}

export function createHealthService(db: Kysely<Database>): HealthService {
  return {
    async check(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          pingDatabase(db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
          }),
        ]);
        return true;
      } catch {
        return false;
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
  };
}
