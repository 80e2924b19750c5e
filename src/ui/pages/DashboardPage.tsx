// Back-office home (工作台): cards that later features fill in; with none, a welcome naming the
// user's role and agency.
import { t } from '../i18n.ts';
import { AdminLayout, type AdminShell } from '../layouts/AdminLayout.tsx';
import { StatusTag } from '../components/status.tsx';
import type { DashboardCard, WorkItem } from '../types.ts';



export interface DashboardPageProps {
  shell: AdminShell;
  cards: readonly DashboardCard[];
  /** The first page of the user's queue and how many items there are in all. */
  work?: { items: readonly WorkItem[]; total: number; page: number; pageSize: number };
}

function WorkQueue({ locale, work }: { locale: AdminShell['locale']; work: NonNullable<DashboardPageProps['work']> }) {
  return (
    <section className="gk-work" aria-labelledby="gk-work-title">
      <h2 className="gk-heading-m" id="gk-work-title">{t(locale, 'admin.work.title')}（{work.total}）</h2>
      {work.items.length === 0 ? <p>{t(locale, 'admin.work.empty')}</p> : (
        <div className="gk-table-wrap">
          <table className="gk-table" data-testid="work-queue">
            <thead>
              <tr>
                <th scope="col">{t(locale, 'admin.work.kind')}</th>
                <th scope="col">{t(locale, 'admin.work.item')}</th>
                <th scope="col">{t(locale, 'admin.work.agency')}</th>
                <th scope="col">{t(locale, 'admin.work.due')}</th>
              </tr>
            </thead>
            <tbody>
              {work.items.map((w) => (
                <tr key={`${w.kind}:${w.url}`} data-kind={w.kind}>
                  <td>{w.listUrl ? <a href={w.listUrl}>{w.kindLabel}</a> : w.kindLabel}</td>
                  <td><a href={w.url}>{w.title}</a>（{w.ref}）{w.note ? <><br /><span className="gk-hint">{w.note}</span></> : null}</td>
                  <td>{w.agency}</td>
                  <td>
                    {w.due ?? '—'}{' '}
                    {w.overdue ? <StatusTag status="overdue" locale={locale} /> : w.warning ? <StatusTag text={t(locale, 'admin.work.attention')} tone="amber" /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {work.total > work.pageSize ? (
        <nav className="gk-pager" aria-label={t(locale, 'admin.work.title')}>
          {work.page > 1 ? <a href={`/admin?work=${work.page - 1}`}>{t(locale, 'admin.work.prev')}</a> : null}{' '}
          <span>{t(locale, 'admin.work.pageOf', { page: work.page, pages: Math.ceil(work.total / work.pageSize) })}</span>{' '}
          {work.page * work.pageSize < work.total ? <a href={`/admin?work=${work.page + 1}`}>{t(locale, 'admin.work.next')}</a> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function DashboardPage({ shell, cards, work }: DashboardPageProps) {
  const { locale, user } = shell;
  const title = t(locale, 'admin.dashboard.title');
  return (
    <AdminLayout {...shell} active="dashboard" title={title}>
      <h1 className="gk-heading-l">{title}</h1>
      <p className="gk-lead">
        {t(locale, 'admin.dashboard.welcome', {
          name: user.displayName,
          role: t(locale, `admin.roles.${user.role}`),
          agency: user.agencyName,
        })}
      </p>
      {work ? <WorkQueue locale={locale} work={work} /> : null}
      {cards.length === 0 ? (
        <p>{t(locale, 'admin.dashboard.empty')}</p>
      ) : (
        <ul className="gk-cards">
          {cards.map((c) => (
            <li className="gk-card" key={c.href}>
              <a className="gk-card__link" href={c.href}>
                <span className="gk-card__title">{c.title}</span>
                <span className="gk-card__value gk-num">{String(c.value)}</span>
                {c.note ? <span className="gk-card__note">{c.note}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
