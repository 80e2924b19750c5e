// 办件 rows for the decisions register (CSV / XLSX, header row with these columns in any order): 办件编号, 办结日期
// (or 决定日期 / 日期), 实施编码 (the service item decided), 决定类型, 办理结果, and optionally 收费金额（元）: the fee
// collected in the 办件, which the 2021 format's table 二 第二十条第（八）项 行政事业性收费 sums as 本年收费金额（单位：万元）. The table 二 category of a row is its
// 决定类型 when that names one (行政许可, 行政处罚 …), else the 事项类型 of the item (history.ts categoryOfType). Every row's
// problem is listed (the dry run shows them all); nothing is imported while any row has one.
import { categoryFromText, type DecisionCategory } from '../annual-report/categories.ts';
import { parseDate } from '../annual-report/csv.ts';
import { categoryOfType } from './history.ts';

export interface CaseRow {
  /** line in the file (the header is line 1) */
  line: number;
  caseNo: string;
  decidedOn: string;
  year: number;
  itemCode: string;
  itemName: string;
  decisionType: string;
  result: string;
  category: DecisionCategory;
  /** 收费金额 in 元 (null when the column is absent or blank) */
  feeYuan: number | null;
}
export interface CaseProblem { line: number; message: string }
export interface CaseParse {
  rows: CaseRow[];
  problems: CaseProblem[];
  /** 办件 per year and category (what an import would count) */
  summary: { year: number; category: DecisionCategory; count: number }[];
}

/** The columns and the header names accepted for each (the first matching header wins). */
export const CASE_COLUMNS = {
  caseNo: ['办件编号', '办件号', 'caseNo'],
  decidedOn: ['办结日期', '决定日期', '日期', 'decidedOn'],
  itemCode: ['实施编码', '事项编码', 'itemCode'],
  decisionType: ['决定类型', 'decisionType'],
  result: ['办理结果', '结果', 'result'],
  fee: ['收费金额（元）', '收费金额(元)', '收费金额', 'fee'],
} as const;

/** Largest fee of one 办件 accepted (元). */
const MAX_FEE_YUAN = 1e10;

const CASE_NO = /^[0-9A-Za-z\-_/（）()]{4,64}$/;

function pick(row: Record<string, string>, names: readonly string[]): string {
  for (const n of names) if (row[n] !== undefined) return row[n]!.trim();
  return '';
}

/**
 * Checks 办件 rows against the items of the importing unit (by 实施编码). Problems: a missing or malformed 办件编号,
 * one repeated in the file, a date that is not a real date, an unknown 实施编码, a row no table 二 category fits.
 */
export function parseCaseRows(rows: readonly Record<string, string>[], items: ReadonlyMap<string, { type: string; name: string }>): CaseParse {
  const out: CaseRow[] = [];
  const problems: CaseProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = i + 2;
    if (Object.values(r).every((v) => !v.trim())) return;
    const at = `第${line}行`;
    const caseNo = pick(r, CASE_COLUMNS.caseNo).toUpperCase();
    const dateText = pick(r, CASE_COLUMNS.decidedOn);
    const itemCode = pick(r, CASE_COLUMNS.itemCode);
    const decisionType = pick(r, CASE_COLUMNS.decisionType);
    const result = pick(r, CASE_COLUMNS.result);
    const mine: string[] = [];
    if (!caseNo) mine.push(`${at}：缺少办件编号`);
    else if (!CASE_NO.test(caseNo)) mine.push(`${at}：办件编号“${caseNo.slice(0, 70)}”应为 4 至 64 位字母、数字或 - _ / ( )`);
    else if (seen.has(caseNo)) mine.push(`${at}：办件编号 ${caseNo} 与第${seen.get(caseNo)}行重复`);
    const decidedOn = parseDate(dateText);
    if (!decidedOn) mine.push(`${at}：办结日期“${dateText.slice(0, 40)}”无法识别，请写成 2019-03-01`);
    const item = itemCode ? items.get(itemCode) : undefined;
    if (!itemCode) mine.push(`${at}：缺少实施编码`);
    else if (!item) mine.push(`${at}：本单位没有实施编码为 ${itemCode.slice(0, 64)} 的事项`);
    const category = categoryFromText(decisionType) ?? (item ? categoryOfType(item.type) : null);
    if (item && !category) mine.push(`${at}：决定类型“${decisionType}”无法归入表二的类别`);
    if (result.length > 100) mine.push(`${at}：办理结果最多 100 字`);
    const feeText = pick(r, CASE_COLUMNS.fee).replace(/[,，]/g, '').replace(/元$/, '');
    const feeYuan = feeText === '' ? null : /^\d+(\.\d{1,2})?$/.test(feeText) && Number(feeText) <= MAX_FEE_YUAN ? Number(feeText) : NaN;
    if (Number.isNaN(feeYuan)) mine.push(`${at}：收费金额“${feeText.slice(0, 40)}”应为以元计的金额（最多两位小数），不收费请留空`);
    if (caseNo && CASE_NO.test(caseNo) && !seen.has(caseNo)) seen.set(caseNo, line);
    if (mine.length) { problems.push(...mine.map((message) => ({ line, message }))); return; }
    out.push({ line, caseNo, decidedOn: decidedOn!, year: Number(decidedOn!.slice(0, 4)), itemCode, itemName: item!.name, decisionType, result, category: category!, feeYuan });
  });
  const counts = new Map<string, { year: number; category: DecisionCategory; count: number }>();
  for (const r of out) {
    const k = `${r.year}|${r.category}`;
    const c = counts.get(k) ?? { year: r.year, category: r.category, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  return { rows: out, problems, summary: [...counts.values()].sort((a, b) => a.year - b.year || a.category.localeCompare(b.category)) };
}
