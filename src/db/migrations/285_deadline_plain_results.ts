// 285_deadline_plain_results: a plain clock's result (core/deadlines/plain.ts) depends only on its key — receipt date,
// working days, due-soon threshold — and the calendar; 10⁶ open clocks share a few thousand keys. After a calendar
// change the results are kept once per key and read through that key, so the change writes thousands of rows instead
// of one per moved clock (decision 285):
//  - deadline_plain_results: one row per key of an open plain clock, rewritten by every calendar change (gen = that
//    change's generation); `changed_gen` / `updated_at`: the generation and time at which the key's result last changed;
//  - deadline_plain_generations: one row per calendar change (gen, at), consecutive from 1;
//  - deadlines.plain_gen: the generation in force when the row's own due / provisional / status were written (track,
//    the engine's replay); 0 for rows written before this migration;
//  - deadlines_plain_pair_idx (plain_workdays, plain_soon): the pairs in use, read by a skip scan (PostgreSQL);
//  - the view deadline_clocks: every clock with the values a reader must see. An open clock whose key has a result of a
//    later generation than its own values takes the key's due / provisional / status; its updated_at is the time its
//    seen values last changed: the key's `updated_at` when the key's result changed after the clock first followed it
//    (generation plain_gen + 1), else its own updated_at when its own values equal the key's, else the time of
//    generation plain_gen + 1. Every other clock is the row as stored.
// PostgreSQL: the reply-clock trigger of the supervisors' figures (migrations 215, 251) fires once per UPDATE statement
// with transition tables instead of once per row (the engine's replay rewrites up to 5,000 rows a statement); what it
// counts is unchanged. Insert and delete stay row triggers.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/** The view's select (also the reference the tests read). */
export const DEADLINE_CLOCKS_VIEW = `select d.id, d.agency_id, d.entity, d.entity_id, d.kind, d.ledger_json, d.settings_json, d.open,
    d.plain_from, d.plain_workdays, d.plain_soon, d.plain_gen,
    case when k.gen is null then d.due else k.due end as due,
    case when k.gen is null then d.provisional else k.provisional end as provisional,
    case when k.gen is null then d.status else k.status end as status,
    case when k.gen is null then d.updated_at
      when k.changed_gen > d.plain_gen + 1 then k.updated_at
      when d.due = k.due and d.provisional = k.provisional and d.status = k.status then d.updated_at
      else (select g.at from deadline_plain_generations g where g.gen = d.plain_gen + 1) end as updated_at
  from deadlines d
  left join deadline_plain_results k on d.open = 1 and k.plain_from = d.plain_from and k.plain_workdays = d.plain_workdays
    and k.plain_soon = d.plain_soon and k.gen > d.plain_gen`;

const replyClock = (r: string) => `${r}.entity = 'application' and ${r}.kind = 'reply' and ${r}.entity_id ~ '^[0-9]{1,9}$' and ${r}.due is not null`;
const changed = ['entity', 'entity_id', 'kind', 'due'].map((c) => `o.${c} is distinct from n.${c}`).join(' or ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema.createTable('deadline_plain_generations')
    .addColumn('gen', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('deadline_plain_results')
    .addColumn('plain_from', 'text', (c) => c.notNull())
    .addColumn('plain_workdays', 'integer', (c) => c.notNull())
    .addColumn('plain_soon', 'integer', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('gen', 'integer', (c) => c.notNull())
    .addColumn('changed_gen', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deadline_plain_results_pk', ['plain_from', 'plain_workdays', 'plain_soon'])
    .execute();
  await db.schema.alterTable('deadlines').addColumn('plain_gen', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql.raw(`create view deadline_clocks as ${DEADLINE_CLOCKS_VIEW}`).execute(db);
  // the (working days, due-soon threshold) pairs in use, found by a skip scan (never rewritten by a recomputation)
  await db.schema.createIndex('deadlines_plain_pair_idx').on('deadlines').columns(['plain_workdays', 'plain_soon']).execute();
  if (!pg) return;

  // one aggregate per statement: the rows whose counted columns changed, old contribution out, new one in
  await sql.raw(`create function supervision_figures_deadlines_update() returns trigger language plpgsql
set plan_cache_mode = force_custom_plan as $$
begin
  insert into supervision_figures (agency_id, year, with_deadline, on_time)
  select a.agency_id, cast(substr(a.concluded_on, 1, 4) as integer), sum(s.sg), sum(case when a.concluded_on <= s.due then s.sg else 0 end)
  from (
    select case when ${replyClock('o')} then cast(o.entity_id as integer) end as app_id, o.due, -1 as sg
      from gk_old_clocks o join gk_new_clocks n on n.id = o.id where ${changed}
    union all
    select case when ${replyClock('n')} then cast(n.entity_id as integer) end, n.due, 1
      from gk_old_clocks o join gk_new_clocks n on n.id = o.id where ${changed}
  ) s
  join applications a on a.id = s.app_id and a.concluded_on is not null
  group by 1, 2
  order by 1, 2
  on conflict (agency_id, year) do update set with_deadline = supervision_figures.with_deadline + excluded.with_deadline,
    on_time = supervision_figures.on_time + excluded.on_time;
  return null;
end $$`).execute(db);
  await sql`drop trigger supervision_figures_deadlines_update on deadlines`.execute(db);
  await sql`create trigger supervision_figures_deadlines_update after update on deadlines
    referencing old table as gk_old_clocks new table as gk_new_clocks
    for each statement execute function supervision_figures_deadlines_update()`.execute(db);
}
