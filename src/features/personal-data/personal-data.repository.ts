// Kysely queries of the personal-data feature: the access log and the (re-)encryption passes over applications,
// the mail outbox and every other sealed column (SQLite and PostgreSQL).
import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
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

/** The stored columns of one table that a (re-)encryption pass rewrites (personal-data.service SEALED_TABLES). */
export interface SealedTableColumns {
  table: string;
  /** envelope columns */
  columns: readonly string[];
  /** keyed-hash columns recomputed with them (column → the envelope column it hashes) */
  hashes: Readonly<Record<string, string>>;
}

/**
 * Rows of `t.table` after `afterId` with a value in one of its columns that is not an envelope starting with `prefix`
 * ('pd1:' = plaintext; 'pd1:<keyId>:' = not under that key), or with a value but without its hash.
 */
export async function sealedRowsToRewrite(db: Executor, t: SealedTableColumns, prefix: string, afterId: number, limit: number): Promise<Record<string, string | number | null>[]> {
  const pat = `${prefix}%`;
  const stale: RawBuilder<unknown>[] = [
    ...t.columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} <> '' and ${sql.ref(c)} not like ${pat})`),
    ...Object.entries(t.hashes).map(([h, c]) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} <> '' and ${sql.ref(h)} is null)`),
  ];
  const cols = [...new Set(['id', ...t.columns, ...Object.keys(t.hashes)])].map((c) => sql.ref(c));
  const r = await sql<Record<string, string | number | null>>`select ${sql.join(cols)} from ${sql.table(t.table)} where id > ${afterId} and (${sql.join(stale, sql` or `)}) order by id limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * Writes the rewritten values of one row, only if its columns still hold what was read (compare-and-set: a value
 * the application wrote meanwhile is already under the current key and stays). True when the row was written.
 */
export async function rewriteSealedRow(db: Executor, table: string, id: number, before: Readonly<Record<string, string | number | null>>, after: Readonly<Record<string, string | null>>): Promise<boolean> {
  const sets = Object.entries(after).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
  const same = Object.keys(after).map((c) => (before[c] === null || before[c] === undefined ? sql`${sql.ref(c)} is null` : sql`${sql.ref(c)} = ${before[c]}`));
  const r = await sql`update ${sql.table(table)} set ${sql.join(sets)} where id = ${id} and ${sql.join(same, sql` and `)}`.execute(db);
  return Number(r.numAffectedRows ?? 0) === 1;
}
