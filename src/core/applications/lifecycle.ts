// The lifecycle of a disclosure application as a state machine over its ledger of events.
// The state is a fold of the ledger (stateOf); the stored state column is only a cache of it.
// Each rule cites its source: 条例 (国务院令第711号) 第三十条至第三十三条、第四十二条; 国办函〔2020〕109号; ogi-domain §3.
import { outcomeDef, isOutcomeCode, type OutcomeCode } from './outcomes.ts';

export const STATES = [
  'submitted', // online, waiting for the agency to confirm (第三十一条第三项: receipt = the day both sides confirm)
  'received',
  'correction_pending', // 第三十条 补正
  'consulting', // 第三十二条 third party / 第三十四条 co-agency
  'fee_pending', // 第四十二条 + 109号 收费通知
  'replied_draft', // reply returned by the reviewer for rework
  'under_review', // 审核 before issue (第四十五条: 登记、审核、办理、答复、归档 rules)
  'issued',
  'delivered',
  'closed',
  'withdrawn',
  'reopened', // for a 补充答复
] as const;
export type AppState = (typeof STATES)[number];

export const STATE_LABELS: Record<AppState, string> = {
  submitted: '待确认收到',
  received: '办理中',
  correction_pending: '待补正',
  consulting: '征求意见中',
  fee_pending: '待缴费',
  replied_draft: '答复退回修改',
  under_review: '答复待审核',
  issued: '已答复待送达',
  delivered: '已送达',
  closed: '已办结',
  withdrawn: '已撤回',
  reopened: '补充答复中',
};

export const EVENT_KINDS = [
  'submitted', 'registered', 'receipt_confirmed', 'assigned',
  'correction_requested', 'correction_received', 'correction_lapsed',
  'consultation_started', 'consultation_ended',
  'extension_requested', 'extension_approved', 'extension_rejected',
  'fee_notice_issued', 'fee_paid', 'fee_lapsed',
  'reply_drafted', 'reply_returned', 'reply_approved',
  'delivered', 'closed', 'withdrawn', 'reopened', 'carried_over',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_LABELS: Record<EventKind, string> = {
  submitted: '在线提交申请',
  registered: '登记申请',
  receipt_confirmed: '确认收到申请',
  assigned: '指定经办人',
  correction_requested: '发出补正告知书',
  correction_received: '收到补正材料',
  correction_lapsed: '逾期未补正，视为放弃申请',
  consultation_started: '发出征求意见书',
  consultation_ended: '收到征求意见答复',
  extension_requested: '申请延期答复',
  extension_approved: '负责人同意延期答复',
  extension_rejected: '负责人不同意延期',
  fee_notice_issued: '发出收费通知书',
  fee_paid: '已缴纳信息处理费',
  fee_lapsed: '逾期未缴费，不再处理',
  reply_drafted: '拟写答复',
  reply_returned: '审核退回答复',
  reply_approved: '审核通过并出具答复',
  delivered: '答复送达',
  closed: '办结',
  withdrawn: '申请人撤回申请',
  reopened: '重新打开（补充答复）',
  carried_over: '年末结转',
};

/** One entry of the append-only ledger. `on` is the legal (calendar) date, YYYY-MM-DD, Asia/Shanghai. */
export interface LedgerEvent {
  kind: EventKind;
  on: string;
  actorId?: string | number | null;
  data?: Record<string, unknown>;
}

export const ROLES = ['officer', 'leader', 'reviewer', 'admin'] as const;
/** officer = 经办人; leader = 政府信息公开工作机构负责人 (第三十三条); reviewer = 审核人; admin = 机关管理员. */
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'confirmReceipt', 'assign',
  'requestCorrection', 'recordCorrection', 'lapseCorrection',
  'startConsultation', 'endConsultation',
  'requestExtension', 'approveExtension', 'rejectExtension',
  'issueFeeNotice', 'recordPayment', 'lapseFee',
  'reply', 'approveReply', 'returnReply',
  'recordDelivery', 'close', 'reopen', 'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  confirmReceipt: '确认收到申请',
  assign: '指定经办人',
  requestCorrection: '要求补正',
  recordCorrection: '登记补正材料',
  lapseCorrection: '逾期未补正，终止办理',
  startConsultation: '征求意见',
  endConsultation: '登记征求意见答复',
  requestExtension: '申请延期答复',
  approveExtension: '同意延期答复',
  rejectExtension: '不同意延期',
  issueFeeNotice: '发出收费通知',
  recordPayment: '登记缴费',
  lapseFee: '逾期未缴费，终止办理',
  reply: '拟写答复',
  approveReply: '审核通过并出具',
  returnReply: '退回修改',
  recordDelivery: '登记送达',
  close: '办结',
  reopen: '重新打开（补充答复）',
  withdraw: '登记撤回申请',
};

