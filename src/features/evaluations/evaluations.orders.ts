// 差评 work orders (51号: 差评核实、整改、反馈; “谁办理、谁负责”): opened with the 差评, worked by the handling unit
// (回访核实 → 处理类别 → 整改 with evidence → 反馈评价人), 申诉复核 and the close decided by the supervisor. The due date
// of each step comes from the working-day calendar (core/evaluations orderDue); the order is claimed by version
// (optimistic locking) and every step is a ledger event plus an audit event in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import { fileTypeFromBuffer } from 'file-type';
import type { Database } from '../../db/types.ts';
import { nowIso, toJson, fromJson } from '../../db/dialect.ts';
import type { Calendar } from '../../core/calendar/types.ts';
import {
  ACTION_ROLE, CLASS_LABELS, LEVEL_LABELS, ORDER_ACTION_LABELS, ORDER_STATE_LABELS, TARGET_LABELS, allowedOrderActions, orderActionProblem, orderClock, orderDue, stateAfterClass,
  type EvaluationSettings, type Level, type OrderAction, type OrderClass, type OrderRole, type OrderState, type TargetType,
} from '../../core/evaluations/index.ts';
import { MASK, maskName, seesPersonalData } from '../../core/personal-data/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import { EVIDENCE_FIELD, RATER_NAME_FIELD, RATER_PHONE_FIELD } from '../personal-data/personal-data.service.ts';
import { assertNotAdmin, assertVisible, listScope, type Actor } from '../shared/actor.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../shared/errors.ts';
import { cleanFileName } from '../shared/filenames.ts';
import { checkPdf, PdfError, pdfRefusal } from '../shared/pdf-read.ts';
import type { WorkItem } from '../work/work.service.ts';
import * as repo from './evaluations.repository.ts';
import { VISIT_METHOD_LABELS, type OrderActionInput } from './evaluations.schema.ts';

const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
const EVIDENCE_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

export const EVENT_LABELS: Record<string, string> = {
  opened: '差评生成工单', visited: '回访核实', classified: '确定处理类别', appeal_upheld: '申诉复核：认定为误评或恶意差评', appeal_rejected: '申诉复核：驳回申诉，重新核实处理',
  rectified: '登记整改情况', feedback_sent: '反馈评价人', closed: '监督回访，办结',
};

export type OrderSummary = {
  id: number;
  agencyId: number;
  agencyName: string;
  receiptCode: string;
  level: number;
  levelLabel: string;
  comment: string | null;
  target: string;
  realName: boolean;
  state: string;
  stateLabel: string;
  classification: string | null;
  classificationLabel: string | null;
  openedOn: string;
  due: string | null;
  overdue: boolean;
  daysLeft: number | null;
  version: number;
};

export type OrderDetail = OrderSummary & {
  channel: string;
  ratedOn: string;
  raterName: string | null;
  raterPhone: string | null;
  rectification: string | null;
  rectifiedOn: string | null;
  feedback: string | null;
  feedbackOn: string | null;
  closedOn: string | null;
  outcome: string | null;
  visits: { id: number; visitedOn: string; visitor: string; method: string; methodLabel: string; said: string | null }[];
  events: { kind: string; label: string; onDate: string; actor: string; data: Record<string, unknown> | null }[];
  files: { id: number; filename: string; mime: string; size: number }[];
  /** what the signed-in user may do now */
  actions: OrderAction[];
};

export interface OrderUseCases {
  listOrders(actor: Actor, q: { state: 'open' | 'closed' | 'all'; from?: string | undefined; to?: string | undefined; agencyId?: number | undefined }, page: { page: number; pageSize: number }): Promise<{ orders: OrderSummary[]; total: number; page: number; pageSize: number }>;
  getOrder(actor: Actor, id: number): Promise<OrderDetail>;
  actOnOrder<K extends OrderAction>(actor: Actor, id: number, action: K, input: OrderActionInput<K>): Promise<OrderDetail>;
  orderFile(actor: Actor, orderId: number, fileId: number): Promise<{ filename: string; mime: string; data: Buffer }>;
  /** 差评 work orders waiting for the actor (work queue kind bad_rating) */
  orderWork(actor: Actor): Promise<WorkItem[]>;
}

interface Deps {
  audit: AuditService;
  calendar: () => Promise<Calendar>;
  cipher: PersonalDataCipher;
  settings: () => Promise<EvaluationSettings>;
  today: () => string;
  agencyName: (id: number) => Promise<string>;
  clock: () => Date;
}

