// Province scale (decision 116): no main list, search or report query reads a table of agency data without an
// index. The test records every SELECT the server sends to PostgreSQL while it answers the staff application list,
// the catalogue list, the catalogue search, the annual report compile and the supervisor's lists, then asks
// PostgreSQL for each one's plan with sequential scans disabled: a Seq Scan left in such a plan means no index can
// serve that query — on 10⁴ agencies it would read every agency's rows. Small reference tables (agencies, users,
// the calendar, settings) may be scanned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './harness.ts';

const enabled = !!process.env.TEST_DATABASE_URL;

/** Tables that grow with the agencies' work; reference tables and per-process state are not listed. */
const AGENCY_DATA = new Set([
  'applications', 'application_events', 'application_attachments', 'application_disclosures', 'application_fees', 'disclosure_redactions', 'letters', 'deadlines',
  'catalogue_items', 'catalogue_versions', 'catalogue_attachments', 'catalogue_events', 'catalogue_links', 'catalogue_search',
  'annual_reports', 'annual_report_events', 'annual_report_publications', 'decision_entries', 'decision_item_counts', 'catalogue_year_counts', 'appeal_cases',
  'audit_events', 'mail_outbox', 'personal_data_access', 'evaluations', 'evaluation_orders', 'evaluation_order_events', 'evaluation_order_files', 'evaluation_visits', 'suggestions',
  'service_items', 'service_item_changes', 'service_item_files', 'audit_runs', 'audit_rectifications', 'audit_run_reports', 'audit_findings', 'audit_cell_corrections',
]);

interface Captured { text: string; values: unknown[] }

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node['Relation Name']);
  for (const c of node.Plans ?? []) seqScans(c, out);
  return out;
}

