// Cell access for the rule catalogue (rules.ts) and its callers: a cell by reference ("table3|row|col", …), the cells of
// a model. Pure.
import { TABLE3_COLUMNS } from './formats.ts';
import type { Cell, CellRef, ReportModel } from './model.ts';

const T3_INDEX = new Map<string, number>(TABLE3_COLUMNS.map((c, i) => [c, i]));

export function t3(model: ReportModel, row: string, col: string): Cell {
  const r = model.table3?.rows?.[row];
  if (!r) return null;
  const cols: readonly string[] = model.table3.columns?.length ? model.table3.columns : TABLE3_COLUMNS;
  const i = cols.indexOf(col);
  const v = r[i >= 0 ? i : T3_INDEX.get(col)!];
  return v === undefined ? null : v;
}
export function t4(model: ReportModel, group: string, col: string): Cell {
  const v = model.table4?.[group]?.[col];
  return v === undefined ? null : v;
}
export function t2(model: ReportModel, block: string, row: string, col: string): Cell {
  const v = model.table2?.[block]?.[row]?.[col];
  return v === undefined ? null : v;
}

/** Value of a cell reference "table3|row|col", "table4|group|col", "table2|block|row|col". */
export function cellValue(model: ReportModel, ref: CellRef): Cell {
  const p = ref.split('|');
  if (p[0] === 'table3' && p.length === 3) return t3(model, p[1]!, p[2]!);
  if (p[0] === 'table4' && p.length === 3) return t4(model, p[1]!, p[2]!);
  if (p[0] === 'table2' && p.length === 4) return t2(model, p[1]!, p[2]!, p[3]!);
  return null;
}

/** Every cell reference of a model's tables (table 三 by its columns). */
export function cellRefsOf(m: ReportModel): CellRef[] {
  const out: CellRef[] = [];
  for (const [b, rows] of Object.entries(m.table2 ?? {})) for (const [r, cols] of Object.entries(rows ?? {})) for (const c of Object.keys(cols ?? {})) out.push(`table2|${b}|${r}|${c}`);
  const cols: readonly string[] = m.table3?.columns?.length ? m.table3.columns : TABLE3_COLUMNS;
  for (const r of Object.keys(m.table3?.rows ?? {})) for (const c of cols) out.push(`table3|${r}|${c}`);
  for (const [g, c4] of Object.entries(m.table4 ?? {})) for (const c of Object.keys(c4 ?? {})) out.push(`table4|${g}|${c}`);
  return out;
}

/** cellRefsOf(m).length, without building the references (the batch audit counts them for every report). */
export function cellCountOf(m: ReportModel): number {
  let count = 0;
  for (const rows of Object.values(m.table2 ?? {})) for (const cols of Object.values(rows ?? {})) count += Object.keys(cols ?? {}).length;
  const cols: readonly string[] = m.table3?.columns?.length ? m.table3.columns : TABLE3_COLUMNS;
  count += Object.keys(m.table3?.rows ?? {}).length * cols.length;
  for (const c4 of Object.values(m.table4 ?? {})) count += Object.keys(c4 ?? {}).length;
  return count;
}
