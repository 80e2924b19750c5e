// 好差评 API: public rating (submitEvaluation) and status by receipt code, the public summary of a year
// (getEvaluationSummary), suggestions (submitSuggestion, status by query code), and the staff side: ratings, the
// 办件 register, statistics, settings, the 差评 work order (one route per step, each with its operationId) and the
// suggestions ledger. Handlers are thin: validate (zod) → authorise (guard + service scope) → one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrderAction } from '../../core/evaluations/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { notFound, validationFailed } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import { cardPdf, ratingPath } from './evaluations.card.ts';
import { registerEvaluationPublicPages } from './evaluations.pages.ts';
import { registerEvaluationAdminPages } from './evaluations.admin-pages.ts';
import {
  evaluationListSchema, orderActionSchemas, orderListSchema, pageSchema, suggestionListSchema, receiptQuerySchema, registerCaseSchema, registerSuggestionSchema, settingsSchema,
  statsQuerySchema, submitEvaluationSchema, visitListSchema, submitSuggestionSchema, suggestionActionSchemas,
} from './evaluations.schema.ts';

/** Path segment and operationId of each work-order step (the operationIds are part of the public API). */
export const ORDER_ROUTES: Record<OrderAction, { path: string; operationId: string; summary: string }> = {
  logVisit: { path: 'visits', operationId: 'logReturnVisit', summary: '登记回访核实（日期、回访人、评价人反映的情况；实名差评必须回访）' },
  classify: { path: 'classification', operationId: 'classifyEvaluationOrder', summary: '确定处理类别：立行立改、限期整改、解释说明或申诉复核（期限按工作日计算）' },
  decideAppeal: { path: 'appeal-decision', operationId: 'decideEvaluationAppeal', summary: '监督部门作出申诉复核决定（误评、恶意差评）' },
  recordRectification: { path: 'rectification', operationId: 'recordEvaluationRectification', summary: '登记整改情况和佐证材料（PDF、JPG、PNG）' },
  sendFeedback: { path: 'feedback', operationId: 'sendEvaluationFeedback', summary: '向评价人反馈处理结果（评价人凭回执码查看）' },
  closeOrder: { path: 'close', operationId: 'closeEvaluationOrder', summary: '监督部门回访并办结工单' },
};

export const SUBMIT_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
export const STATUS_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const idParams = z.object({ id: z.coerce.number().int().positive() });
const loose = z.looseObject({ id: z.number() });
const pageOut = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };
const summaryOut = z.object({
  agency: z.string(), year: z.number().int(), formula: z.string(), ratings: z.number().int(), returnVisits: z.number().int(), satisfaction: z.number(), goodRate: z.number(),
  badRatings: z.number().int(), badRectified: z.number().int(), suggestions: z.object({ received: z.number().int(), adopted: z.number().int(), rectified: z.number().int() }),
});

