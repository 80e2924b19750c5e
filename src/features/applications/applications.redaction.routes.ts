// API of 区分处理 (decision 120): the redaction view of a file disclosed with a reply, its page images
// (original / redacted), and each change as its own operation. Page twins: applications.redaction.pages.tsx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import type { Services } from '../services.ts';
import type { Actor } from '../shared/actor.ts';
import { REDACTION_ROUTES, redactionOpSchemas, type RedactionOpName } from './applications.redaction.schema.ts';
import type { RedactionView } from './applications.redaction.ts';

export const disclosureParams = z.object({ id: z.coerce.number().int().positive(), disclosureId: z.coerce.number().int().positive() });
const pageParams = disclosureParams.extend({ page: z.coerce.number().int().positive().max(10000) });
const variantQuery = z.object({ variant: z.enum(['original', 'redacted']).default('original') });
const textItem = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number(), str: z.string() });
const viewSchema = z.looseObject({ disclosureId: z.number(), version: z.number(), pages: z.array(z.object({ w: z.number(), h: z.number(), text: z.array(textItem).optional() })) });

/** Runs one operation of the redaction view (API and page share it). */
export function runRedactionOp(services: Services, actor: Actor, id: number, disclosureId: number, op: RedactionOpName, body: Record<string, unknown>): Promise<RedactionView> {
  const r = services.applications.redaction;
  if (op === 'makeCopy') return r.makeCopy(actor, id, disclosureId, body.version as number);
  return r.change(actor, id, disclosureId, { op, ...body } as never);
}

export function registerRedactionApi(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  const base = '/api/applications/:id/disclosures/:disclosureId';

  r.get(`${base}/redaction`, {
    preHandler: staff,
    schema: {
      operationId: 'getRedaction', summary: '区分处理：答复所附文件的页面尺寸、已作的遮盖（理由）、待处理的遮盖建议、遮盖后文件的状态（经办人、审核人、负责人）', tags: ['applications'],
      params: disclosureParams, response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 422) },
    },
  }, async (request) => ({ ...(await services.applications.redaction.view(actorOf(request), request.params.id, request.params.disclosureId)) }));

  r.get(`${base}/pages/:page`, {
    preHandler: staff,
    schema: {
      operationId: 'getDisclosurePageImage', summary: '答复所附文件的一页（PNG）：原件，或遮盖后（已生成的遮盖文件，否则在原件上涂黑）', tags: ['applications'],
      params: pageParams, querystring: variantQuery, response: problemSchemas(400, 401, 403, 404, 422),
    },
  }, async (request, reply) => {
    const png = await services.applications.redaction.pageImage(actorOf(request), request.params.id, request.params.disclosureId, request.params.page, request.query.variant);
    return reply.type('image/png').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff').send(png as never);
  });

  for (const op of Object.keys(REDACTION_ROUTES) as RedactionOpName[]) {
    const def = REDACTION_ROUTES[op];
    app.post(`${base}/${def.path}`, {
      preHandler: staff,
      schema: {
        operationId: def.operationId, summary: def.summary, tags: ['applications'], params: disclosureParams, body: redactionOpSchemas[op],
        response: { 200: viewSchema, ...problemSchemas(400, 401, 403, 404, 409, 422) },
      },
    }, async (request) => {
      const { id, disclosureId } = request.params as { id: number; disclosureId: number };
      return runRedactionOp(services, actorOf(request), id, disclosureId, op, request.body as Record<string, unknown>);
    });
  }
}
