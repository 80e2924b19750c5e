// deadlines: every open statutory clock, its ledger and its computed due date.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { dialectOf, toNumber } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import { fromEpochDay, toEpochDay } from '../../core/calendar/date.ts';

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
  plain_from?: string | null;
  plain_workdays?: number | null;
  plain_soon?: number | null;
}

const COLUMNS = ['id', 'agency_id', 'entity', 'entity_id', 'kind', 'ledger_json', 'settings_json', 'due', 'provisional', 'status', 'open', 'updated_at'] as const;

/** A clock as its readers see it (the view deadline_clocks: an open plain clock's values through its key, decision 285). */
export async function findDeadline(ex: Executor, entity: string, entityId: string, kind: string): Promise<DeadlineRow | undefined> {
  return ex.selectFrom('deadline_clocks').select(COLUMNS).where('entity', '=', entity).where('entity_id', '=', entityId).where('kind', '=', kind).executeTakeFirst();
}

/** The generation in force (0 before the first calendar change), as a subquery for the row a write stores. */
const currentGeneration = sql<number>`(select coalesce(max(gen), 0) from deadline_plain_generations)`;

/** Writes the row's values as computed now: they are what its readers see until the next calendar change. */
export async function upsertDeadline(ex: Executor, row: Omit<DeadlineRow, 'id'>): Promise<number> {
  const existing = await ex.selectFrom('deadlines').select('id').where('entity', '=', row.entity).where('entity_id', '=', row.entity_id).where('kind', '=', row.kind).executeTakeFirst();
  if (existing) {
    await ex.updateTable('deadlines').set({ ...row, plain_gen: currentGeneration }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const r = await ex.insertInto('deadlines').values({ ...row, plain_gen: currentGeneration }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** An open plain clock's kept key result newer than its own values (the view deadline_clocks' join), column `col`. */
const keyResult = (col: 'due' | 'provisional') => sql.raw(`(select k.${col} from deadline_plain_results k where k.plain_from = deadlines.plain_from
  and k.plain_workdays = deadlines.plain_workdays and k.plain_soon = deadlines.plain_soon and k.gen > deadlines.plain_gen)`);

/**
 * Closes the entity's open clocks. A closed clock keeps the due date and provisional flag it was last read with: an open
 * plain clock's come from its key result when that is newer than its own (a closed clock is never read through a key).
 */
export async function closeDeadlines(ex: Executor, entity: string, entityId: string, at: string, kind?: string): Promise<number> {
  let q = ex.updateTable('deadlines').set({
    open: 0, status: 'closed', updated_at: at,
    due: sql`coalesce(${keyResult('due')}, due)`, provisional: sql`coalesce(${keyResult('provisional')}, provisional)`,
  }).where('entity', '=', entity).where('entity_id', '=', entityId).where('open', '=', 1);
  if (kind) q = q.where('kind', '=', kind);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Open deadlines in id order, a page at a time (keyset), with what recomputation needs and who they belong to, as
 * their readers see them (deadline_clocks).
 * `replay`: only the clocks the set-based statement did not recompute — no formula inputs (`plain_from` null), or a
 * receipt date outside `range` — read through deadlines_replay_idx (open, plain_from, id) one group at a time.
 */
export async function openDeadlinesPage(ex: Executor, afterId: number, limit: number, replay?: { group: 'none' | 'before' | 'after'; range: PlainRange }) {
  let q = ex
    .selectFrom('deadline_clocks')
    .select(['id', 'agency_id', 'entity', 'entity_id', 'kind', 'ledger_json', 'settings_json', 'due', 'provisional', 'status', 'plain_from'])
    .where('open', '=', 1)
    .where('id', '>', afterId);
  if (replay?.group === 'none') q = q.where('plain_from', 'is', null);
  else if (replay?.group === 'before') q = q.where('plain_from', '<', replay.range.from);
  else if (replay?.group === 'after') q = q.where('plain_from', '>', replay.range.to);
  return q.orderBy('id').limit(limit).execute();
}

/** Receipt dates whose plain clocks the working-day table can answer for (any replyWorkdays ≤ 400). */
export interface PlainRange {
  from: string;
  to: string;
}

/** The largest replyWorkdays resolveSettings accepts: the table reaches that far past the last receipt date it serves. */
const MAX_WORKDAYS = 400;
/** The working-day table spans today ± 3 years: 2,193 dates. */
const WINDOW_DAYS = 1096;

/**
 * The calendar as two temporary tables for one transaction: gk_days (every date of the calendar's range with the
 * running count of working days `cum` and of provisional days `pcum` up to and including it) and gk_workdays (each
 * working day by its ordinal `cum`). Then addWorkdays(d, n) is gk_workdays[gk_days[d].cum + n], workdaysBetween(a, b)
 * is gk_days[b].cum − gk_days[a].cum — the prefix sums core/calendar builds, in SQL.
 */
async function loadWorkdayTables(ex: Executor, calendar: Calendar, pg: boolean, today: string): Promise<PlainRange | null> {
  const bounds = calendar.bounds();
  // a window around today (open clocks are received in the last months; the rest is replayed by the engine)
  const first = Math.max(toEpochDay(bounds.from), toEpochDay(today) - WINDOW_DAYS);
  const last = Math.min(toEpochDay(bounds.to), toEpochDay(today) + WINDOW_DAYS);
  if (first > last) return null;
  const from = fromEpochDay(first);
  const day: string[] = [];
  const cum: number[] = [];
  const pcum: number[] = [];
  const prov: number[] = [];
  let c = 0;
  let p = 0;
  for (let n = first; n <= last; n++) {
    const d = fromEpochDay(n);
    const pv = calendar.isProvisional(d) ? 1 : 0;
    c += calendar.isWorkday(d) ? 1 : 0;
    p += pv;
    day.push(d);
    cum.push(c);
    pcum.push(p);
    prov.push(pv);
  }
  await sql`drop table if exists gk_days`.execute(ex);
  await sql`drop table if exists gk_workdays`.execute(ex);
  await sql`create temporary table gk_days (day text primary key, cum integer not null, pcum integer not null, prov integer not null)`.execute(ex);
  await sql`create temporary table gk_workdays (cum integer primary key, day text not null, pcum integer not null)`.execute(ex);
  if (pg) {
    await sql`insert into gk_days select * from unnest(${day}::text[], ${cum}::integer[], ${pcum}::integer[], ${prov}::integer[])`.execute(ex);
  } else {
    for (let i = 0; i < day.length; i += 1000) {
      const rows = [];
      for (let k = i; k < Math.min(day.length, i + 1000); k++) rows.push(sql`(${day[k]}, ${cum[k]}, ${pcum[k]}, ${prov[k]})`);
      await sql`insert into gk_days (day, cum, pcum, prov) values ${sql.join(rows)}`.execute(ex);
    }
  }
  // a working day is the first date of its cum value that is a working day: the one whose cum exceeds the day before's
  await sql`insert into gk_workdays (cum, day, pcum) select cum, min(day), min(pcum) from gk_days where cum > 0 group by cum`.execute(ex);
  if (pg) await sql`analyze gk_days, gk_workdays`.execute(ex);
  // the last receipt date from which MAX_WORKDAYS working days still fall inside the table
  const top = c - MAX_WORKDAYS;
  if (top < 1) return null;
  const safe = await sql<{ day: string }>`select day from gk_workdays where cum = ${top}`.execute(ex);
  return safe.rows[0] ? { from, to: safe.rows[0].day } : null;
}

/** A clock whose due date moved, as the calendar change reports it (the deadlines service's MovedRecord). */
export interface PlainMoved {
  id: number;
  agencyId: number;
  entity: string;
  entityId: string;
  kind: string;
  oldDue: string | null;
  newDue: string;
}

/**
 * PostgreSQL: no JIT compilation for the rest of the calendar change's transaction. The recomputation's statements read
 * up to 10⁶ rows once, so their estimated cost is above jit_above_cost, and compiling them (inlining, optimisation)
 * took longer than running them (10⁶ clocks: 2.5 s of a 3.9 s statement).
 */
export async function withoutJit(ex: Executor): Promise<void> {
  if (dialectOf(ex as Kysely<unknown>) === 'postgres') await sql`set local jit = off`.execute(ex);
}

/**
 * Opens a new calendar generation (decision 285): the next number after the last one, with the change's time. Every
 * row the recomputation writes carries it (`plain_gen`), and so does every key result it keeps.
 */
export async function beginGeneration(ex: Executor, at: string): Promise<number> {
  // PostgreSQL: a second calendar change waits here for the first to commit and then takes the next number (SQLite
  // serialises writing transactions anyway)
  if (dialectOf(ex as Kysely<unknown>) === 'postgres') await sql`lock table deadline_plain_generations in share row exclusive mode`.execute(ex);
  const last = await ex.selectFrom('deadline_plain_generations').select((eb) => eb.fn.max('gen').as('gen')).executeTakeFirst();
  const gen = toNumber(last?.gen ?? 0) + 1;
  await ex.insertInto('deadline_plain_generations').values({ gen, at }).execute();
  return gen;
}

/**
 * PostgreSQL: the keys to compute without reading every open clock — each receipt date of an open clock in `range` (a
 * skip scan of deadlines_replay_idx (open, plain_from, id): one index probe per date) with each (working days, due-soon
 * threshold) pair of any clock (a skip scan of deadlines_plain_pair_idx). A key no clock has is computed for nothing and
 * read by none.
 */
function keysByIndex(range: PlainRange) {
  return sql`with recursive f(day) as (
      (select plain_from from deadlines where open = 1 and plain_from >= ${range.from} and plain_from <= ${range.to} order by plain_from limit 1)
      union all
      select (select d.plain_from from deadlines d where d.open = 1 and d.plain_from > f.day and d.plain_from <= ${range.to} order by d.plain_from limit 1)
      from f where f.day is not null),
    p(workdays, soon) as (
      (select plain_workdays, plain_soon from deadlines where plain_workdays is not null and plain_soon is not null order by plain_workdays, plain_soon limit 1)
      union all
      select x.plain_workdays, x.plain_soon from p cross join lateral (select d.plain_workdays, d.plain_soon from deadlines d
        where (d.plain_workdays, d.plain_soon) > (p.workdays, p.soon) and d.plain_soon is not null order by d.plain_workdays, d.plain_soon limit 1) x)
    select f.day as plain_from, p.workdays as plain_workdays, p.soon as plain_soon from f cross join p where f.day is not null`;
}

/**
 * Computes with `calendar` the result of every key (receipt date, working days, due-soon threshold) of an open plain
 * clock (200_deadline_plain_clock) received inside the working-day table, into the temporary table gk_keys — with the
 * generation and time at which each key's result last changed (this generation unless the key's stored result is the
 * same) — and returns the open plain clocks whose due date moved (the due date they were read with before, the key's
 * new one) and the range of receipt dates covered; null when the calendar's range cannot serve `today` (then every
 * clock is replayed by the engine). Nothing is written to `deadlines`: `keepPlainResults` stores gk_keys once the
 * engine has replayed the rest. The formula is core/deadlines/plain.ts's: due = the replyWorkdays-th working day after
 * receipt; asOf = max(today, receipt); 'overdue' after due, 'due_soon' within dueSoonWorkdays, provisional when any
 * day from receipt to due is.
 */
export async function preparePlainResults(ex: Executor, calendar: Calendar, today: string, gen: number, at: string): Promise<{ range: PlainRange; moved: PlainMoved[] } | null> {
  const pg = dialectOf(ex as Kysely<unknown>) === 'postgres';
  const range = await loadWorkdayTables(ex, calendar, pg, today);
  if (!range || today < range.from || today > calendar.bounds().to) return null;
  const asOf = sql`case when k.plain_from > ${today} then k.plain_from else ${today} end`;
  await sql`drop table if exists gk_keys`.execute(ex);
  await sql`create temporary table gk_keys (plain_from text not null, plain_workdays integer not null, plain_soon integer not null,
    due text not null, provisional integer not null, status text not null, changed_gen integer not null, updated_at text not null,
    primary key (plain_from, plain_workdays, plain_soon))`.execute(ex);
  const same = sql`o.due = c.due and o.provisional = c.provisional and o.status = c.status`;
  await sql`insert into gk_keys (plain_from, plain_workdays, plain_soon, due, provisional, status, changed_gen, updated_at)
    select c.plain_from, c.plain_workdays, c.plain_soon, c.due, c.provisional, c.status,
      case when o.gen is not null and ${same} then o.changed_gen else ${gen} end,
      case when o.gen is not null and ${same} then o.updated_at else ${at} end
    from (
      select k.plain_from, k.plain_workdays, k.plain_soon, w.day as due,
        case when w.pcum - f.pcum + f.prov > 0 then 1 else 0 end as provisional,
        case when ${asOf} > w.day then 'overdue' when w.cum - a.cum <= k.plain_soon then 'due_soon' else 'on_time' end as status
      from (${pg ? keysByIndex(range) : sql`select distinct plain_from, plain_workdays, plain_soon from deadlines
            where open = 1 and plain_from is not null and plain_from >= ${range.from} and plain_from <= ${range.to}`}) k
      join gk_days f on f.day = k.plain_from
      join gk_workdays w on w.cum = f.cum + k.plain_workdays
      join gk_days a on a.day = ${asOf}
    ) c
    left join deadline_plain_results o on o.plain_from = c.plain_from and o.plain_workdays = c.plain_workdays and o.plain_soon = c.plain_soon`.execute(ex);
  if (pg) await sql`analyze gk_keys`.execute(ex);
  // the due date each clock was read with before: its key's previous result when it followed it, else its own
  const before = sql`case when o.gen is null then d.due else o.due end`;
  const from = sql`from deadlines d
    join gk_keys n on n.plain_from = d.plain_from and n.plain_workdays = d.plain_workdays and n.plain_soon = d.plain_soon
    left join deadline_plain_results o on o.plain_from = d.plain_from and o.plain_workdays = d.plain_workdays and o.plain_soon = d.plain_soon and o.gen > d.plain_gen
    where d.open = 1 and d.plain_from is not null and d.plain_from >= ${range.from} and d.plain_from <= ${range.to}
      and ${pg ? sql`${before} is distinct from n.due` : sql`${before} is not n.due`}`;
  if (!pg) {
    const rows = (await sql<{ id: number; agency_id: number; entity: string; entity_id: string; kind: string; old_due: string | null; new_due: string }>`
      select d.id, d.agency_id, d.entity, d.entity_id, d.kind, ${before} as old_due, n.due as new_due ${from} order by d.id`.execute(ex)).rows;
    return { range, moved: rows.map((m) => ({ id: Number(m.id), agencyId: Number(m.agency_id), entity: m.entity, entityId: m.entity_id, kind: m.kind, oldDue: m.old_due, newDue: m.new_due })) };
  }
  // PostgreSQL: per owner (agency, entity, kind), the moved clocks' ids, entity ids and due dates as four JSON arrays in
  // the same order — hundreds of values to read instead of 10⁵–10⁶ rows
  const groups = (await sql<{ agency_id: number; entity: string; kind: string; ids: string; entity_ids: string; old_dues: string; new_dues: string }>`
    select d.agency_id, d.entity, d.kind, array_to_json(array_agg(d.id))::text as ids, array_to_json(array_agg(d.entity_id))::text as entity_ids,
      array_to_json(array_agg(${before}))::text as old_dues, array_to_json(array_agg(n.due))::text as new_dues
    ${from} group by d.agency_id, d.entity, d.kind`.execute(ex)).rows;
  const moved: PlainMoved[] = [];
  for (const g of groups) {
    const agencyId = Number(g.agency_id);
    const ids = JSON.parse(g.ids) as number[];
    const entityIds = JSON.parse(g.entity_ids) as string[];
    const oldDues = JSON.parse(g.old_dues) as (string | null)[];
    const newDues = JSON.parse(g.new_dues) as string[];
    for (let i = 0; i < ids.length; i++) moved.push({ id: ids[i]!, agencyId, entity: g.entity, entityId: entityIds[i]!, kind: g.kind, oldDue: oldDues[i]!, newDue: newDues[i]! });
  }
  return { range, moved };
}

/**
 * Replaces the kept key results with gk_keys as generation `gen` (`prepared`), or with none when the set-based
 * computation could not run (every clock was then replayed and written by the engine); drops the temporary tables.
 */
export async function keepPlainResults(ex: Executor, gen: number, prepared: boolean): Promise<void> {
  await sql`delete from deadline_plain_results`.execute(ex);
  if (prepared) {
    await sql`insert into deadline_plain_results (plain_from, plain_workdays, plain_soon, due, provisional, status, gen, changed_gen, updated_at)
      select plain_from, plain_workdays, plain_soon, due, provisional, status, ${gen}, changed_gen, updated_at from gk_keys`.execute(ex);
  }
  for (const t of ['gk_keys', 'gk_days', 'gk_workdays']) await sql.raw(`drop table if exists ${t}`).execute(ex);
}

export interface ComputedUpdate {
  id: number;
  due: string | null;
  provisional: number;
  status: string;
  open: number;
}

/**
 * Many rows' computed values at once. PostgreSQL: one UPDATE … FROM unnest(arrays) per 5,000 rows (five parameters
 * whatever the size); SQLite (≥ 3.33): one UPDATE … FROM (VALUES …) per 500 rows.
 */
export async function updateComputedMany(ex: Executor, rows: readonly ComputedUpdate[], at: string, gen: number): Promise<void> {
  const pg = dialectOf(ex as Kysely<unknown>) === 'postgres';
  const size = pg ? 5000 : 500;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (pg) {
      await sql`update deadlines as d set due = v.due, provisional = v.provisional, status = v.status, open = v.open, updated_at = ${at}, plain_gen = ${gen}
        from unnest(${chunk.map((r) => r.id)}::integer[], ${chunk.map((r) => r.due)}::text[], ${chunk.map((r) => r.provisional)}::integer[], ${chunk.map((r) => r.status)}::text[], ${chunk.map((r) => r.open)}::integer[])
          as v(id, due, provisional, status, open) where d.id = v.id`.execute(ex);
    } else {
      const values = sql.join(chunk.map((r) => sql`(${r.id}, ${r.due}, ${r.provisional}, ${r.status}, ${r.open})`));
      await sql`update deadlines set due = v.column2, provisional = v.column3, status = v.column4, open = v.column5, updated_at = ${at}, plain_gen = ${gen}
        from (values ${values}) as v where deadlines.id = v.column1`.execute(ex);
    }
  }
}

export async function listDeadlines(ex: Executor, q: { agencyIds: readonly number[] | null; open?: boolean; limit: number; offset: number }) {
  let s = ex.selectFrom('deadline_clocks').select(COLUMNS);
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
