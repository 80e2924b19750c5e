// Reading tables 二, 三 and 四 from value groups, with digit-run recovery under the 勾稽 constraints.
import {
  FORMATS, TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL,
  type FormatId, type Table2Block,
} from '../../../core/report/formats.ts';
import type { CellRef, Table2, Table3, Table4 } from '../../../core/report/model.ts';
import { labelDeparts } from '../../../core/report/labels.ts';
import { findT2Columns, matchBlock, matchRow, normLabel, printedRowLabel, T2_ROW_MATCHERS, T3_MATCHERS } from './labels.ts';
import type { Group } from './segments.ts';
import {
  enumerateSplits, rowSumHolds, showCandidate, sum, table4GroupHolds, type ColKind, type Tok, type Value,
} from './split.ts';

export interface ParseNote {
  cell?: CellRef;
  /** info: how something was read; warning: read with certainty, but the report departs from its format (a label of
   *  the other format version); unsure: cells left blank for want of certainty; error: something could not be read. */
  level: 'info' | 'warning' | 'unsure' | 'error';
  message: string;
  /** Why a file was refused rather than read (a limit protecting the server), e.g. archive_too_large. */
  code?: 'archive_too_large' | 'file_too_complex';
}

const MAX_LISTED = 8;

function listCandidates(cands: Value[][]): string {
  const shown = cands.slice(0, MAX_LISTED).map((c) => `［${showCandidate(c)}］`).join('、');
  return cands.length > MAX_LISTED ? `${shown} 等共 ${cands.length} 种` : shown;
}

/** Drop blank cells at the edges of a cell-mode group until it has `n` tokens (trailing/leading empty cells of a row). */
function trimBlanks(toks: Tok[], n: number): Tok[] {
  const t = [...toks];
  if (t.some((x) => x.multi)) return t.filter((x) => !(x.text === '' && !x.multi));
  while (t.length > n && t[t.length - 1]!.text === '') t.pop();
  while (t.length > n && t[0]!.text === '') t.shift();
  return t;
}

function rawText(toks: Tok[]): string {
  return toks.map((t) => (t.text === '' ? '（空）' : t.text)).join(' ');
}

// ───────────────────────────── table 二 ─────────────────────────────

function blockDef(blockKey: string, format: FormatId): Table2Block | undefined {
  return FORMATS[format].table2.find((b) => b.key === blockKey);
}

function kindOf(col: string): ColKind {
  if (col === '采购总金额' || col.startsWith('本年收费金额')) return 'money'; // 格式：（九）采购总金额、2021（八）收费金额 may carry decimals
  if (col === '本年增/减') return 'signed'; // 2019 格式：本年增/减 may be negative
  return 'int';
}

export interface Table2Read {
  table2: Table2;
  /** Labels seen, for the format decision. */
  evidence2019: string[];
  evidence2021: string[];
  /** Row labels worded otherwise than their key, as printed: { "table2|<block>|<row>": printed }. */
  printed: Record<string, string>;
  /** Rows whose run-together digits allow several splits (cells left blank, `note` says so), for the narrative to decide. */
  ambiguous: AmbiguousRow[];
}

export interface AmbiguousRow {
  block: string;
  row: string;
  columns: string[];
  candidates: Value[][];
  /** The digits as printed. */
  raw: string;
  /** The unsure note that left the row blank. */
  note: ParseNote;
}

