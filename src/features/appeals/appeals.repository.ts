// Kysely queries for 复议/诉讼 cases (SQLite and PostgreSQL).
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type AppealRow = Selectable<Database['appeal_cases']>;

export async function insertAppeal(db: Executor, row: Insertable<Database['appeal_cases']>): Promise<number> {
  const r = await db.insertInto('appeal_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export function findAppeal(db: Executor, id: number): Promise<AppealRow | undefined> {
  return db.selectFrom('appeal_cases').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateAppeal(db: Executor, id: number, expected: number, patch: Updateable<Database['appeal_cases']>): Promise<boolean> {
  const r = await db.updateTable('appeal_cases').set({ ...patch, version: expected + 1 }).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export function listAppeals(db: Executor, agencyIds: readonly number[] | null, applicationId?: number): Promise<AppealRow[]> {
  let q = db.selectFrom('appeal_cases').selectAll();
  if (agencyIds) q = agencyIds.length ? q.where('agency_id', 'in', agencyIds) : q.where('id', '=', -1);
  if (applicationId !== undefined) q = q.where('application_id', '=', applicationId);
  return q.orderBy('filed_on', 'desc').orderBy('id', 'desc').execute();
}
export function findApplicationAgency(db: Executor, applicationId: number): Promise<{ agency_id: number; concluded_on: string | null } | undefined> {
  return db.selectFrom('applications').select(['agency_id', 'concluded_on']).where('id', '=', applicationId).executeTakeFirst();
}
