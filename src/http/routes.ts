// Every feature's routes, registered in this order by buildApp. A new feature adds ONE import and
// ONE entry: `export function register<Feature>Routes(app: FastifyInstance, services: Services): void`.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../features/services.ts';
import { registerApplicationsRoutes } from '../features/applications/applications.routes.ts';
import { registerAppealsRoutes } from '../features/appeals/appeals.routes.ts';
import { registerHealthRoutes } from '../features/admin/health.routes.ts';
import { registerAdminRoutes } from '../features/admin/admin.routes.ts';
import { registerPortalRoutes } from '../features/portal/portal.routes.ts';
import { registerAuthRoutes } from '../features/auth/auth.routes.ts';
import { registerPasswordRoutes } from '../features/auth/password.routes.ts';
import { registerAgenciesRoutes } from '../features/agencies/agencies.routes.ts';
import { registerUsersRoutes } from '../features/users/users.routes.ts';
import { registerAuditRoutes } from '../features/audit/audit.routes.ts';
import { registerCatalogueRoutes } from '../features/catalogue/catalogue.routes.ts';
import { registerPortalContentRoutes } from '../features/portal-content/portal-content.routes.ts';
import { registerReportsRoutes } from '../features/reports/reports.routes.ts';
import { registerCalendarRoutes } from '../features/calendar/calendar.routes.ts';

import { registerAnnualReportRoutes } from '../features/annual-report/annual-report.routes.ts';
import { registerWorkRoutes } from '../features/work/work.routes.ts';
import { registerServiceItemsRoutes } from '../features/service-items/service-items.routes.ts';
import { registerPersonalDataRoutes } from '../features/personal-data/personal-data.routes.tsx';
import { registerEvaluationsRoutes } from '../features/evaluations/evaluations.routes.ts';
import { registerSupervisionRoutes } from '../features/supervision/supervision.routes.ts';
import { registerSupervisionRankingsRoutes } from '../features/supervision/supervision.rankings.routes.ts';

export type RouteModule = (app: FastifyInstance, services: Services) => void;

export const routeModules: readonly RouteModule[] = [
  registerHealthRoutes,
  registerPortalRoutes,
  registerAuthRoutes,
  registerPasswordRoutes,
  registerAdminRoutes,
  registerAgenciesRoutes,
  registerUsersRoutes,
  registerAuditRoutes,
  registerApplicationsRoutes,
  registerAppealsRoutes,
  registerReportsRoutes,
  registerCalendarRoutes,
  registerCatalogueRoutes,
  registerPortalContentRoutes,
  registerEvaluationsRoutes,
  registerAnnualReportRoutes,
  registerWorkRoutes,
  registerServiceItemsRoutes,
  registerPersonalDataRoutes,
  registerSupervisionRoutes,
  registerSupervisionRankingsRoutes,
];
