// A supervisor's corrections of cells in an audit run's report (decision 175): where the reader got a cell wrong or left
// it blank, the supervisor sets the cell's value with a reason. The reading is kept (the stored model is never
// rewritten; each correction records the value read); the report is audited again on the corrected model — a rule
// that was "not checked" for want of the cell is now checked (decision 090) — and so are the cross-year pairs it is part
// of. Findings are reconciled by fingerprint: a finding that still holds keeps its row and its triage decision; one
// that no longer holds is removed (refused while it was sent for rectification); a new one carries the supervising
// agency's earlier decision on the same fingerprint, as in a new run (decision 110). A correction can be withdrawn,
// and the report is audited again on the reading. Every change claims the report's version (409 when stale).
import type { Kysely, Transaction } from 'kysely';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';
import { applyCorrections, correctableCells, parseCorrectionValue, problemSettled } from '../../core/report/correction.ts';
import type { Cell, ReportModel } from '../../core/report/model.ts';
import { cellValue, type Finding } from '../../core/report/rules.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../shared/actor.ts';
import { conflict, notFound, validationFailed, type FieldError } from '../shared/errors.ts';
import type { ParseNote } from '../reports/import/index.ts';
import { agencyKey, auditModel, crossYearChecks, findingCounts, type AuditedWithModel, type CrossYearResult } from '../reports/audit.ts';
import { describeCell } from '../reports/reports.pages.tsx';
import * as repo from './supervision.repository.ts';
import * as crepo from './supervision.corrections.repository.ts';
import { fingerprintOf, type RunReportDetail, type SupervisionService } from './supervision.service.ts';

export const CORRECTION_STATES = ['active', 'replaced', 'withdrawn'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];
export const CORRECTION_LABELS: Record<CorrectionState, string> = { active: '有效', replaced: '已被新的更正取代', withdrawn: '已撤回' };

