// 政务服务事项: the catalogue of service items across 区 / 街道 / 社区 (elements as data, versioned with a change
// history, status 在用 / 暂停 / 取消 with dates), the must-match check between levels with completeness scores, and
// the 上一年项目数量 / 本年增/减 of table 二 derived from the status history.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import {
  DEFAULT_MUST_MATCH, ITEM_STATUSES, STATUS_LABELS, completenessProblems, diffValues, elementSchema, itemScore, statusChangeProblems,
  valueProblems, yearCountsByAgency, type CompletenessProblem, type ElementChange, type ElementDef, type ElementValues, type ItemStatus, type StatusEvent, type YearCount,
} from '../../core/service-items/index.ts';
import type { DecisionCategory } from '../../core/annual-report/categories.ts';
import { ftsText } from '../../core/search/tokenizer.ts';
import { parseQuery } from '../../core/search/query.ts';
import { dateProblem } from '../../core/validation/index.ts';
import { assertNotAdmin, assertRole, assertVisible, canSee, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../shared/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import * as repo from './service-items.repository.ts';
import { createCaseImport, type CaseImportResult, type YearLock } from './service-items.cases.ts';
import { seedDemoItems, type DemoUnits } from './service-items.seed-demo.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import { createCatalogueImport, type CatalogueImportResult, type CatalogueSheet } from './service-items.import.ts';
import { checkTrees, valueColumns } from './service-items.check.ts';
import { createMaterialFiles, type AttachFileInput, type RemoveFileInput } from './service-items.files.ts';

export const LEVELS = ['district', 'street', 'community'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { district: '区', street: '街道', community: '社区' };
/** The level of a unit from its agency kind: a 区 government or department defines, 街道 and 社区 implement. */
export function levelOfKind(kind: string): Level {
  return kind === 'street' ? 'street' : kind === 'community' ? 'community' : 'district';
}

export interface ItemSummary { id: number; name: string; code: string; basicCode: string; type: string; level: Level; levelLabel: string; agency: string; agencyId: number; status: ItemStatus; statusLabel: string; parentId: number | null; version: number }
export interface ItemDetail extends ItemSummary {
  statusSince: string;
  values: ElementValues;
  schema: ElementDef[];
  history: { version: number; kind: string; status: string | null; effectiveOn: string | null; changes: ElementChange[]; reason: string | null; actor: string; at: string }[];
  completeness: CompletenessProblem[];
  score: number;
  implementations: ItemSummary[];
}

export interface CreateInput { agencyId?: number; parentId?: number | null; values: ElementValues; status?: ItemStatus; statusOn?: string; reason?: string }
export interface UpdateInput { version: number; values?: ElementValues; status?: ItemStatus; statusOn?: string; reason: string }
export interface ListQuery { agencyId?: number; q?: string; type?: string; level?: Level; status?: ItemStatus; page?: number; pageSize?: number }

export interface ConsistencyResult {
  mustMatch: { key: string; label: string }[];
  differences: { item: number; itemName: string; element: string; label: string; values: { agency: string; agencyId: number; itemId: number; value: string; differs: boolean }[] }[];
  scores: { agency: string; agencyId: number; score: number; items: number; incomplete: number }[];
}

export interface ServiceItemsService {
  schema(): Promise<ElementDef[]>;
  settings(): Promise<{ elements: ElementDef[]; mustMatch: string[]; mustMatchVersion: number; elementsVersion: number }>;
  setMustMatch(actor: Actor, keys: readonly string[], version: number): Promise<void>;
  addElement(actor: Actor, def: Omit<ElementDef, 'builtin'>, version: number): Promise<void>;
  list(actor: Actor | null, q: ListQuery): Promise<{ items: ItemSummary[]; total: number; page: number; pageSize: number }>;
  get(actor: Actor | null, id: number): Promise<ItemDetail>;
  create(actor: Actor, input: CreateInput): Promise<ItemDetail>;
  update(actor: Actor, id: number, input: UpdateInput): Promise<ItemDetail>;
  consistency(actor: Actor, agencyId: number): Promise<ConsistencyResult>;
  /** The 区 items a 街道 / 社区 unit may implement: defining rows of the 区-level agencies of its district, not yet implemented by it. */
  implementable(actor: Actor): Promise<{ id: number; label: string }[]>;
  /** Blank forms / samples an item's guide offers: the item's own files, then its defining row's (by file name). */
  files(actor: Actor | null, id: number): Promise<{ filename: string; mime: string; size: number }[]>;
  file(actor: Actor | null, id: number, filename: string): Promise<{ filename: string; mime: string; data: Buffer }>;
  /** May the actor change this item (the unit's officer or leader)? */
  canEdit(actor: Actor, item: Pick<ItemSummary, 'agencyId'>): boolean;
  /** 上一年项目数量 / 本年增/减 per category of the items implemented by each agency (table 二). */
  yearCounts(agencyIds: readonly number[], year: number): Promise<Map<number, Partial<Record<DecisionCategory, YearCount>>>>;
  workProvider(): WorkProvider;
  /** Every item of the units the actor sees (or of one agency and the units below it) with its values, for the XLSX export. */
  exportRows(actor: Actor, agencyId?: number): Promise<{ schema: ElementDef[]; rows: { agency: string; levelLabel: string; statusLabel: string; statusSince: string; values: ElementValues }[] }>;
  /** 办件 rows (a CSV / XLSX read into objects by header) into the decisions register: dry run, idempotent by 办件编号. */
  importCases(actor: Actor, agencyId: number, table: readonly Record<string, string>[], opts: { dryRun: boolean; onProgress?: (done: number, total: number) => void }): Promise<CaseImportResult>;
  /** Demo seed: the 审批服务局's items, the 街道 / 社区 implementations and the 2019 办件 (once; false when already there). */
  seedDemo(actor: AuditActor, units: DemoUnits): Promise<{ seeded: boolean; items: number; cases: number }>;
  /** The catalogue XLSX (the export's columns) read back: dry run with every row's problem, idempotent by 实施编码. */
  importCatalogue(actor: Actor, filename: string, sheet: CatalogueSheet, opts: { dryRun: boolean; onProgress?: (done: number, total: number) => void }): Promise<CatalogueImportResult>;
  /** A 空白表格 / 示例样表 attached to one material of the item (checked by content; a new version with its history). */
  attachFile(actor: Actor, id: number, input: AttachFileInput): Promise<{ version: number; filename: string }>;
  /** The material's 空白表格 / 示例样表 removed (a new version; the file goes once no material names it). */
  removeFile(actor: Actor, id: number, input: RemoveFileInput): Promise<{ version: number }>;
}

const EDITOR_ROLES = ['officer', 'leader'] as const;
const MAX_REASON = 500;

export function searchText(values: ElementValues): string {
  const parts = [values.name, values.basicCode, values.implCode, values.type, values.implementer, values.conditions, ...(Array.isArray(values.materials) ? values.materials.map((m) => (m as { name: string }).name) : [])];
  return ` ${ftsText(parts.filter((p) => typeof p === 'string').join('\n'))} `;
}

export function createServiceItemsService(db: Kysely<Database>, deps: { audit: AuditService; agencies: Pick<AgenciesService, 'get' | 'list'>; assertYearUnlocked?: YearLock; clock?: () => Date; maxFileBytes?: number }): ServiceItemsService {
  const clock = deps.clock ?? (() => new Date());
  const today = () => nowIso(clock).slice(0, 10);

  async function settings() {
    const [el, mm] = await Promise.all([repo.getSetting(db, 'elements'), repo.getSetting(db, 'must_match')]);
    return {
      elements: fromJson<ElementDef[]>(el?.value_json) ?? [],
      mustMatch: fromJson<string[]>(mm?.value_json) ?? [...DEFAULT_MUST_MATCH],
      elementsVersion: el?.version ?? 0,
      mustMatchVersion: mm?.version ?? 0,
    };
  }
  async function schema() { return elementSchema((await settings()).elements); }

  function summary(r: repo.ItemRow, agency: string): ItemSummary {
    const level = r.level as Level;
    const status = r.status as ItemStatus;
    return { id: r.id, name: r.name, code: r.code, basicCode: r.basic_code, type: r.type, level, levelLabel: LEVEL_LABELS[level], agency, agencyId: r.agency_id, status, statusLabel: STATUS_LABELS[status], parentId: r.parent_id, version: r.version };
  }

  /** Public readers (办事指南) see items in use or suspended; staff see their scope. */
  function assertReadable(actor: Actor | null, r: repo.ItemRow) {
    if (actor === null) { if (r.status === 'cancelled') throw notFound(); return; }
    if (actor.role !== 'admin' && !canSee(actor, r.agency_id)) {
      // a unit sees the defining row of what it implements, and the 区 department its implementations
      return 'check-tree';
    }
    return undefined;
  }

  async function detail(actor: Actor | null, id: number): Promise<ItemDetail> {
    const r = await repo.findItem(db, id);
    if (!r) throw notFound();
    if (assertReadable(actor, r) === 'check-tree') {
      const kids = r.parent_id === null ? await repo.childrenOf(db, r.id) : [];
      const parent = r.parent_id !== null ? await repo.findItem(db, r.parent_id) : undefined;
      if (!kids.some((k) => canSee(actor!, k.agency_id)) && !(parent && canSee(actor!, parent.agency_id))) throw notFound();
    }
    const [sch, changes, kids] = await Promise.all([schema(), repo.changesOf(db, r.agency_id, id), r.parent_id === null ? repo.childrenOf(db, id) : Promise.resolve([])]);
    const names = await repo.agencyNames(db, [r.agency_id, ...kids.map((k) => k.agency_id)]);
    const values = fromJson<ElementValues>(r.values_json) ?? {};
    return {
      ...summary(r, names.get(r.agency_id)?.name ?? ''),
      statusSince: r.status_since, values, schema: sch,
      history: actor === null ? [] : changes.map((c) => ({ version: c.version_no, kind: c.kind, status: c.status, effectiveOn: c.effective_on, changes: fromJson<ElementChange[]>(c.changes_json) ?? [], reason: c.reason, actor: c.actor_name, at: c.at })),
      completeness: completenessProblems(values), score: itemScore(values),
      implementations: kids.filter((k) => actor !== null || k.status !== 'cancelled').map((k) => summary(k, names.get(k.agency_id)?.name ?? '')),
    };
  }

  function checkStatusDate(on: string | undefined, field: string) {
    if (on === undefined) return;
    const p = dateProblem(on, '生效日期');
    if (p) throw validationFailed([{ field, message: p }]);
  }

  function cleanValues(v: ElementValues): ElementValues {
    const out: ElementValues = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      out[k] = typeof x === 'string' ? x.trim() : x;
    }
    return out;
  }

  const materialFiles = createMaterialFiles(db, { audit: deps.audit, schema, maxBytes: deps.maxFileBytes ?? 20 * 1024 * 1024, clock });

  const service: ServiceItemsService = {
    attachFile: materialFiles.attachFile,
    removeFile: materialFiles.removeFile,
    importCases: createCaseImport(db, { audit: deps.audit, ...(deps.assertYearUnlocked ? { assertYearUnlocked: deps.assertYearUnlocked } : {}), clock }),
    importCatalogue: createCatalogueImport(db, { audit: deps.audit, agencies: deps.agencies, schema, searchText, clock }),
    schema,
    settings,
    seedDemo: (actor, units) => seedDemoItems(db, deps.audit, actor, units, clock, searchText),

    async setMustMatch(actor, keys, version) {
      assertRole(actor, 'supervisor');
      const sch = await schema();
      const unknown = keys.filter((k) => !sch.some((e) => e.key === k));
      if (unknown.length) throw validationFailed([{ field: 'keys', message: `没有这些要素：${unknown.join('、')}` }]);
      if (keys.length === 0) throw validationFailed([{ field: 'keys', message: '请至少选择一个必须一致的要素' }]);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.putSetting(trx, 'must_match', toJson([...new Set(keys)])!, version, nowIso(clock)))) throw conflict('必须一致的要素已被他人修改，请刷新后重试');
        await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'service_item.must_match', entity: 'service_item_settings', entityId: 'must_match', after: { keys } });
      });
    },

    async addElement(actor, def, version) {
      assertRole(actor, 'admin');
      const s = await settings();
      const { customElementProblems } = await import('../../core/service-items/elements.ts');
      const problems = customElementProblems(def, elementSchema(s.elements));
      if (problems.length) throw validationFailed(problems.map((message) => ({ field: 'element', message })));
      const next: ElementDef[] = [...s.elements, { ...def, label: def.label.trim(), builtin: false, ...(def.options ? { options: def.options.map((o) => o.trim()).filter(Boolean) } : {}) }];
      await db.transaction().execute(async (trx) => {
        if (!(await repo.putSetting(trx, 'elements', toJson(next)!, version, nowIso(clock)))) throw conflict('要素目录已被他人修改，请刷新后重试');
        await deps.audit.record(trx, { actor, agencyId: null, action: 'service_item.element_add', entity: 'service_item_settings', entityId: 'elements', after: def });
      });
    },

    async list(actor, q) {
      const page = Math.max(1, q.page ?? 1);
      const pageSize = Math.min(200, Math.max(1, q.pageSize ?? 50));
      let agencyIds: readonly number[] | null = null;
      if (q.agencyId !== undefined) {
        if (actor) assertVisible(actor, q.agencyId);
        agencyIds = [q.agencyId];
      } else if (actor && actor.role !== 'admin') agencyIds = actor.visibleAgencyIds;
      const phrases = parseQuery(q.q ?? '').terms.map((t) => t.tokens.join(' '));
      const status = q.status ? [q.status] : actor === null ? ['active', 'suspended'] : undefined;
      const { rows, total } = await repo.listItems(db, { agencyIds, phrases, ...(q.type ? { type: q.type } : {}), ...(q.level ? { level: q.level } : {}), ...(status ? { status } : {}), page, pageSize });
      return { items: rows.map((r) => summary(r, r.agency_name)), total, page, pageSize };
    },

    get: detail,

    async create(actor, input) {
      assertNotAdmin(actor, '维护政务服务事项');
      assertRole(actor, ...EDITOR_ROLES);
      const agencyId = input.agencyId ?? actor.agencyId;
      assertVisible(actor, agencyId);
      const agency = await deps.agencies.get(agencyId);
      if (!agency) throw notFound();
      const level = levelOfKind(agency.kind);
      let values = cleanValues(input.values);
      let parent: repo.ItemRow | undefined;
      if (input.parentId !== undefined && input.parentId !== null) {
        parent = await repo.findItem(db, input.parentId);
        if (!parent || parent.status === 'cancelled') throw validationFailed([{ field: 'parentId', message: '要实施的上级事项不存在或已取消' }]);
        if (parent.parent_id !== null) throw validationFailed([{ field: 'parentId', message: '请选择区级部门确定的事项（不能实施另一单位的实施清单）' }]);
        if (parent.agency_id === agencyId) throw validationFailed([{ field: 'parentId', message: '本单位确定的事项不需要再实施一次' }]);
        // an implementation starts from the defining row's elements; the unit supplies its own 实施编码, place, phone …
        values = { ...(fromJson<ElementValues>(parent.values_json) ?? {}), ...values };
      } else if (level !== 'district') {
        throw validationFailed([{ field: 'parentId', message: '街道、社区实施的事项请先选择区级部门确定的事项（基本目录）' }]);
      }
      const sch = await schema();
      const problems = valueProblems(sch, values);
      const statusOn = input.statusOn ?? today();
      checkStatusDate(input.statusOn, 'statusOn');
      if (problems.length) throw validationFailed(problems, '事项要素有误，请按提示修改');
      const status = input.status ?? 'active';
      const at = nowIso(clock);
      const existing = await repo.findByCodes(db, [String(values.implCode)]);
      if (existing.length) throw validationFailed([{ field: 'el.implCode', message: `实施编码 ${String(values.implCode)} 已被使用（${existing[0]!.name}）` }]);
      const id = await db.transaction().execute(async (trx) => {
        const id = await repo.insertItem(trx, {
          parent_id: parent?.id ?? null, agency_id: agencyId, level, code: String(values.implCode), basic_code: String(values.basicCode), name: String(values.name), type: String(values.type),
          status, status_since: statusOn, ...valueColumns(sch, values), search_text: searchText(values), created_by: actor.userId, created_at: at, updated_at: at,
        });
        await repo.insertChange(trx, { agency_id: agencyId, item_id: id, version_no: 1, kind: 'create', status, effective_on: statusOn, changes_json: toJson(diffValues(sch, {}, values))!, reason: input.reason?.slice(0, MAX_REASON) || (parent ? '实施上级部门确定的事项' : '新增事项'), actor_user_id: actor.userId, actor_name: actor.displayName, at });
        await deps.audit.record(trx, { actor, agencyId, action: 'service_item.create', entity: 'service_item', entityId: id, after: { code: values.implCode, name: values.name, parentId: parent?.id ?? null } });
        return id;
      });
      return detail(actor, id);
    },

    async update(actor, id, input) {
      const r = await repo.findItem(db, id);
      if (!r) throw notFound();
      assertVisible(actor, r.agency_id);
      assertNotAdmin(actor, '维护政务服务事项');
      assertRole(actor, ...EDITOR_ROLES);
      const reason = (input.reason ?? '').trim();
      if (!reason) throw validationFailed([{ field: 'reason', message: '请填写变更原因（例如：依据新修订的条例调整承诺时限）' }]);
      if (reason.length > MAX_REASON) throw validationFailed([{ field: 'reason', message: `变更原因最多 ${MAX_REASON} 字` }]);
      const sch = await schema();
      const before = fromJson<ElementValues>(r.values_json) ?? {};
      const after: ElementValues = { ...before };
      for (const [k, v] of Object.entries(input.values ?? {})) {
        if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) delete after[k];
        else after[k] = typeof v === 'string' ? v.trim() : v;
      }
      const problems = valueProblems(sch, after);
      if (problems.length) throw validationFailed(problems, '事项要素有误，请按提示修改');
      if (after.implCode !== before.implCode) {
        const other = (await repo.findByCodes(db, [String(after.implCode)])).find((x) => x.id !== id);
        if (other) throw validationFailed([{ field: 'el.implCode', message: `实施编码 ${String(after.implCode)} 已被使用（${other.name}）` }]);
      }
      const changes = diffValues(sch, before, after);
      let statusEvent: StatusEvent | null = null;
      if (input.status && input.status !== r.status) {
        const on = input.statusOn ?? today();
        checkStatusDate(input.statusOn, 'statusOn');
        const events = (await repo.changesOf(db, r.agency_id, id)).filter((c) => c.status && c.effective_on).map((c) => ({ status: c.status as ItemStatus, on: c.effective_on! }));
        const p = statusChangeProblems(events, { status: input.status, on });
        if (p.length) throw validationFailed(p.map((message) => ({ field: 'status', message })));
        statusEvent = { status: input.status, on };
      }
      if (changes.length === 0 && !statusEvent) throw new AppError('validation_failed', { detail: '没有任何修改', fieldErrors: [{ field: 'form', message: '没有任何修改：请修改要素或状态后再保存' }] });
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateItem(trx, id, input.version, {
          code: String(after.implCode), basic_code: String(after.basicCode), name: String(after.name), type: String(after.type),
          ...valueColumns(sch, after), search_text: searchText(after), updated_at: at,
          ...(statusEvent ? { status: statusEvent.status, status_since: statusEvent.on } : {}),
        });
        if (!ok) throw conflict('该事项已被他人修改，请刷新后在最新版本上修改');
        await repo.insertChange(trx, { agency_id: r.agency_id, item_id: id, version_no: input.version + 1, kind: statusEvent ? 'status' : 'update', status: statusEvent?.status ?? null, effective_on: statusEvent?.on ?? null, changes_json: toJson(changes)!, reason, actor_user_id: actor.userId, actor_name: actor.displayName, at });
        await deps.audit.record(trx, { actor, agencyId: r.agency_id, action: 'service_item.update', entity: 'service_item', entityId: id, before: { version: input.version }, after: { changes: changes.map((c) => c.key), status: statusEvent, reason } });
      });
      return detail(actor, id);
    },

    async consistency(actor, agencyId) {
      assertVisible(actor, agencyId);
      const all = await deps.agencies.list();
      // the agency and every unit below it
      const below = new Set([agencyId]);
      for (let grew = true; grew;) { grew = false; for (const a of all) if (a.parentId !== null && below.has(a.parentId) && !below.has(a.id)) { below.add(a.id); grew = true; } }
      const names = new Map(all.map((a) => [a.id, a.name]));
      const [s, sch] = await Promise.all([settings(), schema()]);
      const mm = sch.filter((e) => s.mustMatch.includes(e.key));
      const check = await checkTrees(db, [...below], mm, names, below);
      const differences = check.differences
        .filter((d) => d.values.some((v) => below.has(v.agencyId) && (v.differs || v.itemId === d.itemId)))
        .map((d) => ({ item: d.itemId, itemName: d.itemName, element: d.element, label: d.label, values: d.values }));
      return { mustMatch: mm.map((e) => ({ key: e.key, label: e.label })), differences, scores: check.scores.map((u) => ({ agency: u.agency, agencyId: u.agencyId, score: u.score, items: u.items, incomplete: u.incomplete })) };
    },

    async exportRows(actor, agencyId) {
      let ids: readonly number[] | null = actor.role === 'admin' ? null : actor.visibleAgencyIds;
      if (agencyId !== undefined) {
        assertVisible(actor, agencyId);
        const all = await deps.agencies.list();
        const below = new Set([agencyId]);
        for (let grew = true; grew;) { grew = false; for (const a of all) if (a.parentId !== null && below.has(a.parentId) && !below.has(a.id) && canSee(actor, a.id)) { below.add(a.id); grew = true; } }
        ids = [...below];
      }
      const out: { agency: string; levelLabel: string; statusLabel: string; statusSince: string; values: ElementValues }[] = [];
      for (let page = 1; ; page++) {
        const { rows } = await repo.listItems(db, { agencyIds: ids, phrases: [], page, pageSize: 1000 });
        for (const r of rows) out.push({ agency: r.agency_name, levelLabel: LEVEL_LABELS[r.level as Level], statusLabel: STATUS_LABELS[r.status as ItemStatus], statusSince: r.status_since, values: fromJson<ElementValues>(r.values_json) ?? {} });
        if (rows.length < 1000 || out.length >= 100_000) break;
      }
      return { schema: await schema(), rows: out };
    },

    async implementable(actor) {
      const all = await deps.agencies.list();
      const byId = new Map(all.map((a) => [a.id, a]));
      // the district: the nearest 人民政府 above the unit; its 区-level agencies are it and its departments
      let top = byId.get(actor.agencyId);
      while (top && top.kind !== 'government' && top.parentId !== null) top = byId.get(top.parentId);
      if (!top) return [];
      const district = new Set([top.id]);
      for (let grew = true; grew;) { grew = false; for (const a of all) if (a.parentId !== null && district.has(a.parentId) && !district.has(a.id) && levelOfKind(a.kind) === 'district') { district.add(a.id); grew = true; } }
      const rows = await repo.definingItems(db, [...district], actor.agencyId);
      return rows.map((r) => ({ id: r.id, label: `${r.name}（${r.code}，${byId.get(r.agency_id)?.name ?? ''}）` }));
    },

    async files(actor, id) {
      const it = await detail(actor, id);
      const own = await repo.filesOf(db, id);
      const inherited = it.parentId !== null ? await repo.filesOf(db, it.parentId) : [];
      const names = new Set(own.map((f) => f.filename));
      return [...own, ...inherited.filter((f) => !names.has(f.filename))].map((f) => ({ filename: f.filename, mime: f.mime, size: f.size }));
    },

    async file(actor, id, filename) {
      const it = await detail(actor, id);
      const f = (await repo.fileOf(db, id, filename)) ?? (it.parentId !== null ? await repo.fileOf(db, it.parentId, filename) : undefined);
      if (!f) throw notFound('没有这个文件');
      return { filename: f.filename, mime: f.mime, data: Buffer.from(f.content_base64, 'base64') };
    },

    canEdit(actor, item) {
      return (EDITOR_ROLES as readonly string[]).includes(actor.role) && canSee(actor, item.agencyId);
    },

    async yearCounts(agencyIds, year) {
      return yearCountsByAgency(await repo.statusEventsFor(db, agencyIds), year);
    },

    workProvider() {
      // item_mismatch: an implementation of the actor's unit differs from the 区 department's must-match elements;
      // who may correct it is who may edit the implementation (officer / leader of the unit).
      return async (actor) => {
        if (!(EDITOR_ROLES as readonly string[]).includes(actor.role)) return [];
        const [s, sch] = await Promise.all([settings(), schema()]);
        const mm = sch.filter((e) => s.mustMatch.includes(e.key));
        const { differences, rows, itemNames } = await checkTrees(db, [actor.agencyId], mm, new Map(), new Set());
        if (!rows.some((r) => r.agency_id === actor.agencyId && r.parent_id !== null)) return [];
        const mine = new Map<number, { name: string; labels: string[]; first: string }>();
        for (const d of differences) {
          for (const v of d.values) {
            if (!v.differs || v.agencyId !== actor.agencyId) continue;
            const e = mine.get(v.itemId) ?? { name: d.itemName, labels: [], first: d.element };
            e.labels.push(d.label);
            mine.set(v.itemId, e);
          }
        }
        return [...mine.entries()].map(([itemId, e]): WorkItem => ({
          kind: 'item_mismatch', kindLabel: '事项要素不一致', title: `${e.name}：${e.labels.join('、')}与区级部门不一致`, agency: actor.agencyName,
          ref: String(itemId), url: `/admin/services/${itemId}#field-el.${e.first}`, due: null, overdue: false, warning: true,
          note: `请按区级部门确定的要素修改（${itemNames.get(itemId) ?? ''}）`,
        }));
      };
    },
  };
  return service;
}

export { ITEM_STATUSES };
