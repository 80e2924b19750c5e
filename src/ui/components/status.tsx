// Status words with colour (ui.md: colour is never the only signal; red only for errors and
// overdue, green only for done and on time, amber for due soon).
import type { ReactNode } from 'react';
import type { Locale } from '../types.ts';
import { t } from '../i18n.ts';
import { formatDateProse } from '../dates.ts';

export type DeadlineStatus = 'overdue' | 'dueSoon' | 'onTime' | 'done';
export type TagTone = 'red' | 'amber' | 'green' | 'blue' | 'grey';

const TONE: Record<DeadlineStatus, TagTone> = { overdue: 'red', dueSoon: 'amber', onTime: 'green', done: 'green' };

/**
 * StatusTag({ status: 'overdue' }) → "已逾期" in red; or any word with a tone:
 * StatusTag({ text: '已停用', tone: 'grey' }).
 */
export function StatusTag(p: { status: DeadlineStatus; locale?: Locale; text?: string } | { text: string; tone: TagTone }) {
  if ('status' in p) {
    return <strong className={`gk-tag gk-tag--${TONE[p.status]}`}>{p.text ?? t(p.locale ?? 'zh-CN', `common.status.${p.status}`)}</strong>;
  }
  return <strong className={`gk-tag gk-tag--${p.tone}`}>{p.text}</strong>;
}

export interface DeadlineCardProps {
  /** the statutory due date, YYYY-MM-DD */
  due: string;
  /** working days left; negative when overdue */
  workdaysLeft: number;
  status: DeadlineStatus;
  /** true when a year's holiday notice is not yet published (the date may move) */
  provisional: boolean;
  /** the replayed ledger, one step per line, e.g. "2026-10-09 收到申请（条例 第三十一条）" */
  explanation: readonly string[];
  title?: string;
  locale?: Locale;
}

/** The deadline at the top of a case page: due date, working days left, status word, and "为什么是这一天". */
export function DeadlineCard(p: DeadlineCardProps) {
  const locale = p.locale ?? 'zh-CN';
  const left =
    p.status === 'done'
      ? null
      : p.workdaysLeft < 0
        ? t(locale, 'common.deadline.overdueBy', { days: -p.workdaysLeft })
        : t(locale, 'common.deadline.daysLeft', { days: p.workdaysLeft });
  return (
    <section className={`gk-deadline gk-deadline--${TONE[p.status]}`} aria-labelledby="deadline-title">
      <h2 className="gk-deadline__title" id="deadline-title">
        {p.title ?? t(locale, 'common.deadline.title')}
      </h2>
      <p className="gk-deadline__due">
        <span className="gk-deadline__date">{formatDateProse(p.due, locale)}</span> <StatusTag status={p.status} locale={locale} />
      </p>
      {left ? <p className="gk-deadline__left">{left}</p> : null}
      {p.provisional ? (
        <p className="gk-deadline__provisional">
          <strong>{t(locale, 'common.deadline.provisional')}</strong>
          {t(locale, 'common.deadline.provisionalText')}
        </p>
      ) : null}
      <details className="gk-details">
        <summary className="gk-details__summary">{t(locale, 'common.deadline.why')}</summary>
        <ol className="gk-details__steps">
          {p.explanation.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}

/** Key/value metadata as Chinese government item pages show it (索引号, 发布机构, 发文日期 …). */
export function SummaryList({ items, caption }: { items: readonly { key: string; value: ReactNode }[]; caption?: string }) {
  return (
    <table className="gk-summary">
      {caption ? <caption className="gk-summary__caption">{caption}</caption> : null}
      <tbody>
        {items.map((it) => (
          <tr key={it.key}>
            <th scope="row" className="gk-summary__key">
              {it.key}
            </th>
            <td className="gk-summary__value">{it.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface TimelineEvent {
  /** display date or time, e.g. '2026-11-27' or '2026-11-27 14:03' */
  when: string;
  title: string;
  actor?: string;
  detail?: ReactNode;
}

/** The ledger of a case, oldest first. */
export function Timeline({ events, label, locale = 'zh-CN' }: { events: readonly TimelineEvent[]; label?: string; locale?: Locale }) {
  return (
    <ol className="gk-timeline" aria-label={label ?? t(locale, 'common.timeline')}>
      {events.map((e, i) => (
        <li className="gk-timeline__item" key={i}>
          <p className="gk-timeline__title">{e.title}</p>
          <p className="gk-timeline__meta">
            <time>{e.when}</time>
            {e.actor ? <span className="gk-timeline__actor">{e.actor}</span> : null}
          </p>
          {e.detail ? <div className="gk-timeline__detail">{e.detail}</div> : null}
        </li>
      ))}
    </ol>
  );
}

export interface NoticeProps {
  kind?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
  locale?: Locale;
}

/** A boxed message. The kind is stated in words (visually hidden prefix), not only by colour. */
export function Notice({ kind = 'info', title, children, locale = 'zh-CN' }: NoticeProps) {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div className={`gk-notice gk-notice--${kind}`} role={role}>
      <span className="gk-visually-hidden">{t(locale, `common.notice.${kind}`)}</span>
      {title ? <p className="gk-notice__title">{title}</p> : null}
      {children ? <div className="gk-notice__body">{children}</div> : null}
    </div>
  );
}
