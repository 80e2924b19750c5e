// 主动公开 catalogue use cases: the public side — item page, lists and facet counts, search, and the
// 指南 / 制度 pages.
import { nowIso } from '../../db/dialect.ts';
import { parseQuery, isEmpty } from '../../core/search/query.ts';
import { highlightAll, snippet } from '../../core/search/highlight.ts';
import type { Tier } from '../../core/search/rank.ts';
import { bodyWithSummary } from '../../core/search/document.ts';
import { assertNotAdmin, assertVisible, type Actor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import { sanitizeBody } from './catalogue.files.ts';
import type { PublicItem, SearchInput, SearchResult } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function portalUseCases(ctx: CatalogueContext) {
  const { db, opts, clock, facets, generation, searchMemo } = ctx;
  return {
    /** The public item page: one query over the published copy (repo.publicItemRow). */
    async publicItem(id: number): Promise<PublicItem> {
      const r = await repo.publicItemRow(db, id);
      if (!r || !r.published_on) throw notFound('该信息不存在或已撤回');
      return {
        id,
        agencyId: r.agency_id,
        indexNo: r.index_no,
        title: r.title,
        docNumber: r.doc_number,
        publisher: r.publisher,
        madeOn: r.made_on,
        publishedOn: r.published_on,
        validity: r.validity,
        validityChangedOn: r.validity_changed_on,
        category: r.category,
        subject: r.subject,
        kind: r.kind,
        summary: r.summary,
        bodyHtml: r.body_html,
        attachments: r.attachments,
        interpretations: r.interpretations.map((l) => ({ id: l.id, title: l.title, publishedOn: l.published_on })),
        policies: r.policies.map((l) => ({ id: l.id, title: l.title, publishedOn: l.published_on })),
        versionNo: r.version_no,
      };
    },

    /** Published items newest first; the total comes from the cached facet counts when they can answer. */
    async publicList(f: repo.PublicListFilter) {
      let known: number | null = null;
      if (f.agencyId != null && !f.kind && !(f.category != null && f.subject)) {
        const fc = await facets(f.agencyId);
        known = f.category != null ? (fc.categories.get(f.category) ?? 0) : f.subject ? (fc.subjects.find((x) => x.subject === f.subject)?.n ?? 0) : fc.total;
      }
      return repo.listPublic(db, f, known);
    },

    /**
     * Changes whenever published content may have changed (publish, withdraw, abolish, import, bulk load) in
     * this process: the portal's rendered-page cache is keyed by it.
     */
    generation,

    /** Published items per 第二十条 category (cached per agency, invalidated on publish / withdraw / abolish / import). */
    categoryCounts: async (agencyId: number) => (await facets(agencyId)).categories,
    /** Subjects in use with their counts (same cache). */
    subjects: async (agencyId: number) => (await facets(agencyId)).subjects,

    /** Search across one agency or the whole site (decision 006). */
    async search(s: SearchInput): Promise<{ items: SearchResult[]; total: number; capped: boolean; page: number; pageSize: number; terms: string[] }> {
      const pageSize = s.pageSize ?? 10;
      const q = parseQuery(s.q);
      const filter = { agencyId: s.agencyId ?? null, category: s.category ?? null, kind: s.kind ?? null, year: s.year ?? null, validity: s.validity ?? null };
      if (isEmpty(q)) {
        // No words: the newest items under the filters (list semantics).
        const r = await repo.listPublic(db, { agencyId: filter.agencyId, category: filter.category, kind: filter.kind, page: s.page, pageSize });
        const rows = await repo.publicRowsByIds(db, r.rows.map((x) => x.id));
        const byId = new Map(rows.map((x) => [x.id, x]));
        const items = r.rows.map((x) => byId.get(x.id)).filter((x) => !!x).map((x) => present(x!, 2));
        return { items, total: r.total, capped: r.capped, page: s.page, pageSize, terms: [] };
      }
      const page = await repo.searchIndex(db, q, filter, s.page, pageSize, searchMemo);
      const rows = await repo.publicRowsByIds(db, page.ids.map((x) => x.id));
      const byId = new Map(rows.map((x) => [x.id, x]));
      const items: SearchResult[] = [];
      for (const h of page.ids) {
        const r = byId.get(h.id);
        if (r) items.push(present(r, h.tier));
      }
      return { items, total: page.total, capped: page.capped, page: s.page, pageSize, terms: q.terms.map((t) => t.text) };

      function present(r: Awaited<ReturnType<typeof repo.publicRowsByIds>>[number], tier: Tier): SearchResult {
        return {
          id: r.id,
          agencyId: r.agency_id,
          indexNo: r.index_no,
          title: r.title ?? '',
          titleSegments: highlightAll(r.title ?? '', q),
          snippet: snippet(bodyWithSummary(r.summary, r.body_text), q, { length: 120, context: 30 }),
          subject: r.subject ?? null,
          docNumber: r.doc_number,
          publisher: r.publisher,
          kind: r.kind ?? '',
          category: r.category ?? 15,
          publishedOn: r.published_on ?? '',
          validity: r.validity,
          tier,
        };
      }
    },

    /** The LIKE scan (benchmark baseline). */
    likeCount: (q: string) => repo.likeScanCount(db, parseQuery(q).terms.map((t) => `%${t.text}%`)),

    // ───── portal pages (指南 / 制度) ─────

    portalPage: (agencyId: number, slug: string) => repo.getPortalPage(db, agencyId, slug),

    async savePortalPage(actor: Actor, agencyId: number, slug: 'guide' | 'system', title: string, body: string): Promise<void> {
      assertVisible(actor, agencyId);
      assertNotAdmin(actor, '编辑各机关的政府信息公开指南和制度');
      if (!['officer', 'leader'].includes(actor.role)) throw forbidden();
      const html = sanitizeBody(body);
      await db.transaction().execute(async (trx) => {
        const before = await repo.getPortalPage(trx, agencyId, slug);
        await repo.upsertPortalPage(trx, { agency_id: agencyId, slug, title, body_html: html, updated_at: nowIso(clock), updated_by: actor.userId });
        await opts.audit.record(trx, { actor, agencyId, action: `portal.${slug}.save`, entity: 'portal_page', entityId: `${agencyId}/${slug}`, before: before ? { title: before.title } : null, after: { title } });
      });
    },
  };
}
