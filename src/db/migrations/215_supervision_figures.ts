// 215_supervision_figures: the comparisons and rankings (decisions 180, 215) read per agency and year what used to be
// aggregated over every agency's applications, deadlines and 复议/诉讼 on each page view. `supervision_figures` holds those
// counts, one row per agency and year (primary key (agency_id, year): decision 116, the agency key first), kept by
// triggers on the three source tables in the writing transaction itself — whichever code path writes (a case answered,
// a clock recomputed by a set-based UPDATE, an appeal decided, a bulk loader, a test inserting rows), the row moves
// with it. Each trigger subtracts the old row's contribution and adds the new row's (the figures are sums of
// per-record contributions, so the deltas add up to the aggregate):
//  - an application counts 1 in `received` of the year of received_on (收到申请之日, 条例第三十一条); once concluded,
//    1 in its outcome group (table 三 （一）–（六）) of the year of concluded_on, 1 in `with_deadline` if its reply clock
//    (deadlines: entity 'application', kind 'reply') has a due date, and 1 in `on_time` if it concluded on or before it;
//  - a reply clock's due date moves `with_deadline` / `on_time` of its concluded application;
//  - a decided 复议 / 诉讼 (result not 'pending') counts in the year it was filed (table 四), corrected or not.
// The outcome codes of each group are those of core/applications/outcomes.ts when this migration was written
// (frozen here; tests/integration/supervision-figures.test.ts fails if the codes change without a migration).
// The existing rows are counted once at the end (the same aggregates the rankings ran before).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/** Table 三's outcome groups and their codes (core/applications/outcomes.ts, 2026-12-07). */
export const OUTCOME_GROUP_CODES_215: Record<string, readonly string[]> = {
  disclose: ['disclose_already_public', 'disclose'],
  partial: ['partial'],
  withhold: ['withhold_state_secret', 'withhold_prohibited_by_law', 'withhold_security_stability', 'withhold_third_party', 'withhold_internal_affairs',
    'withhold_process_info', 'withhold_enforcement_file', 'withhold_query_matter'],
  unavailable: ['unavailable_not_held', 'unavailable_not_this_agency', 'unavailable_needs_creation', 'unavailable_unclear_after_correction'],
  decline: ['decline_petition', 'decline_repeat', 'decline_publication', 'decline_excessive', 'decline_confirmation'],
  other: ['other_correction_lapsed', 'other_fee_unpaid', 'other_withdrawn', 'other'],
};
const GROUPS = Object.keys(OUTCOME_GROUP_CODES_215);
const COUNTS = ['received', ...GROUPS.map((g) => `o_${g}`), 'with_deadline', 'on_time', 'review_decided', 'review_corrected', 'litigation_decided', 'litigation_corrected'];

const yr = (col: string) => `cast(substr(${col}, 1, 4) as integer)`;
const codes = (g: string) => OUTCOME_GROUP_CODES_215[g]!.map((c) => `'${c}'`).join(', ');
const ensure = (agency: string, year: string, when: string, from = '') =>
  `insert into supervision_figures (agency_id, year) select ${agency}, ${year} ${from} where ${when} on conflict do nothing;`;

/** Statements adding `s` (1 or -1) times application row `r` ('new' / 'old') to the figures. */
function applicationStatements(r: string, s: string): string[] {
  const due = `(select d.due from deadlines d where d.entity = 'application' and d.kind = 'reply' and d.entity_id = cast(${r}.id as text))`;
  const concluded = `${r}.concluded_on is not null`;
  return [
    ensure(`${r}.agency_id`, yr(`${r}.received_on`), `${r}.received_on is not null`),
    `update supervision_figures set received = received + ${s}
      where ${r}.received_on is not null and agency_id = ${r}.agency_id and year = ${yr(`${r}.received_on`)};`,
    ensure(`${r}.agency_id`, yr(`${r}.concluded_on`), concluded),
    `update supervision_figures set ${GROUPS.map((g) => `o_${g} = o_${g} + (case when ${r}.outcome in (${codes(g)}) then ${s} else 0 end)`).join(', ')},
        with_deadline = with_deadline + (case when ${due} is not null then ${s} else 0 end),
        on_time = on_time + (case when ${r}.concluded_on <= ${due} then ${s} else 0 end)
      where ${concluded} and agency_id = ${r}.agency_id and year = ${yr(`${r}.concluded_on`)};`,
  ];
}

