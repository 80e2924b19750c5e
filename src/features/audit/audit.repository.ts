// audit_events: insert and read only. There is deliberately no update or delete function:
// the application never changes or removes an audit event.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditRow {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  agency_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

/** A stored event with its chain columns (features/audit/audit-chain.ts). */
export interface ChainedAuditRow extends AuditRow {
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface AuditQuery {
  /** null = every agency (admin); otherwise events of these agencies only. */
  agencyIds: readonly number[] | null;
  actor?: string;
  action?: string;
  entity?: string;
  agencyId?: number;
  /** inclusive, YYYY-MM-DD (UTC day) */
  from?: string;
  /** inclusive, YYYY-MM-DD (UTC day) */
  to?: string;
  limit: number;
  offset: number;
  sort?: 'at' | 'actor' | 'action';
  dir?: 'asc' | 'desc';
}

const sortColumns = { at: 'id', actor: 'actor_name', action: 'action' } as const;

export async function insertAuditEvent(trx: Executor, row: Omit<ChainedAuditRow, 'id'>): Promise<number> {
  const r = await trx.insertInto('audit_events').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

// ── the hash chain (one row, id 1, in audit_chain: the head) ──

/**
 * Takes the next chain position. The UPDATE takes the head row's lock (PostgreSQL: row lock held to
 * commit; SQLite: the database write lock), so chain appends are serialised across connections and
 * processes; it returns the new position and the hash of the event before it.
 */
export async function advanceChainHead(trx: Executor): Promise<{ seq: number; prevHash: string }> {
  const r = await trx
    .updateTable('audit_chain')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: toNumber(r.last_seq), prevHash: r.last_hash };
}

export async function completeChainAppend(trx: Executor, eventId: number, hash: string): Promise<void> {
  await trx.updateTable('audit_events').set({ hash }).where('id', '=', eventId).execute();
  await trx.updateTable('audit_chain').set({ last_hash: hash, last_id: eventId }).where('id', '=', 1).execute();
}

export async function readChainHead(db: Executor): Promise<{ lastSeq: number; lastHash: string }> {
  const r = await db.selectFrom('audit_chain').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  return r ? { lastSeq: toNumber(r.last_seq), lastHash: r.last_hash } : { lastSeq: 0, lastHash: '' };
}

/** Chained events with afterSeq < chain_seq <= uptoSeq, in chain order (keyset pages). */
export function chainedEvents(db: Executor, afterSeq: number, uptoSeq: number, limit: number): Promise<ChainedAuditRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('chain_seq', '>', afterSeq)
    .where('chain_seq', '<=', uptoSeq)
    .orderBy('chain_seq')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Events without a chain position, or beyond the given head position (never written by record()). */
export function eventsOutsideChain(db: Executor, headSeq: number, limit: number): Promise<ChainedAuditRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where((eb) => eb.or([eb('chain_seq', 'is', null), eb('chain_seq', '>', headSeq)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

function filtered(db: Executor, q: AuditQuery) {
  let s = db.selectFrom('audit_events');
  if (q.agencyIds !== null) {
    if (q.agencyIds.length === 0) s = s.where('agency_id', '=', -1);
    else s = s.where('agency_id', 'in', [...q.agencyIds]);
  }
  if (q.actor) s = s.where('actor_name', '=', q.actor);
  if (q.action) s = s.where('action', '=', q.action);
  if (q.entity) s = s.where('entity', '=', q.entity);
  if (q.agencyId !== undefined) s = s.where('agency_id', '=', q.agencyId);
  if (q.from) s = s.where('at', '>=', `${q.from}T00:00:00.000Z`);
  if (q.to) s = s.where('at', '<=', `${q.to}T23:59:59.999Z`);
  return s;
}

export async function listAuditEvents(db: Executor, q: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const dir = q.dir ?? 'desc';
  let sel = filtered(db, q).selectAll().orderBy(sortColumns[q.sort ?? 'at'], dir);
  if (q.sort && q.sort !== 'at') sel = sel.orderBy('id', 'desc');
  const rows = await sel.limit(q.limit).offset(q.offset).execute();
  const c = await filtered(db, q).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { rows, total: toNumber(c.n) };
}

export async function findAuditEvent(db: Executor, id: number): Promise<AuditRow | undefined> {
  return db.selectFrom('audit_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function distinctAuditValues(db: Executor, agencyIds: readonly number[] | null): Promise<{ actions: string[]; entities: string[] }> {
  let a = db.selectFrom('audit_events').select('action').distinct();
  let e = db.selectFrom('audit_events').select('entity').distinct();
  if (agencyIds !== null) {
    const ids = agencyIds.length ? [...agencyIds] : [-1];
    a = a.where('agency_id', 'in', ids);
    e = e.where('agency_id', 'in', ids);
  }
  const [actions, entities] = await Promise.all([a.orderBy('action').execute(), e.orderBy('entity').execute()]);
  return { actions: actions.map((r) => r.action), entities: entities.map((r) => r.entity) };
}

/** Display names of the users that events are about (entity 'user'), to show people rather than ids. */
export async function userDisplayNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [Number(r.id), r.display_name]));
}
