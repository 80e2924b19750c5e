// 依申请公开 API: public submission and status; staff registration, case actions (one route per
// action, each with its operationId), letters, table 三, 结转, templates and the mail outbox.
// Handlers are thin: validate (zod) → authorise (guard + service scope) → one service call → present.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LETTER_KINDS, type Action } from '../../core/applications/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { notFound } from '../shared/errors.ts';
import { registerApplicationPages } from './applications.pages.tsx';
import { registerRedactionApi } from './applications.redaction.routes.ts';
import { registerRedactionPages } from './applications.redaction.pages.tsx';
import type { Services } from '../services.ts';
import { actionSchemas, dismissPublicationSchema, listQuerySchema, pageSchema, publishDisclosureSchema, registerSchema, statusQuerySchema, submitSchema } from './applications.schema.ts';
import type { ApplicationSummary } from './applications.service.ts';

/** Path segment and operationId of each case action (the operationIds are part of the public API). */
export const ACTION_ROUTES: Record<Action, { path: string; operationId: string; summary: string }> = {
  confirmReceipt: { path: 'confirm-receipt', operationId: 'confirmReceipt', summary: '确认收到在线申请（第三十一条：以双方确认之日为收到申请之日）' },
  assign: { path: 'assign', operationId: 'assignApplication', summary: '指定经办人' },
  requestCorrection: { path: 'correction-request', operationId: 'requestCorrection', summary: '要求补正（第三十条：一次性告知，只能一次；生成补正告知书）' },
  recordCorrection: { path: 'correction', operationId: 'recordCorrection', summary: '登记收到补正材料（答复期限自收到补正之日重新计算）' },
  lapseCorrection: { path: 'correction-lapse', operationId: 'lapseCorrection', summary: '逾期未补正，视为放弃申请（表三（六）1）' },
  startConsultation: { path: 'consultations', operationId: 'startConsultation', summary: '征求第三方或其他机关意见（第三十二条、第三十四条；生成征求意见书）' },
  endConsultation: { path: 'consultation-end', operationId: 'endConsultation', summary: '登记征求意见结果（最多15个工作日不计入答复期限）' },
  requestExtension: { path: 'extension-request', operationId: 'requestExtension', summary: '申请延期答复（第三十三条第二款：不超过20个工作日）' },
  approveExtension: { path: 'extension-approval', operationId: 'approveExtension', summary: '负责人同意延期（只能一次，须在答复期限届满前；生成延期答复告知书）' },
  rejectExtension: { path: 'extension-rejection', operationId: 'rejectExtension', summary: '负责人不同意延期' },
  issueFeeNotice: { path: 'fee-notice', operationId: 'issueFeeNotice', summary: '发出收费通知（国办函〔2020〕109号：按件或按量，一种方式）' },
  recordPayment: { path: 'payment', operationId: 'recordPayment', summary: '登记缴费' },
  lapseFee: { path: 'fee-lapse', operationId: 'lapseFee', summary: '逾期未缴费，不再处理（表三（六）2）' },
  reply: { path: 'reply', operationId: 'replyToApplication', summary: '拟写答复（必须选择办理结果），提交审核' },
  approveReply: { path: 'reply-approval', operationId: 'approveReply', summary: '审核通过并出具答复书' },
  returnReply: { path: 'reply-return', operationId: 'returnReply', summary: '审核退回答复' },
  recordDelivery: { path: 'delivery', operationId: 'recordDelivery', summary: '登记送达（方式和日期）' },
  close: { path: 'close', operationId: 'closeApplication', summary: '办结（必须已有办理结果）' },
  reopen: { path: 'reopen', operationId: 'reopenApplication', summary: '重新打开，作补充答复' },
  withdraw: { path: 'withdrawal', operationId: 'withdrawApplication', summary: '登记申请人撤回申请' },
};

const idParams = z.object({ id: z.coerce.number().int().positive() });
const letterParams = z.object({ id: z.coerce.number().int().positive(), letterId: z.coerce.number().int().positive() });
const looseDetail = z.looseObject({ id: z.number(), queryCode: z.string(), state: z.string(), version: z.number() });
const actionResult = z.looseObject({ application: looseDetail, warnings: z.array(z.string()) });

