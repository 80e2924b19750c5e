// Mail the system gave up sending (after the last retry) becomes work for the administrator: a queue item per
// message (kind mail_failed) pointing to the outbox, where it can be sent again (retryMail).
import type { Mailer } from '../applications/applications.mail.ts';
import type { WorkProvider } from './work.service.ts';

export function mailFailuresProvider(mailer: Pick<Mailer, 'failed'>): WorkProvider {
  return async (actor) => {
    if (actor.role !== 'admin') return [];
    return (await mailer.failed(null)).map((m) => ({
      kind: 'mail_failed', kindLabel: '邮件发送失败', title: m.subject, agency: '', ref: `#${m.id}`, url: `/admin/mail-outbox#mail-${m.id}`,
      due: null, overdue: false, warning: true, note: `收件人 ${m.to_address}；已尝试${m.attempts}次：${m.error ?? ''}`,
    }));
  };
}
