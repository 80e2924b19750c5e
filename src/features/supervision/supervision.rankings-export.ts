// The ranking and the heatmap as tables for spreadsheets: CSV (UTF-8 with a byte-order mark, so that Excel reads the
// Chinese; CRLF lines) and XLSX (exceljs, loaded on first use — decision 117 — one sheet each). A text cell that begins
// with = + - @ (or a tab / carriage return) would be run as a formula by a spreadsheet program when the CSV is opened
// (CSV injection, OWASP): it is written with a leading apostrophe. Numbers are written as numbers. In the XLSX every
// text is a string cell (never a formula), so nothing there is executed.
import { excelJs } from '../shared/libraries.ts';
import { METRIC_DEFS, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS } from '../../core/supervision/rankings.ts';
import type { Heatmap, Rankings } from './supervision.rankings.ts';

type Cell = string | number | null;

/** One CSV field: formula-like text defused, quoted when it holds a comma, quote or line break. */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function rankingTable(r: Rankings): Cell[][] {
  const y = r.year, p = r.year - 1;
  const header = [
    `排名（${METRIC_DEFS[r.metric].label}）`, `${p}年排名`, '机关', '统一社会信用代码',
    `${y}年收到申请`, `${p}年收到申请`, '增减', `${y}年办结`, ...OUTCOME_GROUPS.map((g) => OUTCOME_GROUP_LABELS[g]),
    '有答复期限的办结件', '按期答复', '按期答复率（%）', `${p}年按期答复率（%）`, '增减（百分点）',
    '复议已审结', '复议纠正', '诉讼已审结', '诉讼纠正', '纠错率（%）', `${p}年纠错率（%）`, '增减（百分点）',
    '年报体检错误', '年报体检警告', `${p}年错误`, '错误增减',
  ];
  return [header, ...r.rows.map((x) => [
    x.rank, x.previousRank, x.name, x.creditCode,
    x.received, x.previous.received, x.change.received, x.concluded, ...OUTCOME_GROUPS.map((g) => x.outcomes[g]),
    x.withDeadline, x.onTime, x.onTimeShare, x.previous.onTimeShare, x.change.onTimeShare,
    x.reviewDecided, x.reviewCorrected, x.litigationDecided, x.litigationCorrected, x.correctionRate, x.previous.correctionRate, x.change.correctionRate,
    x.report?.errors ?? null, x.report?.warnings ?? null, x.previous.errors, x.change.errors,
  ])];
}

export function heatmapTable(h: Heatmap): Cell[][] {
  const header = ['机关', '统一社会信用代码', '合计', '错误', '警告', ...h.rules.map((r) => `${r.rule} ${r.title}`)];
  return [header, ...h.rows.map((x) => [x.name, x.creditCode, x.total, x.errors, x.warnings, ...h.rules.map((r) => x.counts[r.rule] ?? 0)])];
}

/** Both tables in one workbook: sheet 排名 and sheet 规则热力图. */
export async function rankingsWorkbook(r: Rankings, h: Heatmap): Promise<Uint8Array> {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'Gongkai';
  for (const [name, table] of [['排名', rankingTable(r)], ['规则热力图', heatmapTable(h)]] as const) {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (const row of table) ws.addRow(row.map((c) => c ?? null));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c, i) => { c.width = i === (name === '排名' ? 2 : 0) ? 28 : 14; });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
