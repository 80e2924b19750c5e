// Benchmark: comparisons and rankings (decision 180) for a province-sized tree — RANKINGS_BENCH_AGENCIES (10,000)
// departments below one supervising 人民政府, each with applications over two years (their reply deadlines, some late,
// some lapsed), a few 复议 / 诉讼 and one audited report per agency and year with 0–4 findings. Timed as the pages do it:
// the first page of the ranking by each metric (getSupervisionRankings), a page of the heatmap (getSupervisionHeatmap),
// and the whole XLSX export. Goal (as the overview's): p99 ≤ 500 ms on PostgreSQL for a page. SQLite always,
// PostgreSQL when TEST_DATABASE_URL is set (RANKINGS_BENCH_ENGINES narrows); RANKINGS_BENCH_ROUNDS sets the samples.
import { loadavg } from 'node:os';
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createServices } from '../src/main.ts';
import { mulberry32 } from '../src/core/random.ts';
import { METRICS } from '../src/core/supervision/rankings.ts';
import type { Actor } from '../src/features/shared/actor.ts';
import type { OpenDatabase } from '../src/db/connect.ts';
import { openScratchDatabase } from './scratch-database.ts';
import { rankingsWorkbook } from '../src/features/supervision/supervision.rankings-export.ts';

export const name = 'supervision-rankings';
export const title = '比较与排名 / rankings and heatmap of 10,000 agencies (p99)';

const AGENCIES = Number(process.env.RANKINGS_BENCH_AGENCIES ?? 10_000);
const ROUNDS = Number(process.env.RANKINGS_BENCH_ROUNDS ?? 40);
const GOAL_P99 = 500;
const OUTCOMES = ['disclose', 'disclose', 'partial', 'withhold_third_party', 'unavailable_not_held', 'decline_repeat', 'other_withdrawn'];
const RULES = ['E1', 'I1', 'I2', 'W-blank', 'W-label'];

async function chunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) await insert(rows.slice(i, i + 400));
}

