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

export interface AppealDates {
  filedOn: string;
  closedOn: string | null;
  result: AppealResult;
  /** the legal date today */
  today: string;
  /**
   * The linked application, when there is one: the date its decision was made (答复 / 视为放弃 / 不再处理 —
   * the application's conclusion), null while it is still being handled.
   */
  application?: { decidedOn: string | null } | null;
}

/**
 * Consistency of a 复议/诉讼 case before it is stored (it feeds table 四). 条例 第五十一条: the applicant may
 * seek 行政复议 or bring 行政诉讼 against the agency's act — so a case linked to an application needs that
 * application's decision first, and is filed on or after it; a case cannot be filed or closed in the future;
 * it closes on or after the day it was filed; a result (维持/纠正/其他) needs the closing date and 尚未审结 has
 * none. Returns field errors in plain Chinese (empty when consistent).
 */
export function appealProblems(c: AppealDates): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (c.filedOn > c.today) out.push({ field: 'filedOn', message: `申请复议或者起诉的日期（${c.filedOn}）不能晚于今天（${c.today}）` });
  if (c.application) {
    if (!c.application.decidedOn) out.push({ field: 'applicationId', message: '关联的申请尚未作出答复或者办结：对申请的处理作出之后才能申请复议或者起诉（条例第五十一条）' });
    else if (c.filedOn < c.application.decidedOn) out.push({ field: 'filedOn', message: `申请复议或者起诉的日期（${c.filedOn}）不能早于关联申请的答复日期（${c.application.decidedOn}）` });
  }
  if (c.result !== 'pending' && !c.closedOn) out.push({ field: 'closedOn', message: '已有结果的案件请填写审结日期' });
  if (c.result === 'pending' && c.closedOn) out.push({ field: 'closedOn', message: '尚未审结的案件不能有审结日期' });
  if (c.closedOn) {
    if (c.closedOn < c.filedOn) out.push({ field: 'closedOn', message: `审结日期（${c.closedOn}）不能早于立案日期（${c.filedOn}）` });
    if (c.closedOn > c.today) out.push({ field: 'closedOn', message: `审结日期（${c.closedOn}）不能晚于今天（${c.today}）` });
  }
  return out;
}
