// 216_supervision_report_figures: the rankings' report quality and the heatmap (decisions 180, 215) read, per agency
// and year, the latest audited report of each auditing agency with its findings already counted, instead of finding
// the latest report among every run and counting its findings on each page view. One row per (subject agency, year,
// agency that ran the audit) — primary key (agency_id, year, run_agency_id), the agency key first (decision 116) —
// holding that auditor's latest report of the agency's year (the highest audit_run_reports.id: a corrected report sent
// back is stored later), its status, the findings that count (of the report itself, not dismissed) by severity, and
// the same per rule as JSON ({"error:E1": 2, "warning:W-blank": 1}). Which auditors a supervisor sees (its own agency
// and the supervising agencies below it, decision 110) is decided when reading, so a moved agency changes hands at once.
// Kept by triggers in the writing transaction (whatever the path: a run stored, a finding triaged, a cell corrected and
// the report audited again, a rectification's report, a loader or a test inserting rows):
//  - a report inserted, deleted, or changed in its run, agency, year or status: its auditor's row for that agency and
//    year is taken again from the latest report there (old and new key on an update);
//  - a finding inserted, deleted, or changed in report, scope, decision, severity or rule: the counts of its report's
//    row are taken again from the report's findings (through audit_findings (report_id, rule)), if that report is a
//    latest one.
// Two runs stored at once for the same agency, year and auditor: the row ends on the higher report id whichever
// transaction commits last (the upsert keeps the higher id). Existing reports are counted once at the end.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

const counted = (report: string) => `f.report_id = ${report} and f.scope = 'report' and f.decision <> 'dismissed'`;
const severityCount = (report: string, severity: string) => `(select count(*) from audit_findings f where ${counted(report)} and f.severity = '${severity}')`;
const rulesJson = (report: string, pg: boolean) => `(select coalesce(${pg ? 'json_object_agg(q.k, q.c)::text' : 'json_group_object(q.k, q.c)'}, '{}')
  from (select f.severity || ':' || f.rule as k, count(*) as c from audit_findings f where ${counted(report)} group by f.severity, f.rule) q)`;
const counts = (report: string, pg: boolean) => `${severityCount(report, 'error')}, ${severityCount(report, 'warning')}, ${rulesJson(report, pg)}`;
const COLUMNS = 'agency_id, year, run_agency_id, report_id, run_id, status, errors, warnings, rules_json';

/** Statements taking again the row of report `r`'s key (its agency, year and auditor) from the latest report there. */
function reportStatements(r: string, pg: boolean): string[] {
  const auditor = `(select ru.agency_id from audit_runs ru where ru.id = ${r}.run_id)`;
  return [
    `delete from supervision_report_figures where report_id = ${r}.id;`,
    `delete from supervision_report_figures where agency_id = ${r}.subject_agency_id and year = ${r}.year and run_agency_id = ${auditor};`,
    `insert into supervision_report_figures (${COLUMNS})
      select rr.subject_agency_id, rr.year, ru.agency_id, rr.id, rr.run_id, rr.status, ${counts('rr.id', pg)}
      from audit_run_reports rr inner join audit_runs ru on ru.id = rr.run_id
      where rr.id = (select max(x.id) from audit_run_reports x inner join audit_runs y on y.id = x.run_id
        where x.subject_agency_id = ${r}.subject_agency_id and x.year = ${r}.year and y.agency_id = ${auditor})
      on conflict (agency_id, year, run_agency_id) do update set ${['report_id', 'run_id', 'status', 'errors', 'warnings', 'rules_json'].map((c) => `${c} = excluded.${c}`).join(', ')}
        where excluded.report_id > supervision_report_figures.report_id;`,
  ];
}

/** Statements counting again the findings of finding `r`'s report, where that report is a latest one. */
function findingStatements(r: string, pg: boolean): string[] {
  return [`update supervision_report_figures set errors = ${severityCount(`${r}.report_id`, 'error')}, warnings = ${severityCount(`${r}.report_id`, 'warning')},
      rules_json = ${rulesJson(`${r}.report_id`, pg)} where report_id = ${r}.report_id;`];
}

