// 好差评 and suggestions queries for both engines (the only module of the feature that touches the database).
import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, EvaluationOrdersTable, EvaluationsTable, SuggestionsTable } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type OrderRow = Selectable<EvaluationOrdersTable>;
export type SuggestionRow = Selectable<SuggestionsTable>;

const scopeIds = (ids: readonly number[]) => (ids.length ? [...ids] : [-1]);

/**
 * `column in (ids)` with the ids bound as one array (SQLite json_each, PostgreSQL = any): the statistics of every
 * unit of a scope are one parameter and one prepared statement, not one parameter per unit (SQLite binds at most
 * 32,766, PostgreSQL 65,535).
 */
function inScope(ex: Executor, column: string, ids: readonly number[]): Expression<SqlBool> {
  const list = scopeIds(ids);
  return dialectOf(ex as unknown as Kysely<unknown>) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(cast(${list} as integer[]))`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(list)}))`;
}

// ── 办件 register ──

export async function findCase(ex: Executor, agencyId: number, caseNumber: string) {
  return ex.selectFrom('evaluation_cases').selectAll().where('agency_id', '=', agencyId).where('case_number', '=', caseNumber).executeTakeFirst();
}

export async function upsertCase(ex: Executor, row: Insertable<Database['evaluation_cases']>): Promise<number> {
  const existing = await findCase(ex, row.agency_id, row.case_number);
  if (existing) {
    await ex.updateTable('evaluation_cases').set({ service_item_code: row.service_item_code ?? null, service_item_name: row.service_item_name ?? null, concluded_on: row.concluded_on ?? null }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await ex.insertInto('evaluation_cases').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Agency ids by 统一社会信用代码 (for imports: one query per batch of rows). */
export async function agencyIdsByCodes(ex: Executor, codes: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await ex.selectFrom('agencies').select(['id', 'credit_code']).where('credit_code', 'in', codes.slice(i, i + 1000)).execute();
    for (const r of rows) out.set(r.credit_code, r.id);
  }
  return out;
}

// ── ratings ──

export async function insertEvaluation(ex: Executor, row: Insertable<EvaluationsTable>): Promise<number> {
  const r = await ex.insertInto('evaluations').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Many ratings at once, skipping those whose source id (or 办件-channel key) is already stored; returns the ids inserted. */
export async function insertEvaluationsSkippingKnown(ex: Executor, rows: readonly Insertable<EvaluationsTable>[]): Promise<number[]> {
  if (!rows.length) return [];
  const out = await ex.insertInto('evaluations').values([...rows]).onConflict((oc) => oc.doNothing()).returning('id').execute();
  return out.map((r) => r.id);
}

export async function knownSourceIds(ex: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ex.selectFrom('evaluations').select('source_id').where('source_id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.source_id!));
}

export async function knownOnceKeys(ex: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await ex.selectFrom('evaluations').select('once_key').where('once_key', 'in', [...keys]).execute();
  return new Set(rows.map((r) => r.once_key!));
}

export async function findEvaluation(ex: Executor, id: number): Promise<EvaluationRow | undefined> {
  return ex.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByReceipt(ex: Executor, code: string): Promise<EvaluationRow | undefined> {
  return ex.selectFrom('evaluations').selectAll().where('receipt_code', '=', code).executeTakeFirst();
}

export async function receiptExists(ex: Executor, code: string): Promise<boolean> {
  return Boolean(await ex.selectFrom('evaluations').select('id').where('receipt_code', '=', code).executeTakeFirst());
}

export interface EvaluationFilter {
  agencyIds: readonly number[] | null;
  from?: string | undefined;
  to?: string | undefined;
  level?: number | undefined;
  bad?: boolean | undefined;
  channel?: string | undefined;
}

function evalWhere(f: EvaluationFilter) {
  return (eb: ExpressionBuilder<Database, 'evaluations'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.agencyIds) c.push(eb('agency_id', 'in', scopeIds(f.agencyIds)));
    if (f.from) c.push(eb('rated_on', '>=', f.from));
    if (f.to) c.push(eb('rated_on', '<=', f.to));
    if (f.level) c.push(eb('level', '=', f.level));
    if (f.bad) c.push(eb('level', '<=', 2));
    if (f.channel) c.push(eb('channel', '=', f.channel));
    return eb.and(c);
  };
}

export async function listEvaluations(ex: Executor, f: EvaluationFilter, limit: number, offset: number): Promise<EvaluationRow[]> {
  return ex.selectFrom('evaluations').selectAll().where(evalWhere(f)).orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countEvaluations(ex: Executor, f: EvaluationFilter): Promise<number> {
  const r = await ex.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).where(evalWhere(f)).executeTakeFirstOrThrow();
  return toNumber(r.n);
}

// ── return visits ──

export async function insertVisit(ex: Executor, row: Insertable<Database['evaluation_visits']>): Promise<number> {
  const r = await ex.insertInto('evaluation_visits').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function visitsOfOrder(ex: Executor, orderId: number) {
  return ex.selectFrom('evaluation_visits').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

// ── 差评 work orders ──

export async function insertOrder(ex: Executor, row: Insertable<EvaluationOrdersTable>): Promise<number> {
  const r = await ex.insertInto('evaluation_orders').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findOrder(ex: Executor, id: number): Promise<OrderRow | undefined> {
  return ex.selectFrom('evaluation_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function orderOfEvaluation(ex: Executor, evaluationId: number): Promise<OrderRow | undefined> {
  return ex.selectFrom('evaluation_orders').selectAll().where('evaluation_id', '=', evaluationId).executeTakeFirst();
}

/** Optimistic claim: the order at `version` gets the patch and version + 1; false when someone else changed it first. */
export async function claimOrder(ex: Executor, id: number, version: number, patch: Partial<Omit<Selectable<EvaluationOrdersTable>, 'id' | 'version'>>): Promise<boolean> {
  const r = await ex.updateTable('evaluation_orders').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appendOrderEvent(ex: Executor, row: Insertable<Database['evaluation_order_events']>): Promise<void> {
  await ex.insertInto('evaluation_order_events').values(row).execute();
}

/** An order's history, by (agency_id, order_id): the agency leads the index (decision 205). */
export async function orderEvents(ex: Executor, agencyId: number, orderId: number) {
  return ex.selectFrom('evaluation_order_events').selectAll().where('agency_id', '=', agencyId).where('order_id', '=', orderId).orderBy('id').execute();
}

export async function insertOrderFile(ex: Executor, row: Insertable<Database['evaluation_order_files']>): Promise<number> {
  const r = await ex.insertInto('evaluation_order_files').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function orderFiles(ex: Executor, agencyId: number, orderId: number) {
  return ex.selectFrom('evaluation_order_files').select(['id', 'order_id', 'filename', 'mime', 'size', 'created_at']).where('agency_id', '=', agencyId).where('order_id', '=', orderId).orderBy('id').execute();
}

/** One evidence file by its id, within the order's agency (one shard under distribution by agency). */
export async function findOrderFile(ex: Executor, agencyId: number, id: number) {
  return ex.selectFrom('evaluation_order_files').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

export interface OrderFilter {
  agencyIds: readonly number[] | null;
  states?: readonly string[] | undefined;
  /** the rated day of the 差评 (the period whose figures count the order) */
  from?: string | undefined;
  to?: string | undefined;
}

export async function listOrders(ex: Executor, f: OrderFilter, limit: number, offset: number) {
  let q = ex.selectFrom('evaluation_orders as o').innerJoin('evaluations as e', 'e.id', 'o.evaluation_id')
    .select(['o.id', 'o.agency_id', 'o.evaluation_id', 'o.state', 'o.classification', 'o.opened_on', 'o.classified_on', 'o.due_on', 'o.feedback_on', 'o.closed_on', 'o.outcome', 'o.version', 'e.receipt_code', 'e.level', 'e.comment', 'e.real_name', 'e.target_type', 'e.target_ref', 'e.channel']);
  if (f.agencyIds) q = q.where('o.agency_id', 'in', scopeIds(f.agencyIds));
  if (f.states?.length) q = q.where('o.state', 'in', [...f.states]);
  if (f.from) q = q.where('e.rated_on', '>=', f.from);
  if (f.to) q = q.where('e.rated_on', '<=', f.to);
  return q.orderBy('o.id', 'desc').limit(limit).offset(offset).execute();
}

export async function countOrders(ex: Executor, f: OrderFilter): Promise<number> {
  let q = ex.selectFrom('evaluation_orders as o').innerJoin('evaluations as e', 'e.id', 'o.evaluation_id').select((eb) => eb.fn.countAll().as('n'));
  if (f.agencyIds) q = q.where('o.agency_id', 'in', scopeIds(f.agencyIds));
  if (f.states?.length) q = q.where('o.state', 'in', [...f.states]);
  if (f.from) q = q.where('e.rated_on', '>=', f.from);
  if (f.to) q = q.where('e.rated_on', '<=', f.to);
  return toNumber((await q.executeTakeFirstOrThrow()).n);
}

// ── suggestions ──

export async function insertSuggestion(ex: Executor, row: Insertable<SuggestionsTable>): Promise<number> {
  const r = await ex.insertInto('suggestions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findSuggestion(ex: Executor, id: number): Promise<SuggestionRow | undefined> {
  return ex.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSuggestionByCode(ex: Executor, code: string): Promise<SuggestionRow | undefined> {
  return ex.selectFrom('suggestions').selectAll().where('query_code', '=', code).executeTakeFirst();
}

export async function claimSuggestion(ex: Executor, id: number, version: number, patch: Partial<Omit<SuggestionRow, 'id' | 'version'>>): Promise<boolean> {
  const r = await ex.updateTable('suggestions').set({ ...patch, version: sql<number>`version + 1` }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface SuggestionFilter {
  agencyIds: readonly number[] | null;
  states?: readonly string[] | undefined;
  result?: string | undefined;
  /** received between (inclusive) */
  from?: string | undefined;
  to?: string | undefined;
}

function suggestionWhere(f: SuggestionFilter) {
  return (eb: ExpressionBuilder<Database, 'suggestions'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.agencyIds) c.push(eb('agency_id', 'in', scopeIds(f.agencyIds)));
    if (f.states?.length) c.push(eb('state', 'in', [...f.states]));
    if (f.result) c.push(eb('result', '=', f.result));
    if (f.from) c.push(eb('received_on', '>=', f.from));
    if (f.to) c.push(eb('received_on', '<=', f.to));
    return eb.and(c);
  };
}

export async function listSuggestions(ex: Executor, f: SuggestionFilter, limit: number, offset: number): Promise<SuggestionRow[]> {
  return ex.selectFrom('suggestions').selectAll().where(suggestionWhere(f)).orderBy('id', 'desc').limit(limit).offset(offset).execute();
}

export async function countSuggestions(ex: Executor, f: SuggestionFilter): Promise<number> {
  const q = ex.selectFrom('suggestions').select((eb) => eb.fn.countAll().as('n')).where(suggestionWhere(f));
  return toNumber((await q.executeTakeFirstOrThrow()).n);
}

// ── settings ──

export async function readSettings(ex: Executor): Promise<Record<string, string>> {
  const rows = await ex.selectFrom('evaluation_settings').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function writeSetting(ex: Executor, key: string, value: string, at: string): Promise<void> {
  await ex.insertInto('evaluation_settings').values({ key, value, updated_at: at }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at })).execute();
}

// ── statistics (GROUP BY in the database: one pass per measure, any number of units; the period's ratings are read
//    from the index (agency_id, rated_on, level, channel), migration 130) ──

export interface Period { from: string; to: string }

export async function levelCountsByUnit(ex: Executor, agencyIds: readonly number[] | null, p: Period) {
  let q = ex.selectFrom('evaluations').select(['agency_id', 'level', (eb) => eb.fn.countAll().as('n')]).where('rated_on', '>=', p.from).where('rated_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'agency_id', agencyIds));
  const rows = await q.groupBy(['agency_id', 'level']).execute();
  return rows.map((r) => ({ agencyId: r.agency_id, level: Number(r.level), n: toNumber(r.n) }));
}

export async function channelCounts(ex: Executor, agencyIds: readonly number[] | null, p: Period) {
  let q = ex.selectFrom('evaluations').select(['channel', (eb) => eb.fn.countAll().as('n')]).where('rated_on', '>=', p.from).where('rated_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'agency_id', agencyIds));
  const rows = await q.groupBy('channel').execute();
  return rows.map((r) => ({ channel: r.channel, n: toNumber(r.n) }));
}

export async function monthCounts(ex: Executor, agencyIds: readonly number[] | null, p: Period) {
  const month = sql<string>`substr(rated_on, 1, 7)`;
  let q = ex.selectFrom('evaluations').select([month.as('month'), (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum<number>(sql`case when level <= 2 then 1 else 0 end`).as('bad')])
    .where('rated_on', '>=', p.from).where('rated_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'agency_id', agencyIds));
  const rows = await q.groupBy(month).execute();
  return rows.map((r) => ({ month: r.month, n: toNumber(r.n), bad: toNumber(r.bad) }));
}

export async function visitCountsByUnit(ex: Executor, agencyIds: readonly number[] | null, p: Period) {
  let q = ex.selectFrom('evaluation_visits').select(['agency_id', (eb) => eb.fn.countAll().as('n')]).where('visited_on', '>=', p.from).where('visited_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'agency_id', agencyIds));
  const rows = await q.groupBy('agency_id').execute();
  return rows.map((r) => ({ agencyId: r.agency_id, n: toNumber(r.n) }));
}

/** 差评 work orders of ratings in the period, by unit: all, closed, visited, overdue-answered and still-open-past-due. */
export async function orderCountsByUnit(ex: Executor, agencyIds: readonly number[] | null, p: Period, today: string) {
  let q = ex.selectFrom('evaluation_orders as o').innerJoin('evaluations as e', 'e.id', 'o.evaluation_id')
    .select([
      'o.agency_id',
      (eb) => eb.fn.countAll().as('n'),
      (eb) => eb.fn.sum<number>(sql`case when o.state = 'closed' then 1 else 0 end`).as('closed'),
      (eb) => eb.fn.sum<number>(sql`case when exists (select 1 from evaluation_visits v where v.order_id = o.id) then 1 else 0 end`).as('visited'),
      (eb) => eb.fn.sum<number>(sql`case when e.real_name = 1 then 1 else 0 end`).as('named'),
      (eb) => eb.fn.sum<number>(sql`case when e.real_name = 1 and exists (select 1 from evaluation_visits v where v.order_id = o.id) then 1 else 0 end`).as('named_visited'),
      (eb) => eb.fn.sum<number>(sql`case when o.due_on is not null and ((o.feedback_on is not null and o.feedback_on > o.due_on) or (o.feedback_on is null and o.state <> 'closed' and o.due_on < ${today})) then 1 else 0 end`).as('overdue'),
    ])
    .where('e.rated_on', '>=', p.from).where('e.rated_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'o.agency_id', agencyIds));
  const rows = await q.groupBy('o.agency_id').execute();
  return rows.map((r) => ({ agencyId: r.agency_id, n: toNumber(r.n), closed: toNumber(r.closed), visited: toNumber(r.visited), named: toNumber(r.named), namedVisited: toNumber(r.named_visited), overdue: toNumber(r.overdue) }));
}

export async function suggestionCountsByUnit(ex: Executor, agencyIds: readonly number[] | null, p: Period) {
  let q = ex.selectFrom('suggestions').select([
    'agency_id',
    (eb) => eb.fn.countAll().as('n'),
    (eb) => eb.fn.sum<number>(sql`case when result = 'adopted' then 1 else 0 end`).as('adopted'),
    (eb) => eb.fn.sum<number>(sql`case when result = 'rectified' then 1 else 0 end`).as('rectified'),
  ]).where('received_on', '>=', p.from).where('received_on', '<=', p.to);
  if (agencyIds) q = q.where(inScope(ex, 'agency_id', agencyIds));
  const rows = await q.groupBy('agency_id').execute();
  return rows.map((r) => ({ agencyId: r.agency_id, n: toNumber(r.n), adopted: toNumber(r.adopted), rectified: toNumber(r.rectified) }));
}

/** Return visits (回访) made in the period, with the rating they belong to; no rater data is selected. */
export interface VisitFilter { agencyIds: readonly number[] | null; from?: string | undefined; to?: string | undefined }

function visitWhere(f: VisitFilter) {
  return (eb: ExpressionBuilder<Database, 'evaluation_visits'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.agencyIds) c.push(eb('evaluation_visits.agency_id', 'in', scopeIds(f.agencyIds)));
    if (f.from) c.push(eb('evaluation_visits.visited_on', '>=', f.from));
    if (f.to) c.push(eb('evaluation_visits.visited_on', '<=', f.to));
    return eb.and(c);
  };
}

export async function listVisits(ex: Executor, f: VisitFilter, limit: number, offset: number) {
  return ex.selectFrom('evaluation_visits').innerJoin('evaluations as e', 'e.id', 'evaluation_visits.evaluation_id').where(visitWhere(f))
    .select(['evaluation_visits.id', 'evaluation_visits.agency_id', 'evaluation_visits.evaluation_id', 'evaluation_visits.order_id', 'evaluation_visits.visited_on',
      'evaluation_visits.visitor', 'evaluation_visits.method', 'evaluation_visits.said', 'e.receipt_code', 'e.level', 'e.rated_on'])
    .orderBy('evaluation_visits.visited_on', 'desc').orderBy('evaluation_visits.id', 'desc').limit(limit).offset(offset).execute();
}

export async function countVisits(ex: Executor, f: VisitFilter): Promise<number> {
  const q = ex.selectFrom('evaluation_visits').select((eb) => eb.fn.countAll().as('n')).where(visitWhere(f));
  return toNumber((await q.executeTakeFirstOrThrow()).n);
}
