// 110_supervision: the supervisor's audit runs over many annual reports (feature: supervision).
//  - audit_runs: one batch audit kept with its date, owned by the supervising agency (政务公开主管部门) that ran it;
//    source 'upload' (files) or 'platform' (the reports of the agencies below in Gongkai); summary counts; cross-year
//    results (X1/X3/X4) as JSON.
//  - audit_run_reports: one row per file of a run: what was read (agency, year, format, status, read), the model and the
//    importer's notes (JSON), the platform agency the report names when it matches one (subject_agency_id), and for a
//    report an agency sent back to answer a rectification, the report it replaces.
//  - audit_findings: each finding of a run (reading problem or rule), with its triage: pending / confirmed / dismissed
//    (with a reason) / rectification (sent to the agency). `fingerprint` (agency, year, rule, cells) carries a decision
//    over to the next run of the same supervising agency.
//  - audit_rectifications: a finding sent to the agency for rectification (整改): open → answered (the agency's answer,
//    optionally a corrected report, audited again) → resolved, or reopened by the supervisor with a comment.
import type { Kysely } from 'kysely';
import { dialectOf, idColumn } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(dialectOf(db));
  await db.schema
    .createTable('audit_runs')
    .addColumn('id', ...id)
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reports_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clean_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unreadable_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cross_year_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('audit_runs_agency_idx').on('audit_runs').columns(['agency_id', 'id']).execute();

  await db.schema
    .createTable('audit_run_reports')
    .addColumn('id', ...id)
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text')
    .addColumn('subject_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('year', 'integer')
    .addColumn('format', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('read', 'text', (c) => c.notNull())
    .addColumn('errors_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('model_json', 'text')
    .addColumn('notes_json', 'text', (c) => c.notNull())
    .addColumn('not_checked_json', 'text', (c) => c.notNull())
    .addColumn('unread_json', 'text', (c) => c.notNull())
    .addColumn('replaces_report_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_run_reports_run_idx').on('audit_run_reports').columns(['run_id', 'ordinal']).execute();

  await db.schema
    .createTable('audit_findings')
    .addColumn('id', ...id)
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('report_id', 'integer', (c) => c.references('audit_run_reports.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('agency_name', 'text')
    .addColumn('subject_agency_id', 'integer', (c) => c.references('agencies.id'))
    .addColumn('year', 'integer')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('cells_json', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('carried_from', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('audit_findings_run_idx').on('audit_findings').columns(['run_id', 'id']).execute();
  await db.schema.createIndex('audit_findings_fp_idx').on('audit_findings').columns(['fingerprint', 'id']).execute();

  await db.schema
    .createTable('audit_rectifications')
    .addColumn('id', ...id)
    .addColumn('finding_id', 'integer', (c) => c.notNull().references('audit_findings.id'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('audit_runs.id'))
    .addColumn('supervisor_agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('response_report_id', 'integer', (c) => c.references('audit_run_reports.id'))
    .addColumn('review_comment', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('responded_by_name', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('audit_rectifications_agency_idx').on('audit_rectifications').columns(['agency_id', 'state']).execute();
  await db.schema.createIndex('audit_rectifications_sup_idx').on('audit_rectifications').columns(['supervisor_agency_id', 'state']).execute();
}
