// Doors of the work queue: GET /api/my-work (getMyWork, paged); the 工作台 page (/admin) shows the same queue.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import type { Services } from '../services.ts';

export const workItemSchema = z.object({
  kind: z.string().describe('confirm_receipt, assign, reply_due, review_reply, approve_extension, confidentiality_review, approve_publication, interpretation_due, review_annual_report, annual_report_due …'),
  kindLabel: z.string(),
  title: z.string(),
  agency: z.string(),
  ref: z.string().describe('查询码、索引号或年度'),
  url: z.string().describe('办理页面'),
  due: z.string().nullable().describe('期限 YYYY-MM-DD'),
  overdue: z.boolean(),
  note: z.string().optional(),
  warning: z.boolean().optional(),
});

export const myWorkQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  kind: z.string().trim().max(40).optional(),
});

export function registerWorkRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/my-work', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'getMyWork',
      summary: '我的待办：需要当前用户办理的事项（逾期和需提醒的在前，再按期限先后）',
      tags: ['work'],
      querystring: myWorkQuery,
      response: { 200: z.object({ items: z.array(workItemSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(400, 401) },
    },
  }, async (request) => (services.work ? services.work.myWork(actorOf(request), request.query) : { items: [], total: 0, page: request.query.page, pageSize: request.query.pageSize }));
}