/** Statements adding `s` times reply clock `r` of a concluded application (the caller checks entity and kind). */
export function deadlineStatements(r: string, s: string): string[] {
  const app = `applications a where a.id = cast(${r}.entity_id as integer) and a.concluded_on is not null and ${r}.due is not null`;
  return [
    `insert into supervision_figures (agency_id, year) select a.agency_id, ${yr('a.concluded_on')} from ${app} on conflict do nothing;`,
    `update supervision_figures set with_deadline = with_deadline + ${s},
        on_time = on_time + (case when (select a.concluded_on from ${app}) <= ${r}.due then ${s} else 0 end)
      where agency_id = (select a.agency_id from ${app}) and year = (select ${yr('a.concluded_on')} from ${app});`,
  ];
}

/** Statements adding `s` times 复议/诉讼 row `r`. */
function appealStatements(r: string, s: string): string[] {
  const decided = `${r}.result <> 'pending'`;
  const review = `${r}.kind = 'review'`;
  return [
    ensure(`${r}.agency_id`, yr(`${r}.filed_on`), decided),
    `update supervision_figures set
        review_decided = review_decided + (case when ${review} then ${s} else 0 end),
        review_corrected = review_corrected + (case when ${review} and ${r}.result = 'corrected' then ${s} else 0 end),
        litigation_decided = litigation_decided + (case when not (${review}) then ${s} else 0 end),
        litigation_corrected = litigation_corrected + (case when not (${review}) and ${r}.result = 'corrected' then ${s} else 0 end)
      where ${decided} and agency_id = ${r}.agency_id and year = ${yr(`${r}.filed_on`)};`,
  ];
}

interface Source {
  table: string;
  name: string;
  /** the columns whose change moves the figures (an UPDATE of other columns fires nothing) */
  columns: string[];
  /** rows that can count at all (SQLite WHEN; PostgreSQL IF) */
  guard?: (r: string, pg: boolean) => string;
  statements: (r: string, s: string) => string[];
}

const SOURCES: Source[] = [
  { table: 'applications', name: 'applications', columns: ['agency_id', 'received_on', 'concluded_on', 'outcome'], statements: applicationStatements },
  {
    table: 'deadlines', name: 'deadlines', columns: ['entity', 'entity_id', 'kind', 'due'],
    // an entity id that is not a number names no application (PostgreSQL would refuse the cast; SQLite casts it to 0)
    guard: (r, pg) => `${r}.entity = 'application' and ${r}.kind = 'reply'${pg ? ` and ${r}.entity_id ~ '^[0-9]{1,9}$'` : ''}`, statements: deadlineStatements,
  },
  { table: 'appeal_cases', name: 'appeals', columns: ['agency_id', 'kind', 'filed_on', 'result'], statements: appealStatements },
];

