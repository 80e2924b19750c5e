// What an audit worker thread does (audit-pool.ts starts it through audit.worker.mjs): for each file the pool sends,
// read it and run the rule catalogue — exactly `auditFile` — and send the audited report (with its model, which the
// cross-year pass, the stored runs and the hierarchy checks need) back. `import` jobs only read the file (the
// benchmark's import-only figure with the same threads).
//   in:  { id, kind: 'audit' | 'import', file: { bytes, filename?, contentType? }, ctx? }
//   out: { ready: true } once, when loaded; then per job { id, report } (audit) | { id, read: true } (import)
//        | { id, error } (an import job's exception; `auditFile` itself never throws)
import type { MessagePort } from 'node:worker_threads';
import type { CheckContext } from '../../core/report/rules.ts';
import { auditFile } from './audit.ts';
import { importReport } from './import/index.ts';
import type { ReportFile } from './reports.service.ts';

export interface AuditJob {
  id: number;
  kind: 'audit' | 'import';
  file: ReportFile;
  ctx?: CheckContext;
}

export function serveAuditJobs(port: MessagePort): void {
  port.on('message', (job: AuditJob) => {
    void (async () => {
      if (job.kind === 'audit') {
        port.postMessage({ id: job.id, report: await auditFile(job.file, job.ctx ?? {}) });
        return;
      }
      try {
        await importReport(job.file);
        port.postMessage({ id: job.id, read: true });
      } catch (e) {
        port.postMessage({ id: job.id, error: (e as Error).message });
      }
    })();
  });
  port.postMessage({ ready: true });
}