const attachmentJson = z.object({
  filename: z.string().max(200),
  contentBase64: z.string().max(12_000_000, { error: '附件太大' }),
});

export const SUBMIT_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
export const STATUS_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export function registerApplicationsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  const s = services.applications;

  r.post('/api/applications', {
    config: SUBMIT_RATE_LIMIT,
    schema: {
      operationId: 'submitApplication', summary: '在线提交政府信息公开申请（公开接口；收到申请之日为机关确认之日，第三十一条）', tags: ['applications'],
      body: submitSchema.and(z.object({ attachments: z.array(attachmentJson).max(10).optional() })),
      response: { 201: z.object({ queryCode: z.string(), submittedOn: z.string(), agencyName: z.string(), notice: z.string() }), ...problemSchemas(400, 413, 422, 429) },
    },
  }, async (request, reply) => {
    const files = (request.body.attachments ?? []).map((a) => ({ filename: a.filename, data: Buffer.from(a.contentBase64, 'base64') }));
    const out = await s.submit(request.body, files);
    return reply.code(201).send({ queryCode: out.queryCode, submittedOn: out.submittedOn, agencyName: out.agencyName, notice: RECEIPT_NOTICE });
  });

  r.get('/api/applications/status', {
    config: STATUS_RATE_LIMIT,
    schema: {
      operationId: 'getApplicationStatus', summary: '查询申请办理状态（查询码 + 联系电话；不返回任何个人信息）', tags: ['applications'],
      querystring: statusQuerySchema,
      response: {
        200: z.object({
          queryCode: z.string(), agencyName: z.string(), state: z.string(), stateLabel: z.string(), submittedOn: z.string(), receivedOn: z.string().nullable(),
          dueDate: z.string().nullable(), provisional: z.boolean(), concluded: z.boolean(), outcomeLabel: z.string().nullable(),
          letters: z.array(z.object({ title: z.string(), kindLabel: z.string(), number: z.string(), issuedOn: z.string(), downloadUrl: z.string() })),
          files: z.array(z.object({ kind: z.enum(['file', 'catalogue']), title: z.string(), filename: z.string().nullable(), size: z.number().nullable(), downloadUrl: z.string() })),
        }),
        ...problemSchemas(400, 404, 429),
      },
    },
  }, async (request) => s.status(request.query.code, request.query.phone));

  // The signed links of the status lookup: a letter (PDF) or a file disclosed with the reply; no sign-in, no personal data in the URL.
  r.get('/api/applications/status/downloads/:token', {
    config: STATUS_RATE_LIMIT,
    schema: {
      operationId: 'downloadApplicationFile', summary: '下载答复文书或公开的信息（查询结果中的链接：与查询码和联系电话绑定，24小时内有效）', tags: ['applications'],
      params: z.object({ token: z.string().max(300) }), response: problemSchemas(403, 404, 429),
    },
  }, async (request, reply) => {
    const d = await s.statusDownload(request.params.token);
    if (d.kind === 'file') {
      return reply.type(d.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}`).header('cache-control', 'no-store').send(d.data as never);
    }
    const a = d.agency;
    const file = await services.letters.download(d.letter, { name: a.name, address: a.address, phone: a.phone, postcode: a.postcode, workBodyName: a.workBodyName }, 'pdf');
    return reply.type(file.contentType).header('content-disposition', file.contentDisposition).header('cache-control', 'no-store').send(file.body as never);
  });

  r.post('/api/applications/offline', {
    preHandler: staff,
    schema: {
      operationId: 'registerApplication', summary: '登记线下申请（当面、邮寄、平常信函、传真、电子邮件；收到申请之日按渠道规则确定）', tags: ['applications'],
      body: registerSchema.and(z.object({ attachments: z.array(attachmentJson).max(10).optional() })),
      response: { 201: looseDetail, ...problemSchemas(400, 401, 403) },
    },
  }, async (request, reply) => {
    const files = (request.body.attachments ?? []).map((a) => ({ filename: a.filename, data: Buffer.from(a.contentBase64, 'base64') }));
    return reply.code(201).send({ ...(await s.register(actorOf(request), request.body, files)) });
  });

  r.get('/api/applications', {
    preHandler: staff,
    schema: {
      operationId: 'listApplications', summary: '申请列表（我的、3个工作日内到期、已逾期、待补正、征求意见中、待缴费；分页：page、pageSize ≤ 200，默认每页50件，total 为全部件数）', tags: ['applications'],
      querystring: listQuerySchema.extend(pageSchema.shape),
      response: { 200: z.object({ applications: z.array(z.looseObject({ id: z.number() })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(400, 401) },
    },
  }, async (request) => {
    const { page, pageSize, ...query } = request.query;
    const r = await s.listPage(actorOf(request), query, { page, pageSize });
    return { applications: r.applications.map((a) => ({ ...a })), total: r.total, page: r.page, pageSize: r.pageSize };
  });

  r.get('/api/applications/table3', {
    preHandler: staff,
    schema: {
      operationId: 'getApplicationsTable3', summary: '按办理结果和申请人类别统计：年度报告表三（与报告模型一致）', tags: ['applications'],
      querystring: z.object({ agencyId: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(2008).max(2100), format: z.enum(['2019', '2021', 'hybrid']).optional() }),
      response: { 200: z.object({ table: z.object({ columns: z.array(z.string()), rows: z.record(z.string(), z.array(z.number().nullable())) }), cells: z.record(z.string(), z.record(z.string(), z.array(z.union([z.string(), z.number()])))) }), ...problemSchemas(401, 404) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    return s.table3(actor, q.agencyId ?? actor.agencyId, q.year, q.format ?? (q.year >= 2021 ? '2021' : '2019'));
  });

  r.post('/api/applications/carry-over', {
    preHandler: requireStaff('leader'),
    schema: { operationId: 'carryOverApplications', summary: '年末结转：12月31日前未办结的申请结转下年度', tags: ['applications'], body: z.object({ year: z.coerce.number().int().min(2008).max(2100), agencyId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ carried: z.number().int() }), ...problemSchemas(401, 403, 404) } },
  }, async (request) => {
    const actor = actorOf(request);
    const agencyId = request.body.agencyId ?? actor.agencyId;
    if (!actor.visibleAgencyIds.includes(agencyId)) throw notFound();
    return { carried: await s.carryOver(actor, agencyId, request.body.year) };
  });

  r.get('/api/applications/:id', {
    preHandler: staff,
    schema: { operationId: 'getApplication', summary: '申请详情：申请人、账本（时间线）、答复期限及其解释、现在允许的操作', tags: ['applications'], params: idParams, response: { 200: looseDetail, ...problemSchemas(401, 404) } },
  }, async (request) => ({ ...(await s.get(actorOf(request), request.params.id, 'api_get')) }));

  for (const action of Object.keys(ACTION_ROUTES) as Action[]) {
    const def = ACTION_ROUTES[action];
    app.post(`/api/applications/:id/${def.path}`, {
      preHandler: staff,
      schema: {
        operationId: def.operationId, summary: def.summary, tags: ['applications'], params: idParams, body: actionSchemas[action],
        response: { 200: actionResult, ...problemSchemas(400, 401, 403, 404, 409) },
      },
    }, async (request) => {
      const out = await s.act(actorOf(request), (request.params as { id: number }).id, action, request.body as never);
      return { application: out.detail, warnings: out.warnings };
    });
  }

  // 条例 第四十四条 (依申请公开转主动公开): the case's disclosed information as a catalogue draft, or the decision not to
  r.post('/api/applications/:id/catalogue-draft', {
    preHandler: staff,
    schema: {
      operationId: 'publishDisclosureToCatalogue', tags: ['applications'], params: idParams, body: publishDisclosureSchema,
      summary: '依申请公开转主动公开（条例第四十四条）：以本申请公开的信息生成主动公开目录草稿（标题、概述、正文、类别缺省时采用 getApplication 的 publication.proposal；fileIds 选择随答复公开的文件，缺省为全部；不复制申请人的任何个人信息），之后按目录的保密审查、审核、发布办理',
      response: { 201: z.object({ catalogueItemId: z.number().int(), indexNo: z.string(), state: z.literal('draft'), url: z.string(), version: z.number().int() }), ...problemSchemas(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => reply.code(201).send(await s.publishToCatalogue(actorOf(request), request.params.id, request.body)));

  r.post('/api/applications/:id/catalogue-draft/dismissal', {
    preHandler: staff,
    schema: {
      operationId: 'dismissDisclosurePublication', tags: ['applications'], params: idParams, body: dismissPublicationSchema,
      summary: '不转为主动公开（条例第四十四条）：记录不将本申请公开的信息纳入主动公开范围的决定（写入审计日志；工作台不再提示）',
      response: { 200: z.object({ version: z.number().int(), dismissedAt: z.string() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => s.dismissPublication(actorOf(request), request.params.id, request.body));

  for (const format of ['docx', 'pdf'] as const) {
    r.get(`/api/applications/:id/letters/:letterId.${format}`, {
      preHandler: staff,
      schema: { operationId: format === 'docx' ? 'downloadLetterDocx' : 'downloadLetterPdf', summary: `下载文书（${format.toUpperCase()}）`, tags: ['applications'], params: letterParams, response: problemSchemas(401, 404) },
    }, async (request, reply) => {
      const { letter, agency } = await s.letter(actorOf(request), request.params.id, request.params.letterId, format);
      const head = { name: agency.name, address: agency.address, phone: agency.phone, postcode: agency.postcode, workBodyName: agency.workBodyName };
      const file = await services.letters.download(letter, head, format);
      return reply
        .type(file.contentType)
        .header('content-disposition', file.contentDisposition)
        .header('cache-control', 'no-store')
        .send(file.body as never);
    });
  }

  r.get('/api/letter-templates', {
    preHandler: staff,
    schema: { operationId: 'listLetterTemplates', summary: '本机关的文书模板（当前版本）', tags: ['letters'], response: { 200: z.object({ templates: z.array(z.looseObject({ kind: z.string(), version: z.number() })) }), ...problemSchemas(401) } },
  }, async (request) => ({ templates: (await services.letters.templates(actorOf(request))).map((t) => ({ ...t })) }));

  r.put('/api/letter-templates/:kind', {
    preHandler: requireStaff('admin', 'leader'),
    schema: {
      operationId: 'saveLetterTemplate', summary: '保存文书模板的新版本（先校验占位符）', tags: ['letters'],
      params: z.object({ kind: z.enum(LETTER_KINDS) }),
      body: z.object({ title: z.string().max(200), body: z.string().max(20000) }),
      response: { 200: z.looseObject({ kind: z.string(), version: z.number() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => ({ ...(await services.letters.saveTemplate(actorOf(request), request.params.kind, request.body)) }));

  r.get('/api/mail-outbox', {
    preHandler: staff,
    schema: { operationId: 'listMailOutbox', summary: '邮件发件箱（未配置 SMTP 时只在此显示；收件人和正文只对办理机关可见）', tags: ['applications'], response: { 200: z.object({ smtp: z.boolean(), messages: z.array(z.looseObject({ id: z.number() })) }), ...problemSchemas(401) } },
  }, async (request) => {
    const actor = actorOf(request);
    return { smtp: s.mailer.smtp, messages: (await s.mailOutbox(actor, 'mail_outbox_api')).map((m) => ({ ...m })) };
  });

  r.post('/api/mail-outbox/:id/retry', {
    preHandler: requireStaff('admin'),
    schema: { operationId: 'retryMail', summary: '重新发送一封已停止重试的邮件（系统管理员）', tags: ['applications'], params: idParams, response: { 200: z.object({ ok: z.boolean() }), ...problemSchemas(401, 403, 404) } },
  }, async (request) => {
    if (!(await s.mailer.retry(request.params.id))) throw notFound('没有找到该发送失败的邮件');
    if (s.mailer.smtp) void s.mailer.flush().catch(() => undefined);
    return { ok: true };
  });

  registerApplicationPages(app, services);
  registerRedactionApi(app, services);
  registerRedactionPages(app, services);

}

export const RECEIPT_NOTICE = '通过互联网渠道提交的申请，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第三项）。本机关确认收到后，将在收到申请之日起20个工作日内答复。';

export type { ApplicationSummary };
