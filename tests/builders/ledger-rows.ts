// An application and its reply clock inserted as a bulk loader writes them (no service, no events): the rankings and
// their stored figures are counted from these two rows. `due` null is a case without a deadline (a lapsed 补正).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/types.ts';

export interface LedgerApplication { received: string; concluded?: string; outcome?: string; due: string | null }

export async function insertApplicationWithClock(db: Kysely<Database>, agencyId: number, o: LedgerApplication, key: { code: string; name: string; stamp: string }): Promise<number> {
  const r = await db.insertInto('applications').values({
    agency_id: agencyId, query_code: key.code, channel: 'online', submitted_on: o.received, received_on: o.received, applicant_type: 'natural_person', applicant_name: key.name,
    phone: '13800000000', applicant_key: key.code.toLowerCase(), content: `${key.name}申请`, provide_form: '电子邮件', obtain_method: '电子邮件', fee_waiver_requested: 0,
    state: o.concluded ? 'closed' : 'received', outcome: o.outcome ?? null, concluded_on: o.concluded ?? null, created_at: key.stamp, updated_at: key.stamp,
  } as never).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('deadlines').values({
    agency_id: agencyId, entity: 'application', entity_id: String(r.id), kind: 'reply', ledger_json: '[]', settings_json: null, due: o.due, provisional: 0,
    status: o.concluded ? 'closed' : 'on_time', open: o.concluded ? 0 : 1, updated_at: key.stamp,
  }).execute();
  return r.id;
}

export interface StoredAuditReport { agency: number; findings: [rule: string, severity: string, decision?: string][] }

/** An audit run of `runAgency` with its reports and rule findings, as the audit stores them; returns the findings' ids. */
export async function insertAuditRun(db: Kysely<Database>, runAgency: number, year: number, reports: readonly StoredAuditReport[], key: { title: string; file: string; stamp: string }): Promise<number[]> {
  const r = await db.insertInto('audit_runs').values({
    agency_id: runAgency, title: `${key.title}${year}`, year, source: 'upload', reports_count: reports.length, clean_count: 0, findings_count: reports.length, unreadable_count: 0,
    cross_year_json: '[]', created_by: null, created_by_name: '测试', created_at: key.stamp,
  }).returning('id').executeTakeFirstOrThrow();
  const findingIds: number[] = [];
  let ordinal = 0;
  for (const rep of reports) {
    const rr = await db.insertInto('audit_run_reports').values({
      agency_id: runAgency, run_id: r.id, ordinal: ++ordinal, file: `${key.file}${ordinal}.html`, agency_name: null, subject_agency_id: rep.agency, year, format: 'html', status: 'findings', read: 'complete',
      errors_count: 0, warnings_count: 0, model_json: null, notes_json: '[]', not_checked_json: '[]', unread_json: '[]', replaces_report_id: null, created_at: key.stamp,
    }).returning('id').executeTakeFirstOrThrow();
    let k = 0;
    for (const [rule, severity, decision] of rep.findings) {
      const f = await db.insertInto('audit_findings').values({
        agency_id: runAgency, run_id: r.id, report_id: rr.id, scope: 'report', agency_name: null, subject_agency_id: rep.agency, year, rule, severity, source: 'rules', message: `${rule} 测试`,
        cells_json: '[]', fingerprint: `${key.file}-${rr.id}-${k++}`, decision: decision ?? 'pending', reason: decision === 'dismissed' ? '读取有误' : null, carried_from: null, decided_by_name: null, decided_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      findingIds.push(f.id);
    }
  }
  return findingIds;
}
