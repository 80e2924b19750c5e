// Public doors of the service-item catalogue (no sign-in): /services (the 办事指南 list with the catalogue's Chinese
// search), /services/:id (one unit's guide, printable), /services/:id/guide.pdf and the blank forms / samples of its
// materials. Cancelled items are not public (404); suspended ones say so.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage } from '../shared/pages.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { agencyContact } from '../portal/portal.routes.ts';
import { GuideListPage, GuidePage, type GuideCtx } from './service-items.guide.tsx';
import { guidePdf } from './service-items.pdf.ts';

const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

export function registerServiceItemPortal(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const si = services.serviceItems;
  const ctx = (request: FastifyRequest, a: Agency): GuideCtx => ({ locale: request.locale, agency: agencyContact(a), prefs: request.prefs, currentPath: request.url });
  const portalAgency = async () => {
    const a = await services.portal.portalAgency();
    if (!a) throw new AppError('unavailable', { detail: '尚未配置任何机构' });
    return a;
  };

  r.get('/services', {
    schema: { hide: true, querystring: z.object({ q: z.string().trim().max(100).optional().default(''), page: z.coerce.number().int().min(1).max(1000).default(1) }) },
  }, async (request, reply) => {
    const q = request.query;
    const list = await si.list(null, { ...(q.q ? { q: q.q } : {}), page: q.page, pageSize: 30 });
    return sendPage(reply, GuideListPage({ ctx: ctx(request, await portalAgency()), q: q.q, ...list }));
  });

  r.get('/services/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const item = await si.get(null, request.params.id);
    const [agency, files] = await Promise.all([services.agencies.get(item.agencyId), si.files(null, item.id)]);
    return sendPage(reply, GuidePage({ ctx: ctx(request, agency ?? (await portalAgency())), item, files: new Set(files.map((f) => f.filename)) }));
  });

  r.get('/services/:id/guide.pdf', { schema: { hide: true, params: idParams } }, async (request, reply) => {
    const item = await si.get(null, request.params.id);
    const pdf = await guidePdf(item, new Date().toISOString().slice(0, 10));
    return reply.type('application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${item.name}办事指南.pdf`)}`).header('cache-control', 'no-store').send(pdf);
  });

  r.get('/services/:id/files/:name', { schema: { hide: true, params: idParams.extend({ name: z.string().min(1).max(200) }) } }, async (request, reply) => {
    const f = await si.file(null, request.params.id, request.params.name).catch((e: unknown) => { throw e instanceof AppError ? e : notFound(); });
    const inline = f.mime === 'application/pdf' || f.mime.startsWith('image/');
    return reply.type(f.mime).header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-type-options', 'nosniff').send(f.data);
  });
}
