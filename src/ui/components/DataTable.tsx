// List tables (ui.md "Back office"): caption, header cells with scope, numbers right-aligned in
// tabular figures, zero printed as 0, sortable columns as links that keep the filters in the URL.
import type { ReactNode } from 'react';
import type { Locale } from '../types.ts';
import { t } from '../i18n.ts';
import { buildHref, type Query } from '../url.ts';

export interface Column<R> {
  key: string;
  header: string;
  /** right-aligned, tabular figures */
  numeric?: boolean;
  sortable?: boolean;
  /** the row's header cell (th scope=row), usually the first column */
  rowHeader?: boolean;
  render: (row: R) => ReactNode;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

export interface DataTableProps<R> {
  caption: string;
  /** hide the caption visually (still read by screen readers) */
  captionHidden?: boolean;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  sort?: SortState;
  /** base path for sort links, e.g. '/admin/audit' */
  baseHref?: string;
  /** current filters, kept in the sort links (page is reset) */
  query?: Query;
  emptyText?: string;
  locale?: Locale;
}

/** Numbers: 0 is printed as 0, never as a blank (ui.md "Official tables"). */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return String(n);
}

export function DataTable<R>(p: DataTableProps<R>) {
  const locale = p.locale ?? 'zh-CN';
  const sortHref = (key: string) => {
    const dir = p.sort?.key === key && p.sort.dir === 'asc' ? 'desc' : 'asc';
    return buildHref(p.baseHref ?? '', { ...(p.query ?? {}), sort: key, dir, page: undefined });
  };
  return (
    <div className="gk-table-wrap" role="region" aria-label={p.caption} tabIndex={0}>
      <table className="gk-table">
        <caption className={p.captionHidden ? 'gk-table__caption gk-visually-hidden' : 'gk-table__caption'}>{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => {
              const sorted = p.sort?.key === c.key ? p.sort.dir : undefined;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'gk-table__header gk-num' : 'gk-table__header'}
                  aria-sort={c.sortable ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {c.sortable && p.baseHref !== undefined ? (
                    <a className="gk-sort" href={sortHref(c.key)}>
                      {c.header}
                      <span className="gk-sort__state">
                        {sorted === 'asc'
                          ? t(locale, 'common.table.sortedAsc')
                          : sorted === 'desc'
                            ? t(locale, 'common.table.sortedDesc')
                            : t(locale, 'common.table.sortable')}
                      </span>
                    </a>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 ? (
            <tr>
              <td className="gk-table__empty" colSpan={p.columns.length}>
                {p.emptyText ?? t(locale, 'common.table.empty')}
              </td>
            </tr>
          ) : (
            p.rows.map((r) => (
              <tr key={p.rowKey(r)}>
                {p.columns.map((c) => {
                  const cls = c.numeric ? 'gk-table__cell gk-num' : 'gk-table__cell';
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" className={cls}>
                      {c.render(r)}
                    </th>
                  ) : (
                    <td key={c.key} className={cls}>
                      {c.render(r)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
