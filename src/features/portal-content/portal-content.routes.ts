// Public portal content (no sign-in): /guide, /rules, /proactive, /items/:id, /files/:id, /search,
// /feeds/:code.rss|atom, /sitemap.xml, /open-data/:code.json. `?agency=<统一社会信用代码>` selects an agency;
// default: the portal agency.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderPage } from '../../ui/index.ts';
import { Lru } from '../../core/lru.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendPage } from '../shared/pages.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { agencyContact } from '../portal/portal.routes.ts';
import { generatedGuideHtml, generatedSystemHtml } from '../catalogue/catalogue.guide.ts';
import { HtmlPage, ItemPage, ProactivePage, SearchPage, type PortalCtx } from './portal-content.pages.tsx';
import { ITEM_KIND_KEYS, ITEM_KINDS, VALIDITY, article20Label, label } from '../../core/catalogue/categories.ts';
import { atomFeed, rssFeed, sitemapXml } from './feeds.ts';

/**
 * Rendered public pages (list, item) kept per URL, language and reading preferences (decision 006: server-side
 * rendering of a whole page costs ~20× the bare route; the data behind it changes only on publication). An
 * entry is valid while the catalogue's generation is unchanged (every publish / withdraw / abolish / import
 * bumps it) and for at most PAGE_TTL_MS (agency contact data in the layout, writes by another process).
 */
const PAGE_TTL_MS = 30_000;
/**
 * Bounds of the rendered-page cache, least recently used out first: the key carries the whole URL, so any query string
 * (a crawler's, an attacker's) makes a new entry, and a list page is 30–60 KB of HTML (UTF-16 in memory): without a
 * byte bound, 2,000 entries could hold ~200 MB. 16 MB keeps a few hundred pages, far more than the hot ones.
 */
const PAGE_CACHE_MAX = 2_000;
const PAGE_CACHE_BYTES = 16 * 1024 * 1024;

