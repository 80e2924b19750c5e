// Doors of decision 175 (API and pages): a supervisor corrects a cell of a report in an audit run or withdraws a
// correction (correctAuditCell, withdrawAuditCellCorrection; the form on the report's page), and 差异比对 of two reports
// (compareAuditReports; the page reached from a run's report list). Thin handlers over supervisionCorrections and
// reportComparison; the services authorise.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { safeLocalPath } from '../../ui/index.ts';
import { t } from '../../ui/i18n.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { isAppError, validationFailed, type FieldError } from '../shared/errors.ts';
import { assertNotAdmin, assertRole, canSee } from '../shared/actor.ts';
import { currentReportYear } from '../../core/annual-report/deadline.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import { invalid } from './supervision.routes.ts';
import { idParams } from './supervision.schema.ts';
import { comparisonQuery, correctBody, correctManyBody, correctedReportSchema, reportComparisonSchema, withdrawBody } from './supervision.corrections.schema.ts';
import { formOf, idOf, pageOf } from './supervision.page-routes.tsx';
import { RunReportPage, SUPERVISION_PATH, type FindingFormErrors } from './supervision.pages.tsx';
import { BATCH_ROWS_MAX, COMPARE_PATH, CorrectionsSection, ReportComparisonPage, type AnnualChoice } from './supervision.corrections-pages.tsx';
import { parseReportRef, type ReportCompareView, type ReportRef } from './supervision.report-compare.ts';

const PAGE_SIZE = 50;

/** The two sides of a comparison from a query (400 with the field in Chinese when one is not a report reference). */
function refsOf(q: { left?: unknown; right?: unknown }): { left: ReportRef; right: ReportRef } {
  const left = parseReportRef(q.left), right = parseReportRef(q.right);
  const errors: FieldError[] = [];
  if (!left) errors.push({ field: 'left', message: '请选择左侧的报告（两份报告各选一份）' });
  if (!right) errors.push({ field: 'right', message: '请选择右侧的报告（两份报告各选一份）' });
  if (errors.length) throw validationFailed(errors);
  return { left: left!, right: right! };
}

/** Only the cells that differ (changed=1). */
function cellsShown(c: ReportCompareView, changedOnly: boolean) {
  return { ...c, cells: c.cells.filter((x) => !changedOnly || x.changed).map((x) => ({ ...x, label: describeCell(x.cell) })) };
}

/**
 * The report of a run with its findings and the corrections section: for GET, after a refused correction (`errors`,
 * `values`), or after a refused triage / rectification form of one of its findings (`refused`, `query`: the page's query
 * taken from the form's `back` address).
 */
export async function sendRunReportPage(services: Services, request: FastifyRequest, reply: FastifyReply, id: number, o: {
  errors?: FieldError[]; values?: Record<string, string>; status?: number; refused?: FindingFormErrors; query?: unknown;
} = {}) {
  const actor = actorOf(request);
  const report = await services.supervisionCorrections.report(actor, id);
  const sv = services.supervision;
  const run = await sv.getRun(actor, report.runId);
  const findings = await sv.listFindings(actor, report.runId, { reportId: report.id, page: pageOf(o.query ?? request.query), pageSize: PAGE_SIZE });
  const section = CorrectionsSection({ report, csrf: adminShell(request).csrfToken, locale: request.locale, ...(o.errors ? { errors: o.errors } : {}), ...(o.values ? { values: o.values } : {}) });
  return sendPage(reply, RunReportPage({
    shell: adminShell(request, takeFlash(request, reply)), run, report, findings, corrections: section, ...(o.errors ? { errors: o.errors } : {}), ...(o.refused ? { refused: o.refused } : {}),
  }), o.status ?? 200);
}

