// 235_catalogue_year_counts: table 二 第二十条第（一）项 of an agency's annual report (规章 / 行政规范性文件 made, abolished,
// first published and in force) read from a small per-(agency, kind, year) counter table instead of every such item of
// the catalogue (decision 235). Database triggers keep it in the transaction of every write to catalogue_items — the
// editor, the import, the bulk loader of the benchmarks, raw SQL — so that no write path can forget it:
//   PostgreSQL: statement-level AFTER triggers with transition tables (one aggregate per statement: a bulk insert of
//   400 rows is one upsert per (agency, kind, year) touched);
//   SQLite: row-level AFTER triggers (UPDATE OF the columns counted only).
// Filled here from the items present. core/catalogue/statistics.ts (table2Article20Item1FromCounts) reads the counters.
//
// What an item counts, mirroring the fold over items (table2Article20Item1; only 规章 / 行政规范性文件 with a 成文日期),
// per year Y = the first four characters of a date (the catalogue's dates are ISO YYYY-MM-DD):
//   made             +1 in the year of 成文日期                      (本年制发件数 / 本年新制作数量)
//   abolished        +1 in the year 有效性 changed, when not valid  (本年废止件数)
//   first_published  +1 in the year first published              (本年新公开数量)
//   stock_2021       +1 in the year first published, −1 in the year it ended (abolished / expired or withdrawn,
//                    whichever is earlier) or in the publication year when it ended before: 现行有效件数 of Y is the
//                    sum over years ≤ Y
//   stock_2019       the same with withdrawal as the only end          (对外公开总数量)
// An empty date counts as none (the fold treats '' as absent).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

const COLS = ['agency_id', 'kind', 'made_on', 'first_published_on', 'validity', 'validity_changed_on', 'withdrawn_on'];
const CATALOGUE_YEAR_COUNT_COLUMNS = ['made', 'abolished', 'first_published', 'stock_2021', 'stock_2019'] as const;
const MEASURES = CATALOGUE_YEAR_COUNT_COLUMNS.join(', ');

/** One row per (item, measure year) of `source` (COLS and a sign `sg`): agency_id, kind, year and the five measures. */
function catalogueYearContributions(source: string): string {
  const s = `(${source}) s`;
  const base = `s.kind in ('rule', 'normative') and s.made_on is not null`;
  const has = (c: string) => `s.${c} is not null and s.${c} <> ''`;
  const y = (e: string) => `substr(${e}, 1, 4)`;
  // the end of being in force (2021): abolished / expired (有效性 not valid, with its date) or withdrawn, the earlier
  const end2021 = `case when s.validity <> 'valid' and ${has('validity_changed_on')} and (s.withdrawn_on is null or s.withdrawn_on = '' or s.validity_changed_on <= s.withdrawn_on)
    then s.validity_changed_on when ${has('withdrawn_on')} then s.withdrawn_on else null end`;
  const later = (e: string) => `case when ${y(e)} > ${y('s.first_published_on')} then ${y(e)} else ${y('s.first_published_on')} end`;
  const row = (year: string, m: Record<(typeof CATALOGUE_YEAR_COUNT_COLUMNS)[number], string>, where: string) =>
    `select s.agency_id as agency_id, s.kind as kind, ${year} as year, ${CATALOGUE_YEAR_COUNT_COLUMNS.map((c) => `${m[c]} as ${c}`).join(', ')} from ${s} where ${base} and ${where}`;
  return [
    row(y('s.made_on'), { made: 's.sg', abolished: '0', first_published: '0', stock_2021: '0', stock_2019: '0' }, has('made_on')),
    row(y('s.validity_changed_on'), { made: '0', abolished: 's.sg', first_published: '0', stock_2021: '0', stock_2019: '0' }, `s.validity <> 'valid' and ${has('validity_changed_on')}`),
    row(y('s.first_published_on'), { made: '0', abolished: '0', first_published: 's.sg', stock_2021: 's.sg', stock_2019: 's.sg' }, has('first_published_on')),
    row(later(`(${end2021})`), { made: '0', abolished: '0', first_published: '0', stock_2021: '-s.sg', stock_2019: '0' }, `${has('first_published_on')} and (${end2021}) is not null`),
    row(later('s.withdrawn_on'), { made: '0', abolished: '0', first_published: '0', stock_2021: '0', stock_2019: '-s.sg' }, `${has('first_published_on')} and ${has('withdrawn_on')}`),
  ].join('\n    union all ');
}

