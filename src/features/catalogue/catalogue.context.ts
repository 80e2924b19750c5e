// 主动公开 catalogue: the shared context of the use-case modules (catalogue.drafting.ts, catalogue.workflow.ts, …).
// Rules live in src/core/catalogue (workflow, 索引号, clock) and src/core/search; these helpers orchestrate them
// with the repository inside the caller's transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso, toJson } from '../../db/dialect.ts';
import { STATE_LABELS, type Authorship, type State } from '../../core/catalogue/workflow.ts';
import { counterScope, DEFAULT_INDEX_PATTERN, formatIndexNumber, IndexPatternError } from '../../core/catalogue/index-number.ts';
import { dateProblem } from '../../core/validation/index.ts';
import { Lru } from '../../core/lru.ts';
import { SearchMemo } from './catalogue.search-pg.ts';
import { PROACTIVE_WORKDAYS } from '../../core/catalogue/clock.ts';
import { ITEM_KINDS, label } from '../../core/catalogue/categories.ts';
import { recencyKey } from '../../core/search/rank.ts';
import { bodyWithSummary, metaText } from '../../core/search/document.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { LedgerError } from '../../core/deadlines/index.ts';
import { assertNotAdmin, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import { bodyText, sanitizeBody, textToHtml } from './catalogue.files.ts';
import type { DraftInput } from './catalogue.schema.ts';
import { CLOCK_ENTITY, CLOCK_KIND, shanghaiDate, type CatalogueActor, type CatalogueOptions } from './catalogue.model.ts';

/** The cache signal (features/cluster) of published catalogue content: facet counts and rendered portal pages. */
const CATALOGUE_SIGNAL = 'catalogue';

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai for an ISO timestamp (messages to staff). */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 成文日期 / 形成或变更日期 that are not real dates from 1949-10-01 to `today` (field errors in plain Chinese). */
export function storedDateProblems(d: { madeOn: string | null; formedOn: string | null }, today: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const [field, label, v] of [['madeOn', '成文日期', d.madeOn], ['formedOn', '形成或变更日期', d.formedOn]] as const) {
    const p = v ? dateProblem(v, label, { max: today }) : null;
    if (p) out.push({ field, message: p });
  }
  return out;
}

/**
 * The helpers every catalogue use case shares: item loading and scope, the 409 for a stale version, the author
 * rule's inputs, ledger + audit events, 索引号 allocation, the search index, the 第二十六条 clock, publication
 * inside a transaction and the per-agency facet cache.
 */
