// Benchmark: 政务服务事项 at district scale. (1) The must-match check with completeness scores
// (checkServiceItemConsistency for the district's 人民政府: it and every unit below) over SI_BENCH_ITEMS items
// (default 10,000) each defined by a 区 department and implemented by a 街道 and a 社区 (3 rows per item; 1 % of the
// implementations differ; goal ≤ 2 s). (2) importServiceCases' path (every row checked against the unit's items,
// looked up by 办件编号 for idempotence, written in one transaction) for SI_BENCH_CASES 办件 (default 1,000,000) as a
// ratio to a raw multi-row insert of the same rows into decision_entries in the same run (goal ≤ 2 × raw). On SQLite
// (a fresh temp file) and, when TEST_DATABASE_URL is set, on PostgreSQL (a fresh schema, dropped after). The raw insert
// runs first on the empty table, the import after it on the table holding those rows: the ratio is not flattered.
import type { Insertable } from 'kysely';
import type { BenchContext, BenchRow } from './run.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/types.ts';
import { createServices } from '../src/main.ts';
import { insertChanges, insertItems } from '../src/features/service-items/service-items.repository.ts';
import { searchText } from '../src/features/service-items/service-items.service.ts';
import { checkTrees, checkTreesByValues, valueColumns } from '../src/features/service-items/service-items.check.ts';
import { DEFAULT_MUST_MATCH, elementSchema } from '../src/core/service-items/index.ts';
import { DEMO_ITEMS } from '../src/features/service-items/service-items.demo.ts';
import type { Actor } from '../src/features/shared/actor.ts';
import type { OpenDatabase } from '../src/db/connect.ts';
import { openScratchDatabase } from './scratch-database.ts';

export const name = 'service-items';
export const title = '政务服务事项 / service items: the must-match check at district scale, 办件 import vs raw insert';

const ITEMS = Number(process.env.SI_BENCH_ITEMS ?? 10_000);
const CASES = Number(process.env.SI_BENCH_CASES ?? 1_000_000);
const STREETS = 10;
const YEAR = 2025;
const BATCH = 500;


