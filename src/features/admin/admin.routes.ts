// Back-office shell: /admin (工作台). Later features contribute dashboard cards.
import type { FastifyInstance } from 'fastify';
import { DashboardPage } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  app.get('/admin', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const cards = (await Promise.all((services.dashboardCards ?? []).map((p) => p(actor)))).flat();
    return sendPage(reply, DashboardPage({ shell: adminShell(request, takeFlash(request, reply)), cards }));
  });
}
