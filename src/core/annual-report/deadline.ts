// 条例 第四十九条: 县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度
// 政府信息公开工作年度报告并向社会公布; 县级以上地方人民政府的主管部门应当在每年3月31日前公布本级政府年度报告.
// The clock is an argument (today, YYYY-MM-DD): core is pure.
import { publicationDeadline } from '../report/rules.ts';

/** Whole days between two dates YYYY-MM-DD (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** The report year whose deadline is current on `today`: the previous calendar year. */
export function currentReportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** Deadline of `year`'s report (第四十九条): 31 January of the next year for a department, 31 March for a government. */
export function deadlineOf(year: number, agencyName = ''): string {
  return publicationDeadline(year, undefined, agencyName);
}

/** Days left to the deadline of `year`'s report (negative when past). */
export function daysLeft(today: string, year: number, agencyName = ''): number {
  return daysBetween(today, deadlineOf(year, agencyName));
}

/** Reminders run from 1 January of the year after the report year until the report is published. */
export function reminderDue(today: string, year: number, published: boolean): boolean {
  return !published && today >= `${year + 1}-01-01`;
}

export type ListState = 'not_started' | 'draft' | 'approved' | 'submitted' | 'published' | 'late';

/** The state shown to a supervisor: not started / draft / submitted / published, or late once the deadline passed
 *  without publication (第四十九条) while the report is with the agency. A submitted report waiting for the
 *  supervisor's review stays "submitted" after the deadline. A report published after the deadline shows as
 *  published (rule P1 warns). */
export function listState(reportState: string | null, today: string, year: number, agencyName = ''): ListState {
  if (reportState === 'published') return 'published';
  // A report the agency has submitted waits on the supervisor, not on the agency: it is not 逾期未发布 by the agency's doing.
  if (reportState === 'submitted') return 'submitted';
  if (today > deadlineOf(year, agencyName)) return 'late';
  if (reportState === null) return 'not_started';
  if (reportState === 'submitted' || reportState === 'accepted') return 'submitted';
  // 负责人已审定, not yet submitted: still with the agency
  if (reportState === 'approved') return 'approved';
  return 'draft';
}