/** Deterministic data (seed 11): per agency and year 0–5 applications, a deadline each, appeals now and then, an audit. */
export async function generate(database: OpenDatabase): Promise<{ govId: number; ids: number[]; applications: number; findings: number }> {
  const db = database.db;
  const at = '2026-01-01T00:00:00.000Z';
  const gov = await db.insertInto('agencies').values({ parent_id: null, name: '排名基准省人民政府', credit_code: 'BENCHRK0000000000G', kind: 'government', created_at: at, updated_at: at } as never).returning('id').executeTakeFirstOrThrow();
  const ids: number[] = [];
  await chunks(Array.from({ length: AGENCIES }, (_, i) => i), async (part) => {
    const rows = part.map((i) => ({ parent_id: gov.id, name: `排名基准机构-${String(i).padStart(5, '0')}`, credit_code: `BENCHRK${String(i).padStart(10, '0')}D`, kind: 'department', created_at: at, updated_at: at }));
    for (const r of await db.insertInto('agencies').values(rows as never).returning('id').execute()) ids.push(r.id);
  });
  const r = mulberry32(11);
  const day = (year: number) => `${year}-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-${String(1 + Math.floor(r() * 27)).padStart(2, '0')}`;
  let applications = 0, findings = 0, q = 0;
  for (const year of [2024, 2025]) {
    const apps: Record<string, unknown>[] = [];
    const meta: { agency: number; due: string | null }[] = [];
    const appeals: Record<string, unknown>[] = [];
    for (const id of ids) {
      const count = Math.floor(r() * 6);
      for (let k = 0; k < count; k++) {
        const received = day(year);
        const concluded = r() < 0.9 ? received.replace(/-(\d\d)$/, (_, d: string) => `-${String(Math.min(28, Number(d) + 1)).padStart(2, '0')}`) : null;
        const outcome = concluded ? OUTCOMES[Math.floor(r() * OUTCOMES.length)]! : null;
        apps.push({ agency_id: id, query_code: `BRK${year}${++q}`, channel: 'online', submitted_on: received, received_on: received, applicant_type: 'natural_person', applicant_name: '基准', phone: '13800000000', applicant_key: `b${q}`, content: '基准申请', provide_form: '电子邮件', obtain_method: '电子邮件', fee_waiver_requested: 0, state: concluded ? 'closed' : 'received', outcome, concluded_on: concluded, created_at: at, updated_at: at });
        meta.push({ agency: id, due: r() < 0.05 ? null : r() < 0.8 ? `${year}-12-31` : `${year}-01-01` });
      }
      if (r() < 0.2) appeals.push({ agency_id: id, application_id: null, kind: r() < 0.7 ? 'review' : 'litigation_direct', filed_on: day(year), body_name: null, case_number: null, result: r() < 0.3 ? 'corrected' : 'upheld', closed_on: `${year}-12-30`, notes: null, created_at: at, updated_at: at });
    }
    let m = 0;
    await chunks(apps, async (part) => {
      const inserted = await db.insertInto('applications').values(part as never).returning(['id', 'agency_id']).execute();
      await db.insertInto('deadlines').values(inserted.map((x) => ({ agency_id: x.agency_id, entity: 'application', entity_id: String(x.id), kind: 'reply', ledger_json: '[]', settings_json: null, due: meta[m++]!.due, provisional: 0, status: 'closed', open: 0, updated_at: at }))).execute();
    });
    await chunks(appeals, (part) => db.insertInto('appeal_cases').values(part as never).execute());
    applications += apps.length;
    // one audit run of the year over every agency's report
    const run = await db.insertInto('audit_runs').values({ agency_id: gov.id, title: `基准${year}`, year, source: 'platform', reports_count: ids.length, clean_count: 0, findings_count: 0, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '基准', created_at: at }).returning('id').executeTakeFirstOrThrow();
    let ordinal = 0;
    await chunks(ids, async (part) => {
      const reps = await db.insertInto('audit_run_reports').values(part.map((id) => ({ agency_id: gov.id, run_id: run.id, ordinal: ++ordinal, file: `r${id}.html`, agency_name: null, subject_agency_id: id, year, format: 'html', status: 'findings', read: 'complete', errors_count: 0, warnings_count: 0, model_json: null, notes_json: '[]', not_checked_json: '[]', unread_json: '[]', replaces_report_id: null, created_at: at }))).returning(['id', 'subject_agency_id']).execute();
      const fs = reps.flatMap((rep) => Array.from({ length: Math.floor(r() * 5) }, (_, k) => {
        const rule = RULES[Math.floor(r() * RULES.length)]!;
        return { agency_id: gov.id, run_id: run.id, report_id: rep.id, scope: 'report', agency_name: null, subject_agency_id: rep.subject_agency_id, year, rule, severity: rule.startsWith('W') ? 'warning' : 'error', source: 'rules', message: rule, cells_json: '[]', fingerprint: `b${rep.id}-${k}`, decision: 'pending', reason: null, carried_from: null, decided_by_name: null, decided_at: null };
      }));
      findings += fs.length;
      await chunks(fs, (p) => db.insertInto('audit_findings').values(p).execute());
    });
  }
  return { govId: gov.id, ids, applications, findings };
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<BenchRow[]> {
  const { database, url, cleanup } = await openScratchDatabase(engine, 'rankings');
  try {
    await migrateToLatest(database);
    const g0 = performance.now();
    const { govId, ids, applications, findings } = await generate(database);
    const gen = performance.now() - g0;
    if (engine === 'postgres') { const { sql } = await import('kysely'); await sql`analyze`.execute(database.db); }
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url }), database);
    const actor: Actor = { userId: 1, username: 'bench-supervisor', displayName: '基准督查员', role: 'supervisor', agencyId: govId, agencyName: '排名基准省人民政府', visibleAgencyIds: [govId, ...ids] };
    const rk = services.supervisionRankings;
    await rk.rankings(actor, { year: 2025, metric: 'onTime', page: 1, pageSize: 50 }); // warm-up
    const rankMs: number[] = [], heatMs: number[] = [];
    let total = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      total = (await rk.rankings(actor, { year: 2025, metric: METRICS[i % METRICS.length]!, page: 1 + (i % 10), pageSize: 50 })).total;
      rankMs.push(performance.now() - t0);
    }
    for (let i = 0; i < Math.max(5, Math.floor(ROUNDS / 2)); i++) {
      const t0 = performance.now();
      await rk.heatmap(actor, { year: 2025, page: 1 + (i % 10), pageSize: 50 });
      heatMs.push(performance.now() - t0);
    }
    const trendMs: number[] = [];
    for (let i = 0; i < Math.max(5, Math.floor(ROUNDS / 2)); i++) {
      const t0 = performance.now();
      await rk.trend(actor, { year: 2025, years: 5 });
      trendMs.push(performance.now() - t0);
    }
    const x0 = performance.now();
    const bytes = await rankingsWorkbook(await rk.allRankings(actor, { year: 2025, metric: 'onTime' }), await rk.allHeatmap(actor, 2025));
    const exportMs = performance.now() - x0;
    const tag = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const p99 = pct(rankMs, 99);
    const load = loadavg()[0]!.toFixed(1);
    return [
      {
        label: `${tag}: 排名一页（${AGENCIES.toLocaleString('en')} 个机关，两年）p99 / ranking page p99`, value: Math.round(p99), unit: 'ms',
        note: `目标 ≤ ${GOAL_P99} ms${engine === 'postgres' ? `：${p99 <= GOAL_P99 ? '达到 / met' : '未达到 / NOT met'}` : '（目标针对 PostgreSQL）'}；÷ ${GOAL_P99} ms = ${(p99 / GOAL_P99).toFixed(2)}；p50 ${Math.round(pct(rankMs, 50))} ms；${ROUNDS} 次；${total} 个机关、${applications} 件申请、${findings} 条体检结果；生成 ${(gen / 1000).toFixed(1)} s；负载 ${load}`,
      },
      { label: `${tag}: 五年趋势 p99 / trend (5 years) p99`, value: Math.round(pct(trendMs, 99)), unit: 'ms', note: `p50 ${Math.round(pct(trendMs, 50))} ms；÷ ${GOAL_P99} ms = ${(pct(trendMs, 99) / GOAL_P99).toFixed(2)}；负载 ${load}` },
      { label: `${tag}: 规则热力图一页 p99 / heatmap page p99`, value: Math.round(pct(heatMs, 99)), unit: 'ms', note: `p50 ${Math.round(pct(heatMs, 50))} ms；÷ ${GOAL_P99} ms = ${(pct(heatMs, 99) / GOAL_P99).toFixed(2)}；${heatMs.length} 次；负载 ${load}` },
      { label: `${tag}: 导出 XLSX（全部机关）/ full XLSX export`, value: Math.round(exportMs), unit: 'ms', note: `${(bytes.length / 1024).toFixed(0)} KB；负载 ${load}` },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  const want = (process.env.RANKINGS_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const rows: BenchRow[] = [];
  if (want.includes('postgres') && process.env.TEST_DATABASE_URL) rows.push(...(await runEngine('postgres')));
  if (want.includes('sqlite')) rows.push(...(await runEngine('sqlite')));
  return rows;
}