export function orderRoleOf(actor: Pick<Actor, 'role'>): OrderRole | null {
  if (actor.role === 'officer' || actor.role === 'leader') return 'handler';
  if (actor.role === 'supervisor') return 'supervisor';
  return null;
}

const OPEN_STATES: OrderState[] = ['verifying', 'appeal_review', 'rectifying', 'feedback', 'review'];

export function createOrderUseCases(db: Kysely<Database>, deps: Deps): OrderUseCases & { open(trx: Transaction<Database>, o: { evaluationId: number; agencyId: number; openedOn: string; at: string; settings: EvaluationSettings; calendar: Calendar }): Promise<number> } {
  const { cipher, audit } = deps;

  async function summaryOf(r: Awaited<ReturnType<typeof repo.listOrders>>[number], cal: Calendar, today: string): Promise<OrderSummary> {
    const clock = orderClock({ state: r.state as OrderState, dueOn: r.due_on, feedbackOn: r.feedback_on }, today, cal);
    return {
      id: r.id, agencyId: r.agency_id, agencyName: await deps.agencyName(r.agency_id), receiptCode: r.receipt_code, level: r.level, levelLabel: LEVEL_LABELS[r.level as Level] ?? String(r.level),
      comment: r.comment, target: `${TARGET_LABELS[r.target_type as TargetType] ?? r.target_type}${r.target_ref ? ` ${r.target_ref}` : ''}`, realName: r.real_name === 1,
      state: r.state, stateLabel: ORDER_STATE_LABELS[r.state as OrderState] ?? r.state, classification: r.classification,
      classificationLabel: r.classification ? CLASS_LABELS[r.classification as OrderClass] : null, openedOn: r.opened_on, due: clock.due, overdue: clock.overdue, daysLeft: clock.daysLeft, version: r.version,
    };
  }

  async function load(actor: Actor, id: number) {
    const o = await repo.findOrder(db, id);
    if (!o) throw notFound();
    assertVisible(actor, o.agency_id);
    const e = await repo.findEvaluation(db, o.evaluation_id);
    if (!e) throw notFound();
    return { o, e };
  }

  async function detail(actor: Actor, id: number): Promise<OrderDetail> {
    const { o, e } = await load(actor, id);
    const cal = await deps.calendar();
    const [visits, events, files] = await Promise.all([repo.visitsOfOrder(db, id), repo.orderEvents(db, o.agency_id, id), repo.orderFiles(db, o.agency_id, id)]);
    const base = await summaryOf({ ...o, receipt_code: e.receipt_code, level: e.level, comment: e.comment, real_name: e.real_name, target_type: e.target_type, target_ref: e.target_ref, channel: e.channel }, cal, deps.today());
    const full = seesPersonalData(actor.role);
    const name = cipher.open(RATER_NAME_FIELD, e.rater_name);
    const phone = cipher.open(RATER_PHONE_FIELD, e.rater_phone);
    const role = orderRoleOf(actor);
    return {
      ...base, channel: e.channel, ratedOn: e.rated_on, raterName: name ? (full ? name : maskName(name)) : null, raterPhone: phone ? (full ? phone : MASK) : null,
      rectification: o.rectification, rectifiedOn: o.rectified_on, feedback: o.feedback, feedbackOn: o.feedback_on, closedOn: o.closed_on, outcome: o.outcome,
      visits: visits.map((v) => ({ id: v.id, visitedOn: v.visited_on, visitor: v.visitor, method: v.method, methodLabel: VISIT_METHOD_LABELS[v.method as keyof typeof VISIT_METHOD_LABELS] ?? v.method, said: v.said })),
      events: events.map((ev) => ({ kind: ev.kind, label: EVENT_LABELS[ev.kind] ?? ev.kind, onDate: ev.on_date, actor: ev.actor_name, data: fromJson<Record<string, unknown>>(ev.data_json) })),
      files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size })),
      actions: role && actor.role !== 'admin' ? allowedOrderActions(o.state as OrderState, role) : [],
    };
  }

  async function checkEvidence(files: readonly { filename: string; contentBase64: string }[]) {
    const out: { filename: string; mime: string; data: Buffer }[] = [];
    for (const f of files) {
      const name = cleanFileName(f.filename, '佐证材料');
      const data = Buffer.from(f.contentBase64, 'base64');
      if (data.length === 0) continue;
      if (data.length > MAX_EVIDENCE_BYTES) throw validationFailed([{ field: 'files', message: `佐证材料“${name}”超过5MB，请压缩后重新上传` }]);
      const t = await fileTypeFromBuffer(data);
      if (!t || !(t.mime in EVIDENCE_TYPES)) throw validationFailed([{ field: 'files', message: `佐证材料“${name}”不是 PDF、JPG 或 PNG 文件，请上传整改照片或文件扫描件` }]);
      if (t.mime === 'application/pdf') {
        try {
          await checkPdf(data);
        } catch (e) {
          if (e instanceof PdfError) throw pdfRefusal(e, name, 'files');
          throw e;
        }
      }
      out.push({ filename: name, mime: t.mime, data });
    }
    return out;
  }

  return {
    async open(trx, o) {
      const id = await repo.insertOrder(trx, {
        agency_id: o.agencyId, evaluation_id: o.evaluationId, state: 'verifying', classification: null, opened_on: o.openedOn, classified_on: null,
        due_on: orderDue({ openedOn: o.openedOn, classifiedOn: null, classification: null }, o.settings, o.calendar),
        rectification: null, rectified_on: null, feedback: null, feedback_on: null, closed_on: null, outcome: null, updated_at: o.at,
      });
      await repo.appendOrderEvent(trx, { agency_id: o.agencyId, order_id: id, kind: 'opened', on_date: o.openedOn, at: o.at, actor_user_id: null, actor_name: '系统', data_json: null });
      return id;
    },

    async listOrders(actor, q, page) {
      const states = q.state === 'open' ? OPEN_STATES : q.state === 'closed' ? ['closed'] : undefined;
      const f = { agencyIds: listScope(actor, q.agencyId), states, from: q.from, to: q.to };
      const [rows, total] = await Promise.all([repo.listOrders(db, f, page.pageSize, (page.page - 1) * page.pageSize), repo.countOrders(db, f)]);
      const cal = await deps.calendar();
      const today = deps.today();
      const orders: OrderSummary[] = [];
      for (const r of rows) orders.push(await summaryOf(r, cal, today));
      return { orders, total, page: page.page, pageSize: page.pageSize };
    },

    getOrder: detail,

    async actOnOrder(actor, id, action, input) {
      assertNotAdmin(actor, '办理差评工单');
      const { o, e } = await load(actor, id);
      const role = orderRoleOf(actor);
      if (role !== ACTION_ROLE[action]) {
        throw forbidden(ACTION_ROLE[action] === 'handler' ? '差评工单由办理单位的经办人或负责人办理（谁办理、谁负责）' : '申诉复核和办结由监督部门（政务公开办）决定');
      }
      const visits = await repo.visitsOfOrder(db, id);
      const problem = orderActionProblem(action, { state: o.state as OrderState, realName: e.real_name === 1, visits: visits.length, classification: o.classification as OrderClass | null }, role);
      if (problem) throw new AppError('conflict', { title: '现在不能进行这项操作', detail: problem });
      const today = deps.today();
      const at = nowIso(deps.clock);
      const s = await deps.settings();
      const cal = await deps.calendar();
      const inp = input as Record<string, unknown>;
      let patch: Parameters<typeof repo.claimOrder>[3] = {};
      let event = '';
      let data: Record<string, unknown> = {};
      let evidence: { filename: string; mime: string; data: Buffer }[] = [];
      switch (action) {
        case 'logVisit': {
          if ((inp.visitedOn as string) < o.opened_on) throw validationFailed([{ field: 'visitedOn', message: `回访日期不能早于差评日期 ${o.opened_on}` }]);
          event = 'visited';
          data = { visitedOn: inp.visitedOn, visitor: inp.visitor, method: inp.method, said: inp.said };
          break;
        }
        case 'classify': {
          const c = inp.classification as OrderClass;
          if (c === 'appeal' && (await repo.orderEvents(db, o.agency_id, id)).some((ev) => ev.kind === 'appeal_rejected')) {
            throw new AppError('conflict', { title: '现在不能进行这项操作', detail: '申诉复核已被驳回，不能再次申请申诉复核，请按立行立改、限期整改或解释说明处理' });
          }
          patch = { classification: c, classified_on: today, state: stateAfterClass(c), due_on: orderDue({ openedOn: o.opened_on, classifiedOn: today, classification: c }, s, cal) };
          event = 'classified';
          data = { classification: c, label: CLASS_LABELS[c], reason: inp.reason, due: patch.due_on };
          break;
        }
        case 'decideAppeal': {
          const upheld = inp.upheld === true;
          patch = upheld
            ? { state: 'closed', closed_on: today, outcome: 'appeal_upheld', due_on: null }
            : { state: 'verifying', classification: null, classified_on: null, due_on: cal.addWorkdays(today, s.verifyDays) };
          event = upheld ? 'appeal_upheld' : 'appeal_rejected';
          data = { reason: inp.reason };
          break;
        }
        case 'recordRectification': {
          evidence = await checkEvidence((inp.files as { filename: string; contentBase64: string }[] | undefined) ?? []);
          patch = { rectification: inp.text as string, rectified_on: today, state: 'feedback' };
          event = 'rectified';
          data = { text: inp.text, files: evidence.map((f) => f.filename) };
          break;
        }
        case 'sendFeedback': {
          patch = { feedback: inp.text as string, feedback_on: today, state: 'review' };
          event = 'feedback_sent';
          data = { text: inp.text, late: Boolean(o.due_on && today > o.due_on) };
          break;
        }
        case 'closeOrder': {
          patch = { state: 'closed', closed_on: today, outcome: o.classification ?? 'closed' };
          event = 'closed';
          data = { note: inp.note };
          break;
        }
      }
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimOrder(trx, id, Number(inp.version), { ...patch, updated_at: at }))) throw conflict();
        if (action === 'logVisit') {
          await repo.insertVisit(trx, { agency_id: o.agency_id, evaluation_id: o.evaluation_id, order_id: id, visited_on: inp.visitedOn as string, visitor: inp.visitor as string, method: inp.method as string, said: (inp.said as string) ?? null, created_at: at, created_by: actor.userId });
        }
        for (const f of evidence) {
          await repo.insertOrderFile(trx, { agency_id: o.agency_id, order_id: id, filename: f.filename, mime: f.mime, size: f.data.length, content_base64: cipher.sealBytes(EVIDENCE_FIELD, f.data), created_at: at });
        }
        await repo.appendOrderEvent(trx, { agency_id: o.agency_id, order_id: id, kind: event, on_date: action === 'logVisit' ? (inp.visitedOn as string) : today, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
        await audit.record(trx, { actor, agencyId: o.agency_id, action: `evaluation_order.${action}`, entity: 'evaluation_order', entityId: id, before: { state: o.state, classification: o.classification }, after: { ...patch, event } });
      });
      return detail(actor, id);
    },

    async orderFile(actor, orderId, fileId) {
      const { o } = await load(actor, orderId);
      const f = await repo.findOrderFile(db, o.agency_id, fileId);
      if (!f || f.order_id !== orderId) throw notFound();
      return { filename: f.filename, mime: f.mime, data: cipher.openBytes(EVIDENCE_FIELD, f.content_base64) };
    },

    async orderWork(actor) {
      const role = orderRoleOf(actor);
      if (!role) return [];
      const states: OrderState[] = role === 'handler' ? ['verifying', 'rectifying', 'feedback'] : ['appeal_review', 'review'];
      const rows = await repo.listOrders(db, { agencyIds: actor.visibleAgencyIds, states }, 500, 0);
      const cal = await deps.calendar();
      const today = deps.today();
      const out: WorkItem[] = [];
      for (const r of rows) {
        const sm = await summaryOf(r, cal, today);
        const next = allowedOrderActions(r.state as OrderState, role).filter((a) => a !== 'logVisit')[0] ?? 'logVisit';
        out.push({
          kind: 'bad_rating', kindLabel: `差评工单：${ORDER_ACTION_LABELS[next]}`, title: `${sm.levelLabel}（${sm.target}）${r.comment ? `：${r.comment.slice(0, 40)}` : ''}`,
          agency: sm.agencyName, ref: r.receipt_code, url: `/admin/ratings/orders/${r.id}`, due: sm.due, overdue: sm.overdue,
          note: sm.due ? (sm.overdue ? `已超期（${sm.due} 到期）` : `${sm.due} 前完成，剩余 ${sm.daysLeft} 个工作日`) : ORDER_STATE_LABELS[r.state as OrderState],
          ...(r.real_name === 1 && r.state === 'verifying' ? { warning: true } : {}),
        });
      }
      return out;
    },
  };
}
