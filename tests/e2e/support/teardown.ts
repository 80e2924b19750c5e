// Removes this run's SQLite file (and its WAL/SHM) from ./tmp after the browser tests.
import { rmSync } from 'node:fs';

export default function teardown(): void {
  const url = process.env.GONGKAI_E2E_DB;
  if (!url?.startsWith('file:./tmp/e2e-')) return;
  const file = url.slice('file:'.length);
  for (const suffix of ['', '-wal', '-shm', '.server.pid']) rmSync(`${file}${suffix}`, { force: true });
}
