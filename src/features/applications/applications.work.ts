// The 依申请公开 kinds of the work queue (待办) and the list views that point at the same work:
//  confirm_receipt (待确认收到), assign (待指定经办人), reply_due (我的案件 3 个工作日内到期或已逾期),
//  review_reply (答复待审核), approve_extension (延期待审批).
// Who may act is decided by core/applications checkAction — the rule the case page and the action routes use —
// so an item reaches only people who may act on it (role, four-eyes, agency scope via the list).
import { checkAction, type Action, type LedgerEvent, type EventKind, type Role as CoreRole } from '../../core/applications/index.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import { fromJson } from '../../db/dialect.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { eventsFor, type EventRow } from './applications.repository.ts';
import type { ApplicationSummary, ApplicationsService } from './applications.service.ts';
import type { ListQuery } from './applications.schema.ts';

/** List views (申请列表 filters) that match a work kind. */
export const WORK_VIEWS = ['to_confirm', 'unassigned', 'to_review', 'extension_pending'] as const;
export type WorkView = (typeof WORK_VIEWS)[number];

/** States each work view may contain (narrowed further by matchesWorkView). */
export const WORK_VIEW_STATES: Record<WorkView, string[]> = {
  to_confirm: ['submitted'],
  unassigned: ['received', 'correction_pending', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'],
  to_review: ['under_review'],
  extension_pending: ['received', 'consulting', 'replied_draft', 'under_review', 'fee_pending'],
};

/** An online application gets a warning when it is still unconfirmed on the 2nd working day after submission. */
export const CONFIRM_WARNING_WORKDAYS = 2;

export function ledgerOf(rows: readonly EventRow[]): LedgerEvent[] {
  return rows.map((r) => ({ kind: r.kind as EventKind, on: r.on_date, actorId: r.actor_user_id, data: fromJson<Record<string, unknown>>(r.data_json) ?? {} }));
}

function rolesOf(actor: Actor): CoreRole[] {
  return actor.role === 'supervisor' ? [] : [actor.role];
}

/** May this actor take this action on the case now (same check as the action routes)? */
export function mayAct(actor: Actor, action: Action, s: ApplicationSummary, ledger: readonly LedgerEvent[], today: string): boolean {
  return checkAction(action, s.state, ledger, rolesOf(actor), { today, dueDate: s.dueDate, actorId: actor.userId }).ok;
}

/** The action each work view waits for. */
const WORK_VIEW_ACTION: Record<WorkView, Action> = { to_confirm: 'confirmReceipt', unassigned: 'assign', to_review: 'approveReply', extension_pending: 'approveExtension' };

/** May the actor's role take the work view's action at all (checkAction's role rule, decided before state and ledger)? */
export function roleMayDo(actor: Actor, view: WorkView): boolean {
  const r = checkAction(WORK_VIEW_ACTION[view], 'received', [], rolesOf(actor));
  return r.ok || r.code !== 'forbidden_role';
}

/** The list filter of a work view: the cases on which the actor has that work now. */
export function matchesWorkView(view: WorkView, actor: Actor, s: ApplicationSummary, ledger: readonly LedgerEvent[], today: string): boolean {
  switch (view) {
    case 'to_confirm': return s.state === 'submitted' && mayAct(actor, 'confirmReceipt', s, ledger, today);
    case 'unassigned': return s.assignedUserId === null && s.state !== 'submitted' && mayAct(actor, 'assign', s, ledger, today);
    case 'to_review': return mayAct(actor, 'approveReply', s, ledger, today);
    case 'extension_pending': return mayAct(actor, 'approveExtension', s, ledger, today);
  }
}

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function applicationsWorkProvider(deps: {
  db: Kysely<Database>;
  applications: Pick<ApplicationsService, 'list' | 'today' | 'storedClocks'>;
  agencies: Pick<AgenciesService, 'get'>;
  calendar: () => Calendar | Promise<Calendar>;
}): WorkProvider {
  return async (actor) => {
    if (actor.role === 'supervisor') return [];
    const today = deps.applications.today();
    const cal = await deps.calendar();
    const names = new Map<number, string>();
    const agencyName = async (id: number) => {
      if (!names.has(id)) names.set(id, (await deps.agencies.get(id))?.name ?? '');
      return names.get(id)!;
    };
    const base = async (s: ApplicationSummary) => ({ title: `依申请公开：${short(s.content)}`, agency: await agencyName(s.agencyId), ref: s.queryCode, url: `/admin/applications/${s.id}` });
    const items = {
      confirm_receipt: async (s: ApplicationSummary): Promise<WorkItem> => {
        // 第三十一条第三项: an online application is received only when the agency confirms it, so the reply clock has
        // not started; the warning keeps an unconfirmed application from sitting unseen.
        let days = 0;
        try { days = cal.workdaysBetween(s.submittedOn, today); } catch { days = 0; }
        return { ...(await base(s)), kind: 'confirm_receipt', kindLabel: '待确认收到', listUrl: '/admin/applications?view=to_confirm', due: null, overdue: false, warning: days >= CONFIRM_WARNING_WORKDAYS, note: `${s.submittedOn} 在线提交，已过 ${Math.max(0, days)} 个工作日` };
      },
      assign: async (s: ApplicationSummary): Promise<WorkItem> =>
        ({ ...(await base(s)), kind: 'assign', kindLabel: '待指定经办人', listUrl: '/admin/applications?view=unassigned', due: s.dueDate, overdue: s.dueStatus === 'overdue', note: s.dueDate ? `答复期限 ${s.dueDate}` : undefined }),
      reply_due: async (s: ApplicationSummary): Promise<WorkItem> => {
        const overdue = s.dueStatus === 'overdue';
        return { ...(await base(s)), kind: 'reply_due', kindLabel: overdue ? '答复已逾期' : '答复即将到期', listUrl: `/admin/applications?view=${overdue ? 'overdue' : 'due_soon'}`, due: s.dueDate, overdue, note: overdue ? `答复期限 ${s.dueDate} 已过` : `还剩 ${s.workdaysRemaining ?? 0} 个工作日（条例第三十三条）` };
      },
      review_reply: async (s: ApplicationSummary): Promise<WorkItem> =>
        ({ ...(await base(s)), kind: 'review_reply', kindLabel: '答复待审核', listUrl: '/admin/applications?view=to_review', due: s.dueDate, overdue: s.dueStatus === 'overdue', note: s.dueDate ? `答复期限 ${s.dueDate}` : undefined }),
      // 第三十三条第二款: the leader's consent must come before the original due date.
      approve_extension: async (s: ApplicationSummary): Promise<WorkItem> =>
        ({ ...(await base(s)), kind: 'approve_extension', kindLabel: '延期待审批', listUrl: '/admin/applications?view=extension_pending', due: s.dueDate, overdue: s.dueStatus === 'overdue', note: `原答复期限 ${s.dueDate ?? '—'}，还剩 ${s.workdaysRemaining ?? 0} 个工作日` }),
    };
    const out: WorkItem[] = [];
    if (deps.applications.storedClocks) {
      // Each kind from its list view (the same rule, with the database narrowing the cases: the state, no assignee, an
      // extension request, a reply clock that may be due), so only those cases' ledgers are folded.
      const views: [ListQuery['view'], (s: ApplicationSummary) => Promise<WorkItem>, ((s: ApplicationSummary) => boolean)?][] = [
        ['to_confirm', items.confirm_receipt], ['unassigned', items.assign],
        ['due_soon', items.reply_due, (s) => s.assignedUserId === actor.userId], ['overdue', items.reply_due, (s) => s.assignedUserId === actor.userId],
        ['to_review', items.review_reply], ['extension_pending', items.approve_extension],
      ];
      for (const [view, item, keep] of views) {
        for (const s of await deps.applications.list(actor, { view })) if (!keep || keep(s)) out.push(await item(s));
      }
      return out;
    }
    // Without stored clocks: every open case folded once.
    const open = await deps.applications.list(actor, { view: 'open' });
    if (open.length === 0) return [];
    const events = await eventsFor(deps.db, open.map((s) => ({ id: s.id, agency_id: s.agencyId })));
    for (const s of open) {
      const ledger = ledgerOf(events.get(s.id) ?? []);
      if (matchesWorkView('to_confirm', actor, s, ledger, today)) out.push(await items.confirm_receipt(s));
      if (matchesWorkView('unassigned', actor, s, ledger, today)) out.push(await items.assign(s));
      if (s.assignedUserId === actor.userId && (s.dueStatus === 'due_soon' || s.dueStatus === 'overdue')) out.push(await items.reply_due(s));
      if (matchesWorkView('to_review', actor, s, ledger, today)) out.push(await items.review_reply(s));
      if (matchesWorkView('extension_pending', actor, s, ledger, today)) out.push(await items.approve_extension(s));
    }
    return out;
  };
}

/**
 * 条例 第四十四条 (依申请公开转主动公开): a disclosed case whose information other applicants asked for too, while no
 * catalogue draft exists and nobody dismissed it — to the case's officer (or every officer and leader of the agency
 * when nobody is assigned). It leaves the queue when a draft is made (from this case or one asking the same) or the
 * suggestion is dismissed (publishDisclosureToCatalogue / dismissDisclosurePublication).
 */
export function publicationWorkProvider(deps: {
  applications: Pick<ApplicationsService, 'publicationSuggestions'>;
  agencies: Pick<AgenciesService, 'get'>;
}): WorkProvider {
  return async (actor) => {
    const found = await deps.applications.publicationSuggestions(actor);
    if (found.length === 0) return [];
    const agency = (await deps.agencies.get(actor.agencyId))?.name ?? '';
    return found.map(({ row, hint }) => ({
      kind: 'publish_disclosure', kindLabel: '建议转为主动公开',
      title: `依申请公开转主动公开：${short(row.content)}`, agency, ref: row.query_code, url: `/admin/applications/${row.id}#case-publication`,
      due: null, overdue: false,
      note: `共有${hint.applicants}位申请人申请了相同或相近的信息（条例第四十四条）：可纳入主动公开的范围，或说明不转的理由`,
    }));
  };
}
