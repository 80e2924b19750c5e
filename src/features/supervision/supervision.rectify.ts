// Rectification (整改) of an audit finding: the supervisor sends a finding of a report of an agency below to that agency
// with a comment; the agency sees it in its work queue (rectify_audit_finding), answers — in words and, when the report
// itself was wrong, with the corrected report, which is audited again into the same run — and the answer comes back to
// the supervising agency's queue (review_audit_rectification), where it is resolved or reopened with a comment.
// States: open → answered → resolved, answered → open (reopened).
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertRole, assertVisible, canSee, type Actor } from '../shared/actor.ts';
import { conflict, forbidden, notFound, validationFailed } from '../shared/errors.ts';
import type { ReportFile } from '../reports/reports.service.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import * as repo from './supervision.repository.ts';
import { presentFinding, presentReport, type FindingView, type Paged, type RunReportView, type SupervisionService } from './supervision.service.ts';

export const RECTIFICATION_STATES = ['open', 'answered', 'resolved'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_LABELS: Record<RectificationState, string> = { open: '待整改', answered: '已反馈，待审核', resolved: '已办结' };

export interface RectificationView {
  id: number;
  findingId: number;
  runId: number;
  agencyId: number;
  agency: string;
  supervisorAgencyId: number;
  supervisorAgency: string;
  state: RectificationState;
  comment: string;
  response: string | null;
  responseReportId: number | null;
  reviewComment: string | null;
  createdBy: string;
  createdAt: string;
  respondedBy: string | null;
  respondedAt: string | null;
  resolvedAt: string | null;
  version: number;
}

export interface RectificationDetail extends RectificationView {
  finding: FindingView;
  report: RunReportView | null;
  responseReport: RunReportView | null;
  /** what the actor may do now */
  actions: ('respond' | 'resolve' | 'reopen')[];
}

export interface RectifyService {
  request(actor: Actor, findingId: number, input: { comment: string; version: number }): Promise<RectificationView>;
  list(actor: Actor, opts: { state?: RectificationState; page: number; pageSize: number }): Promise<Paged<RectificationView>>;
  get(actor: Actor, id: number): Promise<RectificationDetail>;
  respond(actor: Actor, id: number, input: { response: string; version: number; file?: ReportFile }): Promise<RectificationView>;
  review(actor: Actor, id: number, input: { outcome: 'resolve' | 'reopen'; comment?: string | null; version: number }): Promise<RectificationView>;
  workProvider(): WorkProvider;
}

export function createRectifyService(db: Kysely<Database>, deps: { audit: AuditService; agencies: AgenciesService; runs: SupervisionService; clock?: () => Date }): RectifyService {
  const clock = deps.clock ?? (() => new Date());
  const nameOf = async (id: number) => (await deps.agencies.get(id))?.name ?? `#${id}`;

  async function present(r: repo.RectificationRow): Promise<RectificationView> {
    return {
      id: r.id, findingId: r.finding_id, runId: r.run_id, agencyId: r.agency_id, agency: await nameOf(r.agency_id), supervisorAgencyId: r.supervisor_agency_id,
      supervisorAgency: await nameOf(r.supervisor_agency_id), state: r.state as RectificationState, comment: r.comment, response: r.response,
      responseReportId: r.response_report_id, reviewComment: r.review_comment, createdBy: r.created_by_name, createdAt: r.created_at,
      respondedBy: r.responded_by_name, respondedAt: r.responded_at, resolvedAt: r.resolved_at, version: r.version,
    };
  }

  /** Whether the actor is of the agency asked (it answers) or of the supervising side (it reviews). */
  function sides(actor: Actor, r: repo.RectificationRow): { agency: boolean; supervisor: boolean } {
    return {
      agency: actor.agencyId === r.agency_id && (actor.role === 'officer' || actor.role === 'leader'),
      supervisor: actor.role === 'supervisor' && actor.agencyId !== r.agency_id && canSee(actor, r.agency_id) && canSee(actor, r.supervisor_agency_id),
    };
  }

  async function load(actor: Actor, id: number): Promise<repo.RectificationRow> {
    assertNotAdmin(actor, '办理各机关的年度报告整改');
    const r = await repo.findRectification(db, id);
    if (!r) throw notFound('没有这项整改');
    // the agency asked and the supervising agencies above it (a supervisor's scope covers the agencies below)
    if (!canSee(actor, r.agency_id)) throw notFound('没有这项整改');
    return r;
  }

  return {
    async request(actor, findingId, input) {
      const f = await repo.findFinding(db, findingId);
      if (!f) throw notFound('没有这条体检结果');
      const run = await deps.runs.runFor(actor, f.run_id);
      const comment = input.comment.trim();
      if (!comment) throw validationFailed([{ field: 'comment', message: '请写明整改要求' }]);
      const target = f.subject_agency_id;
      if (target === null) throw validationFailed([{ field: 'comment', message: `报告中的机关“${f.agency_name ?? '（未识别）'}”不是本平台上您下级的机关，无法交其整改（可导出清单另行通知）` }]);
      if (target === actor.agencyId || !canSee(actor, target)) throw validationFailed([{ field: 'comment', message: '只能交下级机关整改' }]);
      if (f.version !== input.version) throw conflict('这条体检结果已被他人处理，请刷新页面后重试');
      const open = await repo.rectificationOfFinding(db, f.id);
      if (open && open.state !== 'resolved') throw conflict('这条体检结果已交机关整改，尚未办结');
      const at = nowIso(clock);
      const id = await db.transaction().execute(async (trx) => {
        const ok = await repo.updateFinding(trx, f.id, f.version, { decision: 'rectification', reason: comment.slice(0, 1000), decided_by_name: actor.displayName, decided_at: at, carried_from: null });
        if (!ok) throw conflict('这条体检结果已被他人处理，请刷新页面后重试');
        const rid = await repo.insertRectification(trx, {
          finding_id: f.id, run_id: f.run_id, supervisor_agency_id: run.agency_id, agency_id: target, state: 'open', comment: comment.slice(0, 2000),
          response: null, response_report_id: null, review_comment: null, created_by_name: actor.displayName, created_at: at,
          responded_by_name: null, responded_at: null, resolved_at: null, updated_at: at,
        });
        await deps.audit.record(trx, { actor, agencyId: target, action: 'supervision.rectification.request', entity: 'audit_rectification', entityId: rid, before: null, after: { findingId: f.id, comment } });
        return rid;
      });
      return present((await repo.findRectification(db, id))!);
    },

    async list(actor, opts) {
      assertNotAdmin(actor, '查看各机关的年度报告整改');
      const own = actor.role === 'officer' || actor.role === 'leader' || actor.role === 'reviewer' ? [actor.agencyId] : [];
      const sup = actor.role === 'supervisor' ? actor.visibleAgencyIds : [];
      const agencyIds = actor.role === 'supervisor' ? [actor.agencyId] : own;
      const { rows, total } = await repo.listRectifications(db, { agencyIds, supervisorIds: sup, ...(opts.state ? { state: opts.state } : {}) }, opts.page, opts.pageSize);
      return { items: await Promise.all(rows.map(present)), total, page: opts.page, pageSize: opts.pageSize };
    },

    async get(actor, id) {
      const r = await load(actor, id);
      const f = (await repo.findFinding(db, r.finding_id))!;
      const report = f.report_id ? await repo.findRunReport(db, f.report_id) : undefined;
      const response = r.response_report_id ? await repo.findRunReport(db, r.response_report_id) : undefined;
      const s = sides(actor, r);
      const actions: RectificationDetail['actions'] = [];
      if (s.agency && r.state === 'open') actions.push('respond');
      if (s.supervisor && r.state === 'answered') actions.push('resolve', 'reopen');
      return { ...(await present(r)), finding: presentFinding(f), report: report ? presentReport(report) : null, responseReport: response ? presentReport(response) : null, actions };
    },

    async respond(actor, id, input) {
      const r = await load(actor, id);
      assertRole(actor, 'officer', 'leader');
      assertVisible(actor, r.agency_id);
      if (actor.agencyId !== r.agency_id) throw forbidden('只有被要求整改的机关可以反馈');
      const response = input.response.trim();
      if (!response) throw validationFailed([{ field: 'response', message: '请写明整改情况' }]);
      if (r.version !== input.version) throw conflict('这项整改已被他人处理，请刷新页面后重试');
      if (r.state !== 'open') throw conflict(`这项整改${RECTIFICATION_LABELS[r.state as RectificationState] ?? r.state}，不能再反馈`);
      const f = (await repo.findFinding(db, r.finding_id))!;
      let reportId: number | null = null;
      if (input.file) {
        const original = f.report_id ? await repo.findRunReport(db, f.report_id) : undefined;
        if (!original) throw validationFailed([{ field: 'file', message: '这条体检结果不属于某一份报告，无需上传更正后的报告' }]);
        reportId = await deps.runs.addReplacement(r.run_id, original, input.file, r.supervisor_agency_id);
      }
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateRectification(trx, r.id, r.version, { state: 'answered', response: response.slice(0, 4000), response_report_id: reportId ?? r.response_report_id, responded_by_name: actor.displayName, responded_at: at, updated_at: at });
        if (!ok) throw conflict('这项整改已被他人处理，请刷新页面后重试');
        await deps.audit.record(trx, { actor, agencyId: r.agency_id, action: 'supervision.rectification.respond', entity: 'audit_rectification', entityId: r.id, before: { state: r.state }, after: { state: 'answered', response, reportId } });
      });
      return present((await repo.findRectification(db, r.id))!);
    },

    async review(actor, id, input) {
      const r = await load(actor, id);
      assertRole(actor, 'supervisor');
      assertVisible(actor, r.agency_id);
      if (!sides(actor, r).supervisor) throw forbidden('只有提出整改要求的政务公开主管部门可以审核整改');
      const comment = input.comment?.trim() || null;
      if (input.outcome === 'reopen' && !comment) throw validationFailed([{ field: 'comment', message: '退回重新整改须写明意见' }]);
      if (r.version !== input.version) throw conflict('这项整改已被他人处理，请刷新页面后重试');
      if (r.state !== 'answered') throw conflict(`这项整改${RECTIFICATION_LABELS[r.state as RectificationState] ?? r.state}，现在不能审核`);
      const at = nowIso(clock);
      const next: RectificationState = input.outcome === 'resolve' ? 'resolved' : 'open';
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateRectification(trx, r.id, r.version, { state: next, review_comment: comment, resolved_at: next === 'resolved' ? at : null, updated_at: at });
        if (!ok) throw conflict('这项整改已被他人处理，请刷新页面后重试');
        await deps.audit.record(trx, { actor, agencyId: r.agency_id, action: `supervision.rectification.${input.outcome}`, entity: 'audit_rectification', entityId: r.id, before: { state: r.state }, after: { state: next, comment } });
      });
      return present((await repo.findRectification(db, r.id))!);
    },

    workProvider(): WorkProvider {
      return async (actor) => {
        const out: WorkItem[] = [];
        if (actor.role === 'officer' || actor.role === 'leader') {
          for (const r of await repo.rectificationsInState(db, { agencyId: actor.agencyId }, 'open')) {
            const f = await repo.findFinding(db, r.finding_id);
            out.push({
              kind: 'rectify_audit_finding', kindLabel: '年度报告待整改', title: `${f?.year ? `${f.year}年度报告：` : ''}${f?.message.slice(0, 60) ?? ''}`, agency: await nameOf(r.supervisor_agency_id),
              ref: `整改#${r.id}`, url: `/admin/supervision/rectifications/${r.id}`, due: null, overdue: false, warning: r.review_comment !== null,
              note: `${r.review_comment ? `退回重新整改：${r.review_comment}；` : ''}整改要求：${r.comment.slice(0, 120)}`,
            });
          }
        }
        if (actor.role === 'supervisor') {
          for (const r of await repo.rectificationsInState(db, { supervisorAgencyId: actor.agencyId }, 'answered')) {
            out.push({
              kind: 'review_audit_rectification', kindLabel: '整改反馈待审核', title: `${await nameOf(r.agency_id)}的整改反馈`, agency: await nameOf(r.agency_id),
              ref: `整改#${r.id}`, url: `/admin/supervision/rectifications/${r.id}`, due: null, overdue: false,
              note: `${r.responded_at?.slice(0, 10) ?? ''} 反馈${r.response_report_id ? '（附更正后的报告，已重新体检）' : ''}：${(r.response ?? '').slice(0, 120)}`,
            });
          }
        }
        return out;
      };
    },
  };
}
