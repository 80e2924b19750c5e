// Doors of supervision (JSON API): audit runs over many reports (upload or the reports submitted in the platform), their
// reports and findings (paged), triage, rectification by the agency and its review, the run's workbook. Thin handlers:
// validate (zod) → one service call → present; the services authorise (role, agency scope). The pages are in
// supervision.page-routes.ts.
import { HIERARCHY_CELLS, HIERARCHY_MODES } from '../../core/supervision/hierarchy.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError, validationFailed } from '../shared/errors.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { MB, uploadRoute } from '../shared/uploads.ts';
import type { Services } from '../services.ts';
import { auditWorkbook } from '../reports/audit-xlsx.ts';
import { auditNoticePdf, type NoticeOptions } from '../reports/audit-notice.ts';
import type { Actor } from '../shared/actor.ts';
import { uploadedFiles } from '../reports/reports.routes.ts';
import type { ReportFile } from '../reports/reports.service.ts';
import {
  runAgencySchema, comparisonQuery, comparisonSchema, findingViewSchema, findingsQuery, idParams, pageQuery, paged, platformRunBody, rectificationBody, rectificationDetailSchema, rectificationSchema, responseBody,
  reviewBody, runReportSchema, runSchema, triageBody, sampleSchema, sampleItemSchema, drawBody, sampleResultBody,
} from './supervision.schema.ts';
import { RECTIFICATION_STATES } from './supervision.rectify.ts';
import { OVERVIEW_STATES } from './supervision.overview.ts';
import { COMPONENTS } from '../../core/supervision/assessment.ts';
import { currentReportYear } from '../../core/annual-report/deadline.ts';
import { registerSupervisionPages } from './supervision.page-routes.tsx';
import { correctedReportSchema } from './supervision.corrections.schema.ts';
import { registerCorrectionRoutes } from './supervision.corrections.routes.ts';
import { UNNAMED_AGENCY } from './supervision.pages.tsx';

/** A multipart body's text field (attachFieldsToBody). */
export function fieldOf(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return undefined;
}

