// Back-office home (工作台): cards that later features fill in; with none, a welcome naming the
// user's role and agency.
import { t } from '../i18n.ts';
import { AdminLayout, type AdminShell } from '../layouts/AdminLayout.tsx';

export interface DashboardCard {
  title: string;
  value: string | number;
  href: string;
  /** optional line under the value, e.g. "其中 2 件即将到期" */
  note?: string;
}

export interface DashboardPageProps {
  shell: AdminShell;
  cards: readonly DashboardCard[];
}

export function DashboardPage({ shell, cards }: DashboardPageProps) {
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
