// 复议/诉讼 API.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import type { Services } from '../services.ts';
import { appealCreateSchema, appealUpdateSchema } from './appeals.schema.ts';

const appealSchema = z.looseObject({ id: z.number(), kind: z.string(), result: z.string(), version: z.number() });

export function registerAppealsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  r.post('/api/appeals', {
    preHandler: staff,
    schema: { operationId: 'createAppealCase', summary: '登记行政复议或行政诉讼案件（可关联申请）', tags: ['appeals'], body: appealCreateSchema, response: { 201: appealSchema, ...problemSchemas(400, 401, 403) } },
  }, async (request, reply) => reply.code(201).send({ ...(await services.appeals.create(actorOf(request), request.body)) }));
  r.patch('/api/appeals/:id', {
    preHandler: staff,
    schema: { operationId: 'updateAppealCase', summary: '更新复议/诉讼案件的结果（维持/纠正/其他/尚未审结）和审结日期（乐观锁：version）', tags: ['appeals'], params: z.object({ id: z.coerce.number().int().positive() }), body: appealUpdateSchema, response: { 200: appealSchema, ...problemSchemas(400, 401, 403, 404, 409) } },
  }, async (request) => ({ ...(await services.appeals.update(actorOf(request), request.params.id, request.body)) }));
  r.get('/api/appeals', {
    preHandler: staff,
    schema: { operationId: 'listAppealCases', summary: '复议/诉讼案件列表', tags: ['appeals'], querystring: z.object({ applicationId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ cases: z.array(appealSchema) }), ...problemSchemas(401) } },
  }, async (request) => ({ cases: (await services.appeals.list(actorOf(request), request.query.applicationId)).map((c) => ({ ...c })) }));
  r.get('/api/appeals/table4', {
    preHandler: staff,
    schema: { operationId: 'getAppealsTable4', summary: '年度报告表四（按立案年度统计）', tags: ['appeals'], querystring: z.object({ year: z.coerce.number().int().min(2008).max(2100), agencyId: z.coerce.number().int().positive().optional() }), response: { 200: z.record(z.string(), z.record(z.string(), z.number().nullable())), ...problemSchemas(401, 404) } },
  }, async (request) => {
    const actor = actorOf(request);
    return services.appeals.table4(actor, request.query.agencyId ?? actor.agencyId, request.query.year);
  });
}
