import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.ts';

export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: '健康检查（检查数据库连接）',
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable'), detail: z.string() }) },
      },
    },
    async (_req, reply) => {
      if (await services.health.check()) return reply.code(200).header('cache-control', 'no-store').send({ status: 'ok' as const });
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' as const, detail: '数据库无法连接' });
    },
  );
  // A route without any work, as the baseline of the throughput benchmark (bench/http.bench.ts).
  r.get('/healthz/bare', { schema: { operationId: 'getBare', summary: '基准路由（不访问数据库）', tags: ['system'], response: { 200: z.string() } } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send('ok'),
  );
}
