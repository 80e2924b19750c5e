// The annual-report kinds of the work queue (待办), 条例 第四十九条:
//  review_annual_report — a report an agency below submitted, for its supervisor (政务公开主管部门) to accept or return;
//  approve_annual_report — the own agency's report of the year, free of errors, waiting for 负责人审定 before it can be
//  submitted, for the agency's leaders who did not compile or edit it (separation of duties);
//  annual_report_due — from 1 January, the own agency's report of last year until it is published (deadline 31 January,
//  31 March for a government), for those who may edit or publish it.
// Who may act follows core/annual-report availableActions (the rule the report page and the API use).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { availableActions, currentReportYear, EDITING_EVENTS, daysLeft, deadlineOf, reminderDue, STATE_LABELS, type ReportState } from '../../core/annual-report/index.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import { canSee } from '../shared/actor.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import { findReport, listEvents, reportsForYear } from './annual-report.repository.ts';

export function annualReportWorkProvider(deps: { db: Kysely<Database>; agencies: Pick<AgenciesService, 'list' | 'get'>; today: () => string }): WorkProvider {
  return async (actor) => {
    const t = deps.today();
    const year = currentReportYear(t);
    const out: WorkItem[] = [];
    const wf = (agencyId: number) => ({
      role: actor.role, ownAgency: actor.agencyId === agencyId,
      supervisesAgency: actor.role === 'supervisor' && actor.agencyId !== agencyId && canSee(actor, agencyId),
    });
    if (actor.role === 'supervisor' || actor.role === 'admin') {
      const all = await deps.agencies.list();
      const below = all.filter((a) => a.id !== actor.agencyId && canSee(actor, a.id));
      const byId = new Map(below.map((a) => [a.id, a]));
      for (const r of await reportsForYear(deps.db, below.map((a) => a.id), year)) {
        if (r.state !== 'submitted' || !availableActions('submitted', wf(r.agency_id)).includes('accept')) continue;
        const a = byId.get(r.agency_id)!;
        const left = daysLeft(t, year, a.name);
        out.push({
          kind: 'review_annual_report', kindLabel: '年度报告待审核', title: `${a.name}${year}年度政府信息公开工作年度报告`, agency: a.name, ref: String(year),
          url: `/admin/annual/${a.id}/${year}`, due: deadlineOf(year, a.name), overdue: left < 0,
          note: `${r.submitted_at ? `${r.submitted_at.slice(0, 10)} 报送；` : ''}法定发布期限 ${deadlineOf(year, a.name)}（条例第四十九条）`,
        });
      }
    }
    const own = await findReport(deps.db, actor.agencyId, year);
    const state = (own?.state ?? 'draft') as ReportState;
    if (own && actor.role === 'leader' && own.errors_count === 0 && (state === 'draft' || state === 'returned')) {
      // the same "compiled or edited since the last publication" rule as the report page (annual-report.service wfActor)
      const events = await listEvents(deps.db, own.agency_id, own.id);
      const since = events.slice(events.map((e) => e.kind).lastIndexOf('publish') + 1);
      const hasEdited = since.some((e) => e.actor_user_id === actor.userId && EDITING_EVENTS.has(e.kind));
      if (availableActions(state, { ...wf(actor.agencyId), hasEdited }).includes('approve')) {
        const agency = await deps.agencies.get(actor.agencyId);
        const name = agency?.name ?? actor.agencyName;
        const left = daysLeft(t, year, name);
        out.push({
          kind: 'approve_annual_report', kindLabel: '年度报告待负责人审定', title: `${year}年度政府信息公开工作年度报告`, agency: name, ref: String(year),
          url: `/admin/annual/${actor.agencyId}/${year}`, due: deadlineOf(year, name), overdue: left < 0,
          note: `${STATE_LABELS[state].zh}；审定后方可报送上级主管部门；法定发布期限 ${deadlineOf(year, name)}（条例第四十九条）`,
        });
      }
    }
    // those who may edit (save), submit or publish the report
    if (reminderDue(t, year, state === 'published') && state !== 'submitted' && availableActions(state, wf(actor.agencyId)).some((x) => x === 'save' || x === 'submit' || x === 'publish')) {
      const agency = await deps.agencies.get(actor.agencyId);
      const name = agency?.name ?? actor.agencyName;
      const left = daysLeft(t, year, name);
      out.push({
        kind: 'annual_report_due', kindLabel: '年度报告待发布', title: `${year}年度政府信息公开工作年度报告`, agency: name, ref: String(year),
        url: `/admin/annual/${actor.agencyId}/${year}`, due: deadlineOf(year, name), overdue: left < 0,
        note: `${own ? STATE_LABELS[state].zh : '尚未生成'}；${left >= 0 ? `距法定期限还有 ${left} 天` : `已逾期 ${-left} 天`}（条例第四十九条）`,
      });
    }
    return out;
  };
}
