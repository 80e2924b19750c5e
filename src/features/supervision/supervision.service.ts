// Supervision of annual reports (政务公开主管部门, 条例 第四十九条、第五十条): audit runs over many reports kept with their
// date — files a supervisor uploads (or a zip of them) or the reports the agencies below submitted in Gongkai — with
// reading problems and rule findings told apart (decision 090), cross-year checks, and the triage of each finding
// (confirmed / dismissed with a reason / pending), carried over to the next run of the same supervising agency.
// Rectification (整改) of a finding by the agency lives in supervision.rectify.ts.
import type { Kysely } from 'kysely';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';
import type { ReportModel } from '../../core/report/model.ts';
import type { Finding, NotChecked } from '../../core/report/rules.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertRole, assertVisible, canSee, type Actor } from '../shared/actor.ts';
import { isZip, readArchive, type ArchiveLimits } from '../shared/archive.ts';
import { conflict, notFound, validationFailed } from '../shared/errors.ts';
import type { ParseNote } from '../reports/import/index.ts';
import { agencyKey, auditFile, auditModel, crossYearChecks, findingCounts, type AuditedWithModel, type AuditResult, type CrossYearResult } from '../reports/audit.ts';
import type { ReportFile } from '../reports/reports.service.ts';
import * as repo from './supervision.repository.ts';
import { activeCorrectionsOfRun } from './supervision.corrections.repository.ts';
import { compareAuditRuns, type RunComparison } from './supervision.compare.ts';
import { hierarchyUseCases, withHierarchyChecks, type HierarchySettingView } from './supervision.hierarchy.ts';
import { runAgencies, type RunAgencyView } from './supervision.agencies.ts';
import type { RectificationState } from './supervision.rectify.ts';

export const DECISIONS = ['pending', 'confirmed', 'dismissed', 'rectification'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = { pending: '待定', confirmed: '已确认', dismissed: '已排除', rectification: '已交整改' };
export const STATUS_LABELS: Record<string, string> = { clean: '通过', findings: '有错误', unreadable: '未能完整读取' };
/** The reports of the agencies below that count as handed in for a platform run. */
export const SUBMITTED_STATES = ['submitted', 'accepted', 'published'] as const;
const REPORT_EXT = /\.(json|txt|md|html?|pdf|docx)$/i;
/** A zip of reports: 2,000 entries, 400 MB inflated at most. */
const ZIP_LIMITS: ArchiveLimits = { maxEntries: 2000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 400 * 1024 * 1024, maxRatio: 200, ratioFloorBytes: 1024 * 1024, maxMillis: 20_000 };

export interface RunView {
  id: number;
  agencyId: number;
  title: string;
  year: number | null;
  source: 'upload' | 'platform';
  createdAt: string;
  createdBy: string;
  summary: { reports: number; clean: number; withErrors: number; unreadable: number };
  decisions: Record<Decision, number>;
  crossYear: CrossYearResult[];
}

export interface RunReportView {
  id: number;
  runId: number;
  ordinal: number;
  file: string;
  agency: string | null;
  agencyId: number | null;
  year: number | null;
  format: string | null;
  status: 'clean' | 'findings' | 'unreadable';
  read: 'complete' | 'partial' | 'none';
  errors: number;
  warnings: number;
  replacesReportId: number | null;
}

export interface RunReportDetail extends RunReportView {
  /** the reading's version (supervisors' cell corrections claim it, decision 175) */
  version: number;
  notes: ParseNote[];
  notChecked: NotChecked[];
  unreadCells: string[];
  model: ReportModel | null;
}

export interface FindingView {
  id: number;
  runId: number;
  reportId: number | null;
  scope: 'report' | 'cross_year';
  agency: string | null;
  agencyId: number | null;
  year: number | null;
  rule: string;
  severity: 'error' | 'warning';
  source: 'import' | 'rules';
  message: string;
  cells: string[];
  decision: Decision;
  reason: string | null;
  carriedFrom: number | null;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number;
  /** a finding sent for rectification: its latest rectification and state (in lists) */
  rectification?: { id: number; state: RectificationState } | null;
}

export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }

export type RunInput = { title?: string; files: ReportFile[] } | { title?: string; source: 'platform'; year: number };

