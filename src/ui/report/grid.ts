// The official tables 二/三/四 as a renderer-neutral grid: header and data cells with their
// rowspan/colspan, built from the format data in src/core/report/formats.ts. Every renderer (HTML,
// DOCX, PDF, XLSX) draws the same grid, so the merged headers are defined once.
//
// Layouts (ogi-domain §1.2–§1.4, corroborated by the published HTML of 平潭综合实验区 2023):
//  - 表二: one table, one captioned block per 第二十条第（x）项: caption row spanning all columns,
//    header row 信息内容 | <columns>, then one row per 信息内容. A block with fewer columns than the
//    widest block lets its last column span the rest (as the published tables do).
//  - 表三: 3 label columns + 7 numeric columns. Header: top-left note cell (colspan 3, rowspan 3)
//    「（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）」, 申请人情况 (colspan 7);
//    自然人 (rowspan 2) | 法人或其他组织 (colspan 5) | 总计 (rowspan 2); the five organisation columns.
//    Body: 一、/二、/四、 rows span the 3 label columns; 三、本年度办理结果 spans every result row
//    （一）…（七）; （一）（二）（七） and a single （六） span 2 label columns; （三）（四）（五）and the
//    2021 （六） print their group label once with rowspan over their numbered sub-rows.
//  - 表四: 行政复议 (colspan 5, rowspan 2) | 行政诉讼 (colspan 10); 未经复议直接起诉 (colspan 5) |
//    复议后起诉 (colspan 5); 15 column labels; one data row.
import {
  layoutOf, TABLE3_COLUMNS, TABLE3_ORG_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS,
  T3_HEADER_NOTE, T3_PRINTED_LABELS,
  type LayoutId, type Table2Block,
} from '../../core/report/formats.ts';
import type { Cell, CellRef, ReportModel } from '../../core/report/model.ts';

export type TableKey = 'table2' | 'table3' | 'table4';

export interface GridCell {
  /** Printed text: a verbatim label, or the formatted number ('' for a blank cell). */
  text: string;
  /** Header cell (th) or data cell (td). */
  header: boolean;
  rowSpan: number;
  colSpan: number;
  /** For header cells: the HTML scope. */
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  /** Id of a header cell (unique within the grid), referenced by data cells' `headers`. */
  id?: string;
  /** For data cells: ids of the header cells that describe it. */
  headers?: string[];
  /** For data cells: the cell reference (table3|row|column …). */
  ref?: CellRef;
  /** For data cells: the value (null = blank in the report). */
  value?: Cell;
  /** Role, for styling. */
  role: 'note' | 'caption' | 'colhead' | 'rowhead' | 'number';
}

export interface Grid {
  key: TableKey;
  /** Number of grid columns. */
  columns: number;
  /** Rows of the header (repeated on every page when printed). */
  headerRows: number;
  /** Each row lists the cells that START in it (as HTML does); covered positions are omitted. */
  rows: GridCell[][];
  /** Relative column widths (sum need not be 1). */
  widths: number[];
}

/** Formats a number as printed: integers plainly, decimals as given (no thousands separators,
 *  so the table reads back exactly). Blank (null) is ''. */
export function formatCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (Number.isInteger(v)) return String(v);
  // Money (万元) may carry many decimals (平潭 2023: 5949.088667); print the shortest exact form.
  return String(v);
}

/** Cell reference helpers (the interchange shape of tests/fixtures/reports/README.md). */
export const ref = {
  t2: (block: string, row: string, column: string): CellRef => `table2|${block}|${row}|${column}`,
  t3: (row: string, column: string): CellRef => `table3|${row}|${column}`,
  t4: (group: string, column: string): CellRef => `table4|${group}|${column}`,
};

function th(text: string, opts: Partial<GridCell> = {}): GridCell {
  return { text, header: true, rowSpan: 1, colSpan: 1, role: 'colhead', ...opts };
}
function td(value: Cell | undefined, cellRef: CellRef, headers: string[], opts: Partial<GridCell> = {}): GridCell {
  const v = value === undefined ? null : value;
  return { text: formatCell(v), header: false, rowSpan: 1, colSpan: 1, role: 'number', value: v, ref: cellRef, headers, ...opts };
}

/** A short, stable id fragment for a label (ids must be unique inside one document). */
function idOf(prefix: string, parts: (string | number)[]): string {
  return `${prefix}-${parts.join('-')}`;
}

