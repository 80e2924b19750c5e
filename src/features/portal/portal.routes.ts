// Public portal: `/` (政府信息公开 home of the portal agency) and `/prefs` (长辈模式 / 高对比度 switch).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HomePage, safeLocalPath, uiStaticDir, type AgencyContact } from '../../ui/index.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { sendPage } from '../shared/pages.ts';
import { AppError } from '../shared/errors.ts';
import type { Services } from '../services.ts';

export const PREFS_COOKIE = 'gk_prefs';
/** How many of the newest published items the home page lists under 最新公开信息. */
const HOME_LATEST = 8;

/** The agency's 公开指南 contact data (条例 第十二条) for the portal layout. */
export function agencyContact(a: Agency): AgencyContact {
  return {
    name: a.name,
    workBodyName: a.workBodyName ?? '',
    address: a.address ?? '',
    postcode: a.postcode ?? '',
    officeHours: a.officeHours ?? '',
    phone: a.phone ?? '',
    fax: a.fax ?? '',
    email: a.email ?? '',
    website: a.website ?? '',
    creditCode: a.creditCode,
  };
}

export function registerPortalRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Browsers ask for /favicon.ico on every page that names no icon (and feed readers, bookmarks ask anyway);
  // pages name /static/favicon.svg. One week in caches: the mark changes with a release, if ever.
  const favicon = readFileSync(join(uiStaticDir, 'favicon.ico'));
  r.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=604800').send(favicon));

  r.get('/', async (request, reply) => {
    const agency = await services.portal.portalAgency();
    if (!agency) throw new AppError('unavailable', { detail: '尚未配置任何机构：请运行 gongkai demo seed 或创建机构。' });
    const newest = await services.catalogue.publicList({ agencyId: agency.id, page: 1, pageSize: HOME_LATEST });
    const latest = newest.rows.map((r) => ({ title: r.title ?? '', href: `/items/${r.id}`, date: r.published_on ?? '' }));
    const more = [{ href: '/services', title: '政务服务事项办事指南', text: '区行政审批服务局和街道、社区政务服务事项的办事指南：依据、条件、材料、流程、时限、收费，可打印、下载 PDF。' }];
    return sendPage(reply, HomePage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: request.url, latest, more }));
  });

  // Contract with ui/layouts/PortalLayout.tsx: GET /prefs?large=1|0&contrast=1|0&back=<path>
  r.get(
    '/prefs',
    { schema: { hide: true, querystring: z.object({ large: z.enum(['0', '1']).optional(), contrast: z.enum(['0', '1']).optional(), back: z.string().max(2000).optional() }) } },
    async (request, reply) => {
      const q = request.query;
      const prefs = { ...request.prefs };
      if (q.large !== undefined) prefs.largeText = q.large === '1';
      if (q.contrast !== undefined) prefs.highContrast = q.contrast === '1';
      const flags = [prefs.largeText ? 'large' : '', prefs.highContrast ? 'contrast' : ''].filter(Boolean).join(',');
      if (flags) reply.setCookie(PREFS_COOKIE, flags, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, secure: services.config.secureCookies });
      else reply.clearCookie(PREFS_COOKIE, { path: '/' });
      return reply.code(303).header('location', safeLocalPath(q.back)).send();
    },
  );
}
