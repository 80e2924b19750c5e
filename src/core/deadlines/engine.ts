// The statutory reply deadline of a disclosure application (条例 第三十条–第三十五条), computed as a
// fold over a ledger of dated events. Deterministic: the same ledger, calendar, settings and `today`
// always give the same result. Impossible ledgers throw LedgerError — never silently computed.
import type { Calendar } from '../calendar/types.ts';
import { isIsoDate } from '../calendar/date.ts';
import { LedgerError } from './errors.ts';
import { resolveSettings } from './settings.ts';
import { CHANNEL_LABELS_ZH, normaliseChannel } from './receipt.ts';
import { provisionalReason, windowText } from './explain.ts';
import type { Channel, ComputeOptions, DeadlineOutcome, DeadlineResult, DeadlineSettings, DeadlineStatus, ClockState, Ledger, LedgerEventType, PausedInterval } from './types.ts';

export const EVENT_TYPES: readonly LedgerEventType[] = [
  'received', 'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended',
  'extension_approved', 'fee_notice_sent', 'fee_paid', 'delayed_reply_set', 'replied',
];
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);

interface Pause {
  kind: 'consultation' | 'fee';
  from: string;
  to: string | null;
  /** consultation: last day the consulted party may answer; fee: last day to pay. */
  cap: string;
  counted: boolean;
  reason: string;
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** Working days in the union of the intervals (from, to], all clipped to end at `upTo`. */
function pausedWorkdays(calendar: Calendar, pauses: readonly { from: string; to: string }[], upTo?: string): number {
  const iv = pauses
    .map((p) => ({ from: p.from, to: upTo ? min(p.to, upTo) : p.to }))
    .filter((p) => p.to > p.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let cur: { from: string; to: string } | null = null;
  for (const p of iv) {
    if (cur && p.from < cur.to) cur.to = max(cur.to, p.to);
    else {
      if (cur) total += calendar.workdaysBetween(cur.from, cur.to);
      cur = { ...p };
    }
  }
  if (cur) total += calendar.workdaysBetween(cur.from, cur.to);
  return total;
}

interface FoldState {
  clockStart: string;
  correction: { requested: string; periodEnd: string; period: number; receivedOn?: string } | null;
  extension: { date: string; workdays: number } | null;
  pauses: Pause[];
  delayed: { date: string; due: string } | null;
}

function awaiting(st: FoldState): boolean {
  return st.correction !== null && st.correction.receivedOn === undefined;
}

/** 民法典 第二百零一条 (next_day): count from the trigger; same_day: from the working day before it. */
function baseOf(st: FoldState, cal: Calendar, S: DeadlineSettings): string {
  return S.countFrom === 'same_day' && cal.isWorkday(st.clockStart) ? cal.addWorkdays(st.clockStart, -1) : st.clockStart;
}

/** Counted pauses as closed spans; open ones counted up to `openTo` (a consultation never past its 15th day). */
function pauseSpans(st: FoldState, openTo: string): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const p of st.pauses) {
    if (!p.counted) continue;
    out.push({ from: p.from, to: p.to ?? (p.kind === 'consultation' ? min(max(openTo, p.from), p.cap) : max(openTo, p.from)) });
  }
  return out;
}

/** The due date as the state stands, open pauses counted up to `openTo`. */
function dueAt(st: FoldState, cal: Calendar, S: DeadlineSettings, openTo: string): string | null {
  if (awaiting(st)) return null;
  if (st.delayed) return st.delayed.due;
  const total = S.replyWorkdays + (st.extension?.workdays ?? 0) + pausedWorkdays(cal, pauseSpans(st, openTo));
  return cal.addWorkdays(baseOf(st, cal, S), total);
}

function findOpen(st: FoldState, kind: Pause['kind']): Pause | undefined {
  for (const p of st.pauses) if (p.kind === kind && p.to === null) return p;
  return undefined;
}