/** Merges the layout's labels with any extra labels present in the model, keeping the model's
 *  order for the extras (each extra is placed after the nearest preceding known label). */
export function mergeKeys(layout: readonly string[], model: readonly string[]): string[] {
  const out = [...layout];
  let last = -1;
  for (const k of model) {
    const at = out.indexOf(k);
    if (at >= 0) { last = at; continue; }
    out.splice(last + 1, 0, k);
    last += 1;
  }
  return out;
}

export interface Table2View {
  key: string;
  columns: string[];
  rows: string[];
}

/** Blocks of 表二 to print: the layout's blocks, rows and columns plus any others in the model. */
export function table2Blocks(model: Pick<ReportModel, 'format' | 'table2'>): Table2View[] {
  const layout = layoutOf(model.format).table2;
  const byKey = new Map<string, Table2Block>(layout.map((b) => [b.key, b]));
  const keys = mergeKeys(layout.map((b) => b.key), Object.keys(model.table2 ?? {}));
  return keys.map((key) => {
    const def = byKey.get(key);
    const data = model.table2?.[key] ?? {};
    const rows = mergeKeys(def?.rows ?? [], Object.keys(data));
    const modelCols: string[] = [];
    for (const r of Object.values(data)) for (const c of Object.keys(r ?? {})) if (!modelCols.includes(c)) modelCols.push(c);
    const columns = mergeKeys(def?.columns ?? [], modelCols);
    return { key, columns, rows };
  });
}

export function table2Grid(model: Pick<ReportModel, 'format' | 'table2'>, idPrefix = 'gk'): Grid {
  const blocks = table2Blocks(model);
  const valueCols = Math.max(1, ...blocks.map((b) => b.columns.length));
  const rows: GridCell[][] = [];
  blocks.forEach((b, bi) => {
    const capId = idOf(idPrefix, ['t2', bi]);
    rows.push([th(b.key, { colSpan: valueCols + 1, scope: 'rowgroup', id: capId, role: 'caption' })]);
    const infoId = idOf(idPrefix, ['t2', bi, 'h']);
    const head: GridCell[] = [th('信息内容', { scope: 'col', id: infoId })];
    b.columns.forEach((c, ci) => {
      const last = ci === b.columns.length - 1;
      head.push(th(c, { scope: 'col', id: idOf(idPrefix, ['t2', bi, 'c', ci]), colSpan: last ? valueCols - ci : 1 }));
    });
    if (b.columns.length === 0) head.push(th('', { colSpan: valueCols }));
    rows.push(head);
    b.rows.forEach((r, ri) => {
      const rowId = idOf(idPrefix, ['t2', bi, 'r', ri]);
      const line: GridCell[] = [th(r, { scope: 'row', id: rowId, role: 'rowhead' })];
      b.columns.forEach((c, ci) => {
        const last = ci === b.columns.length - 1;
        line.push(td(model.table2?.[b.key]?.[r]?.[c], ref.t2(b.key, r, c), [capId, idOf(idPrefix, ['t2', bi, 'c', ci]), rowId], { colSpan: last ? valueCols - ci : 1 }));
      });
      if (b.columns.length === 0) line.push(td(null, ref.t2(b.key, r, ''), [capId, rowId], { colSpan: valueCols }));
      rows.push(line);
    });
  });
  const widths = [3, ...Array.from({ length: valueCols }, () => 2)];
  // 表三 widths (relative; in mm on an A4 公文 page of 156 mm): the 「三、本年度办理结果」 column one character wide,
  // the group column fits 「（三）不予公开」 and the numeric columns fit 「自然人」 at 9pt.
  // 表二 has no separate header: each block carries its own caption and header rows.
  return { key: 'table2', columns: valueCols + 1, headerRows: 0, rows, widths };
}

/** Splits a table 三 row key "group/sub-row" into its printed parts. */
export function splitT3Key(key: string): { group: string; sub: string | null } {
  const slash = key.indexOf('/');
  if (slash < 0) return { group: key, sub: null };
  return { group: key.slice(0, slash), sub: key.slice(slash + 1) };
}

/** Printed label of a table 三 group (the 部分公开 row prints its counting note). */
export function t3PrintedLabel(group: string): string {
  return T3_PRINTED_LABELS[group] ?? group;
}