/** The event each action appends. */
export const ACTION_EVENT: Record<Action, EventKind> = {
  confirmReceipt: 'receipt_confirmed', assign: 'assigned',
  requestCorrection: 'correction_requested', recordCorrection: 'correction_received', lapseCorrection: 'correction_lapsed',
  startConsultation: 'consultation_started', endConsultation: 'consultation_ended',
  requestExtension: 'extension_requested', approveExtension: 'extension_approved', rejectExtension: 'extension_rejected',
  issueFeeNotice: 'fee_notice_issued', recordPayment: 'fee_paid', lapseFee: 'fee_lapsed',
  reply: 'reply_drafted', approveReply: 'reply_approved', returnReply: 'reply_returned',
  recordDelivery: 'delivered', close: 'closed', reopen: 'reopened', withdraw: 'withdrawn',
};

const ROLE_ACTIONS: Record<Action, readonly Role[]> = {
  confirmReceipt: ['officer', 'leader'],
  // the agency's own staff assign; the system administrator does not handle cases (decision 061)
  assign: ['officer', 'leader'],
  requestCorrection: ['officer', 'leader'],
  recordCorrection: ['officer', 'leader'],
  lapseCorrection: ['officer', 'leader'],
  startConsultation: ['officer', 'leader'],
  endConsultation: ['officer', 'leader'],
  requestExtension: ['officer', 'leader'],
  // 第三十三条第二款: 延长答复期限的，应当经政府信息公开工作机构负责人同意.
  approveExtension: ['leader'],
  rejectExtension: ['leader'],
  issueFeeNotice: ['officer', 'leader'],
  recordPayment: ['officer', 'leader'],
  lapseFee: ['officer', 'leader'],
  reply: ['officer', 'leader'],
  // 审核 before issue (第四十五条 登记、审核、办理、答复、归档).
  approveReply: ['reviewer', 'leader'],
  returnReply: ['reviewer', 'leader'],
  recordDelivery: ['officer', 'leader'],
  close: ['officer', 'leader'],
  reopen: ['officer', 'leader'],
  withdraw: ['officer', 'leader'],
};

export const TERMINAL_STATES: readonly AppState[] = ['closed', 'withdrawn'];

/** States in which the application is 办理中 (counted as not concluded). */
export function isOpen(state: AppState): boolean {
  return !['submitted', 'issued', 'delivered', 'closed', 'withdrawn'].includes(state);
}

export class TransitionError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'TransitionError';
  }
}

function openConsultations(ledger: readonly LedgerEvent[]): number {
  let n = 0;
  for (const e of ledger) {
    if (e.kind === 'consultation_started') n++;
    if (e.kind === 'consultation_ended') n--;
  }
  return n;
}

