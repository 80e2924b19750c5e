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
  // For a load balancer: send traffic only while the database answers, every migration has run (several processes
  // starting at once: one migrates, the others wait) and the process is not shutting down (decision 095).
  r.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        summary: '就绪检查（数据库可连接、迁移已完成、未在停止中）',
        tags: ['system'],
        response: {
          200: z.object({ status: z.literal('ready'), database: z.boolean(), pendingMigrations: z.array(z.string()) }),
          503: z.object({ status: z.literal('not_ready'), detail: z.string(), database: z.boolean(), pendingMigrations: z.array(z.string()) }),
        },
      },
    },
    async (_req, reply) => {
      const r = await services.health.readiness();
      reply.header('cache-control', 'no-store');
      if (r.ready) return reply.code(200).send({ status: 'ready' as const, database: true, pendingMigrations: [] });
      const detail = !r.database ? '数据库无法连接' : r.shuttingDown ? '服务正在停止，不再接收新请求' : `数据库迁移尚未完成：${r.pendingMigrations.join('、')}`;
      return reply.code(503).send({ status: 'not_ready' as const, detail, database: r.database, pendingMigrations: r.pendingMigrations });
    },
  );
  // A route without any work, as the baseline of the throughput benchmark (bench/http.bench.ts).
  r.get('/healthz/bare', { schema: { operationId: 'getBare', summary: '基准路由（不访问数据库）', tags: ['system'], response: { 200: z.string() } } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send('ok'),
  );
}
