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
  service_items: 'agency_id',
  audit_events: 'agency_id', audit_runs: 'agency_id', audit_rectifications: 'agency_id', audit_finding_removals: 'agency_id',
  supervision_settings: 'agency_id', supervision_hierarchy_settings: 'agency_id', supervision_reminders: 'agency_id', supervision_sample_items: 'agency_id',
  // the rankings' counts per agency and year (decision 215)
  supervision_figures: 'agency_id', supervision_report_figures: 'agency_id',
  // a 抽查 draw belongs to the supervising agency that drew it
  supervision_samples: 'supervisor_agency_id',
};

/**
 * Child tables still keyed by their parent's id alone (no agency column yet): each is distributed with its parent
 * once it carries the parent's agency_id (decision 205 lists them). The list may only shrink.
 */
const PARENT_KEYED: Record<string, string> = {
  service_item_changes: 'service_items', service_item_files: 'service_items', audit_run_reports: 'audit_runs', audit_findings: 'audit_runs',
  audit_cell_corrections: 'audit_runs',
};

/** Agency tables whose agency column may be empty: rows of the deployment itself (decision 205: under Citus these take
 *  the province's own agency id before distribution). */
const NULLABLE_AGENCY: string[] = ['audit_events', 'mail_outbox'];

/** Reference tables: small, read by every request, replicated to every node. */
const REFERENCE = ['agencies', 'users', 'calendar_years', 'calendar_day_edits', 'evaluation_settings', 'service_item_settings'];

/** Per-deployment state: stays on the coordinator (local tables). */
const DEPLOYMENT = ['sessions', 'signin_failures', 'rate_limits', 'cache_generations', 'job_leases', 'audit_chain', 'kysely_migration', 'kysely_migration_lock'];

/** SQLite only: the FTS5 index of the catalogue and its shadow tables (PostgreSQL uses catalogue_search). */
const SQLITE_SEARCH = ['catalogue_fts', 'catalogue_fts_config', 'catalogue_fts_data', 'catalogue_fts_docsize', 'catalogue_fts_idx', 'sqlite_sequence'];

/** PostgreSQL only: the catalogue's text search table (SQLite uses catalogue_fts). */
const POSTGRES_ONLY = ['catalogue_search'];

interface TableInfo { columns: Map<string, { notNull: boolean }>; leading: Set<string>; guarded: Set<string> }

async function schemaOf(t: TestApp): Promise<Map<string, TableInfo>> {
  const out = new Map<string, TableInfo>();
  if (t.engine === 'postgres') {
    const cols = await sql<{ table: string; column: string; notnull: boolean }>`select c.relname as table, a.attname as column, a.attnotnull as notnull
      from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')`.execute(t.db);
    for (const r of cols.rows) {
      const ti = out.get(r.table) ?? { columns: new Map(), leading: new Set(), guarded: new Set() };
      ti.columns.set(r.column, { notNull: r.notnull });
      out.set(r.table, ti);
    }
    const lead = await sql<{ table: string; column: string }>`select c.relname as table, a.attname as column from pg_index i
      join pg_class c on c.oid = i.indrelid join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where c.relnamespace = current_schema()::regnamespace`.execute(t.db);
    for (const r of lead.rows) out.get(r.table)?.leading.add(r.column);
    return out;
  }
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db);
  for (const { name } of tables.rows) {
    const ti: TableInfo = { columns: new Map(), leading: new Set(), guarded: new Set() };
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

  it('every table is classified (agency data, parent-keyed child, reference, per deployment)', () => {
    const known = new Set([...Object.keys(AGENCY_DATA), ...Object.keys(PARENT_KEYED), ...REFERENCE, ...DEPLOYMENT, ...(engine === 'sqlite' ? SQLITE_SEARCH : [])]
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

  it('the parent-keyed children still lack an agency column (move a table to AGENCY_DATA when it gains one)', () => {
    expect(Object.keys(PARENT_KEYED).filter((x) => schema.get(x)?.columns.has('agency_id'))).toEqual([]);
    for (const parent of Object.values(PARENT_KEYED)) expect(AGENCY_DATA[parent]).toBe('agency_id');
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
