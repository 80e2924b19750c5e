// Back-office shell: /admin (工作台): the user's work queue (待办, ?work=N pages it) and the cards features contribute.
import type { FastifyInstance } from 'fastify';
import { DashboardPage } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const cards = (await Promise.all((services.dashboardCards ?? []).map((p) => p(actor)))).flat();
    const page = Number((request.query as { work?: string }).work);
    const work = services.work ? await services.work.myWork(actor, { page: Number.isSafeInteger(page) && page > 0 && page <= 10_000 ? page : 1, pageSize: 20 }) : undefined;
    return sendPage(reply, DashboardPage({ shell: adminShell(request, takeFlash(request, reply)), cards, ...(work ? { work } : {}) }));
  });
}
