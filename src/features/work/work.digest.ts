// The daily work digest: on each working day (the working-day calendar in force), from DIGEST_HOUR Shanghai time,
// one e-mail per user who has work waiting, has an address of their own and has not switched the digest off. Each
// item carries its link. Written to the mail outbox (sent by SMTP when configured, with retries); at most one per user
// and day (dedupe key), so running it again the same day sends nothing new.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { Mailer } from '../applications/applications.mail.ts';
import type { Actor } from '../shared/actor.ts';
import type { WorkItem, WorkService } from './work.service.ts';
import { digestRecipients } from './work.repository.ts';

/** Hour (Asia/Shanghai) from which the day's digest goes out. */
export const DIGEST_HOUR = 8;
const MAX_ITEMS = 50;

export interface DigestService {
  /** Queue today's digests (idempotent per user and day). Returns how many were queued; 0 on a day off or before DIGEST_HOUR. */
  run(opts?: { force?: boolean }): Promise<{ date: string; queued: number; workday: boolean }>;
}

function shanghai(d: Date): { date: string; hour: number } {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return { date: s.slice(0, 10), hour: Number(s.slice(11, 13)) };
}

export function digestBody(name: string, date: string, items: readonly WorkItem[], total: number, base: string): string {
  const lines = items.map((i, n) => {
    const when = i.overdue ? `（已逾期，期限 ${i.due}）` : i.due ? `（期限 ${i.due}）` : i.warning ? '（请尽快办理）' : '';
    return `${n + 1}. 【${i.kindLabel}】${i.title}（${i.ref}）${when}\n   ${i.agency ? `${i.agency}；` : ''}${i.note ?? ''}\n   ${base}${i.url}`;
  });
  return [
    `${name}：`, '',
    `截至${date}，有 ${total} 项工作需要您办理${total > items.length ? `（下列前 ${items.length} 项，全部见工作台）` : ''}：`, '',
    ...lines, '',
    `工作台：${base}/admin`,
    `不想再收到此邮件？在“我的提醒设置”中关闭：${base}/admin/me`,
  ].join('\n');
}

export function createDigestService(deps: {
  db: Kysely<Database>; work: WorkService; mailer: Mailer; agencies: Pick<AgenciesService, 'scope'>;
  calendar: () => Calendar | Promise<Calendar>; clock: () => Date; baseUrl?: string;
}): DigestService {
  const base = deps.baseUrl ?? '';
  return {
    async run(opts = {}) {
      const { date, hour } = shanghai(deps.clock());
      const cal = await deps.calendar();
      let workday = false;
      try { workday = cal.isWorkday(date); } catch { workday = false; }
      if (!workday || (!opts.force && hour < DIGEST_HOUR)) return { date, queued: 0, workday };
      let queued = 0;
      for (const u of await digestRecipients(deps.db)) {
        const actor: Actor = {
          userId: u.id, username: u.username, displayName: u.display_name, role: u.role, agencyId: u.agency_id, agencyName: u.agency_name,
          visibleAgencyIds: await deps.agencies.scope(u.role, u.agency_id),
        };
        const page = await deps.work.myWork(actor, { pageSize: MAX_ITEMS });
        if (page.total === 0) continue;
        const ok = await deps.mailer.enqueue(deps.db, {
          agencyId: u.agency_id, applicationId: null, userId: u.id, to: u.email, reason: 'digest', dedupeKey: `digest:${u.id}:${date}`,
          subject: `【待办提醒】您有 ${page.total} 项工作待办理（${date}）`,
          body: digestBody(u.display_name, date, page.items, page.total, base),
        });
        if (ok) queued++;
      }
      if (queued && deps.mailer.smtp) await deps.mailer.flush().catch(() => 0);
      return { date, queued, workday };
    },
  };
}