/**
 * Compute the reply deadline of a ledger.
 * @param today the date to evaluate the status at (YYYY-MM-DD); defaults to the last event's date.
 */
export function computeDeadline(
  ledgerInput: Ledger | unknown,
  calendar: Calendar,
  settingsInput?: Partial<DeadlineSettings> | null,
  today?: string,
  options: ComputeOptions = {},
): DeadlineResult {
  try {
    return compute(ledgerInput, calendar, resolveSettings(settingsInput), today, options.explain !== false);
  } catch (e) {
    if (e instanceof RangeError) throw new LedgerError(e.message, null);
    throw e;
  }
}

function compute(ledgerInput: unknown, cal: Calendar, S: DeadlineSettings, today: string | undefined, explain: boolean): DeadlineResult {
  // A ledger without "events" (or with null) is a ledger with no events yet: only the receipt date counts.
  if (!isRecord(ledgerInput) || (ledgerInput.events != null && !Array.isArray(ledgerInput.events))) {
    throw new LedgerError('账本格式错误：应为 {"received": "YYYY-MM-DD", "events": [{"type": …, "date": …}, …]}（没有事件时 events 可省略）', null);
  }
  const events = (ledgerInput.events ?? []) as unknown[];
  if (today !== undefined && !isIsoDate(today)) throw new LedgerError(`“今天”的日期“${String(today)}”无效`, null);

  // --- receipt (第三十一条) ---
  let received: string;
  let channel: Channel | null = null;
  let first = 0;
  if (ledgerInput.received !== undefined) {
    if (!isIsoDate(ledgerInput.received)) throw new LedgerError(`收到申请日期“${String(ledgerInput.received)}”不是有效的 YYYY-MM-DD 日期`, null);
    received = ledgerInput.received;
    if (ledgerInput.channel !== undefined) {
      channel = normaliseChannel(ledgerInput.channel);
      if (!channel) throw new LedgerError(`未知的申请渠道“${String(ledgerInput.channel)}”`, null);
    }
  } else {
    const e0 = events[0];
    if (!isRecord(e0) || e0.type !== 'received') throw new LedgerError('账本必须以“收到申请”（received）开始，或在顶层给出 received 日期', events.length ? 0 : null);
    if (!isIsoDate(e0.date)) throw new LedgerError(`日期“${String(e0.date)}”不是有效的 YYYY-MM-DD 日期`, 0);
    received = e0.date;
    if (e0.channel !== undefined) {
      channel = normaliseChannel(e0.channel);
      if (!channel) throw new LedgerError(`未知的申请渠道“${String(e0.channel)}”`, 0);
    }
    first = 1;
  }
  if (today !== undefined && today < received) throw new LedgerError(`“今天”（${today}）早于收到申请日期（${received}）`, null);
  const refYear = Number(received.slice(0, 4));

  const warnings: string[] = [];
  const steps: string[] = [];
  const clockStart = received;
  let restarted = false;
  let extensionUsed = false;
  let closed: { date: string; outcome: DeadlineOutcome } | null = null;
  let lastDate = received;

  const st: FoldState = { clockStart, correction: null, extension: null, pauses: [], delayed: null };
  for (let i = first; i < events.length; i++) {
    const ev = events[i];
    if (!isRecord(ev)) throw new LedgerError('事件应为对象 {"type": …, "date": …}', i);
    const type = ev.type;
    if (typeof type !== 'string' || !EVENT_TYPE_SET.has(type)) {
      throw new LedgerError(`未知的事件类型“${String(type)}”，可用的类型：${EVENT_TYPES.join('、')}`, i);
    }
    const date = ev.date;
    if (!isIsoDate(date)) throw new LedgerError(`日期“${String(date)}”不是有效的 YYYY-MM-DD 日期`, i);
    if (type === 'received') throw new LedgerError('“收到申请”只能有一次，且必须是第一个事件', i);
    if (date < received) throw new LedgerError(`事件日期 ${date} 早于收到申请日期 ${received}`, i);
    if (date < lastDate) throw new LedgerError(`事件顺序错误：${date} 早于前一个事件的日期 ${lastDate}（事件须按日期先后排列）`, i);
    if (today !== undefined && date > today) throw new LedgerError(`事件日期 ${date} 晚于今天（${today}）`, i);
    if (closed) throw new LedgerError(`申请已于 ${closed.date} 答复，之后不能再登记其他事件`, i);
    lastDate = date;

    switch (type) {
      case 'correction_requested': {
        // 第三十条: 申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限.
        if (st.correction) throw new LedgerError('补正通知只能发一次：第三十条要求一次性告知需要补正的全部事项', i);
        if (st.pauses.some((p) => p.to === null)) throw new LedgerError('征求意见或等待缴费期间不能发补正通知', i);
        const period = ev.periodWorkdays === undefined ? S.correctionPeriodWorkdays : ev.periodWorkdays;
        if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || period > 200) throw new LedgerError(`补正期限应为 1–200 个工作日，现为“${String(period)}”`, i);
        const limit = cal.addWorkdays(received, S.correctionNoticeWorkdays);
        const k = cal.workdaysBetween(received, date);
        if (date > limit) warnings.push(`补正通知于 ${date} 发出，是收到申请后第${k}个工作日，超过第三十条规定的${S.correctionNoticeWorkdays}个工作日（应不晚于 ${limit}）`);
        st.correction = { requested: date, period, periodEnd: cal.addWorkdays(date, period) };
        if (explain) steps.push(`${date} 发出补正通知（第三十条：${k === 0 ? '收到申请当日' : `收到申请后第${k}个工作日`}，应在${S.correctionNoticeWorkdays}个工作日内一次性告知）→ 答复期限待补正后重新计算；申请人补正期限${period}个工作日，至 ${st.correction.periodEnd}`);
        break;
      }
      case 'correction_received': {
        // 第三十条: 答复期限自行政机关收到补正的申请之日起计算.
        if (!st.correction) throw new LedgerError('没有补正通知，不能登记“收到补正”', i);
        if (st.correction.receivedOn !== undefined) throw new LedgerError('已经登记过收到补正；补正只有一次', i);
        st.correction.receivedOn = date;
        if (date > st.correction.periodEnd) warnings.push(`申请人于 ${date} 补正，晚于补正期限 ${st.correction.periodEnd}；无正当理由逾期不补正的，视为放弃申请（第三十条），请核实是否有正当理由`);
        if (st.extension) {
          warnings.push(`补正前批准的延长（${st.extension.date}）随原答复期限失效`);
          st.extension = null;
        }
        st.clockStart = date;
        restarted = true;
        st.pauses = [];
        if (explain) steps.push(`${date} 收到补正后的申请 → 答复期限自此重新计算（第三十条）`);
        break;
      }
      case 'consultation_started': {
        // 第三十二条 (第三方) / 第三十四条 (其他机关): 15个工作日内提出意见; 第三十三条第三款: 征求意见所需时间不计算在答复期限内.
        if (awaiting(st)) throw new LedgerError('申请人尚未补正，答复期限尚未开始，不能开始征求意见', i);
        if (findOpen(st, 'consultation')) throw new LedgerError('上一次征求意见尚未结束（请先登记“征求意见结束”）', i);
        if (st.delayed) throw new LedgerError('已按第三十五条确定延期答复期限，不能再因征求意见顺延', i);
        const agency = ev.party === 'agency';
        const reason = agency ? '征求其他行政机关意见（第三十四条）' : '征求第三方意见（第三十二条）';
        const cap = cal.addWorkdays(date, S.consultationWorkdays);
        const currentDue = dueAt(st, cal, S, date);
        const counted = currentDue === null || date <= currentDue;
        if (!counted) warnings.push(`征求意见开始时（${date}）答复期限已于 ${currentDue} 届满，这段时间不能再从答复期限中扣除`);
        st.pauses.push({ kind: 'consultation', from: date, to: null, cap, counted, reason });
        break;
      }
      case 'consultation_ended': {
        const p = findOpen(st, 'consultation');
        if (!p) throw new LedgerError('没有进行中的征求意见，不能登记“征求意见结束”', i);
        if (date > p.cap) {
          throw new LedgerError(`征求意见于 ${p.from} 开始，被征求意见方应在${S.consultationWorkdays}个工作日内（至 ${p.cap}）提出意见（第三十二条、第三十四条）；结束日期 ${date} 晚于该日，超出部分不能不计入答复期限`, i);
        }
        p.to = date;
        if (explain) {
          const k = cal.workdaysBetween(p.from, date);
          steps.push(p.counted
            ? `${p.from} 至 ${date} ${p.reason}，其间${k}个工作日不计入答复期限（第三十三条第三款）`
            : `${p.from} 至 ${date} ${p.reason}（开始时答复期限已届满，不顺延）`);
        }
        break;
      }
      case 'extension_approved': {
        // 第三十三条第二款: 需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日.
        if (extensionUsed) throw new LedgerError('延长答复期限只能一次（第三十三条第二款）', i);
        if (awaiting(st)) throw new LedgerError('申请人尚未补正，答复期限尚未开始，不能延长', i);
        if (st.delayed) throw new LedgerError('已按第三十五条确定延期答复期限，不能再按第三十三条延长', i);
        const n = ev.workdays === undefined ? S.maxExtensionWorkdays : ev.workdays;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > S.maxExtensionWorkdays) {
          throw new LedgerError(`延长的期限应为 1–${S.maxExtensionWorkdays} 个工作日（第三十三条第二款），现为“${String(n)}”`, i);
        }
        const currentDue = dueAt(st, cal, S, date);
        if (currentDue !== null && date > currentDue) throw new LedgerError(`延长须在答复期限届满前批准：答复期限为 ${currentDue}，批准日期 ${date} 已超过`, i);
        st.extension = { date, workdays: n };
        extensionUsed = true;
        if (explain) steps.push(`${date} 经政府信息公开工作机构负责人同意并告知申请人，延长答复期限${n}个工作日（第三十三条第二款）`);
        break;
      }
      case 'fee_notice_sent': {
        // 条例 第四十二条; 国办函〔2020〕109号: payment period and its effect on the clock are settings (not confirmed in the sources).
        if (awaiting(st)) throw new LedgerError('申请人尚未补正，不能发收费通知', i);
        if (findOpen(st, 'fee')) throw new LedgerError('上一份收费通知尚未缴费（请先登记“已缴费”）', i);
        const cap = cal.addWorkdays(date, S.feePaymentWorkdays);
        const currentDue = dueAt(st, cal, S, date);
        const counted = S.feePausesClock && (currentDue === null || date <= currentDue);
        if (S.feePausesClock && !counted) warnings.push(`收费通知发出时（${date}）答复期限已于 ${currentDue} 届满，缴费期间不能再从答复期限中扣除`);
        st.pauses.push({ kind: 'fee', from: date, to: null, cap, counted, reason: '等待缴纳信息处理费（国办函〔2020〕109号）' });
        break;
      }
      case 'fee_paid': {
        const p = findOpen(st, 'fee');
        if (!p) throw new LedgerError('没有待缴费的收费通知，不能登记“已缴费”', i);
        if (date > p.cap) warnings.push(`申请人于 ${date} 缴费，晚于缴费期限 ${p.cap}`);
        p.to = date;
        if (explain) {
          const k = cal.workdaysBetween(p.from, date);
          steps.push(p.counted
            ? `${p.from} 发出收费通知，${date} 缴费（国办函〔2020〕109号），其间${k}个工作日不计入答复期限（本机关设置）`
            : `${p.from} 发出收费通知，${date} 缴费（国办函〔2020〕109号；缴费期间${S.feePausesClock ? '因答复期限已届满' : '按本机关设置'}不顺延答复期限）`);
        }
        break;
      }
      case 'delayed_reply_set': {
        // 第三十五条: 申请人申请公开政府信息的数量、频次明显超过合理范围，…… 行政机关可以确定延迟答复的合理期限并告知申请人.
        if (awaiting(st)) throw new LedgerError('申请人尚未补正，不能确定延迟答复期限', i);
        if (st.delayed) throw new LedgerError('延迟答复期限已经确定过（第三十五条）', i);
        const d2 = ev.due;
        if (!isIsoDate(d2) || d2 <= date) throw new LedgerError(`延迟答复期限“${String(d2)}”应为晚于 ${date} 的有效日期`, i);
        const currentDue = dueAt(st, cal, S, date);
        if (currentDue !== null && date > currentDue) warnings.push(`延迟答复期限于 ${date} 确定，晚于原答复期限 ${currentDue}`);
        for (const p of st.pauses) if (p.to === null) p.to = date;
        st.delayed = { date, due: d2 };
        if (explain) steps.push(`${date} 申请数量、频次明显超过合理范围，确定延迟答复的合理期限至 ${d2} 并告知申请人（第三十五条）`);
        break;
      }
      case 'replied': {
        for (const p of st.pauses) if (p.to === null) p.to = p.kind === 'consultation' ? min(date, p.cap) : date;
        closed = { date, outcome: 'replied' };
        break;
      }
    }
  }

  const asOf = today ?? lastDate;
  let applicantDue: string | undefined;
  let reportRow: string | undefined;

  if (!closed) {
    const c = st.correction;
    if (c && c.receivedOn === undefined) {
      applicantDue = c.periodEnd;
      if (asOf > c.periodEnd) {
        // 第三十条: 申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请.
        closed = { date: c.periodEnd, outcome: 'correction_lapsed' };
        reportRow = '（六）1';
        warnings.push(`申请人未在补正期限（至 ${c.periodEnd}）内补正：无正当理由的，视为放弃申请（第三十条），在年度报告中列入“（六）1”`);
      }
    }
    const fee = findOpen(st, 'fee');
    if (!closed && fee) {
      applicantDue = fee.cap;
      if (asOf > fee.cap) {
        // 国办函〔2020〕109号 (setting): 逾期未缴费 → 视为放弃申请, report row （六）2.
        fee.to = fee.cap;
        closed = { date: fee.cap, outcome: 'fee_lapsed' };
        reportRow = '（六）2';
        warnings.push(`申请人未在缴费期限（至 ${fee.cap}）内缴纳信息处理费，按本机关设置视为放弃申请，在年度报告中列入“（六）2”`);
      }
    }
  }
  const running: PausedInterval[] = [];
  for (const p of st.pauses) {
    let to = p.to;
    let open = false;
    if (to === null) {
      if (p.kind === 'consultation' && asOf > p.cap) {
        // 第三十二条: 第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开 — the pause ends at the 15th working day.
        to = p.cap;
        warnings.push(`被征求意见方未在 ${p.cap} 前提出意见：由行政机关依照条例决定（第三十二条），不计入的时间截至 ${p.cap}`);
      } else {
        to = max(asOf, p.from);
        open = true;
        if (explain) steps.push(`${p.from} 起${p.reason}，尚未结束：暂停计至 ${to}，结束后期限继续顺延`);
      }
      p.to = to;
    }
    running.push({ from: p.from, to, reason: p.reason, workdays: p.counted ? cal.workdaysBetween(p.from, to) : 0, open });
  }

  const lapsed = closed !== null && closed.outcome !== 'replied';
  const due = lapsed ? null : dueAt(st, cal, S, asOf);
  const counted = st.pauses.filter((p) => p.counted).map((p) => ({ from: p.from, to: p.to ?? asOf }));
  const b = baseOf(st, cal, S);
  let workdaysUsed = 0;
  let workdaysRemaining = 0;
  let status: DeadlineStatus;
  const end = closed ? closed.date : asOf;
  if (due !== null) {
    workdaysUsed = Math.max(0, cal.workdaysBetween(b, end) - pausedWorkdays(cal, counted, end));
    workdaysRemaining = end <= due ? cal.workdaysBetween(end, due) : -cal.workdaysBetween(due, end);
  }
  if (closed) status = 'closed';
  else if (due === null) status = 'on_time';
  else if (asOf > due) status = 'overdue';
  else status = workdaysRemaining <= S.dueSoonWorkdays ? 'due_soon' : 'on_time';

  if (closed?.outcome === 'replied' && due !== null && closed.date > due) {
    warnings.push(`答复日期 ${closed.date} 晚于答复期限 ${due}（逾期${cal.workdaysBetween(due, closed.date)}个工作日）`);
  }
  const clock: ClockState = closed ? 'closed' : awaiting(st) ? 'awaiting_correction' : st.pauses.some((p, k) => p.counted && running[k]?.open === true) ? 'paused' : 'running';
  const horizon = due ?? applicantDue ?? asOf;
  const provisional = cal.anyProvisional(received, max(horizon, received));

  const explanation: string[] = [];
  if (explain) {
    const how = channel ? `${CHANNEL_LABELS_ZH[channel]}，` : '';
    const receiptText = `${received} 收到申请（${how}第三十一条）`;
    const simple = steps.length === 0 && !restarted;
    if (!simple) explanation.push(receiptText, ...steps);
    if (due !== null) {
      if (st.delayed) {
        explanation.push(`答复期限：按第三十五条确定的延迟答复期限 → ${due}`);
      } else {
        const start = restarted ? `答复期限：${st.clockStart} 收到补正后的申请（第三十条）` : simple ? receiptText : `答复期限：${received} 收到申请`;
        const total = S.replyWorkdays + (st.extension?.workdays ?? 0);
        const p = pausedWorkdays(cal, counted);
        const from = S.countFrom === 'same_day' ? '自当日起算' : '自次日起算';
        const what = st.extension ? `${total}个工作日（第三十三条，含延长的${st.extension.workdays}个工作日）` : `${total}个工作日（第三十三条）`;
        const plus = p > 0 ? `，加上不计入的${p}个工作日（第三十三条第三款）` : '';
        explanation.push(`${start}${start.endsWith('）') ? '' : ' '}→ ${from}${what}${plus}${windowText(cal, b, due, refYear)} → ${due}`);
      }
    } else if (lapsed && closed) {
      explanation.push(`${closed.date} ${closed.outcome === 'correction_lapsed' ? '补正期限届满，申请人未补正' : '缴费期限届满，申请人未缴费'} → 视为放弃申请，列入年度报告“${reportRow}”`);
    } else if (applicantDue) {
      explanation.push(`答复期限待申请人补正后重新计算（补正期限至 ${applicantDue}）`);
    }
    if (closed?.outcome === 'replied') {
      explanation.push(`${closed.date} 作出答复${due !== null ? (closed.date <= due ? '（在期限内）' : '（已逾期）') : ''}`);
    }
    if (provisional) {
      explanation.push(`（暂定：${provisionalReason(cal, received, max(horizon, received))}，期限可能随之变动）`);
    }
  }

  const result: DeadlineResult = {
    due,
    asOf,
    workdaysUsed,
    workdaysRemaining,
    paused: running,
    status,
    clock,
    provisional,
    warnings,
    explanation,
    clockStart: st.clockStart,
  };
  if (applicantDue && !closed) result.applicantDue = applicantDue;
  if (closed) {
    result.outcome = closed.outcome;
    if (closed.outcome === 'replied') result.repliedOn = closed.date;
  }
  if (reportRow) result.reportRow = reportRow;
  return result;
}