export function registerCorrectionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const corrections = services.supervisionCorrections;
  const staff = requireStaff();

  r.post('/api/supervision/reports/:id/corrections', {
    preHandler: staff,
    schema: {
      operationId: 'correctAuditCell',
      summary: '更正体检报告中读取有误或未读出的单元格（须写明理由；读取值保留，规则和相邻年度核对按更正后的数值重新运行；version 不符时 409）', tags: ['supervision'],
      params: idParams, body: correctBody, response: { 201: correctedReportSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await corrections.correct(actorOf(request), request.params.id, request.body)));

  r.post('/api/supervision/reports/:id/corrections/batch', {
    preHandler: staff,
    schema: {
      operationId: 'correctAuditCells',
      summary: '一次更正同一份体检报告中的多个单元格（例如粘连的一整行；一个理由，全部通过检查才更正，规则和相邻年度核对只重新运行一次；version 不符时 409）', tags: ['supervision'],
      params: idParams, body: correctManyBody, response: { 201: correctedReportSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await corrections.correctMany(actorOf(request), request.params.id, request.body)));

  r.post('/api/supervision/corrections/:id/withdrawal', {
    preHandler: staff,
    schema: {
      operationId: 'withdrawAuditCellCorrection', summary: '撤回对单元格的更正：恢复为读取值并重新核对（version 为报告的版本号，不符时 409）', tags: ['supervision'],
      params: idParams, body: withdrawBody, response: { 200: correctedReportSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => corrections.withdraw(actorOf(request), request.params.id, request.body));

  r.get('/api/supervision/report-comparison', {
    preHandler: staff,
    schema: {
      operationId: 'compareAuditReports',
      summary: '差异比对：两份年度报告并列（同一机关不同年度，或两个机关）——正文逐句标出差异，表格每个单元格的数值和增减，相邻年度的跨年度核对结果', tags: ['supervision'],
      querystring: comparisonQuery, response: { 200: reportComparisonSchema, ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { left, right } = refsOf(request.query);
    return cellsShown(await services.reportComparison.compare(actorOf(request), left, right), request.query.changed === '1');
  });

  // ── pages ──
  const reportPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: FieldError[], values?: Record<string, string>, status = 200) =>
    sendRunReportPage(services, request, reply, id, { ...(errors ? { errors } : {}), ...(values ? { values } : {}), status });

  app.get(`${SUPERVISION_PATH}/reports/:id`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => reportPage(request, reply, idOf(request)));

  app.post(`${SUPERVISION_PATH}/reports/:id/corrections`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const values = { cell: text('cell'), value: text('value'), reason: text('reason') };
    try {
      const p = correctBody.safeParse({ ...values, version: body.version });
      if (!p.success) throw invalid(p.error);
      await corrections.correct(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return reportPage(request, reply, id, e.fieldErrors, values, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.corrected', { cell: describeCell(values.cell) }));
    return seeOther(reply, `${SUPERVISION_PATH}/reports/${id}#corrections`);
  });

  // several cells in one form: rows cell-N / value-N (a row left without a value is not corrected), one reason
  app.post(`${SUPERVISION_PATH}/reports/:id/corrections/batch`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const values: Record<string, string> = { reason: text('reason'), form: 'batch' };
    const rows: { cell: string; value: string; n: number }[] = [];
    for (let n = 0; n < BATCH_ROWS_MAX; n++) {
      if (body[`cell-${n}`] === undefined && body[`value-${n}`] === undefined) continue;
      const cell = text(`cell-${n}`), value = text(`value-${n}`);
      values[`cell-${n}`] = cell;
      values[`value-${n}`] = value;
      if (value.trim() !== '') rows.push({ cell, value, n });
    }
    // an item's error names its form row (cells.2.value → value-N of the third row filled in)
    const rowField = (field: string) => (field === 'reason' ? 'batch-reason' : field.replace(/^cells\.(\d+)\.(cell|value)$/, (_, i: string, f: string) => `${f}-${rows[Number(i)]?.n ?? 0}`));
    try {
      if (rows.length === 0) throw validationFailed([{ field: 'value-0', message: t(request.locale, 'supervision.errors.batchEmpty') }]);
      const p = correctManyBody.safeParse({ cells: rows.map(({ cell, value }) => ({ cell, value })), reason: values.reason, version: body.version });
      if (!p.success) throw invalid(p.error);
      await corrections.correctMany(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return reportPage(request, reply, id, e.fieldErrors.map((f) => ({ ...f, field: rowField(f.field) })), values, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.correctedMany', { n: rows.length, cells: rows.map((r) => describeCell(r.cell)).join(request.locale === 'en' ? '; ' : '、').slice(0, 200) }));
    return seeOther(reply, `${SUPERVISION_PATH}/reports/${id}#corrections`);
  });

  app.post(`${SUPERVISION_PATH}/corrections/:id/withdrawal`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const p = withdrawBody.safeParse({ version: body.version });
    if (!p.success) throw invalid(p.error);
    const report = await corrections.withdraw(actorOf(request), idOf(request), p.data);
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.withdrawn'));
    return seeOther(reply, `${SUPERVISION_PATH}/reports/${report.id}#corrections`);
  });

  /** The agencies in the supervisor's scope and the recent report years, to pick Gongkai's annual reports as sides. */
  const annualChoice = async (request: FastifyRequest): Promise<AnnualChoice> => {
    const actor = actorOf(request);
    const agencies = (await services.agencies.list()).filter((a) => canSee(actor, a.id)).map((a) => ({ id: a.id, name: a.name }));
    const y = currentReportYear(services.applications.today());
    return { agencies, years: [y, y - 1, y - 2, y - 3, y - 4] };
  };

  app.get(COMPARE_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    // the supervisor's page, also without sides chosen (the picker lists the agencies in scope)
    assertNotAdmin(actorOf(request), '比对各机关的年度报告');
    assertRole(actorOf(request), 'supervisor');
    const q = { ...((request.query ?? {}) as Record<string, unknown>) };
    // the annual-report picker sends an agency and a year per side
    for (const side of ['left', 'right'] as const) {
      if (q[side] === undefined && typeof q[`${side}Agency`] === 'string' && typeof q[`${side}Year`] === 'string') q[side] = `annual:${q[`${side}Agency`] as string}:${q[`${side}Year`] as string}`;
    }
    const changedOnly = q.changed === '1';
    const back = typeof q.back === 'string' ? safeLocalPath(q.back, '') : '';
    const shell = adminShell(request, takeFlash(request, reply));
    const common = { shell, changedOnly, annual: await annualChoice(request), ...(back ? { back } : {}) };
    if (q.left === undefined && q.right === undefined) return sendPage(reply, ReportComparisonPage(common));
    try {
      const { left, right } = refsOf(q);
      const c = await services.reportComparison.compare(actorOf(request), left, right);
      return sendPage(reply, ReportComparisonPage({ ...common, c }));
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return sendPage(reply, ReportComparisonPage({ ...common, errors: e.fieldErrors }), 400);
      throw e;
    }
  });
}