export interface CorrectionView {
  id: number;
  reportId: number;
  runId: number;
  cell: string;
  /** the cell in words: 表三 （七）总计 · 自然人 */
  label: string;
  /** the value as read (null: the reader left it blank) */
  original: Cell;
  value: number;
  reason: string;
  state: CorrectionState;
  createdBy: string;
  createdAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

/** The report of a run as the rules see it now: the corrected model, the report's version and its corrections. */
export interface CorrectedReportDetail extends RunReportDetail {
  corrections: CorrectionView[];
}

export interface CorrectionsService {
  /** The report with its corrections (getAuditRunReport). */
  report(actor: Actor, reportId: number): Promise<CorrectedReportDetail>;
  correct(actor: Actor, reportId: number, input: { cell: string; value: unknown; reason?: string | null; version: number }): Promise<CorrectedReportDetail>;
  /** Several cells of one report in one action (correctAuditCells): one reason, all or nothing, the rules run once. */
  correctMany(actor: Actor, reportId: number, input: { cells: readonly { cell: string; value: unknown }[]; reason?: string | null; version: number }): Promise<CorrectedReportDetail>;
  withdraw(actor: Actor, correctionId: number, input: { version: number }): Promise<CorrectedReportDetail>;
}

export function presentCorrection(r: crepo.CorrectionRow): CorrectionView {
  return {
    id: r.id, reportId: r.report_id, runId: r.run_id, cell: r.cell, label: describeCell(r.cell), original: fromJson<Cell>(r.original_json) ?? null, value: fromJson<number>(r.value_json)!,
    reason: r.reason, state: r.state as CorrectionState, createdBy: r.created_by_name, createdAt: r.created_at, endedBy: r.ended_by_name, endedAt: r.ended_at,
  };
}

type Trx = Transaction<Database>;
const STALE = '这份报告已被他人更正，请刷新页面后重试';
/** Cells in one correction: a row of table 三 has 7, a block of table 四 5; 50 leaves room for a whole table 二 block. */
export const MAX_CELLS = 50;
const COUNT_COLUMN = { clean: 'clean_count', findings: 'findings_count', unreadable: 'unreadable_count' } as const;

/** The model the rules run on: the reading with the report's active corrections. */
function corrected(modelJson: string | null, active: readonly crepo.CorrectionRow[]): ReportModel | null {
  const reading = fromJson<ReportModel>(modelJson);
  return reading ? applyCorrections(reading, active.map((c) => ({ cell: c.cell, value: fromJson<number>(c.value_json)! }))) : null;
}

export function createCorrectionsService(db: Kysely<Database>, deps: { audit: AuditService; runs: SupervisionService; clock?: () => Date }): CorrectionsService {
  const clock = deps.clock ?? (() => new Date());

  async function report(actor: Actor, reportId: number): Promise<CorrectedReportDetail> {
    const detail = await deps.runs.getRunReport(actor, reportId);
    const rows = await crepo.correctionsOfReport(db, reportId);
    const model = detail.model ? corrected(toJson(detail.model), rows.filter((r) => r.state === 'active')) : null;
    return { ...detail, model, corrections: rows.map(presentCorrection) };
  }

  /** Reconcile the stored findings with the findings the rules give now (same fingerprint: the row and its decision stay). */
  async function reconcile(trx: Trx, run: repo.RunRow, existing: repo.FindingRow[], wanted: { f: Finding; fp: string; row: Omit<Parameters<typeof repo.insertFindings>[1][number], 'rule' | 'severity' | 'source' | 'message' | 'cells_json' | 'fingerprint' | 'decision' | 'reason' | 'carried_from' | 'decided_by_name' | 'decided_at'> }[]): Promise<void> {
    const byFp = new Map<string, repo.FindingRow[]>();
    for (const r of existing) byFp.set(r.fingerprint, [...(byFp.get(r.fingerprint) ?? []), r]);
    const fresh: typeof wanted = [];
    for (const w of wanted) {
      const row = byFp.get(w.fp)?.shift();
      if (!row) { fresh.push(w); continue; }
      const message = w.f.message.slice(0, 2000);
      if (row.message !== message || row.severity !== w.f.severity) await crepo.updateFindingText(trx, row.id, { message, severity: w.f.severity });
    }
    const goneRows = [...byFp.values()].flat();
    const gone = goneRows.map((r) => r.id);
    const rectified = await crepo.rectifiedFindings(trx, gone);
    if (rectified.length) throw conflict(`这项更正会使已交整改的体检结果（#${rectified.join('、#')}）不再成立；请先办结整改，或不作此更正`);
    // the decisions of the findings that no longer hold are kept by fingerprint: a finding that comes back gets its own again
    await crepo.keepRemovedDecisions(trx, run, goneRows, nowIso(clock));
    await crepo.deleteFindings(trx, gone);
    if (fresh.length === 0) return;
    const removed = await crepo.removedDecisions(trx, run, fresh.map((w) => w.fp));
    const prior = await repo.priorDecisions(trx, run.agency_id, fresh.filter((w) => !removed.has(w.fp)).map((w) => w.fp));
    const used: number[] = [];
    const rows = fresh.map(({ f, fp, row }) => {
      const text = { ...row, rule: f.rule, severity: f.severity, source: f.source, message: f.message.slice(0, 2000), cells_json: toJson(f.cells)!, fingerprint: fp };
      // this run's own decision on the finding before a correction removed it, as the supervisor left it
      const own = removed.get(fp)?.shift();
      if (own) {
        used.push(own.id);
        return { ...text, decision: own.decision, reason: own.reason, carried_from: own.carried_from, decided_by_name: own.decided_by_name, decided_at: own.decided_at };
      }
      const p = prior.get(fp);
      const decision = p ? (p.decision === 'rectification' ? 'confirmed' : p.decision) : 'pending';
      return { ...text, decision, reason: p?.reason ?? null, carried_from: p ? p.id : null, decided_by_name: null, decided_at: null };
    });
    await crepo.deleteRemovedDecisions(trx, run.agency_id, used);
    await repo.insertFindings(trx, rows);
  }

  /** The cross-year pairs the report is part of, checked again on the corrected models (the run's other reports of the
   *  agency with their own corrections; a platform run's previous year from Gongkai, as when the run was made). */
  async function recheckCrossYear(trx: Trx, run: repo.RunRow, report: repo.RunReportRow): Promise<void> {
    const y = report.year!, key = agencyKey(report.agency_name!);
    const rows = (await crepo.runReportsOfYears(trx, run.agency_id, run.id, [y - 1, y, y + 1])).filter((r) => r.agency_name && agencyKey(r.agency_name) === key);
    const models = await crepo.modelsOf(trx, rows.map((r) => r.id));
    const active = await crepo.activeCorrections(trx, run.agency_id, rows.map((r) => r.id));
    const audited: AuditedWithModel[] = [];
    if (run.source === 'platform' && report.subject_agency_id !== null) {
      const prev = await crepo.annualModel(trx, report.subject_agency_id, y - 1);
      const m = fromJson<ReportModel>(prev?.model_json ?? null);
      if (prev && m) audited.push(auditModel(`${prev.name}${y - 1}年度报告`, { ...m, agency: m.agency || prev.name, year: m.year || y - 1 }, []));
    }
    for (const r of rows) {
      const m = corrected(models.get(r.id) ?? null, active.filter((c) => c.report_id === r.id));
      if (m) audited.push(auditModel(r.file, { ...m, agency: m.agency || r.agency_name!, year: m.year || r.year! }, []));
    }
    const pairs = crossYearChecks(audited).filter((c) => (c.from === y || c.to === y) && (run.source !== 'platform' || c.to === run.year));
    const touches = (c: CrossYearResult) => agencyKey(c.agency) === key && (c.from === y || c.to === y);
    const kept = (fromJson<CrossYearResult[]>(run.cross_year_json) ?? []).filter((c) => !touches(c));
    const all = [...kept, ...pairs].sort((a, b) => a.agency.localeCompare(b.agency, 'zh-CN') || a.from - b.from);
    await trx.updateTable('audit_runs').set({ cross_year_json: toJson(all)! }).where('id', '=', run.id).execute();
    const existing = (await crepo.crossFindings(trx, run.agency_id, run.id, [y, y + 1])).filter((f) => f.agency_name && agencyKey(f.agency_name) === key);
    const agencyId = existing[0]?.subject_agency_id ?? report.subject_agency_id;
    await reconcile(trx, run, existing, pairs.flatMap((c) => c.findings.map((f) => ({
      f, fp: fingerprintOf(c.agency, c.files[1], c.to, f, 'cross_year'),
      row: { agency_id: run.agency_id, run_id: run.id, report_id: null, scope: 'cross_year', agency_name: c.agency, subject_agency_id: agencyId, year: c.to },
    }))));
  }

  /** Audit the report again on its reading and active corrections; update its row, the run's counts and cross-year pairs. */
  async function reaudit(trx: Trx, run: repo.RunRow, report: repo.RunReportRow): Promise<void> {
    const active = (await crepo.correctionsOfReport(trx, report.id)).filter((c) => c.state === 'active');
    const model = corrected(report.model_json, active)!;
    const existing = await crepo.findingsOfReport(trx, report.id);
    // the reading problems as first audited (kept from the first correction on: a withdrawal brings settled ones back)
    let problems = fromJson<Finding[]>(report.problems_json);
    if (!problems) {
      problems = existing.filter((f) => f.source === 'import').map((f) => ({ rule: f.rule, severity: f.severity as Finding['severity'], message: f.message, cells: fromJson<string[]>(f.cells_json) ?? [], source: 'import' as const }));
      await trx.updateTable('audit_run_reports').set({ problems_json: toJson(problems)! }).where('id', '=', report.id).execute();
    }
    const done = new Set(active.map((c) => c.cell));
    const still = model.unreadCells ?? [];
    const notes: ParseNote[] = [
      ...(fromJson<ParseNote[]>(report.notes_json) ?? []),
      ...problems.filter((p) => !problemSettled(p.cells, done, still)).map((p): ParseNote => ({ level: p.severity === 'error' ? 'error' : 'unsure', message: p.message, ...(p.cells[0] ? { cell: p.cells[0] } : {}) })),
    ];
    const a = auditModel(report.file, model, notes);
    // the fingerprint's agency and year as the report's findings were stored (a replacement takes the replaced report's)
    const replaced = report.replaces_report_id ? await repo.findRunReport(trx, report.replaces_report_id) : undefined;
    const agency = existing[0]?.agency_name ?? a.agency ?? replaced?.agency_name ?? null;
    const year = existing[0]?.year ?? a.year ?? replaced?.year ?? null;
    await reconcile(trx, run, existing, a.findings.map((f) => ({
      f, fp: fingerprintOf(agency, report.file, year, f, 'report'),
      row: { agency_id: run.agency_id, run_id: run.id, report_id: report.id, scope: 'report', agency_name: agency, subject_agency_id: report.subject_agency_id, year },
    })));
    const counts = findingCounts(a.findings);
    await trx.updateTable('audit_run_reports').set({
      status: a.status, read: a.read, errors_count: counts.errors, warnings_count: counts.warnings,
      not_checked_json: toJson(a.notChecked)!, unread_json: toJson(a.unreadCells)!,
    }).where('id', '=', report.id).execute();
    // the run's summary counts the reports first audited (a replacement sent with a rectification is not counted)
    if (!report.replaces_report_id && a.status !== report.status) {
      const from = COUNT_COLUMN[report.status as keyof typeof COUNT_COLUMN], to = COUNT_COLUMN[a.status];
      await trx.updateTable('audit_runs').set((e) => ({ [from]: e(from, '-', 1), [to]: e(to, '+', 1) })).where('id', '=', run.id).execute();
    }
    if (!report.replaces_report_id && report.agency_name && report.year) await recheckCrossYear(trx, run, report);
  }

  /** Claim the run and the report at the version the supervisor saw, then change and audit again. */
  async function change(actor: Actor, runId: number, reportId: number, version: number, body: (trx: Trx, report: repo.RunReportRow) => Promise<{ action: string; before: unknown; after: unknown }>): Promise<void> {
    await db.transaction().execute(async (trx) => {
      if (!await crepo.claimReport(trx, runId, reportId, version)) throw conflict(STALE);
      const run = (await repo.findRun(trx, runId))!;
      const report = (await repo.findRunReport(trx, reportId))!;
      const ev = await body(trx, report);
      await reaudit(trx, run, report);
      await deps.audit.record(trx, { actor, agencyId: report.subject_agency_id ?? actor.agencyId, action: ev.action, entity: 'audit_run_report', entityId: reportId, before: ev.before, after: ev.after });
    });
  }

  /** Correct one or several cells of a report in one change: every cell checked first (all or nothing), one reason, the
   *  report audited again once. `field` names an item's field in the errors (the single form's cell / value). */
  async function correctCells(actor: Actor, reportId: number, items: readonly { cell?: unknown; value?: unknown }[], input: { reason?: string | null; version: number }, field: (i: number, f: 'cell' | 'value') => string): Promise<CorrectedReportDetail> {
    const detail = await deps.runs.getRunReport(actor, reportId);
    const reading = detail.model;
    if (!reading) throw validationFailed([{ field: field(0, 'cell'), message: '这份报告无法读取，没有可更正的单元格' }]);
    const errors: FieldError[] = [];
    const known = new Set(correctableCells(reading));
    const chosen: { cell: string; value: number }[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const cell = typeof item.cell === 'string' ? item.cell.trim() : '';
      if (!cell) errors.push({ field: field(i, 'cell'), message: '请选择要更正的单元格' });
      else if (!known.has(cell)) errors.push({ field: field(i, 'cell'), message: `报告中没有这个单元格：${cell.slice(0, 80)}` });
      else if (seen.has(cell)) errors.push({ field: field(i, 'cell'), message: `${describeCell(cell)} 填了两次，请只保留一个数值` });
      else {
        seen.add(cell);
        const v = parseCorrectionValue(reading, cell, item.value);
        if ('error' in v) errors.push({ field: field(i, 'value'), message: items.length > 1 ? `${describeCell(cell)}：${v.error}` : v.error });
        else chosen.push({ cell, value: v.value });
      }
    });
    const reason = input.reason?.trim() ?? '';
    if (!reason) errors.push({ field: 'reason', message: '请写明更正理由（例如：对照原件，该栏印为 1）' });
    else if (reason.length > 1000) errors.push({ field: 'reason', message: '更正理由最多 1000 字' });
    if (errors.length) throw validationFailed(errors);
    if (detail.version !== input.version) throw conflict(STALE);
    const at = nowIso(clock);
    await change(actor, detail.runId, reportId, input.version, async (trx, stored) => {
      const active = (await crepo.correctionsOfReport(trx, reportId)).filter((c) => c.state === 'active');
      const before: { cell: string; value: Cell }[] = [], after: { cell: string; value: number }[] = [];
      for (const { cell, value } of chosen) {
        const previous = active.find((c) => c.cell === cell);
        await crepo.endCorrections(trx, { agencyId: stored.agency_id, reportId, cell }, 'replaced', actor.displayName, at);
        const original = cellValue(reading, cell);
        await crepo.insertCorrection(trx, {
          agency_id: stored.agency_id, run_id: detail.runId, report_id: reportId, cell, original_json: JSON.stringify(original), value_json: JSON.stringify(value), reason, state: 'active', created_by_name: actor.displayName, created_at: at, ended_by_name: null, ended_at: null,
        });
        before.push({ cell, value: previous ? fromJson<number>(previous.value_json)! : original });
        after.push({ cell, value });
      }
      // one cell: as before (cell, value); several: the lists, one reason
      return chosen.length === 1
        ? { action: 'supervision.cell.correct', before: before[0], after: { ...after[0], reason } }
        : { action: 'supervision.cell.correct', before: { cells: before }, after: { cells: after, reason } };
    });
    return report(actor, reportId);
  }

