// 095_cluster: what several server processes on one database share beyond the rows themselves.
//  - cache_generations: one counter per in-process cache (catalogue pages and facet counts); a process that changes
//    what a cache holds bumps the counter, every process polls the small table and drops its copy when a counter
//    moved (features/cluster, decision 095);
//  - job_leases: one row per background job (mail flush, reminders, the daily digest); a process runs a job only while
//    it holds the row's lease, and the next run is due at next_run_at — so a job runs once per interval across all
//    processes, and a job whose process died is taken over when its lease ends;
//  - mail_outbox.lease_until / lease_holder: a message being sent is claimed by a process until this instant, so two
//    processes never send it twice and a claim of a killed process lapses.
import { type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cache_generations')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.alterTable('mail_outbox').addColumn('lease_until', 'text').execute();
  await db.schema.alterTable('mail_outbox').addColumn('lease_holder', 'text').execute();
}
