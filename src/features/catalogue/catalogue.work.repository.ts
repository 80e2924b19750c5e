// Catalogue queries of the work queue (both engines): items waiting in the publication workflow, and
// 规章 / 行政规范性文件 without a linked 政策解读.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface WaitingRow {
  id: number;
  agency_id: number;
  index_no: string;
  title: string;
  state: string;
  kind: string;
  formed_on: string;
  created_by: number | null;
}

/** Working versions in the given workflow states, in the agencies given (null = every agency). */
export async function itemsInStates(db: Executor, agencyIds: readonly number[] | null, states: readonly string[]): Promise<WaitingRow[]> {
  let q = db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'v.title', 'v.state', 'v.kind', 'v.formed_on', 'v.created_by'])
    .where('v.state', 'in', [...states])
    .where('i.withdrawn_on', 'is', null);
  if (agencyIds) q = q.where('i.agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1]);
  return (await q.orderBy('i.id').limit(1000).execute()) as WaitingRow[];
}

/** 规章 / 行政规范性文件 (working version not withdrawn) that no 政策解读 is linked to. */
export async function policiesWithoutInterpretation(db: Executor, agencyIds: readonly number[] | null): Promise<WaitingRow[]> {
  let q = db
    .selectFrom('catalogue_items as i')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.agency_id', '=', 'i.agency_id').onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.working_version'))
    .select(['i.id', 'i.agency_id', 'i.index_no', 'v.title', 'v.state', 'v.kind', 'v.formed_on', 'v.created_by'])
    .where('v.kind', 'in', ['rule', 'normative'])
    .where('i.withdrawn_on', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('catalogue_links as l').select('l.policy_id').whereRef('l.agency_id', '=', 'i.agency_id').whereRef('l.policy_id', '=', 'i.id'))));
  if (agencyIds) q = q.where('i.agency_id', 'in', agencyIds.length ? [...agencyIds] : [-1]);
  return (await q.orderBy('i.id').limit(1000).execute()) as WaitingRow[];
}
