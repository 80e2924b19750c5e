// Reminders about the reply clock: 3 working days before a case's due date a reminder is queued (once per
// case and due date) through the mail outbox — to the assigned officer's own e-mail address; to the agency
// mailbox when no one is assigned or the officer has no address (or is no longer active).
import { listApplications, eventsFor, findUser } from './applications.repository.ts';
import { dateZh, toLedger, type AppContext } from './applications.context.ts';
import type { ApplicationsService } from './applications.service.ts';

export function reminderUseCases(app: AppContext): Pick<ApplicationsService, 'remindDueSoon'> {
  const { db, agencies, mailer, today, calendar, clockFor, afterCommit } = app;
  return {
    async remindDueSoon() {
      const rows = await listApplications(db, { agencyIds: null, states: ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review'] });
      const evs = await eventsFor(db, rows);
      const cal = await calendar();
      let n = 0;
      for (const r of rows) {
        const c = await clockFor(toLedger(evs.get(r.id) ?? []));
        if (!c.dueDate || !c.result || c.result.status === 'closed') continue;
        // from 3 working days before the due date until it passes, so the reply is not missed
        if (cal.workdaysBetween(today(), c.dueDate) > 3 || today() > c.dueDate) continue;
        const agency = await agencies.get(r.agency_id);
        const officer = r.assigned_user_id ? await findUser(db, r.assigned_user_id) : undefined;
        const own = officer && officer.active === 1 && officer.email?.includes('@') ? officer.email : null;
        const queued = await mailer.enqueue(db, {
          agencyId: r.agency_id, applicationId: r.id, to: own ?? agency?.email ?? '（本机关未设置邮箱）', userId: own ? officer!.id : null,
          reason: 'due_soon', dedupeKey: `due_soon:${r.id}:${c.dueDate}`,
          subject: `【答复期限提醒】申请 ${r.query_code} 将于${dateZh(c.dueDate)}到期`,
          body: `${officer ? `${officer.display_name}：\n\n` : ''}政府信息公开申请（查询码 ${r.query_code}）的答复期限为${dateZh(c.dueDate)}，还剩${cal.workdaysBetween(today(), c.dueDate)}个工作日。请及时办理。`,
        });
        if (queued) n++;
      }
      afterCommit();
      return n;
    },
  };
}
