// The official report tables 二/三/四 as server-rendered React components (no data access: the
// report model arrives as a prop). The markup is a real <table> with the national merged headers
// (rowspan/colspan), <caption>, <th scope> and, for every number, `headers` naming its row and
// column headers, so screen readers read "三、本年度办理结果 （一）予以公开 自然人 22". It is also
// what the importer reads back: labels verbatim, one number per cell.
import type { ReactElement, ReactNode } from 'react';
import type { CellRef, ReportModel } from '../../core/report/model.ts';
import { placeGrid, reportGrids, TABLE_TITLES, type Grid, type GridCell, type TableKey } from './grid.ts';
import { t } from '../i18n.ts';
import type { Locale } from '../types.ts';

/** Cells to highlight (年报体检): a list or set of cell references, or a map from reference to the
 *  marker text printed beside the number (e.g. the finding's number). */
export type Highlight = Iterable<CellRef> | ReadonlyMap<CellRef, string>;

export function highlightMap(h: Highlight | undefined, defaultMarker: string): Map<CellRef, string> {
  const m = new Map<CellRef, string>();
  if (!h) return m;
  if (h instanceof Map) {
    for (const [k, v] of h as ReadonlyMap<CellRef, string>) m.set(k, v || defaultMarker);
    return m;
  }
  for (const k of h as Iterable<CellRef>) m.set(k, defaultMarker);
  return m;
}

const FLAG = '⚠';

function Cell({ cell, locale, marks }: { cell: GridCell; locale: Locale; marks: Map<CellRef, string> }): ReactElement {
  const span = {
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
  };
  if (cell.header && cell.role === 'note') {
    // The top-left note of 表三 describes the columns' arithmetic; it heads nothing.
    return <td {...span} id={cell.id} className="gk-note">{cell.text}</td>;
  }
  if (cell.header) {
    return <th {...span} scope={cell.scope} id={cell.id} className={`gk-${cell.role}`}>{cell.text}</th>;
  }
  const marker = cell.ref !== undefined ? marks.get(cell.ref) : undefined;
  // A finding number is printed after a warning sign, so "1" beside the value 1 does not read as "11".
  const shown = marker === undefined || marker === FLAG ? marker : `${FLAG}${marker}`;
  const blank = cell.value === null || cell.value === undefined;
  const classes = ['gk-num'];
  if (blank) classes.push('gk-blank');
  if (marker !== undefined) classes.push('gk-flag');
  let content: ReactNode = blank ? <span className="gk-vh">{t(locale, 'report.blank')}</span> : cell.text;
  if (marker !== undefined) {
    content = (
      <>
        <mark>{content}</mark>
        <span className="gk-flag-marker" aria-hidden="true">{shown}</span>
        <span className="gk-vh">（{t(locale, 'report.flag.label')} {marker}）</span>
      </>
    );
  }
  return (
    <td {...span} id={cell.id} headers={cell.headers?.join(' ')} className={classes.join(' ')} data-cell={cell.ref} data-blank={blank ? '' : undefined}>
      {content}
    </td>
  );
}

function Rows({ rows, locale, marks, offset }: { rows: GridCell[][]; locale: Locale; marks: Map<CellRef, string>; offset: number }): ReactElement {
  return (
    <>
      {rows.map((cells, r) => (
        <tr key={offset + r}>
          {cells.map((cell, c) => <Cell key={c} cell={cell} locale={locale} marks={marks} />)}
        </tr>
      ))}
    </>
  );
}

/** Splits 表二's rows into its captioned blocks (each starts with a caption row). */
function blocksOf(grid: Grid): { start: number; rows: GridCell[][] }[] {
  const out: { start: number; rows: GridCell[][] }[] = [];
  grid.rows.forEach((cells, r) => {
    if (cells[0]?.role === 'caption' || out.length === 0) out.push({ start: r, rows: [] });
    out[out.length - 1]!.rows.push(cells);
  });
  return out;
}

export interface ReportTableProps {
  grid: Grid;
  title: string;
  locale?: Locale;
  highlight?: Highlight;
  /** Hide the caption visually (it stays for screen readers) when a heading with the same text precedes the table. */
  captionHidden?: boolean;
}

/**
 * Column widths as classes `gk-w<n>` (n % of the table, report.css defines 1–100): the pages' Content-Security-
 * Policy allows no style attributes, so inline widths were dropped by the browser.
 */
export function colWidthClasses(widths: readonly number[]): string[] {
  const sum = widths.reduce((a, b) => a + b, 0) || 1;
  return widths.map((w) => `gk-w${Math.min(100, Math.max(1, Math.round((w / sum) * 100)))}`);
}

/** One official table inside a horizontally scrolling region (phones) with a visible hint. */
export function ReportTable({ grid, title, locale = 'zh-CN', highlight, captionHidden }: ReportTableProps): ReactElement {
  placeGrid(grid); // throws early on an inconsistent grid (a spanning bug would misalign every renderer)
  const marks = highlightMap(highlight, t(locale, 'report.flag.marker'));
  const hintId = `${grid.rows[0]?.[0]?.id ?? grid.key}-hint`;
  const head = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);
  return (
    <div className={`gk-report-table gk-report-table--${grid.key}`}>
      <p className="gk-scroll-hint" id={hintId}>{t(locale, 'report.scrollHint')}</p>
      <div className="gk-table-scroll" role="region" tabIndex={0} aria-label={t(locale, 'report.tableRegion', { title })} aria-describedby={hintId}>
        <table className={`gk-official gk-official--${grid.key}`}>
          <caption className={captionHidden ? 'gk-vh' : undefined}>{title}</caption>
          <colgroup>
            {colWidthClasses(grid.widths).map((c, i) => <col key={i} className={c} />)}
          </colgroup>
          {head.length > 0 && <thead><Rows rows={head} locale={locale} marks={marks} offset={0} /></thead>}
          {grid.key === 'table2'
            ? blocksOf({ ...grid, rows: body }).map((b) => (
              <tbody key={b.start}><Rows rows={b.rows} locale={locale} marks={marks} offset={b.start} /></tbody>
            ))
            : <tbody><Rows rows={body} locale={locale} marks={marks} offset={grid.headerRows} /></tbody>}
        </table>
      </div>
    </div>
  );
}

export interface ReportTablesProps {
  model: ReportModel;
  locale?: Locale;
  highlight?: Highlight;
  /** Which tables, in order (default: all three). */
  only?: TableKey[];
  /** Prefix for header ids, unique per page when several reports are shown together. */
  idPrefix?: string;
}

/** The three official tables of a report, each captioned with its national title. */
export function ReportTables({ model, locale = 'zh-CN', highlight, only, idPrefix = 'gk' }: ReportTablesProps): ReactElement {
  const grids = reportGrids(model, idPrefix);
  const keys = only ?? (['table2', 'table3', 'table4'] as TableKey[]);
  return (
    <div className="gk-report-tables">
      {keys.map((k) => <ReportTable key={k} grid={grids[k]} title={TABLE_TITLES[k]} locale={locale} highlight={highlight} />)}
    </div>
  );
}
