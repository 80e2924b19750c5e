import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { agencySchema } from './agencies.schema.ts';

export function registerAgenciesRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Public: names, 统一社会信用代码 and contact data of government bodies are published in their 公开指南.
  r.get(
    '/api/agencies',
    {
      schema: {
        operationId: 'listAgencies',
        summary: '机构列表（名称、统一社会信用代码、上级机构、联系方式）',
        tags: ['agencies'],
        response: { 200: z.object({ agencies: z.array(agencySchema) }) },
      },
    },
    async () => ({ agencies: await services.agencies.list() }),
  );
  r.get(
    '/api/agencies/:id',
    {
      schema: {
        operationId: 'getAgency',
        summary: '机构详情',
        tags: ['agencies'],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: agencySchema, ...problemSchemas(400, 404) },
      },
    },
    async (request, reply) => {
      const a = await services.agencies.get(request.params.id);
      if (!a) return reply.callNotFound();
      return a;
    },
  );
}
