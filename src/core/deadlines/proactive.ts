// 条例 第二十六条: 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
// 法律、法规对政府信息公开的期限另有规定的，从其规定 (pass `workdays`).
import type { Calendar } from '../calendar/types.ts';
import { isIsoDate } from '../calendar/date.ts';
import { LedgerError } from './errors.ts';
import { provisionalReason, windowText } from './explain.ts';

export const PROACTIVE_WORKDAYS = 20;

export interface ProactiveDeadline {
  formed: string;
  due: string;
  provisional: boolean;
  explanation: string[];
}

export function proactiveDeadline(formedDate: string, calendar: Calendar, opts: { workdays?: number; countFrom?: 'next_day' | 'same_day' } = {}): ProactiveDeadline {
  if (!isIsoDate(formedDate)) throw new LedgerError(`形成或者变更日期“${String(formedDate)}”不是有效的 YYYY-MM-DD 日期`, null);
  const n = opts.workdays ?? PROACTIVE_WORKDAYS;
  if (!Number.isInteger(n) || n < 1) throw new LedgerError(`公开期限应为正整数个工作日，现为“${n}”`, null);
  try {
    // 民法典 第二百零一条: 开始的当日不计入 (default); same_day counts the formation day when it is a working day.
    const base = opts.countFrom === 'same_day' && calendar.isWorkday(formedDate) ? calendar.addWorkdays(formedDate, -1) : formedDate;
    const due = calendar.addWorkdays(base, n);
    const provisional = calendar.anyProvisional(formedDate, due);
    const explanation = [
      `${formedDate} 信息形成或者变更（第二十六条）→ ${opts.countFrom === 'same_day' ? '自当日' : '自次日'}起算${n}个工作日${windowText(calendar, base, due, Number(formedDate.slice(0, 4)))} → ${due}`,
    ];
    if (provisional) explanation.push(`（暂定：${provisionalReason(calendar, formedDate, due)}，期限可能随之变动）`);
    return { formed: formedDate, due, provisional, explanation };
  } catch (e) {
    if (e instanceof RangeError) throw new LedgerError(e.message, null);
    throw e;
  }
}
