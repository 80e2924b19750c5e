// Benchmark (issue 3): recompute 100,000 open deadlines after a calendar change — limit 2 s — against a
// loop that only reads the same rows. In memory, then in the database through the deadlines service
// (SQLite always; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set).
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { BenchContext, BenchRow } from './run.ts';
import { openDatabase, type OpenDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createDeadlinesService } from '../src/features/deadlines/deadlines.service.ts';
import { openDeadlinesPage } from '../src/features/deadlines/deadlines.repository.ts';
import type { Calendar } from '../src/core/calendar/index.ts';
import { createCalendar, SHIPPED_YEARS, applyDayEdits, type YearData } from '../src/core/calendar/index.ts';
import { computeDeadline, type Ledger } from '../src/core/deadlines/index.ts';
import { addDays } from '../src/core/calendar/date.ts';

export const name = 'calendar';
export const title = '工作日日历与期限重算 / calendar & deadline recomputation';

const N = 100_000;
const LIMIT_MS = 2_000;

/** 100,000 varied ledgers (plain, consultation, 补正, extension) received 2019–2026, as stored JSON text. */
export function sampleLedgers(n = N): { id: number; ledger_json: string }[] {
  const rows: { id: number; ledger_json: string }[] = [];
  for (let i = 0; i < n; i++) {
    const received = addDays('2019-01-02', (i * 7919) % 2900);
    const events: Ledger['events'] = [];
    switch (i % 4) {
      case 1:
        events.push({ type: 'consultation_started', date: addDays(received, 3) }, { type: 'consultation_ended', date: addDays(received, 10) });
        break;
      case 2:
        events.push({ type: 'correction_requested', date: addDays(received, 2) }, { type: 'correction_received', date: addDays(received, 9) });
        break;
      case 3:
        events.push({ type: 'extension_approved', date: addDays(received, 20), workdays: 10 });
        break;
    }
    rows.push({ id: i + 1, ledger_json: JSON.stringify({ received, events }) });
  }
  return rows;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** The calendar after an edit that moves many deadlines: 2024-10-08 becomes a day off. */
function editedCalendar(): Calendar {
  const y2024 = SHIPPED_YEARS.find((y) => y.year === 2024) as YearData;
  return createCalendar(SHIPPED_YEARS.map((y) => (y.year === 2024 ? applyDayEdits(y2024, [{ date: '2024-10-08', workday: false, reason: 'bench' }]) : y)));
}

/** 100,000 open deadlines in a fresh database; then: read-only loop vs recompute (one transaction, with the updates). */
async function dbRows(label: string, database: OpenDatabase, rows: { id: number; ledger_json: string }[]): Promise<BenchRow[]> {
  const { db } = database;
  await migrateToLatest(database);
  const at = '2026-01-01T00:00:00.000Z';
  const agency = await db
    .insertInto('agencies')
    .values({ name: '基准测试机关', credit_code: `BENCH${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 18), kind: 'department', parent_id: null, short_name: null, address: null, office_hours: null, phone: null, fax: null, email: null, website: null, postcode: null, work_body_name: null, review_body_name: null, created_at: at, updated_at: at } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const shipped = createCalendar(SHIPPED_YEARS);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('deadlines')
        .values(rows.slice(i, i + 1000).map((r) => {
          const d = computeDeadline(JSON.parse(r.ledger_json), shipped, null, undefined, { explain: false });
          return { agency_id: agency.id, entity: 'bench', entity_id: String(r.id), kind: 'reply', ledger_json: r.ledger_json, settings_json: null, due: d.due, provisional: d.provisional ? 1 : 0, status: d.status, open: 1, updated_at: at };
        }))
        .execute();
    }
  });
  // steady state: the seeding transaction's pages checkpointed out of the WAL (SQLite), statistics fresh (PostgreSQL)
  if (database.dialect === 'sqlite') await sql.raw('pragma wal_checkpoint(TRUNCATE)').execute(db);
  else await sql.raw('analyze deadlines').execute(db);
  const newCal = editedCalendar();
  const deadlines = createDeadlinesService(db, { calendar: async () => newCal, clock: () => new Date('2019-01-01T00:00:00Z') });
  let sink = 0;
  const readMs = await timeAsync(async () => {
    await db.transaction().execute(async (trx) => {
      let after = 0;
      for (;;) {
        const page = await openDeadlinesPage(trx, after, 2000);
        if (!page.length) break;
        after = page[page.length - 1]!.id;
        for (const r of page) sink += (JSON.parse(r.ledger_json) as Ledger).events.length;
        if (page.length < 2000) break;
      }
    });
  });
  let moved = 0;
  const recomputeMs = await timeAsync(async () => {
    await db.transaction().execute(async (trx) => {
      moved = (await deadlines.recomputeOpen(trx, newCal)).length;
    });
  });
  if (sink === -1) console.log(sink);
  const readLabel = `${label}: read ${N.toLocaleString('en')} open deadlines`;
  const recLabel = `${label}: recompute ${N.toLocaleString('en')} open deadlines`;
  return [
    { label: readLabel, value: readMs, unit: 'ms' },
    { label: recLabel, value: recomputeMs, unit: 'ms', baseline: readLabel, note: `ratio = recompute / read; ${moved} due dates moved (updated in the same transaction)` },
    { label: `${label}: limit 2 s / recompute`, value: LIMIT_MS, unit: 'ms', baseline: recLabel, limit: 1, note: 'must be ≥ 1: recompute under 2 s' },
  ];
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  const rows = sampleLedgers();
  let calendar = createCalendar(SHIPPED_YEARS);
  const rebuildMs = time(() => {
    calendar = editedCalendar();
  });
  let sink = 0;
  // warm-up (JIT) on a slice, so both loops are measured hot
  for (const r of rows.slice(0, 5000)) sink += computeDeadline(JSON.parse(r.ledger_json), calendar, null, undefined, { explain: false }).workdaysUsed;
  // best of 3, alternating, so both loops see the same machine load
  let readMs = Infinity;
  let recomputeMs = Infinity;
  for (let k = 0; k < 3; k++) {
    readMs = Math.min(readMs, time(() => {
      for (const r of rows) sink += (JSON.parse(r.ledger_json) as Ledger).events.length;
    }));
    recomputeMs = Math.min(recomputeMs, time(() => {
      for (const r of rows) {
        const d = computeDeadline(JSON.parse(r.ledger_json), calendar, null, undefined, { explain: false });
        sink += d.due ? 1 : 0;
      }
    }));
  }
  const addMs = time(() => {
    for (let i = 0; i < N; i++) sink += calendar.addWorkdays(addDays('2019-01-02', i % 2900), 20).length;
  });
  if (sink === -1) console.log(sink);
  const out: BenchRow[] = [
    { label: 'calendar rebuild after an edit (createCalendar)', value: rebuildMs, unit: 'ms' },
    { label: `${N.toLocaleString('en')} × addWorkdays(d, 20)`, value: addMs, unit: 'ms' },
    { label: `memory: read ${N.toLocaleString('en')} ledgers (parse only)`, value: readMs, unit: 'ms' },
    { label: `memory: recompute ${N.toLocaleString('en')} deadlines`, value: recomputeMs, unit: 'ms', baseline: `memory: read ${N.toLocaleString('en')} ledgers (parse only)`, note: 'ratio = recompute / read' },
    { label: 'memory: limit 2 s / recompute', value: LIMIT_MS, unit: 'ms', baseline: `memory: recompute ${N.toLocaleString('en')} deadlines`, limit: 1, note: 'must be ≥ 1: recompute under 2 s' },
  ];

  // SQLite (always)
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-bench-cal-'));
  const lite = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
  try {
    out.push(...(await dbRows('sqlite', lite, rows)));
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // PostgreSQL (when configured): a throw-away schema
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const schema = `bench_cal_${randomBytes(4).toString('hex')}`;
    const pgdb = await openDatabase(pgUrl, { schema, poolSize: 2 });
    try {
      out.push(...(await dbRows('postgres', pgdb, rows)));
    } finally {
      await sql.raw(`drop schema if exists "${schema}" cascade`).execute(pgdb.db);
      await pgdb.close();
    }
  }
  return out;
}
