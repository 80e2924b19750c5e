// 250_trigger_custom_plans: the row triggers that keep the supervisors' stored figures (migrations 215, 216) run
// statements whose parameters are the written row's keys. PL/pgSQL caches a plan for each after a few calls; planned
// while a table is still small it stays a sequential scan as the table grows (measured on a bench load of 10⁴
// agencies: the deadline trigger's lookup read 2.2·10⁹ rows, 654 s; planned for each call, 0 such rows, 95.8 s).
// The functions plan every call with its own values. PostgreSQL only (SQLite triggers are planned per statement).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

const FUNCTIONS = [
  'supervision_figures_applications', 'supervision_figures_deadlines', 'supervision_figures_appeals',
  'supervision_report_figures_reports', 'supervision_report_figures_findings',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const f of FUNCTIONS) await sql.raw(`alter function ${f}() set plan_cache_mode = force_custom_plan`).execute(db);
}
