// Breadcrumbs and pagination: plain links, so they work without JavaScript.
import type { Crumb, Locale } from '../types.ts';
import { t } from '../i18n.ts';
import { buildHref, type Query } from '../url.ts';

/** The last crumb is the current page (aria-current, not a link). */
export function Breadcrumbs({ items, locale = 'zh-CN' }: { items: readonly Crumb[] | undefined; locale?: Locale }) {
  if (!items || items.length === 0) return null;
  return (
    <nav className="gk-breadcrumbs" aria-label={t(locale, 'common.breadcrumbs')}>
      <ol className="gk-breadcrumbs__list">
        {items.map((c, i) =>
          i === items.length - 1 ? (
            <li className="gk-breadcrumbs__item" key={c.href} aria-current="page">
              {c.label}
            </li>
          ) : (
            <li className="gk-breadcrumbs__item" key={c.href}>
              <a href={c.href}>{c.label}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  baseHref: string;
  /** current filters and sort; `page` is replaced */
  query?: Query;
  locale?: Locale;
  /** the query parameter of the page number, when a page has two paged lists (default `page`) */
  param?: string;
  /** the navigation's accessible name, when a page has two paged lists (default 分页) */
  label?: string;
}

/** Pages to show: first, last, and two either side of the current one; null marks a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p += 1) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

export function Pagination({ page, pageSize, total, baseHref, query = {}, locale = 'zh-CN', param = 'page', label }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  const href = (p: number) => buildHref(baseHref, { ...query, [param]: p === 1 ? undefined : p });
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="gk-pagination" aria-label={label ?? t(locale, 'common.pagination.label')}>
      <p className="gk-pagination__summary">{t(locale, 'common.pagination.summary', { from, to, total })}</p>
      {pages > 1 ? (
        <ul className="gk-pagination__list">
          {page > 1 ? (
            <li>
              <a className="gk-pagination__prev" href={href(page - 1)} rel="prev">
                {t(locale, 'common.pagination.previous')}
              </a>
            </li>
          ) : null}
          {pageWindow(page, pages).map((p, i) =>
            p === null ? (
              <li key={`gap-${i}`} className="gk-pagination__gap" aria-hidden="true">
                …
              </li>
            ) : p === page ? (
              <li key={p}>
                <a className="gk-pagination__current" href={href(p)} aria-current="page" aria-label={t(locale, 'common.pagination.page', { page: p })}>
                  {p}
                </a>
              </li>
            ) : (
              <li key={p}>
                <a href={href(p)} aria-label={t(locale, 'common.pagination.page', { page: p })}>
                  {p}
                </a>
              </li>
            ),
          )}
          {page < pages ? (
            <li>
              <a className="gk-pagination__next" href={href(page + 1)} rel="next">
                {t(locale, 'common.pagination.next')}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}
