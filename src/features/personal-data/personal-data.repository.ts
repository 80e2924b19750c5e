// Kysely queries of the personal-data feature: the access log and the (re-)encryption passes over
// applications and the mail outbox (SQLite and PostgreSQL).
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type AccessRow = Selectable<Database['personal_data_access']>;

export async function insertAccess(db: Executor, rows: Insertable<Database['personal_data_access']>[]): Promise<void> {
  if (rows.length) await db.insertInto('personal_data_access').values(rows).execute();
}

export interface AccessFilter {
  agencyIds: readonly number[] | null;
  applicationId?: number;
  userId?: number;
}

function filtered(db: Executor, f: AccessFilter) {
  let q = db.selectFrom('personal_data_access');
  if (f.agencyIds) q = f.agencyIds.length ? q.where('agency_id', 'in', f.agencyIds) : q.where('id', '=', -1);
  if (f.applicationId !== undefined) q = q.where('application_id', '=', f.applicationId);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  return q;
}

export function listAccess(db: Executor, f: AccessFilter, limit: number, offset: number): Promise<AccessRow[]> {
  return filtered(db, f).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countAccess(db: Executor, f: AccessFilter): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type SealRow = Pick<Selectable<Database['applications']>, 'id' | 'applicant_type' | 'applicant_name' | 'applicant_key' | 'id_number' | 'phone' | 'email' | 'address' | 'phone_hash' | 'id_number_hash' | 'email_hash'>;

/**
 * Applications with a personal field that is not an envelope starting with `prefix` ('pd1:' = any key:
 * plaintext rows; 'pd1:<keyId>:' = not under that key), or without its hash, after `afterId`.
 */
export function applicationsToSeal(db: Executor, prefix: string, afterId: number, limit: number): Promise<SealRow[]> {
  const pat = `${prefix}%`;
  return db.selectFrom('applications')
    .select(['id', 'applicant_type', 'applicant_name', 'applicant_key', 'id_number', 'phone', 'email', 'address', 'phone_hash', 'id_number_hash', 'email_hash'])
    .where('id', '>', afterId)
    .where((eb) => eb.or([
      eb('phone', 'not like', pat),
      eb('phone_hash', 'is', null),
      eb.and([eb('id_number', 'is not', null), eb('id_number', '<>', ''), eb('id_number', 'not like', pat)]),
      eb.and([eb('email', 'is not', null), eb('email', '<>', ''), eb('email', 'not like', pat)]),
      eb.and([eb('address', 'is not', null), eb('address', '<>', ''), eb('address', 'not like', pat)]),
    ]))
    .orderBy('id').limit(limit).execute();
}

export async function updateSealed(db: Executor, id: number, patch: Partial<Omit<SealRow, 'id' | 'applicant_type' | 'applicant_name'>>): Promise<void> {
  await db.updateTable('applications').set(patch).where('id', '=', id).execute();
}

export function outboxToSeal(db: Executor, prefix: string, afterId: number, limit: number): Promise<{ id: number; to_address: string; body: string }[]> {
  const pat = `${prefix}%`;
  return db.selectFrom('mail_outbox').select(['id', 'to_address', 'body']).where('id', '>', afterId)
    .where((eb) => eb.or([eb('to_address', 'not like', pat), eb.and([eb('body', '<>', ''), eb('body', 'not like', pat)])]))
    .orderBy('id').limit(limit).execute();
}

export async function updateOutbox(db: Executor, id: number, patch: { to_address: string; body: string }): Promise<void> {
  await db.updateTable('mail_outbox').set(patch).where('id', '=', id).execute();
}

export function attachmentsToSeal(db: Executor, prefix: string, afterId: number, limit: number): Promise<{ id: number; content_base64: string }[]> {
  return db.selectFrom('application_attachments').select(['id', 'content_base64']).where('id', '>', afterId)
    .where('content_base64', 'not like', `${prefix}%`).orderBy('id').limit(limit).execute();
}

export async function updateAttachmentContent(db: Executor, id: number, content: string): Promise<void> {
  await db.updateTable('application_attachments').set({ content_base64: content }).where('id', '=', id).execute();
}
