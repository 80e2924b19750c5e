// The publication workflow of a catalogue item version.
//  - 条例 第十七条: 行政机关应当建立健全政府信息公开审查机制 … 公开前依照保守国家秘密法以及其他法律、法规和国家有关规定进行审查;
//  - 保守国家秘密法 第三十五条 / 实施条例 第四十二条: “先审查、后公开” — nothing is published without a recorded 保密审查;
//  - practice (ogi-domain §7.1): 经办人 drafts → 保密审查 → 审核 (分管负责人) → 发布.
//  - 国办发〔2016〕80号: 公开属性 is decided at drafting; only 主动公开 items are published on the portal.
//  - revise = a new version (the published one stays until the new one is published); withdraw with a reason;
//    abolish changes 有效性 only (the item stays visible).

export const STATES = ['draft', 'secrecy_review', 'approval', 'approved', 'published', 'withdrawn'] as const;
export type State = (typeof STATES)[number];

export const STATE_LABELS: Record<State, string> = {
  draft: '草稿',
  secrecy_review: '待保密审查',
  approval: '待审核',
  approved: '已审核待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/**
 * Roles as the catalogue sees them: 经办人, 保密审查员, 分管负责人 (审核), and 'system' — the seed, the CLI import
 * and benchmark loaders acting without a person. The system administrator (a person) has no catalogue role:
 * the content of an agency is its own staff's (separation of duties, decision 061).
 */
export type CatalogueRole = 'officer' | 'reviewer' | 'leader' | 'system';

export const ACTIONS = [
  'edit', 'submit', 'record_review', 'approve', 'return', 'publish', 'revise', 'withdraw', 'abolish', 'delete',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  edit: '编辑',
  submit: '提交保密审查',
  record_review: '记录保密审查结果',
  approve: '审核通过',
  return: '退回修改',
  publish: '发布',
  revise: '修订（新版本）',
  withdraw: '撤回',
  abolish: '废止',
  delete: '删除草稿',
};

/**
 * What the officer is told after an action succeeded: what was done and what happens next (never just "已办理").
 * `reviewResult` (record_review) and `validity` (abolish) choose the wording.
 */
export function actionDoneMessage(action: Action, opts: { reviewResult?: 'pass' | 'fail'; validity?: 'abolished' | 'expired' } = {}): string {
  switch (action) {
    case 'edit': return '已保存草稿';
    case 'submit': return '已提交保密审查，等待审查人员记录审查结果';
    case 'record_review': return opts.reviewResult === 'fail' ? '已记录保密审查结果：不通过，条目已退回草稿，请按审查意见修改' : '已记录保密审查结果：通过，等待负责人审核';
    case 'approve': return '已审核通过，经办人可以发布';
    case 'return': return '已退回修改，条目回到草稿';
    case 'publish': return '已发布，门户网站已可查看';
    case 'revise': return '已建立修订版本，请修改后重新提交保密审查';
    case 'withdraw': return '已撤回，门户网站不再显示该信息';
    case 'abolish': return opts.validity === 'expired' ? '已标记为失效，门户网站显示其有效性为“失效”' : '已标记为废止，门户网站显示其有效性为“废止”';
    case 'delete': return '草稿已删除';
  }
}

interface Transition {
  from: State;
  action: Action;
  to: State;
  roles: CatalogueRole[];
}

// Who may do what. A reviewer records the 保密审查 but cannot publish; only the leader approves (审核).
// On top of the roles, the author of a version may never record its 保密审查 nor approve it (authorRule).
const TRANSITIONS: Transition[] = [
  { from: 'draft', action: 'edit', to: 'draft', roles: ['officer', 'system'] },
  { from: 'draft', action: 'delete', to: 'draft', roles: ['officer', 'system'] },
  { from: 'draft', action: 'submit', to: 'secrecy_review', roles: ['officer', 'system'] },
  // 保密审查: result passed → 审核; failed → back to draft (the basis is kept in the ledger).
  { from: 'secrecy_review', action: 'record_review', to: 'approval', roles: ['reviewer', 'system'] },
  { from: 'secrecy_review', action: 'return', to: 'draft', roles: ['reviewer', 'system'] },
  { from: 'approval', action: 'approve', to: 'approved', roles: ['leader', 'system'] },
  { from: 'approval', action: 'return', to: 'draft', roles: ['leader', 'system'] },
  { from: 'approved', action: 'publish', to: 'published', roles: ['officer', 'leader', 'system'] },
  { from: 'approved', action: 'return', to: 'draft', roles: ['leader', 'system'] },
  { from: 'published', action: 'revise', to: 'published', roles: ['officer', 'system'] },
  { from: 'published', action: 'withdraw', to: 'withdrawn', roles: ['leader', 'system'] },
  { from: 'published', action: 'abolish', to: 'published', roles: ['officer', 'leader', 'system'] },
];

/** Who acts and who wrote the version (for the author rule). */
export interface Authorship {
  /** the acting person; null for the system */
  actorId: number | null;
  /** every person who created or edited the working version (创建、编辑、修订、附件) */
  authorIds: readonly number[];
}

/** Actions the author of a version may never take on it: 保密审查 (and its return) and 审核 (and its return). */
const AUTHOR_BARRED: ReadonlySet<string> = new Set(['secrecy_review:record_review', 'secrecy_review:return', 'approval:approve', 'approval:return']);

/** The author rule: null when allowed, else the reason (条例 第十七条 审查机制; 先审查、后公开 by someone other than the author). */
export function authorRule(state: State, action: Action, who: Authorship | undefined): string | null {
  if (!who || who.actorId === null || !AUTHOR_BARRED.has(`${state}:${action}`)) return null;
  if (!who.authorIds.includes(who.actorId)) return null;
  return action === 'approve' || state === 'approval'
    ? '您起草或修改过该条目，不能审核自己起草的内容（职责分离），请由另一位负责人审核'
    : '您起草或修改过该条目，不能对自己起草的内容进行保密审查（职责分离），请由另一位保密审查员审查';
}

/** The actions a role may take on a version in a state, in display order (and, given `who`, the author rule). */
export function allowedActions(state: State, role: CatalogueRole | readonly CatalogueRole[], who?: Authorship): Action[] {
  const roles = Array.isArray(role) ? role : [role as CatalogueRole];
  return ACTIONS.filter((a) => TRANSITIONS.some((t) => t.from === state && t.action === a && t.roles.some((r) => roles.includes(r))) && authorRule(state, a, who) === null);
}

export type TransitionResult =
  | { ok: true; to: State }
  | { ok: false; code: 'FORBIDDEN_ROLE' | 'SELF_REVIEW' | 'INVALID_STATE' | 'REVIEW_MISSING' | 'REVIEW_FAILED' | 'NOT_PROACTIVE' | 'INTERPRETATION_MISSING' | 'REASON_REQUIRED'; message: string };

/** The 保密审查 record of a version (ogi-domain §7.1: reviewer(s), review date, basis, result). */
export interface SecrecyReview {
  result: 'pass' | 'fail';
  basis: string;
  reviewerId: number | string;
  reviewedAt: string;
}

export interface TransitionInput {
  state: State;
  action: Action;
  roles: readonly CatalogueRole[];
  disclosure: 'proactive' | 'on_request' | 'withheld';
  review?: SecrecyReview | null;
  /** For withdraw / return / abolish: the reason text */
  reason?: string | null;
  /** For record_review: the result being recorded */
  reviewResult?: 'pass' | 'fail';
  /** For publish of 规章 / 行政规范性文件 under the interpretation rule: outcome of checkInterpretationRule */
  interpretation?: InterpretationCheck;
  /** Who acts and who wrote the version (the author rule); omitted: not checked */
  who?: Authorship;
}

/** Decide a transition; every refusal says in Chinese what to do. */
export function transition(input: TransitionInput): TransitionResult {
  // A role that may never take this action is refused as such (403), whatever the state: the answer
  // to a wrong role must not depend on where the item happens to be in its workflow.
  if (!TRANSITIONS.some((t) => t.action === input.action && t.roles.some((r) => input.roles.includes(r)))) {
    return { ok: false, code: 'FORBIDDEN_ROLE', message: `您的角色不能“${ACTION_LABELS[input.action]}”` };
  }
  const candidates = TRANSITIONS.filter((t) => t.from === input.state && t.action === input.action);
  if (candidates.length === 0) {
    return { ok: false, code: 'INVALID_STATE', message: `当前状态“${STATE_LABELS[input.state]}”下不能“${ACTION_LABELS[input.action]}”` };
  }
  const t = candidates.find((c) => c.roles.some((r) => input.roles.includes(r)));
  if (!t) return { ok: false, code: 'FORBIDDEN_ROLE', message: `您的角色不能“${ACTION_LABELS[input.action]}”` };
  const barred = authorRule(input.state, input.action, input.who);
  if (barred) return { ok: false, code: 'SELF_REVIEW', message: barred };
  if (input.action === 'record_review') {
    if (input.reviewResult === 'fail') return { ok: true, to: 'draft' };
  }
  if ((input.action === 'withdraw' || input.action === 'return' || input.action === 'abolish') && !input.reason?.trim()) {
    return { ok: false, code: 'REASON_REQUIRED', message: `请填写${input.action === 'abolish' ? '废止' : input.action === 'withdraw' ? '撤回' : '退回'}理由` };
  }
  if (input.action === 'approve' || input.action === 'publish') {
    // 保守国家秘密法 第三十五条; 实施条例 第四十二条: 先审查、后公开.
    if (!input.review) return { ok: false, code: 'REVIEW_MISSING', message: '尚未完成保密审查，不能审核或发布（先审查、后公开）' };
    if (input.review.result !== 'pass') return { ok: false, code: 'REVIEW_FAILED', message: '保密审查未通过，不能发布' };
  }
  if (input.action === 'publish') {
    if (input.disclosure !== 'proactive') return { ok: false, code: 'NOT_PROACTIVE', message: '公开属性不是“主动公开”，不能在专栏发布' };
    if (input.interpretation && !input.interpretation.ok) {
      return { ok: false, code: 'INTERPRETATION_MISSING', message: input.interpretation.message };
    }
  }
  return { ok: true, to: t.to };
}

export type InterpretationCheck = { ok: true } | { ok: false; message: string };

/** Rule (configurable; ogi-domain §7.2, local rules 广州/安顺/上海 “同步发布”): a 规章 or 行政规范性文件 cannot be
 *  published without a linked 政策解读 published the same day. `linked` lists the 解读 linked to the document
 *  with their state and publication date (or, for one being published together, the date it will carry). */
export function checkInterpretationRule(args: {
  enabled: boolean;
  kind: string;
  publishDate: string;
  linked: ReadonlyArray<{ state: State | 'publishing'; publishedOn: string | null }>;
}): InterpretationCheck {
  if (!args.enabled || (args.kind !== 'rule' && args.kind !== 'normative')) return { ok: true };
  const sameDay = args.linked.some((l) => (l.state === 'published' || l.state === 'publishing') && l.publishedOn === args.publishDate);
  if (sameDay) return { ok: true };
  if (args.linked.length === 0) {
    return { ok: false, message: '规章和行政规范性文件须与政策解读同步发布：请先关联一篇政策解读' };
  }
  return { ok: false, message: `规章和行政规范性文件须与政策解读同步发布：关联的政策解读须在同一天（${args.publishDate}）发布，请同时发布解读` };
}
