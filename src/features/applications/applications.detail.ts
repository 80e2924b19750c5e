// How a case is presented: the list summary (state, reply clock, due status) and the case detail (ledger with
// summaries, allowed actions, hints, pending reply preview, letters, attachments, fee), cut to what the
// actor's role may see (applications.personal.ts).
import { cleanFileName } from '../shared/filenames.ts';
import {
  ACTION_LABELS, APPLICANT_TYPE_LABELS, CHANNEL_LABELS, EVENT_LABELS, STATE_LABELS,
  allowedActions, checkAction, hintsFor, isOpen, outcomeDef, pendingReply, renderTemplate, replyKindFor,
  type AppState, type Channel, type EventKind, type OutcomeCode,
} from '../../core/applications/index.ts';
import type { Actor } from '../shared/actor.ts';
import { disclosuresOf, findFee, findUser, listAttachments, listEvents, usersOfAgency, type ApplicationRow } from './applications.repository.ts';
import { applicantOfRow, detailFor } from './applications.personal.ts';
import type { ClockView } from './applications.clock.ts';
import { coreRoles, toLedger, type AppContext } from './applications.context.ts';
import type { ApplicationDetail, ApplicationSummary } from './applications.service.ts';
import { publicationUseCases } from './applications.publication.ts';

export function eventSummary(kind: EventKind, d: Record<string, unknown>): string {
  const s = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (kind) {
    case 'registered': return `${CHANNEL_LABELS[d.channel as Channel] ?? ''}；收到申请之日 ${s('receivedOn')}（${s('basis')}）`;
    case 'receipt_confirmed': return `收到申请之日 ${s('receivedOn')}（${s('basis')}）`;
    case 'assigned': return `经办人：${s('name')}`;
    case 'correction_requested': return `补正事项：${Array.isArray(d.items) ? (d.items as string[]).join('；') : ''}；补正期限 ${s('periodWorkdays')} 个工作日`;
    case 'consultation_started': return `${d.partyType === 'co_agency' ? '共同制作机关' : '第三方'}：${s('party')}；事项：${s('matter')}`;
    case 'consultation_ended': return `意见：${({ agree: '同意公开', object: '不同意公开', no_answer: '逾期未提出意见' } as Record<string, string>)[s('opinion')] ?? ''}${d.note ? `；${s('note')}` : ''}`;
    case 'extension_requested': return `延长 ${s('days')} 个工作日；理由：${s('reason')}`;
    // Notes typed with an action are part of the record (evidence in 复议 and 诉讼); applications.personal.ts masks
    // the applicant's data in them for roles outside the handling agency.
    case 'correction_received': return d.note ? `补正内容：${s('note')}` : '';
    case 'extension_approved': case 'extension_rejected': return d.note ? `审批意见：${s('note')}` : '';
    case 'reply_returned': return `退回理由：${s('note')}`;
    case 'reopened': return `原因：${s('reason')}`;
    case 'fee_notice_issued': return `${s('explanation')}；缴费期限 ${s('dueOn')}`;
    case 'reply_drafted': return [`办理结果：${d.outcome ? outcomeDef(d.outcome as OutcomeCode).label : ''}`, d.reasons ? `理由和说明：${s('reasons')}` : '', d.otherAgency ? `负责公开的机关：${s('otherAgency')}` : ''].filter(Boolean).join('；');
    case 'reply_approved': return `办理结果：${d.outcome ? outcomeDef(d.outcome as OutcomeCode).label : ''}${d.note ? `；审核意见：${s('note')}` : ''}`;
    case 'delivered': return `送达方式：${s('method')}`;
    case 'withdrawn': return d.note ? `撤回说明：${s('note')}` : '';
    case 'carried_over': return `${s('year')}年末未办结，结转下年度继续办理`;
    default: return '';
  }
}

export function summarise(row: ApplicationRow, c: ClockView | null): ApplicationSummary {
  const r = c?.result;
  const state = row.state as AppState;
  let dueStatus: ApplicationSummary['dueStatus'] = 'none';
  if (r) dueStatus = r.status === 'closed' ? 'closed' : r.due === null ? 'waiting' : r.status === 'overdue' ? 'overdue' : r.status === 'due_soon' ? 'due_soon' : 'on_time';
  if (!isOpen(state) && state !== 'submitted') dueStatus = 'closed';
  if (r && dueStatus !== 'closed' && (r.clock === 'paused' || r.clock === 'awaiting_correction')) dueStatus = r.status === 'overdue' ? 'overdue' : 'waiting';
  return {
    id: row.id, agencyId: row.agency_id, queryCode: row.query_code, channel: row.channel as Channel, channelLabel: CHANNEL_LABELS[row.channel as Channel],
    applicantType: row.applicant_type, applicantTypeLabel: APPLICANT_TYPE_LABELS[row.applicant_type].zh, applicantName: row.applicant_name,
    content: row.content, state, stateLabel: STATE_LABELS[state] ?? row.state, submittedOn: row.submitted_on, receivedOn: row.received_on,
    dueDate: dueStatus === 'closed' ? (r?.due ?? null) : (c?.dueDate ?? null), dueStatus, workdaysRemaining: r && r.due ? r.workdaysRemaining : null,
    applicantDue: c?.applicantDue ?? null, assignedUserId: row.assigned_user_id,
    outcome: row.outcome as OutcomeCode | null, outcomeLabel: row.outcome ? outcomeDef(row.outcome as OutcomeCode).label : null,
    concludedOn: row.concluded_on, version: row.version,
  };
}

