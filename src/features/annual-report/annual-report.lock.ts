// The year lock: publishing an agency's annual report locks the records of that year that feed it —
// applications, catalogue items and decisions-register entries become read-only until an administrator unlocks the
// report (with a written reason, audited) for a correction, which is published as a new version.
// Other services call these inside their own transaction, before they change a record:
//   await assertYearUnlocked(trx, agencyId, row.concluded_on);   // the report year the record counts in
//   await assertYearUnlocked(trx, agencyId, eventDate);          // no back-dated change into a published year
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/types.ts';
import { AppError } from '../shared/errors.ts';
import { yearLocked } from './annual-report.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** True when the agency's report of `year` is published and not unlocked. */
export async function isYearLocked(db: Db, agencyId: number, year: number): Promise<boolean> {
  return yearLocked(db, agencyId, year);
}

/** The message a refused edit shows (zh-CN: what happened and what to do). */
export function lockedMessage(year: number): string {
  return `${year}年度政府信息公开工作年度报告已经发布，该年度计入报告的申请、目录信息和决定登记已锁定，不能修改。`
    + '如确需更正，请系统管理员在年度报告页面写明原因解除锁定，更正后重新审核发布（报告将注明更正内容）。';
}

/** Throws 409 (conflict, zh-CN message) when `date` (YYYY-MM-DD) falls in a year whose report is published. null passes. */
export async function assertYearUnlocked(db: Db, agencyId: number, date: string | null | undefined): Promise<void> {
  if (!date || !/^\d{4}-/.test(date)) return;
  const year = Number(date.slice(0, 4));
  if (await yearLocked(db, agencyId, year)) {
    throw new AppError('conflict', { title: `${year}年度报告已发布，记录已锁定`, detail: lockedMessage(year) });
  }
}
