// Benchmark: 好差评 at scale. (1) `gongkai evaluations import`'s path (every row checked, source ids looked up, 差评
// opening their work orders) for EVAL_BENCH_RATINGS rows (default 1,000,000) as a ratio to a raw multi-row insert of
// the same rows measured in the same run (goal: import ≤ 2 × raw); (2) the year's statistics (computeStatistics,
// every measure grouped by unit) over EVAL_BENCH_UNITS units (default 10,000; goal ≤ 10 s). On SQLite (a fresh temp
// file) and, when TEST_DATABASE_URL is set, on PostgreSQL (a fresh schema, dropped after). The raw insert runs first
// on the empty table, the import after it on the table holding those rows: the ratio is not flattered.
import type { Insertable } from 'kysely';
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { EvaluationsTable } from '../src/db/types.ts';
import { createServices } from '../src/main.ts';
import { generateBenchData } from '../src/features/annual-report/annual-report.bench.repository.ts';
import { computeStatistics } from '../src/features/evaluations/evaluations.stats.ts';
import { importedReceipt } from '../src/features/evaluations/evaluations.import.ts';
import { DEFAULT_SETTINGS } from '../src/core/evaluations/index.ts';
import { openScratchDatabase } from './scratch-database.ts';

export const name = 'evaluations';
export const title = '好差评 / ratings: import vs raw insert, the year’s statistics for many units';

const N = Number(process.env.EVAL_BENCH_RATINGS ?? 1_000_000);
const UNITS = Number(process.env.EVAL_BENCH_UNITS ?? 10_000);
const YEAR = 2025;
const BATCH = 1000;
const CHANNELS = ['window_device', 'qr', 'survey', 'online'] as const;


/** Row i of the bench: 2 % 差评, spread over the units and the working days of the year. */
function cells(i: number, prefix: string, codes: readonly string[]): string[] {
  const level = i % 50 === 0 ? 1 : i % 50 === 1 ? 2 : 3 + (i % 3);
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  return [`${prefix}${i}`, codes[i % codes.length]!, `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, String(level), CHANNELS[i % CHANNELS.length]!, 'window', `${1 + (i % 20)}号窗口`];
}

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<BenchRow[]> {
  const { database, url, cleanup } = await openScratchDatabase(engine, 'eval');
  const tag = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await migrateToLatest(database);
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url }), database, { clock: () => new Date(`${YEAR + 1}-01-15T02:00:00Z`) });
    const db = database.db;
    const units = await generateBenchData(db, { agencies: UNITS, applications: UNITS, year: YEAR, seed: 7, prefix: '好差评基准机构-' });
    const agencies = await db.selectFrom('agencies').select(['id', 'credit_code']).where('id', 'in', units.agencyIds).orderBy('id').execute();
    const codes = agencies.map((a) => a.credit_code);
    const idOf = new Map(agencies.map((a) => [a.credit_code, a.id]));
    const at = new Date().toISOString();

    // (1) raw multi-row insert of the same rows (already shaped, no checks), batches of 1,000, one transaction each
    const t0 = performance.now();
    for (let s = 0; s < N; s += BATCH) {
      const rows: Insertable<EvaluationsTable>[] = [];
      for (let i = s; i < Math.min(N, s + BATCH); i++) {
        const c = cells(i, 'RAW-', codes);
        rows.push({ agency_id: idOf.get(c[1]!)!, receipt_code: importedReceipt(c[0]!), level: Number(c[3]), channel: c[4]!, target_type: 'window', target_ref: c[6]!, service_item_code: null, comment: null, indicators_json: null, real_name: 0, rater_name: null, rater_phone: null, phone_hash: null, rated_on: c[2]!, created_at: at, once_key: null, source_id: c[0]! });
      }
      await db.transaction().execute(async (trx) => { await trx.insertInto('evaluations').values(rows).execute(); });
    }
    const raw = performance.now() - t0;

    // (2) the import path on the same rows (other source ids), fed in slices as the CLI's reader would
    const header = ['来源编号', '机构统一社会信用代码', '评价日期', '评价等级', '评价渠道', '评价对象类型', '评价对象编号'];
    const t1 = performance.now();
    let accepted = 0;
    const SLICE = 100_000;
    for (let s = 0; s < N; s += SLICE) {
      const grid: string[][] = [header];
      for (let i = s; i < Math.min(N, s + SLICE); i++) grid.push(cells(i, 'IMP-', codes));
      const r = await services.evaluations.importRatings(grid);
      accepted += r.accepted;
      if (r.rejected.length) throw new Error(`bench rows rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    }
    const imp = performance.now() - t1;
    const orders = Number((await db.selectFrom('evaluation_orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    if (engine === 'postgres') {
      const { sql } = await import('kysely');
      await sql`analyze`.execute(db);
    }

    // (3) the year's statistics for every unit
    const t2 = performance.now();
    const st = await computeStatistics(db, { agencyIds: units.agencyIds, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, today: `${YEAR + 1}-01-15`, settings: DEFAULT_SETTINGS });
    const stats = performance.now() - t2;

    const rawLabel = `${tag}: 原始多行插入 ${N.toLocaleString('en')} 条评价 / raw multi-row insert`;
    const goalLabel = `${tag}: 目标 = 原始插入速度的 1/2 / goal: half the raw speed`;
    const statsGoal = `${tag}: 目标 = ${UNITS.toLocaleString('en')} 个单位 10 秒内 / goal: ${UNITS} units in 10 s`;
    return [
      { label: rawLabel, value: Math.round(N / (raw / 1000)), unit: 'rows/s', note: `${(raw / 1000).toFixed(1)} s` },
      { label: goalLabel, value: Math.round(N / (raw / 1000) / 2), unit: 'rows/s', note: '导入 ≤ 2 × 原始插入 / import ≤ 2× raw' },
      {
        label: `${tag}: 导入（逐行检查、来源编号查重、差评生成工单）/ import`, value: Math.round(accepted / (imp / 1000)), unit: 'rows/s', baseline: goalLabel, limit: 1,
        note: `${(imp / 1000).toFixed(1)} s = ${(imp / raw).toFixed(2)} × raw；导入 ${accepted.toLocaleString('en')} 条，差评工单 ${orders.toLocaleString('en')} 个`,
      },
      { label: statsGoal, value: Math.round((UNITS / 10) * 10) / 10, unit: 'units/s' },
      {
        label: `${tag}: ${YEAR} 年统计（${UNITS.toLocaleString('en')} 个单位，${(2 * N).toLocaleString('en')} 条评价）/ the year’s statistics`, value: Math.round((UNITS / (stats / 1000)) * 10) / 10, unit: 'units/s', baseline: statsGoal, limit: 1,
        note: `${(stats / 1000).toFixed(2)} s；评价 ${st.summary.ratings.toLocaleString('en')}，满意度 ${st.summary.satisfaction}%，差评 ${st.summary.badRatings.toLocaleString('en')}`,
      },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  // EVAL_BENCH_ENGINES=sqlite|postgres|sqlite,postgres selects engines (default: SQLite, plus PostgreSQL when configured)
  const want = (process.env.EVAL_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const rows: BenchRow[] = [];
  if (want.includes('sqlite')) rows.push(...(await runEngine('sqlite')));
  if (want.includes('postgres') && process.env.TEST_DATABASE_URL) rows.push(...(await runEngine('postgres')));
  return rows;
}
