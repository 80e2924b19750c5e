// The annual-report workflow as JSON API operations (the same service calls as the back-office pages):
// compile, the staff view, narrative, cell overrides (with a written reason), approve (负责人审定), submit, return, accept,
// publish, unlock.
// Paths: /api/annual-reports/{agencyId}/{year}[/…]. Errors are problem+json (403 role, 404 scope, 409 state or stale version).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError } from '../shared/errors.ts';
import { dateField } from '../shared/fields.ts';
import { problemSchemas } from '../shared/openapi.ts';
import type { Services } from '../services.ts';
import type { ReportView } from './annual-report.service.ts';
import { DECISION_CATEGORIES } from '../../core/annual-report/index.ts';

const params = z.object({
  agencyId: z.coerce.number().int().min(1).max(2_147_483_647),
  year: z.coerce.number().int().min(2008, '年度应在 2008 年至 2100 年之间').max(2100, '年度应在 2008 年至 2100 年之间'),
});
const version = z.number({ error: '请提供报告的版本号（version）' }).int().min(1).max(2_147_483_647);
const comment = z.string().trim().max(2000, '意见不能超过 2000 个字');

const viewSchema = z.looseObject({
  agencyId: z.number().int(), year: z.number().int(), format: z.string(), state: z.string(), stateLabel: z.string(), version: z.number().int(),
  locked: z.boolean(), errors: z.number().int(), warnings: z.number().int(), actions: z.array(z.string()), deadline: z.string(), daysLeft: z.number().int(),
});

/** The staff view of a working report as JSON (model, findings and overrides included). */
export function presentView(v: ReportView) {
  return {
    agencyId: v.agency.id, agencyName: v.agency.name, year: v.year, format: v.format, state: v.state, stateLabel: v.stateLabel, version: v.version,
    locked: v.locked, publishedVersion: v.publishedVersion, errors: v.errors, warnings: v.warnings, findings: v.findings, actions: v.actions,
    deadline: v.deadline, daysLeft: v.daysLeft, overrides: v.overrides, editedSections: v.editedSections, events: v.events, publications: v.publications, model: v.model,
  };
}

const WORKFLOW = [
  { action: 'approve', operationId: 'approveAnnualReport', summary: '负责人审定年度报告（本机关负责人，未生成或编辑过该报告；有错误时不能审定；审定后才能报送）', body: z.object({ version, comment: comment.optional() }) },
  { action: 'submit', operationId: 'submitAnnualReport', summary: '报送年度报告（本机关经办人或负责人；须先经负责人审定，有错误时不能报送）', body: z.object({ version }) },
  { action: 'return', operationId: 'returnAnnualReport', summary: '退回年度报告并写明修改意见（上级政务公开主管部门）', body: z.object({ version, comment }) },
  { action: 'accept', operationId: 'acceptAnnualReport', summary: '审核通过年度报告（上级政务公开主管部门）', body: z.object({ version, comment: comment.optional() }) },
  { action: 'publish', operationId: 'publishAnnualReport', summary: '发布年度报告（审核通过后；更正再发布须写明变更说明），发布后锁定该年度数据（条例第四十九条）', body: z.object({ version, comment: comment.optional() }) },
  { action: 'unlock', operationId: 'unlockAnnualReport', summary: '解锁已发布的报告以便更正（系统管理员，须写明理由）', body: z.object({ version, comment }) },
] as const;