/** Row keys of 表三 to print: the layout's plus any others in the model. */
export function table3RowKeys(model: Pick<ReportModel, 'format' | 'table3'>): string[] {
  return mergeKeys(layoutOf(model.format).table3Rows, Object.keys(model.table3?.rows ?? {}));
}

/** Result rows (三、本年度办理结果 … （七）总计) among the printed keys: everything from the first
 *  （…） group up to and including （七）总计. */
function isResultRow(key: string): boolean {
  return key.startsWith('（');
}

export function table3Grid(model: Pick<ReportModel, 'format' | 'table3'>, idPrefix = 'gk'): Grid {
  const p = (...parts: (string | number)[]) => idOf(idPrefix, ['t3', ...parts]);
  const colIds = TABLE3_COLUMNS.map((_, i) => p('c', i));
  const rows: GridCell[][] = [
    [
      th(T3_HEADER_NOTE, { rowSpan: 3, colSpan: 3, role: 'note', id: p('note') }),
      th('申请人情况', { colSpan: 7, scope: 'colgroup', id: p('applicant') }),
    ],
    [
      th('自然人', { rowSpan: 2, scope: 'col', id: colIds[0] }),
      th('法人或其他组织', { colSpan: 5, scope: 'colgroup', id: p('org') }),
      th('总计', { rowSpan: 2, scope: 'col', id: colIds[6] }),
    ],
    TABLE3_ORG_COLUMNS.map((c, i) => th(c, { scope: 'col', id: colIds[i + 1] })),
  ];
  const columnHeaders = (ci: number): string[] => {
    const ids = [p('applicant')];
    if (ci >= 1 && ci <= 5) ids.push(p('org'));
    ids.push(colIds[ci]!);
    return ids;
  };
  // The data columns follow the interchange shape's column list (always the seven of TABLE3_COLUMNS).
  const colIndex = (name: string) => {
    const i = (model.table3?.columns ?? []).indexOf(name);
    return i >= 0 ? i : TABLE3_COLUMNS.indexOf(name as (typeof TABLE3_COLUMNS)[number]);
  };
  const values = (key: string, rowHeaderIds: string[]): GridCell[] =>
    TABLE3_COLUMNS.map((c, ci) => td(model.table3?.rows?.[key]?.[colIndex(c)], ref.t3(key, c), [...rowHeaderIds, ...columnHeaders(ci)]));

  const keys = table3RowKeys(model);
  const resultKeys = keys.filter(isResultRow);
  const resultId = p('result');
  let resultOpened = false;
  let i = 0;
  while (i < keys.length) {
    const key = keys[i]!;
    if (!isResultRow(key)) {
      const id = p('r', i);
      rows.push([th(key, { colSpan: 3, scope: 'row', id, role: 'rowhead' }), ...values(key, [id])]);
      i += 1;
      continue;
    }
    const line: GridCell[] = [];
    if (!resultOpened) {
      line.push(th('三、本年度办理结果', { rowSpan: resultKeys.length, scope: 'rowgroup', id: resultId, role: 'rowhead' }));
      resultOpened = true;
    }
    const { group, sub } = splitT3Key(key);
    if (sub === null) {
      const id = p('r', i);
      line.push(th(t3PrintedLabel(group), { colSpan: 2, scope: 'row', id, role: 'rowhead' }), ...values(key, [resultId, id]));
      rows.push(line);
      i += 1;
      continue;
    }
    // A group with numbered sub-rows: the group label spans the consecutive sub-rows of that group.
    let n = 0;
    while (i + n < keys.length && splitT3Key(keys[i + n]!).group === group && splitT3Key(keys[i + n]!).sub !== null) n += 1;
    const groupId = p('g', i);
    line.push(th(t3PrintedLabel(group), { rowSpan: n, scope: 'rowgroup', id: groupId, role: 'rowhead' }));
    for (let k = 0; k < n; k += 1) {
      const subKey = keys[i + k]!;
      const id = p('r', i + k);
      const cells = [th(splitT3Key(subKey).sub!, { scope: 'row', id, role: 'rowhead' }), ...values(subKey, [resultId, groupId, id])];
      if (k === 0) { line.push(...cells); rows.push(line); } else rows.push(cells);
    }
    i += n;
  }
  return { key: 'table3', columns: 10, headerRows: 3, rows, widths: [7, 25, 43.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5] };
}

