// An audit worker (as src/features/reports/audit.worker.mjs) that misbehaves on files named for it, to test that the
// pool turns a dead or stuck worker into one `unreadable` file and goes on: `crash-*` throws outside any job (an
// uncaught exception ends the thread), `exit-*` ends the thread, `hang-*` never answers.
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
const jobs = await import('../../src/features/reports/audit-jobs.ts');
parentPort.on('message', (job) => {
  const name = job.file?.filename ?? '';
  if (name.startsWith('crash-')) throw new Error(`deliberate crash on ${name}`);
  if (name.startsWith('exit-')) process.exit(3);
  if (name.startsWith('hang-')) for (;;) { /* stuck */ }
});
jobs.serveAuditJobs(parentPort);