export function readTable2(groups: Group[], formatGuess: FormatId, notes: ParseNote[]): Table2Read {
  const table2: Table2 = {};
  const evidence2019: string[] = [];
  const evidence2021: string[] = [];
  const printed: Record<string, string> = {};
  const ambiguous: AmbiguousRow[] = [];
  let block: string | undefined;
  let columns: string[] | undefined;
  for (const g of groups) {
    const label = normLabel(g.label);
    const b = matchBlock(label);
    if (b && b !== block) { block = b; columns = undefined; }
    const cols = findT2Columns(label);
    if (cols.length > 0) {
      columns = cols.map((c) => c.key);
      for (const c of cols) (c.format === '2019' ? evidence2019 : evidence2021).push(c.key);
    }
    const row = matchRow(label, T2_ROW_MATCHERS);
    if (!row) continue;
    if (row.key === '规范性文件' || row.key === '政府集中采购' || row.key === '其他对外管理服务事项') evidence2019.push(row.key);
    if (row.key === '行政规范性文件') evidence2021.push(row.key);
    // the block, when the caption was not printed, is the one of the format that has this row
    const blockKey = block ?? [formatGuess, formatGuess === '2019' ? '2021' : '2019'].map((f) => FORMATS[f as FormatId].table2.find((d) => d.rows.includes(row.key))?.key).find(Boolean);
    if (!blockKey) continue;
    let cols2 = columns;
    if (!cols2) {
      const def = blockDef(blockKey, formatGuess) ?? blockDef(blockKey, formatGuess === '2019' ? '2021' : '2019');
      cols2 = def?.columns;
      if (cols2) notes.push({ level: 'info', message: `表二 ${blockKey} 未找到表头，按${formatGuess}年格式的列（${cols2.join('、')}）读取 / no header found, using the format's columns` });
    }
    if (!cols2) continue;
    const tblock = (table2[blockKey] ??= {});
    if (tblock[row.key]) {
      notes.push({ level: 'info', message: `表二 ${blockKey}「${row.key}」行出现两次，保留第一次的数字，忽略「${rawText(g.toks)}」 / row printed twice, kept the first` });
      continue;
    }
    const kinds = cols2.map(kindOf);
    const toks = trimBlanks(g.toks, cols2.length);
    const { solutions, overflow } = enumerateSplits(toks, kinds);
    const values: Record<string, Value> = {};
    const refBase = `table2|${blockKey}|${row.key}`;
    if (solutions.length === 1 && !overflow) {
      cols2.forEach((c, i) => { values[c] = solutions[0]![i]!; });
      if (!g.cells && toks.some((t) => t.multi && t.text.length > 1) && cols2.length > 1) {
        notes.push({ level: 'info', cell: refBase, message: `表二 ${blockKey}「${row.key}」数字连写「${rawText(g.toks)}」，只有一种拆分：${showCandidate(solutions[0]!)} / run-together digits with a single possible split` });
      }
    } else {
      cols2.forEach((c) => { values[c] = null; });
      if (solutions.length === 0) {
        notes.push({ level: 'error', cell: refBase, message: `表二 ${blockKey}「${row.key}」的数字「${rawText(g.toks)}」无法对应 ${cols2.length} 列（${cols2.join('、')}），单元格留空，请对照原文填写 / cannot read the row's numbers` });
      } else {
        const note: ParseNote = { level: 'unsure', cell: refBase, message: `表二 ${blockKey}「${row.key}」数字连写「${rawText(g.toks)}」，表二没有勾稽关系可用来确定拆分，可能是：${listCandidates(solutions)}${overflow ? '（可能更多）' : ''}；单元格留空，请对照原文填写 / run-together digits with several possible splits; cells left blank` };
        notes.push(note);
        if (!overflow) ambiguous.push({ block: blockKey, row: row.key, columns: cols2, candidates: solutions, raw: rawText(g.toks), note });
      }
    }
    if (g.units.length > 0) {
      notes.push({ level: 'info', cell: refBase, message: `表二 ${blockKey}「${row.key}」单元格内写有单位“${g.units.join('、')}”，已从数值中去掉 / unit printed in the cell was dropped` });
    }
    tblock[row.key] = values;
    const asPrinted = printedRowLabel(label, row.start, false);
    if (labelDeparts(asPrinted, row.key)) printed[refBase] = asPrinted;
  }
  return { table2, evidence2019, evidence2021, printed, ambiguous };
}

// ───────────────────────────── table 三 ─────────────────────────────

export interface Table3Read {
  table3: Table3;
  /** Which （六） rows were printed: single row (2019) or the three sub-rows (2021). */
  other: '2019' | '2021' | undefined;
  /** Row labels worded otherwise than their key, as printed: { "table3|<row key>": printed }. */
  printed: Record<string, string>;
}

const T3_KINDS: ColKind[] = TABLE3_COLUMNS.map(() => 'int');

interface RowState {
  key: string;
  group: Group;
  candidates: Value[][];
  overflow: boolean;
  /** I1 could not be satisfied by any split (the printed row is inconsistent). */
  i1Failed: boolean;
}

