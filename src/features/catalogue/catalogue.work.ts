// The 主动公开 kinds of the work queue (待办):
//  confidentiality_review (待保密审查 — 条例 第十七条, 保守国家秘密法 第三十五条: 先审查、后公开),
//  approve_publication (待审核), interpretation_due (规章 / 行政规范性文件 without a linked 政策解读 —
//  国办发〔2016〕80号 / 〔2018〕37号: 解读与文件同步发布).
// Who may act follows core/catalogue allowedActions (the rule the item page and the action route use); the author of
// a draft never gets its 保密审查 or 审核 (separation of duties). Deadlines are the 第二十六条 clock.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import { article26Clock } from '../../core/catalogue/clock.ts';
import { allowedActions, type Action, type State } from '../../core/catalogue/workflow.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import { catalogueRoles, shanghaiDate } from './catalogue.service.ts';
import { itemsInStates, policiesWithoutInterpretation, type WaitingRow } from './catalogue.work.repository.ts';

/** May the actor take this workflow action on this item (role rule, and never on a draft they wrote themselves)? */
export function mayActOnItem(actor: Actor, action: Action, row: Pick<WaitingRow, 'state' | 'created_by'>): boolean {
  if (!allowedActions(row.state as State, catalogueRoles(actor)).includes(action)) return false;
  if ((action === 'record_review' || action === 'approve') && row.created_by !== null && row.created_by === actor.userId) return false;
  return true;
}

export function catalogueWorkProvider(deps: {
  db: Kysely<Database>;
  agencies: Pick<AgenciesService, 'get'>;
  calendar: () => Calendar | Promise<Calendar>;
  clock: () => Date;
}): WorkProvider {
  return async (actor) => {
    if (catalogueRoles(actor).length === 0) return [];
    const scope = actor.role === 'admin' ? null : actor.visibleAgencyIds;
    const cal = await deps.calendar();
    const today = shanghaiDate(deps.clock());
    const names = new Map<number, string>();
    const agencyName = async (id: number) => {
      if (!names.has(id)) names.set(id, (await deps.agencies.get(id))?.name ?? '');
      return names.get(id)!;
    };
    const clockOf = (formedOn: string) => {
      try {
        const c = article26Clock({ calendar: cal, formedOn, today });
        return { due: c.dueOn, overdue: c.status === 'overdue', note: `第二十六条：${c.dueOn} 前公开，${c.status === 'overdue' ? '已超期' : `剩余 ${c.workingDaysLeft} 个工作日`}` };
      } catch {
        return { due: null, overdue: false, note: undefined };
      }
    };
    const out: WorkItem[] = [];
    for (const r of await itemsInStates(deps.db, scope, ['secrecy_review', 'approval'])) {
      const action: Action = r.state === 'secrecy_review' ? 'record_review' : 'approve';
      if (!mayActOnItem(actor, action, r)) continue;
      const c = clockOf(r.formed_on);
      out.push({
        kind: r.state === 'secrecy_review' ? 'confidentiality_review' : 'approve_publication',
        kindLabel: r.state === 'secrecy_review' ? '待保密审查' : '待审核发布',
        listUrl: `/admin/catalogue?state=${r.state}`,
        title: r.title, agency: await agencyName(r.agency_id), ref: r.index_no, url: `/admin/catalogue/${r.id}`,
        due: c.due, overdue: c.overdue, ...(c.note ? { note: c.note } : {}),
      });
    }
    for (const r of await policiesWithoutInterpretation(deps.db, scope)) {
      // the one who drafts the 解读 is whoever may draft catalogue items
      if (!allowedActions('draft', catalogueRoles(actor)).includes('edit')) break;
      out.push({
        kind: 'interpretation_due', kindLabel: '缺少政策解读', title: r.title, agency: await agencyName(r.agency_id), ref: r.index_no, url: `/admin/catalogue/${r.id}`,
        due: null, overdue: false, warning: r.state === 'published',
        note: r.state === 'published' ? '已发布但没有关联政策解读（解读应与文件同步发布）' : '发布前须起草并关联政策解读，与文件同步发布',
      });
    }
    return out;
  };
}
