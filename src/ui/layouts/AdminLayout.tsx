// The back office (ui.md "Back office"): a left navigation 工作台, 依申请公开, 主动公开, 年度报告,
// 好差评, 政务服务事项, 统计, 设置, 审计日志 (+ 用户管理, 工作日历 for administrators), the signed-in
// user with a sign-out form (POST, CSRF token), a flash message and the page.
import type { ReactNode } from 'react';
import type { Flash, Locale, Prefs, Role, StaffUser } from '../types.ts';
import { t } from '../i18n.ts';
import { CsrfField } from '../components/forms.tsx';
import { Notice } from '../components/status.tsx';
import { Document } from './Document.tsx';

export type AdminNavKey =
  | 'dashboard'
  | 'applications'
  | 'catalogue'
  | 'reports'
  | 'ratings'
  | 'services'
  | 'stats'
  | 'settings'
  | 'audit'
  | 'users'
  | 'calendar';

export const ADMIN_NAV: readonly { key: AdminNavKey; href: string; adminOnly?: boolean }[] = [
  { key: 'dashboard', href: '/admin' },
  { key: 'applications', href: '/admin/applications' },
  { key: 'catalogue', href: '/admin/catalogue' },
  { key: 'reports', href: '/admin/reports' },
  { key: 'ratings', href: '/admin/ratings' },
  { key: 'services', href: '/admin/services' },
  { key: 'stats', href: '/admin/stats' },
  { key: 'settings', href: '/admin/settings' },
  { key: 'audit', href: '/admin/audit' },
  { key: 'users', href: '/admin/users', adminOnly: true },
  { key: 'calendar', href: '/admin/calendar', adminOnly: true },
];

/** What the walking skeleton builds; the backend passes the real list as features land. */
export const SKELETON_FEATURES: readonly AdminNavKey[] = ['dashboard', 'audit', 'users'];

/** Entries a user sees: built (in `enabled`) and allowed for the role; the dashboard always. */
export function visibleNav(role: Role, enabled: readonly string[]): typeof ADMIN_NAV {
  return ADMIN_NAV.filter((n) => (n.key === 'dashboard' || enabled.includes(n.key)) && (!n.adminOnly || role === 'admin'));
}

/** Everything the layout needs that is the same on every back-office page of a request. */
export interface AdminShell {
  locale: Locale;
  user: StaffUser;
  csrfToken: string;
  /** nav keys of built features (default SKELETON_FEATURES) */
  enabled?: readonly string[];
  flash?: Flash;
  prefs?: Prefs;
}

export interface AdminLayoutProps extends AdminShell {
  active: AdminNavKey | string;
  title: string;
  children: ReactNode;
}

export function AdminLayout(p: AdminLayoutProps) {
  const { locale, user } = p;
  const nav = visibleNav(user.role, p.enabled ?? SKELETON_FEATURES);
  const product = t(locale, 'admin.product');
  return (
    <Document locale={locale} title={`${p.title} - ${product}`} prefs={p.prefs} bodyClass="gk-admin">
      <a className="gk-skip-link" href="#main">
        {t(locale, 'common.skipLink')}
      </a>
      <header className="gk-header gk-header--admin">
        <div className="gk-header__inner gk-width-wide">
          <p className="gk-header__brand">
            <a href="/admin" className="gk-header__home">
              <span className="gk-header__agency">{user.agencyName}</span>
              <span className="gk-header__title">{product}</span>
            </a>
          </p>
          <div className="gk-user">
            <p className="gk-user__name">
              {user.displayName}
              <span className="gk-user__role">{t(locale, `admin.roles.${user.role}`)}</span>
            </p>
            <a className="gk-link gk-user__password" href="/admin/password">
              {t(locale, 'admin.changePassword')}
            </a>
            <form method="post" action="/admin/logout" className="gk-user__logout">
              <CsrfField token={p.csrfToken} />
              <button className="gk-button gk-button--secondary gk-button--small" type="submit">
                {t(locale, 'admin.signOut')}
              </button>
            </form>
          </div>
        </div>
      </header>
      <div className="gk-admin__body gk-width-wide">
        <nav className="gk-sidenav" aria-label={t(locale, 'admin.nav.label')}>
          <ul className="gk-sidenav__list">
            {nav.map((n) => (
              <li key={n.key}>
                <a className="gk-sidenav__link" href={n.href} aria-current={p.active === n.key ? 'page' : undefined}>
                  {t(locale, `admin.nav.${n.key}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="gk-main gk-main--admin" id="main" tabIndex={-1}>
          {p.flash ? (
            <Notice kind={p.flash.kind} locale={locale}>
              {p.flash.text}
            </Notice>
          ) : null}
          {p.children}
        </main>
      </div>
    </Document>
  );
}