/** zod issues as field errors (400 validation_failed). */
export function invalid(error: z.ZodError): AppError {
  return validationFailed(error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
}

/** The run's upload limits: up to 500 files (or zips of them), 20 MB each, 400 MB together; a folder's files keep their path. */
export const runUploads = (limitMb: number) => uploadRoute({ maxFiles: 500, maxFileBytes: Math.max(limitMb, 20) * MB, maxTotalBytes: 400 * MB, label: '报告文件' }, { keepFolders: true });

/** The input of a new run from a request: the uploaded files (multipart) or the platform year (JSON / form). */
export async function runInput(request: FastifyRequest): Promise<{ title?: string; files: ReportFile[] } | { title?: string; source: 'platform'; year: number }> {
  if (request.isMultipart()) {
    const title = fieldOf(request.body, 'title')?.trim();
    if (fieldOf(request.body, 'source') === 'platform') {
      const p = platformRunBody.safeParse({ source: 'platform', year: fieldOf(request.body, 'year'), ...(title ? { title } : {}) });
      if (!p.success) throw invalid(p.error);
      return p.data as { source: 'platform'; year: number; title?: string };
    }
    const files = await uploadedFiles(request.body);
    if (files.length === 0) throw validationFailed([{ field: 'files', message: '请上传至少一个报告文件（可多选、选择文件夹，或一个 zip 压缩包）' }]);
    if (title && title.length > 200) throw validationFailed([{ field: 'title', message: '名称最多 200 字' }]);
    return { files, ...(title ? { title } : {}) };
  }
  const p = platformRunBody.safeParse(request.body ?? {});
  if (!p.success) throw invalid(p.error);
  return p.data as { source: 'platform'; year: number; title?: string };
}

export function registerSupervisionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sv = services.supervision;
  const staff = requireStaff();

  r.post('/api/supervision/runs', {
    preHandler: staff,
    config: runUploads(services.config.uploadLimitMb),
    schema: {
      operationId: 'createAuditRun',
      summary: '督查体检：对许多份年度报告进行体检并保存结果（政务公开主管部门）',
      description: 'multipart/form-data：上传报告文件（任意字段名，可多个；.docx、.pdf、.html、.txt、交换格式 JSON，或装有这些文件的 zip），可带 title；'
        + '或 application/json：{"source":"platform","year":2025} 对下级机关在平台上报送（已报送、已审核、已发布）的该年度报告进行体检。'
        + '每条结果注明来自读取文件（import）还是勾稽规则（rules）；同一机关相邻年度的报告互相核对（X1、X3、X4）。',
      tags: ['supervision'],
      response: { 201: runSchema, ...problemSchemas(400, 401, 403, 413, 415, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await sv.createRun(actorOf(request), await runInput(request))));

  r.get('/api/supervision/runs', {
    preHandler: staff,
    schema: {
      operationId: 'listAuditRuns', summary: '督查体检记录（本机关和下级政务公开主管部门的，新的在前，分页）', tags: ['supervision'],
      querystring: z.object(pageQuery), response: { 200: paged(runSchema), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => sv.listRuns(actorOf(request), request.query));

  r.get('/api/supervision/runs/:id', {
    preHandler: staff,
    schema: {
      operationId: 'getAuditRun', summary: '一次督查体检：汇总、结论统计和跨年度核对结果', tags: ['supervision'],
      params: idParams, response: { 200: runSchema, ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => sv.getRun(actorOf(request), request.params.id));

  r.get('/api/supervision/runs/:id/reports', {
    preHandler: staff,
    schema: {
      operationId: 'listAuditRunReports', summary: '一次督查体检中的报告（按上传顺序，分页；可按结论筛选）', tags: ['supervision'],
      params: idParams,
      querystring: z.object({
        status: z.enum(['clean', 'findings', 'unreadable']).optional(),
        agency: z.string().trim().min(1).max(200).optional().describe('只列出这一机关的报告（名称与报告中的一致；“（未识别）”为未能识别机关的报告）'), ...pageQuery,
      }),
      response: { 200: paged(runReportSchema), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { agency, ...rest } = request.query;
    return sv.listRunReports(actorOf(request), request.params.id, { ...rest, ...(agency !== undefined ? { agency: agency === UNNAMED_AGENCY ? null : agency } : {}) });
  });

  r.get('/api/supervision/runs/:id/agencies', {
    preHandler: staff,
    schema: {
      operationId: 'listAuditRunAgencies', summary: '一次督查体检按机关汇总：各机关的报告份数和年度、通过 / 有错误 / 未能完整读取的份数、错误和警告数、跨年度核对结果数（有错误的机关在前，分页）', tags: ['supervision'],
      params: idParams, querystring: z.object(pageQuery), response: { 200: paged(runAgencySchema), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => sv.listRunAgencies(actorOf(request), request.params.id, request.query));

  r.get('/api/supervision/runs/:id/comparison', {
    preHandler: staff,
    schema: {
      operationId: 'compareAuditRuns', summary: '两次督查体检比较（如本年度与上一年度）：按机关列出新出现、已解决和仍存在的问题（已排除的不计；按机关分页）', tags: ['supervision'],
      params: idParams, querystring: comparisonQuery, response: { 200: comparisonSchema, ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { with: earlier, ...page } = request.query;
    return sv.compareRuns(actorOf(request), request.params.id, earlier, page);
  });

  r.get('/api/supervision/reports/:id', {
    preHandler: staff,
    schema: {
      operationId: 'getAuditRunReport', summary: '督查体检中的一份报告：读取备注、未核对的规则、未读出的单元格、报告模型（含督查人员的更正）和更正记录', tags: ['supervision'],
      params: idParams, response: { 200: correctedReportSchema, ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => services.supervisionCorrections.report(actorOf(request), request.params.id));

  r.get('/api/supervision/runs/:id/findings', {
    preHandler: staff,
    schema: {
      operationId: 'listAuditFindings', summary: '一次督查体检的结果（读取问题和勾稽错误、警告，含处理结论；分页，可按报告、结论、范围、严重程度筛选）', tags: ['supervision'],
      params: idParams, querystring: findingsQuery, response: { 200: paged(findingViewSchema), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const { report, ...q } = request.query;
    return sv.listFindings(actorOf(request), request.params.id, { ...q, ...(report !== undefined ? { reportId: report } : {}) });
  });

  r.post('/api/supervision/findings/:id/triage', {
    preHandler: staff,
    schema: {
      operationId: 'triageAuditFinding', summary: '处理一条体检结果：确认、排除（须写明理由）或改回待定；结论在以后的体检中沿用', tags: ['supervision'],
      params: idParams, body: triageBody, response: { 200: findingViewSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => sv.triage(actorOf(request), request.params.id, request.body));

  r.post('/api/supervision/findings/:id/rectification', {
    preHandler: staff,
    schema: {
      operationId: 'requestAuditRectification', summary: '交下级机关整改：该机关的待办中出现整改事项', tags: ['supervision'],
      params: idParams, body: rectificationBody, response: { 201: rectificationSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await services.rectifications.request(actorOf(request), request.params.id, request.body)));

  r.get('/api/supervision/rectifications', {
    preHandler: staff,
    schema: {
      operationId: 'listAuditRectifications', summary: '年度报告整改：本机关被要求整改的，和（政务公开主管部门）交下级整改的；分页', tags: ['supervision'],
      querystring: z.object({ state: z.enum(RECTIFICATION_STATES).optional(), ...pageQuery }), response: { 200: paged(rectificationSchema), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => services.rectifications.list(actorOf(request), request.query));

  r.get('/api/supervision/rectifications/:id', {
    preHandler: staff,
    schema: {
      operationId: 'getAuditRectification', summary: '一项整改：体检结果、整改要求、机关的反馈和更正后报告的体检结论', tags: ['supervision'],
      params: idParams, response: { 200: rectificationDetailSchema, ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => services.rectifications.get(actorOf(request), request.params.id));

  r.post('/api/supervision/rectifications/:id/response', {
    preHandler: staff,
    config: runUploads(services.config.uploadLimitMb),
    schema: {
      operationId: 'respondToAuditRectification', summary: '反馈整改情况（被要求整改的机关）；可附更正后的报告，它将重新体检',
      description: 'application/json {"response","version"}，或 multipart/form-data 的 response、version 字段和 file（更正后的报告）。', tags: ['supervision'],
      params: idParams, response: { 200: rectificationSchema, ...problemSchemas(400, 401, 403, 404, 409, 413, 415, 422) },
    },
  }, async (request) => {
    let input: { response: string; version: number; file?: ReportFile };
    if (request.isMultipart()) {
      const p = responseBody.safeParse({ response: fieldOf(request.body, 'response') ?? '', version: fieldOf(request.body, 'version') });
      if (!p.success) throw invalid(p.error);
      const files = await uploadedFiles(request.body);
      if (files.length > 1) throw validationFailed([{ field: 'file', message: '只能附一份更正后的报告' }]);
      input = { ...p.data, ...(files[0] ? { file: files[0] } : {}) };
    } else {
      const p = responseBody.safeParse(request.body ?? {});
      if (!p.success) throw invalid(p.error);
      input = p.data;
    }
    return services.rectifications.respond(actorOf(request), request.params.id, input);
  });

  r.post('/api/supervision/rectifications/:id/review', {
    preHandler: staff,
    schema: {
      operationId: 'reviewAuditRectification', summary: '审核整改反馈：办结，或退回重新整改（须写明意见）', tags: ['supervision'],
      params: idParams, body: reviewBody, response: { 200: rectificationSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => services.rectifications.review(actorOf(request), request.params.id, request.body));

  r.get('/api/supervision/runs/:id/export.xlsx', {
    preHandler: staff,
    schema: {
      operationId: 'exportAuditRun', summary: '督查体检结果的 Excel 工作簿：按机关、按规则汇总，跨年度核对，每份报告一张表', tags: ['supervision'],
      params: idParams, response: { ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const { result, run } = await sv.auditResult(actorOf(request), request.params.id);
    const bytes = await auditWorkbook(result);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="audit-run-${run.id}.xlsx"`).send(Buffer.from(bytes) as never);
  });

  /** The assessment and the current 抽查 of the run's year, for its 通报 (the first 300 ranked agencies). */
  async function assessmentForNotice(actor: Actor, year: number): Promise<Pick<NoticeOptions, 'assessment' | 'sample'>> {
    const a = await services.supervisionOverview.assessment(actor, { year, page: 1, pageSize: 300 });
    const s = await services.supervisionSampling.current(actor, year);
    return {
      ...(a.total ? { assessment: { components: a.components, weights: a.weights, rows: a.items, total: a.total } } : {}),
      ...(s ? { sample: { seed: s.seed, drawnAt: s.drawnAt, reason: s.reason, score: s.score, items: s.items } } : {}),
    };
  }

  r.get('/api/supervision/runs/:id/notice.pdf', {
    preHandler: staff,
    schema: {
      operationId: 'exportAuditNotice', summary: '督查体检的通报（PDF）：检查范围、总体情况、各机关已确认（含已交整改）的问题及单元格和规则依据、未能完整读取的报告、该年度的考核得分和不定期抽查结果、有关要求', tags: ['supervision'],
      params: idParams, querystring: z.object({ issuer: z.string().trim().max(60).optional().describe('发文机关（默认：本机关名称）') }),
      response: { ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { result, run, decisions } = await sv.auditResult(actor, request.params.id);
    const listed = (d: string | undefined) => d === 'confirmed' || d === 'rectification';
    const pdf = await auditNoticePdf(result, {
      issuer: request.query.issuer || actor.agencyName, date: services.applications.today(), ...(run.year ? { period: `${run.year}年度` } : {}),
      include: (ri, fi) => listed(decisions.reports[ri]?.[fi]), includeCross: (ci, fi) => listed(decisions.crossYear[ci]?.[fi]),
      selection: '以下仅列经核实确认（含已交整改）的问题；待定和已排除的结果不列入。',
      ...(run.year ? await assessmentForNotice(actor, run.year) : {}),
    });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="audit-notice-${run.id}.pdf"`).send(Buffer.from(pdf) as never);
  });

  // ── overview across agencies, the 31 January campaign, reminders, assessment ──
  const yearQ = z.coerce.number().int().min(2008, { message: '年度应在 2008 年以后' }).max(2100, { message: '年度有误' }).optional()
    .describe('报告年度（默认：当前应公布的年度，即上一年）');
  const defaultYear = () => currentReportYear(services.applications.today());
  const overviewRow = z.object({
    agencyId: z.number().int(), creditCode: z.string(), name: z.string(), parent: z.string().nullable().describe('上级机关'),
    state: z.enum(OVERVIEW_STATES).describe('not_started 未开始 / draft 编制中 / approved 负责人已审定 / submitted 已报送 / returned 已退回 / accepted 已审核 / published 已公布'),
    submittedOn: z.string().nullable(), publishedOn: z.string().nullable().describe('首次公布日期'), deadline: z.string().describe('法定公布期限（条例第四十九条）'),
    late: z.boolean().describe('期限后才公布，或期限已过仍未公布'), errors: z.number().int(), warnings: z.number().int(), remindedOn: z.string().nullable().describe('最近一次督促日期'),
  });
  const campaign = z.object({
    year: z.number().int(), deadline: z.string(), daysLeft: z.number().int(), total: z.number().int(), late: z.number().int(),
    counts: z.object(Object.fromEntries(OVERVIEW_STATES.map((k) => [k, z.number().int()])) as Record<(typeof OVERVIEW_STATES)[number], z.ZodNumber>),
  });
  r.get('/api/supervision/overview', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionOverview', summary: '下级机关年度报告总览（第四十九条）：各机关的状态、报送和公布日期、是否逾期、错误和警告数；本年度督促情况（分页，可按状态、逾期筛选）', tags: ['supervision'],
      querystring: z.object({ year: yearQ, state: z.enum(OVERVIEW_STATES).optional(), late: z.enum(['0', '1']).optional(), ...pageQuery }),
      response: { 200: z.object({ year: z.number().int(), campaign, agencies: z.array(overviewRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    const year = q.year ?? defaultYear();
    const res = await services.supervisionOverview.overview(actorOf(request), { year, page: q.page, pageSize: q.pageSize, ...(q.state ? { state: q.state } : {}), ...(q.late ? { late: q.late === '1' } : {}) });
    return { year, campaign: res.campaign, agencies: res.items, total: res.total, page: res.page, pageSize: res.pageSize };
  });

  r.post('/api/supervision/reminders', {
    preHandler: staff,
    schema: {
      operationId: 'remindAgencies', summary: '督促下级机关按期公布年度报告：邮件发给其经办人、负责人，并在其待办中提示，直至公布（每个机关每天一次）', tags: ['supervision'],
      body: z.object({
        year: z.coerce.number().int().min(2008, { message: '年度应在 2008 年以后' }).max(2100, { message: '年度有误' }),
        agencies: z.array(z.string().trim().min(1).max(40)).max(10_000).optional().describe('统一社会信用代码；不填：所有尚未公布的下级机关'),
        state: z.enum(OVERVIEW_STATES).optional().describe('只督促这一状态的机关'),
      }),
      response: { 200: z.object({ reminded: z.number().int(), mails: z.number().int(), alreadyToday: z.number().int() }), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const b = request.body;
    return services.supervisionOverview.remind(actorOf(request), { year: b.year, ...(b.agencies ? { agencies: b.agencies } : {}), ...(b.state ? { state: b.state } : {}) });
  });

  const part = z.object({ value: z.number(), basis: z.string() }).nullable();
  const weightsSchema = z.object(Object.fromEntries(COMPONENTS.map((c) => [c.key, z.number()])) as Record<(typeof COMPONENTS)[number]['key'], z.ZodNumber>);
  r.get('/api/supervision/assessment', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionAssessment', summary: '考核：下级机关按本机关设定的权重计算的得分和排名（年度报告按时与质量、依申请按期答复、主动公开按期、复议诉讼纠错；分页）', tags: ['supervision'],
      querystring: z.object({ year: yearQ, ...pageQuery }),
      response: {
        200: z.object({
          year: z.number().int(), weights: weightsSchema, version: z.number().int(),
          components: z.array(z.object({ key: z.string(), label: z.string(), source: z.string() })),
          agencies: z.array(z.object({ rank: z.number().int().nullable(), agencyId: z.number().int(), creditCode: z.string(), name: z.string(), score: z.number().nullable(), parts: z.object(Object.fromEntries(COMPONENTS.map((c) => [c.key, part]))) })),
          total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
        }),
        ...problemSchemas(400, 401, 403),
      },
    },
  }, async (request) => {
    const year = request.query.year ?? defaultYear();
    const a = await services.supervisionOverview.assessment(actorOf(request), { year, page: request.query.page, pageSize: request.query.pageSize });
    return { year, weights: a.weights, version: a.version, components: a.components.map((c) => ({ ...c })), agencies: a.items, total: a.total, page: a.page, pageSize: a.pageSize };
  });

  r.get('/api/supervision/assessment/weights', {
    preHandler: staff,
    schema: {
      operationId: 'getAssessmentWeights', summary: '考核权重（本政务公开主管部门设定；未设定时为默认值，version 0）', tags: ['supervision'],
      response: { 200: z.object({ weights: weightsSchema, version: z.number().int() }), ...problemSchemas(401, 403) },
    },
  }, async (request) => services.supervisionOverview.weights(actorOf(request)));

  r.put('/api/supervision/assessment/weights', {
    preHandler: staff,
    schema: {
      operationId: 'setAssessmentWeights', summary: '设定考核权重（各项 0–100 的整数，不能全为 0；version 不符时 409）', tags: ['supervision'],
      body: z.object({ weights: z.record(z.string().max(40), z.unknown()), version: z.number().int().min(0).max(2_147_483_647) }),
      response: { 200: z.object({ weights: weightsSchema, version: z.number().int() }), ...problemSchemas(400, 401, 403, 409) },
    },
  }, async (request) => services.supervisionOverview.setWeights(actorOf(request), request.body));

  const cellRef = z.string().max(200);
  const hierarchySchema = z.object({ mode: z.enum(HIERARCHY_MODES), cells: z.array(cellRef), version: z.number().int() });
  r.get('/api/supervision/hierarchy', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionHierarchy', summary: '汇总核对设定：本级报告是否汇总所属部门（none 不核对；at_least 本级不小于所属部门之和；equal 等于），核对哪些单元格；未设定时为 none，version 0', tags: ['supervision'],
      response: { 200: hierarchySchema, ...problemSchemas(401, 403) },
    },
  }, async (request) => services.supervision.hierarchy(actorOf(request)));

  r.put('/api/supervision/hierarchy', {
    preHandler: staff,
    schema: {
      operationId: 'setSupervisionHierarchy', summary: `设定汇总核对（mode: none | at_least | equal；cells 取自 ${HIERARCHY_CELLS.map((c) => c.ref).join('、')}；汇总时至少一个；version 不符时 409）`, tags: ['supervision'],
      body: z.object({ mode: z.string().max(40), cells: z.array(z.string().max(200)).max(50), version: z.number().int().min(0).max(2_147_483_647) }),
      response: { 200: hierarchySchema, ...problemSchemas(400, 401, 403, 409) },
    },
  }, async (request) => services.supervision.setHierarchy(actorOf(request), request.body));

  r.get('/api/supervision/assessment/sample', {
    preHandler: staff,
    schema: {
      operationId: 'getAssessmentSample', summary: '不定期抽查：本年度当前的抽取（种子、抽中的记录和登记的结果；未抽取时 sample 为 null）', tags: ['supervision'],
      querystring: z.object({ year: yearQ }),
      response: { 200: z.object({ year: z.number().int(), sample: sampleSchema.nullable() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const year = request.query.year ?? defaultYear();
    return { year, sample: await services.supervisionSampling.current(actorOf(request), year) };
  });

  r.post('/api/supervision/assessment/sample', {
    preHandler: staff,
    schema: {
      operationId: 'drawAssessmentSample',
      summary: '不定期抽查：从下级机关本年度公开的主动公开信息和办结的申请中随机抽取（记录种子；已抽取过时须说明理由并指明要替换的抽取，不符时 409）', tags: ['supervision'],
      body: drawBody, response: { 201: sampleSchema, ...problemSchemas(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const b = request.body;
    return reply.code(201).send(await services.supervisionSampling.draw(actorOf(request), { year: b.year, items: b.items, cases: b.cases, reason: b.reason ?? null, replaces: b.replaces ?? null }));
  });

  r.put('/api/supervision/assessment/sample/items/:id', {
    preHandler: staff,
    schema: {
      operationId: 'recordSampleResult', summary: '登记抽查结果：合格或不合格（不合格须写明问题；version 不符时 409）', tags: ['supervision'],
      params: idParams, body: sampleResultBody, response: { 200: sampleItemSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => services.supervisionSampling.record(actorOf(request), request.params.id, request.body));

  registerCorrectionRoutes(app, services);
  registerSupervisionPages(app, services);
}
