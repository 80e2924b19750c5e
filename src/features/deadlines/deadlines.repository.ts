// deadlines: every open statutory clock, its ledger and its computed due date.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';

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
    .select(['id', 'ledger_json', 'settings_json', 'due', 'provisional', 'status'])
    .where('open', '=', 1)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Who the given deadlines belong to (for the moved list). */
export async function identities(ex: Executor, ids: readonly number[]) {
  const out: { id: number; agency_id: number; entity: string; entity_id: string; kind: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await ex.selectFrom('deadlines').select(['id', 'agency_id', 'entity', 'entity_id', 'kind']).where('id', 'in', ids.slice(i, i + 500)).execute()));
  }
  return out;
}

export async function updateComputed(ex: Executor, id: number, v: { due: string | null; provisional: number; status: string; open: number; updated_at: string }): Promise<void> {
  await ex.updateTable('deadlines').set(v).where('id', '=', id).execute();
}

export interface ComputedUpdate {
  id: number;
  due: string | null;
  provisional: number;
  status: string;
  open: number;
}

/** Many rows' computed values at once: one UPDATE … FROM (VALUES …) per 500 rows, in both engines (SQLite ≥ 3.33). */
export async function updateComputedMany(ex: Executor, rows: readonly ComputedUpdate[], at: string): Promise<void> {
  const pg = dialectOf(ex as Kysely<unknown>) === 'postgres';
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (pg) {
      const values = sql.join(chunk.map((r) => sql`(${r.id}::integer, ${r.due}::text, ${r.provisional}::integer, ${r.status}::text, ${r.open}::integer)`));
      await sql`update deadlines as d set due = v.due, provisional = v.provisional, status = v.status, open = v.open, updated_at = ${at}
        from (values ${values}) as v(id, due, provisional, status, open) where d.id = v.id`.execute(ex);
    } else {
      const values = sql.join(chunk.map((r) => sql`(${r.id}, ${r.due}, ${r.provisional}, ${r.status}, ${r.open})`));
      await sql`update deadlines set due = v.column2, provisional = v.column3, status = v.column4, open = v.column5, updated_at = ${at}
        from (values ${values}) as v where deadlines.id = v.column1`.execute(ex);
    }
  }
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
