// The public portal (政府信息公开专栏). Navigation names and order follow 国办公开办函〔2019〕61号
// (unified name and format of the 专栏): 政府信息公开指南, 政府信息公开制度, 法定主动公开内容,
// 政府信息公开年报, 依申请公开. The footer gives the work body's contact data as the 指南 must
// (条例 第十二条: 名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式).
import type { ReactNode } from 'react';
import type { AgencyContact, Crumb, Locale, Prefs } from '../types.ts';
import { DEFAULT_PREFS } from '../types.ts';
import { t } from '../i18n.ts';
import { buildHref, safeLocalPath } from '../url.ts';
import { Breadcrumbs } from '../components/navigation.tsx';
import { Document } from './Document.tsx';

export type PortalSection = 'guide' | 'rules' | 'proactive' | 'reports' | 'apply';

/** The 专栏 entries, in the official order. */
export const PORTAL_SECTIONS: readonly { key: PortalSection; href: string }[] = [
  { key: 'guide', href: '/guide' },
  { key: 'rules', href: '/rules' },
  { key: 'proactive', href: '/proactive' },
  { key: 'reports', href: '/reports' },
  { key: 'apply', href: '/apply' },
];

/**
 * Link to the preference switch. Contract with the backend:
 *   GET /prefs?large=1|0&contrast=1|0&back=<path>
 * sets the preference cookie and redirects (303) to `back` (a same-site path only).
 */
/**
 * An address (URL, e-mail) that may wrap on a narrow screen only after its separators ("/", ".", "@"), never
 * inside a word: a <wbr> after each separator, and the CSS (.gk-footer__address) keeps the words whole.
 */
export function breakable(address: string) {
  const parts = address.split(/(?<=[/.@])/);
  return parts.map((p, i) => (i < parts.length - 1 ? <span key={i}>{p}<wbr /></span> : <span key={i}>{p}</span>));
}

export function prefsHref(change: { large?: boolean; contrast?: boolean }, back: string): string {
  return buildHref('/prefs', {
    large: change.large === undefined ? undefined : change.large ? 1 : 0,
    contrast: change.contrast === undefined ? undefined : change.contrast ? 1 : 0,
    back: safeLocalPath(back),
  });
}

/** The agency's RSS 2.0 feed of published items (served by the portal-content routes). */
export function feedHref(creditCode: string): string {
  return `/feeds/${encodeURIComponent(creditCode)}.rss`;
}

/** The same page in the other language: `?lang=` is read by the backend (it also sets a cookie). */
export function langHref(currentPath: string, to: Locale): string {
  const u = new URL(safeLocalPath(currentPath), 'http://localhost');
  u.searchParams.set('lang', to);
  return `${u.pathname}${u.search}`;
}

export interface PortalLayoutProps {
  locale: Locale;
  agency: AgencyContact;
  title: string;
  breadcrumbs?: Crumb[];
  prefs?: Prefs;
  /** the current path with its query, for the switches' `back` (default '/') */
  currentPath?: string;
  /** the 专栏 section this page belongs to (aria-current in the navigation) */
  active?: PortalSection;
  /** the search box's current text */
  query?: string;
  children: ReactNode;
}

