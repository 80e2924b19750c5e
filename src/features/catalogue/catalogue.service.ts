// 主动公开 catalogue: use cases. Rules live in src/core/catalogue (workflow, 索引号, clock, table 二) and
// src/core/search (tokens, query, highlight, ranking); this file orchestrates them with the repository,
// in one transaction per change, with an audit event and a ledger event.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso, isUniqueViolation, toJson } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import { allowedActions, authorRule, checkInterpretationRule, transition, STATE_LABELS, type Action, type Authorship, type CatalogueRole, type State } from '../../core/catalogue/workflow.ts';
import { counterScope, DEFAULT_INDEX_PATTERN, formatIndexNumber, IndexPatternError, parseIndexNumber, compilePattern } from '../../core/catalogue/index-number.ts';
import { dateProblem } from '../../core/validation/index.ts';
import { article26Clock, PROACTIVE_WORKDAYS, type Article26Clock, type ClockStatus } from '../../core/catalogue/clock.ts';
import { table2Article20Item1, type Table2Block1 } from '../../core/catalogue/statistics.ts';
import type { FormatId } from '../../core/report/formats.ts';
import { parseQuery, isEmpty } from '../../core/search/query.ts';
import { ITEM_KINDS, label } from '../../core/catalogue/categories.ts';
import { highlightAll, snippet, type Segment, type Snippet } from '../../core/search/highlight.ts';
import { recencyKey, type Tier } from '../../core/search/rank.ts';
import { bodyWithSummary, metaText } from '../../core/search/document.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DeadlinesService } from '../deadlines/deadlines.service.ts';
import { LedgerError } from '../../core/deadlines/index.ts';
import type { DashboardCard } from '../../ui/types.ts';
import { assertNotAdmin, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import { cleanFileName } from '../shared/filenames.ts';
import { bodyText, checkFile, loadFile, sanitizeBody, storeFile, textToHtml, type FileStoreOptions } from './catalogue.files.ts';
import type { ActionInput, DraftInput } from './catalogue.schema.ts';
import { assertYearUnlocked } from '../annual-report/annual-report.lock.ts';
import { legalDateOf } from '../shared/legal-date.ts';

export interface CatalogueOptions {
  audit: AuditService;
  agencies: AgenciesService;
  clock?: () => Date;
  /** The working-day calendar in force (the calendar feature's store, editable) */
  calendar: () => Calendar | Promise<Calendar>;
  /**
   * The deadlines feature: the 第二十六条 clock of every unpublished 主动公开 item is tracked there (kind
   * 'proactive_publish'), so it is recomputed when the calendar changes. Without it, clocks are computed on read.
   */
  deadlines?: DeadlinesService;
  files: FileStoreOptions;
}

/** The system (CLI, seed, import) acting with full catalogue rights. */
export interface SystemActor {
  userId: null;
  displayName: string;
  role: 'admin';
  agencyId: number;
  visibleAgencyIds: readonly number[];
}
export type CatalogueActor = Actor | SystemActor;

/** The catalogue roles of an actor: the system (no person) has them all; the administrator, as a person, none. */
export function catalogueRoles(actor: CatalogueActor): CatalogueRole[] {
  if (actor.userId === null) return ['system'];
  switch (actor.role) {
    case 'officer': return ['officer'];
    case 'reviewer': return ['reviewer'];
    case 'leader': return ['leader'];
    default: return [];
  }
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai for an ISO timestamp (messages to staff). */
function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Calendar date in Asia/Shanghai (dates with legal meaning are China calendar dates). */
export function shanghaiDate(d: Date): string {
  return legalDateOf(d);
}

export interface ItemDetail {
  id: number;
  agencyId: number;
  indexNo: string;
  createdOn: string;
  state: State | 'withdrawn';
  stateLabel: string;
  public: boolean;
  validity: string;
  validityChangedOn: string | null;
  validityReason: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
  workingVersion: number;
  publishedVersion: number | null;
  publishedOn: string | null;
  firstPublishedOn: string | null;
  version: number;
  working: repo.VersionRow;
  published: repo.VersionRow | null;
  attachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  publishedAttachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  links: Awaited<ReturnType<typeof repo.linksOf>>;
  events: Array<{ action: string; at: string; actorName: string; data: unknown }>;
  versions: Array<{ versionNo: number; state: string; title: string; publishedOn: string | null; changeNote: string | null }>;
  allowedActions: Action[];
  /** Set when the author rule holds back a 保密审查 or 审核 this user's role would otherwise allow (shown on the page). */
  separationNote: string | null;
  clock: Article26Clock | null;
}

export interface PublicItem {
  id: number;
  agencyId: number;
  indexNo: string;
  title: string;
  docNumber: string | null;
  publisher: string;
  madeOn: string | null;
  publishedOn: string;
  validity: string;
  validityChangedOn: string | null;
  category: number;
  subject: string | null;
  kind: string;
  summary: string | null;
  bodyHtml: string;
  attachments: Array<{ id: number; filename: string; size: number; mime: string }>;
  interpretations: Array<{ id: number; title: string; publishedOn: string | null }>;
  policies: Array<{ id: number; title: string; publishedOn: string | null }>;
  versionNo: number;
}

export interface SearchResult {
  id: number;
  agencyId: number;
  indexNo: string;
  title: string;
  titleSegments: Segment[];
  snippet: Snippet;
  docNumber: string | null;
  publisher: string;
  kind: string;
  category: number;
  publishedOn: string;
  validity: string;
  subject: string | null;
  /** 0: the title matched; 1: the catalogue metadata (信息类型, 文号, 发布机构, 主题分类, 索引号); 2: only the text */
  tier: Tier;
}

export interface SearchInput {
  q: string;
  agencyId?: number | null;
  category?: number | null;
  kind?: string | null;
  year?: number | null;
  validity?: string | null;
  page: number;
  pageSize?: number;
}

export const CLOCK_ENTITY = 'catalogue_item';
/** The deadlines-table kind of the 第二十六条 clock (条例 第二十六条). */
export const CLOCK_KIND = 'proactive_publish';

export interface ClockWarning {
  id: number;
  indexNo: string;
  title: string;
  state: string;
  clock: Article26Clock;
}

export interface ImportRowReport {
  row: number;
  title: string;
  problems: string[];
  indexNo: string | null;
}

/** One already-published item for bulkLoadPublished. */
export interface BulkItem {
  title: string;
  summary: string;
  body: string;
  kind: string;
  category: number;
  subject?: string | null;
  madeOn: string;
  publishedOn: string;
  docNumber: string | null;
  validity: 'valid' | 'abolished' | 'expired';
}

export const IMPORT_COLUMNS = ['索引号', '标题', '文号', '发布机构', '成文日期', '发布日期', '有效性', '有效性变更日期', '第二十条类别', '主题分类', '信息类型', '公开属性', '不予公开理由', '内容概述', '正文'] as const;


/** 成文日期 / 形成或变更日期 that are not real dates from 1949-10-01 to `today` (field errors in plain Chinese). */
function storedDateProblems(d: { madeOn: string | null; formedOn: string | null }, today: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const [field, label, v] of [['madeOn', '成文日期', d.madeOn], ['formedOn', '形成或变更日期', d.formedOn]] as const) {
    const p = v ? dateProblem(v, label, { max: today }) : null;
    if (p) out.push({ field, message: p });
  }
  return out;
}

export function createCatalogueService(db: Kysely<Database>, opts: CatalogueOptions) {
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
  type Facets = { at: number; total: number; categories: Map<number, number>; subjects: Array<{ subject: string; n: number }> };
  const facetCache = new Map<number, Promise<Facets>>();
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
  }

  async function agencyOf(id: number): Promise<Agency> {
    const a = await opts.agencies.get(id);
    if (!a) throw notFound('找不到该机构');
    return a;
  }

  async function loadItem(actor: CatalogueActor, id: number) {
    const item = await repo.getItem(db, id);
    if (!item) throw notFound('找不到该目录条目');
    if (actor.role !== 'admin' || actor.userId !== null) assertVisible(actor as Actor, item.agency_id);
    const working = await repo.getVersion(db, id, item.working_version);
    if (!working) throw notFound();
    return { item, working };
  }

  /** 409 for a save or action on an item version that is no longer current: who changed it last, and when. */
  async function staleItem(id: number, yours: number, current?: number, ex: repo.Executor = db): Promise<AppError> {
    const now = current ?? (await repo.getItem(ex, id))?.version;
    const last = (await repo.listEvents(ex, id)).at(-1);
    const who = last ? `${last.actor_name}于${shanghaiTime(last.at)}` : '他人';
    return new AppError('conflict', {
      title: '该条目已被他人修改',
      detail: `在您编辑期间，${who}修改了该条目（您看到的是第${yours}版${now ? `，现在是第${now}版` : ''}）。为避免覆盖他人的修改，本次操作没有保存。请查看最新内容后再操作。`,
    });
  }

  /** Who acts and who wrote the working version (the author rule of core/catalogue/workflow.ts). */
  async function authorship(actor: CatalogueActor, item: repo.ItemRow, working: repo.VersionRow): Promise<Authorship> {
    return { actorId: actor.userId, authorIds: await repo.authorsOf(db, item.id, working.version_no, working.created_by) };
  }

  /** Content writes are the agency's staff's (or the system's); the administrator is refused with a clear 403. */
  function contentWriter(actor: CatalogueActor, what: string): void {
    if (actor.userId !== null) assertNotAdmin(actor, what);
  }

  function stateOf(item: repo.ItemRow, working: repo.VersionRow): State | 'withdrawn' {
    if (item.withdrawn_on) return 'withdrawn';
    return working.state as State;
  }

  async function event(trx: repo.Executor, actor: CatalogueActor, itemId: number, versionNo: number, action: string, data: unknown, before?: unknown) {
    const at = nowIso(clock);
    await repo.insertEvent(trx, { item_id: itemId, version_no: versionNo, action, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
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
    const v = await repo.getVersion(trx, itemId, item.published_version);
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
    const v = item ? await repo.getVersion(trx, itemId, item.working_version) : undefined;
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
    const v = (await repo.getVersion(trx, itemId, item.working_version))!;
    // decided outside this transaction: still approved now that the row is ours (a concurrent publish is refused)
    if (v.state !== 'approved') throw new AppError('conflict', { title: '该条目已被他人修改', detail: `“${v.title}”当前状态为“${STATE_LABELS[v.state as State] ?? v.state}”，不能发布。请刷新页面查看最新情况。` });
    const at = nowIso(clock);
    if (item.published_version && item.published_version !== v.version_no) {
      await repo.updateVersion(trx, itemId, item.published_version, { state: 'superseded', updated_at: at });
    }
    await repo.updateVersion(trx, itemId, v.version_no, { state: 'published', published_on: publishedOn, published_at: at, updated_at: at });
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
    await event(trx, actor, itemId, v.version_no, 'publish', { publishedOn, indexNo: item.index_no });
  }

  const service = {
    settingsOf,

    async saveSettings(actor: Actor, agencyId: number, s: { indexPattern: string; requireInterpretation: boolean; subjects: string[] }) {
      assertVisible(actor, agencyId);
      if (actor.role !== 'admin' && actor.role !== 'leader') throw forbidden();
      try {
        compilePattern(s.indexPattern);
      } catch (e) {
        throw validationFailed([{ field: 'indexPattern', message: (e as Error).message }]);
      }
      await db.transaction().execute(async (trx) => {
        await repo.upsertSettings(trx, { agency_id: agencyId, index_pattern: s.indexPattern, require_interpretation: s.requireInterpretation ? 1 : 0, subjects_json: JSON.stringify(s.subjects), updated_at: nowIso(clock) });
        await opts.audit.record(trx, { actor, agencyId, action: 'catalogue.settings', entity: 'catalogue_settings', entityId: agencyId, after: s });
      });
    },

    /** Creates a draft (索引号 allocated now: shown before publication, never reused). */
    async createDraft(actor: CatalogueActor, agencyId: number, input: DraftInput): Promise<number> {
      if (actor.userId !== null) assertVisible(actor as Actor, agencyId);
      contentWriter(actor, '起草目录条目');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有经办人可以起草目录条目');
      const agency = await agencyOf(agencyId);
      const fields = versionFields(input, agency);
      const { indexPattern } = await settingsOf(agencyId);
      const t = today();
      return db.transaction().execute(async (trx) => {
        const indexNo = await allocateIndexNo(trx, agency, indexPattern, t);
        const at = nowIso(clock);
        const id = await repo.insertItem(trx, { agency_id: agencyId, index_no: indexNo, created_on: t, working_version: 1, created_at: at, updated_at: at });
        await repo.insertVersion(trx, { item_id: id, version_no: 1, state: 'draft', ...fields, created_at: at, created_by: actor.userId, updated_at: at });
        await event(trx, actor, id, 1, 'create', { indexNo, title: fields.title });
        await syncClock(trx, id);
        return id;
      });
    },

    /** Saves the working draft; `expectedVersion` is the item version the editor loaded (409 when someone saved since). */
    async updateDraft(actor: CatalogueActor, id: number, input: DraftInput, expectedVersion: number): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '修改目录条目');
      const r = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!r.ok) throw r.code === 'FORBIDDEN_ROLE' ? forbidden(r.message) : conflict(r.message);
      if (expectedVersion !== item.version) throw await staleItem(id, expectedVersion, item.version);
      const agency = await agencyOf(item.agency_id);
      const fields = versionFields(input, agency);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, expectedVersion))) throw await staleItem(id, expectedVersion, undefined, trx);
        const at = nowIso(clock);
        await repo.updateVersion(trx, id, working.version_no, { ...fields, updated_at: at });
        if (!(await repo.updateItem(trx, id, expectedVersion, { updated_at: at }))) throw await staleItem(id, expectedVersion, undefined, trx);
        await event(trx, actor, id, working.version_no, 'edit', { title: fields.title }, { title: working.title });
        await syncClock(trx, id);
      });
    },

    async addAttachment(actor: CatalogueActor, id: number, filename: string, data: Buffer): Promise<number> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '上传目录条目的附件');
      // not allowed to edit at all → 403; allowed, but the version is past draft → 409
      const may = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!may.ok) throw may.code === 'FORBIDDEN_ROLE' ? forbidden('只有本机关的经办人可以为草稿添加附件') : conflict('只有草稿可以添加附件');
      const f = await checkFile(filename, data, opts.files.maxBytes);
      const stored = await storeFile(opts.files, f);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        const aid = await repo.insertAttachment(trx, { item_id: id, version_no: working.version_no, filename: f.filename, mime: f.mime, ext: f.ext, size: f.size, sha256: f.sha256, ...stored, created_at: nowIso(clock) });
        await event(trx, actor, id, working.version_no, 'attach', { filename: f.filename, size: f.size, type: f.ext });
        return aid;
      });
    },

    async removeAttachment(actor: CatalogueActor, id: number, attachmentId: number): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '删除目录条目的附件');
      const may = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!may.ok) throw may.code === 'FORBIDDEN_ROLE' ? forbidden('只有本机关的经办人可以删除草稿的附件') : conflict('只有草稿可以删除附件');
      const a = await repo.getAttachment(db, attachmentId);
      if (!a || a.item_id !== id || a.version_no !== working.version_no) throw notFound();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        await repo.deleteAttachment(trx, attachmentId);
        await event(trx, actor, id, working.version_no, 'detach', { filename: a.filename });
      });
    },

    /** An attachment for download: staff (in scope) for any version; the public only for a published version. */
    async attachment(actor: CatalogueActor | null, attachmentId: number) {
      const a = await repo.getAttachment(db, attachmentId);
      if (!a) throw notFound();
      const item = await repo.getItem(db, a.item_id);
      if (!item) throw notFound();
      if (actor) {
        if (actor.userId !== null) assertVisible(actor as Actor, item.agency_id);
      } else if (!item.public || item.published_version !== a.version_no) {
        throw notFound();
      }
      return { filename: cleanFileName(a.filename), mime: a.mime, data: await loadFile(opts.files, a) };
    },

    /** Links a 政策解读 to its policy document (规章 / 行政规范性文件). */
    async link(actor: CatalogueActor, policyId: number, interpretationId: number): Promise<void> {
      const p = await loadItem(actor, policyId);
      const i = await loadItem(actor, interpretationId);
      if (p.item.agency_id !== i.item.agency_id) throw validationFailed([{ field: 'interpretationId', message: '政策解读与文件须属于同一机构' }]);
      if (i.working.kind !== 'interpretation') throw validationFailed([{ field: 'interpretationId', message: '所选条目的类型不是“政策解读”' }]);
      contentWriter(actor, '关联政策解读');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有本机关的经办人可以关联政策解读');
      await db.transaction().execute(async (trx) => {
        await repo.addLink(trx, policyId, interpretationId);
        await event(trx, actor, policyId, p.working.version_no, 'link', { interpretationId, title: i.working.title });
      });
    },

    async get(actor: CatalogueActor, id: number): Promise<ItemDetail> {
      const { item, working } = await loadItem(actor, id);
      const published = item.published_version ? ((await repo.getVersion(db, id, item.published_version)) ?? null) : null;
      const att = (rows: repo.AttachmentRow[]) => rows.map((a) => ({ id: a.id, filename: cleanFileName(a.filename), size: a.size, mime: a.mime }));
      const state = stateOf(item, working);
      const who = await authorship(actor, item, working);
      const versions = await repo.listVersions(db, id);
      let clockInfo: Article26Clock | null = null;
      if (working.disclosure === 'proactive' && state !== 'withdrawn') {
        try {
          clockInfo = article26Clock({ calendar: await opts.calendar(), formedOn: working.formed_on, today: today(), publishedOn: working.state === 'published' ? working.published_on : null });
        } catch {
          clockInfo = null;
        }
      }
      return {
        id,
        agencyId: item.agency_id,
        indexNo: item.index_no,
        createdOn: item.created_on,
        state,
        stateLabel: state === 'withdrawn' ? '已撤回' : STATE_LABELS[state],
        public: item.public === 1,
        validity: item.validity,
        validityChangedOn: item.validity_changed_on,
        validityReason: item.validity_reason,
        withdrawnOn: item.withdrawn_on,
        withdrawnReason: item.withdrawn_reason,
        workingVersion: item.working_version,
        publishedVersion: item.published_version,
        publishedOn: item.published_on,
        firstPublishedOn: item.first_published_on,
        version: item.version,
        working,
        published,
        attachments: att(await repo.listAttachments(db, id, working.version_no)),
        publishedAttachments: published ? att(await repo.listAttachments(db, id, published.version_no)) : [],
        links: await repo.linksOf(db, id),
        events: (await repo.listEvents(db, id)).map((e) => ({ action: e.action, at: e.at, actorName: e.actor_name, data: e.data_json ? JSON.parse(e.data_json) : null })),
        versions: versions.map((v) => ({ versionNo: v.version_no, state: v.state, title: v.title, publishedOn: v.published_on, changeNote: v.change_note })),
        allowedActions: state === 'withdrawn' ? [] : allowedActions(state, catalogueRoles(actor), who),
        separationNote: state === 'withdrawn' ? null : allowedActions(state, catalogueRoles(actor)).map((a) => authorRule(state, a, who)).find((m) => m !== null) ?? null,
        clock: clockInfo,
      };
    },

    /** One workflow step (core/catalogue/workflow.ts decides; this records it). */
    async act(actor: CatalogueActor, id: number, input: ActionInput): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      if (input.version !== undefined && input.version !== item.version) throw await staleItem(id, input.version, item.version);
      const state = stateOf(item, working);
      contentWriter(actor, '办理目录条目（提交、保密审查、审核、发布、撤回）');
      if (state === 'withdrawn') throw conflict('该条目已撤回，不能再操作');
      const roles = catalogueRoles(actor);
      const who = await authorship(actor, item, working);
      const review = working.review_result
        ? { result: working.review_result as 'pass' | 'fail', basis: working.review_basis ?? '', reviewerId: working.reviewer_id ?? 0, reviewedAt: working.reviewed_at ?? '' }
        : null;
      const t = today();
      let interpretation;
      let toPublishWith: number[] = [];
      if (input.action === 'publish') {
        // An item stored before dates were checked cannot be published with an impossible 成文日期.
        const bad = storedDateProblems({ madeOn: working.made_on, formedOn: working.formed_on }, t);
        if (bad.length) throw validationFailed(bad, `请先修改草稿中的日期再发布：${bad.map((b) => b.message).join('；')}`);
        const s = await settingsOf(item.agency_id);
        const links = await repo.linksOf(db, id);
        toPublishWith = links.interpretations.filter((l) => l.state === 'approved').map((l) => l.id);
        interpretation = checkInterpretationRule({
          enabled: s.requireInterpretation,
          kind: working.kind,
          publishDate: t,
          linked: links.interpretations.map((l) => ({ state: l.state === 'approved' ? 'publishing' : (l.state as State), publishedOn: l.state === 'approved' ? t : l.published_on })),
        });
      }
      const r = transition({ state: state as State, action: input.action, roles, disclosure: working.disclosure as 'proactive', review, reason: input.reason, reviewResult: input.reviewResult, interpretation, who });
      if (!r.ok) {
        if (r.code === 'FORBIDDEN_ROLE' || r.code === 'SELF_REVIEW') throw forbidden(r.message);
        if (r.code === 'REASON_REQUIRED') throw validationFailed([{ field: 'reason', message: r.message }]);
        throw new AppError('conflict', { title: r.message, detail: r.message });
      }
      if (input.action === 'record_review' && (!input.reviewResult || !input.basis)) {
        throw validationFailed([
          ...(!input.reviewResult ? [{ field: 'reviewResult', message: '请选择保密审查结果' }] : []),
          ...(!input.basis ? [{ field: 'basis', message: '请填写审查依据（如：经审查，不涉及国家秘密、工作秘密）' }] : []),
        ]);
      }
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        // Claim the version this decision was made on before writing (see repo.claimItem).
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        // A published annual report locks its year (规章/规范性文件 are counted in table 二 第二十条第（一）项).
        if (['rule', 'normative'].includes(item.kind ?? '') || ['rule', 'normative'].includes(working.kind)) {
          await assertYearUnlocked(trx, item.agency_id, t);
          if (working.made_on !== item.made_on) for (const d of [item.made_on, working.made_on]) await assertYearUnlocked(trx, item.agency_id, d);
        }
        const bump = async (patch: Parameters<typeof repo.updateItem>[3] = {}) => {
          if (!(await repo.updateItem(trx, id, item.version, { ...patch, updated_at: at }))) throw conflict();
        };
        switch (input.action) {
          case 'submit':
            await repo.updateVersion(trx, id, working.version_no, { state: r.to, review_result: null, review_basis: null, reviewer_id: null, reviewer_name: null, reviewed_at: null, approver_id: null, approver_name: null, approved_at: null, updated_at: at });
            await bump();
            await event(trx, actor, id, working.version_no, 'submit', null);
            return;
          case 'record_review':
            // 保守国家秘密法 第三十五条; 实施条例 第四十二条: reviewer, date, basis, result on the record.
            await repo.updateVersion(trx, id, working.version_no, { state: r.to, review_result: input.reviewResult!, review_basis: input.basis!, reviewer_id: actor.userId, reviewer_name: actor.displayName, reviewed_at: at, updated_at: at });
            await bump();
            await event(trx, actor, id, working.version_no, 'record_review', { result: input.reviewResult, basis: input.basis });
            return;
          case 'approve':
            await repo.updateVersion(trx, id, working.version_no, { state: r.to, approver_id: actor.userId, approver_name: actor.displayName, approved_at: at, updated_at: at });
            await bump();
            await event(trx, actor, id, working.version_no, 'approve', null);
            return;
          case 'return':
            await repo.updateVersion(trx, id, working.version_no, { state: r.to, updated_at: at });
            await bump();
            await event(trx, actor, id, working.version_no, 'return', { reason: input.reason });
            return;
          case 'publish':
            await publishInTrx(trx, actor, id, t);
            // 同步发布: approved 解读 linked to this document are published with it, the same day.
            for (const iid of toPublishWith) await publishInTrx(trx, actor, iid, t);
            return;
          case 'revise': {
            const next = working.version_no + 1;
            const { id: _vid, ...copy } = working;
            await repo.insertVersion(trx, { ...copy, version_no: next, state: 'draft', formed_on: t, change_note: null, review_result: null, review_basis: null, reviewer_id: null, reviewer_name: null, reviewed_at: null, approver_id: null, approver_name: null, approved_at: null, published_on: null, published_at: null, created_at: at, created_by: actor.userId, updated_at: at });
            await repo.copyAttachments(trx, id, working.version_no, next);
            await bump({ working_version: next });
            await event(trx, actor, id, next, 'revise', { from: working.version_no });
            await syncClock(trx, id);
            return;
          }
          case 'withdraw':
            await bump({ public: 0, withdrawn_on: t, withdrawn_reason: input.reason! });
            await reindex(trx, id);
            await syncClock(trx, id);
            await event(trx, actor, id, working.version_no, 'withdraw', { reason: input.reason });
            return;
          case 'abolish': {
            const validity = input.validity ?? 'abolished';
            const on = input.effectiveOn ?? t;
            await bump({ validity, validity_changed_on: on, validity_reason: input.reason! });
            await reindex(trx, id);
            await event(trx, actor, id, working.version_no, 'abolish', { validity, on, reason: input.reason });
            return;
          }
          case 'delete':
            if (item.published_version) throw conflict('已发布过的条目不能删除，只能撤回');
            await opts.audit.record(trx, { actor: actor as Actor, agencyId: item.agency_id, action: 'catalogue.delete', entity: 'catalogue_item', entityId: id, before: { indexNo: item.index_no, title: working.title } });
            await repo.deleteItem(trx, id);
            await syncClock(trx, id);
            return;
        }
      });
      invalidateFacets(item.agency_id);
    },

    async list(actor: Actor, f: { agencyId?: number | null; state?: string | null; kind?: string | null; q?: string | null; page: number; pageSize?: number }) {
      const ids = f.agencyId ? (actor.visibleAgencyIds.includes(f.agencyId) || actor.role === 'admin' ? [f.agencyId] : []) : [...actor.visibleAgencyIds];
      return repo.listAdmin(db, { agencyIds: ids, state: f.state, kind: f.kind, q: f.q, page: f.page, pageSize: f.pageSize ?? 20 });
    },

    /**
     * 第二十六条 warnings (catalogue list, dashboard): unpublished 主动公开 items, most urgent first. The open
     * clocks and their due dates come from the deadlines table (recomputed when the calendar changes).
     */
    async clockWarnings(actor: Actor): Promise<ClockWarning[]> {
      const agencyIds = actor.role === 'admin' ? (await opts.agencies.list()).map((a) => a.id) : actor.visibleAgencyIds;
      const cal = await opts.calendar();
      const t = today();
      const out: ClockWarning[] = [];
      if (opts.deadlines) {
        for (const r of await repo.openClocks(db, agencyIds, CLOCK_ENTITY, CLOCK_KIND)) {
          try {
            const c = article26Clock({ calendar: cal, formedOn: r.formed_on, today: t });
            // the stored due date is the one the calendar feature keeps current; status and days left follow from it
            const left = cal.workdaysBetween(t, r.due);
            const status: ClockStatus = t > r.due ? 'overdue' : t === r.due ? 'due_today' : left <= 5 ? 'due_soon' : 'on_time';
            out.push({ id: r.id, indexNo: r.index_no, title: r.title, state: r.state, clock: { ...c, dueOn: r.due, provisional: r.provisional === 1, status, workingDaysLeft: left } });
          } catch {
            /* a date outside the calendar's range: shown on the item page */
          }
        }
      } else {
        for (const r of await repo.openClockItems(db, agencyIds)) {
          try {
            out.push({ id: r.id, indexNo: r.index_no, title: r.title, state: r.state, clock: article26Clock({ calendar: cal, formedOn: r.formed_on, today: t }) });
          } catch {
            /* a date outside the calendar's range: shown on the item page */
          }
        }
      }
      return out.sort((a, b) => a.clock.workingDaysLeft - b.clock.workingDaysLeft);
    },

    /** 工作台 card (admin feature's dashboard providers): open 第二十六条 clocks, overdue and due soon. */
    async dashboardCards(actor: Actor): Promise<DashboardCard[]> {
      if (!['admin', 'officer', 'reviewer', 'leader'].includes(actor.role)) return [];
      const w = await service.clockWarnings(actor);
      const overdue = w.filter((x) => x.clock.status === 'overdue').length;
      const soon = w.filter((x) => x.clock.status === 'due_soon' || x.clock.status === 'due_today').length;
      const first = w[0];
      return [{
        title: '待公开信息（第二十六条 20个工作日）',
        value: w.length,
        href: '/admin/catalogue',
        note: w.length === 0
          ? '没有待公开的主动公开信息'
          : `已超期 ${overdue} 条，5个工作日内到期 ${soon} 条；最急：${first!.indexNo}（${first!.clock.dueOn} 到期）`,
      }];
    },

    /** Table 二 第二十条第（一）项 from the catalogue. */
    async stats(actor: Actor | null, agencyId: number, year: number, format: FormatId): Promise<Table2Block1 & { titles: Record<number, string> }> {
      if (actor) assertVisible(actor, agencyId);
      const rows = await repo.statItems(db, agencyId);
      const items = rows.map((r) => ({ id: r.id, kind: r.kind, madeOn: r.made_on, publishedOn: r.first_published_on, validity: r.validity as 'valid', validityChangedOn: r.validity_changed_on, withdrawnOn: r.withdrawn_on }));
      return { ...table2Article20Item1(items, year, format), titles: Object.fromEntries(rows.map((r) => [r.id, `${r.index_no} ${r.title}`])) };
    },

    // ───── public side ─────

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

    /** Published items per 第二十条 category (cached per agency, invalidated on publish / withdraw / abolish / import). */
    /**
     * Changes whenever published content may have changed (publish, withdraw, abolish, import, bulk load) in
     * this process: the portal's rendered-page cache is keyed by it.
     */
    generation: (): number => facetGeneration,

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
      const page = await repo.searchIndex(db, q, filter, s.page, pageSize);
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

    // ───── import / export ─────

    /** Checks (dryRun) or imports catalogue rows (columns IMPORT_COLUMNS); every row's problems are listed. */
    async importRows(actor: CatalogueActor, agencyId: number, rows: Array<Record<string, string>>, dryRun: boolean): Promise<{ reports: ImportRowReport[]; imported: number }> {
      if (actor.userId !== null) assertVisible(actor as Actor, agencyId);
      contentWriter(actor, '导入目录条目');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有本机关的经办人可以导入目录条目');
      const agency = await agencyOf(agencyId);
      const { indexPattern } = await settingsOf(agencyId);
      const { checkImportRow } = await import('./catalogue.import.ts');
      const seen = new Set<string>();
      const reports: ImportRowReport[] = [];
      const good: Array<{ report: ImportRowReport; data: ReturnType<typeof checkImportRow>['data'] }> = [];
      for (let i = 0; i < rows.length; i++) {
        // dates from 1949-10-01 to 2099-12-31 (the demo seed imports with whatever clock the server has)
        const c = checkImportRow(rows[i]!, indexPattern);
        const report: ImportRowReport = { row: i + 2, title: c.data.title, problems: c.problems, indexNo: c.data.indexNo };
        if (c.data.indexNo) {
          if (seen.has(c.data.indexNo)) report.problems.push(`索引号“${c.data.indexNo}”在文件中重复`);
          else if (await repo.getItemByIndexNo(db, agencyId, c.data.indexNo)) report.problems.push(`索引号“${c.data.indexNo}”已存在于目录中`);
          seen.add(c.data.indexNo);
        }
        reports.push(report);
        if (!report.problems.length) good.push({ report, data: c.data });
      }
      if (dryRun || reports.some((r) => r.problems.length)) return { reports, imported: 0 };
      await db.transaction().execute(async (trx) => {
        for (const g of good) {
          const d = g.data;
          const at = nowIso(clock);
          let indexNo = d.indexNo;
          if (indexNo) {
            const p = parseIndexNumber(indexPattern, indexNo);
            if (p) await repo.bumpIndexSeq(trx, agencyId, counterScope(indexPattern, `${p.year}-${String(p.month ?? 1).padStart(2, '0')}-01`), p.seq);
          } else {
            indexNo = await allocateIndexNo(trx, agency, indexPattern, d.publishedOn ?? today());
          }
          g.report.indexNo = indexNo;
          const html = sanitizeBody(textToHtml(d.body));
          let id: number;
          try {
            id = await repo.insertItem(trx, { agency_id: agencyId, index_no: indexNo, created_on: d.madeOn ?? d.publishedOn ?? today(), working_version: 1, created_at: at, updated_at: at });
          } catch (e) {
            if (isUniqueViolation(e)) throw validationFailed([{ field: 'file', message: `第 ${g.report.row} 行：索引号“${indexNo}”已存在` }]);
            throw e;
          }
          const published = d.disclosure === 'proactive' && d.publishedOn;
          await repo.insertVersion(trx, {
            item_id: id, version_no: 1, state: published ? 'approved' : 'draft', title: d.title, doc_number: d.docNumber, publisher: d.publisher ?? agency.name, made_on: d.madeOn,
            formed_on: d.madeOn ?? d.publishedOn ?? today(), kind: d.kind, category: d.category, subject: d.subject, disclosure: d.disclosure, withhold_reason: d.withholdReason,
            summary: d.summary, body_html: html, body_text: bodyText(html), change_note: '批量导入',
            review_result: published ? 'pass' : null, review_basis: published ? '批量导入：该信息已在原目录中公开（原审查记录见原系统）' : null, reviewer_id: published ? actor.userId : null, reviewer_name: published ? actor.displayName : null, reviewed_at: published ? at : null,
            created_at: at, created_by: actor.userId, updated_at: at,
          });
          await event(trx, actor, id, 1, 'import', { row: g.report.row, indexNo });
          await syncClock(trx, id);
          if (published) {
            await publishInTrx(trx, actor, id, d.publishedOn!);
            if (d.validity !== 'valid') {
              const it = (await repo.getItem(trx, id))!;
              await repo.updateItem(trx, id, it.version, { validity: d.validity, validity_changed_on: d.validityChangedOn, validity_reason: '导入' });
              await reindex(trx, id);
            }
          }
        }
      });
      invalidateFacets(agencyId);
      return { reports, imported: good.length };
    },

    async exportRows(actor: Actor, agencyId: number): Promise<string[][]> {
      assertVisible(actor, agencyId);
      const { exportRow } = await import('./catalogue.import.ts');
      const rows = await repo.exportRows(db, agencyId);
      return [[...IMPORT_COLUMNS, '状态'], ...rows.map((r) => exportRow(r))];
    },

    /** For the seed, the CLI and tests: run the whole workflow as the system. */
    async publishAsSystem(actor: SystemActor, id: number, basis = '经审查，不涉及国家秘密、工作秘密和敏感信息'): Promise<void> {
      await service.act(actor, id, { action: 'submit' });
      await service.act(actor, id, { action: 'record_review', reviewResult: 'pass', basis });
      await service.act(actor, id, { action: 'approve' });
      await service.act(actor, id, { action: 'publish' });
    },

    /**
     * Bulk load of already-published items (benchmark data, `gongkai bench data`): ONE transaction, multi-row
     * inserts with explicit ids, 索引号 from the agency's counters (read once per scope, written once at the end),
     * index tokens computed once per item, secondary indexes rebuilt after the load. `batches` is pulled lazily
     * so a million items never sit in memory at once. Returns the number of items loaded.
     */
    async bulkLoadPublished(actor: SystemActor, agencyId: number, batches: Iterable<ReadonlyArray<BulkItem>>, progress?: (done: number) => void): Promise<number> {
      const agency = await agencyOf(agencyId);
      const { indexPattern } = await settingsOf(agencyId);
      let n = 0;
      await db.transaction().execute(async (trx) => {
        const seqs = new Map<string, number>();
        let nextId = (await repo.maxItemId(trx)) + 1;
        const at = nowIso(clock);
        await repo.withoutSecondaryIndexes(trx, async () => {
          for (const batch of batches) {
            const rows: repo.BulkRow[] = [];
            for (const d of batch) {
              const scope = counterScope(indexPattern, d.publishedOn);
              const seq = (seqs.get(scope) ?? (await repo.indexSeq(trx, agencyId, scope))) + 1;
              seqs.set(scope, seq);
              const indexNo = formatIndexNumber(indexPattern, { creditCode: agency.creditCode, date: d.publishedOn, seq });
              const id = nextId++;
              const searchKey = recencyKey(d.publishedOn, id);
              rows.push({
                item: {
                  id, agency_id: agencyId, index_no: indexNo, created_on: d.madeOn, working_version: 1, published_version: 1, public: 1, title: d.title, doc_number: d.docNumber, kind: d.kind,
                  category: d.category, subject: d.subject ?? null, made_on: d.madeOn, published_on: d.publishedOn, first_published_on: d.publishedOn, validity: d.validity,
                  validity_changed_on: d.validity === 'valid' ? null : d.publishedOn, search_key: searchKey, created_at: at, updated_at: at,
                },
                version: {
                  item_id: id, version_no: 1, state: 'published', title: d.title, doc_number: d.docNumber, publisher: agency.name, made_on: d.madeOn, formed_on: d.madeOn, kind: d.kind, category: d.category,
                  subject: d.subject ?? null, disclosure: 'proactive', withhold_reason: null, summary: d.summary, body_html: textToHtml(d.body), body_text: d.body, change_note: '基准测试数据',
                  review_result: 'pass', review_basis: '基准测试数据（合成）', reviewer_id: null, reviewer_name: actor.displayName, reviewed_at: at, published_on: d.publishedOn, published_at: at,
                  created_at: at, created_by: null, updated_at: at,
                },
                index: {
                  itemId: id, searchKey, agencyId, title: d.title, text: bodyWithSummary(d.summary, d.body),
                  meta: metaText({ kindLabel: label(ITEM_KINDS, d.kind), docNumber: d.docNumber, publisher: agency.name, subject: d.subject ?? null, indexNo }),
                  category: d.category, kind: d.kind, year: Number(d.publishedOn.slice(0, 4)), validity: d.validity,
                },
              });
            }
            await repo.bulkInsertPublished(trx, rows);
            n += rows.length;
            progress?.(n);
          }
        });
        for (const [scope, seq] of seqs) await repo.bumpIndexSeq(trx, agencyId, scope, seq);
        await repo.syncItemIdSequence(trx);
      });
      invalidateFacets(agencyId);
      return n;
    },

    /** Rebuild the search index for every public item (after a bulk load). */
    async reindexAll(progress?: (done: number) => void): Promise<number> {
      let last = 0;
      let n = 0;
      for (;;) {
        const ids = await db.selectFrom('catalogue_items').select('id').where('id', '>', last).orderBy('id').limit(1000).execute();
        if (!ids.length) break;
        await db.transaction().execute(async (trx) => {
          for (const r of ids) await reindex(trx, r.id);
        });
        last = ids[ids.length - 1]!.id;
        n += ids.length;
        progress?.(n);
      }
      return n;
    },
  };
  return service;
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
