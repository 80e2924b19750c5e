// Portal home: the 政府信息公开专栏 entries (official names and order) and the latest items.
import type { AgencyContact, Locale, Prefs } from '../types.ts';
import { t } from '../i18n.ts';
import { formatDateTable } from '../dates.ts';
import { PortalLayout, PORTAL_SECTIONS, feedHref } from '../layouts/PortalLayout.tsx';

export interface LatestItem {
  title: string;
  href: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface HomePageProps {
  locale: Locale;
  agency: AgencyContact;
  prefs?: Prefs;
  currentPath?: string;
  /** newest published items; an empty list says "暂无信息" */
  latest: readonly LatestItem[];
  /** further public services linked under the 专栏 entries (e.g. 政务服务事项办事指南) */
  more?: readonly { href: string; title: string; text: string }[];
}

export function HomePage(p: HomePageProps) {
  const { locale } = p;
  return (
    <PortalLayout locale={locale} agency={p.agency} title={t(locale, 'portal.home.title')} prefs={p.prefs} currentPath={p.currentPath ?? '/'}>
      <h1 className="gk-heading-xl">{t(locale, 'portal.siteTitle', { agency: p.agency.name })}</h1>
      <p className="gk-lead">{t(locale, 'portal.home.intro')}</p>
      <ul className="gk-sections">
        {PORTAL_SECTIONS.map((s) => (
          <li className="gk-sections__item" key={s.key}>
            <h2 className="gk-sections__title">
              <a href={s.href}>{t(locale, `portal.nav.${s.key}`)}</a>
            </h2>
            <p className="gk-sections__text">{t(locale, `portal.home.sections.${s.key}`)}</p>
          </li>
        ))}
        {(p.more ?? []).map((m) => (
          <li className="gk-sections__item" key={m.href}>
            <h2 className="gk-sections__title"><a href={m.href}>{m.title}</a></h2>
            <p className="gk-sections__text">{m.text}</p>
          </li>
        ))}
      </ul>
      <section className="gk-latest" aria-labelledby="latest-title">
        <h2 className="gk-heading-m" id="latest-title">
          {t(locale, 'portal.home.latest')}
        </h2>
        {p.latest.length === 0 ? (
          <p className="gk-empty">{t(locale, 'portal.home.noItems')}</p>
        ) : (
          <ul className="gk-latest__list">
            {p.latest.map((it) => (
              <li className="gk-latest__item" key={it.href}>
                <a className="gk-latest__title" href={it.href}>{it.title}</a>
                <time className="gk-latest__date" dateTime={it.date}>
                  {formatDateTable(it.date)}
                </time>
              </li>
            ))}
          </ul>
        )}
        <p className="gk-latest__more">
          <a href="/proactive">{t(locale, 'portal.home.allItems')}</a>
          {p.agency.creditCode ? (
            <a href={feedHref(p.agency.creditCode)} type="application/rss+xml">
              {t(locale, 'portal.feed.link')}
            </a>
          ) : null}
        </p>
      </section>
    </PortalLayout>
  );
}
