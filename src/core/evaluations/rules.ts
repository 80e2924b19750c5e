// 政务服务“好差评” rules (国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》;
// 鲁政办发〔2020〕10号《山东省建立政务服务“好差评”制度工作方案》): rating levels, what a 差评 is, channels, what
// can be rated, the late-rating window, the 差评 work order's steps and time limits, and the suggestions ledger.
// Pure: dates are YYYY-MM-DD strings, the working-day calendar is passed in.
import type { Calendar } from '../calendar/types.ts';

/** 五级评价 (51号: 非常满意、满意、基本满意、不满意、非常不满意), stored as 5 … 1. */
export const LEVELS = [5, 4, 3, 2, 1] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };

export function isLevel(v: unknown): v is Level {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
}
/** 差评 = 不满意 and 非常不满意 (≤ 2 stars); 3 stars and more count as 好评 (山东、泰安 practice). */
export function isBad(level: number): boolean {
  return level <= 2;
}
export function isGood(level: number): boolean {
  return level >= 3;
}

/** 评价渠道 (51号: 现场“一次一评”, 网上“一事一评”, 评价器, 意见箱, 政务服务调查; 鲁政办发〔2020〕10号). */
export const CHANNELS = ['window_device', 'qr', 'online', 'phone_visit', 'sms', 'kiosk', 'box', 'survey'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  window_device: '窗口评价器', qr: '二维码 / 小程序', online: '网上', phone_visit: '电话回访', sms: '短信', kiosk: '自助终端', box: '意见箱', survey: '问卷',
};

/** What is rated: 51号 “每个政务服务事项均可评价，每个政务服务机构、政务服务平台和人员都接受评价”. */
export const TARGET_TYPES = ['case', 'service_item', 'window', 'staff', 'agency'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
export const TARGET_LABELS: Record<TargetType, string> = { case: '办件', service_item: '政务服务事项', window: '窗口', staff: '工作人员', agency: '机构' };
export const TARGET_REF_LABELS: Record<TargetType, string> = { case: '办件编号', service_item: '事项编码', window: '窗口名称或编号', staff: '工号', agency: '' };

/** The settings an agency may set (the national text fixes none of these numbers; ogi-domain §5). */
export type EvaluationSettings = {
  /** 鲁政办发〔2020〕10号: not rated on site → may rate within 5 working days of the transaction. */
  ratingWindowDays: number;
  /** “第一时间”核实: working days from the 差评 to the return visit and classification. */
  verifyDays: number;
  /** working days from classification to the feedback, per class */
  limitImmediate: number;
  limitDeadline: number;
  limitExplain: number;
  /** working days from receipt to the reply of a suggestion */
  suggestionDays: number;
  /** satisfaction = (非常满意+满意)/全部 ('top2') or (非常满意+满意+基本满意)/全部 ('top3') */
  satisfactionFormula: 'top2' | 'top3';
};

export const DEFAULT_SETTINGS: EvaluationSettings = {
  ratingWindowDays: 5, verifyDays: 1, limitImmediate: 1, limitDeadline: 15, limitExplain: 5, suggestionDays: 15, satisfactionFormula: 'top2',
};

export const SETTING_LABELS: Record<keyof EvaluationSettings, string> = {
  ratingWindowDays: '办结后可评价的工作日数', verifyDays: '差评核实期限（工作日）', limitImmediate: '立行立改期限（工作日）',
  limitDeadline: '限期整改期限（工作日）', limitExplain: '解释说明期限（工作日）', suggestionDays: '意见建议答复期限（工作日）', satisfactionFormula: '满意度计算方法',
};

export const FORMULA_LABELS: Record<EvaluationSettings['satisfactionFormula'], string> = {
  top2: '（非常满意＋满意）÷ 全部评价', top3: '（非常满意＋满意＋基本满意）÷ 全部评价',
};

/** Why a setting value is wrong, or null. */
export function settingProblem(key: keyof EvaluationSettings, value: unknown): string | null {
  if (key === 'satisfactionFormula') return value === 'top2' || value === 'top3' ? null : '满意度计算方法应为 top2 或 top3';
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 60) return `${SETTING_LABELS[key]}应为 1 至 60 的整数`;
  return null;
}

