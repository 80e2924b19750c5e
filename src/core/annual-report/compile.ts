// Compile the annual report (政府信息公开工作年度报告) of an agency and year from grouped counts of its records.
// The repository reads the records with GROUP BY queries (one row per group, never one per record); this module
// turns the groups into the three tables of the format:
//  - 表三: received in the year by applicant column (一), received earlier and still open on 1 January (二), concluded in
//    the year by outcome row (三), open on 31 December (四). Each application falls in exactly one of 一/二 and one of
//    三/四, so E1 (一+二 = （七）总计+四, per column), I1 (总计 = the six applicant columns) and I2 (（七）总计 = the
//    result rows) hold by construction (formats 60号/30号 表三 header note; ogi-domain §2.1–§2.2).
//  - 表四: 复议/诉讼 cases filed in the year by kind and result; a case not closed by 31 December is 尚未审结
//    (formats 表四: 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计, I5).
//  - 表二: 第二十条第（一）项 from the catalogue fold (core/catalogue/statistics.ts); the other blocks from the
//    decisions register (categories.ts).
import { APPLICANT_COLUMN, type ApplicantType } from '../applications/applicants.ts';
import { emptyReport } from '../report/fixture.ts';
import {
  T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, TABLE3_COLUMNS, TABLE4_GROUPS, layoutOf, type LayoutId,
} from '../report/formats.ts';
import type { Cell, NarrativeSection, ReportModel, Table3, Table4 } from '../report/model.ts';
import { categoryOfRow, measureOfColumn, type DecisionCategory } from './categories.ts';
import { suggestSections, type SectionStyle } from './narrative.ts';
import type { Summary } from '../evaluations/index.ts';

/** One GROUP BY row of applications: the applicant type, whether received in the year (else carried over),
 *  and the outcome row of the format when concluded within the year (null: still open on 31 December). */
export interface Table3Group {
  applicantType: ApplicantType;
  receivedInYear: boolean;
  outcomeRow: string | null;
  n: number;
}

export type AppealKind = 'review' | 'litigation_direct' | 'litigation_after_review';
export type AppealResult = 'upheld' | 'corrected' | 'other' | 'pending';

/** One GROUP BY row of 复议/诉讼 cases filed in the year; result 'pending' when not closed by 31 December. */
export interface Table4Group {
  kind: AppealKind;
  result: AppealResult;
  n: number;
}

/** 表四 groups and columns (formats 60号/30号 表四). */
export const APPEAL_GROUP: Record<AppealKind, (typeof TABLE4_GROUPS)[number]> = {
  review: TABLE4_GROUPS[0], // 行政复议
  litigation_direct: TABLE4_GROUPS[1], // 行政诉讼 未经复议直接起诉
  litigation_after_review: TABLE4_GROUPS[2], // 行政诉讼 复议后起诉
};
export const APPEAL_COLUMN: Record<AppealResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

/** Register totals per category for the year (count of decisions, amount), and 2019 item counts. */
export interface RegisterTotals {
  decisions: Partial<Record<DecisionCategory, { count: number; amount: number }>>;
  items: Partial<Record<DecisionCategory, { previous: number; change: number }>>;
}

export interface CompileInput {
  agency: string;
  creditCode?: string | null;
  year: number;
  format: LayoutId;
  table3: readonly Table3Group[];
  table4: readonly Table4Group[];
  /** 第二十条第（一）项 values: row → column → count (from the catalogue fold of the format). */
  catalogue: Record<string, Record<string, number>>;
  register: RegisterTotals;
  /** 信息处理费 collected in the year (元) and the number of applications that paid (条例 第四十二条). */
  fees: { amountYuan: number; count: number };
  sections?: SectionStyle;
  /** 好差评 figures of the year (国办发〔2019〕51号), stated in 总体情况 when the agency has ratings */
  evaluations?: Summary | null;
}

export class CompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompileError';
  }
}

/** Table 三 from grouped counts. Throws CompileError when an outcome row is not a row of the format. */
export function table3FromGroups(groups: readonly Table3Group[], format: LayoutId): Table3 {
  const { table3Rows } = layoutOf(format);
  const cols = [...TABLE3_COLUMNS];
  const total = cols.length - 1;
  const rows: Record<string, Cell[]> = {};
  for (const r of table3Rows) rows[r] = cols.map(() => 0);
  const add = (row: string, col: number, n: number) => {
    const cells = rows[row];
    if (!cells) throw new CompileError(`办理结果“${row}”不是${format}年版表三的一行，请检查该格式下的办理结果`);
    cells[col] = (cells[col] as number) + n;
    cells[total] = (cells[total] as number) + n; // I1: 总计 column
  };
  for (const g of groups) {
    if (g.n === 0) continue;
    const col = cols.indexOf(APPLICANT_COLUMN[g.applicantType]);
    add(g.receivedInYear ? T3_RECEIVED : T3_CARRIED_IN, col, g.n);
    if (g.outcomeRow) {
      add(g.outcomeRow, col, g.n);
      add(T3_TOTAL, col, g.n); // I2: （七）总计 = the result rows
    } else {
      add(T3_CARRIED_OUT, col, g.n);
    }
  }
  return { columns: cols, rows };
}

