// Province scale (decisions 116 and 205): every table is classified — agency data (with the column it would be
// distributed by), a reference table (replicated), per-deployment state (coordinator-local) — and every table of
// agency data carries its agency column, required, with an index that starts with it. The schema is read from the
// database itself on each engine, so a new table fails this test until it is classified here and in decision 205.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, engines, type TestApp } from './harness.ts';

/** Agency data: the column each table would be distributed by (co-location group "agency"). */
const AGENCY_DATA: Record<string, string> = {
  applications: 'agency_id', application_events: 'agency_id', application_attachments: 'agency_id', application_disclosures: 'agency_id',
  application_fees: 'agency_id', disclosure_redactions: 'agency_id', letters: 'agency_id', letter_templates: 'agency_id', deadlines: 'agency_id',
  mail_outbox: 'agency_id', personal_data_access: 'agency_id', appeal_cases: 'agency_id',
  catalogue_items: 'agency_id', catalogue_versions: 'agency_id', catalogue_attachments: 'agency_id', catalogue_events: 'agency_id', catalogue_links: 'agency_id',
  catalogue_search: 'agency_id', catalogue_counters: 'agency_id', catalogue_settings: 'agency_id', portal_pages: 'agency_id',
  annual_reports: 'agency_id', annual_report_events: 'agency_id', annual_report_publications: 'agency_id', decision_entries: 'agency_id', decision_item_counts: 'agency_id',
  catalogue_year_counts: 'agency_id',
  evaluations: 'agency_id', evaluation_cases: 'agency_id', evaluation_orders: 'agency_id', evaluation_order_events: 'agency_id', evaluation_order_files: 'agency_id',
  evaluation_visits: 'agency_id', suggestions: 'agency_id',
  service_items: 'agency_id', service_item_changes: 'agency_id', service_item_files: 'agency_id',
  audit_events: 'agency_id', audit_runs: 'agency_id', audit_rectifications: 'agency_id', audit_finding_removals: 'agency_id',
  // a run's reports, findings and corrections carry the run's agency (the supervising agency that ran it); the agency a
  // report is about is subject_agency_id
  audit_run_reports: 'agency_id', audit_findings: 'agency_id', audit_cell_corrections: 'agency_id',
  supervision_settings: 'agency_id', supervision_hierarchy_settings: 'agency_id', supervision_reminders: 'agency_id', supervision_sample_items: 'agency_id',
  // the rankings' counts per agency and year (decision 215)
  supervision_figures: 'agency_id', supervision_report_figures: 'agency_id',
  // a 抽查 draw belongs to the supervising agency that drew it
  supervision_samples: 'supervisor_agency_id',
};

/**
 * References from one table of agency data to another whose rows may belong to another agency, so the two are not
 * co-located under distribution by agency (the reference is followed by the parent's primary key, a multi-shard read
 * under Citus). Every other reference between tables of agency data joins rows of one agency (decision 205).
 */
const CROSS_AGENCY: Record<string, string> = {
  // a 抽查 record is the sampled agency's (its agency_id); the draw is the supervising agency's
  'supervision_sample_items.sample_id': 'supervision_samples',
  // a rectification is asked of the agency a finding is about (agency_id); the finding and run are the supervisor's
  'audit_rectifications.finding_id': 'audit_findings', 'audit_rectifications.run_id': 'audit_runs',
  'audit_rectifications.response_report_id': 'audit_run_reports',
  // an implementation (街道 / 社区) implements a 区 department's item
  'service_items.parent_id': 'service_items',
};

/** Agency tables whose agency column may be empty: rows of the deployment itself (decision 205: under Citus these take
 *  the province's own agency id before distribution). */
const NULLABLE_AGENCY: string[] = ['audit_events', 'mail_outbox'];