export interface RatingWindow {
  allowed: boolean;
  /** the last day a rating is accepted */
  lastDay: string;
  problem: string | null;
}

/**
 * May a 办件 concluded on `concludedOn` be rated on `ratedOn`? 鲁政办发〔2020〕10号: 未当场评价的，可在办件办结之日起
 * 5个工作日内补充评价 — the window ends on the N-th working day after the conclusion (民法典 第二百零一条: the first day
 * is not counted); the day of the conclusion itself is in the window.
 */
export function ratingWindow(concludedOn: string | null, ratedOn: string, days: number, calendar: Calendar): RatingWindow {
  if (!concludedOn) return { allowed: false, lastDay: '', problem: '该办件尚未办结，办结后才能评价' };
  const lastDay = calendar.addWorkdays(concludedOn, days);
  if (ratedOn < concludedOn) return { allowed: false, lastDay, problem: `该办件于 ${concludedOn} 办结，评价日期不能早于办结日期` };
  if (ratedOn > lastDay) return { allowed: false, lastDay, problem: `已超过评价期限：办件于 ${concludedOn} 办结，办结之日起${days}个工作日内（至 ${lastDay}）可以评价` };
  return { allowed: true, lastDay, problem: null };
}

/** One rating per 办件 and channel (“一次一评”“一事一评”): the key of that rule, null for other targets. */
export function onceKey(agencyId: number, targetType: TargetType, ref: string | null, channel: Channel): string | null {
  return targetType === 'case' && ref ? `${agencyId}|${ref.trim().toUpperCase()}|${channel}` : null;
}

// ── the 差评 work order ──

/** 51号: 差评 verified, 整改, answered; 申诉复核 excludes 误评 and 恶意差评. “谁办理、谁负责” (鲁政办发〔2020〕10号). */
export const CLASSES = ['immediate', 'deadline', 'explain', 'appeal'] as const;
export type OrderClass = (typeof CLASSES)[number];
export const CLASS_LABELS: Record<OrderClass, string> = { immediate: '立行立改', deadline: '限期整改', explain: '解释说明', appeal: '申诉复核' };
export const CLASS_HINTS: Record<OrderClass, string> = {
  immediate: '情况清楚、诉求合理，能够马上整改',
  deadline: '情况复杂，列入台账限期整改',
  explain: '诉求没有法律法规依据或者不能实现，向评价人解释说明',
  appeal: '误评或者恶意差评，申请复核，由监督部门决定',
};

export const ORDER_STATES = ['verifying', 'appeal_review', 'rectifying', 'feedback', 'review', 'closed'] as const;
export type OrderState = (typeof ORDER_STATES)[number];
export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  verifying: '待核实', appeal_review: '申诉复核待决定', rectifying: '整改中', feedback: '待反馈评价人', review: '待监督回访办结', closed: '已办结',
};

export const ORDER_ACTIONS = ['logVisit', 'classify', 'decideAppeal', 'recordRectification', 'sendFeedback', 'closeOrder'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];
export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  logVisit: '登记回访核实', classify: '确定处理类别', decideAppeal: '申诉复核决定', recordRectification: '登记整改情况', sendFeedback: '反馈评价人', closeOrder: '监督回访并办结',
};

export type OrderRole = 'handler' | 'supervisor';

/** Which role does an action: the handling unit (经办人、负责人) works the order, the supervisor decides 申诉复核 and closes. */
export const ACTION_ROLE: Record<OrderAction, OrderRole> = {
  logVisit: 'handler', classify: 'handler', recordRectification: 'handler', sendFeedback: 'handler', decideAppeal: 'supervisor', closeOrder: 'supervisor',
};

/** Who may do what in which state. */
export function allowedOrderActions(state: OrderState, role: OrderRole): OrderAction[] {
  if (role === 'handler') {
    if (state === 'verifying') return ['logVisit', 'classify'];
    if (state === 'rectifying') return ['logVisit', 'recordRectification'];
    if (state === 'feedback') return ['logVisit', 'sendFeedback'];
    return [];
  }
  if (state === 'appeal_review') return ['decideAppeal'];
  if (state === 'review') return ['closeOrder'];
  return [];
}

export interface OrderFacts {
  state: OrderState;
  realName: boolean;
  visits: number;
  classification: OrderClass | null;
}

