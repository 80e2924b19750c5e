// deadlines: every open statutory clock, its ledger and its computed due date.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface DeadlineRow {
  id: number;
  agency_id: number;
  entity: string;
  entity_id: string;
  kind: string;
  ledger_json: string;
  settings_json: string | null;
  due: string | null;
  provisional: number;
  status: string;
  open: number;
  updated_at: string;
}

const COLUMNS = ['id', 'agency_id', 'entity', 'entity_id', 'kind', 'ledger_json', 'settings_json', 'due', 'provisional', 'status', 'open', 'updated_at'] as const;

export async function findDeadline(ex: Executor, entity: string, entityId: string, kind: string): Promise<DeadlineRow | undefined> {
  return ex.selectFrom('deadlines').select(COLUMNS).where('entity', '=', entity).where('entity_id', '=', entityId).where('kind', '=', kind).executeTakeFirst();
}

export async function upsertDeadline(ex: Executor, row: Omit<DeadlineRow, 'id'>): Promise<number> {
  const existing = await findDeadline(ex, row.entity, row.entity_id, row.kind);
  if (existing) {
    await ex.updateTable('deadlines').set(row).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await ex.insertInto('deadlines').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function closeDeadlines(ex: Executor, entity: string, entityId: string, at: string, kind?: string): Promise<number> {
  let q = ex.updateTable('deadlines').set({ open: 0, status: 'closed', updated_at: at }).where('entity', '=', entity).where('entity_id', '=', entityId).where('open', '=', 1);
  if (kind) q = q.where('kind', '=', kind);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Open deadlines in id order, a page at a time (keyset), with only what recomputation needs. */
export async function openDeadlinesPage(ex: Executor, afterId: number, limit: number) {
  return ex
    .selectFrom('deadlines')
    .select(['id', 'agency_id', 'entity', 'entity_id', 'kind', 'ledger_json', 'settings_json', 'due', 'provisional', 'status'])
    .where('open', '=', 1)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateComputed(ex: Executor, id: number, v: { due: string | null; provisional: number; status: string; open: number; updated_at: string }): Promise<void> {
  await ex.updateTable('deadlines').set(v).where('id', '=', id).execute();
}

export async function listDeadlines(ex: Executor, q: { agencyIds: readonly number[] | null; open?: boolean; limit: number; offset: number }) {
  let s = ex.selectFrom('deadlines').select(COLUMNS);
  let c = ex.selectFrom('deadlines').select((eb) => eb.fn.countAll().as('n'));
  if (q.agencyIds) {
    s = s.where('agency_id', 'in', q.agencyIds.length ? [...q.agencyIds] : [-1]);
    c = c.where('agency_id', 'in', q.agencyIds.length ? [...q.agencyIds] : [-1]);
  }
  if (q.open !== undefined) {
    s = s.where('open', '=', q.open ? 1 : 0);
    c = c.where('open', '=', q.open ? 1 : 0);
  }
  const rows = await s.orderBy('due').orderBy('id').limit(q.limit).offset(q.offset).execute();
  const total = toNumber((await c.executeTakeFirst())?.n);
  return { rows, total };
}