export function readTable3(groups: Group[], notes: ParseNote[]): Table3Read {
  const found = new Map<string, RowState>();
  const printed: Record<string, string> = {};
  for (const g of groups) {
    const label = normLabel(g.label);
    const m = matchRow(label, T3_MATCHERS);
    const allBlank = g.toks.every((t) => t.text === '');
    if (!m) {
      if (!allBlank && label.length > 0 && label.length < 60) {
        notes.push({ level: 'info', message: `表三：数字「${rawText(g.toks)}」前的文字「${g.label.slice(0, 40)}」不是表三的行名，已忽略 / numbers after an unknown label were ignored` });
      }
      continue;
    }
    const prev = found.get(m.key);
    if (prev) {
      const prevBlank = prev.group.toks.every((t) => t.text === '');
      if (!(prevBlank && !allBlank)) {
        if (!allBlank) notes.push({ level: 'info', message: `表三「${m.key}」行出现两次，保留第一次的数字，忽略「${rawText(g.toks)}」 / row printed twice, kept the first` });
        continue;
      }
    }
    const asPrinted = printedRowLabel(label, m.start, true);
    if (labelDeparts(asPrinted, m.key)) printed[`table3|${m.key}`] = asPrinted;
    else delete printed[`table3|${m.key}`];
    const toks = trimBlanks(g.toks, 7);
    const all = enumerateSplits(toks, T3_KINDS);
    let candidates = all.solutions;
    let i1Failed = false;
    if (all.solutions.length > 1 || all.overflow) {
      // I1 (ogi-domain §2.2): 总计 = 自然人 + 五类法人或其他组织
      const withI1 = enumerateSplits(toks, T3_KINDS, { accept: rowSumHolds });
      if (withI1.solutions.length > 0) candidates = withI1.solutions;
      else i1Failed = true;
      found.set(m.key, { key: m.key, group: g, candidates, overflow: withI1.overflow, i1Failed });
    } else {
      found.set(m.key, { key: m.key, group: g, candidates, overflow: false, i1Failed });
    }
  }

  const has2021Other = FORMATS['2021'].table3ResultRows.slice(18).some((k) => found.has(k));
  const has2019Other = found.has('（六）其他处理');
  const other: '2019' | '2021' | undefined = has2021Other ? '2021' : has2019Other ? '2019' : undefined;
  const rowKeys = FORMATS[other ?? '2021'].table3Rows;
  const resultRows = FORMATS[other ?? '2021'].table3ResultRows;
  if (has2021Other && has2019Other) {
    const g = found.get('（六）其他处理')!;
    if (!g.group.toks.every((t) => t.text === '')) {
      notes.push({ level: 'unsure', cell: 'table3|（六）其他处理', message: `表三同时印有“（六）其他处理”单行和 2021 年格式的三个分项，单行的数字「${rawText(g.group.toks)}」未计入 / both the single （六） row and the three sub-rows are printed; the single row was dropped` });
    }
    found.delete('（六）其他处理');
  }

  // Joint solution over the rows whose split is still ambiguous: E1 and I2 per column (ogi-domain §2.1–§2.2).
  const chosen = new Map<string, Value[] | null>();
  const ambiguous: RowState[] = [];
  for (const k of rowKeys) {
    const st = found.get(k);
    if (!st) continue;
    if (st.candidates.length === 1 && !st.overflow) chosen.set(k, st.candidates[0]!);
    else if (st.candidates.length === 0) chosen.set(k, null);
    else ambiguous.push(st);
  }
  const allPresent = rowKeys.every((k) => found.has(k));
  const jointSolutions: Map<string, Value[]>[] = [];
  let jointOverflow = false;
  if (ambiguous.length > 0 && allPresent && ambiguous.every((a) => !a.overflow) && [...chosen.values()].every((v) => v !== null)) {
    const product = ambiguous.reduce((p, a) => p * a.candidates.length, 1);
    if (product <= 500_000) {
      const pick = new Map<string, Value[]>();
      const get = (k: string): Value[] => pick.get(k) ?? (chosen.get(k) as Value[]);
      const check = (): boolean => {
        for (let c = 0; c < 7; c++) {
          const col = (k: string): number => get(k)[c] ?? 0;
          // E1: 一 + 二 = （七）总计 + 四
          if (col(T3_RECEIVED) + col(T3_CARRIED_IN) !== col(T3_TOTAL) + col(T3_CARRIED_OUT)) return false;
          // I2: （七）总计 = Σ result rows
          if (col(T3_TOTAL) !== sum(resultRows.map((k) => get(k)[c] ?? 0))) return false;
        }
        return true;
      };
      const rec = (i: number): void => {
        if (jointSolutions.length >= 50) { jointOverflow = true; return; }
        if (i === ambiguous.length) {
          if (check()) jointSolutions.push(new Map(pick));
          return;
        }
        for (const cand of ambiguous[i]!.candidates) {
          pick.set(ambiguous[i]!.key, cand);
          rec(i + 1);
        }
        pick.delete(ambiguous[i]!.key);
      };
      rec(0);
    } else {
      jointOverflow = true;
    }
  }
  for (const a of ambiguous) {
    const ref = `table3|${a.key}`;
    const distinct = new Map<string, Value[]>();
    for (const s of jointSolutions) { const v = s.get(a.key)!; distinct.set(showCandidate(v), v); }
    if (jointSolutions.length > 0 && distinct.size === 1 && !jointOverflow) {
      const v = [...distinct.values()][0]!;
      chosen.set(a.key, v);
      notes.push({ level: 'info', cell: ref, message: `表三「${a.key}」数字连写「${rawText(a.group.toks)}」，按行和（I1）与列的勾稽关系（E1、I2）唯一确定为：${showCandidate(v)} / run-together digits recovered uniquely from the table's sums` });
    } else {
      chosen.set(a.key, null);
      const cands = distinct.size > 0 ? [...distinct.values()] : a.candidates;
      notes.push({ level: 'unsure', cell: ref, message: `表三「${a.key}」数字连写「${rawText(a.group.toks)}」，按勾稽关系仍有多种拆分：${listCandidates(cands)}${a.overflow || jointOverflow ? '（可能更多）' : ''}；该行留空，请对照原文填写 / several splits satisfy the table's sums; row left blank` });
    }
  }
  for (const [k, st] of found) {
    if (chosen.get(k) === null && !ambiguous.includes(st)) {
      notes.push({ level: 'error', cell: `table3|${k}`, message: `表三「${k}」的数字「${rawText(st.group.toks)}」无法对应 7 列，该行留空，请对照原文填写 / cannot read the row's numbers` });
    }
    if (st.i1Failed && chosen.get(k)) {
      notes.push({ level: 'info', cell: `table3|${k}`, message: `表三「${k}」没有满足行和（总计=六类申请人之和）的拆分，按唯一可读的方式读取 / no split satisfies the row sum` });
    }
  }

  const rows: Record<string, Value[]> = {};
  for (const k of rowKeys) {
    const v = chosen.get(k);
    if (v) rows[k] = v;
    else {
      rows[k] = TABLE3_COLUMNS.map(() => null);
      if (!found.has(k)) notes.push({ level: 'error', cell: `table3|${k}`, message: `表三未找到“${k}”行，该行留空 / row not found` });
    }
  }
  for (const ref of Object.keys(printed)) if (!(ref.slice('table3|'.length) in rows)) delete printed[ref];
  return { table3: { columns: [...TABLE3_COLUMNS], rows }, other, printed };
}

