// 251_deadline_figures_guard: the reply-clock trigger of the supervisors' figures (migration 215) counts a clock only
// when its application is concluded and the clock has a due date; its statements were guarded by that inside each
// statement, so every rewritten clock ran them all (eight lookups of the application a row). A calendar change
// recomputes the due dates of every open clock — open clocks of cases still running, which count nowhere — and paid
// that for each (10⁵ clocks: a day off 2.7 s → 32 s). The function now asks once per row half whether the clock can
// count (one lookup by the application's key) and runs the statements only then; what it counts is unchanged.
// PostgreSQL only: SQLite's triggers are guarded by their WHEN and cost little.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { deadlineStatements } from './215_supervision_figures.ts';

const counts = (r: string) => `${r}.entity = 'application' and ${r}.kind = 'reply' and ${r}.entity_id ~ '^[0-9]{1,9}$' and ${r}.due is not null
    and exists (select 1 from applications a where a.id = cast(${r}.entity_id as integer) and a.concluded_on is not null)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  // SET is part of the definition: replacing the function keeps migration 250's per-call planning only when restated
  await sql.raw(`create or replace function supervision_figures_deadlines() returns trigger language plpgsql
set plan_cache_mode = force_custom_plan as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    if ${counts('old')} then
    ${deadlineStatements('old', '-1').join('\n    ')}
    end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    if ${counts('new')} then
    ${deadlineStatements('new', '1').join('\n    ')}
    end if;
  end if;
  return null;
end $$`).execute(db);
}