/** Table 四 from grouped counts (I5: 总计 = 维持 + 纠正 + 其他 + 尚未审结). */
export function table4FromGroups(groups: readonly Table4Group[]): Table4 {
  const out: Table4 = {};
  for (const g of TABLE4_GROUPS) out[g] = { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 };
  for (const g of groups) {
    const grp = out[APPEAL_GROUP[g.kind]]!;
    const col = APPEAL_COLUMN[g.result];
    grp[col] = (grp[col] as number) + g.n;
    grp['总计'] = (grp['总计'] as number) + g.n;
  }
  return out;
}

/** Where a table 二 cell comes from, for drill-down. */
export type Table2Source =
  | { kind: 'catalogue'; row: string; column: string }
  | { kind: 'register'; category: DecisionCategory; measure: 'count' | 'amount' }
  | { kind: 'items'; category: DecisionCategory; measure: 'previous' | 'change' };

export function table2SourceOf(block: string, row: string, column: string): Table2Source | null {
  if (block === '第二十条第（一）项') return { kind: 'catalogue', row, column };
  const category = categoryOfRow(row);
  const measure = measureOfColumn(column);
  if (!category || !measure) return null;
  return measure === 'count' || measure === 'amount' ? { kind: 'register', category, measure } : { kind: 'items', category, measure };
}

/** Round a 万元 amount to 4 decimals (元 precision) so sums of decimals print cleanly. */
const money = (x: number) => Math.round(x * 10_000) / 10_000;

export function table2FromInputs(format: LayoutId, catalogue: CompileInput['catalogue'], register: RegisterTotals): ReportModel['table2'] {
  const out: ReportModel['table2'] = {};
  for (const b of layoutOf(format).table2) {
    const block: Record<string, Record<string, Cell>> = (out[b.key] = {});
    for (const row of b.rows) {
      const r: Record<string, Cell> = (block[row] = {});
      for (const col of b.columns) {
        const src = table2SourceOf(b.key, row, col);
        if (!src) { r[col] = 0; continue; }
        if (src.kind === 'catalogue') r[col] = catalogue[row]?.[col] ?? 0;
        else if (src.kind === 'register') {
          const d = register.decisions[src.category];
          r[col] = src.measure === 'count' ? (d?.count ?? 0) : money(d?.amount ?? 0);
        } else {
          const it = register.items[src.category];
          r[col] = src.measure === 'previous' ? (it?.previous ?? 0) : (it?.change ?? 0);
        }
      }
    }
  }
  return out;
}

/** The compiled report: tables from the records, narrative sections with suggested sentences that state the figures. */
export function compileReport(input: CompileInput): ReportModel {
  const model = emptyReport(input.format, {
    agency: input.agency,
    year: input.year,
    creditCode: input.creditCode ?? null,
    sections: input.sections === 'zhifu-7' ? 'zhifu-7' : 'national',
  });
  model.table3 = table3FromGroups(input.table3, input.format);
  model.table4 = table4FromGroups(input.table4);
  model.table2 = table2FromInputs(input.format, input.catalogue, input.register);
  model.sections = suggestSections(model, { fees: input.fees, style: input.sections ?? 'national', evaluations: input.evaluations ?? null });
  return model;
}

/** Keep the narrative an officer edited; take suggestions only for sections still empty. */
export function mergeSections(edited: readonly NarrativeSection[], suggested: readonly NarrativeSection[]): NarrativeSection[] {
  const byKey = new Map(edited.map((s) => [s.key, s]));
  return suggested.map((s) => {
    const e = byKey.get(s.key);
    return e && e.text.trim() ? { ...s, heading: e.heading || s.heading, text: e.text } : s;
  });
}

/** The grouping the repository's GROUP BY does, over records in memory (reference for tests and small data). */
export function groupApplications(
  records: readonly { applicantType: ApplicantType; receivedOn: string | null; concludedOn: string | null; outcomeRow2019: string | null; outcomeRow2021: string | null }[],
  year: number,
  format: LayoutId,
): Table3Group[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const map = new Map<string, Table3Group>();
  for (const r of records) {
    if (!r.receivedOn || r.receivedOn > last) continue;
    if (r.concludedOn && r.concludedOn < first) continue;
    const receivedInYear = r.receivedOn >= first;
    const outcomeRow = r.concludedOn && r.concludedOn <= last ? (format === '2021' ? r.outcomeRow2021 : r.outcomeRow2019) : null;
    const k = `${r.applicantType}|${receivedInYear}|${outcomeRow}`;
    const g = map.get(k) ?? { applicantType: r.applicantType, receivedInYear, outcomeRow, n: 0 };
    g.n++;
    map.set(k, g);
  }
  return [...map.values()];
}