  return {
    report,

    async correct(actor, reportId, input) {
      return correctCells(actor, reportId, [{ cell: input.cell, value: input.value }], input, (_, field) => field);
    },

    async correctMany(actor, reportId, input) {
      const cells = Array.isArray(input.cells) ? input.cells : [];
      if (cells.length === 0) throw validationFailed([{ field: 'cells', message: '请至少填写一个单元格的更正后数值' }]);
      if (cells.length > MAX_CELLS) throw validationFailed([{ field: 'cells', message: `一次最多更正 ${MAX_CELLS} 个单元格` }]);
      return correctCells(actor, reportId, cells, input, (i, field) => `cells.${i}.${field}`);
    },

    async withdraw(actor, correctionId, input) {
      const c = await crepo.findCorrection(db, correctionId);
      if (!c) throw notFound('没有这项更正');
      // the report's run decides who may see it (404 outside the supervisor's scope, 403 for other roles)
      const detail = await deps.runs.getRunReport(actor, c.report_id);
      if (!detail.model) throw validationFailed([{ field: 'version', message: '这份报告无法读取，没有可撤回的更正' }]);
      if (c.state !== 'active') throw conflict('这项更正已撤回或已被新的更正取代，请刷新页面');
      if (detail.version !== input.version) throw conflict(STALE);
      await change(actor, c.run_id, c.report_id, input.version, async (trx) => {
        if (await crepo.endCorrections(trx, { id: c.id }, 'withdrawn', actor.displayName, nowIso(clock)) !== 1) throw conflict('这项更正已撤回或已被新的更正取代，请刷新页面');
        return { action: 'supervision.cell.withdraw', before: { cell: c.cell, value: fromJson<number>(c.value_json), reason: c.reason }, after: { cell: c.cell, value: fromJson<Cell>(c.original_json) ?? null } };
      });
      return report(actor, c.report_id);
    },
  };
}
