// Authorization matrix: every registered route × anonymous and each role × a record of the caller's
// own agency, of an agency below it and of an agency of another district → the answer the policy
// table (authorization/policy.ts) expects: allowed, 401 / redirect to sign-in, 403 or 404.
// One app per engine, one sign-in per role; records are made through the API by an officer of each
// agency. A registered route without a policy entry (or without a request recipe here) fails.
// docs/authorization.md must hold the table as renderPolicyMarkdown() renders it
// (UPDATE_AUTHZ_DOC=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/app.ts';
import type { Actor } from '../../src/features/shared/actor.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { buildPdf } from '../builders/hostile-files.ts';
import { ATTACHMENT_FIELD } from '../../src/features/personal-data/personal-data.service.ts';
import { createTestApp, engines, type Session, type TestApp } from './harness.ts';
import { CALLERS, SCOPE_CASES, expected, policy, renderPolicyMarkdown, type Caller, type Expected, type ScopeCase } from './authorization/policy.ts';

// ── collection time: the route table of the app (a seedless SQLite app) ──
const probe = await createTestApp('sqlite', { seed: false });
const routeKeys = [...new Set(registeredRoutes(probe.app).filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
await probe.close();

const YEAR = 2025;
const FOREIGN_NAME = '测试区行政审批服务局';
/** 1×1 PNG: a valid identity scan / catalogue attachment */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The file disclosed with each agency's reply draft (区分处理 routes). */
const DISCLOSED_PDF = buildPdf({ text: 'Authorization matrix disclosed file' });
const DOC_PATH = new URL('../../docs/authorization.md', import.meta.url);
const DOC_BEGIN = '<!-- policy table: generated from tests/integration/authorization/policy.ts -->';
const DOC_END = '<!-- end of policy table -->';

/** Records of one agency, made through the API by an officer of that agency. */
interface AgencyRecords {
  id: number;
  creditCode: string;
  officer: string;
  /** the fixture officer as a service actor */
  officerActor: Actor;
  applicationId: number;
  queryCode: string;
  letterId: number;
  attachmentId: number;
  /** a file disclosed with a reply draft (区分处理) */
  disclosureId: number;
  appealId: number;
  itemId: number;
  interpretationId: number;
  interpretationIndexNo: string;
  itemAttachmentId: number;
  serviceItemId: number;
  userId: number;
  auditEventId: number;
  evaluationId: number;
  receiptCode: string;
  orderId: number;
  suggestionId: number;
  suggestionCode: string;
  /** an audit run of the agency (as its supervisor would run it), one report, one finding about the agency, a rectification asked of it */
  runId: number;
  /** An earlier run of the same agency (to compare runId with). */
  earlierRunId: number;
  runReportId: number;
  findingId: number;
  rectificationId: number;
  /** an item of a 不定期抽查 the agency drew (as a supervising agency) */
  sampleItemId: number;
  correctionId: number;
}
type AgencyKey = 'G' | 'D' | 'DC' | 'F';
/** The agency of the record for a caller: officer/reviewer/leader work in the department (D), admin and supervisor in the 区政府 (G). */
function agencyFor(caller: Caller, scope: ScopeCase): AgencyKey {
  const atGovernment = caller === 'admin' || caller === 'supervisor';
  if (scope === 'own') return atGovernment ? 'G' : 'D';
  if (scope === 'child') return atGovernment ? 'D' : 'DC';
  return 'F';
}

interface Req {
  method?: string;
  url: string;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: { fields?: Record<string, string>; files?: Record<string, { filename: string; data: Buffer; type: string }> };
  /** a fresh session for this request (the request signs out) */
  freshSession?: boolean;
  headers?: Record<string, string>;
}
interface RecipeCtx {
  rec: AgencyRecords;
  caller: Caller;
  n: number;
  t: TestApp;
  publicItemId: number;
  publicFileId: number;
  probeUser: string;
}
type Recipe = (c: RecipeCtx) => Req | Promise<Req>;

function multipartBody(m: NonNullable<Req['multipart']>): { payload: Buffer; contentType: string } {
  const boundary = `----gkauthz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(m.fields ?? {})) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, f] of Object.entries(m.files ?? {})) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"; filename="${f.filename}"\r\ncontent-type: ${f.type}\r\n\r\n`), f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function versionOf(t: TestApp, table: 'applications' | 'appeal_cases' | 'users' | 'annual_reports' | 'catalogue_items' | 'evaluation_orders' | 'suggestions', where: Record<string, number>): Promise<number> {
  let q = t.db.selectFrom(table as 'applications').select('version');
  for (const [k, v] of Object.entries(where)) q = q.where(k as 'id', '=', v);
  return Number((await q.executeTakeFirst())?.version ?? 1);
}

async function redactionVersion(t: TestApp, disclosureId: number): Promise<number> {
  return (await t.db.selectFrom('application_disclosures').select('redaction_version').where('id', '=', disclosureId).executeTakeFirstOrThrow()).redaction_version;
}
const redactionOp = (path: string, body: Record<string, unknown>): Recipe => async ({ rec, t }) => ({
  method: 'POST', url: `/api/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/${path}`, json: { version: await redactionVersion(t, rec.disclosureId), ...body },
});

const appAction = (path: string, body: Record<string, unknown>): Recipe => async ({ rec, t }) => ({
  method: 'POST', url: `/api/applications/${rec.applicationId}/${path}`, json: { version: await versionOf(t, 'applications', { id: rec.applicationId }), ...body },
});
const annualAction = (action: string, extra: Record<string, string> = {}): Recipe => async ({ rec, t }) => ({
  method: 'POST', url: `/admin/annual/${rec.id}/${YEAR}/${action}`, form: { version: String(await versionOf(t, 'annual_reports', { agency_id: rec.id, year: YEAR })), ...extra },
});
const annualApi = (action: string, extra: Record<string, unknown> = {}, method = 'POST'): Recipe => async ({ rec, t }) => ({
  method, url: `/api/annual-reports/${rec.id}/${YEAR}/${action}`, json: { version: await versionOf(t, 'annual_reports', { agency_id: rec.id, year: YEAR }), ...extra },
});
/**
 * 负责人审定: whoever compiled or edited a report may not approve it, and the matrix's leader edits this report on the
 * routes probed before. The probe clears the report's event trail first so that the role and scope decide, not that rule
 * (tested in annual-report-api.test.ts).
 */
const annualApprove = (recipe: Recipe): Recipe => async (c) => {
  const report = await c.t.db.selectFrom('annual_reports').select('id').where('agency_id', '=', c.rec.id).where('year', '=', YEAR).executeTakeFirst();
  if (report) await c.t.db.deleteFrom('annual_report_events').where('report_id', '=', report.id).execute();
  return recipe(c);
};
const orderAction = (path: string, body: (t: TestApp) => Record<string, unknown>): Recipe => async ({ rec, t }) => ({
  method: 'POST', url: `/api/evaluation-orders/${rec.orderId}/${path}`, json: { version: await versionOf(t, 'evaluation_orders', { id: rec.orderId }), ...body(t) },
});
const suggestionAction = (path: string, body: Record<string, unknown>): Recipe => async ({ rec, t }) => ({
  method: 'POST', url: `/api/suggestions/${rec.suggestionId}/${path}`, json: { version: await versionOf(t, 'suggestions', { id: rec.suggestionId }), ...body },
});
const draft = { title: '授权矩阵测试文件', kind: 'normative', category: 1, disclosure: 'proactive', formedOn: '2025-06-03', madeOn: '2025-06-01', body: '正文' };
const draftForm = { title: '授权矩阵测试文件', kind: 'normative', category: '1', disclosure: 'proactive', formedOn: '2025-06-03', madeOn: '2025-06-01', body: '正文' };
const pngFile = { filename: 'scan.png', data: PNG, type: 'image/png' };
const appealBody = { kind: 'review', filedOn: '2025-05-06', bodyName: '芝罘区人民政府', caseNumber: '芝政复〔2025〕1号', result: 'pending', notes: '授权矩阵' };

const findingVersion = async (t: TestApp, id: number) => Number((await t.db.selectFrom('audit_findings').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1);
const runReportVersion = async (t: TestApp, id: number) => Number((await t.db.selectFrom('audit_run_reports').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1);
const sampleItemVersion = async (t: TestApp, id: number) => Number((await t.db.selectFrom('supervision_sample_items').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1);
const rectificationVersion = async (t: TestApp, id: number) => Number((await t.db.selectFrom('audit_rectifications').select('version').where('id', '=', id).executeTakeFirst())?.version ?? 1);

/** How to call each route (the record's agency is `rec`). */
/** A catalogue XLSX with the required columns and no rows (a dry run that reads and checks the file). */
let headerXlsx: Promise<Buffer> | undefined;
const catalogueHeaderXlsx = () => (headerXlsx ??= (async () => {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('政务服务事项').addRow(['实施单位', '层级', '状态', '状态生效日期', '事项名称', '基本编码', '事项类型', '实施编码']);
  return Buffer.from(await wb.xlsx.writeBuffer());
})());
const serviceItemValues = (code: string) => ({ name: '授权矩阵测试事项', basicCode: '000000000000', type: '行政许可', implCode: code });

const recipes: Record<string, Recipe> = {
  'GET /api/service-items': ({ rec }) => ({ url: `/api/service-items?agency=${rec.creditCode}` }),
  'GET /api/service-items/elements': () => ({ url: '/api/service-items/elements' }),
  'PUT /api/service-items/must-match': () => ({ method: 'PUT', url: '/api/service-items/must-match', json: { keys: ['name', 'type'], version: 0 } }),
  'POST /api/service-items/elements': ({ n }) => ({ method: 'POST', url: '/api/service-items/elements', json: { key: `x_authz${n}`, label: `授权矩阵要素${n}`, group: 'impl', kind: 'text', version: 0 } }),
  'GET /api/service-items/consistency': ({ rec }) => ({ url: `/api/service-items/consistency?agency=${rec.creditCode}` }),
  'GET /api/service-items/:id': ({ rec }) => ({ url: `/api/service-items/${rec.serviceItemId}` }),
  'GET /admin/services': () => ({ url: '/admin/services?q=%E6%8E%88%E6%9D%83' }),
  'GET /admin/services/:id': ({ rec }) => ({ url: `/admin/services/${rec.serviceItemId}` }),
  'POST /api/service-items': ({ rec, n }) => ({ method: 'POST', url: '/api/service-items', json: { agency: rec.creditCode, values: serviceItemValues(`AUTHZ-NEW-${n}`) } }),
  'PUT /api/service-items/:id': ({ rec, n }) => ({ method: 'PUT', url: `/api/service-items/${rec.serviceItemId}`, json: { version: 1, values: { place: `窗口${n}` }, reason: '授权矩阵' } }),
  'GET /api/service-items/export': ({ rec }) => ({ url: `/api/service-items/export?agency=${rec.creditCode}` }),
  'POST /api/service-items/cases/import': ({ rec, n }) => ({ method: 'POST', url: '/api/service-items/cases/import', json: { agency: rec.creditCode, filename: 'cases.csv', contentBase64: Buffer.from(`办件编号,办结日期,实施编码,决定类型,办理结果\nAUTHZ-${n}-0001,2025-03-01,AUTHZ-${rec.creditCode},,准予许可`).toString('base64'), dryRun: true } }),
  'POST /api/service-items/import': async () => ({ method: 'POST', url: '/api/service-items/import', json: { filename: 'catalogue.xlsx', contentBase64: (await catalogueHeaderXlsx()).toString('base64'), dryRun: true } }),
  'GET /admin/services/import': () => ({ url: '/admin/services/import' }),
  'POST /admin/services/import': async () => ({ method: 'POST', url: '/admin/services/import', multipart: { fields: { dryRun: '1' }, files: { file: { filename: 'catalogue.xlsx', data: await catalogueHeaderXlsx(), type: 'application/octet-stream' } } } }),
  'GET /admin/services/cases/import': () => ({ url: '/admin/services/cases/import' }),
  'POST /admin/services/cases/import': ({ n }) => ({ method: 'POST', url: '/admin/services/cases/import', multipart: { fields: { dryRun: '1' }, files: { file: { filename: 'cases.csv', data: Buffer.from(`办件编号,办结日期,实施编码,决定类型,办理结果\nAUTHZ-P${n}-0001,2025-03-01,AUTHZ-NONE,,准予许可`), type: 'text/csv' } } } }),
  'GET /services': () => ({ url: '/services?q=%E6%8E%88%E6%9D%83' }),
  'GET /services/:id': ({ rec }) => ({ url: `/services/${rec.serviceItemId}` }),
  'GET /services/:id/guide.pdf': ({ rec }) => ({ url: `/services/${rec.serviceItemId}/guide.pdf` }),
  'GET /services/:id/files/:name': async ({ rec, t }) => {
    const has = await t.db.selectFrom('service_item_files').select('id').where('item_id', '=', rec.serviceItemId).where('filename', '=', 'blank.pdf').executeTakeFirst();
    if (!has) await t.db.insertInto('service_item_files').values({ agency_id: rec.id, item_id: rec.serviceItemId, filename: 'blank.pdf', mime: 'application/pdf', size: 9, content_base64: Buffer.from('%PDF-1.4\n').toString('base64'), created_at: '2025-06-03T00:00:00.000Z' }).execute();
    return { url: `/services/${rec.serviceItemId}/files/blank.pdf` };
  },
  'GET /admin/services/new': () => ({ url: '/admin/services/new' }),
  'POST /admin/services': ({ n }) => ({ method: 'POST', url: '/admin/services', form: { 'el.name': '授权矩阵表单事项', 'el.basicCode': '000000000000', 'el.type': '行政许可', 'el.implCode': `AUTHZ-FORM-${n}` } }),
  'GET /admin/services/:id/edit': ({ rec }) => ({ url: `/admin/services/${rec.serviceItemId}/edit` }),
  'POST /admin/services/:id/edit': ({ rec, n }) => ({ method: 'POST', url: `/admin/services/${rec.serviceItemId}/edit`, form: { version: '1', ...Object.fromEntries(Object.entries(serviceItemValues(`AUTHZ-${rec.creditCode}`)).map(([k, v]) => [`el.${k}`, v])), 'el.place': `窗口${n}`, reason: '授权矩阵' } }),
  'POST /admin/services/:id/files': ({ rec }) => ({ method: 'POST', url: `/admin/services/${rec.serviceItemId}/files`, multipart: { fields: { version: '1', material: '申请书', kind: 'blankForm' }, files: { file: { filename: 'blank.pdf', data: buildPdf(), type: 'application/pdf' } } } }),
  'POST /admin/services/:id/files/removal': ({ rec }) => ({ method: 'POST', url: `/admin/services/${rec.serviceItemId}/files/removal`, form: { version: '1', material: '申请书', kind: 'blankForm' } }),
  'POST /api/service-items/:id/files': ({ rec }) => ({ method: 'POST', url: `/api/service-items/${rec.serviceItemId}/files`, multipart: { fields: { version: '1', material: '申请书', kind: 'blankForm' }, files: { file: { filename: 'blank.pdf', data: buildPdf(), type: 'application/pdf' } } } }),
  'DELETE /api/service-items/:id/files': ({ rec }) => ({ method: 'DELETE', url: `/api/service-items/${rec.serviceItemId}/files?version=1&material=${encodeURIComponent('申请书')}&kind=blankForm` }),
  'POST /admin/services/:id/status': ({ rec }) => ({ method: 'POST', url: `/admin/services/${rec.serviceItemId}/status`, form: { version: '1', status: 'suspended', statusOn: '2099-01-01', reason: '授权矩阵' } }),
  'GET /admin/services/check': ({ rec }) => ({ url: `/admin/services/check?agency=${rec.creditCode}` }),
  'POST /admin/services/must-match': () => ({ method: 'POST', url: '/admin/services/must-match', form: { keys: 'name', version: '0' } }),
  'POST /api/supervision/runs': () => ({ method: 'POST', url: '/api/supervision/runs', json: { source: 'platform', year: YEAR } }),
  'GET /api/supervision/runs': () => ({ url: '/api/supervision/runs' }),
  'GET /api/supervision/runs/:id': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}` }),
  'GET /api/supervision/runs/:id/comparison': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/comparison?with=${rec.earlierRunId}` }),
  'GET /admin/supervision/runs/:id/comparison': ({ rec }) => ({ url: `/admin/supervision/runs/${rec.runId}/comparison?with=${rec.earlierRunId}` }),
  'GET /api/supervision/runs/:id/reports': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/reports` }),
  'GET /api/supervision/runs/:id/agencies': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/agencies` }),
  'GET /api/supervision/runs/:id/findings': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/findings` }),
  'GET /api/supervision/runs/:id/export.xlsx': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/export.xlsx` }),
  'GET /api/supervision/runs/:id/notice.pdf': ({ rec }) => ({ url: `/api/supervision/runs/${rec.runId}/notice.pdf` }),
  'GET /api/supervision/reports/:id': ({ rec }) => ({ url: `/api/supervision/reports/${rec.runReportId}` }),
  'POST /api/supervision/reports/:id/corrections': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/reports/${rec.runReportId}/corrections`, json: { cell: 'table3|（七）总计|总计', value: 1, reason: '授权矩阵', version: await runReportVersion(t, rec.runReportId) } }),
  'POST /api/supervision/reports/:id/corrections/batch': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/reports/${rec.runReportId}/corrections/batch`, json: { cells: [{ cell: 'table3|（七）总计|总计', value: 1 }], reason: '授权矩阵', version: await runReportVersion(t, rec.runReportId) } }),
  'POST /api/supervision/corrections/:id/withdrawal': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/corrections/${rec.correctionId}/withdrawal`, json: { version: await runReportVersion(t, rec.runReportId) } }),
  'GET /api/supervision/report-comparison': ({ rec }) => ({ url: `/api/supervision/report-comparison?left=audit:${rec.runReportId}&right=audit:${rec.runReportId}` }),
  'POST /admin/supervision/reports/:id/corrections': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/reports/${rec.runReportId}/corrections`, form: { cell: 'table3|（七）总计|总计', value: '1', reason: '授权矩阵', version: String(await runReportVersion(t, rec.runReportId)) } }),
  'POST /admin/supervision/reports/:id/corrections/batch': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/reports/${rec.runReportId}/corrections/batch`, form: { 'cell-0': 'table3|（七）总计|总计', 'value-0': '1', reason: '授权矩阵', version: String(await runReportVersion(t, rec.runReportId)) } }),
  'POST /admin/supervision/corrections/:id/withdrawal': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/corrections/${rec.correctionId}/withdrawal`, form: { version: String(await runReportVersion(t, rec.runReportId)) } }),
  'GET /admin/supervision/report-comparison': ({ rec }) => ({ url: `/admin/supervision/report-comparison?left=audit:${rec.runReportId}&right=audit:${rec.runReportId}` }),
  'POST /api/supervision/findings/:id/triage': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/findings/${rec.findingId}/triage`, json: { decision: 'confirmed', version: await findingVersion(t, rec.findingId) } }),
  'POST /api/supervision/findings/:id/rectification': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/findings/${rec.findingId}/rectification`, json: { comment: '授权矩阵整改要求', version: await findingVersion(t, rec.findingId) } }),
  'GET /api/supervision/rectifications': () => ({ url: '/api/supervision/rectifications' }),
  'GET /api/supervision/rectifications/:id': ({ rec }) => ({ url: `/api/supervision/rectifications/${rec.rectificationId}` }),
  'POST /api/supervision/rectifications/:id/response': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/rectifications/${rec.rectificationId}/response`, json: { response: '授权矩阵整改反馈', version: await rectificationVersion(t, rec.rectificationId) } }),
  'POST /api/supervision/rectifications/:id/review': async ({ rec, t }) => ({ method: 'POST', url: `/api/supervision/rectifications/${rec.rectificationId}/review`, json: { outcome: 'resolve', version: await rectificationVersion(t, rec.rectificationId) } }),
  'GET /api/supervision/overview': () => ({ url: `/api/supervision/overview?year=${YEAR}` }),
  'POST /api/supervision/reminders': () => ({ method: 'POST', url: '/api/supervision/reminders', json: { year: YEAR } }),
  'GET /api/supervision/assessment': () => ({ url: `/api/supervision/assessment?year=${YEAR}` }),
  'GET /api/supervision/assessment/weights': () => ({ url: '/api/supervision/assessment/weights' }),
  'PUT /api/supervision/assessment/weights': () => ({ method: 'PUT', url: '/api/supervision/assessment/weights', json: { weights: { report_timely: 0, report_quality: 0, applications_in_time: 0, catalogue_in_time: 0, interpretation_same_day: 0, monthly_results: 0, appeals_corrected: 0 }, version: 0 } }),
  'GET /admin/supervision/overview': () => ({ url: `/admin/supervision/overview?year=${YEAR}` }),
  'POST /admin/supervision/reminders': () => ({ method: 'POST', url: '/admin/supervision/reminders', form: { year: String(YEAR), state: 'published' } }),
  'GET /admin/supervision/assessment': () => ({ url: `/admin/supervision/assessment?year=${YEAR}` }),
  'GET /api/supervision/hierarchy': () => ({ url: '/api/supervision/hierarchy' }),
  'PUT /api/supervision/hierarchy': () => ({ method: 'PUT', url: '/api/supervision/hierarchy', json: { mode: 'none', cells: [], version: 0 } }),
  'GET /admin/supervision/hierarchy': () => ({ url: '/admin/supervision/hierarchy' }),
  'POST /admin/supervision/hierarchy': () => ({ method: 'POST', url: '/admin/supervision/hierarchy', form: { version: '0', mode: 'none' } }),
  'GET /api/supervision/assessment/sample': () => ({ url: `/api/supervision/assessment/sample?year=${YEAR}` }),
  'POST /api/supervision/assessment/sample': () => ({ method: 'POST', url: '/api/supervision/assessment/sample', json: { year: YEAR, items: 1, cases: 1, reason: '授权矩阵' } }),
  'PUT /api/supervision/assessment/sample/items/:id': async ({ rec, t }) => ({ method: 'PUT', url: `/api/supervision/assessment/sample/items/${rec.sampleItemId}`, json: { result: 'pass', version: await sampleItemVersion(t, rec.sampleItemId) } }),
  'GET /admin/supervision/assessment/sample': () => ({ url: `/admin/supervision/assessment/sample?year=${YEAR}` }),
  'GET /api/supervision/rankings': () => ({ url: `/api/supervision/rankings?year=${YEAR}&metric=received` }),
  'GET /api/supervision/rankings/trend': () => ({ url: `/api/supervision/rankings/trend?year=${YEAR}` }),
  'GET /api/supervision/heatmap': () => ({ url: `/api/supervision/heatmap?year=${YEAR}` }),
  'GET /api/supervision/rankings/export': () => ({ url: `/api/supervision/rankings/export?year=${YEAR}&format=xlsx` }),
  'GET /admin/supervision/rankings': () => ({ url: `/admin/supervision/rankings?year=${YEAR}` }),
  'GET /admin/supervision/heatmap': () => ({ url: `/admin/supervision/heatmap?year=${YEAR}` }),
  'POST /admin/supervision/assessment/sample': () => ({ method: 'POST', url: '/admin/supervision/assessment/sample', form: { year: String(YEAR), items: '1', cases: '1', reason: '授权矩阵' } }),
  'POST /admin/supervision/assessment/sample/items/:id': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/assessment/sample/items/${rec.sampleItemId}`, form: { year: String(YEAR), result: 'pass', version: String(await sampleItemVersion(t, rec.sampleItemId)) } }),
  'POST /admin/supervision/assessment/weights': () => ({ method: 'POST', url: '/admin/supervision/assessment/weights', form: { version: '0', 'weights.report_timely': '0', 'weights.report_quality': '0', 'weights.applications_in_time': '0', 'weights.catalogue_in_time': '0', 'weights.interpretation_same_day': '0', 'weights.monthly_results': '0', 'weights.appeals_corrected': '0' } }),
  'GET /admin/supervision': () => ({ url: '/admin/supervision' }),
  'POST /admin/supervision/runs': () => ({ method: 'POST', url: '/admin/supervision/runs', form: { source: 'platform', year: String(YEAR) } }),
  'GET /admin/supervision/runs/:id': ({ rec }) => ({ url: `/admin/supervision/runs/${rec.runId}` }),
  'GET /admin/supervision/reports/:id': ({ rec }) => ({ url: `/admin/supervision/reports/${rec.runReportId}` }),
  'POST /admin/supervision/findings/:id/triage': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/findings/${rec.findingId}/triage`, form: { decision: 'pending', reason: '', version: String(await findingVersion(t, rec.findingId)) } }),
  'POST /admin/supervision/findings/:id/rectification': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/findings/${rec.findingId}/rectification`, form: { comment: '授权矩阵整改要求', version: String(await findingVersion(t, rec.findingId)) } }),
  'GET /admin/supervision/rectifications': () => ({ url: '/admin/supervision/rectifications' }),
  'GET /admin/supervision/rectifications/:id': ({ rec }) => ({ url: `/admin/supervision/rectifications/${rec.rectificationId}` }),
  'POST /admin/supervision/rectifications/:id/response': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/rectifications/${rec.rectificationId}/response`, form: { response: '授权矩阵整改反馈', version: String(await rectificationVersion(t, rec.rectificationId)) } }),
  'POST /admin/supervision/rectifications/:id/review': async ({ rec, t }) => ({ method: 'POST', url: `/admin/supervision/rectifications/${rec.rectificationId}/review`, form: { outcome: 'resolve', comment: '', version: String(await rectificationVersion(t, rec.rectificationId)) } }),
  'GET /static/*': () => ({ url: '/static/site.css' }),
  'GET /api/docs': () => ({ url: '/api/docs' }),
  'GET /api/docs/static/index.html': () => ({ url: '/api/docs/static/index.html' }),
  'GET /api/docs/static/swagger-initializer.js': () => ({ url: '/api/docs/static/swagger-initializer.js' }),
  'GET /api/docs/json': () => ({ url: '/api/docs/json' }),
  'GET /api/docs/yaml': () => ({ url: '/api/docs/yaml' }),
  'GET /api/docs/static/*': () => ({ url: '/api/docs/static/swagger-ui.css' }),
  'GET /api/openapi.json': () => ({ url: '/api/openapi.json' }),
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /healthz/bare': () => ({ url: '/healthz/bare' }),
  'GET /readyz': () => ({ url: '/readyz' }),
  'GET /': () => ({ url: '/' }),
  'GET /prefs': () => ({ url: '/prefs?large=1&back=/' }),
  'GET /favicon.ico': () => ({ url: '/favicon.ico' }),

  'POST /api/session': ({ probeUser }) => ({ method: 'POST', url: '/api/session', json: { username: probeUser, password: TEST_PASSWORD }, freshSession: true }),
  'GET /api/session': () => ({ url: '/api/session' }),
  'DELETE /api/session': () => ({ method: 'DELETE', url: '/api/session', freshSession: true }),
  'GET /admin/login': () => ({ url: '/admin/login' }),
  // with the sign-in form's pre-session token (cookie + field, as GET /admin/login issues them)
  'POST /admin/login': ({ probeUser }) => ({ method: 'POST', url: '/admin/login', form: { username: probeUser, password: TEST_PASSWORD, _csrf: 'authzProbeLoginToken0000' }, headers: { cookie: 'gk_login_csrf=authzProbeLoginToken0000' }, freshSession: true }),
  'POST /admin/logout': () => ({ method: 'POST', url: '/admin/logout', form: {}, freshSession: true }),
  'GET /admin': () => ({ url: '/admin' }),
  // a wrong current password: authorised, refused as input (400), nobody's password changes
  'PUT /api/session/password': () => ({ method: 'PUT', url: '/api/session/password', json: { currentPassword: 'not-the-password', newPassword: 'Authz-new-2026' } }),
  'GET /admin/password': () => ({ url: '/admin/password' }),
  'POST /admin/password': () => ({ method: 'POST', url: '/admin/password', form: { currentPassword: 'not-the-password', newPassword: 'Authz-new-2026', newPasswordRepeat: 'Authz-new-2026' } }),
  'GET /api/my-work': () => ({ url: '/api/my-work' }),

  'GET /api/agencies': () => ({ url: '/api/agencies' }),
  'GET /api/agencies/:id': ({ rec }) => ({ url: `/api/agencies/${rec.id}` }),

  'GET /api/users': () => ({ url: '/api/users' }),
  'GET /api/users/:id': ({ rec }) => ({ url: `/api/users/${rec.userId}` }),
  'POST /api/users': ({ n, rec }) => ({ method: 'POST', url: '/api/users', json: { username: `authz-new-${n}`, displayName: '新用户', role: 'officer', agencyId: rec.id, password: 'Authz-pass-2025' } }),
  'PATCH /api/users/:id': async ({ rec, t }) => ({ method: 'PATCH', url: `/api/users/${rec.userId}`, json: { version: await versionOf(t, 'users', { id: rec.userId }), displayName: '改名的用户' } }),
  'GET /api/me/preferences': () => ({ url: '/api/me/preferences' }),
  'PUT /api/me/preferences': () => ({ method: 'PUT', url: '/api/me/preferences', json: { digestEnabled: true } }),
  'GET /admin/me': () => ({ url: '/admin/me' }),
  'POST /admin/me': () => ({ method: 'POST', url: '/admin/me', form: { email: '', digest: 'on' } }),
  'POST /api/users/:id/password': async ({ rec, t }) => ({ method: 'POST', url: `/api/users/${rec.userId}/password`, json: { version: await versionOf(t, 'users', { id: rec.userId }), password: 'Authz-pass-2026' } }),
  'GET /admin/users': () => ({ url: '/admin/users' }),
  'GET /admin/users/new': () => ({ url: '/admin/users/new' }),
  'POST /admin/users': ({ n, rec }) => ({ method: 'POST', url: '/admin/users', form: { username: `authz-page-${n}`, displayName: '新用户', role: 'officer', agencyId: String(rec.id), password: 'Authz-pass-2025' } }),
  'GET /admin/users/:id': ({ rec }) => ({ url: `/admin/users/${rec.userId}` }),
  'POST /admin/users/:id': async ({ rec, t }) => ({ method: 'POST', url: `/admin/users/${rec.userId}`, form: { version: String(await versionOf(t, 'users', { id: rec.userId })), displayName: '改名的用户', role: 'officer', active: '1' } }),

  'GET /api/audit-events': () => ({ url: '/api/audit-events' }),
  'GET /api/personal-data/access-log': () => ({ url: '/api/personal-data/access-log' }),
  'GET /admin/personal-data-access': () => ({ url: '/admin/personal-data-access' }),
  'GET /api/audit-events/:id': ({ rec }) => ({ url: `/api/audit-events/${rec.auditEventId}` }),
  'GET /admin/audit': () => ({ url: '/admin/audit' }),
  'POST /api/audit-chain/verification': () => ({ method: 'POST', url: '/api/audit-chain/verification' }),
  'POST /admin/audit/verify': () => ({ method: 'POST', url: '/admin/audit/verify', form: {} }),

  'POST /api/applications': ({ rec }) => ({ method: 'POST', url: '/api/applications', json: { agency: rec.creditCode, applicant: { type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000000' }, content: '请公开2024年行政许可办件数量', delivery: '纸质' } }),
  'GET /api/applications/status': ({ rec }) => ({ url: `/api/applications/status?code=${rec.queryCode}&phone=13800000009` }),
  // a signed link as the status lookup (code + phone) hands it out: the first letter of the record's case
  'GET /api/applications/status/downloads/:token': async ({ rec, t }) => {
    const s = await t.app.inject({ method: 'GET', url: `/api/applications/status?code=${rec.queryCode}&phone=13800000009` });
    const url = (s.json() as { letters: { downloadUrl: string }[] }).letters[0]?.downloadUrl;
    if (!url) throw new Error(`the record's case has no letter to download: ${s.body}`);
    return { url };
  },
  'POST /api/applications/offline': () => ({ method: 'POST', url: '/api/applications/offline', json: { applicant: { type: 'natural_person', name: '李四', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000001' }, content: '请公开2024年部门预算', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-03' } }),
  'GET /api/applications': () => ({ url: '/api/applications' }),
  'GET /api/applications/table3': ({ rec }) => ({ url: `/api/applications/table3?agencyId=${rec.id}&year=${YEAR}` }),
  'POST /api/applications/carry-over': ({ rec }) => ({ method: 'POST', url: '/api/applications/carry-over', json: { year: YEAR - 1, agencyId: rec.id } }),
  'GET /api/applications/:id': ({ rec }) => ({ url: `/api/applications/${rec.applicationId}` }),
  'POST /api/applications/:id/confirm-receipt': appAction('confirm-receipt', {}),
  'POST /api/applications/:id/assign': appAction('assign', { userId: 1 }),
  'POST /api/applications/:id/correction-request': appAction('correction-request', { items: ['请写明所需信息的文号'] }),
  'POST /api/applications/:id/correction': appAction('correction', {}),
  'POST /api/applications/:id/correction-lapse': appAction('correction-lapse', {}),
  'POST /api/applications/:id/consultations': appAction('consultations', { partyType: 'third_party', party: '某公司', matter: '是否同意公开' }),
  'POST /api/applications/:id/consultation-end': appAction('consultation-end', { opinion: 'agree' }),
  'POST /api/applications/:id/extension-request': appAction('extension-request', { days: 10, reason: '需要调取档案' }),
  'POST /api/applications/:id/extension-approval': appAction('extension-approval', {}),
  'POST /api/applications/:id/extension-rejection': appAction('extension-rejection', {}),
  'POST /api/applications/:id/fee-notice': appAction('fee-notice', { method: 'per_item' }),
  'POST /api/applications/:id/payment': appAction('payment', {}),
  'POST /api/applications/:id/fee-lapse': appAction('fee-lapse', {}),
  'POST /api/applications/:id/reply': appAction('reply', { outcome: 'partial', reasons: '部分信息属于第三方商业秘密（条例第十五条）。' }),
  'POST /api/applications/:id/reply-approval': appAction('reply-approval', {}),
  'POST /api/applications/:id/reply-return': appAction('reply-return', { note: '请补充理由' }),
  'POST /api/applications/:id/delivery': appAction('delivery', { method: '邮寄' }),
  'POST /api/applications/:id/close': appAction('close', {}),
  'POST /api/applications/:id/reopen': appAction('reopen', { reason: '补充答复' }),
  'POST /api/applications/:id/catalogue-draft': appAction('catalogue-draft', {}),
  'POST /api/applications/:id/catalogue-draft/dismissal': appAction('catalogue-draft/dismissal', { reason: '授权矩阵' }),
  'POST /api/applications/:id/withdrawal': appAction('withdrawal', { note: '申请人撤回' }),
  'GET /api/applications/:id/letters/:letterId.docx': ({ rec }) => ({ url: `/api/applications/${rec.applicationId}/letters/${rec.letterId}.docx` }),
  'GET /api/applications/:id/disclosures/:disclosureId/redaction': ({ rec }) => ({ url: `/api/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/redaction` }),
  'GET /api/applications/:id/disclosures/:disclosureId/pages/:page': ({ rec }) => ({ url: `/api/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/pages/1` }),
  'POST /api/applications/:id/disclosures/:disclosureId/redactions': redactionOp('redactions', { page: 1, x: 10, y: 10, w: 40, h: 20, reason: 'art15-privacy' }),
  'POST /api/applications/:id/disclosures/:disclosureId/text-redactions': redactionOp('text-redactions', { page: 1, text: '授权矩阵', reason: 'art15-privacy' }),
  'POST /api/applications/:id/disclosures/:disclosureId/suggestion-acceptance': redactionOp('suggestion-acceptance', { key: 'no-such-key', reason: 'art15-privacy' }),
  'POST /api/applications/:id/disclosures/:disclosureId/suggestion-dismissal': redactionOp('suggestion-dismissal', { key: 'no-such-key' }),
  'POST /api/applications/:id/disclosures/:disclosureId/redaction-removal': redactionOp('redaction-removal', { redactionId: 999999 }),
  'POST /api/applications/:id/disclosures/:disclosureId/redaction-terms': redactionOp('redaction-terms', { terms: ['授权矩阵'] }),
  'POST /api/applications/:id/disclosures/:disclosureId/redacted-copy': redactionOp('redacted-copy', {}),
  'GET /admin/applications/:id/disclosures/:disclosureId/redaction': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/redaction` }),
  'GET /admin/applications/:id/disclosures/:disclosureId/pages/:page': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/pages/1?variant=redacted` }),
  'POST /admin/applications/:id/disclosures/:disclosureId/redaction/:op': async ({ rec, t }) => ({ method: 'POST', url: `/admin/applications/${rec.applicationId}/disclosures/${rec.disclosureId}/redaction/setTerms`, form: { version: String(await redactionVersion(t, rec.disclosureId)), terms: '授权矩阵' } }),
  'GET /api/applications/:id/letters/:letterId.pdf': ({ rec }) => ({ url: `/api/applications/${rec.applicationId}/letters/${rec.letterId}.pdf` }),
  'GET /api/letter-templates': () => ({ url: '/api/letter-templates' }),
  'PUT /api/letter-templates/:kind': () => ({ method: 'PUT', url: '/api/letter-templates/receipt', json: { title: '收到申请告知书', body: '{{申请人}}：本机关已收到您的申请。' } }),
  'GET /api/mail-outbox': () => ({ url: '/api/mail-outbox' }),
  'POST /api/mail-outbox/:id/retry': async ({ t }) => {
    const r = await t.db.insertInto('mail_outbox').values({ agency_id: null, application_id: null, to_address: 'x@example.gov.cn', subject: '授权矩阵', body: '-', reason: 'digest', dedupe_key: null, created_at: '2025-06-01T00:00:00.000Z', sent_at: null, error: '测试', failed_at: '2025-06-01T00:00:00.000Z', user_id: null }).returning('id').executeTakeFirstOrThrow();
    return { method: 'POST', url: `/api/mail-outbox/${r.id}/retry`, json: {} };
  },
  'GET /apply': () => ({ url: '/apply' }),
  'POST /apply': ({ rec }) => ({ method: 'POST', url: '/apply', form: { agency: rec.creditCode, type: 'natural_person', name: '张三', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000000', content: '请公开2024年行政许可办件数量', delivery: '纸质' } }),
  'GET /apply/status': () => ({ url: '/apply/status' }),
  'POST /apply/status': ({ rec }) => ({ method: 'POST', url: '/apply/status', form: { code: rec.queryCode, phone: '13800000009' } }),
  'GET /admin/applications': () => ({ url: '/admin/applications' }),
  'GET /admin/applications.csv': () => ({ url: '/admin/applications.csv' }),
  'GET /admin/applications/new': () => ({ url: '/admin/applications/new' }),
  'POST /admin/applications': () => ({ method: 'POST', url: '/admin/applications', form: { type: 'natural_person', name: '王五', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000002', content: '请公开2024年部门决算', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-03' } }),
  'GET /admin/applications/:id': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}` }),
  'POST /admin/applications/:id/actions/:action': async ({ rec, t }) => ({ method: 'POST', url: `/admin/applications/${rec.applicationId}/actions/requestExtension`, form: { version: String(await versionOf(t, 'applications', { id: rec.applicationId })), days: '10', reason: '需要调取档案' } }),
  'GET /admin/applications/:id/letters/:letterId.docx': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}/letters/${rec.letterId}.docx` }),
  'GET /admin/applications/:id/letters/:letterId.pdf': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}/letters/${rec.letterId}.pdf` }),
  'GET /admin/applications/:id/attachments/:attachmentId': ({ rec }) => ({ url: `/admin/applications/${rec.applicationId}/attachments/${rec.attachmentId}` }),
  'GET /admin/letter-templates': () => ({ url: '/admin/letter-templates' }),
  'GET /admin/letter-templates/:kind': () => ({ url: '/admin/letter-templates/receipt' }),
  'POST /admin/letter-templates/:kind': () => ({ method: 'POST', url: '/admin/letter-templates/receipt', form: { title: '收到申请告知书', body: '{{申请人}}：本机关已收到您的申请。' } }),
  'GET /admin/mail-outbox': () => ({ url: '/admin/mail-outbox' }),
  'POST /admin/mail-outbox/:id/retry': async ({ t }) => {
    const r = await t.db.insertInto('mail_outbox').values({ agency_id: null, application_id: null, to_address: 'x@example.gov.cn', subject: '授权矩阵', body: '-', reason: 'digest', dedupe_key: null, created_at: '2025-06-01T00:00:00.000Z', sent_at: null, error: '测试', failed_at: '2025-06-01T00:00:00.000Z', user_id: null }).returning('id').executeTakeFirstOrThrow();
    return { method: 'POST', url: `/admin/mail-outbox/${r.id}/retry`, form: {} };
  },

  'POST /admin/applications/:id/catalogue-draft': async ({ rec, t }) => ({ method: 'POST', url: `/admin/applications/${rec.applicationId}/catalogue-draft`, form: { version: String(await versionOf(t, 'applications', { id: rec.applicationId })), filesOffered: '1' } }),
  'POST /admin/applications/:id/catalogue-draft/dismissal': async ({ rec, t }) => ({ method: 'POST', url: `/admin/applications/${rec.applicationId}/catalogue-draft/dismissal`, form: { version: String(await versionOf(t, 'applications', { id: rec.applicationId })), reason: '授权矩阵' } }),
  'POST /admin/appeals': () => ({ method: 'POST', url: '/admin/appeals', form: { ...appealBody } }),
  'POST /admin/appeals/:id': async ({ rec, t }) => ({ method: 'POST', url: `/admin/appeals/${rec.appealId}`, form: { version: String(await versionOf(t, 'appeal_cases', { id: rec.appealId })), result: 'pending', bodyName: '芝罘区人民政府', caseNumber: '芝政复〔2025〕1号', notes: '更新' } }),
  'POST /api/appeals': () => ({ method: 'POST', url: '/api/appeals', json: { ...appealBody } }),
  'PATCH /api/appeals/:id': async ({ rec, t }) => ({ method: 'PATCH', url: `/api/appeals/${rec.appealId}`, json: { version: await versionOf(t, 'appeal_cases', { id: rec.appealId }), result: 'pending', bodyName: '芝罘区人民政府', caseNumber: '芝政复〔2025〕1号', notes: '更新' } }),
  'GET /api/appeals': () => ({ url: '/api/appeals' }),
  'GET /api/appeals/table4': ({ rec }) => ({ url: `/api/appeals/table4?year=${YEAR}&agencyId=${rec.id}` }),

  'GET /api/reports/schema': () => ({ url: '/api/reports/schema' }),
  'POST /api/reports/check': () => ({ method: 'POST', url: '/api/reports/check', multipart: { files: { files: { filename: 'report.json', data: Buffer.from('{}'), type: 'application/json' } } } }),
  'POST /api/reports/render': () => ({ method: 'POST', url: '/api/reports/render?to=html', json: {} }),
  'GET /admin/reports/check': () => ({ url: '/admin/reports/check' }),
  'GET /admin/reports': () => ({ url: '/admin/reports' }),
  'POST /admin/reports/check': () => ({ method: 'POST', url: '/admin/reports/check', multipart: { files: { files: { filename: 'report.json', data: Buffer.from('{}'), type: 'application/json' } } } }),

  'GET /admin/calendar/calendar.css': () => ({ url: '/admin/calendar/calendar.css' }),
  'GET /admin/calendar': () => ({ url: '/admin/calendar' }),
  'POST /admin/calendar/import': () => ({ method: 'POST', url: '/admin/calendar/import', form: { year: '2031', json: '{}' } }),
  'POST /admin/calendar/days': () => ({ method: 'POST', url: '/admin/calendar/days', form: { date: '2031-06-03', workday: '1', reason: '授权矩阵' } }),
  'GET /api/calendar/workdays': () => ({ url: '/api/calendar/workdays?from=2025-06-01&to=2025-06-30' }),
  'POST /api/calendar/import': () => ({ method: 'POST', url: '/api/calendar/import', json: { year: 2031, data: {} } }),
  'POST /api/calendar/days': () => ({ method: 'POST', url: '/api/calendar/days', json: { date: '2031-06-03', workday: true, reason: '授权矩阵' } }),
  'POST /api/deadlines/compute': () => ({ method: 'POST', url: '/api/deadlines/compute', json: { ledger: { received: '2025-06-03', events: [] } } }),

  'GET /api/catalogue': () => ({ url: '/api/catalogue?q=公开' }),
  'POST /api/catalogue/items': ({ rec }) => ({ method: 'POST', url: '/api/catalogue/items', json: { ...draft, agencyId: rec.id } }),
  'GET /api/catalogue/items/:id': ({ rec }) => ({ url: `/api/catalogue/items/${rec.itemId}` }),
  'PUT /api/catalogue/items/:id': async ({ rec, t }) => ({ method: 'PUT', url: `/api/catalogue/items/${rec.itemId}`, json: { ...draft, version: await versionOf(t, 'catalogue_items', { id: rec.itemId }) } }),
  'POST /api/catalogue/items/:id/actions': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'submit' } }),
  'POST /api/catalogue/items/:id/actions#record_review': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'record_review', reviewResult: 'pass', basis: '经审查，不涉及国家秘密' } }),
  'POST /api/catalogue/items/:id/actions#approve': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'approve' } }),
  'POST /api/catalogue/items/:id/actions#return': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'return', reason: '请补充依据' } }),
  'POST /api/catalogue/items/:id/actions#publish': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'publish' } }),
  'POST /api/catalogue/items/:id/actions#withdraw': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'withdraw', reason: '内容有误' } }),
  'POST /api/catalogue/items/:id/actions#abolish': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/actions`, json: { action: 'abolish', validity: 'abolished', reason: '已被新文件替代', effectiveOn: '2025-06-30' } }),
  'POST /api/catalogue/items/:id/attachments': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/attachments`, multipart: { files: { attachment: pngFile } } }),
  'POST /api/catalogue/items/:id/links': ({ rec }) => ({ method: 'POST', url: `/api/catalogue/items/${rec.itemId}/links`, json: { interpretationId: rec.interpretationId } }),
  'GET /admin/catalogue': () => ({ url: '/admin/catalogue' }),
  'GET /admin/catalogue/new': () => ({ url: '/admin/catalogue/new' }),
  'POST /admin/catalogue': () => ({ method: 'POST', url: '/admin/catalogue', form: { ...draftForm } }),
  'GET /admin/catalogue/:id': ({ rec }) => ({ url: `/admin/catalogue/${rec.itemId}` }),
  'GET /admin/catalogue/:id/edit': ({ rec }) => ({ url: `/admin/catalogue/${rec.itemId}/edit` }),
  'POST /admin/catalogue/:id/edit': async ({ rec, t }) => ({ method: 'POST', url: `/admin/catalogue/${rec.itemId}/edit`, form: { ...draftForm, version: String(await versionOf(t, 'catalogue_items', { id: rec.itemId })) } }),
  'POST /admin/catalogue/:id/actions': ({ rec }) => ({ method: 'POST', url: `/admin/catalogue/${rec.itemId}/actions`, form: { action: 'submit' } }),
  'POST /admin/catalogue/:id/attachments': ({ rec }) => ({ method: 'POST', url: `/admin/catalogue/${rec.itemId}/attachments`, multipart: { files: { attachment: pngFile } } }),
  'POST /admin/catalogue/:id/link': ({ rec }) => ({ method: 'POST', url: `/admin/catalogue/${rec.itemId}/link`, form: { interpretationIndexNo: rec.interpretationIndexNo } }),
  'GET /admin/catalogue/attachments/:id': ({ rec }) => ({ url: `/admin/catalogue/attachments/${rec.itemAttachmentId}` }),
  'GET /admin/catalogue/stats': () => ({ url: `/admin/catalogue/stats?year=${YEAR}` }),
  'GET /admin/catalogue/import': () => ({ url: '/admin/catalogue/import' }),
  'POST /admin/catalogue/import': () => ({ method: 'POST', url: '/admin/catalogue/import', multipart: { fields: { mode: 'check' }, files: { file: { filename: 'rows.csv', data: Buffer.from('标题\n测试\n'), type: 'text/csv' } } } }),
  'GET /admin/catalogue/export.csv': () => ({ url: '/admin/catalogue/export.csv' }),
  'GET /admin/catalogue/export.xlsx': () => ({ url: '/admin/catalogue/export.xlsx' }),
  'POST /api/catalogue/import': () => ({ method: 'POST', url: '/api/catalogue/import', json: { filename: 'rows.csv', contentBase64: Buffer.from('标题\n测试\n').toString('base64'), dryRun: true } }),
  'PUT /api/catalogue/pages/:slug': () => ({ method: 'PUT', url: '/api/catalogue/pages/guide', json: { title: '政府信息公开指南', body: '<p>指南</p>' } }),
  'GET /admin/catalogue/pages/:slug': () => ({ url: '/admin/catalogue/pages/guide' }),
  'POST /admin/catalogue/pages/:slug': () => ({ method: 'POST', url: '/admin/catalogue/pages/guide', form: { title: '政府信息公开指南', body: '<p>指南</p>' } }),

  'POST /api/evaluations': ({ rec }) => ({ method: 'POST', url: '/api/evaluations', json: { agency: rec.creditCode, level: 5, channel: 'qr', target: { type: 'window', ref: '1号窗口' } } }),
  'GET /api/evaluations/status': ({ rec }) => ({ url: `/api/evaluations/status?code=${rec.receiptCode}` }),
  'GET /api/agencies/:creditCode/evaluations/:year': ({ rec }) => ({ url: `/api/agencies/${rec.creditCode}/evaluations/${YEAR}` }),
  'POST /api/suggestions': ({ rec }) => ({ method: 'POST', url: '/api/suggestions', json: { agency: rec.creditCode, content: '窗口排队时间太长，建议增加自助设备' } }),
  'GET /api/suggestions/status': ({ rec }) => ({ url: `/api/suggestions/status?code=${rec.suggestionCode}` }),
  'GET /api/evaluations': () => ({ url: '/api/evaluations' }),
  'GET /api/evaluations/:id': ({ rec }) => ({ url: `/api/evaluations/${rec.evaluationId}` }),
  'POST /api/evaluation-cases': () => ({ method: 'POST', url: '/api/evaluation-cases', json: { caseNumber: 'AUTHZ-2025-1', concludedOn: '2025-06-03' } }),
  'GET /api/evaluation-statistics': ({ rec }) => ({ url: `/api/evaluation-statistics?agencyId=${rec.id}&from=${YEAR}-01-01&to=${YEAR}-12-31` }),
  'GET /api/evaluation-settings': () => ({ url: '/api/evaluation-settings' }),
  'PUT /api/evaluation-settings': () => ({ method: 'PUT', url: '/api/evaluation-settings', json: { ratingWindowDays: 5 } }),
  'GET /api/evaluation-orders': () => ({ url: '/api/evaluation-orders' }),
  'GET /api/evaluation-visits': () => ({ url: '/api/evaluation-visits' }),
  'GET /api/evaluation-orders/:id': ({ rec }) => ({ url: `/api/evaluation-orders/${rec.orderId}` }),
  'POST /api/evaluation-orders/:id/visits': orderAction('visits', (t) => ({ visitedOn: t.services.evaluations.today(), visitor: '授权矩阵', method: 'phone', said: '反映排队时间长' })),
  'POST /api/evaluation-orders/:id/classification': orderAction('classification', () => ({ classification: 'deadline', reason: '核实属实' })),
  'POST /api/evaluation-orders/:id/appeal-decision': orderAction('appeal-decision', () => ({ upheld: false, reason: '不属于恶意差评' })),
  'POST /api/evaluation-orders/:id/rectification': orderAction('rectification', () => ({ text: '增加一个窗口' })),
  'POST /api/evaluation-orders/:id/feedback': orderAction('feedback', () => ({ text: '已增加窗口' })),
  'POST /api/evaluation-orders/:id/close': orderAction('close', () => ({ note: '回访满意' })),
  'POST /api/suggestions/offline': () => ({ method: 'POST', url: '/api/suggestions/offline', json: { channel: 'box', content: '意见箱：建议延长午间办公时间', receivedOn: '2025-06-03' } }),
  'GET /api/suggestions': () => ({ url: '/api/suggestions' }),
  'GET /api/suggestions/:id': ({ rec }) => ({ url: `/api/suggestions/${rec.suggestionId}` }),
  'POST /api/suggestions/:id/handling': suggestionAction('handling', { result: 'adopted', text: '采纳，已调整' }),
  'POST /api/suggestions/:id/reply': suggestionAction('reply', { text: '感谢您的建议' }),
  'GET /api/evaluation-card': ({ rec }) => ({ url: `/api/evaluation-card?agencyId=${rec.id}&type=window&ref=1` }),
  'GET /api/evaluation-orders/:id/files/:fileId': async ({ rec, t }) => {
    // an evidence file of the order (stored unsealed here: the cipher reads plain base64 as it is)
    const f = await t.db.selectFrom('evaluation_order_files').select('id').where('order_id', '=', rec.orderId).executeTakeFirst()
      ?? await t.db.insertInto('evaluation_order_files').values({ agency_id: rec.id, order_id: rec.orderId, filename: '整改照片.png', mime: 'image/png', size: PNG.length, content_base64: PNG.toString('base64'), created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    return { url: `/api/evaluation-orders/${rec.orderId}/files/${f.id}` };
  },
  'GET /admin/ratings': () => ({ url: '/admin/ratings?bad=1' }),
  'GET /admin/ratings/stats': () => ({ url: `/admin/ratings/stats?from=${YEAR}-01-01&to=${YEAR}-12-31` }),
  'GET /admin/ratings/cards': () => ({ url: '/admin/ratings/cards?type=window&ref=1' }),
  'GET /admin/ratings/orders': () => ({ url: '/admin/ratings/orders?state=all' }),
  'GET /admin/ratings/visits': () => ({ url: '/admin/ratings/visits' }),
  'GET /admin/ratings/orders/:id': ({ rec }) => ({ url: `/admin/ratings/orders/${rec.orderId}` }),
  'POST /admin/ratings/orders/:id/actions/:action': async ({ rec, t }) => ({ method: 'POST', url: `/admin/ratings/orders/${rec.orderId}/actions/logVisit`, form: { version: String(await versionOf(t, 'evaluation_orders', { id: rec.orderId })), visitedOn: t.services.evaluations.today(), visitor: '授权矩阵', method: 'phone', said: '反映排队时间长' } }),
  'GET /admin/suggestions': () => ({ url: '/admin/suggestions?state=all' }),
  'GET /admin/suggestions/new': () => ({ url: '/admin/suggestions/new' }),
  'POST /admin/suggestions': () => ({ method: 'POST', url: '/admin/suggestions', form: { channel: 'book', content: '意见簿：建议设置老年人绿色通道', receivedOn: '2025-06-03' } }),
  'GET /admin/suggestions/:id': ({ rec }) => ({ url: `/admin/suggestions/${rec.suggestionId}` }),
  'POST /admin/suggestions/:id/handling': async ({ rec, t }) => ({ method: 'POST', url: `/admin/suggestions/${rec.suggestionId}/handling`, form: { version: String(await versionOf(t, 'suggestions', { id: rec.suggestionId })), result: 'adopted', text: '采纳' } }),
  'POST /admin/suggestions/:id/reply': async ({ rec, t }) => ({ method: 'POST', url: `/admin/suggestions/${rec.suggestionId}/reply`, form: { version: String(await versionOf(t, 'suggestions', { id: rec.suggestionId })), text: '感谢' } }),
  'GET /rate/status': ({ rec }) => ({ url: `/rate/status?code=${rec.receiptCode}` }),
  'POST /rate/status': ({ rec }) => ({ method: 'POST', url: '/rate/status', form: { code: rec.receiptCode } }),
  'GET /rate/:creditCode': ({ rec }) => ({ url: `/rate/${rec.creditCode}` }),
  'POST /rate/:creditCode': ({ rec }) => ({ method: 'POST', url: `/rate/${rec.creditCode}`, form: { level: '5' } }),
  'GET /rate/:creditCode/:type/:ref': ({ rec }) => ({ url: `/rate/${rec.creditCode}/window/1` }),
  'POST /rate/:creditCode/:type/:ref': ({ rec }) => ({ method: 'POST', url: `/rate/${rec.creditCode}/window/1`, form: { level: '4' } }),
  'GET /suggest/status': ({ rec }) => ({ url: `/suggest/status?code=${rec.suggestionCode}` }),
  'POST /suggest/status': ({ rec }) => ({ method: 'POST', url: '/suggest/status', form: { code: rec.suggestionCode } }),
  'GET /suggest/:creditCode': ({ rec }) => ({ url: `/suggest/${rec.creditCode}` }),
  'POST /suggest/:creditCode': ({ rec }) => ({ method: 'POST', url: `/suggest/${rec.creditCode}`, form: { content: '建议增加停车位，方便办事群众' } }),

  'GET /guide': ({ rec }) => ({ url: `/guide?agency=${rec.creditCode}` }),
  'GET /rules': () => ({ url: '/rules' }),
  'GET /proactive': () => ({ url: '/proactive' }),
  'GET /items/:id': ({ publicItemId }) => ({ url: `/items/${publicItemId}` }),
  'GET /files/:id': ({ publicFileId }) => ({ url: `/files/${publicFileId}` }),
  'GET /search': () => ({ url: '/search?q=公开' }),
  'GET /feeds/:code.rss': ({ rec }) => ({ url: `/feeds/${rec.creditCode}.rss` }),
  'GET /feeds/:code.atom': ({ rec }) => ({ url: `/feeds/${rec.creditCode}.atom` }),
  'GET /sitemap.xml': () => ({ url: '/sitemap.xml' }),
  'GET /open-data/:code.json': ({ rec }) => ({ url: `/open-data/${rec.creditCode}.json` }),
  'GET /api/agencies/:creditCode/reports/:year': () => ({ url: '/api/agencies/12370602780795309E/reports/2019' }),
  'GET /reports': () => ({ url: '/reports' }),
  'GET /reports/:creditCode/:year': () => ({ url: '/reports/12370602780795309E/2019' }),

  'GET /admin/annual': () => ({ url: '/admin/annual' }),
  'GET /admin/annual/agencies': () => ({ url: `/admin/annual/agencies?year=${YEAR}` }),
  'POST /admin/annual/:agencyId/compile': ({ rec }) => ({ method: 'POST', url: `/admin/annual/${rec.id}/compile`, form: { year: String(YEAR) } }),
  'GET /admin/annual/:agencyId/:year': ({ rec }) => ({ url: `/admin/annual/${rec.id}/${YEAR}` }),
  'GET /admin/annual/:agencyId/:year/cell': ({ rec }) => ({ url: `/admin/annual/${rec.id}/${YEAR}/cell?ref=${encodeURIComponent('table4|行政复议|结果维持')}` }),
  'GET /admin/annual/:agencyId/:year/download': ({ rec }) => ({ url: `/admin/annual/${rec.id}/${YEAR}/download?format=md` }),
  'POST /admin/annual/:agencyId/:year/save': annualAction('save', { section_summary: '概述' }),
  'POST /admin/annual/:agencyId/:year/override': annualAction('override', { ref: 'table4|行政复议|结果维持', value: '1', reason: '授权矩阵测试' }),
  'POST /admin/annual/:agencyId/:year/approve': annualApprove(annualAction('approve')),
  'POST /admin/annual/:agencyId/:year/submit': annualAction('submit'),
  'POST /admin/annual/:agencyId/:year/return': annualAction('return', { comment: '请修改第三部分' }),
  'POST /admin/annual/:agencyId/:year/accept': annualAction('accept'),
  'POST /admin/annual/:agencyId/:year/publish': annualAction('publish'),
  'POST /admin/annual/:agencyId/:year/unlock': annualAction('unlock', { comment: '更正错误数据' }),
  'GET /admin/annual/:agencyId/trend': ({ rec }) => ({ url: `/admin/annual/${rec.id}/trend` }),
  'GET /api/annual-reports/:agencyId/:year': ({ rec }) => ({ url: `/api/annual-reports/${rec.id}/${YEAR}` }),
  'POST /api/annual-reports/:agencyId/:year/compile': ({ rec }) => ({ method: 'POST', url: `/api/annual-reports/${rec.id}/${YEAR}/compile`, json: {} }),
  'PUT /api/annual-reports/:agencyId/:year/narrative': annualApi('narrative', { sections: { summary: '概述' } }, 'PUT'),
  'POST /api/annual-reports/:agencyId/:year/overrides': annualApi('overrides', { ref: 'table4|行政复议|结果维持', value: 1, reason: '授权矩阵测试' }),
  'POST /api/annual-reports/:agencyId/:year/approve': annualApprove(annualApi('approve')),
  'POST /api/annual-reports/:agencyId/:year/submit': annualApi('submit'),
  'POST /api/annual-reports/:agencyId/:year/return': annualApi('return', { comment: '请修改第三部分' }),
  'POST /api/annual-reports/:agencyId/:year/accept': annualApi('accept'),
  'POST /api/annual-reports/:agencyId/:year/publish': annualApi('publish'),
  'POST /api/annual-reports/:agencyId/:year/unlock': annualApi('unlock', { comment: '更正错误数据' }),
  'GET /admin/annual/:agencyId/decisions': ({ rec }) => ({ url: `/admin/annual/${rec.id}/decisions?year=${YEAR}` }),
  'POST /admin/annual/:agencyId/decisions': ({ rec }) => ({ method: 'POST', url: `/admin/annual/${rec.id}/decisions`, form: { year: String(YEAR), category: 'license', count: '1', note: '授权矩阵' } }),
  'POST /admin/annual/:agencyId/decisions/items': ({ rec }) => ({ method: 'POST', url: `/admin/annual/${rec.id}/decisions/items`, form: { year: String(YEAR), category: 'license', previous: '1', change: '0' } }),
  // a fresh entry for every request: an allowed caller deletes it
  'POST /admin/annual/:agencyId/decisions/:id/delete': async ({ rec, t }) => {
    const e = await t.services.decisions.add(rec.officerActor, rec.id, { year: YEAR, category: 'license', count: 1, amount: null, note: '授权矩阵' });
    return { method: 'POST', url: `/admin/annual/${rec.id}/decisions/${e.id}/delete`, form: { year: String(YEAR), version: String(e.version) } };
  },
  'GET /api/agencies/:agencyId/decisions': ({ rec }) => ({ url: `/api/agencies/${rec.id}/decisions?year=${YEAR}` }),
  'POST /api/agencies/:agencyId/decisions': ({ rec }) => ({ method: 'POST', url: `/api/agencies/${rec.id}/decisions`, json: { year: YEAR, category: 'license', count: 1, note: '授权矩阵' } }),
  'PUT /api/agencies/:agencyId/decisions/items': ({ rec }) => ({ method: 'PUT', url: `/api/agencies/${rec.id}/decisions/items`, json: { year: YEAR, category: 'license', previous: 1, change: 0 } }),
  'DELETE /api/agencies/:agencyId/decisions/:id': async ({ rec, t }) => {
    const e = await t.services.decisions.add(rec.officerActor, rec.id, { year: YEAR, category: 'license', count: 1, amount: null, note: '授权矩阵' });
    return { method: 'DELETE', url: `/api/agencies/${rec.id}/decisions/${e.id}?version=${e.version}` };
  },
  'POST /api/agencies/:agencyId/decisions/import': ({ rec }) => ({ method: 'POST', url: `/api/agencies/${rec.id}/decisions/import`, json: { csv: '2025-06-03,某事项,license', dryRun: true } }),
  'POST /admin/annual/:agencyId/decisions/import': ({ rec }) => ({ method: 'POST', url: `/admin/annual/${rec.id}/decisions/import`, form: { year: String(YEAR), csv: '2025-06-03,某事项,license', dryRun: '1' } }),
};

/**
 * Cells that still differ from the policy because another change is under way. Each is tolerated
 * only while it does differ: once a cell answers as the policy says, the test fails until the entry
 * is removed here (so this list never outlives the change it waits for).
 */
const AWAITING: Record<string, { cells: string[]; why: string }> = {};
function outcomeOf(res: LightMyRequestResponse, isApi: boolean): Expected | 'server_error' | 'other' {
  if (res.statusCode >= 500) return 'server_error';
  if (res.statusCode === 401 && isApi) return 'login';
  const location = String(res.headers.location ?? '');
  if (res.statusCode === 303 && (location === '/admin/login' || location.startsWith('/admin/login?next='))) return 'login';
  if (res.statusCode === 401) return 'other';
  if (res.statusCode === 403) return 'forbidden';
  if (res.statusCode === 404) return 'not_found';
  return 'allow';
}

function matches(want: Expected, got: ReturnType<typeof outcomeOf>): boolean {
  if (want === 'forbidden_or_not_found') return got === 'forbidden' || got === 'not_found';
  return want === got;
}

describe('authorization policy table', () => {
  it('has an entry and a request recipe for every registered route, and none for a route that is gone', () => {
    const missing = routeKeys.filter((k) => !(k in policy));
    const stale = Object.keys(policy).filter((k) => !routeKeys.includes(k.split('#')[0]!));
    const noRecipe = Object.keys(policy).filter((k) => !(k in recipes));
    expect(missing, `routes without a decision in tests/integration/authorization/policy.ts:\n${missing.join('\n')}`).toEqual([]);
    expect(stale, `policy entries for routes that are no longer registered:\n${stale.join('\n')}`).toEqual([]);
    expect(noRecipe, `routes without a request recipe in authorization.test.ts:\n${noRecipe.join('\n')}`).toEqual([]);
    expect(routeKeys.length).toBeGreaterThanOrEqual(150);
  });

  it('is the table in docs/authorization.md', () => {
    const table = renderPolicyMarkdown();
    const doc = readFileSync(DOC_PATH, 'utf8');
    const start = doc.indexOf(DOC_BEGIN);
    const end = doc.indexOf(DOC_END);
    expect(start, 'docs/authorization.md lacks the table markers').toBeGreaterThanOrEqual(0);
    const current = doc.slice(start + DOC_BEGIN.length, end).trim();
    if (current !== table && process.env.UPDATE_AUTHZ_DOC === '1') {
      writeFileSync(DOC_PATH, `${doc.slice(0, start + DOC_BEGIN.length)}\n${table}\n${doc.slice(end)}`);
      return;
    }
    expect(current, 'docs/authorization.md differs from the policy table: run with UPDATE_AUTHZ_DOC=1 to rewrite it').toBe(table);
  });
});

describe.each(engines())('authorization matrix (%s)', (engine) => {
  let t: TestApp;
  const records = {} as Record<AgencyKey, AgencyRecords>;
  const sessions = new Map<Caller, Session>();
  let publicItemId = 0;
  let publicFileId = 0;
  let publishedFixtureId = 0;
  const probeUser = 'authz-probe';
  let ip = 0;
  let n = 0;
  const nextIp = () => {
    ip += 1;
    return `10.9.${(ip >> 8) & 255}.${ip & 255}`;
  };

  async function signIn(username: string, password: string): Promise<Session> {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: nextIp() });
    if (res.statusCode !== 200) throw new Error(`sign-in ${username}: ${res.statusCode} ${res.body}`);
    return { cookie: `gk_session=${res.cookies.find((c) => c.name === 'gk_session')!.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }

  async function send(s: Session | undefined, req: Req): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...req.headers };
    if (s) {
      headers.cookie = s.cookie;
      headers['x-csrf-token'] = s.csrf;
    }
    let payload: string | Buffer | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ ...req.form, ...(s ? { _csrf: s.csrf } : {}) }).toString();
    } else if (req.multipart) {
      const m = multipartBody({ ...req.multipart, fields: { ...req.multipart.fields, ...(s ? { _csrf: s.csrf } : {}) } });
      headers['content-type'] = m.contentType;
      payload = m.payload;
    }
    return t.app.inject({ method: (req.method ?? 'GET') as 'GET', url: req.url, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress: nextIp() });
  }

  /** As the fixture officer of an agency: a request that must succeed. */
  async function fixture(s: Session, req: Req, status = 0): Promise<LightMyRequestResponse> {
    const res = await send(s, req);
    if (status ? res.statusCode !== status : res.statusCode >= 400) throw new Error(`fixture ${req.method ?? 'GET'} ${req.url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
    return res;
  }

  /** An audit run owned by the agency with one report and one finding about the agency, and a rectification asked of it (rows, as a run would store them). */
  async function supervisionRecords(agencyId: number, agencyName: string): Promise<Pick<AgencyRecords, 'runId' | 'earlierRunId' | 'runReportId' | 'findingId' | 'rectificationId' | 'sampleItemId' | 'correctionId'>> {
    const at = new Date().toISOString();
    const parent = (await t.services.agencies.get(agencyId))!.parentId ?? agencyId;
    const earlier = await t.db.insertInto('audit_runs').values({ agency_id: agencyId, title: '授权矩阵上一年体检', year: YEAR - 1, source: 'upload', reports_count: 0, clean_count: 0, findings_count: 0, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '授权矩阵', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const run = await t.db.insertInto('audit_runs').values({ agency_id: agencyId, title: '授权矩阵体检', year: YEAR, source: 'upload', reports_count: 1, clean_count: 0, findings_count: 1, unreadable_count: 0, cross_year_json: '[]', created_by: null, created_by_name: '授权矩阵', created_at: at }).returning('id').executeTakeFirstOrThrow();
    const report = await t.db.insertInto('audit_run_reports').values({ agency_id: agencyId, run_id: run.id, ordinal: 1, file: 'authz.txt', agency_name: agencyName, subject_agency_id: agencyId, year: YEAR, format: '2021', status: 'findings', read: 'complete', errors_count: 1, warnings_count: 0, model_json: null, notes_json: '[]', not_checked_json: '[]', unread_json: '[]', replaces_report_id: null, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const finding = await t.db.insertInto('audit_findings').values({ agency_id: agencyId, run_id: run.id, report_id: report.id, scope: 'report', agency_name: agencyName, subject_agency_id: agencyId, year: YEAR, rule: 'E1', severity: 'error', source: 'rules', message: '授权矩阵', cells_json: '[]', fingerprint: `authz|${agencyId}`, decision: 'pending', reason: null, carried_from: null, decided_by_name: null, decided_at: null }).returning('id').executeTakeFirstOrThrow();
    const rect = await t.db.insertInto('audit_rectifications').values({ finding_id: finding.id, run_id: run.id, supervisor_agency_id: parent, agency_id: agencyId, state: 'open', comment: '授权矩阵整改要求', response: null, response_report_id: null, review_comment: null, created_by_name: '授权矩阵', created_at: at, responded_by_name: null, responded_at: null, resolved_at: null, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const sample = await t.db.insertInto('supervision_samples').values({ supervisor_agency_id: agencyId, year: YEAR, seed: 1, items_asked: 1, cases_asked: 0, items_population: 1, cases_population: 0, reason: null, replaced_by: null, drawn_by_name: '授权矩阵', drawn_at: at }).returning('id').executeTakeFirstOrThrow();
    const sampleItem = await t.db.insertInto('supervision_sample_items').values({ sample_id: sample.id, ordinal: 1, kind: 'catalogue_item', entity_id: 1, agency_id: agencyId, label: '授权矩阵', ref_date: null, result: null, note: null, checked_by_name: null, checked_at: null }).returning('id').executeTakeFirstOrThrow();
    const correction = await t.db.insertInto('audit_cell_corrections').values({ agency_id: agencyId, run_id: run.id, report_id: report.id, cell: 'table3|（七）总计|总计', original_json: 'null', value_json: '1', reason: '授权矩阵', state: 'active', created_by_name: '授权矩阵', created_at: at, ended_by_name: null, ended_at: null }).returning('id').executeTakeFirstOrThrow();
    return { runId: run.id, earlierRunId: earlier.id, runReportId: report.id, findingId: finding.id, rectificationId: rect.id, sampleItemId: sampleItem.id, correctionId: correction.id };
  }

  async function makeRecords(agencyId: number, creditCode: string, key: AgencyKey): Promise<AgencyRecords> {
    const officer = `authz-officer-${key.toLowerCase()}`;
    const officerRow = await buildUser(t.db, { username: officer, agency_id: agencyId, role: 'officer' });
    const agencyName = (await t.services.agencies.get(agencyId))!.name;
    const officerActor: Actor = { userId: officerRow.id, username: officer, displayName: officerRow.display_name, role: 'officer', agencyId, agencyName, visibleAgencyIds: [agencyId] };
    const s = await signIn(officer, TEST_PASSWORD);
    const reg = await fixture(s, {
      method: 'POST', url: '/api/applications/offline',
      json: {
        applicant: { type: 'natural_person', name: '赵六', idType: '居民身份证', idNumber: '370602199001011239', phone: '13800000009' },
        content: '请公开2024年度部门预算', provideForm: '纸质', obtainMethod: '自行领取', channel: 'in_person', submittedOn: '2025-06-03', email: `applicant-${key.toLowerCase()}@example.com`,
        attachments: [{ filename: 'scan.png', contentBase64: PNG.toString('base64') }],
      },
    }, 201);
    const app = reg.json() as { id: number; version: number; queryCode: string };
    await fixture(s, { method: 'POST', url: `/api/applications/${app.id}/correction-request`, json: { version: app.version, items: ['请写明所需信息的文号'] } });
    const letter = await t.db.selectFrom('letters').select('id').where('application_id', '=', app.id).executeTakeFirstOrThrow();
    const att = await t.db.selectFrom('application_attachments').select('id').where('application_id', '=', app.id).executeTakeFirstOrThrow();
    const disclosure = await t.db.insertInto('application_disclosures').values({
      agency_id: agencyId, application_id: app.id, draft_seq: 1, letter_id: null, kind: 'file', title: '授权矩阵公开文件', filename: '授权矩阵公开文件.pdf', mime: 'application/pdf', size: DISCLOSED_PDF.length,
      content_base64: t.services.personalData.cipher.sealBytes(ATTACHMENT_FIELD, DISCLOSED_PDF), catalogue_item_id: null, frozen_at: null, created_at: '2025-06-03T00:00:00.000Z', created_by: officerRow.id,
    }).returning('id').executeTakeFirstOrThrow();
    const appeal = (await fixture(s, { method: 'POST', url: '/api/appeals', json: { ...appealBody } }, 201)).json() as { id: number };
    const item = (await fixture(s, { method: 'POST', url: '/api/catalogue/items', json: { ...draft } }, 201)).json() as { id: number };
    const interp = (await fixture(s, { method: 'POST', url: '/api/catalogue/items', json: { ...draft, title: '授权矩阵测试文件的解读', kind: 'interpretation' } }, 201)).json() as { id: number; indexNo: string };
    const itemAtt = (await fixture(s, { method: 'POST', url: `/api/catalogue/items/${item.id}/attachments`, multipart: { files: { attachment: pngFile } } }, 201)).json() as { id: number };
    await fixture(s, { method: 'POST', url: `/admin/annual/${agencyId}/compile`, form: { year: String(YEAR) } });
    await fixture(s, { method: 'POST', url: `/admin/annual/${agencyId}/decisions`, form: { year: String(YEAR), category: 'license', count: '2', note: '授权矩阵' } });
    const si = (await fixture(s, { method: 'POST', url: '/api/service-items', json: { values: serviceItemValues(`AUTHZ-${key}`) } }, 201)).json() as { id: number };
    const victim = await buildUser(t.db, { agency_id: agencyId, role: 'officer' });
    const ev = await t.db.selectFrom('audit_events').select('id').where('agency_id', '=', agencyId).orderBy('id').executeTakeFirstOrThrow();
    const rating = await t.services.evaluations.submit({ agency: creditCode, level: 1, channel: 'window_device', target: { type: 'window', ref: '授权矩阵窗口' }, comment: '等候太久' });
    const evaluation = await t.db.selectFrom('evaluations').select('id').where('receipt_code', '=', rating.receiptCode).executeTakeFirstOrThrow();
    const order = await t.db.selectFrom('evaluation_orders').select('id').where('evaluation_id', '=', evaluation.id).executeTakeFirstOrThrow();
    const suggestion = (await fixture(s, { method: 'POST', url: '/api/suggestions/offline', json: { channel: 'complaint_window', content: '吐槽找茬：材料清单不清楚', receivedOn: '2025-06-03' } }, 201)).json() as { id: number; queryCode: string };
    const sv = await supervisionRecords(agencyId, agencyName);
    return {
      ...sv,
      evaluationId: evaluation.id, receiptCode: rating.receiptCode, orderId: order.id, suggestionId: suggestion.id, suggestionCode: suggestion.queryCode,
      id: agencyId, creditCode, officer, officerActor, applicationId: app.id, queryCode: app.queryCode, letterId: letter.id, attachmentId: att.id, disclosureId: disclosure.id, appealId: appeal.id,
      itemId: item.id, interpretationId: interp.id, interpretationIndexNo: interp.indexNo, itemAttachmentId: itemAtt.id, serviceItemId: si.id, userId: victim.id, auditEventId: ev.id,
    };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const agencies = await t.services.agencies.list();
    const gov = agencies.find((a) => a.parentId === null)!;
    const dept = agencies.find((a) => a.creditCode === '12370602780795309E')!;
    const deptChild = await buildAgency(t.db, { name: '芝罘区行政审批服务局下属中心', parent_id: dept.id, kind: 'department' });
    const otherGov = await buildAgency(t.db, { name: '测试区人民政府', kind: 'government' });
    const foreign = await buildAgency(t.db, { name: FOREIGN_NAME, parent_id: otherGov.id, kind: 'department' });
    records.G = await makeRecords(gov.id, gov.creditCode, 'G');
    records.D = await makeRecords(dept.id, dept.creditCode, 'D');
    records.DC = await makeRecords(deptChild.id, deptChild.credit_code, 'DC');
    records.F = await makeRecords(foreign.id, foreign.credit_code, 'F');
    await buildUser(t.db, { username: probeUser, agency_id: dept.id, role: 'officer' });
    publicItemId = (await t.db.selectFrom('catalogue_items').select('id').where('public', '=', 1).orderBy('id').executeTakeFirstOrThrow()).id;
    // a published item with an attachment (the public file route)
    const sys = { userId: null, displayName: '授权矩阵', role: 'admin' as const, agencyId: dept.id, visibleAgencyIds: [dept.id] };
    const pid = await t.services.catalogue.createDraft(sys, dept.id, { ...draft, kind: 'notice', category: 15, disclosure: 'proactive', bodyFormat: 'text' } as never);
    publicFileId = await t.services.catalogue.addAttachment(sys, pid, 'scan.png', PNG);
    publishedFixtureId = pid;
    for (const a of [{ action: 'submit' }, { action: 'record_review', reviewResult: 'pass', basis: '不涉密' }, { action: 'approve' }, { action: 'publish' }]) {
      await t.services.catalogue.act(sys, pid, a as never);
    }
    for (const c of CALLERS) if (c !== 'anonymous') sessions.set(c, await signIn(c, 'demo12345'));
  }, 120_000);
  afterAll(async () => t?.close());

  // Lists have no record in the URL: they must simply never show a record of an agency outside the scope.
  const VISIBLE: Record<Exclude<Caller, 'anonymous'>, AgencyKey[]> = {
    admin: ['G', 'D', 'DC', 'F'], supervisor: ['G', 'D', 'DC'], officer: ['D'], reviewer: ['D'], leader: ['D'],
  };
  const LISTS: { url: string; rows: (body: Record<string, unknown[]>) => unknown[] }[] = [
    { url: '/api/applications', rows: (b) => b.applications! },
    { url: '/api/appeals', rows: (b) => b.cases! },
    { url: '/api/users?pageSize=200', rows: (b) => b.users! },
    { url: '/api/audit-events?pageSize=200', rows: (b) => b.events! },
    { url: '/api/mail-outbox', rows: (b) => b.messages! },
  ];
  it.each(CALLERS.filter((c) => c !== 'anonymous'))('lists show %s only the records of the agencies in scope', async (caller) => {
    const visible = new Set(VISIBLE[caller as Exclude<Caller, 'anonymous'>].map((k) => records[k].id));
    const hidden = (['G', 'D', 'DC', 'F'] as const).map((k) => records[k].id).filter((id) => !visible.has(id));
    const problems: string[] = [];
    for (const list of LISTS) {
      const res = await send(sessions.get(caller), { url: list.url });
      if (res.statusCode !== 200) {
        problems.push(`${list.url}: ${res.statusCode}`);
        continue;
      }
      const rows = list.rows(res.json()) as { agencyId?: number | null; agency_id?: number | null }[];
      const agencyIds = new Set(rows.map((r) => r.agencyId ?? r.agency_id ?? null));
      const leaked = hidden.filter((id) => agencyIds.has(id));
      if (leaked.length) problems.push(`${list.url}: shows records of agencies ${leaked.join(', ')} (outside the scope)`);
      if (!rows.length) problems.push(`${list.url}: empty (the fixture records of the agencies in scope are missing)`);
    }
    // back-office lists and exports: the foreign agency's query code / 索引号 never appear
    const csv = await send(sessions.get(caller), { url: '/admin/applications.csv' });
    const catalogue = await send(sessions.get(caller), { url: `/admin/catalogue?q=${encodeURIComponent('授权矩阵')}` });
    for (const k of ['G', 'D', 'DC', 'F'] as const) {
      if (visible.has(records[k].id)) {
        // the check can see: what is in scope is there
        if (!csv.body.includes(records[k].queryCode)) problems.push(`/admin/applications.csv: lacks application ${records[k].queryCode} of agency ${k} (in scope)`);
        if (!catalogue.body.includes(records[k].interpretationIndexNo)) problems.push(`/admin/catalogue: lacks item ${records[k].interpretationIndexNo} of agency ${k} (in scope)`);
        continue;
      }
      if (csv.body.includes(records[k].queryCode)) problems.push(`/admin/applications.csv: shows application ${records[k].queryCode} of agency ${k}`);
      if (catalogue.body.includes(records[k].interpretationIndexNo)) problems.push(`/admin/catalogue: shows item ${records[k].interpretationIndexNo} of agency ${k}`);
    }
    // the supervisor's list of the reports below: the foreign department never appears
    if (caller === 'supervisor' || caller === 'admin') {
      const page = await send(sessions.get(caller), { url: `/admin/annual/agencies?year=${YEAR}` });
      const names = { D: '芝罘区行政审批服务局', F: FOREIGN_NAME };
      if (!page.body.includes(names.D)) problems.push('/admin/annual/agencies: lacks the 审批服务局 (in scope)');
      if (page.body.includes(names.F) !== (caller === 'admin')) problems.push(`/admin/annual/agencies: ${caller === 'admin' ? 'lacks' : 'shows'} ${FOREIGN_NAME}`);
    }
    expect(problems).toEqual([]);
  });

  it('a record of another agency under a record of the own agency (nested ids) is 404, and nothing changes', async () => {
    const own = records.D;
    const foreign = records.F;
    const officer = sessions.get('officer');
    const decision = await t.services.decisions.add(foreign.officerActor, foreign.id, { year: YEAR, category: 'license', count: 1, amount: null, note: '别的机关的登记' });
    const cases: Req[] = [
      { url: `/api/applications/${own.applicationId}/letters/${foreign.letterId}.docx` },
      { url: `/admin/applications/${own.applicationId}/letters/${foreign.letterId}.pdf` },
      { url: `/admin/applications/${own.applicationId}/attachments/${foreign.attachmentId}` },
      { url: `/api/applications/${own.applicationId}/disclosures/${foreign.disclosureId}/redaction` },
      { url: `/admin/applications/${own.applicationId}/disclosures/${foreign.disclosureId}/pages/1` },
      { method: 'POST', url: `/api/applications/${own.applicationId}/disclosures/${foreign.disclosureId}/redacted-copy`, json: { version: 0 } },
      { method: 'DELETE', url: `/api/agencies/${own.id}/decisions/${decision.id}?version=${decision.version}` },
      { method: 'POST', url: `/admin/annual/${own.id}/decisions/${decision.id}/delete`, form: { year: String(YEAR), version: String(decision.version) } },
      { method: 'POST', url: `/api/catalogue/items/${own.itemId}/links`, json: { interpretationId: foreign.interpretationId } },
    ];
    const problems: string[] = [];
    for (const c of cases) {
      const res = await send(officer, c);
      if (res.statusCode !== 404) problems.push(`${c.method ?? 'GET'} ${c.url}: ${res.statusCode}`);
    }
    expect(problems).toEqual([]);
    expect(await t.db.selectFrom('decision_entries').select('id').where('id', '=', decision.id).executeTakeFirst()).toBeDefined();
  });

  it('the public doors serve only published content (a draft, its attachment and an unpublished annual report are 404)', async () => {
    const problems: string[] = [];
    const search = await send(undefined, { url: `/api/catalogue?q=${encodeURIComponent('授权矩阵测试文件')}` });
    const found = (search.json() as { items: { id: number }[] }).items.map((i) => i.id);
    for (const k of ['G', 'D', 'DC', 'F'] as const) {
      const r = records[k];
      for (const url of [`/items/${r.itemId}`, `/items/${r.interpretationId}`, `/files/${r.itemAttachmentId}`, `/reports/${r.creditCode}/${YEAR}`, `/api/agencies/${r.creditCode}/reports/${YEAR}`]) {
        for (const caller of ['anonymous', 'admin', 'officer'] as const) {
          const res = await send(caller === 'anonymous' ? undefined : sessions.get(caller), { url });
          if (res.statusCode !== 404) problems.push(`${caller} ${url}: ${res.statusCode}`);
        }
      }
      if (found.includes(r.itemId) || found.includes(r.interpretationId)) problems.push(`searchCatalogue lists the drafts of agency ${k}`);
    }
    // the one published item of the fixtures is served and found (the checks can see)
    expect((await send(undefined, { url: `/files/${publicFileId}` })).statusCode).toBe(200);
    expect(found).toContain(publishedFixtureId);
    expect(problems).toEqual([]);
  });

  it.each(Object.keys(policy).filter((k) => routeKeys.includes(k.split('#')[0]!) && k in recipes))('%s', async (key) => {
    const rule = policy[key]!;
    const recipe = recipes[key]!;
    const isApi = key.split(' ')[1]!.startsWith('/api/') || key.split(' ')[1]!.startsWith('/healthz');
    const failures: string[] = [];
    const deviations = AWAITING[key]?.cells ?? [];
    const seen = new Set<string>();
    for (const caller of CALLERS) {
      const scopes = rule.scope && caller !== 'anonymous' ? SCOPE_CASES : (['own'] as const);
      for (const scope of scopes) {
        const rec = records[agencyFor(caller, scope)];
        const req = await recipe({ rec, caller, n: ++n, t, publicItemId, publicFileId, probeUser });
        let s: Session | undefined;
        if (caller !== 'anonymous') s = req.freshSession ? await signIn(caller, 'demo12345') : sessions.get(caller);
        const res = await send(s, req);
        const got = outcomeOf(res, isApi);
        const want = expected(rule, caller, scope);
        const cell = `${caller}/${scope}`;
        const detail = `${res.statusCode}${res.headers.location ? ` → ${String(res.headers.location)}` : ''} ${res.body.slice(0, 160).replace(/\s+/g, ' ')}`;
        if (got === 'server_error') failures.push(`${cell}: server error ${detail}`);
        else if (deviations.includes(cell)) {
          if (!matches(want, got)) seen.add(cell);
        }
        else if (!matches(want, got)) failures.push(`${cell}: expected ${want}, got ${got} (${detail})`);
      }
    }
    const stale = deviations.filter((c) => !seen.has(c));
    expect(failures, `${key}\n${failures.join('\n')}`).toEqual([]);
    expect(stale, `${key}: these cells now answer as the policy says — remove them from AWAITING: ${stale.join(', ')}`).toEqual([]);
  });
});
