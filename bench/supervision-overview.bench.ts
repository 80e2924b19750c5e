// Benchmark: the supervisor's overview across agencies (督查总览) for a province-sized tree — 10,000 agencies below one
// supervising 人民政府, annual reports in every state over 5 years (first publications, reminders). Timed as the page
// does it: the campaign with its first page of agencies (getSupervisionOverview) and the 5-year grid of that page;
// and the assessment (getSupervisionAssessment) for the year. Goal: p99 ≤ 500 ms on PostgreSQL. SQLite always,
// PostgreSQL when TEST_DATABASE_URL is set. OVERVIEW_BENCH_AGENCIES sets the size, OVERVIEW_BENCH_ROUNDS the samples.
import { loadavg } from 'node:os';
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createServices } from '../src/main.ts';
import { mulberry32 } from '../src/core/random.ts';
import type { Actor } from '../src/features/shared/actor.ts';
import type { OpenDatabase } from '../src/db/connect.ts';
import { openScratchDatabase } from './scratch-database.ts';

export const name = 'supervision-overview';
export const title = '督查总览 / supervisor overview of 10,000 agencies × 5 years (p99)';

const AGENCIES = Number(process.env.OVERVIEW_BENCH_AGENCIES ?? 10_000);
const ROUNDS = Number(process.env.OVERVIEW_BENCH_ROUNDS ?? 100);
const YEARS = [2021, 2022, 2023, 2024, 2025];
const GOAL_P99 = 500;
const STATES = ['draft', 'approved', 'submitted', 'returned', 'accepted', 'published', 'published', 'published'];


/** 1 supervising government, AGENCIES departments below it, a report for most agency-years (deterministic, seed 7). */
async function generate(database: OpenDatabase): Promise<{ govId: number; ids: number[]; reports: number }> {
  const db = database.db;
  const at = '2026-01-01T00:00:00.000Z';
  const gov = await db.insertInto('agencies').values({ parent_id: null, name: '基准省人民政府', credit_code: 'BENCHOV0000000000G', kind: 'government', created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let i = 0; i < AGENCIES; i += 500) {
    const rows = Array.from({ length: Math.min(500, AGENCIES - i) }, (_, k) => ({ parent_id: gov.id, name: `基准机构-${String(i + k).padStart(5, '0')}`, credit_code: `BENCHOV${String(i + k).padStart(10, '0')}D`, kind: 'department', created_at: at, updated_at: at }));
    for (const r of await db.insertInto('agencies').values(rows as never).returning('id').execute()) ids.push(r.id);
  }
  const r = mulberry32(7);
  let reports = 0;
  for (const year of YEARS) {
    const rows: Record<string, unknown>[] = [];
    const pubs: { agency: number; on: string }[] = [];
    for (const id of ids) {
      if (r() < 0.08) continue; // not started
      const state = year < 2025 ? 'published' : STATES[Math.floor(r() * STATES.length)]!;
      rows.push({ agency_id: id, year, format: '2021', state, model_json: '{}', computed_json: '{}', overrides_json: '{}', findings_json: '[]', errors_count: Math.floor(r() * 3), warnings_count: Math.floor(r() * 4), compiled_at: at, submitted_at: state === 'draft' ? null : `${year + 1}-01-1${Math.floor(r() * 9)}T08:00:00.000Z`, created_at: at, updated_at: at });
      if (state === 'published') pubs.push({ agency: id, on: `${year + 1}-0${1 + Math.floor(r() * 2)}-${String(10 + Math.floor(r() * 18))}` });
    }
    const idOf = new Map<number, number>();
    for (let i = 0; i < rows.length; i += 500) {
      for (const x of await db.insertInto('annual_reports').values(rows.slice(i, i + 500) as never).returning(['id', 'agency_id']).execute()) idOf.set(x.agency_id, x.id);
    }
    for (let i = 0; i < pubs.length; i += 500) {
      await db.insertInto('annual_report_publications').values(pubs.slice(i, i + 500).map((p) => ({ report_id: idOf.get(p.agency)!, agency_id: p.agency, year, version_no: 1, model_json: '{}', change_note: null, published_on: p.on, published_at: `${p.on}T09:00:00.000Z`, published_by: null })) as never).execute();
    }
    reports += rows.length;
  }
  return { govId: gov.id, ids, reports };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<BenchRow[]> {
  const { database, url, cleanup } = await openScratchDatabase(engine, 'overview');
  try {
    await migrateToLatest(database);
    const g0 = performance.now();
    const { govId, ids, reports } = await generate(database);
    const gen = performance.now() - g0;
    if (engine === 'postgres') { const { sql } = await import('kysely'); await sql`analyze`.execute(database.db); }
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url }), database);
    const actor: Actor = { userId: 1, username: 'bench-supervisor', displayName: '基准督查员', role: 'supervisor', agencyId: govId, agencyName: '基准省人民政府', visibleAgencyIds: [govId, ...ids] };
    const ov = services.supervisionOverview;
    const page = async (p: number) => {
      const res = await ov.overview(actor, { year: 2025, page: p, pageSize: 50 });
      await ov.grid(actor, res.items.map((x) => x.agencyId), YEARS);
      return res;
    };
    await page(1); // warm-up
    const pageMs: number[] = [], assessMs: number[] = [];
    let total = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      total = (await page(1 + (i % 20))).total;
      pageMs.push(performance.now() - t0);
    }
    for (let i = 0; i < Math.max(5, Math.floor(ROUNDS / 5)); i++) {
      const t0 = performance.now();
      await ov.assessment(actor, { year: 2025, page: 1, pageSize: 50 });
      assessMs.push(performance.now() - t0);
    }
    const tag = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const p99 = pct(pageMs, 99);
    return [
      {
        label: `${tag}: 总览页（${AGENCIES.toLocaleString('en')} 个机关 × ${YEARS.length} 年；第四十九条统计 + 一页 50 个机关的 5 年网格）p99 / overview page p99`, value: Math.round(p99), unit: 'ms',
        note: `目标 ≤ ${GOAL_P99} ms${engine === 'postgres' ? `：${p99 <= GOAL_P99 ? '达到 / met' : '未达到 / NOT met'}` : '（目标针对 PostgreSQL）'}；p50 ${Math.round(pct(pageMs, 50))} ms；${ROUNDS} 次；${total} 个机关、${reports} 份报告；生成 ${(gen / 1000).toFixed(1)} s；负载 ${loadavg()[0]!.toFixed(1)}`,
      },
      { label: `${tag}: 考核排名（同一数据）p99 / assessment p99`, value: Math.round(pct(assessMs, 99)), unit: 'ms', note: `p50 ${Math.round(pct(assessMs, 50))} ms；${assessMs.length} 次` },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  // OVERVIEW_BENCH_ENGINES=sqlite|postgres|sqlite,postgres (default both, PostgreSQL when configured)
  const want = (process.env.OVERVIEW_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const rows: BenchRow[] = [];
  if (want.includes('postgres') && process.env.TEST_DATABASE_URL) rows.push(...(await runEngine('postgres')));
  if (want.includes('sqlite')) rows.push(...(await runEngine('sqlite')));
  return rows;
}
