// Queries of 依申请公开转主动公开 (条例 第四十四条), both engines: the catalogue drafts made from cases
// (catalogue_items.origin_application_id), the texts compared for "the same information", the disclosed cases the
// work queue suggests, and the officer's dismissal of a suggestion.
import { sql } from 'kysely';
import type { Executor } from './applications.repository.ts';

export interface OriginDraft {
  id: number;
  index_no: string;
  origin_application_id: number;
  title: string;
  state: string;
  withdrawn_on: string | null;
}

/** Catalogue items made from these cases (their working version's title and state). */
export async function originDrafts(db: Executor, applicationIds: readonly number[]): Promise<OriginDraft[]> {
  if (applicationIds.length === 0) return [];
  const out: OriginDraft[] = [];
  for (let i = 0; i < applicationIds.length; i += 500) {
    const rows = await db
      .selectFrom('catalogue_items as i')
      .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
      .select(['i.id', 'i.index_no', 'i.origin_application_id', 'v.title', 'v.state', 'i.withdrawn_on'])
      .where('i.origin_application_id', 'in', applicationIds.slice(i, i + 500))
      .orderBy('i.id')
      .execute();
    for (const r of rows) out.push({ ...r, origin_application_id: r.origin_application_id! });
  }
  return out;
}

export interface PoolRow {
  id: number;
  applicant_key: string;
  content: string;
}

/** The agency's received applications since `since` (the texts "the same information" is looked for in). */
export function similarityPool(db: Executor, agencyId: number, since: string): Promise<PoolRow[]> {
  return db.selectFrom('applications').select(['id', 'applicant_key', 'content'])
    .where('agency_id', '=', agencyId).where('received_on', 'is not', null).where('received_on', '>=', since)
    .orderBy('id').execute();
}

export interface CandidateRow {
  id: number;
  agency_id: number;
  query_code: string;
  applicant_key: string;
  content: string;
  assigned_user_id: number | null;
  concluded_on: string | null;
}

/**
 * Disclosed cases (the outcome in force is 予以公开 / 部分公开) of an agency concluded since `since`, not dismissed and
 * with no catalogue item made from them yet: what the work queue may suggest.
 */
export function publicationCandidates(db: Executor, agencyId: number, since: string): Promise<CandidateRow[]> {
  return db.selectFrom('applications as a')
    .select(['a.id', 'a.agency_id', 'a.query_code', 'a.applicant_key', 'a.content', 'a.assigned_user_id', 'a.concluded_on'])
    .where('a.agency_id', '=', agencyId)
    .where('a.outcome', 'in', ['disclose', 'partial'])
    .where('a.publication_dismissed_at', 'is', null)
    .where('a.concluded_on', '>=', since)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('catalogue_items as c').select(sql<number>`1`.as('one')).whereRef('c.origin_application_id', '=', 'a.id'))))
    .orderBy('a.id')
    .limit(1000)
    .execute();
}

/** Records the officer's decision not to publish (optimistic: only at `expected`; bumps the version). */
export async function dismissPublication(db: Executor, id: number, expected: number, d: { at: string; by: number; reason: string | null }): Promise<boolean> {
  const r = await db.updateTable('applications')
    .set({ publication_dismissed_at: d.at, publication_dismissed_by: d.by, publication_dismissed_reason: d.reason, version: expected + 1, updated_at: d.at })
    .where('id', '=', id).where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Claims the case at `expected` (bumps the version; false when someone changed it meanwhile). */
export async function claimCase(db: Executor, id: number, expected: number, at: string): Promise<boolean> {
  const r = await db.updateTable('applications').set({ version: expected + 1, updated_at: at })
    .where('id', '=', id).where('version', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Is this user an active officer or leader (an assignee who will see the suggestion)? */
export async function activeHandler(db: Executor, userId: number | null): Promise<boolean> {
  if (userId === null) return false;
  const u = await db.selectFrom('users').select(['active', 'role']).where('id', '=', userId).executeTakeFirst();
  return !!u && u.active === 1 && (u.role === 'officer' || u.role === 'leader');
}

/** Published-or-not catalogue items by id (title and 索引号), for the draft's list of linked items. */
export function catalogueTitles(db: Executor, ids: readonly number[]): Promise<{ id: number; title: string | null; index_no: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('catalogue_items').select(['id', 'title', 'index_no']).where('id', 'in', [...ids]).execute();
}

/** A user's display name (who dismissed a suggestion). */
export async function userName(db: Executor, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name ?? null;
}

/** How many applications `similarityPool` would return and the newest id: the pool changed when either did. */
export async function poolFingerprint(db: Executor, agencyId: number, since: string): Promise<string> {
  const r = await db.selectFrom('applications').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('m')])
    .where('agency_id', '=', agencyId).where('received_on', 'is not', null).where('received_on', '>=', since)
    .executeTakeFirst();
  return `${since}|${Number(r?.n ?? 0)}|${Number(r?.m ?? 0)}`;
}
