// The annual report's workflow: draft → approved (审定 by the agency's 负责人) → submitted (to the supervisor of a
// parent agency) → returned with comments / accepted → published; editing an approved report returns it to draft; an administrator may unlock a published report (with a reason) for a correction, which is
// published again as a new version with the change noted.
// Sources: 条例 第四十九条 (县级以上人民政府部门 submit their report to 本级政府信息公开工作主管部门 and publish it by
// 31 January), 第五十条 (content); the supervisor's review, the year lock on publication, corrections as new versions.

export const REPORT_STATES = ['draft', 'approved', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export type ReportAction = 'save' | 'approve' | 'submit' | 'return' | 'accept' | 'publish' | 'unlock';

export const STATE_LABELS: Record<ReportState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  approved: { zh: '负责人已审定待报送', en: 'Approved by the head' },
  submitted: { zh: '已报送待审', en: 'Submitted' },
  returned: { zh: '已退回修改', en: 'Returned' },
  accepted: { zh: '审核通过待发布', en: 'Accepted' },
  published: { zh: '已发布', en: 'Published' },
};

/** Who acts, relative to the report's agency. */
export interface WorkflowActor {
  role: 'admin' | 'officer' | 'reviewer' | 'leader' | 'supervisor';
  /** The report belongs to the actor's own agency. */
  ownAgency: boolean;
  /** The actor is a supervisor (政务公开主管部门) whose scope includes the report's agency. */
  supervisesAgency: boolean;
  /** The actor compiled, edited or submitted the report since it was last published (separation of duties). */
  hasEdited?: boolean;
}

export interface TransitionInput {
  /** Error-level findings of the rule catalogue on the current model (errors block submission). */
  errors: number;
  /** Comment (return), reason (unlock) or change note (re-publication). */
  comment?: string | null;
  /** Versions already published (a correction needs a change note). */
  publishedVersion: number;
}

export class WorkflowError extends Error {
  constructor(message: string, readonly kind: 'forbidden' | 'conflict' | 'invalid') {
    super(message);
    this.name = 'WorkflowError';
  }
}

// Separation of duties: the agency's own staff compile and edit; the supervising 政务公开主管部门 (第四十九条:
// 报送本级政府信息公开工作主管部门) returns or accepts; whoever edited may not approve; the system administrator
// administers users and settings and only unlocks a published report (with a reason), never edits or approves it.
const editor = (a: WorkflowActor) => a.ownAgency && (a.role === 'officer' || a.role === 'leader');
const approver = (a: WorkflowActor) => a.role === 'supervisor' && a.supervisesAgency && !a.hasEdited;
// 负责人审定: the agency's leader who did not compile or edit the report approves it before it is submitted.
const head = (a: WorkflowActor) => a.ownAgency && a.role === 'leader' && !a.hasEdited;

/** Report event kinds by which a person compiled, edited or submitted a report since its last publication: that
 *  person may not then approve it (负责人审定) nor, as a supervisor, accept or return it. */
export const EDITING_EVENTS: ReadonlySet<string> = new Set(['compiled', 'recompiled', 'saved', 'override', 'override_removed', 'submit']);

/** Minimum length of a written reason / comment (characters, spaces excluded). */
export const MIN_REASON_LENGTH = 4;
export function isWrittenReason(s: string | null | undefined): boolean {
  return (s ?? '').replace(/\s+/g, '').length >= MIN_REASON_LENGTH;
}

/** The next state, or WorkflowError with a zh-CN message that says what to do. */
export function transition(state: ReportState, action: ReportAction, actor: WorkflowActor, input: TransitionInput): ReportState {
  const need = (ok: boolean, msg: string) => { if (!ok) throw new WorkflowError(msg, 'forbidden'); };
  const from = (...allowed: ReportState[]) => {
    if (!allowed.includes(state)) throw new WorkflowError(`报告当前状态为“${STATE_LABELS[state].zh}”，不能进行这项操作`, 'conflict');
  };
  switch (action) {
    case 'save':
      need(editor(actor), '只有本机关的经办人或负责人可以编辑年度报告');
      from('draft', 'returned', 'approved');
      // an approved report that is edited needs the 负责人's approval again
      return state === 'approved' ? 'draft' : state;
    case 'approve':
      need(actor.ownAgency && actor.role === 'leader', '只有本机关的负责人可以审定年度报告');
      need(!actor.hasEdited, '生成或编辑过这份报告的人不能审定它（职责分离），请由本机关另一位负责人审定');
      from('draft', 'returned');
      if (input.errors > 0) throw new WorkflowError(`报告还有${input.errors}处错误（勾稽关系不符），请先改正再审定`, 'invalid');
      return 'approved';
    case 'submit':
      need(editor(actor), '只有本机关的经办人或负责人可以报送年度报告');
      if (state === 'draft' || state === 'returned') throw new WorkflowError('报告须先经本机关负责人审定，才能报送上级主管部门', 'conflict');
      from('approved');
      if (input.errors > 0) throw new WorkflowError(`报告还有${input.errors}处错误（勾稽关系不符），请先改正再报送`, 'invalid');
      return 'submitted';
    case 'return':
      need(!actor.hasEdited || actor.role !== 'supervisor', '编辑过这份报告的人不能审核它（职责分离），请由另一位主管部门人员审核');
      need(approver(actor), '只有上级政务公开主管部门（监督）可以退回报告');
      from('submitted');
      if (!isWrittenReason(input.comment)) throw new WorkflowError('退回时请写明需要修改的意见', 'invalid');
      return 'returned';
    case 'accept':
      need(!actor.hasEdited || actor.role !== 'supervisor', '编辑过这份报告的人不能审核它（职责分离），请由另一位主管部门人员审核');
      need(approver(actor), '只有上级政务公开主管部门（监督）可以审核通过报告');
      from('submitted');
      return 'accepted';
    case 'publish':
      need(editor(actor) || approver(actor), '只有本机关或上级主管部门可以发布报告');
      from('accepted');
      if (input.errors > 0) throw new WorkflowError(`报告还有${input.errors}处错误，不能发布`, 'invalid');
      if (input.publishedVersion > 0 && !isWrittenReason(input.comment)) throw new WorkflowError('更正后重新发布，请说明更正了什么（将在报告页面注明）', 'invalid');
      return 'published';
    case 'unlock':
      need(actor.role === 'admin', '只有系统管理员可以解除锁定');
      from('published');
      if (!isWrittenReason(input.comment)) throw new WorkflowError('解除锁定请写明原因', 'invalid');
      return 'draft';
    default: {
      const never: never = action;
      throw new WorkflowError(`未知操作 ${String(never)}`, 'invalid');
    }
  }
}

/** Actions offered to this actor in this state (buttons on the page). */
export function availableActions(state: ReportState, actor: WorkflowActor): ReportAction[] {
  const out: ReportAction[] = [];
  if ((state === 'draft' || state === 'returned' || state === 'approved') && editor(actor)) out.push('save');
  if ((state === 'draft' || state === 'returned') && head(actor)) out.push('approve');
  if (state === 'approved' && editor(actor)) out.push('submit');
  if (state === 'submitted' && approver(actor)) out.push('return', 'accept');
  if (state === 'accepted' && (editor(actor) || approver(actor))) out.push('publish');
  if (state === 'published' && actor.role === 'admin') out.push('unlock');
  return out;
}
