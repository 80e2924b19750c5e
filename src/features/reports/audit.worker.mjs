// Entry of an audit worker thread (audit-pool.ts). Plain JavaScript so that it starts the same way wherever it runs:
// under the compiled server (dist/, decision 195) the job module beside it is JavaScript and is imported as it is;
// from the TypeScript sources (the CLI, the benches, the tests) there is no compiled file beside it, so the worker
// registers the tsx loader itself (decision 003) — a worker thread does not take over its parent's loader hooks on
// Node 20 — and imports the TypeScript module.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';

const compiled = new URL('./audit-jobs.js', import.meta.url);
let jobs;
if (existsSync(compiled)) {
  jobs = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
  jobs = await import('./audit-jobs.ts');
}
jobs.serveAuditJobs(parentPort);