export function table4Grid(model: Pick<ReportModel, 'table4'>, idPrefix = 'gk'): Grid {
  const p = (...parts: (string | number)[]) => idOf(idPrefix, ['t4', ...parts]);
  const groupIds = TABLE4_GROUPS.map((_, gi) => p('g', gi));
  const colId = (gi: number, ci: number) => p('c', gi, ci);
  const rows: GridCell[][] = [
    [
      th('行政复议', { colSpan: 5, rowSpan: 2, scope: 'colgroup', id: groupIds[0] }),
      th('行政诉讼', { colSpan: 10, scope: 'colgroup', id: p('suit') }),
    ],
    [
      th('未经复议直接起诉', { colSpan: 5, scope: 'colgroup', id: groupIds[1] }),
      th('复议后起诉', { colSpan: 5, scope: 'colgroup', id: groupIds[2] }),
    ],
    TABLE4_GROUPS.flatMap((_, gi) => TABLE4_COLUMNS.map((c, ci) => th(c, { scope: 'col', id: colId(gi, ci) }))),
    TABLE4_GROUPS.flatMap((g, gi) => TABLE4_COLUMNS.map((c, ci) =>
      td(model.table4?.[g]?.[c], ref.t4(g, c), [...(gi > 0 ? [p('suit')] : []), groupIds[gi]!, colId(gi, ci)]))),
  ];
  return { key: 'table4', columns: 15, headerRows: 3, rows, widths: Array.from({ length: 15 }, () => 1) };
}

export const TABLE_TITLES: Record<TableKey, string> = {
  table2: '二、主动公开政府信息情况',
  table3: '三、收到和处理政府信息公开申请情况',
  table4: '四、政府信息公开行政复议、行政诉讼情况',
};

/** Section key after whose heading each table is printed (as real reports do). */
export const TABLE_SECTION: Record<TableKey, string> = { table2: 'proactive', table3: 'requests', table4: 'appeals' };

export function reportGrids(model: ReportModel, idPrefix = 'gk'): Record<TableKey, Grid> {
  const grids = { table2: table2Grid(model, idPrefix), table3: table3Grid(model, idPrefix), table4: table4Grid(model, idPrefix) };
  for (const g of Object.values(grids)) {
    for (const row of g.rows) for (const cell of row) if (!cell.header && cell.ref !== undefined) cell.id = cellAnchorId(idPrefix, cell.ref);
  }
  return grids;
}

/** The anchor id of a data cell (so a finding can link to the very cell it names). HTML ids may hold
 *  any character but whitespace; cell references have none, but normalise defensively. */
export function cellAnchorId(idPrefix: string, cellRef: CellRef): string {
  return `${idPrefix}-cell-${cellRef.replace(/\s+/g, '_')}`;
}

export interface PlacedCell { row: number; col: number; cell: GridCell }

/** Positions every cell of a grid on the full matrix (row, column), resolving rowspans as HTML
 *  does. Also returns, for each matrix position, the cell covering it. */
export function placeGrid(grid: Grid): { placed: PlacedCell[]; cover: (PlacedCell | undefined)[][] } {
  const cover: (PlacedCell | undefined)[][] = grid.rows.map(() => Array<PlacedCell | undefined>(grid.columns).fill(undefined));
  const placed: PlacedCell[] = [];
  grid.rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < grid.columns && cover[r]![c] !== undefined) c += 1;
      if (c >= grid.columns) throw new Error(`grid ${grid.key}: row ${r} overflows ${grid.columns} columns`);
      const pc: PlacedCell = { row: r, col: c, cell };
      placed.push(pc);
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        for (let dc = 0; dc < cell.colSpan; dc += 1) {
          const line = cover[r + dr];
          if (!line) throw new Error(`grid ${grid.key}: rowspan past the last row at ${r},${c}`);
          line[c + dc] = pc;
        }
      }
      c += cell.colSpan;
    }
  });
  return { placed, cover };
}

/** Default layout of a report's format, exported for renderers that print the format name. */
export function layoutName(layout: LayoutId): string {
  if (layout === 'hybrid') return '混合格式（2021年表二，2019年表三（六）其他处理单行）';
  return layout === '2021' ? '国办公开办函〔2021〕30号格式' : '国办公开办函〔2019〕60号格式（试行）';
}
