// 207_annual_report_agency_key: a report's workflow history (annual_report_events) carries the report's agency_id and
// is read by (agency_id, report_id) (decision 205: ready for distribution by agency).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'annual_report_events', 'select p.agency_id from annual_reports p where p.id = annual_report_events.report_id', [
    { drop: 'annual_report_events_report_idx', name: 'annual_report_events_agency_idx', columns: ['report_id', 'id'] },
  ]);
}