export interface SupervisionService {
  createRun(actor: Actor, input: RunInput): Promise<RunView>;
  listRuns(actor: Actor, opts: { page: number; pageSize: number }): Promise<Paged<RunView>>;
  getRun(actor: Actor, id: number): Promise<RunView>;
  /** `agency`: only the reports naming this agency (null: those whose agency could not be read) */
  listRunReports(actor: Actor, runId: number, opts: { page: number; pageSize: number; status?: string; agency?: string | null }): Promise<Paged<RunReportView>>;
  /** The run's reports summed up per agency (supervision.agencies.ts), agencies with errors first. */
  listRunAgencies(actor: Actor, runId: number, opts: { page: number; pageSize: number }): Promise<Paged<RunAgencyView>>;
  getRunReport(actor: Actor, reportId: number): Promise<RunReportDetail>;
  listFindings(actor: Actor, runId: number, opts: repo.FindingFilter & { page: number; pageSize: number }): Promise<Paged<FindingView>>;
  /** One finding of a run the actor may see. */
  getFinding(actor: Actor, findingId: number): Promise<FindingView>;
  triage(actor: Actor, findingId: number, input: { decision: Exclude<Decision, 'rectification'>; reason?: string | null; version: number }): Promise<FindingView>;
  /** The run as the audit's JSON shape (for the workbook and the 通报). */
  auditResult(actor: Actor, runId: number): Promise<{ run: RunView; result: AuditResult; findings: FindingView[]; decisions: { reports: Decision[][]; crossYear: Decision[][] } }>;
  /** Internal (rectify use case): audit one more file into a run, replacing a report. */
  addReplacement(runId: number, replaces: repo.RunReportRow, file: ReportFile, supervisorAgencyId: number): Promise<number>;
  /** Internal: a run of an actor who may see it (supervisor role, agency in scope). */
  runFor(actor: Actor, id: number): Promise<repo.RunRow>;
  /** This run against an earlier one: per agency, the findings new, resolved and persisting (supervision.compare.ts). */
  compareRuns(actor: Actor, runId: number, earlierId: number, opts: { page: number; pageSize: number }): Promise<RunComparison>;
  /** Whether the reports of this supervisor's governments are consolidated with their departments' (H1; supervision.hierarchy.ts). */
  hierarchy(actor: Actor): Promise<HierarchySettingView>;
  setHierarchy(actor: Actor, input: { mode: unknown; cells: unknown; version: number }): Promise<HierarchySettingView>;
}

export function presentFinding(r: repo.FindingRow): FindingView {
  return {
    id: r.id, runId: r.run_id, reportId: r.report_id, scope: r.scope as FindingView['scope'], agency: r.agency_name, agencyId: r.subject_agency_id, year: r.year,
    rule: r.rule, severity: r.severity as FindingView['severity'], source: r.source as FindingView['source'], message: r.message, cells: fromJson<string[]>(r.cells_json) ?? [],
    decision: r.decision as Decision, reason: r.reason, carriedFrom: r.carried_from, decidedBy: r.decided_by_name, decidedAt: r.decided_at, version: r.version,
  };
}

export function presentReport(r: repo.RunReportRow): RunReportView {
  return {
    id: r.id, runId: r.run_id, ordinal: r.ordinal, file: r.file, agency: r.agency_name, agencyId: r.subject_agency_id, year: r.year, format: r.format,
    status: r.status as RunReportView['status'], read: r.read as RunReportView['read'], errors: r.errors_count, warnings: r.warnings_count, replacesReportId: r.replaces_report_id,
  };
}

/** The finding's identity across runs: the agency, the year, the rule and its cells (or its text when it names none). */
export function fingerprintOf(agency: string | null, file: string, year: number | null, f: Pick<Finding, 'rule' | 'cells' | 'message'>, scope: string): string {
  const who = agency ? agencyKey(agency) : `file:${file}`;
  const what = f.cells.length ? [...f.cells].sort().join(',') : f.message.replace(/\s+/g, '').slice(0, 200);
  return `${scope}|${who}|${year ?? ''}|${f.rule}|${what}`.slice(0, 900);
}