export function registerAnnualReportApi(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = services.annualReports;
  const staff = requireStaff();
  const tags = ['annual-report'];

  r.get('/api/annual-reports/:agencyId/:year', {
    preHandler: staff,
    schema: { operationId: 'getAnnualReportDraft', summary: '工作中的年度报告（工作人员：模型、体检结果、修正、流程状态）', tags, params, response: { 200: viewSchema, ...problemSchemas(400, 401, 404) } },
  }, async (request) => {
    const v = await s.get(actorOf(request), request.params.agencyId, request.params.year);
    if (!v) throw new AppError('not_found', { detail: `${request.params.year}年度报告尚未生成，请先生成（compileAnnualReport）` });
    return presentView(v);
  });

  r.post('/api/annual-reports/:agencyId/:year/compile', {
    preHandler: staff,
    schema: {
      operationId: 'compileAnnualReport', summary: '从业务数据生成（或重新生成）年度报告；保留已编辑的正文和修正', tags, params,
      body: z.object({ format: z.enum(['2019', '2021']).optional() }).optional(),
      response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const format = request.body?.format;
    return presentView(await s.compile(actorOf(request), request.params.agencyId, request.params.year, format ? { format } : {}));
  });

  r.put('/api/annual-reports/:agencyId/:year/narrative', {
    preHandler: staff,
    schema: {
      operationId: 'saveAnnualReportNarrative', summary: '保存年度报告正文（各部分文字）', tags, params,
      body: z.object({ version, sections: z.record(z.string().max(100), z.string().max(100_000, '每部分不能超过 10 万字')) }),
      response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => presentView(await s.save(actorOf(request), request.params.agencyId, request.params.year, { version: request.body.version, sections: request.body.sections })));

  r.post('/api/annual-reports/:agencyId/:year/overrides', {
    preHandler: staff,
    schema: {
      operationId: 'overrideAnnualReportCell',
      summary: '修正报告中的一个数字（必须写明理由），或 restore=true 恢复为系统计算值',
      tags, params,
      body: z.object({
        version, ref: z.string().min(1).max(300), value: z.number().finite().min(-1e12).max(1e12).nullable().optional(),
        reason: z.string().trim().max(2000, '理由不能超过 2000 个字'), restore: z.boolean().optional(),
      }),
      response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const b = request.body;
    const input = b.restore
      ? { version: b.version, removeOverride: { ref: b.ref, reason: b.reason } }
      : { version: b.version, override: { ref: b.ref, value: b.value ?? null, reason: b.reason } };
    return presentView(await s.save(actorOf(request), request.params.agencyId, request.params.year, input));
  });

  for (const w of WORKFLOW) {
    r.post(`/api/annual-reports/:agencyId/:year/${w.action}`, {
      preHandler: staff,
      schema: { operationId: w.operationId, summary: w.summary, tags, params, body: w.body, response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 409) } },
    }, async (request) => {
      const b = request.body as { version: number; comment?: string };
      return presentView(await s.act(actorOf(request), request.params.agencyId, request.params.year, w.action, { version: b.version, comment: b.comment ?? null }));
    });
  }
}

const agencyParams = z.object({ agencyId: z.coerce.number().int().min(1).max(2_147_483_647) });
const yearField = z.number().int().min(2008, '年度应在 2008 年至 2100 年之间').max(2100, '年度应在 2008 年至 2100 年之间');
const category = z.enum(DECISION_CATEGORIES, { error: '请选择类别' });
const count = z.number().int().min(0, '数量不能为负数').max(2_147_483_647, '数量太大');

/** The decisions register (表二 第二十条第（五）至（八）项) behind the annual report, as API operations. */
export function registerDecisionsApi(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = services.decisions;
  // An unknown agency is a 404 before anything is written (an administrator sees every agency id).
  const staff = [requireStaff(), async (request: FastifyRequest) => {
    const id = Number((request.params as { agencyId?: unknown }).agencyId);
    if (!Number.isSafeInteger(id) || !(await services.agencies.get(id))) throw new AppError('not_found', { detail: '找不到该机构' });
  }];
  const tags = ['annual-report'];
  r.get('/api/agencies/:agencyId/decisions', {
    preHandler: staff,
    schema: {
      operationId: 'listDecisions', summary: '处理决定登记（表二）：某年度的登记条目和事项数', tags, params: agencyParams,
      querystring: z.object({ year: z.coerce.number().int().min(2008).max(2100), category: category.optional(), page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.looseObject({ entries: z.array(z.looseObject({ id: z.number() })), total: z.number().int() }), ...problemSchemas(400, 401, 403, 404) },
    },
  }, async (request) => {
    const q = request.query;
    const res = await d.list(actorOf(request), request.params.agencyId, q.year, q.category);
    return { entries: res.entries.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((e) => ({ ...e })), total: res.entries.length, page: q.page, pageSize: q.pageSize, items: res.items };
  });
  r.post('/api/agencies/:agencyId/decisions', {
    preHandler: staff,
    schema: {
      operationId: 'addDecisionEntry', summary: '登记处理决定（数量、金额）', tags, params: agencyParams,
      body: z.object({ year: yearField, category, count, amount: z.number().finite().min(0).max(1e12).nullable().optional(), itemName: z.string().trim().max(200).nullable().optional(), decidedOn: dateField('决定日期').nullable().optional(), note: z.string().trim().max(1000).nullable().optional() }),
      response: { 201: z.looseObject({ id: z.number(), version: z.number() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.code(201).send({ ...(await d.add(actorOf(request), request.params.agencyId, request.body)) }));
  r.put('/api/agencies/:agencyId/decisions/items', {
    preHandler: staff,
    schema: {
      operationId: 'setDecisionItemCounts', summary: '设置规章、规范性文件等事项数（上年项目数、本年增减）', tags, params: agencyParams,
      body: z.object({ year: yearField, category, previous: count, change: z.number().int().min(-2_147_483_647).max(2_147_483_647) }),
      response: { 200: z.object({ ok: z.boolean() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    await d.setItems(actorOf(request), request.params.agencyId, request.body);
    return { ok: true };
  });
  r.delete('/api/agencies/:agencyId/decisions/:id', {
    preHandler: staff,
    schema: {
      operationId: 'deleteDecisionEntry', summary: '删除一条处理决定登记（需提供版本号）', tags,
      params: agencyParams.extend({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
      querystring: z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) }),
      response: { 204: z.null().optional(), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    await d.remove(actorOf(request), request.params.id, request.query.version);
    return reply.code(204).send(null);
  });
  r.post('/api/agencies/:agencyId/decisions/import', {
    preHandler: staff,
    schema: {
      operationId: 'importDecisions', summary: '导入处理决定 CSV（每行：日期,事项名称,决定类型）；dryRun=true 只检查不保存', tags, params: agencyParams,
      body: z.object({ csv: z.string().min(1, '请提供 CSV 内容').max(5_000_000, 'CSV 太大'), dryRun: z.boolean().default(true) }),
      response: { 200: z.looseObject({ dryRun: z.boolean(), inserted: z.number().int() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => ({ ...(await d.importCsv(actorOf(request), request.params.agencyId, request.body.csv.replace(/^\uFEFF/, ''), { dryRun: request.body.dryRun })) }));
}
