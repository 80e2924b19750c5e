// calendar_years and calendar_day_edits: the administrator's changes on top of the shipped notices.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface YearRow {
  year: number;
  data_json: string;
  notices: string;
  imported_by: number | null;
  updated_at: string;
  version: number;
}
export interface EditRow {
  date: string;
  workday: number;
  name: string | null;
  reason: string;
  edited_by: number | null;
  updated_at: string;
}

export async function loadYears(ex: Executor): Promise<YearRow[]> {
  return ex.selectFrom('calendar_years').select(['year', 'data_json', 'notices', 'imported_by', 'updated_at', 'version']).orderBy('year').execute();
}

export async function loadEdits(ex: Executor): Promise<EditRow[]> {
  return ex.selectFrom('calendar_day_edits').select(['date', 'workday', 'name', 'reason', 'edited_by', 'updated_at']).orderBy('date').execute();
}

/** A cheap fingerprint of the stored calendar: changes whenever a year or an edit is written. */
export async function calendarRevision(ex: Executor): Promise<string> {
  // one statement (every deadline shown or computed reads it): both tables' counts and latest changes as subqueries
  const r = await ex
    .selectNoFrom((eb) => [
      eb.selectFrom('calendar_years').select((y) => y.fn.countAll().as('n')).as('yn'),
      eb.selectFrom('calendar_years').select((y) => y.fn.max('updated_at').as('m')).as('ym'),
      eb.selectFrom('calendar_day_edits').select((e) => e.fn.countAll().as('n')).as('en'),
      eb.selectFrom('calendar_day_edits').select((e) => e.fn.max('updated_at').as('m')).as('em'),
    ])
    .executeTakeFirstOrThrow();
  return `${toNumber(r.yn)}|${String(r.ym ?? '')}|${toNumber(r.en)}|${String(r.em ?? '')}`;
}

export async function findYear(ex: Executor, year: number): Promise<YearRow | undefined> {
  return ex.selectFrom('calendar_years').select(['year', 'data_json', 'notices', 'imported_by', 'updated_at', 'version']).where('year', '=', year).executeTakeFirst();
}

export async function upsertYear(ex: Executor, row: { year: number; data_json: string; notices: string; imported_by: number | null; at: string }): Promise<void> {
  const existing = await findYear(ex, row.year);
  if (existing) {
    await ex
      .updateTable('calendar_years')
      .set({ data_json: row.data_json, notices: row.notices, imported_by: row.imported_by, updated_at: row.at, version: existing.version + 1 })
      .where('year', '=', row.year)
      .execute();
  } else {
    await ex
      .insertInto('calendar_years')
      .values({ year: row.year, data_json: row.data_json, notices: row.notices, imported_by: row.imported_by, created_at: row.at, updated_at: row.at })
      .execute();
  }
}

export async function findEdit(ex: Executor, date: string): Promise<EditRow | undefined> {
  return ex.selectFrom('calendar_day_edits').select(['date', 'workday', 'name', 'reason', 'edited_by', 'updated_at']).where('date', '=', date).executeTakeFirst();
}

export async function upsertEdit(ex: Executor, row: { date: string; workday: boolean; name: string | null; reason: string; edited_by: number | null; at: string }): Promise<void> {
  const existing = await findEdit(ex, row.date);
  const values = { workday: row.workday ? 1 : 0, name: row.name, reason: row.reason, edited_by: row.edited_by, updated_at: row.at };
  if (existing) await ex.updateTable('calendar_day_edits').set(values).where('date', '=', row.date).execute();
  else await ex.insertInto('calendar_day_edits').values({ date: row.date, created_at: row.at, ...values }).execute();
}
