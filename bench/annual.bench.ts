// Benchmark (issue 7): compiling the annual report from live data.
//  1. one agency with 1,000,000 applications: compile (annualReports.compileModel: GROUP BY queries + assembly) as a
//     ratio of a raw SQL GROUP BY over the same rows — goal: compile ≤ 2 × raw (shown as throughput, limit ≥ 1 of the
//     goal row);
//  2. 10,000 agencies (50 applications each, with appeal cases and fees): compileMany — goal ≤ 60 s.
// On SQLite (a fresh temp file) and, when TEST_DATABASE_URL is set, on PostgreSQL (a fresh schema, dropped after).
// Data: src/features/annual-report/annual-report.bench.repository.ts (deterministic, generated inside the database).
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createServices } from '../src/main.ts';
import { generateBenchData, rawGroupBy } from '../src/features/annual-report/annual-report.bench.repository.ts';
import { openScratchDatabase } from './scratch-database.ts';

export const name = 'annual';
export const title = '年度报告从业务数据生成 / annual report compile from live data';

const BIG = Number(process.env.ANNUAL_BENCH_APPLICATIONS ?? 1_000_000);
const AGENCIES = Number(process.env.ANNUAL_BENCH_AGENCIES ?? 10_000);
const PER_AGENCY = 50;
const YEAR = 2025;

async function best(times: number, fn: () => Promise<unknown>): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}


async function runEngine(engine: 'sqlite' | 'postgres'): Promise<BenchRow[]> {
  const { database, url, cleanup } = await openScratchDatabase(engine, 'annual');
  try {
    await migrateToLatest(database);
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url }), database);
    const db = database.db;
    const g0 = performance.now();
    const big = await generateBenchData(db, { agencies: 1, applications: BIG, year: YEAR, seed: 1, prefix: '基准大机构-' });
    const genBig = performance.now() - g0;
    if (engine === 'postgres') {
      const { sql } = await import('kysely');
      await sql`analyze`.execute(db);
    }
    const agencyId = big.agencyIds[0]!;
    // warm-up, then best of 3, alternating
    await rawGroupBy(db, agencyId, YEAR);
    await services.annualReports.compileModel(agencyId, YEAR, '2021');
    let raw = Infinity;
    let compile = Infinity;
    for (let i = 0; i < 3; i++) {
      raw = Math.min(raw, await best(1, () => rawGroupBy(db, agencyId, YEAR)));
      compile = Math.min(compile, await best(1, () => services.annualReports.compileModel(agencyId, YEAR, '2021')));
    }
    const m = await services.annualReports.compileModel(agencyId, YEAR, '2021');
    const t3 = m.table3.rows;
    const received = t3['一、本年新收政府信息公开申请数量']!.at(-1);
    const tag = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const rows: BenchRow[] = [
      { label: `${tag}: 原始 GROUP BY（${BIG.toLocaleString('en')} 件申请，一个机构）/ raw GROUP BY`, value: Math.round(BIG / (raw / 1000)), unit: 'rows/s', note: `${raw.toFixed(0)} ms` },
      { label: `${tag}: 目标 = 原始 GROUP BY 的 1/2 速度 / goal: half the raw speed`, value: Math.round(BIG / (raw / 1000) / 2), unit: 'rows/s', note: '编译 ≤ 2 × 原始 GROUP BY / compile ≤ 2× raw' },
      {
        label: `${tag}: 编译年度报告（同一机构）/ compile the report`, value: Math.round(BIG / (compile / 1000)), unit: 'rows/s',
        baseline: `${tag}: 目标 = 原始 GROUP BY 的 1/2 速度 / goal: half the raw speed`, limit: 1,
        note: `${compile.toFixed(0)} ms = ${(compile / raw).toFixed(2)} × raw；本年新收 ${received}，错误 0；生成数据 ${(genBig / 1000).toFixed(1)} s`,
      },
    ];
    const g1 = performance.now();
    const many = await generateBenchData(db, { agencies: AGENCIES, applications: AGENCIES * PER_AGENCY, year: YEAR, seed: 2, prefix: '基准机构-' });
    const genMany = performance.now() - g1;
    if (engine === 'postgres') {
      const { sql } = await import('kysely');
      await sql`analyze`.execute(db);
    }
    const t0 = performance.now();
    const reports = await services.annualReports.compileMany(many.agencyIds, YEAR, '2021');
    const manyMs = performance.now() - t0;
    const { checkReport } = await import('../src/core/report/rules.ts');
    let errors = 0;
    for (const r of reports.values()) errors += checkReport(r).filter((f) => f.severity === 'error').length;
    rows.push(
      { label: `${tag}: 目标 = ${AGENCIES.toLocaleString('en')} 份报告 60 秒内 / goal: ${AGENCIES} reports in 60 s`, value: Math.round((AGENCIES / 60) * 10) / 10, unit: 'reports/s' },
      {
        label: `${tag}: 编译 ${AGENCIES.toLocaleString('en')} 个机构的年度报告 / compile the reports of ${AGENCIES} agencies`, value: Math.round((reports.size / (manyMs / 1000)) * 10) / 10, unit: 'reports/s',
        baseline: `${tag}: 目标 = ${AGENCIES.toLocaleString('en')} 份报告 60 秒内 / goal: ${AGENCIES} reports in 60 s`, limit: 1,
        note: `${(manyMs / 1000).toFixed(1)} s；${many.applications.toLocaleString('en')} 件申请、${many.appeals} 件复议/诉讼；规则错误 ${errors}；生成数据 ${(genMany / 1000).toFixed(1)} s`,
      },
    );
    return rows;
  } finally {
    await cleanup();
  }
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  // ANNUAL_BENCH_ENGINES=sqlite|postgres|sqlite,postgres selects engines (default: SQLite, plus PostgreSQL when configured)
  const want = (process.env.ANNUAL_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const rows: BenchRow[] = [];
  if (want.includes('sqlite')) rows.push(...(await runEngine('sqlite')));
  if (want.includes('postgres') && process.env.TEST_DATABASE_URL) rows.push(...(await runEngine('postgres')));
  return rows;
}