export function registerPortalContentRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cat = services.catalogue;
  const hide = { hide: true };
  const pages = new Lru<string, { gen: number; at: number; html: string }>({ maxEntries: PAGE_CACHE_MAX, maxWeight: PAGE_CACHE_BYTES, weigh: (e) => e.html.length * 2 });
  async function cachedPage(request: FastifyRequest, reply: FastifyReply, build: () => Promise<ReactElement>): Promise<FastifyReply> {
    const key = `${request.locale}|${request.prefs.largeText ? 1 : 0}${request.prefs.highContrast ? 1 : 0}|${request.url}`;
    const gen = cat.generation();
    const now = Date.now();
    const hit = pages.get(key);
    let html: string;
    if (hit && hit.gen === gen && now - hit.at < PAGE_TTL_MS) {
      html = hit.html;
    } else {
      html = renderPage(await build());
      pages.set(key, { gen, at: now, html });
    }
    return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  async function agencyFor(code: string | undefined): Promise<Agency> {
    const a = code ? await services.agencies.getByCreditCode(code) : await services.portal.portalAgency();
    if (!a) throw code ? notFound('找不到该机构') : new AppError('unavailable', { detail: '尚未配置任何机构' });
    return a;
  }
  function ctx(request: FastifyRequest, a: Agency, code: string | undefined): PortalCtx {
    return { locale: request.locale, agency: agencyContact(a), prefs: request.prefs, currentPath: request.url, agencyQuery: code ? `?agency=${encodeURIComponent(code)}` : '' };
  }
  const base = (request: FastifyRequest) => services.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const agencyQ = z.object({ agency: z.string().max(40).optional() });

  r.get('/guide', { schema: { ...hide, querystring: agencyQ } }, async (request, reply) => {
    const a = await agencyFor(request.query.agency);
    const page = await cat.portalPage(a.id, 'guide');
    const { indexPattern } = await cat.settingsOf(a.id);
    return sendPage(reply, HtmlPage({ ctx: ctx(request, a, request.query.agency), section: 'guide', title: page?.title ?? `${a.name}政府信息公开指南`, html: page?.body_html ?? generatedGuideHtml(a, indexPattern) }));
  });

  r.get('/rules', { schema: { ...hide, querystring: agencyQ } }, async (request, reply) => {
    const a = await agencyFor(request.query.agency);
    const page = await cat.portalPage(a.id, 'system');
    return sendPage(reply, HtmlPage({ ctx: ctx(request, a, request.query.agency), section: 'rules', title: page?.title ?? `${a.name}政府信息公开制度`, html: page?.body_html ?? generatedSystemHtml(a) }));
  });

  r.get('/proactive', { schema: { ...hide, querystring: agencyQ.extend({ category: z.coerce.number().int().min(1).max(15).optional(), subject: z.string().max(100).optional(), page: z.coerce.number().int().min(1).max(10000).default(1) }) } }, async (request, reply) => {
    const q = request.query;
    return cachedPage(request, reply, async () => {
      const a = await agencyFor(q.agency);
      const [list, counts, subjects] = await Promise.all([
        cat.publicList({ agencyId: a.id, category: q.category ?? null, subject: q.subject ?? null, page: q.page, pageSize: 20 }),
        cat.categoryCounts(a.id),
        cat.subjects(a.id),
      ]);
      return ProactivePage({ ctx: ctx(request, a, q.agency), counts, subjects, category: q.category ?? null, subject: q.subject ?? null, rows: list.rows, total: list.total, page: q.page });
    });
  });

  r.get('/items/:id', { schema: { ...hide, params: z.object({ id: z.coerce.number().int().min(1) }) } }, async (request, reply) => {
    return cachedPage(request, reply, async () => {
      const item = await cat.publicItem(request.params.id);
      const a = (await services.agencies.get(item.agencyId))!;
      const portal = await services.portal.portalAgency();
      const code = portal && portal.id === a.id ? undefined : a.creditCode;
      return ItemPage({ ctx: ctx(request, a, code), item });
    });
  });

  r.get('/files/:id', { schema: { ...hide, params: z.object({ id: z.coerce.number().int().min(1) }) } }, async (request, reply) => {
    const f = await cat.attachment(null, request.params.id);
    const inline = f.mime === 'application/pdf' || f.mime.startsWith('image/');
    return reply.type(f.mime).header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600').send(f.data);
  });

  r.get('/search', {
    schema: {
      ...hide,
      querystring: agencyQ.extend({
        q: z.string().max(200).optional().default(''),
        scope: z.enum(['agency', 'site']).optional().default('agency'),
        category: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(15).optional()),
        kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(ITEM_KIND_KEYS).optional()),
        year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1949).max(2200).optional()),
        validity: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['valid', 'abolished', 'expired']).optional()),
        page: z.coerce.number().int().min(1).max(1000).default(1),
      }),
    },
  }, async (request, reply) => {
    const q = request.query;
    const a = await agencyFor(q.agency);
    const filters = { category: q.category, kind: q.kind, year: q.year, validity: q.validity };
    const hasAny = q.q.trim() !== '' || Object.values(filters).some((v) => v !== undefined);
    const result = hasAny ? await cat.search({ q: q.q, agencyId: q.scope === 'site' ? null : a.id, category: q.category ?? null, kind: q.kind ?? null, year: q.year ?? null, validity: q.validity ?? null, page: q.page }) : null;
    // 政务服务事项 (办事指南) matching the same words, with the same bigram search, on the first page of a text query
    const guides = q.q.trim() && q.page === 1 ? await services.serviceItems.list(null, { q: q.q.slice(0, 100), page: 1, pageSize: 5 }) : null;
    return sendPage(reply, SearchPage({ ctx: ctx(request, a, q.agency), q: q.q, scope: q.scope, filters, result, ...(guides && guides.total ? { guides } : {}) }));
  });

  const feedParams = { schema: { ...hide, params: z.object({ code: z.string().regex(/^[0-9A-Z]{18}$/) }) } };
  async function latest(code: string) {
    const a = await agencyFor(code);
    const list = await cat.publicList({ agencyId: a.id, page: 1, pageSize: 50 });
    return { a, rows: list.rows };
  }
  r.get('/feeds/:code.rss', feedParams, async (request, reply) => {
    const { a, rows } = await latest(request.params.code);
    return reply.type('application/rss+xml; charset=utf-8').send(rssFeed(a, rows, base(request)));
  });
  r.get('/feeds/:code.atom', feedParams, async (request, reply) => {
    const { a, rows } = await latest(request.params.code);
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(a, rows, base(request)));
  });

  r.get('/sitemap.xml', { schema: hide }, async (request, reply) => {
    const agencies = await services.agencies.list();
    const urls: Array<{ loc: string; lastmod?: string }> = [{ loc: '/' }, { loc: '/guide' }, { loc: '/rules' }, { loc: '/proactive' }];
    for (const a of agencies) {
      let page = 1;
      for (;;) {
        const l = await cat.publicList({ agencyId: a.id, page, pageSize: 1000 });
        for (const row of l.rows) urls.push({ loc: `/items/${row.id}`, lastmod: row.published_on ?? undefined });
        if (l.rows.length < 1000 || urls.length >= 50_000) break;
        page += 1;
      }
    }
    return reply.type('application/xml; charset=utf-8').send(sitemapXml(urls.slice(0, 50_000), base(request)));
  });

  r.get('/open-data/:code.json', feedParams, async (request, reply) => {
    const a = await agencyFor(request.params.code);
    const page = 1;
    const list = await cat.publicList({ agencyId: a.id, page, pageSize: 1000 });
    return reply.type('application/json; charset=utf-8').send({
      agency: { name: a.name, creditCode: a.creditCode },
      generatedAt: new Date().toISOString(),
      licence: '政府公开信息，可自由使用，请注明来源',
      fields: { indexNo: '索引号', title: '名称', docNumber: '文号', madeOn: '成文日期', publishedOn: '发布日期', validity: '有效性', category: '第二十条类别', kind: '信息类型', subject: '主题分类' },
      total: list.total,
      items: list.rows.map((x) => ({
        indexNo: x.index_no, title: x.title, docNumber: x.doc_number, madeOn: x.made_on, publishedOn: x.published_on, validity: label(VALIDITY, x.validity),
        category: x.category ? article20Label(x.category as 1) : null, kind: ITEM_KINDS.find((k) => k.key === x.kind)?.label ?? x.kind, subject: x.subject, url: `${base(request)}/items/${x.id}`,
      })),
    });
  });
}