/** Next state after an event (throws TransitionError when the event cannot happen in that state). */
export function transition(state: AppState | null, event: LedgerEvent, before: readonly LedgerEvent[] = []): AppState {
  const bad = () => new TransitionError(`当前状态“${state ? STATE_LABELS[state] : '无'}”下不能“${EVENT_LABELS[event.kind]}”`, 'invalid_transition');
  const k = event.kind;
  if (state === null) {
    if (k === 'submitted') return 'submitted';
    if (k === 'registered') return 'received';
    throw bad();
  }
  if (k === 'assigned' || k === 'carried_over') {
    if (TERMINAL_STATES.includes(state)) throw bad();
    return state;
  }
  if (k === 'extension_requested' || k === 'extension_approved' || k === 'extension_rejected') {
    if (!['received', 'consulting', 'replied_draft', 'under_review', 'correction_pending', 'fee_pending'].includes(state)) throw bad();
    return state;
  }
  if (k === 'withdrawn') {
    if (['issued', 'delivered', 'closed', 'withdrawn'].includes(state)) throw bad();
    return 'withdrawn';
  }
  switch (state) {
    case 'submitted':
      if (k === 'receipt_confirmed') return 'received';
      break;
    case 'received':
    case 'reopened':
      if (state === 'received' && k === 'correction_requested') return 'correction_pending';
      if (state === 'received' && k === 'consultation_started') return 'consulting';
      if (state === 'received' && k === 'fee_notice_issued') return 'fee_pending';
      if (k === 'reply_drafted') return 'under_review';
      break;
    case 'correction_pending':
      if (k === 'correction_received') return 'received';
      if (k === 'correction_lapsed') return 'closed';
      break;
    case 'consulting':
      if (k === 'consultation_started') return 'consulting';
      if (k === 'consultation_ended') return openConsultations([...before, event]) > 0 ? 'consulting' : 'received';
      break;
    case 'fee_pending':
      if (k === 'fee_paid') return 'received';
      if (k === 'fee_lapsed') return 'closed';
      break;
    case 'replied_draft':
      if (k === 'reply_drafted') return 'under_review';
      break;
    case 'under_review':
      if (k === 'reply_approved') return 'issued';
      if (k === 'reply_returned') return 'replied_draft';
      break;
    case 'issued':
      if (k === 'delivered') return 'delivered';
      break;
    case 'delivered':
      if (k === 'closed') return 'closed';
      if (k === 'reopened') return 'reopened';
      break;
    case 'closed':
      if (k === 'reopened') return 'reopened';
      break;
    case 'withdrawn':
      break;
  }
  throw bad();
}

/** Replay the ledger (in order) to the current state. */
export function stateOf(ledger: readonly LedgerEvent[]): AppState | null {
  let s: AppState | null = null;
  for (let i = 0; i < ledger.length; i++) s = transition(s, ledger[i]!, ledger.slice(0, i));
  return s;
}

/** The receipt date (收到申请之日, 第三十一条): from registration or confirmation. */
export function receiptDateOf(ledger: readonly LedgerEvent[]): string | null {
  for (const e of ledger) {
    if (e.kind === 'registered' || e.kind === 'receipt_confirmed') return (e.data?.receivedOn as string | undefined) ?? e.on;
  }
  return null;
}

/** The outcome now in force: the last approved reply, or the closing outcome of a lapse/withdrawal. */
export function outcomeOf(ledger: readonly LedgerEvent[]): OutcomeCode | null {
  let pending: OutcomeCode | null = null;
  let out: OutcomeCode | null = null;
  for (const e of ledger) {
    if (e.kind === 'reply_drafted' && isOutcomeCode(e.data?.outcome)) pending = e.data.outcome as OutcomeCode;
    if (e.kind === 'reply_approved' && pending) out = pending;
    if (e.kind === 'correction_lapsed') out = 'other_correction_lapsed';
    if (e.kind === 'fee_lapsed') out = 'other_fee_unpaid';
    if (e.kind === 'withdrawn' && receiptDateOf(ledger) !== null) out = 'other_withdrawn';
  }
  return out;
}

