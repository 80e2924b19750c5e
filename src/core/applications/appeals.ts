// 行政复议 / 行政诉讼 cases about disclosure (条例 第五十一条) and table 四 of the annual report
// (60号/30号: 行政复议 {结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计}; 行政诉讼 未经复议直接起诉 / 复议后起诉 {…}).
// Counting convention for multi-year cases is UNCONFIRMED (ogi-domain §2.3 X5): a case is counted in the year it
// was filed, with its result as known when the table is made (尚未审结 while open). 总计 = the four results (I5).
import { TABLE4_COLUMNS, TABLE4_GROUPS, type Table4Group } from '../report/formats.ts';
import type { Table4 } from '../report/model.ts';

export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

export const APPEAL_KIND_GROUP: Record<AppealKind, Table4Group> = {
  review: TABLE4_GROUPS[0], // 行政复议
  litigation_direct: TABLE4_GROUPS[1], // 未经复议直接起诉
  litigation_after_review: TABLE4_GROUPS[2], // 复议后起诉
};
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' };
export const APPEAL_RESULT_COLUMN: Record<AppealResult, (typeof TABLE4_COLUMNS)[number]> = {
  upheld: TABLE4_COLUMNS[0], corrected: TABLE4_COLUMNS[1], other: TABLE4_COLUMNS[2], pending: TABLE4_COLUMNS[3],
};
export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = { upheld: '维持', corrected: '纠正', other: '其他', pending: '尚未审结' };

export interface AppealRecord { kind: AppealKind; filedOn: string; result: AppealResult }

/** Table 四 for `year`: cases filed in the year by kind and result; 总计 computed (I5 by construction). */
export function foldTable4(cases: readonly AppealRecord[], year: number): Table4 {
  const t: Table4 = {};
  for (const g of TABLE4_GROUPS) t[g] = Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]));
  for (const c of cases) {
    if (!c.filedOn.startsWith(`${year}-`)) continue;
    const g = t[APPEAL_KIND_GROUP[c.kind]]!;
    const col = APPEAL_RESULT_COLUMN[c.result];
    g[col] = (g[col] ?? 0) + 1;
    g[TABLE4_COLUMNS[4]] = (g[TABLE4_COLUMNS[4]] ?? 0) + 1;
  }
  return t;
}