/** Why an action cannot be taken now (state, the 实名差评 visit rule), or null. */
export function orderActionProblem(action: OrderAction, facts: OrderFacts, role: OrderRole): string | null {
  if (!allowedOrderActions(facts.state, role).includes(action)) {
    const who = role === 'handler' ? '办理单位' : '监督部门';
    return `工单当前为“${ORDER_STATE_LABELS[facts.state]}”，${who}不能${ORDER_ACTION_LABELS[action]}`;
  }
  // 实名差评回访率 100% (鲁政办发〔2020〕10号): a named rater is visited before the order is classified.
  if (action === 'classify' && facts.realName && facts.visits === 0) return '实名差评必须先回访核实：请先登记回访（日期、回访人、评价人反映的情况）';
  return null;
}

/** The state after classifying: rectification for 立行立改 / 限期整改, feedback for 解释说明, the supervisor for 申诉复核. */
export function stateAfterClass(c: OrderClass): OrderState {
  if (c === 'appeal') return 'appeal_review';
  if (c === 'explain') return 'feedback';
  return 'rectifying';
}

export function classLimit(c: OrderClass, s: EvaluationSettings): number | null {
  if (c === 'immediate') return s.limitImmediate;
  if (c === 'deadline') return s.limitDeadline;
  if (c === 'explain') return s.limitExplain;
  return null;
}

/** The due date of the order's next step: 核实 within verifyDays of the 差评, then the class's limit from classification. */
export function orderDue(o: { openedOn: string; classifiedOn: string | null; classification: OrderClass | null }, s: EvaluationSettings, calendar: Calendar): string | null {
  if (!o.classification || !o.classifiedOn) return calendar.addWorkdays(o.openedOn, s.verifyDays);
  const n = classLimit(o.classification, s);
  return n === null ? null : calendar.addWorkdays(o.classifiedOn, n);
}

export interface OrderClock {
  due: string | null;
  overdue: boolean;
  /** working days left (negative when overdue), null without a due date */
  daysLeft: number | null;
}

/** Overdue: the feedback (or, before classification, the 核实) is not done by the due date. Closed or answered orders are not. */
export function orderClock(o: { state: OrderState; dueOn: string | null; feedbackOn: string | null }, today: string, calendar: Calendar): OrderClock {
  if (!o.dueOn) return { due: null, overdue: false, daysLeft: null };
  const done = o.state === 'review' || o.state === 'closed';
  const daysLeft = calendar.workdaysBetween(today, o.dueOn);
  return { due: o.dueOn, overdue: !done && today > o.dueOn, daysLeft };
}

/** Was the order answered late (feedback after the due date)? */
export function answeredLate(o: { dueOn: string | null; feedbackOn: string | null }): boolean {
  return Boolean(o.dueOn && o.feedbackOn && o.feedbackOn > o.dueOn);
}

// ── suggestions (意见建议 / 吐槽找茬: “有诉必理、有理必果、及时反馈”) ──

export const SUGGESTION_CHANNELS = ['online', 'box', 'book', 'phone', 'complaint_window', 'in_person'] as const;
export type SuggestionChannel = (typeof SUGGESTION_CHANNELS)[number];
export const SUGGESTION_CHANNEL_LABELS: Record<SuggestionChannel, string> = {
  online: '网上', box: '意见箱', book: '意见簿', phone: '电话', complaint_window: '“吐槽找茬”窗口', in_person: '当面',
};
export const SUGGESTION_RESULTS = ['adopted', 'rectified', 'explained', 'rejected'] as const;
export type SuggestionResult = (typeof SUGGESTION_RESULTS)[number];
export const SUGGESTION_RESULT_LABELS: Record<SuggestionResult, string> = { adopted: '采纳', rectified: '整改（问题查摆整改）', explained: '解释说明', rejected: '不予采纳' };
export const SUGGESTION_STATES = ['received', 'handled', 'replied'] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];
export const SUGGESTION_STATE_LABELS: Record<SuggestionState, string> = { received: '已受理，办理中', handled: '已办理，待答复', replied: '已答复' };

export function suggestionDue(receivedOn: string, s: EvaluationSettings, calendar: Calendar): string {
  return calendar.addWorkdays(receivedOn, s.suggestionDays);
}