/** Upsert the summed contributions of `source` (the columns COLS and a sign `sg`) into the counter table. */
function upsert(source: string, pg: boolean): string {
  const sums = CATALOGUE_YEAR_COUNT_COLUMNS.map((c) => `sum(${c})`).join(', ');
  const nonZero = CATALOGUE_YEAR_COUNT_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' or ');
  const add = CATALOGUE_YEAR_COUNT_COLUMNS.map((c) => `${c} = catalogue_year_counts.${c} + excluded.${c}`).join(', ');
  // sorted, so that two transactions touching the same counters lock them in the same order
  return `insert into catalogue_year_counts (agency_id, kind, year, ${MEASURES})
    select agency_id, kind, year, ${sums} from (${catalogueYearContributions(source)}) c where 1 = 1
    group by agency_id, kind, year having ${nonZero}${pg ? ' order by agency_id, kind, year' : ''}
    on conflict (agency_id, kind, year) do update set ${add}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  let t = db.schema.createTable('catalogue_year_counts')
    .addColumn('agency_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // the first four characters of a date (YYYY)
    .addColumn('year', 'text', (c) => c.notNull());
  for (const c of CATALOGUE_YEAR_COUNT_COLUMNS) t = t.addColumn(c, 'integer', (b) => b.notNull().defaultTo(0));
  await t.addPrimaryKeyConstraint('catalogue_year_counts_pk', ['agency_id', 'kind', 'year']).execute();
  const cols = COLS.join(', ');
  await sql.raw(upsert(`select ${cols}, 1 as sg from catalogue_items`, pg)).execute(db);
  if (pg) {
    const sources = {
      insert: `select ${cols}, 1 as sg from gk_new`,
      update: `select ${cols}, 1 as sg from gk_new union all select ${cols}, -1 as sg from gk_old`,
      delete: `select ${cols}, -1 as sg from gk_old`,
    };
    for (const [op, source] of Object.entries(sources)) {
      await sql.raw(`create function catalogue_year_counts_${op}() returns trigger language plpgsql as $$
        begin
          ${upsert(source, true)};
          return null;
        end $$`).execute(db);
      const referencing = op === 'insert' ? 'new table as gk_new' : op === 'delete' ? 'old table as gk_old' : 'new table as gk_new old table as gk_old';
      await sql.raw(`create trigger catalogue_year_counts_${op} after ${op} on catalogue_items referencing ${referencing}
        for each statement execute function catalogue_year_counts_${op}()`).execute(db);
    }
  } else {
    const row = (ref: 'new' | 'old', sign: number) => `select ${COLS.map((c) => `${ref}.${c} as ${c}`).join(', ')}, ${sign} as sg`;
    const sources = {
      insert: ['insert', row('new', 1)],
      update: [`update of ${COLS.join(', ')}`, `${row('new', 1)} union all ${row('old', -1)}`],
      delete: ['delete', row('old', -1)],
    };
    for (const [op, [when, source]] of Object.entries(sources)) {
      await sql.raw(`create trigger catalogue_year_counts_${op} after ${when} on catalogue_items begin ${upsert(source!, false)}; end`).execute(db);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  for (const op of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger catalogue_year_counts_${op}${pg ? ' on catalogue_items' : ''}`).execute(db);
    if (pg) await sql.raw(`drop function catalogue_year_counts_${op}()`).execute(db);
  }
  await db.schema.dropTable('catalogue_year_counts').execute();
}