// ───────────────────────────── table 四 ─────────────────────────────

const T4_KINDS: ColKind[] = Array.from({ length: 15 }, () => 'int');

export function readTable4(groups: Group[], notes: ParseNote[]): Table4 | undefined {
  const empty = (): Table4 => Object.fromEntries(TABLE4_GROUPS.map((g) => [g, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, null]))]));
  const candidates = groups.filter((g) => {
    const nonBlank = g.toks.some((t) => t.text !== '');
    return nonBlank || g.toks.length >= 15;
  });
  for (const g of candidates) {
    const toks = trimBlanks(g.toks, 15);
    // whether there are none, one or more splits first (cheap: stops at the second); the full list (up to 500) only
    // when the note must show it
    const few = enumerateSplits(toks, T4_KINDS, { maxSolutions: 2 });
    if (few.solutions.length === 0 && !few.overflow) continue;
    const t4 = empty();
    const assign = (vals: Value[]): void => {
      TABLE4_GROUPS.forEach((grp, gi) => TABLE4_COLUMNS.forEach((c, ci) => { t4[grp]![c] = vals[gi * 5 + ci]!; }));
    };
    if (few.solutions.length === 1 && !few.overflow) {
      assign(few.solutions[0]!);
      return t4;
    }
    // I5 (ogi-domain §2.2): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group
    const withI5 = enumerateSplits(toks, T4_KINDS, { partial: table4GroupHolds, maxSolutions: 500 });
    const sols = withI5.solutions;
    if (sols.length === 1 && !withI5.overflow) {
      assign(sols[0]!);
      notes.push({ level: 'info', cell: 'table4', message: `表四数字连写「${rawText(g.toks)}」，按“总计=维持+纠正+其他+尚未审结”（I5）唯一确定为：${showCandidate(sols[0]!)} / run-together digits recovered uniquely` });
      return t4;
    }
    const all = enumerateSplits(toks, T4_KINDS, { maxSolutions: 500 });
    const shown = sols.length > 0 ? sols : all.solutions;
    // cells on which every remaining solution agrees are determined; the others stay blank
    TABLE4_GROUPS.forEach((grp, gi) => {
      const distinct = new Set(shown.map((s) => showCandidate(s.slice(gi * 5, gi * 5 + 5))));
      if (distinct.size === 1 && !withI5.overflow && sols.length > 0) {
        TABLE4_COLUMNS.forEach((c, ci) => { t4[grp]![c] = shown[0]![gi * 5 + ci]!; });
      }
    });
    notes.push({ level: 'unsure', cell: 'table4', message: `表四数字连写「${rawText(g.toks)}」，按勾稽关系仍有多种拆分：${listCandidates(shown)}${withI5.overflow || all.overflow ? '（可能更多）' : ''}；不能确定的组留空，请对照原文填写 / several splits; undetermined groups left blank` });
    return t4;
  }
  notes.push({ level: 'error', cell: 'table4', message: '未找到表四（行政复议、行政诉讼）的数字，表四留空 / table 四 values not found' });
  return undefined;
}

export function emptyTable4(): Table4 {
  return Object.fromEntries(TABLE4_GROUPS.map((g) => [g, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, null]))]));
}