export function createCatalogueContext(db: Kysely<Database>, opts: CatalogueOptions) {
  const clock = opts.clock ?? (() => new Date());
  const today = () => shanghaiDate(clock());

  async function settingsOf(agencyId: number) {
    const s = await repo.getSettings(db, agencyId);
    return {
      indexPattern: s?.index_pattern ?? DEFAULT_INDEX_PATTERN,
      requireInterpretation: s ? s.require_interpretation === 1 : true,
      subjects: (s?.subjects_json ? (JSON.parse(s.subjects_json) as string[]) : null) ?? ['行政审批', '政务服务', '营商环境', '机构职能', '财政信息', '人事信息', '统计信息', '应急管理'],
    };
  }

  // Facet counts per agency (decision 006): counting every category and subject on each list request cost
  // more than the page itself. Invalidated after every change that alters what is public; the TTL bounds the
  // staleness when another process (CLI import, bench data) writes the same database.
  const FACET_TTL_MS = 5 * 60_000;
  const FACET_CACHE_AGENCIES = 1_000;
  type Facets = { at: number; total: number; categories: Map<number, number>; subjects: Array<{ subject: string; n: number }> };
  // per agency, the FACET_CACHE_AGENCIES used most recently (a province deployment serves ~10^4 agencies' portals)
  const facetCache = new Lru<number, Promise<Facets>>({ maxEntries: FACET_CACHE_AGENCIES });
  let facetGeneration = 0;
  async function facets(agencyId: number): Promise<Facets> {
    const hit = facetCache.get(agencyId);
    if (hit) {
      const f = await hit;
      if (clock().getTime() - f.at < FACET_TTL_MS) return f;
    }
    const gen = facetGeneration;
    const p = repo.facetCounts(db, agencyId).then((rows) => {
      const categories = new Map<number, number>();
      const subj = new Map<string, number>();
      let total = 0;
      for (const r of rows) {
        total += r.n;
        categories.set(r.category, (categories.get(r.category) ?? 0) + r.n);
        if (r.subject !== null) subj.set(r.subject, (subj.get(r.subject) ?? 0) + r.n);
      }
      const subjects = [...subj].map(([subject, n]) => ({ subject, n })).sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
      return { at: clock().getTime(), total, categories, subjects };
    });
    facetCache.set(agencyId, p);
    p.catch(() => facetCache.delete(agencyId));
    const f = await p;
    if (gen !== facetGeneration) facetCache.delete(agencyId); // changed while counting: do not keep
    return f;
  }
  /** Call after a transaction that changed public items has committed. */
  function invalidateFacets(agencyId?: number): void {
    facetGeneration += 1;
    if (agencyId === undefined) facetCache.clear();
    else facetCache.delete(agencyId);
    // the other processes drop their facet counts and rendered portal pages at their next poll (decision 095)
    void opts.signals?.bump(CATALOGUE_SIGNAL).catch(() => undefined);
  }
  opts.signals?.subscribe(CATALOGUE_SIGNAL, () => {
    facetGeneration += 1;
    facetCache.clear();
  });

  // What PostgreSQL searches found, per query and this generation (decision 225); SQLite does not need it.
  const searchMemo = new SearchMemo(() => facetGeneration, () => clock().getTime());

  async function agencyOf(id: number): Promise<Agency> {
    const a = await opts.agencies.get(id);
    if (!a) throw notFound('找不到该机构');
    return a;
  }

  async function loadItem(actor: CatalogueActor, id: number) {
    const item = await repo.getItem(db, id);
    if (!item) throw notFound('找不到该目录条目');
    if (actor.role !== 'admin' || actor.userId !== null) assertVisible(actor as Actor, item.agency_id);
    const working = await repo.getVersion(db, item.agency_id, id, item.working_version);
    if (!working) throw notFound();
    return { item, working };
  }

  /** 409 for a save or action on an item version that is no longer current: who changed it last, and when. */
  async function staleItem(id: number, yours: number, current?: number, ex: repo.Executor = db): Promise<AppError> {
    const it = await repo.getItem(ex, id);
    const now = current ?? it?.version;
    const last = it ? (await repo.listEvents(ex, it.agency_id, id)).at(-1) : undefined;
    const who = last ? `${last.actor_name}于${shanghaiTime(last.at)}` : '他人';
    return new AppError('conflict', {
      title: '该条目已被他人修改',
      detail: `在您编辑期间，${who}修改了该条目（您看到的是第${yours}版${now ? `，现在是第${now}版` : ''}）。为避免覆盖他人的修改，本次操作没有保存。请查看最新内容后再操作。`,
    });
  }

  /** Who acts and who wrote the working version (the author rule of core/catalogue/workflow.ts). */
  async function authorship(actor: CatalogueActor, item: repo.ItemRow, working: repo.VersionRow): Promise<Authorship> {
    return { actorId: actor.userId, authorIds: await repo.authorsOf(db, item.agency_id, item.id, working.version_no, working.created_by) };
  }

  /** Content writes are the agency's staff's (or the system's); the administrator is refused with a clear 403. */
  function contentWriter(actor: CatalogueActor, what: string): void {
    if (actor.userId !== null) assertNotAdmin(actor, what);
  }

  function stateOf(item: repo.ItemRow, working: repo.VersionRow): State | 'withdrawn' {
    if (item.withdrawn_on) return 'withdrawn';
    return working.state as State;
  }

  async function event(trx: repo.Executor, actor: CatalogueActor, agencyId: number, itemId: number, versionNo: number, action: string, data: unknown, before?: unknown) {
    const at = nowIso(clock);
    await repo.insertEvent(trx, { agency_id: agencyId, item_id: itemId, version_no: versionNo, action, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
    const item = await repo.getItem(trx, itemId);
    await opts.audit.record(trx, { actor: actor as Actor, agencyId: item?.agency_id ?? null, action: `catalogue.${action}`, entity: 'catalogue_item', entityId: itemId, before, after: data });
  }

  function versionFields(input: DraftInput, agency: Agency) {
    const html = sanitizeBody(input.bodyFormat === 'html' ? input.body : textToHtml(input.body));
    const problems: { field: string; message: string }[] = [];
    if (input.disclosure === 'withheld' && !input.withholdReason) problems.push({ field: 'withholdReason', message: '公开属性为“不予公开”时，请选择不予公开的理由' });
    const t = today();
    // 条例 第十二条 目录: 生成日期 — a document is made and information formed on a real day, not after today.
    problems.push(...storedDateProblems({ madeOn: input.madeOn ?? null, formedOn: input.formedOn ?? null }, t));
    if (problems.length) throw validationFailed(problems);
    return {
      title: input.title,
      doc_number: input.docNumber ?? null,
      publisher: input.publisher ?? agency.name,
      made_on: input.madeOn ?? null,
      formed_on: input.formedOn ?? input.madeOn ?? t,
      kind: input.kind,
      category: input.category,
      subject: input.subject ?? null,
      disclosure: input.disclosure,
      withhold_reason: input.disclosure === 'withheld' ? (input.withholdReason ?? null) : null,
      summary: input.summary ?? null,
      body_html: html,
      body_text: bodyText(html),
      change_note: input.changeNote ?? null,
    };
  }

  /** Allocates the next 索引号 for an agency inside `trx` (counter row + unique constraint). */
  async function allocateIndexNo(trx: repo.Executor, agency: Agency, pattern: string, date: string): Promise<string> {
    const seq = await repo.nextIndexSeq(trx, agency.id, counterScope(pattern, date));
    try {
      return formatIndexNumber(pattern, { creditCode: agency.creditCode, date, seq });
    } catch (e) {
      if (e instanceof IndexPatternError) throw validationFailed([{ field: 'indexPattern', message: e.message }]);
      throw e;
    }
  }

  async function reindex(trx: repo.Executor, itemId: number): Promise<void> {
    const item = await repo.getItem(trx, itemId);
    if (!item) return;
    await repo.removeFromIndex(trx, itemId, item.search_key);
    if (!item.public || !item.published_version || !item.published_on) {
      if (item.search_key !== null) await repo.updateItem(trx, itemId, item.version, { search_key: null });
      return;
    }
    const v = await repo.getVersion(trx, item.agency_id, itemId, item.published_version);
    if (!v) return;
    const key = recencyKey(item.published_on, itemId);
    await repo.addToIndex(trx, {
      itemId,
      searchKey: key,
      agencyId: item.agency_id,
      title: v.title,
      meta: metaText({ kindLabel: label(ITEM_KINDS, v.kind), docNumber: v.doc_number, publisher: v.publisher, subject: v.subject, indexNo: item.index_no }),
      text: bodyWithSummary(v.summary, v.body_text),
      category: v.category,
      kind: v.kind,
      year: Number(item.published_on.slice(0, 4)),
      validity: item.validity,
    });
    if (Number(item.search_key) !== key) await repo.updateItem(trx, itemId, item.version, { search_key: key });
  }

  /**
   * 条例 第二十六条: 主动公开的信息自形成或者变更之日起20个工作日内公开. Keeps the item's clock in the deadlines
   * table in step with its working version: open while a 主动公开 version is unpublished (due = formed_on + 20
   * working days, the deadline engine over the calendar in force), closed once published, withdrawn, deleted or
   * not 主动公开. Runs in the caller's transaction.
   */
  async function syncClock(trx: repo.Executor, itemId: number): Promise<void> {
    const dl = opts.deadlines;
    if (!dl) return;
    const item = await repo.getItem(trx, itemId);
    const v = item ? await repo.getVersion(trx, item.agency_id, itemId, item.working_version) : undefined;
    const open = item && v && !item.withdrawn_on && v.disclosure === 'proactive' && v.state !== 'published' && v.state !== 'superseded';
    if (!open) {
      await dl.close(trx, CLOCK_ENTITY, itemId, CLOCK_KIND);
      return;
    }
    try {
      await dl.track(trx, { agencyId: item.agency_id, entity: CLOCK_ENTITY, entityId: itemId, kind: CLOCK_KIND, ledger: { received: v.formed_on, events: [] }, settings: { replyWorkdays: PROACTIVE_WORKDAYS } });
    } catch (e) {
      // A 形成日期 outside the calendar's range: no clock can be computed; the item page says why.
      if (!(e instanceof LedgerError)) throw e;
      await dl.close(trx, CLOCK_ENTITY, itemId, CLOCK_KIND);
    }
  }

  async function publishInTrx(trx: repo.Executor, actor: CatalogueActor, itemId: number, publishedOn: string): Promise<void> {
    const item = (await repo.getItem(trx, itemId))!;
    if (!(await repo.claimItem(trx, itemId, item.version))) throw await staleItem(itemId, item.version, undefined, trx);
    const v = (await repo.getVersion(trx, item.agency_id, itemId, item.working_version))!;
    // decided outside this transaction: still approved now that the row is ours (a concurrent publish is refused)
    if (v.state !== 'approved') throw new AppError('conflict', { title: '该条目已被他人修改', detail: `“${v.title}”当前状态为“${STATE_LABELS[v.state as State] ?? v.state}”，不能发布。请刷新页面查看最新情况。` });
    const at = nowIso(clock);
    if (item.published_version && item.published_version !== v.version_no) {
      await repo.updateVersion(trx, item.agency_id, itemId, item.published_version, { state: 'superseded', updated_at: at });
    }
    await repo.updateVersion(trx, item.agency_id, itemId, v.version_no, { state: 'published', published_on: publishedOn, published_at: at, updated_at: at });
    const ok = await repo.updateItem(trx, itemId, item.version, {
      public: 1,
      published_version: v.version_no,
      title: v.title,
      doc_number: v.doc_number,
      kind: v.kind,
      category: v.category,
      subject: v.subject,
      made_on: v.made_on,
      published_on: publishedOn,
      first_published_on: item.first_published_on ?? publishedOn,
      updated_at: at,
    });
    if (!ok) throw conflict();
    await reindex(trx, itemId);
    await syncClock(trx, itemId);
    await event(trx, actor, item.agency_id, itemId, v.version_no, 'publish', { publishedOn, indexNo: item.index_no });
  }

  return {
    db,
    opts,
    clock,
    today,
    settingsOf,
    facets,
    invalidateFacets,
    /** Bumped by every change to public items (see invalidateFacets). */
    generation: (): number => facetGeneration,
    searchMemo,
    agencyOf,
    loadItem,
    staleItem,
    authorship,
    contentWriter,
    stateOf,
    event,
    versionFields,
    allocateIndexNo,
    reindex,
    syncClock,
    publishInTrx,
  };
}

export type CatalogueContext = ReturnType<typeof createCatalogueContext>;
