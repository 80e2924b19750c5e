// 247_supervision_runs_agency_key: the reports, findings and cell corrections of an audit run (督查体检) carry the run's
// agency_id — the supervising agency that ran it, whose staff read and triage them — and their indexes lead with it
// (decision 205: ready for distribution by agency, a run and its rows on one node). The agency a report or finding is
// about stays in subject_agency_id (the rankings read it by its own index).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

const ofRun = (table: string) => `select p.agency_id from audit_runs p where p.id = ${table}.run_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'audit_run_reports', ofRun('audit_run_reports'), [
    { drop: 'audit_run_reports_run_idx', name: 'audit_run_reports_agency_idx', columns: ['run_id', 'ordinal'] },
  ]);
  await addAgencyKey(db, 'audit_findings', ofRun('audit_findings'), [
    { drop: 'audit_findings_run_idx', name: 'audit_findings_agency_idx', columns: ['run_id', 'id'] },
    // a decision carries over to the next run of the same supervising agency by fingerprint
    { drop: 'audit_findings_fp_idx', name: 'audit_findings_agency_fp_idx', columns: ['fingerprint', 'id'] },
    // a report's findings per rule (the rankings and heatmap join them to the report on (agency_id, report_id))
    { drop: 'audit_findings_report_idx', name: 'audit_findings_agency_report_idx', columns: ['report_id', 'rule'] },
  ]);
  await addAgencyKey(db, 'audit_cell_corrections', ofRun('audit_cell_corrections'), [
    { drop: 'audit_cell_corrections_report_idx', name: 'audit_cell_corrections_agency_report_idx', columns: ['report_id', 'id'] },
    { drop: 'audit_cell_corrections_run_idx', name: 'audit_cell_corrections_agency_run_idx', columns: ['run_id', 'state'] },
  ]);
}
