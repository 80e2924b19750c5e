// 206_catalogue_agency_key: an item's versions, attachments, events and its 政策解读 links carry the item's agency_id,
// and their keys lead with it (decision 205: an item and its records on one node under distribution by agency; the
// item page and every list join a version by (agency_id, item_id, version_no)).
import type { Kysely } from 'kysely';
import { addAgencyKey } from '../agency-key.ts';

const ofItem = (table: string, column = 'item_id') => `select p.agency_id from catalogue_items p where p.id = ${table}.${column}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await addAgencyKey(db, 'catalogue_versions', ofItem('catalogue_versions'), [
    { dropConstraint: 'catalogue_versions_uq', name: 'catalogue_versions_agency_uq', columns: ['item_id', 'version_no'], unique: true },
  ]);
  await addAgencyKey(db, 'catalogue_attachments', ofItem('catalogue_attachments'), [
    { drop: 'catalogue_attachments_item_idx', name: 'catalogue_attachments_agency_idx', columns: ['item_id', 'version_no'] },
  ]);
  await addAgencyKey(db, 'catalogue_events', ofItem('catalogue_events'), [
    { drop: 'catalogue_events_item_idx', name: 'catalogue_events_agency_idx', columns: ['item_id', 'id'] },
  ]);
  // a link joins a policy and its interpretation of one agency: the policy's agency
  await addAgencyKey(db, 'catalogue_links', ofItem('catalogue_links', 'policy_id'), [
    { dropConstraint: 'catalogue_links_pk', name: 'catalogue_links_agency_uq', columns: ['policy_id', 'interpretation_id'], unique: true },
    { drop: 'catalogue_links_interp_idx', name: 'catalogue_links_agency_interp_idx', columns: ['interpretation_id'] },
  ]);
}
