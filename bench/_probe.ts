import { generateAuditFiles } from './report-audit-files.ts';
import { auditFile } from '../src/features/reports/audit.ts';
for (const f of generateAuditFiles(process.cwd(), 20)) {
  const r = await auditFile(f);
  if (r.status !== f.expected || f.expected === 'findings') console.log(f.filename, f.template, f.expected, r.status, r.findings.filter(x=>x.severity==='error').map(x=>x.rule+':'+x.message.slice(0,60)));
}