/** The date the application was first concluded (办结 for the report): reply issued, lapse or withdrawal. A 补充答复 does not move it. */
export function concludedOnOf(ledger: readonly LedgerEvent[]): string | null {
  if (receiptDateOf(ledger) === null) return null;
  for (const e of ledger) {
    if (e.kind === 'reply_approved' || e.kind === 'correction_lapsed' || e.kind === 'fee_lapsed' || e.kind === 'withdrawn') return e.on;
  }
  return null;
}

/** The reply waiting for review (the last reply_drafted after the last approval/return), if any. */
export function pendingReply(ledger: readonly LedgerEvent[]): LedgerEvent | null {
  let p: LedgerEvent | null = null;
  for (const e of ledger) {
    if (e.kind === 'reply_drafted') p = e;
    if (e.kind === 'reply_approved' || e.kind === 'reply_returned') p = null;
  }
  return p;
}

export interface LedgerFacts {
  corrections: number;
  correctionReceived: boolean;
  openConsultations: number;
  extensionRequested: boolean; // a request is waiting for the leader
  extensionApproved: boolean;
  feeNotices: number;
  feePaid: boolean;
  pendingReply: LedgerEvent | null;
  outcome: OutcomeCode | null;
}

export function ledgerFacts(ledger: readonly LedgerEvent[]): LedgerFacts {
  let corrections = 0, correctionReceived = false, extReq = false, extOk = false, fees = 0, paid = false;
  for (const e of ledger) {
    switch (e.kind) {
      case 'correction_requested': corrections++; break;
      case 'correction_received': correctionReceived = true; break;
      case 'extension_requested': extReq = true; break;
      case 'extension_approved': extReq = false; extOk = true; break;
      case 'extension_rejected': extReq = false; break;
      case 'fee_notice_issued': fees++; break;
      case 'fee_paid': paid = true; break;
      default: break;
    }
  }
  return {
    corrections, correctionReceived, openConsultations: openConsultations(ledger), extensionRequested: extReq,
    extensionApproved: extOk, feeNotices: fees, feePaid: paid, pendingReply: pendingReply(ledger), outcome: outcomeOf(ledger),
  };
}

/** Time facts the caller computes with the calendar/deadline engine (core never reads the clock). */
export interface ActionContext {
  /** Today's legal date, YYYY-MM-DD. */
  today?: string;
  /** Current reply due date (第三十三条, with pauses and extension). */
  dueDate?: string | null;
  /** Last day of the 补正 period set in the notice (第三十条 "合理的补正期限"). */
  correctionDueDate?: string | null;
  /** Last day to pay the fee stated in the 收费通知 (109号; period UNCONFIRMED, set by the agency). */
  feeDueDate?: string | null;
  /** Last day the agency may send the 补正 notice: the 7th working day after receipt (第三十条). */
  correctionNoticeLastDay?: string | null;
  /** The acting user (for the four-eyes rule on review). */
  actorId?: string | number | null;
}

export type ActionCheck = { ok: true; warnings: string[] } | { ok: false; reason: string; code: string };

const no = (reason: string, code = 'not_allowed'): ActionCheck => ({ ok: false, reason, code });

