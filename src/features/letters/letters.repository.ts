// Kysely queries for letters and versioned letter templates (SQLite and PostgreSQL).
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type LetterRow = Selectable<Database['letters']>;
export type TemplateRow = Selectable<Database['letter_templates']>;

export function latestTemplate(db: Executor, agencyId: number, kind: string): Promise<TemplateRow | undefined> {
  return db.selectFrom('letter_templates').selectAll().where('agency_id', '=', agencyId).where('kind', '=', kind).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function templateVersions(db: Executor, agencyId: number, kind: string): Promise<TemplateRow[]> {
  return db.selectFrom('letter_templates').selectAll().where('agency_id', '=', agencyId).where('kind', '=', kind).orderBy('version', 'desc').execute();
}

export async function insertTemplate(db: Executor, row: Insertable<Database['letter_templates']>): Promise<number> {
  const r = await db.insertInto('letter_templates').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertLetter(db: Executor, row: Insertable<Database['letters']>): Promise<number> {
  const r = await db.insertInto('letters').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function lettersOf(db: Executor, applicationId: number): Promise<LetterRow[]> {
  return db.selectFrom('letters').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
}

export function findLetter(db: Executor, id: number): Promise<LetterRow | undefined> {
  return db.selectFrom('letters').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countLetters(db: Executor, applicationId: number): Promise<number> {
  const r = await db.selectFrom('letters').select((eb) => eb.fn.countAll().as('n')).where('application_id', '=', applicationId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The case's code as staff see it on the case page (申请 GK…): its 查询码. */
export async function caseCodeOf(db: Executor, applicationId: number): Promise<string | null> {
  const r = await db.selectFrom('applications').select('query_code').where('id', '=', applicationId).executeTakeFirst();
  return r?.query_code ?? null;
}
