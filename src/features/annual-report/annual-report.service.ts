// The annual report from live data: compile an agency's report of a year from its records (GROUP BY
// queries), drill down from every cell to the records behind it, override a cell only with a written reason, run the
// rule catalogue on every save, and take the report through draft → submitted → returned / accepted → published
// (条例 第四十九条, 第五十条). Publishing locks the year (annual-report.lock.ts); an administrator may unlock with a
// reason; a correction is published as a new version with the change noted.
import { applicantNameFor } from '../../core/personal-data/index.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, isUniqueViolation, nowIso, toJson } from '../../db/dialect.ts';
import {
  APPEAL_COLUMN, APPEAL_GROUP, STATE_LABELS, WorkflowError, applyOverrides, availableActions, compileReport, currentReportYear,
  daysLeft, deadlineOf, EDITING_EVENTS, listState, makeOverride, OverrideError, reminderDue, table2SourceOf, transition,
  type AppealKind, type AppealResult, type DecisionCategory, type ListState, type Overrides, type ReportAction, type ReportState,
  type SectionStyle, type WorkflowActor,
} from '../../core/annual-report/index.ts';
import { APPLICANT_COLUMN, APPLICANT_TYPES, type ApplicantType } from '../../core/applications/applicants.ts';
import { table2Article20Item1, table2Article20Item1FromCounts } from '../../core/catalogue/statistics.ts';
import { T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, defaultFormatForYear, type LayoutId } from '../../core/report/formats.ts';
import type { Cell, CellRef, NarrativeSection, ReportModel } from '../../core/report/model.ts';
import type { Summary } from '../../core/evaluations/index.ts';
import { cellValue, checkReport, type Finding } from '../../core/report/rules.ts';
import { assertNotAdmin, canSee, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../shared/errors.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import type { DashboardCard } from '../../ui/index.ts';
import * as repo from './annual-report.repository.ts';
import { isYearLocked } from './annual-report.lock.ts';
import * as decisionsRepo from '../decisions/decisions.repository.ts';
import { ZHIFU_2019_SECTIONS, ZHIFU_2019_TITLE } from './seed/zhifu-2019.ts';
import { legalDateOf } from '../shared/legal-date.ts';

export interface ReportEvent { kind: string; actorName: string; comment: string | null; at: string }
export interface PublicationView { versionNo: number; publishedOn: string; changeNote: string | null }

export interface ReportView {
  agency: Pick<Agency, 'id' | 'name' | 'creditCode' | 'parentId'>;
  year: number;
  format: LayoutId;
  state: ReportState;
  stateLabel: string;
  version: number;
  locked: boolean;
  publishedVersion: number;
  model: ReportModel;
  computed: ReportModel;
  overrides: Overrides;
  editedSections: string[];
  findings: Finding[];
  errors: number;
  warnings: number;
  events: ReportEvent[];
  publications: PublicationView[];
  actions: ReportAction[];
  deadline: string;
  daysLeft: number;
}

export type DrillRows =
  | { kind: 'applications'; rows: repo.DrillApplication[] }
  | { kind: 'appeals'; rows: repo.DrillAppeal[] }
  | { kind: 'catalogue'; rows: { id: number; title: string }[] }
  | { kind: 'register'; category: DecisionCategory; rows: { id: number; decidedOn: string | null; itemName: string | null; count: number; amount: number | null; source: string; caseNo: string | null; itemCode: string | null; result: string | null }[] }
  | { kind: 'items'; category: DecisionCategory; rows: { previous: number; change: number }[]; serviceItems?: { id: number; name: string; code: string; previous: boolean; current: boolean }[] };

export interface DrillResult {
  ref: CellRef;
  label: string;
  value: Cell;
  computed: Cell;
  override: Overrides[string] | null;
  detail: DrillRows;
}

export interface SupervisorRow {
  agencyId: number;
  agencyName: string;
  creditCode: string;
  state: ListState;
  reportState: ReportState | null;
  findings: number;
  errors: number;
}

export interface TrendPoint {
  year: number;
  state: string;
  received: number;
  concluded: number;
  carriedOut: number;
  outcomes: Record<string, number>;
  reviews: number;
  litigation: number;
  rules: number;
  normative: number;
}

export interface PublishedReport {
  agency: Pick<Agency, 'id' | 'name' | 'creditCode'>;
  year: number;
  versionNo: number;
  publishedOn: string;
  model: ReportModel;
  versions: PublicationView[];
}

export interface SaveInput {
  version: number;
  /** section key → new text */
  sections?: Record<string, string>;
  override?: { ref: CellRef; value: Cell; reason: string };
  removeOverride?: { ref: CellRef; reason: string };
}

export interface AnnualReportService {
  /** Compile (or recompile) the working report of an agency and year; keeps edited sections and overrides. */
  compile(actor: Actor, agencyId: number, year: number, opts?: { format?: LayoutId }): Promise<ReportView>;
  get(actor: Actor, agencyId: number, year: number): Promise<ReportView | null>;
  save(actor: Actor, agencyId: number, year: number, input: SaveInput): Promise<ReportView>;
  act(actor: Actor, agencyId: number, year: number, action: Exclude<ReportAction, 'save'>, input: { version: number; comment?: string | null }): Promise<ReportView>;
  drill(actor: Actor, agencyId: number, year: number, ref: CellRef): Promise<DrillResult>;
  supervisorList(actor: Actor, year: number): Promise<SupervisorRow[]>;
  trend(actor: Actor, agencyId: number): Promise<TrendPoint[]>;
  /** The latest published version (public). */
  published(creditCode: string, year: number): Promise<PublishedReport | null>;
  publishedList(): Promise<{ agencyName: string; creditCode: string; year: number; versionNo: number; publishedOn: string }[]>;
  /** Dashboard: the report year due, days left to the deadline (第四十九条), state and a reminder from 1 January. */
  dashboard(actor: Actor): Promise<{ year: number; deadline: string; daysLeft: number; state: ListState; reminder: boolean; href: string }>;
  /** 工作台 card: the report year due, days left to 31 January (第四十九条), the state (reminder from 1 January). */
  dashboardCards(actor: Actor): Promise<DashboardCard[]>;
  isYearLocked(agencyId: number, year: number): Promise<boolean>;
  /** The compiled model without an actor (CLI, benchmark, seed). */
  compileModel(agencyId: number, year: number, format?: LayoutId, style?: SectionStyle): Promise<ReportModel>;
  /** Compile the reports of many agencies (null = all) with one GROUP BY per table. */
  compileMany(agencyIds: readonly number[] | null, year: number, format?: LayoutId): Promise<Map<number, ReportModel>>;
  /** Seed / system path: compile, set the narrative and publish at once (audited as the system actor). */
  publishAsSystem(actor: AuditActor, agencyId: number, year: number, opts: { format: LayoutId; sections?: NarrativeSection[]; style?: SectionStyle; publishedOn: string; title?: string }): Promise<ReportView>;
  /** Demo seed: the records of the demo agency's year 2019 (register; the application when the applications seed did
   *  not create one) and its published 2019 report. Idempotent (skips when the 2019 report exists). */
  seedDemo2019(actor: AuditActor, agencyId: number): Promise<{ seeded: boolean; createdApplication: boolean }>;
}

interface Stored { cells: Overrides; editedSections: string[] }

export function createAnnualReportService(db: Kysely<Database>, deps: {
  audit: AuditService; agencies: AgenciesService; clock?: () => Date; firstYearOf2021Format?: number;
  /** the year's 好差评 figures per agency (the agencies with ratings), stated in the compiled 总体情况 */
  evaluationFigures?: (agencyIds: readonly number[] | null, year: number) => Promise<ReadonlyMap<number, Summary>>;
}): AnnualReportService {
  const clock = deps.clock ?? (() => new Date());
  const today = () => legalDateOf(clock());
  const fmtFor = (year: number, f?: LayoutId): LayoutId => f ?? defaultFormatForYear(year, deps.firstYearOf2021Format);

  async function agencyOr404(id: number): Promise<Agency> {
    const a = await deps.agencies.get(id);
    if (!a) throw notFound();
    return a;
  }

  /**
   * The actor relative to the report. A supervisor approves the reports of the agencies in its scope, its own
   * agency's included (the 政务公开办 sits in the government office: 第四十九条 本级政府信息公开工作主管部门);
   * `hasEdited` marks whoever compiled, edited or submitted the report since its last publication.
   */
  async function wfActor(actor: Actor, agencyId: number, reportId?: number): Promise<WorkflowActor> {
    let hasEdited = false;
    if (reportId !== undefined) {
      const events = await repo.listEvents(db, agencyId, reportId);
      const lastPublish = events.map((e) => e.kind).lastIndexOf('publish');
      hasEdited = events.slice(lastPublish + 1).some((e) => e.actor_user_id === actor.userId && EDITING_EVENTS.has(e.kind));
    }
    return {
      role: actor.role,
      ownAgency: actor.agencyId === agencyId,
      supervisesAgency: actor.role === 'supervisor' && canSee(actor, agencyId),
      hasEdited,
    };
  }

  async function compileMany(agencyIds: readonly number[] | null, year: number, format?: LayoutId, style?: SectionStyle): Promise<Map<number, ReportModel>> {
    const f = fmtFor(year, format);
    // every query at once (the agencies' names too): the compile waits for its slowest query, not for their sum
    const [t3, t4, reg, fees, items, ratings, agencies] = await Promise.all([
      repo.table3Groups(db, agencyIds, year, f),
      repo.table4Groups(db, agencyIds, year),
      repo.registerTotals(db, agencyIds, year),
      repo.feesCollected(db, agencyIds, year),
      repo.catalogueYearCounts(db, agencyIds, year),
      deps.evaluationFigures ? deps.evaluationFigures(agencyIds, year) : new Map<number, Summary>(),
      agencyIds === null ? deps.agencies.list() : repo.agenciesByIds(db, agencyIds).then((rows) => rows.map((a) => ({ id: a.id, name: a.name, creditCode: a.credit_code }))),
    ]);
    const out = new Map<number, ReportModel>();
    const catFormat = f === '2019' ? '2019' : '2021';
    for (const a of agencies) {
      out.set(a.id, compileReport({
        agency: a.name, creditCode: a.creditCode, year, format: f,
        table3: t3.get(a.id) ?? [], table4: t4.get(a.id) ?? [], catalogue: table2Article20Item1FromCounts(items.get(a.id) ?? {}, catFormat),
        register: { decisions: reg.decisions.get(a.id) ?? {}, items: reg.items.get(a.id) ?? {} },
        fees: fees.get(a.id) ?? { amountYuan: 0, count: 0 },
        sections: style ?? 'national',
        evaluations: ratings.get(a.id) ?? null,
      }));
    }
    return out;
  }

  async function compileModel(agencyId: number, year: number, format?: LayoutId, style?: SectionStyle): Promise<ReportModel> {
    const m = (await compileMany([agencyId], year, format, style)).get(agencyId);
    if (!m) throw notFound();
    return m;
  }

  async function previousModel(ex: Kysely<Database> | Transaction<Database>, agencyId: number, year: number): Promise<ReportModel | undefined> {
    const prev = await repo.findReport(ex, agencyId, year - 1);
    return prev ? fromJson<ReportModel>(prev.model_json) ?? undefined : undefined;
  }

  async function findingsOf(ex: Kysely<Database> | Transaction<Database>, model: ReportModel, agencyId: number): Promise<Finding[]> {
    return checkReport(model, { previous: await previousModel(ex, agencyId, model.year), today: today() });
  }

  async function view(actor: Actor | null, row: repo.ReportRow): Promise<ReportView> {
    const agency = await agencyOr404(row.agency_id);
    const stored = fromJson<Stored>(row.overrides_json) ?? { cells: {}, editedSections: [] };
    const model = fromJson<ReportModel>(row.model_json)!;
    // Findings are checked again for the page: P1 (第四十九条) depends on today and on the publication date.
    const [events, pubs, findings] = await Promise.all([repo.listEvents(db, row.agency_id, row.id), repo.listPublications(db, row.agency_id, row.year), findingsOf(db, model, row.agency_id)]);
    const state = row.state as ReportState;
    return {
      agency: { id: agency.id, name: agency.name, creditCode: agency.creditCode, parentId: agency.parentId },
      year: row.year, format: row.format as LayoutId, state, stateLabel: STATE_LABELS[state].zh, version: row.version,
      locked: row.locked === 1, publishedVersion: row.published_version,
      model, computed: fromJson<ReportModel>(row.computed_json)!,
      overrides: stored.cells, editedSections: stored.editedSections,
      findings, errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length,
      events: events.map((e) => ({ kind: e.kind, actorName: e.actor_name, comment: e.comment, at: e.at })),
      publications: pubs.map((p) => ({ versionNo: p.version_no, publishedOn: p.published_on, changeNote: p.change_note })),
      actions: actor ? availableActions(state, await wfActor(actor, row.agency_id, row.id)) : [],
      deadline: deadlineOf(row.year, agency.name), daysLeft: daysLeft(today(), row.year, agency.name),
    };
  }

  async function loadRow(actor: Actor, agencyId: number, year: number): Promise<repo.ReportRow> {
    assertVisible(actor, agencyId);
    const row = await repo.findReport(db, agencyId, year);
    if (!row) throw new AppError('not_found', { detail: `${year}年度报告尚未生成，请先点击“从业务数据生成报告”` });
    return row;
  }

  function wf<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof WorkflowError) {
        if (e.kind === 'forbidden') throw forbidden(e.message);
        if (e.kind === 'conflict') throw new AppError('conflict', { title: '现在不能进行这项操作', detail: e.message });
        throw validationFailed([{ field: 'comment', message: e.message }], e.message);
      }
      if (e instanceof OverrideError) throw validationFailed([{ field: 'reason', message: e.message }], e.message);
      throw e;
    }
  }

  /** Recompute the model from computed + overrides + sections, check it, and write it (optimistic). */
  async function write(trx: Kysely<Database> | Transaction<Database>, row: repo.ReportRow, next: { computed: ReportModel; stored: Stored; sections: NarrativeSection[]; state?: ReportState; extra?: Partial<repo.ReportRow>; model?: ReportModel }): Promise<ReportModel> {
    const model = next.model ?? { ...applyOverrides(next.computed, next.stored.cells), sections: next.sections, title: next.computed.title, published: null };
    const findings = await findingsOf(trx, model, row.agency_id);
    const ok = await repo.updateReport(trx, row.id, row.version, {
      model_json: toJson(model)!, computed_json: toJson(next.computed)!, overrides_json: toJson(next.stored)!, findings_json: toJson(findings)!,
      errors_count: findings.filter((f) => f.severity === 'error').length, warnings_count: findings.filter((f) => f.severity === 'warning').length,
      ...(next.state ? { state: next.state } : {}), updated_at: nowIso(clock), ...next.extra,
    });
    if (!ok) throw conflict('该报告已被他人修改，请刷新页面后重试');
    return model;
  }

  async function compileInto(actorForAudit: AuditActor, agencyId: number, year: number, format: LayoutId | undefined, style: SectionStyle | undefined, eventName: string, forcedSections?: NarrativeSection[]): Promise<repo.ReportRow> {
    const existing = await repo.findReport(db, agencyId, year);
    const f = existing && !format ? (existing.format as LayoutId) : fmtFor(year, format);
    const computed = await compileModel(agencyId, year, f, style);
    const stored: Stored = existing ? fromJson<Stored>(existing.overrides_json) ?? { cells: {}, editedSections: [] } : { cells: {}, editedSections: [] };
    let sections = computed.sections;
    if (forcedSections) {
      sections = forcedSections;
      stored.editedSections = forcedSections.map((s) => s.key);
    } else if (existing) {
      const old = fromJson<ReportModel>(existing.model_json)!;
      const byKey = new Map(old.sections.map((s) => [s.key, s]));
      sections = computed.sections.map((s) => (stored.editedSections.includes(s.key) && byKey.has(s.key) ? byKey.get(s.key)! : s));
    }
    // overrides survive a recompile; their "computed" value is refreshed
    for (const [ref, o] of Object.entries(stored.cells)) stored.cells[ref] = { ...o, computed: cellValue(computed, ref) };
    const at = nowIso(clock);
    return db.transaction().execute(async (trx) => {
      let row = existing;
      if (!row) {
        const empty = toJson(computed)!;
        let id: number;
        try {
          id = await repo.insertReport(trx, {
            agency_id: agencyId, year, format: f, state: 'draft', model_json: empty, computed_json: empty, overrides_json: toJson(stored)!,
            findings_json: '[]', compiled_at: at, submitted_at: null, created_at: at, updated_at: at,
          });
        } catch (e) {
          // someone compiled the same year at the same moment (annual_reports_agency_year_uq): theirs stands
          if (isUniqueViolation(e)) throw conflict(`${year}年度报告刚由他人生成，请刷新页面后查看`);
          throw e;
        }
        row = (await repo.findReport(trx, agencyId, year))!;
        void id;
      }
      // recompiling an approved report returns it to draft (负责人 approves again)
      await write(trx, row, { computed, stored, sections, ...(row.state === 'approved' ? { state: 'draft' as const } : {}), extra: { compiled_at: at, format: f } });
      await repo.insertEvent(trx, { agency_id: row.agency_id, report_id: row.id, kind: eventName, actor_user_id: actorForAudit.userId, actor_name: actorForAudit.displayName, comment: null, at });
      await deps.audit.record(trx, { actor: actorForAudit, agencyId, action: 'annual_report.compile', entity: 'annual_report', entityId: row.id, after: { year, format: f } });
      return (await repo.findReport(trx, agencyId, year))!;
    });
  }

  const service: AnnualReportService = {
    async compile(actor, agencyId, year, opts = {}) {
      assertVisible(actor, agencyId);
      assertNotAdmin(actor, '生成或编辑各机关的年度报告');
      const existing = await repo.findReport(db, agencyId, year);
      if (!Number.isInteger(year) || year < 2008 || year > Number(today().slice(0, 4))) throw validationFailed([{ field: 'year', message: `请选择 2008 至 ${today().slice(0, 4)} 之间的年度` }]);
      const who = await wfActor(actor, agencyId, existing?.id);
      wf(() => transition((existing?.state as ReportState) ?? 'draft', 'save', who, { errors: 0, publishedVersion: existing?.published_version ?? 0 }));
      const row = await compileInto(actor, agencyId, year, opts.format, undefined, existing ? 'recompiled' : 'compiled');
      return view(actor, row);
    },

    async get(actor, agencyId, year) {
      assertVisible(actor, agencyId);
      const row = await repo.findReport(db, agencyId, year);
      return row ? view(actor, row) : null;
    },

    async save(actor, agencyId, year, input) {
      const row = await loadRow(actor, agencyId, year);
      assertNotAdmin(actor, '编辑各机关的年度报告');
      if (row.version !== input.version) throw conflict('该报告已被他人修改，请刷新页面后重试');
      const who = await wfActor(actor, agencyId, row.id);
      const nextState = wf(() => transition(row.state as ReportState, 'save', who, { errors: 0, publishedVersion: row.published_version }));
      const computed = fromJson<ReportModel>(row.computed_json)!;
      const current = fromJson<ReportModel>(row.model_json)!;
      const stored = fromJson<Stored>(row.overrides_json) ?? { cells: {}, editedSections: [] };
      const at = nowIso(clock);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      let sections = current.sections;
      if (input.sections) {
        sections = current.sections.map((s) => {
          const text = input.sections![s.key];
          if (text === undefined || text === s.text) return s;
          if (!stored.editedSections.includes(s.key)) stored.editedSections.push(s.key);
          before[`section:${s.key}`] = s.text.length;
          after[`section:${s.key}`] = text.length;
          return { ...s, text };
        });
      }
      if (input.override) {
        const { ref, value, reason } = input.override;
        const o = wf(() => makeOverride(computed, ref, value, reason, actor.displayName, at));
        before[ref] = stored.cells[ref]?.value ?? cellValue(computed, ref);
        after[ref] = { value, reason: o.reason };
        stored.cells = { ...stored.cells, [ref]: o };
      }
      if (input.removeOverride) {
        const { ref, reason } = input.removeOverride;
        if (!stored.cells[ref]) throw notFound('该单元格没有修改记录');
        if ((reason ?? '').replace(/\s+/g, '').length < 4) throw validationFailed([{ field: 'reason', message: '撤销修改也请写明理由（至少4个字）' }]);
        before[ref] = stored.cells[ref];
        after[ref] = { value: cellValue(computed, ref), reason: reason.trim(), restored: true };
        const { [ref]: _dropped, ...rest } = stored.cells;
        stored.cells = rest;
      }
      await db.transaction().execute(async (trx) => {
        // editing an approved report returns it to draft (负责人 approves again)
        await write(trx, row, { computed, stored, sections, ...(nextState !== row.state ? { state: nextState } : {}) });
        const kind = input.override ? 'override' : input.removeOverride ? 'override_removed' : 'saved';
        const comment = input.override ? `${input.override.ref} = ${input.override.value ?? '空'}：${input.override.reason.trim()}` : input.removeOverride ? `${input.removeOverride.ref} 恢复为统计值：${input.removeOverride.reason.trim()}` : null;
        await repo.insertEvent(trx, { agency_id: row.agency_id, report_id: row.id, kind, actor_user_id: actor.userId, actor_name: actor.displayName, comment, at });
        await deps.audit.record(trx, { actor, agencyId, action: `annual_report.${kind}`, entity: 'annual_report', entityId: row.id, before, after });
      });
      return view(actor, (await repo.findReport(db, agencyId, year))!);
    },

    async act(actor, agencyId, year, action, input) {
      const row = await loadRow(actor, agencyId, year);
      // the administrator only unlocks a published report (a control, with a written reason); never content
      if (action !== 'unlock') assertNotAdmin(actor, '报送、审核或发布各机关的年度报告');
      if (row.version !== input.version) throw conflict('该报告已被他人修改，请刷新页面后重试');
      const comment = input.comment?.trim() || null;
      const who = await wfActor(actor, agencyId, row.id);
      const next = wf(() => transition(row.state as ReportState, action, who, { errors: row.errors_count, comment, publishedVersion: row.published_version }));
      const at = nowIso(clock);
      const computed = fromJson<ReportModel>(row.computed_json)!;
      const stored = fromJson<Stored>(row.overrides_json) ?? { cells: {}, editedSections: [] };
      const model = fromJson<ReportModel>(row.model_json)!;
      await db.transaction().execute(async (trx) => {
        const t = trx;
        if (action === 'publish') {
          const versionNo = row.published_version + 1;
          const published: ReportModel = { ...model, published: today() };
          if (versionNo > 1 && comment) published.notes = [...(model.notes ?? []), `更正说明（第${versionNo}版，${today()}）：${comment}`];
          await write(t, row, { computed, stored, sections: model.sections, state: next, model: published, extra: { locked: 1, published_version: versionNo } });
          await repo.insertPublication(trx, { report_id: row.id, agency_id: agencyId, year, version_no: versionNo, model_json: toJson(published)!, change_note: versionNo > 1 ? comment : null, published_on: today(), published_at: at, published_by: actor.userId });
        } else {
          await write(t, row, {
            computed, stored, sections: model.sections, state: next, model,
            extra: { ...(action === 'submit' ? { submitted_at: at } : {}), ...(action === 'unlock' ? { locked: 0 } : {}) },
          });
        }
        await repo.insertEvent(trx, { agency_id: row.agency_id, report_id: row.id, kind: action, actor_user_id: actor.userId, actor_name: actor.displayName, comment, at });
        await deps.audit.record(trx, { actor, agencyId, action: `annual_report.${action}`, entity: 'annual_report', entityId: row.id, before: { state: row.state, locked: row.locked }, after: { state: next, comment } });
      });
      return view(actor, (await repo.findReport(db, agencyId, year))!);
    },

    async drill(actor, agencyId, year, ref) {
      const row = await loadRow(actor, agencyId, year);
      const model = fromJson<ReportModel>(row.model_json)!;
      const computed = fromJson<ReportModel>(row.computed_json)!;
      const stored = fromJson<Stored>(row.overrides_json) ?? { cells: {}, editedSections: [] };
      const format = row.format as LayoutId;
      const p = ref.split('|');
      let detail: DrillRows;
      let label: string;
      if (p[0] === 'table3' && p.length === 3 && p[1]! in computed.table3.rows) {
        const [, r, c] = p as [string, string, string];
        const types: ApplicantType[] | null = c === '总计' ? null : APPLICANT_TYPES.filter((t) => APPLICANT_COLUMN[t] === c);
        if (types && types.length === 0) throw notFound();
        const bucket = r === T3_RECEIVED ? 'received' : r === T3_CARRIED_IN ? 'carried_in' : r === T3_TOTAL ? 'concluded' : r === T3_CARRIED_OUT ? 'carried_out' : 'row';
        // Applicants' names follow the personal-data policy (a supervisor sees 张*).
        const rows = await repo.applicationsForCell(db, { agencyId, year, format, bucket, row: r, applicantTypes: types });
        detail = { kind: 'applications', rows: rows.map((x) => ({ ...x, applicant_name: applicantNameFor(actor.role, x.applicant_type, x.applicant_name) })) };
        label = `表三 ${r.replace('/', ' ')} · ${c}`;
      } else if (p[0] === 'table4' && p.length === 3) {
        const [, g, c] = p as [string, string, string];
        const kind = (Object.keys(APPEAL_GROUP) as AppealKind[]).find((k) => APPEAL_GROUP[k] === g);
        const result = c === '总计' ? null : (Object.keys(APPEAL_COLUMN) as AppealResult[]).find((k) => APPEAL_COLUMN[k] === c);
        if (!kind || result === undefined) throw notFound();
        detail = { kind: 'appeals', rows: await repo.appealsForCell(db, agencyId, year, kind, result) };
        label = `表四 ${g} · ${c}`;
      } else if (p[0] === 'table2' && p.length === 4) {
        const [, b, r, c] = p as [string, string, string, string];
        const src = table2SourceOf(b, r, c);
        if (!src) throw notFound();
        label = `表二 ${b} ${r} · ${c}`;
        if (src.kind === 'catalogue') {
          const items = await repo.catalogueStatItems(db, [agencyId]);
          const fold = table2Article20Item1(items.map((it) => ({ id: it.id, kind: it.kind ?? '', madeOn: it.made_on, publishedOn: it.first_published_on, validity: it.validity as 'valid', validityChangedOn: it.validity_changed_on, withdrawnOn: it.withdrawn_on })), year, format === '2019' ? '2019' : '2021');
          const ids = new Set(fold.records[r]?.[c] ?? []);
          detail = { kind: 'catalogue', rows: items.filter((it) => ids.has(it.id)).map((it) => ({ id: it.id, title: `${it.index_no} ${it.title ?? ''}` })) };
        } else if (src.kind === 'register') {
          const entries = src.category === 'fee' && src.measure === 'amount' ? await decisionsRepo.listFeeEntries(db, agencyId, year) : await decisionsRepo.listEntries(db, agencyId, year, src.category);
          detail = { kind: 'register', category: src.category, rows: entries.map((e) => ({ id: e.id, decidedOn: e.decided_on, itemName: e.item_name, count: e.count, amount: e.amount, source: e.source, caseNo: e.case_no, itemCode: e.item_code, result: e.result })) };
        } else {
          const fromItems = (await repo.serviceItemYearCounts(db, [agencyId], year)).get(agencyId)?.[src.category];
          if (fromItems) {
            // from the service items' status history: the items listed at the end of the previous year and of this one
            const prev = new Set(fromItems.previousIds);
            const cur = new Set(fromItems.currentIds);
            const rows = await repo.serviceItemsByIds(db, [...new Set([...prev, ...cur])]);
            detail = { kind: 'items', category: src.category, rows: [{ previous: fromItems.previous, change: fromItems.change }], serviceItems: rows.map((r) => ({ id: r.id, name: r.name, code: r.code, previous: prev.has(r.id), current: cur.has(r.id) })) };
          } else {
            const items = (await decisionsRepo.itemCounts(db, agencyId, year)).filter((i) => i.category === src.category);
            detail = { kind: 'items', category: src.category, rows: items.map((i) => ({ previous: i.previous_items, change: i.items_change })) };
          }
        }
      } else {
        throw notFound('表格中没有这个单元格');
      }
      return { ref, label, value: cellValue(model, ref), computed: cellValue(computed, ref), override: stored.cells[ref] ?? null, detail };
    },

    async supervisorList(actor, year) {
      if (actor.role !== 'supervisor' && actor.role !== 'admin') throw forbidden('只有政务公开主管部门（监督）可以查看下级机关的报告');
      const all = await deps.agencies.list();
      const ids = actor.role === 'admin' ? all.map((a) => a.id) : actor.visibleAgencyIds.filter((id) => id !== actor.agencyId);
      const rows = await repo.reportsForYear(db, ids, year);
      const byId = new Map(rows.map((r) => [r.agency_id, r]));
      const t = today();
      return all.filter((a) => ids.includes(a.id)).map((a) => {
        const r = byId.get(a.id);
        return {
          agencyId: a.id, agencyName: a.name, creditCode: a.creditCode,
          state: listState(r?.state ?? null, t, year, a.name), reportState: (r?.state as ReportState) ?? null,
          findings: r ? r.errors_count + r.warnings_count : 0, errors: r?.errors_count ?? 0,
        };
      });
    },

    async trend(actor, agencyId) {
      assertVisible(actor, agencyId);
      const rows = await repo.reportsOfAgency(db, agencyId);
      const points: TrendPoint[] = [];
      const models: { year: number; state: string; model: ReportModel }[] = rows.map((r) => ({ year: r.year, state: r.state, model: fromJson<ReportModel>(r.model_json)! }));
      const due = currentReportYear(today());
      if (!models.some((m) => m.year === due)) models.push({ year: due, state: 'live', model: await compileModel(agencyId, due) });
      for (const { year, state, model } of models.sort((a, b) => a.year - b.year)) {
        const tot = (row: string) => { const cells = model.table3.rows[row]; return typeof cells?.[cells.length - 1] === 'number' ? (cells[cells.length - 1] as number) : 0; };
        const fam = (prefix: string) => Object.keys(model.table3.rows).filter((k) => k.startsWith(prefix)).reduce((s, k) => s + tot(k), 0);
        const t4 = (g: string) => (typeof model.table4[g]?.['总计'] === 'number' ? (model.table4[g]!['总计'] as number) : 0);
        const b1 = model.table2['第二十条第（一）项'] ?? {};
        const stock = (row: Record<string, Cell> | undefined) => { const v = row ? Object.values(row)[2] : 0; return typeof v === 'number' ? v : 0; };
        const [ruleRow, normRow] = Object.values(b1);
        points.push({
          year, state, received: tot(T3_RECEIVED), concluded: tot(T3_TOTAL), carriedOut: tot(T3_CARRIED_OUT),
          outcomes: { 予以公开: fam('（一）'), 部分公开: fam('（二）'), 不予公开: fam('（三）'), 无法提供: fam('（四）'), 不予处理: fam('（五）'), 其他处理: fam('（六）') },
          reviews: t4('行政复议'), litigation: t4('未经复议直接起诉') + t4('复议后起诉'), rules: stock(ruleRow), normative: stock(normRow),
        });
      }
      return points;
    },

    async published(creditCode, year) {
      const agency = await deps.agencies.getByCreditCode(creditCode);
      if (!agency) return null;
      const pubs = await repo.listPublications(db, agency.id, year);
      const latest = pubs[0];
      if (!latest) return null;
      return {
        agency: { id: agency.id, name: agency.name, creditCode: agency.creditCode }, year, versionNo: latest.version_no, publishedOn: latest.published_on,
        model: fromJson<ReportModel>(latest.model_json)!, versions: pubs.map((p) => ({ versionNo: p.version_no, publishedOn: p.published_on, changeNote: p.change_note })),
      };
    },

    async publishedList() {
      const rows = await repo.latestPublications(db, null);
      return rows.map((r) => ({ agencyName: r.agency_name, creditCode: r.credit_code, year: r.year, versionNo: r.version_no, publishedOn: r.published_on }));
    },

    async dashboard(actor) {
      const t = today();
      const year = currentReportYear(t);
      const agency = await agencyOr404(actor.agencyId);
      const row = await repo.findReport(db, actor.agencyId, year);
      return {
        year, deadline: deadlineOf(year, agency.name), daysLeft: daysLeft(t, year, agency.name),
        state: listState(row?.state ?? null, t, year, agency.name), reminder: reminderDue(t, year, row?.state === 'published'),
        href: `/admin/annual/${actor.agencyId}/${year}`,
      };
    },

    async dashboardCards(actor) {
      const d = await service.dashboard(actor);
      const stateZh: Record<ListState, string> = { not_started: '未开始', draft: '草稿', approved: '负责人已审定', submitted: '已报送', published: '已发布', late: '逾期未发布' };
      const cards: DashboardCard[] = [{
        title: `${d.year}年度政府信息公开工作年度报告`,
        value: d.state === 'published' ? '已发布' : d.daysLeft >= 0 ? `剩余 ${d.daysLeft} 天` : `逾期 ${-d.daysLeft} 天`,
        href: d.href,
        note: d.state === 'published' ? `法定期限 ${d.deadline}（条例第四十九条）` : `${stateZh[d.state]}；${d.reminder ? '请按时报送发布，' : ''}法定期限 ${d.deadline}（条例第四十九条）`,
      }];
      if (actor.role === 'supervisor' || actor.role === 'admin') {
        const rows = await service.supervisorList(actor, d.year);
        const open = rows.filter((r) => r.state !== 'published').length;
        cards.push({ title: `下级机关${d.year}年度报告`, value: `${rows.length - open}/${rows.length} 已发布`, href: `/admin/annual/agencies?year=${d.year}`, note: `${rows.filter((r) => r.reportState === 'submitted').length} 份待审核，${rows.filter((r) => r.state === 'late').length} 份逾期` });
      }
      return cards;
    },

    isYearLocked: (agencyId, year) => isYearLocked(db, agencyId, year),
    compileModel,
    compileMany: (ids, year, format) => compileMany(ids, year, format),

    async publishAsSystem(actor, agencyId, year, opts) {
      await compileInto(actor, agencyId, year, opts.format, opts.style, 'compiled', opts.sections);
      const row = (await repo.findReport(db, agencyId, year))!;
      if (row.errors_count > 0) throw new AppError('conflict', { detail: `报告有${row.errors_count}处错误，不能发布` });
      const model = fromJson<ReportModel>(row.model_json)!;
      const published: ReportModel = { ...model, published: opts.publishedOn, ...(opts.title ? { title: opts.title } : {}) };
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        const findings = await findingsOf(trx, published, agencyId);
        const ok = await repo.updateReport(trx, row.id, row.version, {
          state: 'published', model_json: toJson(published)!, locked: 1, published_version: row.published_version + 1, updated_at: at,
          findings_json: toJson(findings)!, errors_count: findings.filter((f) => f.severity === 'error').length, warnings_count: findings.filter((f) => f.severity === 'warning').length,
        });
        if (!ok) throw conflict();
        await repo.insertPublication(trx, { report_id: row.id, agency_id: agencyId, year, version_no: row.published_version + 1, model_json: toJson(published)!, change_note: null, published_on: opts.publishedOn, published_at: at, published_by: null });
        await repo.insertEvent(trx, { agency_id: row.agency_id, report_id: row.id, kind: 'publish', actor_user_id: null, actor_name: actor.displayName, comment: null, at });
        await deps.audit.record(trx, { actor, agencyId, action: 'annual_report.publish', entity: 'annual_report', entityId: row.id, after: { year, publishedOn: opts.publishedOn } });
      });
      const fresh = (await repo.findReport(db, agencyId, year))!;
      return view(null, fresh);
    },

    async seedDemo2019(actor, agencyId) {
      if (await repo.findReport(db, agencyId, 2019)) return { seeded: false, createdApplication: false };
      const at = nowIso(clock);
      let createdApplication = false;
      await db.transaction().execute(async (trx) => {
        // 表二 of the 芝罘区行政审批服务局 2019 report (行政许可 0 / +4 / 82, 其他对外管理服务事项 0 / +1 / 28) comes from the
        // demo service items and their 办件 (service-items.demo.ts, seeded before this step), not from entered totals.
        if ((await repo.countReceivedIn(trx, agencyId, 2019)) === 0) {
          const id = await repo.insertSeedApplication2019(trx, agencyId, at);
          await deps.audit.record(trx, { actor, agencyId, action: 'application.seed', entity: 'application', entityId: id, after: { receivedOn: '2019-06-10', outcome: 'disclose' } });
          createdApplication = true;
        }
      });
      // Publication date of the demo: not printed in the source report; 2020-01-20 is a demo value before the deadline.
      await service.publishAsSystem(actor, agencyId, 2019, { format: '2019', style: 'zhifu-7', sections: ZHIFU_2019_SECTIONS, publishedOn: '2020-01-20', title: ZHIFU_2019_TITLE });
      return { seeded: true, createdApplication };
    },
  };
  return service;
}
