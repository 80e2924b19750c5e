// An application and its reply clock inserted as a bulk loader writes them (no service, no events): the rankings and
// their stored figures are counted from these two rows. `due` null is a case without a deadline (a lapsed 补正).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/types.ts';

export interface LedgerApplication { received: string; concluded?: string; outcome?: string; due: string | null }

export async function insertApplicationWithClock(db: Kysely<Database>, agencyId: number, o: LedgerApplication, key: { code: string; name: string; stamp: string }): Promise<number> {
  const r = await db.insertInto('applications').values({
    agency_id: agencyId, query_code: key.code, channel: 'online', submitted_on: o.received, received_on: o.received, applicant_type: 'natural_person', applicant_name: key.name,
    phone: '13800000000', applicant_key: key.code.toLowerCase(), content: `${key.name}申请`, provide_form: '电子邮件', obtain_method: '电子邮件', fee_waiver_requested: 0,
    state: o.concluded ? 'closed' : 'received', outcome: o.outcome ?? null, concluded_on: o.concluded ?? null, created_at: key.stamp, updated_at: key.stamp,
  } as never).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('deadlines').values({
    agency_id: agencyId, entity: 'application', entity_id: String(r.id), kind: 'reply', ledger_json: '[]', settings_json: null, due: o.due, provisional: 0,
    status: o.concluded ? 'closed' : 'on_time', open: o.concluded ? 0 : 1, updated_at: key.stamp,
  }).execute();
  return r.id;
}
