// 180_supervision_rankings_indexes: the comparisons and rankings across the agencies below a supervisor (decision 180)
// read, per agency, the applications concluded in a year, the latest audited report of the agency's year and that
// report's findings. Each index leads with the key the query is scoped by (decision 116: an agency's rows are found
// without reading other agencies'):
//  - applications (agency_id, concluded_on): the outcome mix and the share answered in time by the year of conclusion;
//  - audit_run_reports (subject_agency_id, year, id): the latest audited report of an agency's year;
//  - audit_findings (report_id, rule): a report's findings counted per rule (the heatmap) and per severity.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_agency_concluded_idx').on('applications').columns(['agency_id', 'concluded_on']).execute();
  await db.schema.createIndex('audit_run_reports_subject_idx').on('audit_run_reports').columns(['subject_agency_id', 'year', 'id']).execute();
  await db.schema.createIndex('audit_findings_report_idx').on('audit_findings').columns(['report_id', 'rule']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_findings_report_idx').execute();
  await db.schema.dropIndex('audit_run_reports_subject_idx').execute();
  await db.schema.dropIndex('applications_agency_concluded_idx').execute();
}