let codeSeq = 0;
async function agency(db: OpenDatabase['db'], name: string, kind: 'government' | 'department' | 'street' | 'community', parentId: number | null): Promise<number> {
  const at = new Date().toISOString();
  const r = await db.insertInto('agencies').values({
    parent_id: parentId, name, short_name: null, credit_code: `BENCH${String(++codeSeq).padStart(13, '0')}`, kind, address: '基准测试地址', office_hours: null,
    phone: '0535-0000000', fax: null, email: null, website: null, postcode: '264000', work_body_name: `${name}办公室`, review_body_name: '基准测试区人民政府', created_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

async function runEngine(engine: 'sqlite' | 'postgres'): Promise<BenchRow[]> {
  const { database, url, cleanup } = await openScratchDatabase(engine, 'si');
  const tag = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await migrateToLatest(database);
    const services = createServices(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url }), database, { clock: () => new Date(`${YEAR + 1}-01-15T02:00:00Z`) });
    const db = database.db;
    const gov = await agency(db, '基准测试区人民政府', 'government', null);
    const dept = await agency(db, '基准测试区行政审批服务局', 'department', gov);
    const streets: number[] = [];
    const communities: number[] = [];
    for (let s = 0; s < STREETS; s++) {
      streets.push(await agency(db, `基准测试街道${s + 1}`, 'street', gov));
      communities.push(await agency(db, `基准测试社区${s + 1}`, 'community', streets[s]!));
    }
    const at = new Date().toISOString();
    // the demo items' values as templates: names, codes and 实施编码 made unique per item
    const templates = DEMO_ITEMS.map((d) => d.values);
    const schema = elementSchema();
    type Row = Parameters<typeof insertItems>[1][number];
    const row = (i: number, agencyId: number, level: string, parentId: number | null, suffix: string): Row => {
      const t = templates[i % templates.length]!;
      const values = { ...t, name: `${String(t.name)}（${i}）`, basicCode: `9${String(i).padStart(11, '0')}`, implCode: `B-${i}-${suffix}`, ...(suffix !== 'D' && i % 100 === 7 ? { promisedLimit: { amount: '99', unit: '工作日' } } : {}) };
      return {
        parent_id: parentId, agency_id: agencyId, level, code: values.implCode, basic_code: values.basicCode, name: values.name, type: String(t.type), status: 'active', status_since: '2024-01-01',
        ...valueColumns(schema, values), search_text: searchText(values), created_by: null, created_at: at, updated_at: at,
      };
    };
    const rootIds = await insertItems(db, Array.from({ length: ITEMS }, (_, i) => row(i, dept, 'district', null, 'D')));
    const kids: Row[] = [];
    rootIds.forEach((id, i) => { kids.push(row(i, streets[i % STREETS]!, 'street', id, 'S'), row(i, communities[i % STREETS]!, 'community', id, 'C')); });
    const kidIds = await insertItems(db, kids);
    const agencyOf = [...rootIds.map(() => dept), ...kids.map((k) => k.agency_id)];
    await insertChanges(db, [...rootIds, ...kidIds].map((id, n) => ({ agency_id: agencyOf[n]!, item_id: id, version_no: 1, kind: 'create', status: 'active', effective_on: '2024-01-01', changes_json: '[]', reason: '基准测试', actor_user_id: null, actor_name: '基准测试', at })));
    if (engine === 'postgres') { const { sql } = await import('kysely'); await sql`analyze`.execute(db); }

    // (1) the must-match check of the district (30,000 rows: every tree, differences and scores)
    const all = [gov, dept, ...streets, ...communities];
    const supervisor: Actor = { userId: 0, username: 'bench', displayName: '基准测试', role: 'supervisor', agencyId: gov, agencyName: '基准测试区人民政府', visibleAgencyIds: all };
    await services.serviceItems.consistency(supervisor, gov); // warm-up (settings, schema, agency list)
    const t0 = performance.now();
    const check = await services.serviceItems.consistency(supervisor, gov);
    const checkMs = performance.now() - t0;
    // the same check comparing every row's values (the way before the stored digests, decision 165), same run
    const mm = schema.filter((e) => DEFAULT_MUST_MATCH.includes(e.key));
    const agencyNames = new Map((await db.selectFrom('agencies').select(['id', 'name']).execute()).map((a) => [a.id, a.name]));
    const t3 = performance.now();
    const full = await checkTreesByValues(db, all, mm, agencyNames, new Set(all));
    const fullMs = performance.now() - t3;
    const digest = await checkTrees(db, all, mm, agencyNames, new Set(all));
    if (JSON.stringify(full.differences) !== JSON.stringify(digest.differences) || JSON.stringify(full.scores) !== JSON.stringify(digest.scores)) throw new Error('bench: the digest check differs from the comparison of all values');

    // (2) raw multi-row insert of the same 办件 rows (already shaped, no checks), then the import path on other numbers
    const codes = rootIds.map((_, i) => `B-${i}-D`);
    const names = rootIds.map((_, i) => `${String(templates[i % templates.length]!.name)}（${i}）`);
    const dateOf = (i: number) => `${YEAR}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const t1 = performance.now();
    for (let s = 0; s < CASES; s += BATCH * 20) {
      await db.transaction().execute(async (trx) => {
        for (let b = s; b < Math.min(CASES, s + BATCH * 20); b += BATCH) {
          const rows: Insertable<Database['decision_entries']>[] = [];
          for (let i = b; i < Math.min(CASES, b + BATCH); i++) {
            rows.push({ agency_id: dept, year: YEAR, category: 'license', decided_on: dateOf(i), item_name: names[i % ITEMS]!, decision_type: null, count: 1, amount: null, source: 'case', note: null, created_by: null, created_at: at, updated_at: at, case_no: `RAW-${i}`, item_code: codes[i % ITEMS]!, result: '准予许可' });
          }
          await trx.insertInto('decision_entries').values(rows).execute();
        }
      });
    }
    const raw = performance.now() - t1;

    const officer: Actor = { userId: 0, username: 'bench', displayName: '基准测试', role: 'officer', agencyId: dept, agencyName: '基准测试区行政审批服务局', visibleAgencyIds: [dept] };
    const table = Array.from({ length: CASES }, (_, i) => ({ 办件编号: `IMP-${i}`, 办结日期: dateOf(i), 实施编码: codes[i % ITEMS]!, 决定类型: '', 办理结果: '准予许可' }));
    const t2 = performance.now();
    const r = await services.serviceItems.importCases(officer, dept, table, { dryRun: false });
    const imp = performance.now() - t2;
    if (r.problems.length || r.inserted !== CASES) throw new Error(`bench import: ${r.inserted} inserted, problems ${JSON.stringify(r.problems.slice(0, 3))}`);

    const checkGoal = `${tag}: 目标 = ${ITEMS.toLocaleString('en')} 个事项 × 3 级 2 秒内 / goal: ${ITEMS} items × 3 levels in 2 s`;
    const rawLabel = `${tag}: 原始多行插入 ${CASES.toLocaleString('en')} 件办件 / raw multi-row insert`;
    const goalLabel = `${tag}: 目标 = 原始插入速度的 1/2 / goal: half the raw speed`;
    return [
      { label: checkGoal, value: ITEMS / 2, unit: 'items/s' },
      {
        label: `${tag}: 必须一致要素比对与完整度评分 / must-match check + scores`, value: Math.round(ITEMS / (checkMs / 1000)), unit: 'items/s', baseline: checkGoal, limit: 1,
        note: `${(checkMs / 1000).toFixed(2)} s；${(3 * ITEMS).toLocaleString('en')} 行，差异 ${check.differences.length}，单位 ${check.scores.length}`,
      },
      { label: `${tag}: 逐行读取全部要素值比对（对照）/ comparing every row's values (reference)`, value: Math.round(ITEMS / (fullMs / 1000)), unit: 'items/s', note: `${(fullMs / 1000).toFixed(2)} s（摘要比对为其 ${(checkMs / fullMs).toFixed(2)} 倍）` },
      { label: rawLabel, value: Math.round(CASES / (raw / 1000)), unit: 'rows/s', note: `${(raw / 1000).toFixed(1)} s` },
      { label: goalLabel, value: Math.round(CASES / (raw / 1000) / 2), unit: 'rows/s', note: '导入 ≤ 2 × 原始插入 / import ≤ 2× raw' },
      {
        label: `${tag}: 办件导入（逐行检查、按办件编号查重、一个事务）/ import`, value: Math.round(CASES / (imp / 1000)), unit: 'rows/s', baseline: goalLabel, limit: 1,
        note: `${(imp / 1000).toFixed(1)} s = ${(imp / raw).toFixed(2)} × raw`,
      },
    ];
  } finally {
    await cleanup();
  }
}

export async function run(_ctx: BenchContext): Promise<BenchRow[]> {
  // SI_BENCH_ENGINES=sqlite|postgres|sqlite,postgres selects engines (default: SQLite, plus PostgreSQL when configured)
  const want = (process.env.SI_BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  const rows: BenchRow[] = [];
  if (want.includes('sqlite')) rows.push(...(await runEngine('sqlite')));
  if (want.includes('postgres') && process.env.TEST_DATABASE_URL) rows.push(...(await runEngine('postgres')));
  return rows;
}