/** Reference tables: small, read by every request, replicated to every node. */
const REFERENCE = ['agencies', 'users', 'calendar_years', 'calendar_day_edits', 'evaluation_settings', 'service_item_settings',
  // the plain clocks' results per key after a calendar change and the changes' generations: calendar data (decision 285)
  'deadline_plain_results', 'deadline_plain_generations'];

/** Per-deployment state: stays on the coordinator (local tables). */
const DEPLOYMENT = ['sessions', 'signin_failures', 'rate_limits', 'cache_generations', 'job_leases', 'audit_chain', 'kysely_migration', 'kysely_migration_lock'];

/** SQLite only: the FTS5 index of the catalogue and its shadow tables (PostgreSQL uses catalogue_search). */
const SQLITE_SEARCH = ['catalogue_fts', 'catalogue_fts_config', 'catalogue_fts_data', 'catalogue_fts_docsize', 'catalogue_fts_idx', 'sqlite_sequence'];

/** PostgreSQL only: the catalogue's text search table (SQLite uses catalogue_fts). */
const POSTGRES_ONLY = ['catalogue_search'];

interface TableInfo { columns: Map<string, { notNull: boolean }>; leading: Set<string>; guarded: Set<string>; references: Map<string, string> }

async function schemaOf(t: TestApp): Promise<Map<string, TableInfo>> {
  const out = new Map<string, TableInfo>();
  if (t.engine === 'postgres') {
    const cols = await sql<{ table: string; column: string; notnull: boolean }>`select c.relname as table, a.attname as column, a.attnotnull as notnull
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')`.execute(t.db);
    for (const r of cols.rows) {
      const ti = out.get(r.table) ?? { columns: new Map(), leading: new Set(), guarded: new Set(), references: new Map() };
      ti.columns.set(r.column, { notNull: r.notnull });
      out.set(r.table, ti);
    }
    const lead = await sql<{ table: string; column: string }>`select c.relname as table, a.attname as column from pg_index i
      join pg_class c on c.oid = i.indrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where c.relnamespace = current_schema()::regnamespace`.execute(t.db);
    for (const r of lead.rows) out.get(r.table)?.leading.add(r.column);
    const fks = await sql<{ table: string; column: string; target: string }>`select c.relname as table, a.attname as column, t.relname as target from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
      where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`.execute(t.db);
    for (const r of fks.rows) out.get(r.table)?.references.set(r.column, r.target);
    return out;
  }
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db);
  for (const { name } of tables.rows) {
    const ti: TableInfo = { columns: new Map(), leading: new Set(), guarded: new Set(), references: new Map() };
    for (const c of (await sql<{ name: string; notnull: number; pk: number }>`select name, "notnull", pk from pragma_table_info(${name})`.execute(t.db)).rows) {
      // an INTEGER PRIMARY KEY is the rowid: never empty, though the pragma does not mark it NOT NULL
      ti.columns.set(c.name, { notNull: c.notnull === 1 || c.pk === 1 });
      if (c.pk === 1) ti.leading.add(c.name);
    }
    for (const ix of (await sql<{ name: string }>`select name from pragma_index_list(${name})`.execute(t.db)).rows) {
      const first = (await sql<{ name: string }>`select name from pragma_index_info(${ix.name}) where seqno = 0`.execute(t.db)).rows[0];
      if (first) ti.leading.add(first.name);
    }
    // SQLite cannot add a NOT NULL column without a default: migration 205 on guards it with triggers
    for (const tr of (await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and tbl_name = ${name}`.execute(t.db)).rows) {
      const m = /when new\.(\w+) is null begin select raise\(abort/i.exec(tr.sql);
      if (m) ti.guarded.add(m[1]!);
    }
    for (const fk of (await sql<{ table: string; from: string }>`select "table", "from" from pragma_foreign_key_list(${name})`.execute(t.db)).rows) ti.references.set(fk.from, fk.table);
    out.set(name, ti);
  }
  return out;
}

describe.each(engines())('agency key of every table (%s)', (engine) => {
  let t: TestApp;
  let schema: Map<string, TableInfo>;
  beforeAll(async () => {
    t = await createTestApp(engine, { seed: false });
    schema = await schemaOf(t);
  });
  afterAll(async () => t?.close());

  it('every table is classified (agency data, reference, per deployment)', () => {
    const known = new Set([...Object.keys(AGENCY_DATA), ...REFERENCE, ...DEPLOYMENT, ...(engine === 'sqlite' ? SQLITE_SEARCH : [])]
      .filter((x) => engine === 'postgres' || !POSTGRES_ONLY.includes(x)));
    expect([...schema.keys()].filter((x) => !known.has(x)).sort(), 'tables to classify in this test and decision 205').toEqual([]);
    expect([...known].filter((x) => !schema.has(x)).sort(), 'classified tables that no longer exist').toEqual([]);
  });

  it('every table of agency data has its agency column, required, and an index that starts with it', () => {
    const problems: string[] = [];
    for (const [table, column] of Object.entries(AGENCY_DATA)) {
      if (engine === 'sqlite' && POSTGRES_ONLY.includes(table)) continue;
      const ti = schema.get(table);
      const c = ti?.columns.get(column);
      if (!ti || !c) { problems.push(`${table}: no ${column}`); continue; }
      if (!ti.leading.has(column)) problems.push(`${table}: no index starts with ${column}`);
      const required = c.notNull || ti.guarded.has(column);
      if (!required && !NULLABLE_AGENCY.includes(table)) problems.push(`${table}.${column} may be empty`);
      if (required && NULLABLE_AGENCY.includes(table)) problems.push(`${table}.${column} is required now: remove it from NULLABLE_AGENCY`);
    }
    expect(problems).toEqual([]);
  });

  it('a table that references agency data is agency data itself, co-located with it unless listed as cross-agency', () => {
    const problems: string[] = [];
    for (const [table, ti] of schema) {
      for (const [column, target] of ti.references) {
        if (!(target in AGENCY_DATA)) continue;
        const key = `${table}.${column}`;
        if (!(table in AGENCY_DATA)) problems.push(`${key} → ${target}: ${table} is not classified as agency data`);
        else if (CROSS_AGENCY[key] === undefined && AGENCY_DATA[table] !== AGENCY_DATA[target]) problems.push(`${key} → ${target}: distributed by ${AGENCY_DATA[table]} and ${AGENCY_DATA[target]}`);
      }
    }
    expect(problems).toEqual([]);
    const listed = Object.entries(CROSS_AGENCY).filter(([key, target]) => { const [table, column] = key.split('.') as [string, string]; return schema.get(table)?.references.get(column) !== target; });
    expect(listed.map(([k]) => k), 'cross-agency references that no longer exist').toEqual([]);
  });

  it('a child row without its agency is refused', async () => {
    const now = new Date().toISOString();
    const a = await t.db.insertInto('agencies').values({ name: '分布键测试机构', credit_code: '113706020043219999', kind: 'government', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const app = await t.db.insertInto('applications').values({
      agency_id: a.id, query_code: 'GKAGENCYKEY1', channel: 'in_person', submitted_on: '2026-03-02', received_on: '2026-03-02', applicant_type: 'natural_person',
      applicant_name: '测试', phone: '13800000000', applicant_key: 'N:1', content: '测试', provide_form: '纸质', obtain_method: '自行领取', fee_waiver_requested: 0,
      state: 'received', created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const ev = { application_id: app.id, seq: 1, kind: 'registered', on_date: '2026-03-02', at: now, actor_name: '测试' };
    await expect(t.db.insertInto('application_events').values({ ...ev, agency_id: null as unknown as number }).execute()).rejects.toThrow(/agency_id/);
    await t.db.insertInto('application_events').values({ ...ev, agency_id: a.id }).execute();
    await expect(t.db.updateTable('application_events').set({ agency_id: null as unknown as number }).where('application_id', '=', app.id).execute()).rejects.toThrow(/agency_id/);
  });
});