/** Files of an upload: a zip that is not a DOCX is opened (its report files, named zip/entry path); a folder's report files and single files as they are. */
export function expandUploads(files: readonly ReportFile[]): ReportFile[] {
  const out: ReportFile[] = [];
  for (const f of files) {
    const name = f.filename ?? '';
    const zipName = /\.zip$/i.test(name) || /zip/i.test(f.contentType ?? '');
    // a folder's files (a path): as with a zip's entries, only report files — not .DS_Store, Thumbs.db or notes beside them
    if (name.includes('/') && !zipName && (/(^|\/)(__MACOSX|\.)/.test(name) || !REPORT_EXT.test(name))) continue;
    if (!zipName || /\.docx$/i.test(name) || !isZip(f.bytes)) {
      out.push(f);
      continue;
    }
    // refusals (too large, invalid) surface as AppError 422/400 to the caller
    const entries = readArchive(f.bytes, ZIP_LIMITS);
    for (const e of entries) {
      if (e.name.endsWith('/') || /(^|\/)(__MACOSX|\.)/.test(e.name) || !REPORT_EXT.test(e.name)) continue;
      out.push({ bytes: new Uint8Array(e.data.buffer, e.data.byteOffset, e.data.byteLength), filename: `${name}/${e.name}` });
    }
  }
  return out;
}

export interface SupervisionDeps {
  audit: AuditService;
  agencies: AgenciesService;
  clock?: () => Date;
  /** Audits uploaded files, results in file order (the worker-thread pool of reports/audit-pool.ts); default: one by
   *  one in this process. */
  auditFiles?: (files: readonly ReportFile[]) => Promise<AuditedWithModel[]>;
}