export async function detail(app: AppContext, actor: Actor, row: ApplicationRow): Promise<ApplicationDetail> {
  const { db, agencies, letters, clockFor, contextOf, applicantApplications, replyValues, today } = app;
  const evRows = await listEvents(db, row.agency_id, row.id);
  const ledger = toLedger(evRows);
  const c = await clockFor(ledger);
  const state = row.state as AppState;
  const ctx = contextOf(c, actor);
  const roles = coreRoles(actor);
  const allowed = allowedActions(state, ledger, roles, ctx).map((a) => {
    const chk = checkAction(a, state, ledger, roles, ctx);
    return { action: a, label: ACTION_LABELS[a], warnings: chk.ok ? chk.warnings : [] };
  });
  const same = await applicantApplications(db, row);
  const others = same.map((o) => ({ id: o.id, applicantKey: row.applicant_key, content: o.content, receivedOn: o.received_on, answered: o.outcome !== null && o.id !== row.id }));
  const hints = row.received_on ? hintsFor({ id: row.id, applicantKey: row.applicant_key, content: row.content, receivedOn: row.received_on, answered: false }, others) : [];
  const fee = await findFee(db, row.agency_id, row.id);
  const pr = pendingReply(ledger);
  const agency = (await agencies.get(row.agency_id))!;
  let pending: ApplicationDetail['pendingReply'] = null;
  if (pr && (state === 'under_review' || state === 'replied_draft')) {
    const outcome = pr.data?.outcome as OutcomeCode;
    const t = await letters.template(row.agency_id, replyKindFor(outcomeDef(outcome).family));
    const values = replyValues(row, agency, outcome, (pr.data?.reasons as string | null) ?? null, (pr.data?.otherAgency as string | null) ?? null, today());
    pending = { outcome, outcomeLabel: outcomeDef(outcome).label, reasons: (pr.data?.reasons as string | null) ?? null, drafterId: (pr.actorId as number | null) ?? null, preview: renderTemplate(t.body, values).text };
  }
  const officers = (await usersOfAgency(db, row.agency_id)).filter((u) => u.role === 'officer' || u.role === 'leader').map((u) => ({ id: u.id, name: u.display_name, role: u.role }));
  const assigned = row.assigned_user_id ? officers.find((o) => o.id === row.assigned_user_id)?.name ?? (await findUser(db, row.assigned_user_id))?.display_name ?? null : null;
  const r = c.result;
  return detailFor(actor.role, {
    ...summarise(row, c),
    applicant: {
      type: row.applicant_type, name: row.applicant_name, idType: row.id_type, idNumber: row.id_number, creditCode: row.credit_code,
      legalRepresentative: row.legal_representative, contactPerson: row.contact_person, phone: row.phone, address: row.address, postcode: row.postcode, email: row.email,
    },
    docNumber: row.doc_number, provideForm: row.provide_form, obtainMethod: row.obtain_method, assignedName: assigned,
    ledger: evRows.map((e, i) => ({ seq: e.seq, kind: e.kind as EventKind, label: EVENT_LABELS[e.kind as EventKind] ?? e.kind, on: e.on_date, at: e.at, actorName: e.actor_name, data: ledger[i]!.data ?? {}, summary: eventSummary(e.kind as EventKind, ledger[i]!.data ?? {}) })),
    clock: {
      dueDate: c.dueDate, applicantDue: c.applicantDue, correctionNoticeLastDay: c.correctionNoticeLastDay, consultationCap: c.consultationCap,
      explanation: c.explanation, warnings: c.warnings, status: r?.status ?? null, workdaysRemaining: r && r.due ? r.workdaysRemaining : null,
      provisional: r?.provisional ?? false, paused: r ? r.clock === 'paused' || r.clock === 'awaiting_correction' : false,
    },
    allowedActions: allowed, hints, letters: await letters.listFor(row.id),
    attachments: (await listAttachments(db, row.agency_id, row.id)).map((a) => ({ id: a.id, kind: a.kind, filename: cleanFileName(a.filename, '附件'), mime: a.mime, size: a.size })),
    // the files disclosed with replies: each opens in the redaction view (区分处理, decision 120)
    disclosedFiles: (await disclosuresOf(db, row.agency_id, row.id)).filter((x) => x.kind === 'file').map((x) => ({
      id: x.id, filename: cleanFileName(x.filename ?? x.title, '附件'), size: x.size ?? 0, frozen: x.frozen_at !== null, redacted: x.redacted_at !== null,
    })),
    fee: fee ? { method: fee.method, amount: fee.amount, explanation: fee.explanation, noticeOn: fee.notice_on, dueOn: fee.due_on, paidOn: fee.paid_on } : null,
    pendingReply: pending, officers,
    publication: await publicationUseCases(app).publicationView(actor, row),
  }, applicantOfRow(row));
}
