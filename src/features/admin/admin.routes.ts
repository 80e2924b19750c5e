// Back-office shell: /admin (工作台). Later features contribute dashboard cards.
import type { FastifyInstance } from 'fastify';
import { DashboardPage } from '../../ui/index.ts';
import { requireStaff } from '../auth/auth.guard.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';

export function registerAdminRoutes(app: FastifyInstance, _services: Services): void {
  app.get('/admin', { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, DashboardPage({ shell: adminShell(request, takeFlash(request, reply)), cards: [] }));
  });
}