export function createSupervisionService(db: Kysely<Database>, deps: SupervisionDeps): SupervisionService {
  const clock = deps.clock ?? (() => new Date());
  const auditUploads = deps.auditFiles ?? (async (files: readonly ReportFile[]) => {
    const out: AuditedWithModel[] = [];
    for (const f of files) out.push(await auditFile(f));
    return out;
  });

  async function runFor(actor: Actor, id: number): Promise<repo.RunRow> {
    assertNotAdmin(actor, '查看或处理督查体检结果');
    assertRole(actor, 'supervisor');
    const run = await repo.findRun(db, id);
    if (!run) throw notFound('没有这次体检');
    assertVisible(actor, run.agency_id);
    return run;
  }

  async function runView(run: repo.RunRow): Promise<RunView> {
    const counts = await repo.decisionCounts(db, run.agency_id, run.id);
    return {
      id: run.id, agencyId: run.agency_id, title: run.title, year: run.year, source: run.source as RunView['source'], createdAt: run.created_at, createdBy: run.created_by_name,
      summary: { reports: run.reports_count, clean: run.clean_count, withErrors: run.findings_count, unreadable: run.unreadable_count },
      decisions: { pending: counts.pending ?? 0, confirmed: counts.confirmed ?? 0, dismissed: counts.dismissed ?? 0, rectification: counts.rectification ?? 0 },
      crossYear: fromJson<CrossYearResult[]>(run.cross_year_json) ?? [],
    };
  }

  /** Platform agencies the actor may see, by normalised name (to link an uploaded report to its agency). */
  async function agencyMatcher(actor: Actor): Promise<(name: string | null) => Agency | undefined> {
    const all = (await deps.agencies.list()).filter((a) => canSee(actor, a.id));
    const byKey = new Map(all.map((a) => [agencyKey(a.name), a]));
    return (name) => (name ? byKey.get(agencyKey(name)) : undefined);
  }

  /** Findings rows of one audited report (or cross-year pair), decisions carried over from earlier runs. */
  async function storeFindings(runId: number, supervisorAgencyId: number, items: { reportId: number | null; scope: 'report' | 'cross_year'; agency: string | null; agencyId: number | null; year: number | null; file: string; findings: Finding[] }[]): Promise<void> {
    const rows = items.flatMap((it) => it.findings.map((f) => ({ it, f, fp: fingerprintOf(it.agency, it.file, it.year, f, it.scope) })));
    const prior = await repo.priorDecisions(db, supervisorAgencyId, rows.map((r) => r.fp));
    await repo.insertFindings(db, rows.map(({ it, f, fp }) => {
      const p = prior.get(fp);
      // a finding sent for rectification and found again stays a confirmed finding
      const decision = p ? (p.decision === 'rectification' ? 'confirmed' : p.decision) : 'pending';
      return {
        agency_id: supervisorAgencyId, run_id: runId, report_id: it.reportId, scope: it.scope, agency_name: it.agency, subject_agency_id: it.agencyId, year: it.year,
        rule: f.rule, severity: f.severity, source: f.source, message: f.message.slice(0, 2000), cells_json: toJson(f.cells)!, fingerprint: fp,
        decision, reason: p?.reason ?? null, carried_from: p ? p.id : null, decided_by_name: null, decided_at: null,
      };
    }));
  }

  async function storeReport(runId: number, supervisorAgencyId: number, ordinal: number, r: AuditedWithModel, agencyId: number | null, replaces: number | null): Promise<number> {
    const counts = findingCounts(r.findings);
    return repo.insertRunReport(db, {
      agency_id: supervisorAgencyId, run_id: runId, ordinal, file: r.file.slice(0, 500), agency_name: r.agency, subject_agency_id: agencyId, year: r.year, format: r.format, status: r.status, read: r.read,
      errors_count: counts.errors, warnings_count: counts.warnings,
      model_json: r.model ? toJson(r.model) : null, notes_json: toJson(r.notes)!, not_checked_json: toJson(r.notChecked)!, unread_json: toJson(r.unreadCells)!,
      replaces_report_id: replaces, created_at: nowIso(clock),
    });
  }

  async function platformAudits(actor: Actor, year: number): Promise<{ audited: AuditedWithModel[]; agencyIds: number[]; previous: AuditedWithModel[] }> {
    const all = await deps.agencies.list();
    const below = all.filter((a) => a.id !== actor.agencyId && canSee(actor, a.id));
    const byId = new Map(below.map((a) => [a.id, a]));
    if (below.length === 0) return { audited: [], agencyIds: [], previous: [] };
    const ids = below.map((a) => a.id);
    const rows: { agency_id: number; year: number; state: string; model_json: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(...await db.selectFrom('annual_reports').select(['agency_id', 'year', 'state', 'model_json'])
        .where('agency_id', 'in', ids.slice(i, i + 500)).where('year', 'in', [year - 1, year]).execute());
    }
    const audited: AuditedWithModel[] = [], agencyIds: number[] = [], previous: AuditedWithModel[] = [];
    for (const r of rows.sort((a, b) => a.agency_id - b.agency_id)) {
      const a = byId.get(r.agency_id)!;
      const model = fromJson<ReportModel>(r.model_json);
      if (!model) continue;
      const named: ReportModel = { ...model, agency: model.agency || a.name, year: model.year || r.year };
      if (r.year === year && (SUBMITTED_STATES as readonly string[]).includes(r.state)) {
        audited.push(auditModel(`${a.name}${year}年度报告`, named, []));
        agencyIds.push(a.id);
      } else if (r.year === year - 1) {
        previous.push(auditModel(`${a.name}${year - 1}年度报告`, named, []));
      }
    }
    return { audited, agencyIds, previous };
  }

  const service: SupervisionService = {
    runFor,
    ...hierarchyUseCases(db, { audit: deps.audit, clock }),

    async createRun(actor, input) {
      assertNotAdmin(actor, '对各机关的年度报告进行督查体检');
      assertRole(actor, 'supervisor');
      const match = await agencyMatcher(actor);
      let audited: AuditedWithModel[];
      let agencyIds: (number | null)[];
      let cross: CrossYearResult[];
      let source: 'upload' | 'platform';
      let year: number | null = null;
      if ('files' in input) {
        const files = expandUploads(input.files);
        if (files.length === 0) throw validationFailed([{ field: 'files', message: '请上传至少一个报告文件（可多选，或一个 zip 压缩包）' }]);
        audited = await auditUploads(files);
        agencyIds = audited.map((r) => match(r.agency)?.id ?? null);
        cross = crossYearChecks(audited);
        source = 'upload';
        const years = [...new Set(audited.map((r) => r.year).filter((y): y is number => !!y))];
        year = years.length === 1 ? years[0]! : null;
      } else {
        const p = await platformAudits(actor, input.year);
        if (p.audited.length === 0) throw validationFailed([{ field: 'year', message: `下级机关还没有报送 ${input.year} 年度的报告` }]);
        audited = p.audited;
        agencyIds = p.agencyIds;
        cross = crossYearChecks([...p.previous, ...p.audited]).filter((c) => c.to === input.year);
        source = 'platform';
        year = input.year;
      }
      // H1: governments' reports against the sum of their departments' (only when this supervisor has chosen consolidation)
      audited = await withHierarchyChecks(db, deps.agencies, actor, audited, agencyIds);
      const at = nowIso(clock);
      const title = input.title?.trim() || `${year ? `${year}年度` : ''}年度报告督查体检（${source === 'platform' ? '平台报送' : `上传 ${audited.length} 份`}）`;
      const runId = await db.transaction().execute(async (trx) => {
        const id = await repo.insertRun(trx, {
          agency_id: actor.agencyId, title: title.slice(0, 200), year, source,
          reports_count: audited.length, clean_count: audited.filter((r) => r.status === 'clean').length,
          findings_count: audited.filter((r) => r.status === 'findings').length, unreadable_count: audited.filter((r) => r.status === 'unreadable').length,
          cross_year_json: toJson(cross)!, created_by: actor.userId, created_by_name: actor.displayName, created_at: at,
        });
        await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'supervision.run', entity: 'audit_run', entityId: id, before: null, after: { title, source, year, reports: audited.length } });
        return id;
      });
      const items: Parameters<typeof storeFindings>[2] = [];
      for (let i = 0; i < audited.length; i++) {
        const r = audited[i]!;
        const reportId = await storeReport(runId, actor.agencyId, i + 1, r, agencyIds[i] ?? null, null);
        items.push({ reportId, scope: 'report', agency: r.agency, agencyId: agencyIds[i] ?? null, year: r.year, file: r.file, findings: r.findings });
      }
      for (const c of cross) items.push({ reportId: null, scope: 'cross_year', agency: c.agency, agencyId: match(c.agency)?.id ?? null, year: c.to, file: c.files[1], findings: c.findings });
      await storeFindings(runId, actor.agencyId, items);
      return runView((await repo.findRun(db, runId))!);
    },

    async listRuns(actor, opts) {
      assertNotAdmin(actor, '查看督查体检');
      assertRole(actor, 'supervisor');
      const { rows, total } = await repo.listRuns(db, actor.visibleAgencyIds, opts.page, opts.pageSize);
      return { items: await Promise.all(rows.map(runView)), total, page: opts.page, pageSize: opts.pageSize };
    },

    async getRun(actor, id) {
      return runView(await runFor(actor, id));
    },

    async compareRuns(actor, runId, earlierId, opts) {
      return compareAuditRuns(db, { runFor, view: async (a, id) => runView(await runFor(a, id)), present: presentFinding }, actor, runId, earlierId, opts);
    },

    async listRunReports(actor, runId, opts) {
      const run = await runFor(actor, runId);
      const { rows, total } = await repo.listRunReports(db, run.agency_id, runId, opts.page, opts.pageSize, opts.status, opts.agency);
      return { items: rows.map(presentReport), total, page: opts.page, pageSize: opts.pageSize };
    },

    async listRunAgencies(actor, runId, opts) {
      return runAgencies(db, await runView(await runFor(actor, runId)), opts);
    },

    async getRunReport(actor, reportId) {
      const r = await repo.findRunReport(db, reportId);
      if (!r) throw notFound('没有这份报告');
      await runFor(actor, r.run_id);
      return {
        ...presentReport(r), version: r.version, notes: fromJson<ParseNote[]>(r.notes_json) ?? [], notChecked: fromJson<NotChecked[]>(r.not_checked_json) ?? [],
        unreadCells: fromJson<string[]>(r.unread_json) ?? [], model: fromJson<ReportModel>(r.model_json),
      };
    },

    async listFindings(actor, runId, opts) {
      const run = await runFor(actor, runId);
      const { rows, total } = await repo.listFindings(db, run.agency_id, runId, opts, opts.page, opts.pageSize);
      const rects = await repo.latestRectifications(db, rows.filter((r) => r.decision === 'rectification').map((r) => r.id));
      return { items: rows.map((r) => ({ ...presentFinding(r), rectification: rects.get(r.id) ?? null })), total, page: opts.page, pageSize: opts.pageSize };
    },

    async getFinding(actor, findingId) {
      const f = await repo.findFinding(db, findingId);
      if (!f) throw notFound('没有这条体检结果');
      await runFor(actor, f.run_id);
      return presentFinding(f);
    },

    async triage(actor, findingId, input) {
      const f = await repo.findFinding(db, findingId);
      if (!f) throw notFound('没有这条体检结果');
      await runFor(actor, f.run_id);
      const reason = input.reason?.trim() || null;
      if (input.decision === 'dismissed' && !reason) throw validationFailed([{ field: 'reason', message: '排除一条体检结果须写明理由' }]);
      if (f.version !== input.version) throw conflict('这条体检结果已被他人处理，请刷新页面后重试');
      if (f.decision === 'rectification') {
        const rect = await repo.rectificationOfFinding(db, f.id);
        if (rect && rect.state !== 'resolved') throw conflict('这条体检结果已交机关整改，整改办结前不能改变结论');
      }
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateFinding(trx, f.id, f.version, { decision: input.decision, reason, decided_by_name: input.decision === 'pending' ? null : actor.displayName, decided_at: input.decision === 'pending' ? null : nowIso(clock), carried_from: null });
        if (!ok) throw conflict('这条体检结果已被他人处理，请刷新页面后重试');
        await deps.audit.record(trx, { actor, agencyId: f.subject_agency_id ?? actor.agencyId, action: `supervision.finding.${input.decision}`, entity: 'audit_finding', entityId: f.id, before: { decision: f.decision, reason: f.reason }, after: { decision: input.decision, reason } });
      });
      return presentFinding((await repo.findFinding(db, f.id))!);
    },

    async auditResult(actor, runId) {
      const run = await runFor(actor, runId);
      const reports = await repo.reportsOfRun(db, run.agency_id, runId);
      const findingRows = await repo.findingsOfRun(db, run.agency_id, runId);
      const findings = findingRows.map(presentFinding);
      const byReport = new Map<number, FindingView[]>();
      for (const f of findings) if (f.reportId !== null) byReport.set(f.reportId, [...(byReport.get(f.reportId) ?? []), f]);
      const view = await runView(run);
      // supervisors' corrections (decision 175): the findings were computed on the corrected values; say which cells
      const corrections = new Map<number, NonNullable<AuditResult['reports'][number]['corrections']>>();
      for (const c of await activeCorrectionsOfRun(db, run.agency_id, runId)) {
        corrections.set(c.report_id, [...(corrections.get(c.report_id) ?? []), { cell: c.cell, original: fromJson<number | null>(c.original_json) ?? null, value: fromJson<number>(c.value_json)!, reason: c.reason, by: c.created_by_name, at: c.created_at }]);
      }
      const result: AuditResult = {
        reports: reports.map((r) => ({
          file: r.file, agency: r.agency_name, year: r.year, format: r.format, status: r.status as 'clean', read: r.read as 'complete',
          findings: (byReport.get(r.id) ?? []).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, cells: f.cells, source: f.source })),
          notChecked: fromJson<NotChecked[]>(r.not_checked_json) ?? [], unreadCells: fromJson<string[]>(r.unread_json) ?? [], notes: fromJson<ParseNote[]>(r.notes_json) ?? [],
          ...(corrections.has(r.id) ? { corrections: corrections.get(r.id)! } : {}),
        })),
        crossYear: view.crossYear,
        summary: view.summary,
      };
      // the decisions in the order of the result's findings (report findings by report; cross-year findings by their
      // fingerprint, as stored — a correction re-checks a pair and rewrites its rows)
      const crossRows = findingRows.filter((f) => f.scope === 'cross_year');
      const byFp = new Map<string, Decision[]>();
      for (const f of crossRows) byFp.set(f.fingerprint, [...(byFp.get(f.fingerprint) ?? []), f.decision as Decision]);
      const crossDecisions = view.crossYear.map((c) => c.findings.map((f) => byFp.get(fingerprintOf(c.agency, c.files[1], c.to, f, 'cross_year'))?.shift() ?? 'pending'));
      return { run: view, result, findings, decisions: { reports: reports.map((r) => (byReport.get(r.id) ?? []).map((f) => f.decision)), crossYear: crossDecisions } };
    },

    async addReplacement(runId, replaces, file, supervisorAgencyId) {
      const r = await auditFile(file);
      const ordinal = (await repo.maxOrdinal(db, supervisorAgencyId, runId)) + 1;
      const id = await storeReport(runId, supervisorAgencyId, ordinal, r, replaces.subject_agency_id, replaces.id);
      await storeFindings(runId, supervisorAgencyId, [{ reportId: id, scope: 'report', agency: r.agency ?? replaces.agency_name, agencyId: replaces.subject_agency_id, year: r.year ?? replaces.year, file: r.file, findings: r.findings }]);
      return id;
    },
  };
  return service;
}
