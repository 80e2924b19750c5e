// 差异比对 for supervisors (decision 175): two reports side by side — a report of an audit run (as the rules see it,
// with the supervisor's corrections) or an agency's annual report in Gongkai — the same agency across years or two
// agencies: the narrative by sentence, every table cell with its delta, and the cross-year rules when the two are
// consecutive years of one agency. Each side is authorised as it would be on its own page.
import type { AnnualReportService } from '../annual-report/annual-report.service.ts';
import { assertNotAdmin, assertRole, type Actor } from '../shared/actor.ts';
import { notFound, validationFailed } from '../shared/errors.ts';
import { compareReportModels, type FullComparison } from '../reports/narrative-diff.ts';
import type { ReportModel } from '../../core/report/model.ts';
import type { CorrectionsService } from './supervision.corrections.ts';

/** Where a side comes from: `audit:<report id>` (a report of an audit run) or `annual:<agency id>:<year>` (Gongkai). */
export type ReportRef = { kind: 'audit'; id: number } | { kind: 'annual'; agencyId: number; year: number };

export interface ComparedSide {
  ref: string;
  kind: 'audit' | 'annual';
  /** the file name (audit) or 机关 + 年度报告 (annual) */
  label: string;
  /** the run of an audit report */
  runId: number | null;
  /** supervisors' corrections in force on an audit report */
  corrections: number;
  /** the page of this side */
  href: string;
}

export interface ReportCompareView extends FullComparison {
  leftSource: ComparedSide;
  rightSource: ComparedSide;
}

export interface ReportCompareService {
  compare(actor: Actor, left: ReportRef, right: ReportRef): Promise<ReportCompareView>;
}

const MAX_ID = 2_147_483_647;

/** Parse `audit:12` / `annual:3:2021`; null when it is neither. */
export function parseReportRef(text: unknown): ReportRef | null {
  if (typeof text !== 'string') return null;
  let m = /^audit:(\d{1,10})$/.exec(text.trim());
  if (m) { const id = Number(m[1]); return id >= 1 && id <= MAX_ID ? { kind: 'audit', id } : null; }
  m = /^annual:(\d{1,10}):(\d{4})$/.exec(text.trim());
  if (m) { const agencyId = Number(m[1]), year = Number(m[2]); return agencyId >= 1 && agencyId <= MAX_ID && year >= 2008 && year <= 2100 ? { kind: 'annual', agencyId, year } : null; }
  return null;
}

export const refText = (r: ReportRef) => (r.kind === 'audit' ? `audit:${r.id}` : `annual:${r.agencyId}:${r.year}`);

export function createReportCompareService(deps: { runs: CorrectionsService; annualReports: AnnualReportService }): ReportCompareService {
  async function side(actor: Actor, ref: ReportRef, field: 'left' | 'right'): Promise<{ model: ReportModel; side: ComparedSide }> {
    if (ref.kind === 'audit') {
      const r = await deps.runs.report(actor, ref.id);
      if (!r.model) throw validationFailed([{ field, message: `${r.file} 无法读取，不能比对` }]);
      const model: ReportModel = { ...r.model, agency: r.model.agency || r.agency || '', year: r.model.year || r.year || 0 };
      return { model, side: { ref: refText(ref), kind: 'audit', label: r.file, runId: r.runId, corrections: r.corrections.filter((c) => c.state === 'active').length, href: `/admin/supervision/reports/${r.id}` } };
    }
    const v = await deps.annualReports.get(actor, ref.agencyId, ref.year);
    if (!v) throw notFound(`没有这份年度报告（${ref.year} 年度）`);
    const model: ReportModel = { ...v.model, agency: v.model.agency || v.agency.name, year: v.model.year || v.year };
    return { model, side: { ref: refText(ref), kind: 'annual', label: `${v.agency.name}${v.year}年度报告`, runId: null, corrections: 0, href: `/admin/annual/${v.agency.id}/${v.year}` } };
  }

  return {
    async compare(actor, left, right) {
      assertNotAdmin(actor, '比对各机关的年度报告');
      assertRole(actor, 'supervisor');
      const l = await side(actor, left, 'left'), r = await side(actor, right, 'right');
      if (refText(left) === refText(right)) throw validationFailed([{ field: 'right', message: '请选择两份不同的报告进行比对' }]);
      return { ...compareReportModels(l.model, r.model), leftSource: l.side, rightSource: r.side };
    },
  };
}
