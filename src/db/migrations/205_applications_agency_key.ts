// 205_applications_agency_key: a case's ledger, attachments, disclosed files (and their redactions) and fee carry the
// case's agency_id, and their indexes lead with it (decision 205: ready for distribution by agency, a case and its
// records on one node; the case page reads them by (agency_id, application_id)).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

const ofApplication = (table: string) => `select p.agency_id from applications p where p.id = ${table}.application_id`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'application_events', ofApplication('application_events'), [
    { dropConstraint: 'application_events_seq_uq', name: 'application_events_agency_seq_uq', columns: ['application_id', 'seq'], unique: true },
  ]);
  await addAgencyKey(db, 'application_attachments', ofApplication('application_attachments'), [
    { drop: 'application_attachments_app_idx', name: 'application_attachments_agency_idx', columns: ['application_id', 'id'] },
  ]);
  await addAgencyKey(db, 'application_disclosures', ofApplication('application_disclosures'), [
    { drop: 'application_disclosures_app', name: 'application_disclosures_agency_idx', columns: ['application_id', 'draft_seq'] },
  ]);
  await addAgencyKey(db, 'application_fees', ofApplication('application_fees'), [
    { dropConstraint: 'application_fees_application_id_key', name: 'application_fees_agency_uq', columns: ['application_id'], unique: true },
  ]);
  await addAgencyKey(db, 'disclosure_redactions', 'select d.agency_id from application_disclosures d where d.id = disclosure_redactions.disclosure_id', [
    { drop: 'disclosure_redactions_disclosure', name: 'disclosure_redactions_agency_idx', columns: ['disclosure_id', 'id'] },
  ]);
}