/** Which states each action may start from. */
const FROM: Record<Action, readonly AppState[]> = {
  confirmReceipt: ['submitted'],
  assign: ['submitted', 'received', 'correction_pending', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'issued', 'delivered', 'reopened'],
  requestCorrection: ['received'],
  recordCorrection: ['correction_pending'],
  lapseCorrection: ['correction_pending'],
  // One consultation at a time (the deadline engine pauses the clock for one open consultation; 第三十二条、第三十四条).
  startConsultation: ['received'],
  endConsultation: ['consulting'],
  requestExtension: ['received', 'consulting', 'replied_draft', 'under_review', 'fee_pending'],
  approveExtension: ['received', 'consulting', 'replied_draft', 'under_review', 'fee_pending'],
  rejectExtension: ['received', 'consulting', 'replied_draft', 'under_review', 'fee_pending'],
  issueFeeNotice: ['received'],
  recordPayment: ['fee_pending'],
  lapseFee: ['fee_pending'],
  reply: ['received', 'replied_draft', 'reopened'],
  approveReply: ['under_review'],
  returnReply: ['under_review'],
  recordDelivery: ['issued'],
  close: ['delivered'],
  reopen: ['delivered', 'closed'],
  withdraw: ['submitted', 'received', 'correction_pending', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'],
};

/**
 * Whether `action` is lawful now, and why not. The service calls this before appending an event;
 * the UI shows only the actions for which it is ok.
 */
export function checkAction(action: Action, state: AppState, ledger: readonly LedgerEvent[], roles: readonly Role[], ctx: ActionContext = {}): ActionCheck {
  if (!ROLE_ACTIONS[action].some((r) => roles.includes(r))) {
    if (action === 'approveExtension' || action === 'rejectExtension') return no('延期答复须经政府信息公开工作机构负责人同意（条例第三十三条第二款），您没有负责人权限', 'forbidden_role');
    if (action === 'approveReply' || action === 'returnReply') return no('答复须由审核人审核，您没有审核权限', 'forbidden_role');
    return no(`您没有“${ACTION_LABELS[action]}”的权限`, 'forbidden_role');
  }
  const f = ledgerFacts(ledger);
  // The "only once" rules are stated first, whatever the state: they are the reason the law gives.
  if (action === 'requestCorrection' && f.corrections > 0) return no('补正告知只能发出一次（条例第三十条：一次性告知申请人需要补正的事项），本申请已经发出过补正告知', 'correction_once');
  if ((action === 'requestExtension' || action === 'approveExtension' || action === 'rejectExtension') && f.extensionApproved) return no('答复期限只能延长一次，本申请已经延期（条例第三十三条第二款）', 'extension_once');
  if (action === 'issueFeeNotice' && f.feeNotices > 0) return no('本申请已经发出过收费通知（国办函〔2020〕109号第三条：同一申请只适用一种计收标准）', 'fee_once');
  if (!FROM[action].includes(state)) return no(`当前状态“${STATE_LABELS[state]}”下不能“${ACTION_LABELS[action]}”`, 'invalid_state');
  const warnings: string[] = [];
  const beforeDue = (what: string): ActionCheck | null =>
    ctx.today && ctx.dueDate && ctx.today > ctx.dueDate ? no(`答复期限已于${ctx.dueDate}届满，不能再${what}`, 'past_due') : null;
  switch (action) {
    case 'requestCorrection':
      // 第三十条: 一次性告知 — one single notice listing every item.
      if (f.corrections > 0) return no('补正告知只能发出一次（条例第三十条：一次性告知申请人需要补正的事项），本申请已经发出过补正告知', 'correction_once');
      if (ctx.today && ctx.correctionNoticeLastDay && ctx.today > ctx.correctionNoticeLastDay) {
        warnings.push(`已超过收到申请之日起7个工作日（最后一日为${ctx.correctionNoticeLastDay}），条例第三十条要求在7个工作日内一次性告知补正`);
      }
      break;
    case 'lapseCorrection':
      // 第三十条: 无正当理由逾期不补正的，视为放弃申请 — only after the period set in the notice.
      if (!ctx.today || !ctx.correctionDueDate || ctx.today <= ctx.correctionDueDate) {
        return no(`补正期限${ctx.correctionDueDate ? `（${ctx.correctionDueDate}）` : ''}尚未届满，不能视为放弃申请`, 'correction_not_lapsed');
      }
      break;
    case 'endConsultation':
      if (f.openConsultations <= 0) return no('没有进行中的征求意见', 'no_consultation');
      break;
    case 'requestExtension': {
      // 第三十三条第二款: 延长的期限最长不得超过20个工作日 — once.
      if (f.extensionApproved) return no('答复期限只能延长一次，本申请已经延期（条例第三十三条第二款）', 'extension_once');
      if (f.extensionRequested) return no('已有延期申请等待负责人审批', 'extension_pending');
      const late = beforeDue('申请延期');
      if (late) return late;
      break;
    }
    case 'approveExtension':
    case 'rejectExtension': {
      if (f.extensionApproved) return no('答复期限只能延长一次，本申请已经延期（条例第三十三条第二款）', 'extension_once');
      if (!f.extensionRequested) return no('没有等待审批的延期申请', 'no_extension_request');
      if (action === 'approveExtension') {
        const late = beforeDue('批准延期（须在答复期限届满前同意）');
        if (late) return late;
      }
      if (ctx.actorId != null) {
        const req = [...ledger].reverse().find((e) => e.kind === 'extension_requested');
        if (req && req.actorId != null && String(req.actorId) === String(ctx.actorId)) return no('延期申请人不能自己批准延期，请由另一位负责人审批', 'four_eyes');
      }
      break;
    }
    case 'issueFeeNotice':
      // 109号 第三条: 一件申请只能选择一种计收方式; one notice per application.
      if (f.feeNotices > 0) return no('本申请已经发出过收费通知（国办函〔2020〕109号第三条：同一申请只适用一种计收标准）', 'fee_once');
      break;
    case 'lapseFee':
      if (!ctx.today || !ctx.feeDueDate || ctx.today <= ctx.feeDueDate) {
        return no(`缴费期限${ctx.feeDueDate ? `（${ctx.feeDueDate}）` : ''}尚未届满，不能终止办理`, 'fee_not_lapsed');
      }
      break;
    case 'reply':
      if (f.openConsultations > 0) return no('征求意见尚未结束，请先登记征求意见答复', 'consultation_open');
      if (ctx.today && ctx.dueDate && ctx.today > ctx.dueDate) warnings.push(`已超过答复期限（${ctx.dueDate}），请尽快答复`);
      break;
    case 'approveReply':
    case 'returnReply': {
      if (!f.pendingReply) return no('没有待审核的答复', 'no_pending_reply');
      const drafter = f.pendingReply.actorId;
      if (ctx.actorId != null && drafter != null && String(drafter) === String(ctx.actorId)) {
        return no('拟写答复的人不能审核自己的答复，请由另一位审核人审核', 'four_eyes');
      }
      break;
    }
    case 'close':
      if (!f.outcome) return no('尚未作出答复结论，不能办结：请先选择办理结果并出具答复', 'outcome_required');
      break;
    default:
      break;
  }
  return { ok: true, warnings };
}

/** The actions the law allows now, for these roles (the case page offers exactly these as buttons). */
export function allowedActions(state: AppState, ledger: readonly LedgerEvent[], roles: Role | readonly Role[], ctx: ActionContext = {}): Action[] {
  const rs = typeof roles === 'string' ? [roles] : roles;
  return ACTIONS.filter((a) => checkAction(a, state, ledger, rs, ctx).ok);
}

/** Checks an outcome chosen in a reply against the case (e.g. （四）3 only after a correction was received). */
export function outcomeAllowed(outcome: OutcomeCode, ledger: readonly LedgerEvent[]): { ok: true } | { ok: false; reason: string } {
  const d = outcomeDef(outcome);
  const f = ledgerFacts(ledger);
  switch (d.precondition) {
    case 'correction_received':
      if (!f.correctionReceived) return { ok: false, reason: '“补正后申请内容仍不明确”只能在申请人补正之后选择（条例第三十条）' };
      break;
    case 'correction_lapsed':
      return { ok: false, reason: '逾期不补正请使用“逾期未补正，终止办理”操作' };
    case 'fee_unpaid':
      return { ok: false, reason: '逾期未缴费请使用“逾期未缴费，终止办理”操作' };
    default:
      break;
  }
  if (outcome === 'other_withdrawn') return { ok: false, reason: '申请人撤回请使用“登记撤回申请”操作' };
  return { ok: true };
}