interface Source { table: string; name: string; columns: string[]; guard: (r: string) => string; statements: (r: string, pg: boolean) => string[] }

const SOURCES: Source[] = [
  {
    table: 'audit_run_reports', name: 'reports', columns: ['run_id', 'subject_agency_id', 'year', 'status'],
    guard: (r) => `${r}.subject_agency_id is not null and ${r}.year is not null`, statements: reportStatements,
  },
  {
    table: 'audit_findings', name: 'findings', columns: ['report_id', 'scope', 'decision', 'severity', 'rule'],
    guard: (r) => `${r}.report_id is not null`, statements: findingStatements,
  },
];

const changed = (cols: string[], pg: boolean) => cols.map((c) => (pg ? `old.${c} is distinct from new.${c}` : `old.${c} is not new.${c}`)).join(' or ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema.createTable('supervision_report_figures')
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('run_agency_id', 'integer', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('supervision_report_figures_pk', ['agency_id', 'year', 'run_agency_id'])
    .execute();
  await db.schema.createIndex('supervision_report_figures_report_idx').on('supervision_report_figures').column('report_id').execute();

  for (const src of SOURCES) {
    if (pg) {
      const block = (r: string) => `if ${src.guard(r)} then\n    ${src.statements(r, true).join('\n    ')}\n  end if;`;
      await sql.raw(`create function supervision_report_figures_${src.name}() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
  ${block('old')}
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
  ${block('new')}
  end if;
  return null;
end $$`).execute(db);
      await sql.raw(`create trigger supervision_report_figures_${src.name}_write after insert or delete on ${src.table}
        for each row execute function supervision_report_figures_${src.name}()`).execute(db);
      await sql.raw(`create trigger supervision_report_figures_${src.name}_update after update of ${src.columns.join(', ')} on ${src.table}
        for each row when (${changed(src.columns, true)}) execute function supervision_report_figures_${src.name}()`).execute(db);
    } else {
      const body = (r: string) => src.statements(r, false).join('\n');
      await sql.raw(`create trigger supervision_report_figures_${src.name}_insert after insert on ${src.table} when ${src.guard('new')}
        begin ${body('new')} end`).execute(db);
      await sql.raw(`create trigger supervision_report_figures_${src.name}_delete after delete on ${src.table} when ${src.guard('old')}
        begin ${body('old')} end`).execute(db);
      await sql.raw(`create trigger supervision_report_figures_${src.name}_update_old after update of ${src.columns.join(', ')} on ${src.table}
        when (${src.guard('old')}) and (${changed(src.columns, false)}) begin ${body('old')} end`).execute(db);
      await sql.raw(`create trigger supervision_report_figures_${src.name}_update_new after update of ${src.columns.join(', ')} on ${src.table}
        when (${src.guard('new')}) and (${changed(src.columns, false)}) begin ${body('new')} end`).execute(db);
    }
  }
  await countExistingReports(db);
}

/** The latest report of every agency, year and auditor, counted once into an empty supervision_report_figures. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function countExistingReports(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await sql.raw(`insert into supervision_report_figures (${COLUMNS})
    select rr.subject_agency_id, rr.year, ru.agency_id, rr.id, rr.run_id, rr.status, ${counts('rr.id', pg)}
    from audit_run_reports rr inner join audit_runs ru on ru.id = rr.run_id
    where rr.id in (select max(x.id) from audit_run_reports x inner join audit_runs y on y.id = x.run_id
      where x.subject_agency_id is not null and x.year is not null group by x.subject_agency_id, x.year, y.agency_id)`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  for (const src of SOURCES) {
    if (pg) {
      for (const w of ['write', 'update']) await sql.raw(`drop trigger if exists supervision_report_figures_${src.name}_${w} on ${src.table}`).execute(db);
      await sql.raw(`drop function if exists supervision_report_figures_${src.name}()`).execute(db);
    } else {
      for (const w of ['insert', 'delete', 'update_old', 'update_new']) await sql.raw(`drop trigger if exists supervision_report_figures_${src.name}_${w}`).execute(db);
    }
  }
  await db.schema.dropTable('supervision_report_figures').execute();
}
