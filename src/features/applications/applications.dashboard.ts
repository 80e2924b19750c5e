// The 工作台 cards of 依申请公开 (the dashboard-card contract in docs/ARCHITECTURE.md): my open cases, due within
// 3 working days, overdue, waiting for the applicant or a third party.
import type { ApplicationsService } from './applications.service.ts';

export function dashboardUseCases(list: ApplicationsService['list']): Pick<ApplicationsService, 'dashboardCards'> {
  return {
    async dashboardCards(actor) {
      if (actor.role === 'supervisor') return [];
      const all = await list(actor, { view: 'open' });
      const mine = all.filter((a) => a.assignedUserId === actor.userId);
      const waiting = all.filter((a) => ['correction_pending', 'consulting', 'fee_pending'].includes(a.state));
      return [
        { title: '我的依申请公开案件', value: mine.length, href: '/admin/applications?view=mine', note: `本机关办理中共${all.length}件` },
        { title: '3个工作日内到期', value: all.filter((a) => a.dueStatus === 'due_soon').length, href: '/admin/applications?view=due_soon' },
        { title: '已逾期', value: all.filter((a) => a.dueStatus === 'overdue').length, href: '/admin/applications?view=overdue' },
        { title: '待补正、征求意见、待缴费', value: waiting.length, href: '/admin/applications?view=open', note: `待补正${waiting.filter((a) => a.state === 'correction_pending').length}件，征求意见中${waiting.filter((a) => a.state === 'consulting').length}件，待缴费${waiting.filter((a) => a.state === 'fee_pending').length}件` },
      ];
    },
  };
}
