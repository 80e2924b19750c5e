// The audit log: read-only API and the back-office list with filters (scoped by agency).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage, type AuditEventRow, type Locale } from '../../ui/index.ts';
import type { AuditEvent } from './audit.service.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { auditChainVerificationSchema, auditEventSchema, auditFiltersSchema } from './audit.schema.ts';
import { auditActionLabel, auditEntityLabel } from './audit.labels.ts';

export function registerAuditRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();

  r.get(
    '/api/audit-events',
    {
      preHandler: staff,
      schema: {
        operationId: 'listAuditEvents',
        summary: '审计日志（按操作人、操作、对象、机构、日期筛选；分页）',
        tags: ['audit'],
        querystring: auditFiltersSchema,
        response: {
          200: z.object({ events: z.array(auditEventSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
          ...problemSchemas(400, 401),
        },
      },
    },
    async (request) => services.audit.list(actorOf(request), request.query),
  );
  r.get(
    '/api/audit-events/:id',
    {
      preHandler: staff,
      schema: {
        operationId: 'getAuditEvent',
        summary: '审计事件详情',
        tags: ['audit'],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: auditEventSchema, ...problemSchemas(401, 404) },
      },
    },
    async (request) => services.audit.get(actorOf(request), request.params.id),
  );

  r.post(
    '/api/audit-chain/verification',
    {
      preHandler: requireStaff('admin'),
      schema: {
        operationId: 'verifyAuditChain',
        summary: '校验审计链（仅系统管理员）：重新计算每条审计事件的哈希链，列出被修改、删除或插入的事件；校验本身记入审计日志',
        tags: ['audit'],
        response: { 200: auditChainVerificationSchema, ...problemSchemas(401, 403) },
      },
    },
    async (request) => services.audit.verifyChain(actorOf(request)),
  );

  // "校验审计链" on the audit page: the result is shown above the (unfiltered) list.
  r.post('/admin/audit/verify', { preHandler: requireStaff('admin'), schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const verification = await services.audit.verifyChain(actor);
    const filters = auditFiltersSchema.parse({});
    const [list, agencies, options] = await Promise.all([services.audit.list(actor, filters), services.agencies.list(), services.audit.filterOptions(actor)]);
    const actions = options.actions.map((a) => ({ value: a, label: auditActionLabel(a, request.locale) }));
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const shell = adminShell(request, takeFlash(request, reply));
    const userIds = [...new Set(list.events.filter((e) => e.entity === 'user' && /^\d+$/.test(e.entityId ?? '')).map((e) => Number(e.entityId)))];
    const people = new Map([...(await services.audit.userNames(userIds))].map(([id, n]) => [String(id), n]));
    return sendPage(reply, AuditPage({ shell, events: list.events.map((e) => toRow(e, names, people, request.locale)), filters: {}, page: 1, pageSize: list.pageSize, total: list.total, actions, verification }));
  });

  r.get('/admin/audit', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    // A repeated key (?action=a&action=b) arrives as an array: the filter form has one field each, so the first wins
    // (and the form echoes a single value back).
    const raw = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>)
      .map(([k, v]) => [k, Array.isArray(v) ? (v[0] === undefined ? undefined : String(v[0])) : v === undefined ? undefined : String(v)])) as Record<string, string | undefined>;
    const parsed = auditFiltersSchema.safeParse(raw);
    const filters = { actor: raw.actor, action: raw.action, entity: raw.entity, from: raw.from, to: raw.to };
    const shell = adminShell(request, takeFlash(request, reply));
    const actions = (await services.audit.filterOptions(actor)).actions.map((a) => ({ value: a, label: auditActionLabel(a, request.locale) }));
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
      return sendPage(reply, AuditPage({ shell, events: [], filters, page: 1, total: 0, actions, errors }), 400);
    }
    const [list, agencies] = await Promise.all([services.audit.list(actor, parsed.data), services.agencies.list()]);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const userIds = [...new Set(list.events.filter((e) => e.entity === 'user' && /^\d+$/.test(e.entityId ?? '')).map((e) => Number(e.entityId)))];
    const people = new Map([...(await services.audit.userNames(userIds))].map(([id, n]) => [String(id), n]));
    const events = list.events.map((e) => toRow(e, names, people, request.locale));
    const sort = parsed.data.sort ? { key: parsed.data.sort, dir: parsed.data.dir ?? 'desc' } : undefined;
    return sendPage(reply, AuditPage({ shell, events, filters, page: list.page, pageSize: list.pageSize, total: list.total, actions, sort }));
  });
}

function toRow(e: AuditEvent, names: Map<number, string>, people: Map<string, string>, locale: Locale): AuditEventRow {
  return {
    id: e.id,
    at: e.at,
    actorName: e.actorName,
    agencyName: e.agencyId === null ? '—' : (names.get(e.agencyId) ?? String(e.agencyId)),
    action: e.action,
    actionLabel: auditActionLabel(e.action, locale),
    entity: e.entity,
    entityId: e.entityId ?? '',
    entityLabel: auditEntityLabel(e.entity, e.entityId, locale, people),
    requestId: e.requestId ?? undefined,
    before: e.before ?? undefined,
    after: e.after ?? undefined,
  };
}
