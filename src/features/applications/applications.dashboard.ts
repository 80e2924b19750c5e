// The 工作台 cards of 依申请公开 (the dashboard-card contract in docs/ARCHITECTURE.md): my open cases, due within
// 3 working days, overdue, waiting for the applicant or a third party. The counts come from the database; only the
// cases that may be due (listing's due candidates) have their ledgers folded for the two clock cards.
import { countByState, countListed } from './applications.repository.ts';
import type { AppContext } from './applications.context.ts';
import type { Listing } from './applications.queries.ts';
import type { ApplicationsService } from './applications.service.ts';

export function dashboardUseCases(app: AppContext, { filterOf, listed }: Listing): Pick<ApplicationsService, 'dashboardCards'> {
  const { db } = app;
  return {
    async dashboardCards(actor) {
      if (actor.role === 'supervisor') return [];
      const open = filterOf(actor, { view: 'open' });
      const byState = await countByState(db, open);
      const total = [...byState.values()].reduce((a, b) => a + b, 0);
      const mine = await countListed(db, { ...open, assignedUserId: actor.userId });
      const due = await listed(actor, { view: 'open' }, undefined, { dueOnly: true });
      const n = (state: string) => byState.get(state) ?? 0;
      const waiting = n('correction_pending') + n('consulting') + n('fee_pending');
      return [
        { title: '我的依申请公开案件', value: mine, href: '/admin/applications?view=mine', note: `本机关办理中共${total}件` },
        { title: '3个工作日内到期', value: due.filter((a) => a.dueStatus === 'due_soon').length, href: '/admin/applications?view=due_soon' },
        { title: '已逾期', value: due.filter((a) => a.dueStatus === 'overdue').length, href: '/admin/applications?view=overdue' },
        { title: '待补正、征求意见、待缴费', value: waiting, href: '/admin/applications?view=open', note: `待补正${n('correction_pending')}件，征求意见中${n('consulting')}件，待缴费${n('fee_pending')}件` },
      ];
    },
  };
}
