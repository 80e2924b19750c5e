// A supervisor's correction of cells the reader got wrong or could not read (督查体检, decision 175): the corrected
// model is the reading with the corrected values set and the corrected cells no longer unread, so the rules that
// needed them are checked again (decision 090). Pure: the stored reading and the corrections in, a model out.
import { layoutOf, TABLE3_COLUMNS, FORMATS } from './formats.ts';
import type { Cell, CellRef, ReportModel } from './model.ts';
import { cellRefsOf, cellValue } from './rules.ts';

export interface CellCorrection {
  cell: CellRef;
  value: number;
}

/** What a cell holds, as rule I4 reads it: a count (non-negative integer), a signed count (2019 “本年增/减”) or an
 *  amount (2021 收费金额 in 万元, 2019 采购总金额: decimals, not negative). Source: 国办公开办函〔2019〕60号、〔2021〕30号 表二. */
export type CellKind = 'count' | 'signed' | 'money';

export function cellKind(m: ReportModel, ref: CellRef): CellKind {
  const p = ref.split('|');
  if (p[0] !== 'table2') return 'count';
  const blocks = [...layoutOf(m.format).table2, ...FORMATS['2019'].table2, ...FORMATS['2021'].table2];
  const def = blocks.find((b) => b.key === p[1]);
  const col = p[3] ?? '';
  return def?.moneyColumns?.includes(col) ? 'money' : def?.signedColumns?.includes(col) ? 'signed' : 'count';
}

/** The cells a correction may name: every cell of the model's tables and every cell the reader left unread. */
export function correctableCells(m: ReportModel): CellRef[] {
  return [...new Set([...cellRefsOf(m), ...(m.unreadCells ?? [])])];
}

export type ValueCheck = { value: number } | { error: string };

/** The value a supervisor typed for a cell, checked as the format requires (zh-CN message when it is not). */
export function parseCorrectionValue(m: ReportModel, ref: CellRef, raw: unknown): ValueCheck {
  const kind = cellKind(m, ref);
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/[，,]/g, '') : '';
  if (text === '') return { error: '请填写更正后的数值' };
  const re = kind === 'count' ? /^\d{1,9}$/ : kind === 'signed' ? /^-?\d{1,9}$/ : /^\d{1,9}(\.\d{1,4})?$/;
  if (!re.test(text)) {
    return { error: kind === 'count' ? '更正后的数值应为非负整数（件数为 0 或正整数）' : kind === 'signed' ? '更正后的数值应为整数（减少用负数）' : '更正后的金额应为非负数（最多 4 位小数）' };
  }
  return { value: Number(text) };
}

/** Set one cell of a model (creating the table 三 row / table 二 and 四 entries when the reader left them out). */
function setCell(m: ReportModel, ref: CellRef, value: Cell): void {
  const p = ref.split('|');
  if (p[0] === 'table3' && p.length === 3) {
    const cols: readonly string[] = m.table3.columns?.length ? m.table3.columns : TABLE3_COLUMNS;
    let i = cols.indexOf(p[2]!);
    if (i < 0) i = (TABLE3_COLUMNS as readonly string[]).indexOf(p[2]!);
    if (i < 0) return;
    const row = [...(m.table3.rows[p[1]!] ?? cols.map(() => null))];
    while (row.length < cols.length) row.push(null);
    row[i] = value;
    m.table3.rows[p[1]!] = row;
  } else if (p[0] === 'table4' && p.length === 3) {
    m.table4[p[1]!] = { ...(m.table4[p[1]!] ?? {}), [p[2]!]: value };
  } else if (p[0] === 'table2' && p.length === 4) {
    const block = { ...(m.table2[p[1]!] ?? {}) };
    block[p[2]!] = { ...(block[p[2]!] ?? {}), [p[3]!]: value };
    m.table2[p[1]!] = block;
  }
}

/** The reading with the corrections applied: values set, corrected cells no longer unread. The reading is not changed. */
export function applyCorrections(reading: ReportModel, corrections: readonly CellCorrection[]): ReportModel {
  const m: ReportModel = {
    ...reading,
    table2: { ...reading.table2 },
    table3: { columns: [...(reading.table3?.columns ?? [])], rows: { ...(reading.table3?.rows ?? {}) } },
    table4: { ...reading.table4 },
  };
  for (const c of corrections) setCell(m, c.cell, c.value);
  const corrected = new Set(corrections.map((c) => c.cell));
  if (reading.unreadCells) m.unreadCells = reading.unreadCells.filter((c) => !corrected.has(c));
  return m;
}

/** The value the reader gave a cell (null: blank or unread). */
export function readValue(reading: ReportModel, ref: CellRef): Cell {
  return cellValue(reading, ref);
}

/** A reading problem (a finding of source "import") is settled when it names cells and every one of them was corrected
 *  — or, for a row or table it names, every unread cell under it was corrected. Problems naming no cell stay. */
export function problemSettled(cells: readonly string[], corrected: ReadonlySet<CellRef>, stillUnread: readonly CellRef[]): boolean {
  if (cells.length === 0) return false;
  return cells.every((c) => {
    if (corrected.has(c)) return true;
    const prefix = `${c}|`;
    const under = [...corrected].some((x) => x.startsWith(prefix));
    return under && !stillUnread.some((u) => u === c || u.startsWith(prefix));
  });
}