export function registerEvaluationsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  const handlers = requireStaff('officer', 'leader');
  const s = services.evaluations;

  // ── public ──
  r.post('/api/evaluations', {
    config: SUBMIT_RATE_LIMIT,
    schema: {
      operationId: 'submitEvaluation', summary: '提交政务服务评价（公开接口，无需登录；办件须在办结之日起N个工作日内评价，每个办件每个渠道评价一次；差评自动生成工单）', tags: ['evaluations'],
      body: submitEvaluationSchema,
      response: { 201: z.object({ receiptCode: z.string() }), ...problemSchemas(400, 409, 429) },
    },
  }, async (request, reply) => reply.code(201).send({ receiptCode: (await s.submit(request.body)).receiptCode }));

  r.get('/api/evaluations/status', {
    config: STATUS_RATE_LIMIT,
    schema: {
      operationId: 'getEvaluationStatus', summary: '凭回执码查看评价和差评处理反馈（不含个人信息）', tags: ['evaluations'],
      querystring: receiptQuerySchema,
      response: { 200: z.looseObject({ receiptCode: z.string(), bad: z.boolean() }), ...problemSchemas(400, 404, 429) },
    },
  }, async (request) => s.status(request.query.code));

  r.get('/api/agencies/:creditCode/evaluations/:year', {
    schema: {
      operationId: 'getEvaluationSummary', summary: '机构年度好差评情况：评价数、回访数、满意度和好评率（百分数，99.5 即 99.5%）、差评及整改、意见建议', tags: ['evaluations'],
      params: z.object({ creditCode: z.string().max(18), year: z.coerce.number().int().min(2019, { error: '年份应为2019年以后' }).max(2100) }),
      response: { 200: summaryOut, ...problemSchemas(400, 404) },
    },
  }, async (request) => s.summary(request.params.creditCode, request.params.year));

  r.post('/api/suggestions', {
    config: SUBMIT_RATE_LIMIT,
    schema: {
      operationId: 'submitSuggestion', summary: '提交意见建议（吐槽找茬；公开接口，无需登录）', tags: ['suggestions'],
      body: submitSuggestionSchema,
      response: { 201: z.object({ queryCode: z.string() }), ...problemSchemas(400, 429) },
    },
  }, async (request, reply) => reply.code(201).send(await s.submitSuggestion(request.body)));

  r.get('/api/suggestions/status', {
    config: STATUS_RATE_LIMIT,
    schema: {
      operationId: 'getSuggestionStatus', summary: '凭查询码查看意见建议的办理状态和答复（不含个人信息）', tags: ['suggestions'],
      querystring: receiptQuerySchema,
      response: { 200: z.looseObject({ queryCode: z.string(), stateLabel: z.string() }), ...problemSchemas(400, 404, 429) },
    },
  }, async (request) => s.suggestionStatus(request.query.code));

  // ── staff: ratings, 办件 register, statistics, settings ──
  r.get('/api/evaluations', {
    preHandler: staff,
    schema: {
      operationId: 'listEvaluations', summary: '评价列表（本机关及下级，可只看其中一个单位；分页：page、pageSize ≤ 200；评价人信息只有办理单位可见）', tags: ['evaluations'],
      querystring: evaluationListSchema.extend(pageSchema.shape),
      response: { 200: z.object({ evaluations: z.array(loose), ...pageOut }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => {
    const { page, pageSize, bad, ...q } = request.query;
    return s.list(actorOf(request), { ...q, ...(bad === '1' ? { bad: true } : {}) }, { page, pageSize });
  });

  r.get('/api/evaluations/:id', {
    preHandler: staff,
    schema: { operationId: 'getEvaluation', summary: '一条评价', tags: ['evaluations'], params: idParams, response: { 200: loose, ...problemSchemas(401, 404) } },
  }, async (request) => s.get(actorOf(request), request.params.id));

  r.post('/api/evaluation-cases', {
    preHandler: handlers,
    schema: {
      operationId: 'registerServiceCase', summary: '登记办件（编号、事项编码、办结日期）：办结后N个工作日内可评价', tags: ['evaluations'],
      body: registerCaseSchema,
      response: { 201: z.object({ id: z.number(), caseNumber: z.string(), lastRatingDay: z.string().nullable() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request, reply) => reply.code(201).send(await s.registerCase(actorOf(request), request.body)));

  r.get('/api/evaluation-statistics', {
    preHandler: staff,
    schema: {
      operationId: 'getEvaluationStatistics', summary: '好差评统计（期间、单位）：按等级和渠道、好评率、满意度、差评整改率、回访率、意见建议、按月趋势', tags: ['evaluations'],
      querystring: statsQuerySchema,
      response: { 200: z.looseObject({ summary: summaryOut.omit({ agency: true, year: true, formula: true }) }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => s.statistics(actorOf(request), request.query));

  r.get('/api/evaluation-settings', {
    preHandler: staff,
    schema: { operationId: 'getEvaluationSettings', summary: '好差评设置：评价期限、各类别整改期限（工作日）、满意度计算方法', tags: ['evaluations'], response: { 200: z.looseObject({}), ...problemSchemas(401) } },
  }, async () => s.settings());

  r.put('/api/evaluation-settings', {
    preHandler: requireStaff('admin'),
    schema: { operationId: 'updateEvaluationSettings', summary: '修改好差评设置（系统管理员）', tags: ['evaluations'], body: settingsSchema, response: { 200: z.looseObject({}), ...problemSchemas(400, 401, 403) } },
  }, async (request) => s.updateSettings(actorOf(request), request.body));


  r.get('/api/evaluation-card', {
    preHandler: staff,
    schema: {
      operationId: 'getEvaluationCard', summary: '评价二维码卡片（PDF，A6，放在窗口或办件回执上）：机构、窗口、办件、工号或事项的评价页面', tags: ['evaluations'],
      querystring: z.object({
        type: z.enum(['agency', 'window', 'case', 'staff', 'service_item'], { error: '评价对象应为机构、窗口、办件、工作人员或政务服务事项' }).optional().default('agency'),
        ref: z.string().trim().max(100, { error: '编号不能超过100个字符' }).optional(),
        agencyId: z.coerce.number().int().positive().optional(),
      }),
      response: { 200: z.any().describe('application/pdf'), ...problemSchemas(400, 401, 404) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    const ref = q.ref?.trim() || null;
    if (q.type !== 'agency' && !ref) throw validationFailed([{ field: 'ref', message: '请填写窗口名称、办件编号、工号或事项编码' }]);
    const agency = await services.agencies.get(q.agencyId ?? actor.agencyId);
    if (!agency || (actor.role !== 'admin' && !actor.visibleAgencyIds.includes(agency.id))) throw notFound();
    const url = `${services.config.publicBaseUrl ?? `${request.protocol}://${request.host}`}${ratingPath(agency.creditCode, q.type, ref)}`;
    const pdf = await cardPdf({ agencyName: agency.name, type: q.type, ref, url });
    return reply.type('application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`评价二维码-${ref ?? agency.name}.pdf`)}`).header('cache-control', 'no-store').send(pdf);
  });

  // ── 差评 work orders ──
  r.get('/api/evaluation-orders', {
    preHandler: staff,
    schema: {
      operationId: 'listEvaluationOrders', summary: '差评工单列表（未办结 / 已办结 / 全部；按差评日期、单位；分页）', tags: ['evaluations'],
      querystring: orderListSchema.extend(pageSchema.shape),
      response: { 200: z.object({ orders: z.array(loose), ...pageOut }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => {
    const { page, pageSize, state, from, to, agencyId } = request.query;
    return s.listOrders(actorOf(request), { state, from, to, agencyId }, { page, pageSize });
  });

  r.get('/api/evaluation-visits', {
    preHandler: staff,
    schema: {
      operationId: 'listReturnVisits', summary: '回访记录列表（按回访日期、单位；分页；只有评价人所说，无评价人信息）', tags: ['evaluations'],
      querystring: visitListSchema.extend(pageSchema.shape),
      response: { 200: z.object({ items: z.array(loose), ...pageOut }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => {
    const { page, pageSize, from, to, agencyId } = request.query;
    return s.listReturnVisits(actorOf(request), { from, to, agencyId }, { page, pageSize });
  });

  r.get('/api/evaluation-orders/:id', {
    preHandler: staff,
    schema: { operationId: 'getEvaluationOrder', summary: '差评工单：评价、回访、处理类别、期限、整改、反馈和可进行的操作', tags: ['evaluations'], params: idParams, response: { 200: loose, ...problemSchemas(401, 404) } },
  }, async (request) => s.getOrder(actorOf(request), request.params.id));

  r.get('/api/evaluation-orders/:id/files/:fileId', {
    preHandler: staff,
    schema: { operationId: 'getEvaluationOrderFile', summary: '下载差评工单的整改佐证材料', tags: ['evaluations'], params: z.object({ id: z.coerce.number().int().positive(), fileId: z.coerce.number().int().positive() }), response: problemSchemas(401, 404) },
  }, async (request, reply) => {
    const f = await s.orderFile(actorOf(request), request.params.id, request.params.fileId);
    return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(f.data as never);
  });

  for (const [action, route] of Object.entries(ORDER_ROUTES) as [OrderAction, (typeof ORDER_ROUTES)[OrderAction]][]) {
    r.post(`/api/evaluation-orders/:id/${route.path}`, {
      preHandler: action === 'decideAppeal' || action === 'closeOrder' ? requireStaff('supervisor') : handlers,
      schema: { operationId: route.operationId, summary: route.summary, tags: ['evaluations'], params: idParams, body: orderActionSchemas[action], response: { 200: loose, ...problemSchemas(400, 401, 403, 404, 409) } },
    }, async (request) => s.actOnOrder(actorOf(request), (request.params as { id: number }).id, action, request.body as never));
  }

  // ── suggestions (staff) ──
  r.post('/api/suggestions/offline', {
    preHandler: handlers,
    schema: { operationId: 'registerSuggestion', summary: '登记线下收到的意见建议（意见箱、意见簿、电话、吐槽找茬窗口）', tags: ['suggestions'], body: registerSuggestionSchema, response: { 201: loose, ...problemSchemas(400, 401, 403) } },
  }, async (request, reply) => reply.code(201).send(await s.registerSuggestion(actorOf(request), request.body)));

  r.get('/api/suggestions', {
    preHandler: staff,
    schema: {
      operationId: 'listSuggestions', summary: '意见建议列表（办理中 / 已答复 / 全部；按办理结果、收到日期和单位；分页）', tags: ['suggestions'],
      querystring: suggestionListSchema.extend(pageSchema.shape),
      response: { 200: z.object({ suggestions: z.array(loose), ...pageOut }), ...problemSchemas(400, 401, 404) },
    },
  }, async (request) => {
    const { page, pageSize, state, result, from, to, agencyId } = request.query;
    return s.listSuggestions(actorOf(request), { state, result, from, to, agencyId }, { page, pageSize });
  });

  r.get('/api/suggestions/:id', {
    preHandler: staff,
    schema: { operationId: 'getSuggestion', summary: '一条意见建议', tags: ['suggestions'], params: idParams, response: { 200: loose, ...problemSchemas(401, 404) } },
  }, async (request) => s.getSuggestion(actorOf(request), request.params.id));

  r.post('/api/suggestions/:id/handling', {
    preHandler: handlers,
    schema: { operationId: 'handleSuggestion', summary: '登记办理结果：采纳、整改（问题查摆整改）、解释说明、不予采纳（写明理由）', tags: ['suggestions'], params: idParams, body: suggestionActionSchemas.handle, response: { 200: loose, ...problemSchemas(400, 401, 403, 404, 409) } },
  }, async (request) => s.handleSuggestion(actorOf(request), request.params.id, request.body));

  r.post('/api/suggestions/:id/reply', {
    preHandler: handlers,
    schema: { operationId: 'replyToSuggestion', summary: '答复提出意见建议的人（凭查询码可见）', tags: ['suggestions'], params: idParams, body: suggestionActionSchemas.reply, response: { 200: loose, ...problemSchemas(400, 401, 403, 404, 409) } },
  }, async (request) => s.replyToSuggestion(actorOf(request), request.params.id, request.body));

  registerEvaluationPublicPages(app, services);
  registerEvaluationAdminPages(app, services);
}
