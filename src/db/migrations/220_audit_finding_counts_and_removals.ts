// 220_audit_finding_counts_and_removals: two repairs of audit runs' findings (feature: supervision, decisions 110/175).
//  - audit_run_reports.errors_count / warnings_count are the rules' findings only (findingCounts in
//    features/reports/audit.ts): a reading problem (finding of source "import") is the reader's failure, not the
//    report's. Rows written before counted reading problems too; they are counted again from audit_findings.
//  - audit_finding_removals: the triage decision of a finding a supervisor's cell correction made no longer hold (the
//    finding row is deleted), kept by the finding's fingerprint within its run so that a withdrawal or another
//    correction that brings the finding back gives it its decision, reason, who and when again (the row is then used up).
//    agency_id is the run's (the supervising agency, decision 205: agency-led key).
import { sql, type Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await sql`update audit_run_reports set
    errors_count = (select count(*) from audit_findings f where f.report_id = audit_run_reports.id and f.source = 'rules' and f.severity = 'error'),
    warnings_count = (select count(*) from audit_findings f where f.report_id = audit_run_reports.id and f.source = 'rules' and f.severity = 'warning')`.execute(db);
  await db.schema
    .createTable('audit_finding_removals')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('carried_from', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('removed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_finding_removals_run_fp_idx').on('audit_finding_removals').columns(['agency_id', 'run_id', 'fingerprint']).execute();
}
