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

/**
 * Open deadlines in id order, a page at a time (keyset), with what recomputation needs and who they belong to.
 * `replay`: only the clocks the set-based statement did not recompute — no formula inputs (`plain_from` null), or a
 * receipt date outside `range` — read through deadlines_replay_idx (open, plain_from, id) one group at a time.
 */
export async function openDeadlinesPage(ex: Executor, afterId: number, limit: number, replay?: { group: 'none' | 'before' | 'after'; range: PlainRange }) {
  let q = ex
    .selectFrom('deadlines')
    .select(['id', 'agency_id', 'entity', 'entity_id', 'kind', 'ledger_json', 'settings_json', 'due', 'provisional', 'status'])
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

export interface PlainMoved {
  id: number;
  agency_id: number;
  entity: string;
  entity_id: string;
  kind: string;
  old_due: string | null;
  new_due: string;
}

/**
 * Recomputes every open plain clock (200_deadline_plain_clock) with `calendar` in one statement per engine and
 * updates the rows whose due date, status or provisional flag changed; returns those whose due date moved and the
 * range of receipt dates it covered (the rest is replayed by the engine), or null when the calendar's range cannot
 * serve `today`. The formula is core/deadlines/plain.ts's: due = the replyWorkdays-th working day after receipt;
 * asOf = max(today, receipt); 'overdue' after due, 'due_soon' within dueSoonWorkdays, provisional when any day from
 * receipt to due is.
 */
export async function recomputePlainClocks(ex: Executor, calendar: Calendar, today: string, at: string): Promise<{ range: PlainRange; moved: PlainMoved[] } | null> {
  const pg = dialectOf(ex as Kysely<unknown>) === 'postgres';
  const range = await loadWorkdayTables(ex, calendar, pg, today);
  if (!range || today < range.from || today > calendar.bounds().to) return null;
  const asOf = sql`case when d.plain_from > ${today} then d.plain_from else ${today} end`;
  const computed = sql`select d.id, d.agency_id, d.entity, d.entity_id, d.kind, d.due as old_due, w.day as new_due,
      case when ${asOf} > w.day then 'overdue' when w.cum - a.cum <= d.plain_soon then 'due_soon' else 'on_time' end as new_status,
      case when w.pcum - f.pcum + f.prov > 0 then 1 else 0 end as new_prov
    from deadlines d
    join gk_days f on f.day = d.plain_from
    join gk_workdays w on w.cum = f.cum + d.plain_workdays
    join gk_days a on a.day = ${asOf}
    where d.open = 1 and d.plain_from is not null and d.plain_from >= ${range.from} and d.plain_from <= ${range.to}`;
  let moved: PlainMoved[];
  if (pg) {
    // one pass: the CTE is computed once from the rows before the update; the UPDATE in WITH runs to completion
    const r = await sql<PlainMoved>`with c as materialized (${computed}),
      u as (update deadlines as d set due = c.new_due, provisional = c.new_prov, status = c.new_status, updated_at = ${at}
            from c where d.id = c.id and (d.due is distinct from c.new_due or d.provisional <> c.new_prov or d.status <> c.new_status))
      select id, agency_id, entity, entity_id, kind, old_due, new_due from c where old_due is distinct from new_due`.execute(ex);
    moved = r.rows;
  } else {
    moved = (await sql<PlainMoved>`select id, agency_id, entity, entity_id, kind, old_due, new_due from (${computed}) as c where old_due is not new_due`.execute(ex)).rows;
    await sql`update deadlines set due = c.new_due, provisional = c.new_prov, status = c.new_status, updated_at = ${at}
      from (${computed}) as c where deadlines.id = c.id and (deadlines.due is not c.new_due or deadlines.provisional <> c.new_prov or deadlines.status <> c.new_status)`.execute(ex);
  }
  await sql`drop table gk_days`.execute(ex);
  await sql`drop table gk_workdays`.execute(ex);
  return { range, moved: moved.map((m) => ({ ...m, id: Number(m.id), agency_id: Number(m.agency_id) })) };
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

/**
 * Many rows' computed values at once. PostgreSQL: one UPDATE … FROM unnest(arrays) per 5,000 rows (five parameters
 * whatever the size); SQLite (≥ 3.33): one UPDATE … FROM (VALUES …) per 500 rows.
 */
export async function updateComputedMany(ex: Executor, rows: readonly ComputedUpdate[], at: string): Promise<void> {
  const pg = dialectOf(ex as Kysely<unknown>) === 'postgres';
  const size = pg ? 5000 : 500;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (pg) {
      await sql`update deadlines as d set due = v.due, provisional = v.provisional, status = v.status, open = v.open, updated_at = ${at}
        from unnest(${chunk.map((r) => r.id)}::integer[], ${chunk.map((r) => r.due)}::text[], ${chunk.map((r) => r.provisional)}::integer[], ${chunk.map((r) => r.status)}::text[], ${chunk.map((r) => r.open)}::integer[])
          as v(id, due, provisional, status, open) where d.id = v.id`.execute(ex);
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
