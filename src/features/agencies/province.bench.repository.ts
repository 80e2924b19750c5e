// `gongkai bench data --profile province` (decision 116): a province's agency tree — province → cities → districts →
// departments and streets → communities (≈ 10⁴ units with the default shape) — with 依申请公开 applications and their
// ledgers spread over the units (the annual-report generator, generated inside the database), and 好差评 ratings
// (generate_series on PostgreSQL, a recursive CTE on SQLite). Deterministic for a seed; run on a fresh database.
import { sql, type Kysely } from 'kysely';
import type { AgencyKind, Database } from '../../db/types.ts';
import { dialectOf } from '../../db/dialect.ts';
import { creditCode, generateBenchData } from '../annual-report/annual-report.bench.repository.ts';

export interface ProvinceShape {
  cities: number;
  districtsPerCity: number;
  departmentsPerDistrict: number;
  streetsPerDistrict: number;
  communitiesPerStreet: number;
}

export const PROVINCE_SHAPE: ProvinceShape = { cities: 16, districtsPerCity: 10, departmentsPerDistrict: 25, streetsPerDistrict: 10, communitiesPerStreet: 3 };

export function provinceSize(s: ProvinceShape): number {
  const districts = s.cities * s.districtsPerCity;
  return 1 + s.cities + districts + districts * (s.departmentsPerDistrict + s.streetsPerDistrict) + districts * s.streetsPerDistrict * s.communitiesPerStreet;
}

export interface ProvinceResult {
  agencies: number;
  /** the units that receive applications and ratings: departments, streets, communities (contiguous ids) */
  units: { base: number; count: number };
  applications: number;
  ratings: number;
}

export async function generateProvince(
  db: Kysely<Database>,
  o: { shape?: ProvinceShape; applications: number; ratings: number; year: number; seed: number; progress?: (phase: string) => void },
): Promise<ProvinceResult> {
  const shape = o.shape ?? PROVINCE_SHAPE;
  const at = '2026-01-01T00:00:00.000Z';
  let n = 0;
  const insert = async (rows: Array<{ parent: number | null; name: string; kind: AgencyKind }>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const values = rows.slice(i, i + 500).map((r) => ({
        parent_id: r.parent, name: r.name, short_name: null, credit_code: creditCode(o.seed + 50, n++), kind: r.kind, address: null, office_hours: null, phone: null, fax: null,
        email: null, website: null, postcode: null, work_body_name: null, review_body_name: null, created_at: at, updated_at: at,
      }));
      out.push(...(await db.insertInto('agencies').values(values).returning('id').execute()).map((x) => x.id));
    }
    return out;
  };
  o.progress?.('机构树 / agency tree');
  const [province] = await insert([{ parent: null, name: '基准省人民政府', kind: 'government' }]);
  const cities = await insert(Array.from({ length: shape.cities }, (_, c) => ({ parent: province!, name: `基准省第${c + 1}市人民政府`, kind: 'government' as const })));
  const districts = await insert(cities.flatMap((city, c) => Array.from({ length: shape.districtsPerCity }, (_, d) => ({ parent: city, name: `基准省第${c + 1}市第${d + 1}区人民政府`, kind: 'government' as const }))));
  // departments and streets of every district, then the communities of every street: the units form one id range
  const units = await insert(districts.flatMap((district, d) => [
    ...Array.from({ length: shape.departmentsPerDistrict }, (_, k) => ({ parent: district, name: `基准区${d + 1}第${k + 1}部门`, kind: 'department' as const })),
    ...Array.from({ length: shape.streetsPerDistrict }, (_, k) => ({ parent: district, name: `基准区${d + 1}第${k + 1}街道办事处`, kind: 'street' as const })),
  ]));
  const streets = units.filter((_, i) => i % (shape.departmentsPerDistrict + shape.streetsPerDistrict) >= shape.departmentsPerDistrict);
  units.push(...(await insert(streets.flatMap((street, s) => Array.from({ length: shape.communitiesPerStreet }, (_, k) => ({ parent: street, name: `基准街道${s + 1}第${k + 1}社区居委会`, kind: 'community' as const }))))));
  if (units[units.length - 1]! - units[0]! + 1 !== units.length) throw new Error('province units are not contiguous (run on a fresh database)');
  const range = { base: units[0]!, count: units.length };
  o.progress?.('申请和办理记录 / applications and ledgers');
  const apps = await generateBenchData(db, { agencies: range.count, applications: o.applications, year: o.year, seed: o.seed, existing: range });
  o.progress?.('好差评 / ratings');
  const ratings = await generateRatings(db, range, o.ratings, o.year, o.seed);
  return { agencies: 1 + cities.length + districts.length + units.length, units: range, applications: apps.applications, ratings };
}

/** 好差评 ratings (level 1–5, mostly 5) spread round-robin over the units, one per row number, dated within the year. */
async function generateRatings(db: Kysely<Database>, units: { base: number; count: number }, count: number, year: number, seed: number): Promise<number> {
  if (count <= 0) return 0;
  const pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
  const at = '2026-01-01T00:00:00.000Z';
  const day = pg ? sql`to_char(cast(${`${year}-01-01`} as date) + cast((s.i * 7919) % 365 as integer), 'YYYY-MM-DD')` : sql`date(${`${year}-01-01`}, '+' || ((s.i * 7919) % 365) || ' days')`;
  const seq = pg ? sql`select g as i from generate_series(cast(1 as bigint), cast(${count} as bigint)) as g` : sql`select i from n`;
  const withN = pg ? sql`` : sql`recursive n(i) as (select 1 union all select i + 1 from n where i < ${count}),`;
  await sql`with ${withN} s as (${seq})
    insert into evaluations (agency_id, receipt_code, level, channel, target_type, target_ref, real_name, rated_on, created_at)
    select cast(${units.base} as integer) + cast(s.i % ${units.count} as integer), ${`R${seed}-`} || s.i,
      case when s.i % 100 < 2 then 1 when s.i % 100 < 4 then 2 when s.i % 100 < 10 then 3 when s.i % 100 < 25 then 4 else 5 end,
      case s.i % 4 when 0 then 'window_device' when 1 then 'qr' when 2 then 'online' else 'sms' end, 'agency', null, 0, ${day}, ${at}
    from s`.execute(db);
  return count;
}
