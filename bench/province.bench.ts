// The province profile on PostgreSQL (decision 200): an agency's annual report compile as a ratio of its raw GROUP BY
// (goal: compile ≤ 2 × raw), on a database loaded once with `gongkai bench data --profile province` (10,577 agencies,
// 1,000,000 applications, 10,000,000 ratings, 1,000,000 catalogue items) and only read here:
//   PROVINCE_BENCH_URL=postgres://postgres@127.0.0.1:5432/province_bench npx gongkai bench run province
// Two agencies: the unit with the most applications of the year (a typical department of the province, ~100), and the
// department holding the catalogue (its report counts the 10⁶ items). Best of PROVINCE_BENCH_ROUNDS (default 5),
// alternating raw and compile so that both see the same machine load. The reference (decision 235) is the raw GROUP BY
// of every record table the report reads (rawReference: applications, appeals, fees, register, service items, the
// catalogue's 规章/规范性文件, 好差评), sent at once; the applications-only GROUP BY of decision 200 is printed beside it.
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { createServices } from '../src/main.ts';
import { rawGroupBy, rawReference } from '../src/features/annual-report/annual-report.bench.repository.ts';

export const name = 'province';
export const title = '省级数据（PostgreSQL）：机构年度报告编译与原始 GROUP BY / province profile: annual report compile vs raw GROUP BY';

const YEAR = 2025;

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  const url = process.env.PROVINCE_BENCH_URL;
  if (!url) {
    console.log('  skipped: set PROVINCE_BENCH_URL to a PostgreSQL database loaded with `gongkai bench data --profile province` (read only)');
    return [];
  }
  const rounds = Number(process.env.PROVINCE_BENCH_ROUNDS ?? 5);
  const load0 = loadavg().map((x) => x.toFixed(2)).join(' / ');
  const database = await openDatabase(url, { poolSize: 4 });
  try {
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, DEMO_SEED: 'true' }), database);
    const db = database.db;
    const count = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);
    const agencies = await count('select count(*) as n from agencies');
    const applications = await count('select count(*) as n from applications');
    const busiest = await sql<{ agency_id: number; n: string }>`select agency_id, count(*) as n from applications where received_on between ${`${YEAR}-01-01`} and ${`${YEAR}-12-31`} group by agency_id order by count(*) desc, agency_id limit 1`.execute(db);
    // the profile loads the whole catalogue into one department: a sample of the table names it, then its items are counted
    const catalogue = await sql<{ agency_id: number; n: string }>`select s.agency_id, (select count(*) from catalogue_items c where c.agency_id = s.agency_id) as n
      from (select agency_id from catalogue_items limit 10000) s group by s.agency_id order by count(*) desc limit 1`.execute(db);
    const picks: { label: string; id: number; note: string }[] = [];
    if (busiest.rows[0]) picks.push({ label: 'busiest unit', id: busiest.rows[0].agency_id, note: `${busiest.rows[0].n} applications received in ${YEAR}` });
    if (catalogue.rows[0] && catalogue.rows[0].agency_id !== busiest.rows[0]?.agency_id) picks.push({ label: 'catalogue department', id: catalogue.rows[0].agency_id, note: `${Number(catalogue.rows[0].n).toLocaleString('en')} catalogue items` });
    const rows: BenchRow[] = [];
    for (const p of picks) {
      await rawGroupBy(db, p.id, YEAR);
      await rawReference(db, p.id, YEAR);
      await services.annualReports.compileModel(p.id, YEAR, '2021');
      let apps = Infinity;
      let raw = Infinity;
      let compile = Infinity;
      for (let i = 0; i < rounds; i++) {
        let t0 = performance.now();
        await rawGroupBy(db, p.id, YEAR);
        apps = Math.min(apps, performance.now() - t0);
        t0 = performance.now();
        await rawReference(db, p.id, YEAR);
        raw = Math.min(raw, performance.now() - t0);
        t0 = performance.now();
        await services.annualReports.compileModel(p.id, YEAR, '2021');
        compile = Math.min(compile, performance.now() - t0);
      }
      const tag = `${p.label} (agency ${p.id})`;
      rows.push(
        { label: `${tag}: 2 × raw GROUP BY (goal)`, value: 2 * raw, unit: 'ms', note: `raw of every table ${raw.toFixed(2)} ms (applications alone ${apps.toFixed(2)} ms); ${p.note}` },
        { label: `${tag}: compile`, value: compile, unit: 'ms', note: `${(compile / raw).toFixed(2)} × raw (${(compile / apps).toFixed(2)} × the applications alone)` },
        { label: `${tag}: within 2 × raw`, value: 2 * raw, unit: 'ms', baseline: `${tag}: compile`, limit: 1, note: '2 × raw / compile: ≥ 1 meets the goal' },
      );
    }
    rows.push({ label: 'province database', value: agencies, unit: 'agencies', note: `${applications.toLocaleString('en')} applications; load average at start ${load0}, at end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}` });
    return rows;
  } finally {
    await database.close();
  }
}