describe.skipIf(!enabled)('query plans on PostgreSQL', () => {
  let t: TestApp;
  const captured: Captured[] = [];
  let recording = false;
  const original = pg.Client.prototype.query;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wrapping the driver's overloaded query method
    (pg.Client.prototype as any).query = function (this: pg.Client, ...args: any[]) {
      if (recording && typeof args[0] === 'string' && /^\s*(select|with)\b/i.test(args[0])) captured.push({ text: args[0], values: Array.isArray(args[1]) ? args[1] : [] });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (original as any).apply(this, args);
    };
  }, 120_000);
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await t?.close();
  });

  it('every table with an agency_id has an index that starts with it', async () => {
    const r = await sql<{ table: string }>`select c.relname as table from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'agency_id' and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
        and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum) order by 1`.execute(t.db);
    expect(r.rows.map((x) => x.table)).toEqual([]);
  });

  it('the main list, search and report queries use an index on every table of agency data', async () => {
    const dept = await t.db.selectFrom('agencies').select(['id', 'credit_code']).where('credit_code', '=', '12370602780795309E').executeTakeFirstOrThrow();
    const year = new Date().getUTCFullYear() - 1;
    // a case and a catalogue item of the agency: their pages read the child tables (ledger, files, fee; versions,
    // attachments, links, events) by (agency_id, parent id) — decision 205
    const kase = await t.db.selectFrom('applications').select('id').where('agency_id', '=', dept.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const item = await t.db.selectFrom('catalogue_items').select('id').where('agency_id', '=', dept.id).where('public', '=', 1).orderBy('id', 'desc').executeTakeFirstOrThrow();
    // a 差评 work order, a service item, and an audit run of the supervising agency with a report, a finding and a cell
    // correction: their pages read the child tables by (agency_id, parent id) — decision 205, migrations 245–247
    const order = await t.db.selectFrom('evaluation_orders').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const serviceItem = await t.db.selectFrom('service_items').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const gov = await t.db.selectFrom('users').select('agency_id').where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    const at = '2026-02-01T00:00:00.000Z';
    const run = await t.db.insertInto('audit_runs').values({ agency_id: gov.agency_id, title: '查询计划体检', year, source: 'upload', reports_count: 1, clean_count: 0, findings_count: 1, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '测试', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const report = await t.db.insertInto('audit_run_reports').values({ agency_id: gov.agency_id, run_id: run.id, ordinal: 1, file: 'r.txt', agency_name: '测试机关', subject_agency_id: dept.id, year, format: '2021', status: 'findings', read: 'complete', errors_count: 1, warnings_count: 0, model_json: null, notes_json: '[]', not_checked_json: '[]', unread_json: '[]', replaces_report_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('audit_findings').values({ agency_id: gov.agency_id, run_id: run.id, report_id: report.id, scope: 'report', agency_name: '测试机关', subject_agency_id: dept.id, year, rule: 'E1', severity: 'error', source: 'rules', message: '不符', cells_json: '[]', fingerprint: 'plan|E1', decision: 'pending', reason: null, carried_from: null, decided_by_name: null, decided_at: null }).execute();
    await t.db.insertInto('audit_cell_corrections').values({ agency_id: gov.agency_id, run_id: run.id, report_id: report.id, cell: 'table3|（七）总计|总计', original_json: 'null', value_json: '1', reason: '测试', state: 'active', created_by_name: '测试', created_at: at, ended_by_name: null, ended_at: null }).execute();
    const calls: Array<[string, string, string, unknown?]> = [
      ['officer', 'GET', '/api/applications'],
      ['officer', 'GET', `/api/applications/${kase.id}`],
      ['officer', 'GET', `/api/catalogue/items/${item.id}`],
      ['', 'GET', `/items/${item.id}`],
      ['officer', 'GET', '/api/applications?view=overdue'],
      // the catalogue's back office lists its open 第二十六条 clocks from deadlines, most urgent first
      ['officer', 'GET', '/admin/catalogue'],
      ['officer', 'GET', `/api/catalogue?agency=${dept.credit_code}`],
      ['officer', 'GET', `/api/catalogue?agency=${dept.credit_code}&q=${encodeURIComponent('许可')}`],
      ['officer', 'GET', `/api/catalogue?q=${encodeURIComponent('行政复议')}`],
      ['officer', 'POST', `/api/annual-reports/${dept.id}/${year}/compile`, {}],
      ['officer', 'GET', `/api/annual-reports/${dept.id}/${year}`],
      ['supervisor', 'GET', '/api/evaluations'],
      ['supervisor', 'GET', '/api/audit-events'],
      ['supervisor', 'GET', `/api/supervision/rankings?year=${year}`],
      ['supervisor', 'GET', `/api/supervision/heatmap?year=${year}`],
      ['supervisor', 'GET', '/api/evaluation-orders'],
      ['supervisor', 'GET', `/api/evaluation-orders/${order.id}`],
      ['officer', 'GET', `/api/service-items/${serviceItem.id}`],
      ['', 'GET', `/services/${serviceItem.id}`],
      ['supervisor', 'GET', `/api/supervision/runs/${run.id}`],
      ['supervisor', 'GET', `/api/supervision/runs/${run.id}/reports`],
      ['supervisor', 'GET', `/api/supervision/runs/${run.id}/findings`],
      ['supervisor', 'GET', `/api/supervision/runs/${run.id}/agencies`],
      ['supervisor', 'GET', `/api/supervision/reports/${report.id}`],
    ];
    const responses: string[] = [];
    recording = true;
    try {
      for (const [as, method, url, body] of calls) {
        const r = await t.api(method as 'GET', url, { ...(as ? { as } : {}), ...(body !== undefined ? { body } : {}) });
        responses.push(`${method} ${url} → ${r.statusCode}`);
      }
    } finally {
      recording = false;
    }
    expect(responses.every((x) => /→ 2\d\d$/.test(x)), responses.join('\n')).toBe(true);
    expect(captured.length).toBeGreaterThan(20);
    const offenders: string[] = [];
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
      for (const q of captured) {
        const r = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json) ${sql.raw(q.text.replace(/\$(\d+)/g, (_, n) => literal(q.values[Number(n) - 1])))}`.execute(trx);
        const scanned = seqScans(r.rows[0]!['QUERY PLAN'][0]!.Plan).filter((x) => AGENCY_DATA.has(x));
        if (scanned.length) offenders.push(`${[...new Set(scanned)].join(', ')} ← ${q.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      }
    });
    expect(offenders, offenders.join('\n\n')).toEqual([]);
    // the check itself finds a query no index serves
    const bad = await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
      return sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json) select id from catalogue_versions where title = 'x'`.execute(trx);
    });
    expect(seqScans(bad.rows[0]!['QUERY PLAN'][0]!.Plan)).toEqual(['catalogue_versions']);
    const tables = new Set(captured.flatMap((q) => [...q.text.matchAll(/(?:from|join) "?([a-z_]+)"?/gi)].map((m) => m[1]!)));
    // the clocks are read through the view deadline_clocks (deadlines with its plain clocks' key results, decision 285):
    // its plans above are those of deadlines
    for (const x of ['applications', 'deadline_clocks', 'catalogue_items', 'catalogue_search', 'decision_entries', 'evaluations', 'audit_events', 'appeal_cases', 'audit_run_reports', 'audit_findings',
      'evaluation_orders', 'evaluation_order_events', 'evaluation_order_files', 'service_item_changes', 'service_item_files', 'audit_cell_corrections']) expect(tables, `${x} was queried`).toContain(x);
  }, 120_000);
});

/** A parameter as an SQL literal (EXPLAIN cannot take bind parameters without PREPARE). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return `array[${v.map(literal).join(', ')}]`;
  if (Buffer.isBuffer(v)) return `'\\x${v.toString('hex')}'::bytea`;
  return `'${String(v).replace(/'/g, "''")}'`;
}