const changed = (cols: string[], pg: boolean) => cols.map((c) => (pg ? `old.${c} is distinct from new.${c}` : `old.${c} is not new.${c}`)).join(' or ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  let t = db.schema.createTable('supervision_figures')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull());
  for (const c of COUNTS) t = t.addColumn(c, 'integer', (col) => col.notNull().defaultTo(0));
  await t.addPrimaryKeyConstraint('supervision_figures_pk', ['agency_id', 'year']).execute();

  for (const src of SOURCES) {
    if (pg) {
      const block = (r: string, s: string) => {
        const body = src.statements(r, s).join('\n    ');
        return src.guard ? `if ${src.guard(r, true)} then\n    ${body}\n  end if;` : body;
      };
      await sql.raw(`create function supervision_figures_${src.name}() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
  ${block('old', '-1')}
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
  ${block('new', '1')}
  end if;
  return null;
end $$`).execute(db);
      await sql.raw(`create trigger supervision_figures_${src.name}_write after insert or delete on ${src.table}
        for each row execute function supervision_figures_${src.name}()`).execute(db);
      await sql.raw(`create trigger supervision_figures_${src.name}_update after update of ${src.columns.join(', ')} on ${src.table}
        for each row when (${changed(src.columns, true)}) execute function supervision_figures_${src.name}()`).execute(db);
    } else {
      const when = (r: string, extra?: string) => {
        const parts = [src.guard?.(r, false), extra].filter(Boolean);
        return parts.length ? `when ${parts.map((p) => `(${p})`).join(' and ')}` : '';
      };
      await sql.raw(`create trigger supervision_figures_${src.name}_insert after insert on ${src.table} ${when('new')}
        begin ${src.statements('new', '1').join('\n')} end`).execute(db);
      await sql.raw(`create trigger supervision_figures_${src.name}_delete after delete on ${src.table} ${when('old')}
        begin ${src.statements('old', '-1').join('\n')} end`).execute(db);
      // an update is the old row out and the new row in; each half guarded by its own row
      await sql.raw(`create trigger supervision_figures_${src.name}_update_old after update of ${src.columns.join(', ')} on ${src.table}
        ${when('old', changed(src.columns, false))} begin ${src.statements('old', '-1').join('\n')} end`).execute(db);
      await sql.raw(`create trigger supervision_figures_${src.name}_update_new after update of ${src.columns.join(', ')} on ${src.table}
        ${when('new', changed(src.columns, false))} begin ${src.statements('new', '1').join('\n')} end`).execute(db);
    }
  }

  await countExisting(db);
}

/** The records already there, counted once into an empty supervision_figures (the aggregates the rankings ran before). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function countExisting(db: Kysely<any>): Promise<void> {
  await sql.raw(`insert into supervision_figures (agency_id, year, received)
    select agency_id, ${yr('received_on')}, count(*) from applications where received_on is not null group by agency_id, ${yr('received_on')}`).execute(db);
  await sql.raw(`insert into supervision_figures (agency_id, year, ${GROUPS.map((g) => `o_${g}`).join(', ')}, with_deadline, on_time)
    select a.agency_id, ${yr('a.concluded_on')}, ${GROUPS.map((g) => `sum(case when a.outcome in (${codes(g)}) then 1 else 0 end)`).join(', ')},
      sum(case when d.due is not null then 1 else 0 end), sum(case when a.concluded_on <= d.due then 1 else 0 end)
    from applications a left join deadlines d on d.entity = 'application' and d.kind = 'reply' and d.entity_id = cast(a.id as text)
    where a.concluded_on is not null group by a.agency_id, ${yr('a.concluded_on')}
    on conflict (agency_id, year) do update set ${[...GROUPS.map((g) => `o_${g}`), 'with_deadline', 'on_time'].map((c) => `${c} = excluded.${c}`).join(', ')}`).execute(db);
  await sql.raw(`insert into supervision_figures (agency_id, year, review_decided, review_corrected, litigation_decided, litigation_corrected)
    select agency_id, ${yr('filed_on')},
      sum(case when kind = 'review' then 1 else 0 end), sum(case when kind = 'review' and result = 'corrected' then 1 else 0 end),
      sum(case when kind <> 'review' then 1 else 0 end), sum(case when kind <> 'review' and result = 'corrected' then 1 else 0 end)
    from appeal_cases where result <> 'pending' group by agency_id, ${yr('filed_on')}
    on conflict (agency_id, year) do update set ${['review_decided', 'review_corrected', 'litigation_decided', 'litigation_corrected'].map((c) => `${c} = excluded.${c}`).join(', ')}`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  for (const src of SOURCES) {
    if (pg) {
      for (const w of ['write', 'update']) await sql.raw(`drop trigger if exists supervision_figures_${src.name}_${w} on ${src.table}`).execute(db);
      await sql.raw(`drop function if exists supervision_figures_${src.name}()`).execute(db);
    } else {
      for (const w of ['insert', 'delete', 'update_old', 'update_new']) await sql.raw(`drop trigger if exists supervision_figures_${src.name}_${w}`).execute(db);
    }
  }
  await db.schema.dropTable('supervision_figures').execute();
}
