// Shared coordination rows of several server processes on one database (migration 095_cluster).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';

/** Every cache counter (a handful of rows: one cheap query per poll). */
export async function readGenerations(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('cache_generations').select(['name', 'generation']).execute();
  return new Map(rows.map((r) => [r.name, Number(r.generation)]));
}

/** Adds one to a cache counter (creating it), returns the new value. */
export async function bumpGeneration(db: Kysely<Database>, name: string, at: string): Promise<number> {
  const row = await db
    .insertInto('cache_generations')
    .values({ name, generation: 1, updated_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ generation: sql<number>`cache_generations.generation + 1`, updated_at: at }))
    .returning('generation')
    .executeTakeFirstOrThrow();
  return Number(row.generation);
}

/** Creates the job's row (due now) when missing. */
export async function ensureJob(db: Kysely<Database>, name: string, now: string): Promise<void> {
  await db.insertInto('job_leases').values({ name, holder: null, lease_until: null, next_run_at: now, last_started_at: null, last_finished_at: null, last_error: null })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
}

/**
 * Takes the job's lease when the job is due and nobody holds a live lease: one conditional UPDATE, so of several
 * processes asking at once exactly one gets the row. True when this holder got it.
 */
export async function claimJob(db: Kysely<Database>, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const r = await db.updateTable('job_leases')
    .set({ holder, lease_until: until, last_started_at: now })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Extends a lease this holder still holds (long jobs). False when the lease was lost. */
export async function renewJob(db: Kysely<Database>, name: string, holder: string, until: string): Promise<boolean> {
  const r = await db.updateTable('job_leases').set({ lease_until: until }).where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends this holder's lease and sets when the job is due next. */
export async function finishJob(db: Kysely<Database>, name: string, holder: string, p: { now: string; next: string; error: string | null }): Promise<void> {
  await db.updateTable('job_leases')
    .set({ holder: null, lease_until: null, next_run_at: p.next, last_finished_at: p.now, last_error: p.error })
    .where('name', '=', name).where('holder', '=', holder).execute();
}

export function listJobs(db: Kysely<Database>): Promise<Array<{ name: string; holder: string | null; lease_until: string | null; next_run_at: string; last_started_at: string | null; last_finished_at: string | null; last_error: string | null }>> {
  return db.selectFrom('job_leases').selectAll().orderBy('name').execute();
}