export function PortalLayout(p: PortalLayoutProps) {
  const { locale, agency } = p;
  const prefs = p.prefs ?? DEFAULT_PREFS;
  const back = safeLocalPath(p.currentPath);
  const siteTitle = t(locale, 'portal.siteTitle', { agency: agency.name });
  const feed = agency.creditCode ? { href: feedHref(agency.creditCode), title: t(locale, 'portal.feed.title', { agency: agency.name }) } : undefined;
  return (
    <Document locale={locale} title={`${p.title} - ${siteTitle}`} prefs={prefs} bodyClass="gk-portal" feed={feed}>
      <a className="gk-skip-link" href="#main">
        {t(locale, 'common.skipLink')}
      </a>
      <header className="gk-header">
        <div className="gk-header__inner gk-width">
          <p className="gk-header__brand">
            <a href="/" className="gk-header__home">
              <span className="gk-header__agency">{agency.name}</span>
              <span className="gk-header__title">{t(locale, 'portal.ogi')}</span>
            </a>
          </p>
          <form className="gk-search" role="search" method="get" action="/search">
            <label className="gk-search__label" htmlFor="site-search">
              {t(locale, 'portal.search.label')}
            </label>
            <input className="gk-search__input" id="site-search" name="q" type="search" defaultValue={p.query ?? ''} />
            <button className="gk-search__button" type="submit">
              {t(locale, 'portal.search.button')}
            </button>
          </form>
          <ul className="gk-switches" aria-label={t(locale, 'portal.switches.label')}>
            <li>
              <a className="gk-switch" href={prefsHref({ large: !prefs.largeText }, back)}>
                {prefs.largeText ? t(locale, 'portal.switches.largeOff') : t(locale, 'portal.switches.largeOn')}
              </a>
            </li>
            <li>
              <a className="gk-switch" href={prefsHref({ contrast: !prefs.highContrast }, back)}>
                {prefs.highContrast ? t(locale, 'portal.switches.contrastOff') : t(locale, 'portal.switches.contrastOn')}
              </a>
            </li>
            <li>
              {locale === 'en' ? (
                <a className="gk-switch" href={langHref(back, 'zh-CN')} lang="zh-CN" hrefLang="zh-CN">
                  中文
                </a>
              ) : (
                <a className="gk-switch" href={langHref(back, 'en')} lang="en" hrefLang="en">
                  English
                </a>
              )}
            </li>
          </ul>
        </div>
        <nav className="gk-nav" aria-label={t(locale, 'portal.nav.label')}>
          <ul className="gk-nav__list gk-width">
            {PORTAL_SECTIONS.map((s) => (
              <li className="gk-nav__item" key={s.key}>
                <a className="gk-nav__link" href={s.href} aria-current={p.active === s.key ? 'page' : undefined}>
                  {t(locale, `portal.nav.${s.key}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <div className="gk-width gk-page">
        <Breadcrumbs items={p.breadcrumbs} locale={locale} />
        <main className="gk-main" id="main" tabIndex={-1}>
          {p.children}
        </main>
      </div>
      <footer className="gk-footer">
        <div className="gk-width">
          <h2 className="gk-footer__title">{t(locale, 'portal.footer.title')}</h2>
          <dl className="gk-footer__contact">
            <div>
              <dt>{t(locale, 'portal.footer.workBody')}</dt>
              <dd>{agency.workBodyName}</dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.address')}</dt>
              <dd>
                {agency.address}
                {agency.postcode ? t(locale, 'portal.footer.postcode', { postcode: agency.postcode }) : null}
              </dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.officeHours')}</dt>
              <dd>{agency.officeHours}</dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.phone')}</dt>
              <dd>{agency.phone}</dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.fax')}</dt>
              <dd>{agency.fax}</dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.email')}</dt>
              <dd className="gk-footer__address">{agency.email ? <a href={`mailto:${agency.email}`}>{breakable(agency.email)}</a> : null}</dd>
            </div>
            <div>
              <dt>{t(locale, 'portal.footer.website')}</dt>
              <dd className="gk-footer__address">{breakable(agency.website)}</dd>
            </div>
          </dl>
          <p className="gk-footer__links">
            <a href="/guide">{t(locale, 'portal.footer.guideLink')}</a>
            {feed ? <a href={feed.href} type="application/rss+xml">{t(locale, 'portal.feed.link')}</a> : null}
            <a href="/admin">{t(locale, 'portal.footer.staffLink')}</a>
          </p>
          <p className="gk-footer__copy">{t(locale, 'portal.footer.sponsor', { agency: agency.name })}</p>
        </div>
      </footer>
    </Document>
  );
}
