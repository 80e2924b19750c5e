// Scheduled backups while `gongkai serve` runs: a background timer (unref'd: it never keeps the
// process alive) takes a backup every BACKUP_INTERVAL_HOURS into BACKUP_DIR and keeps the BACKUP_KEEP
// newest. The first one is due one interval after the newest backup found in the folder (at the
// earliest 5 minutes after start, so a restart loop cannot fill the disk and start-up stays quick).
// Each backup is logged and audited ('backup.create'); a failure (e.g. pg_dump not installed) is
// logged as an error and tried again at the next interval — the server keeps serving.
import type { Config } from '../config.ts';
import type { OpenDatabase } from '../db/connect.ts';
import { nextBackupDue, runScheduledBackup } from '../db/backup.ts';
import type { Services } from '../main.ts';

export interface BackupScheduleLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const FIRST_BACKUP_DELAY_MS = 5 * 60_000;

export function startBackupSchedule(
  config: Config,
  database: OpenDatabase,
  services: Services,
  log: BackupScheduleLog,
  clock: () => Date = () => new Date(),
  /** Several processes on one database: the backup runs in the one that gets the job's lease (decision 095). */
  exclusive?: (name: string, everyMs: number, run: () => Promise<unknown>) => Promise<boolean>,
): { stop(): void; running(): Promise<void> } {
  const { dir, intervalHours, keep } = config.backup;
  if (intervalHours <= 0) return { stop() {}, running: async () => {} };
  const intervalMs = intervalHours * 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  const schedule = (at: Date) => {
    if (stopped) return;
    // setTimeout holds at most ~24.8 days: wake up earlier and look again.
    const delay = Math.min(Math.max(0, at.getTime() - clock().getTime()), 2 ** 31 - 1);
    timer = setTimeout(() => {
      current = runOnce();
    }, delay);
    timer.unref();
  };

  async function runOnce(): Promise<void> {
    const now = clock();
    const due = nextBackupDue(dir, intervalMs, now, 0);
    if (due.getTime() > now.getTime() + 1000) return schedule(due);
    const backup = async () => {
      const r = await runScheduledBackup(config.databaseUrl, dir, keep, now);
      log.info({ file: r.file, bytes: r.bytes, pruned: r.pruned.length }, 'scheduled backup written');
      await database.db.transaction().execute((trx) =>
        services.audit.record(trx, {
          actor: { userId: null, displayName: '系统（定时备份）' },
          agencyId: null,
          action: 'backup.create',
          entity: 'backup',
          entityId: null,
          after: { file: r.file, bytes: r.bytes, engine: r.engine, pruned: r.pruned },
        }),
      );
    };
    try {
      // another process may have taken this interval's backup (half an interval: timers of processes drift apart)
      if (exclusive) await exclusive('backup', Math.floor(intervalMs / 2), backup);
      else await backup();
    } catch (e) {
      log.error({ err: (e as Error).message, dir }, '定时备份失败 / scheduled backup failed');
    }
    schedule(new Date(clock().getTime() + intervalMs));
  }

  schedule(nextBackupDue(dir, intervalMs, clock(), FIRST_BACKUP_DELAY_MS));
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    running: () => current,
  };
}
