// Use cases of 依申请公开: public submission and status, registration, every lawful action on a case
// (each appends to the ledger and writes an audit event in the same transaction), the dashboard, the
// table 三 fold, year-end 结转 and reminders. Rules live in core/applications and core/deadlines.
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { fileTypeFromBuffer } from 'file-type';
import { cleanFileName } from '../shared/filenames.ts';
import { checkPdf, PdfError, pdfRefusal } from '../shared/pdf-read.ts';
import type { Database } from '../../db/types.ts';
import { nowIso, toJson, fromJson } from '../../db/dialect.ts';
import {
  ACTION_EVENT, ACTION_LABELS, APPLICANT_TYPE_LABELS, CHANNEL_LABELS, EVENT_LABELS, OUTCOME_FAMILY_LABELS, STATE_LABELS,
  allowedActions, applicantKey, checkAction, DEFAULT_MAX_FEE_PAGES, feeNoticeProblems, foldTable3Detailed, hintsFor, isOpen, nthInMonth, outcomeAllowed, outcomeDef, pendingReply,
  quoteFee, receiptDateOf, remedyClause, renderTemplate, replyKindFor, transition, TransitionError,
  type Action, type ActionContext, type AppState, type ApplicantType, type Channel, type EventKind, type Hint, type LedgerEvent, type OutcomeCode, type Role as CoreRole,
} from '../../core/applications/index.ts';
import { receiptDate, ReceiptError, LedgerError, resolveSettings, type DeadlineSettings, type Ledger } from '../../core/deadlines/index.ts';
import { shippedCalendar, type Calendar } from '../../core/calendar/index.ts';
import type { LayoutId } from '../../core/report/formats.ts';
import type { Table3 } from '../../core/report/model.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertVisible, canSee, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound, validationFailed, type FieldError } from '../shared/errors.ts';
import type { Letter, LettersService } from '../letters/letters.service.ts';
import {
  appendEvent, applicantApplications as applicantApplicationsStored, eventsFor, findApplication as findApplicationStored, findAttachment,
  findByQueryCode as findByQueryCodeStored, findFee, findUser, foldRows, insertApplication,
  insertAttachment, insertFee, listApplications, countListed, listAttachments, listEvents, markFeePaid, updateApplication, usersOfAgency,
  countApplications, findUserByUsername, personalColumnsOf, type ApplicationRow, type EventRow, type Executor,
} from './applications.repository.ts';
import { policyFor, seesPersonalData } from '../../core/personal-data/index.ts';
import { ATTACHMENT_FIELD, openApplicationRow, personKey, sealedApplicantColumns, type AccessDoor, type PersonalDataService } from '../personal-data/personal-data.service.ts';
import { applicantOfRow, detailFor, exportPersonal, letterFor, outboxFor, shownFields, summaryFor, type ExportPersonal, type OutboxMessage } from './applications.personal.ts';
import { demoActor, runDemoSeed } from './applications.seed.ts';
import { clockOf, toClockLedger, type ClockView } from './applications.clock.ts';
import type { Mailer } from './applications.mail.ts';
import { assertYearUnlocked } from '../annual-report/annual-report.lock.ts';
import type { ActionInputs, ListQuery, RegisterInput, SubmitInput } from './applications.schema.ts';
import { matchesWorkView, WORK_VIEW_STATES, WORK_VIEWS, type WorkView } from './applications.work.ts';
import { legalDateOf } from '../shared/legal-date.ts';

// ───────────── presentation ─────────────

export interface ApplicationSummary {
  id: number;
  agencyId: number;
  queryCode: string;
  channel: Channel;
  channelLabel: string;
  applicantType: ApplicantType;
  applicantTypeLabel: string;
  applicantName: string;
  content: string;
  state: AppState;
  stateLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueDate: string | null;
  dueStatus: 'overdue' | 'due_soon' | 'on_time' | 'closed' | 'waiting' | 'none';
  workdaysRemaining: number | null;
  applicantDue: string | null;
  assignedUserId: number | null;
  outcome: OutcomeCode | null;
  outcomeLabel: string | null;
  concludedOn: string | null;
  version: number;
}

export interface LedgerEntry {
  seq: number;
  kind: EventKind;
  label: string;
  on: string;
  at: string;
  actorName: string;
  data: Record<string, unknown>;
  summary: string;
}

export interface ApplicationDetail extends ApplicationSummary {
  applicant: {
    type: ApplicantType; name: string; idType: string | null; idNumber: string | null; creditCode: string | null; legalRepresentative: string | null;
    contactPerson: string | null; phone: string; address: string | null; postcode: string | null; email: string | null;
  };
  docNumber: string | null;
  provideForm: string;
  obtainMethod: string;
  assignedName: string | null;
  ledger: LedgerEntry[];
  clock: Omit<ClockView, 'result'> & { status: string | null; workdaysRemaining: number | null; provisional: boolean; paused: boolean };
  allowedActions: { action: Action; label: string; warnings: string[] }[];
  hints: Hint[];
  letters: Letter[];
  attachments: { id: number; kind: string; filename: string; mime: string; size: number }[];
  fee: { method: string; amount: number; explanation: string; noticeOn: string; dueOn: string; paidOn: string | null } | null;
  pendingReply: { outcome: OutcomeCode; outcomeLabel: string; reasons: string | null; drafterId: number | null; preview: string } | null;
  officers: { id: number; name: string; role: string }[];
}

export interface PublicStatus {
  queryCode: string;
  agencyName: string;
  state: AppState;
  stateLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueDate: string | null;
  provisional: boolean;
  concluded: boolean;
  outcomeLabel: string | null;
  letters: { title: string; kindLabel: string; number: string; issuedOn: string }[];
}

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export interface ApplicationsService {
  submit(input: SubmitInput, files?: UploadedFile[]): Promise<{ queryCode: string; submittedOn: string; agencyName: string; id: number | null }>;
  status(code: string, phone: string): Promise<PublicStatus>;
  register(actor: Actor, input: RegisterInput, files?: UploadedFile[]): Promise<ApplicationDetail>;
  list(actor: Actor, query: ListQuery): Promise<ApplicationSummary[]>;
  /** One page of the list (listApplications, the list page): `total` counts every match. */
  listPage(actor: Actor, query: ListQuery, page: { page: number; pageSize: number }): Promise<{ applications: ApplicationSummary[]; total: number; page: number; pageSize: number }>;
  /** The case as the actor's role may see it (core/personal-data policy); a full view is written to the access log under `door`. */
  get(actor: Actor, id: number, door?: Extract<AccessDoor, 'api_get' | 'case_page'>): Promise<ApplicationDetail>;
  /** Export rows: personal columns masked unless `unmasked` (handling roles only; logged). */
  exportRows(actor: Actor, query: ListQuery, unmasked: boolean): Promise<(ApplicationSummary & { personal: ExportPersonal })[]>;
  /** The mail outbox of the actor's agencies as the role may see it (recipient, body); a full view is logged under `door`. */
  mailOutbox(actor: Actor, door: Extract<AccessDoor, 'mail_outbox' | 'mail_outbox_api'>): Promise<OutboxMessage[]>;
  act<A extends Action>(actor: Actor, id: number, action: A, input: ActionInputs[A]): Promise<{ detail: ApplicationDetail; warnings: string[] }>;
  attachment(actor: Actor, applicationId: number, attachmentId: number): Promise<{ filename: string; mime: string; data: Buffer }>;
  /** A letter as the role may see it (masked outside the handling agency); a full download is logged. */
  letter(actor: Actor, applicationId: number, letterId: number, format?: 'docx' | 'pdf'): Promise<{ letter: Letter; agency: Agency }>;
  /** Table 三 for an agency and year — the fold the annual report from live data uses. */
  table3(actor: Actor, agencyId: number, year: number, format: LayoutId): Promise<{ table: Table3; cells: Record<string, Record<string, (string | number)[]>> }>;
  /** Same fold without an actor (report engine, CLI). */
  table3ForAgency(agencyId: number, year: number, format: LayoutId): Promise<Table3>;
  /** 结转: mark every application received by 31 December of `year` and still open. Returns how many were marked. */
  carryOver(actor: AuditActor & { agencyId?: number }, agencyId: number, year: number): Promise<number>;
  /** Queue the 3-working-day reminders (idempotent per application and due date). Returns how many were queued. */
  remindDueSoon(): Promise<number>;
  today(): string;
  /** Demo data for the demo agency (seed step); does nothing when the agency already has applications. Returns how many were made. */
  seedDemo(agencyId: number): Promise<number>;
  /** 工作台 cards: my open cases, due within 3 working days, overdue, waiting for the applicant or a third party. */
  dashboardCards(actor: Actor): Promise<{ title: string; value: number; href: string; note?: string }[]>;
  /** Officers and leaders of the actor's agency (assignment choices). */
  officers(actor: Actor): Promise<{ id: number; name: string }[]>;
  mailer: Mailer;
}

/** The part of the deadlines feature used here: every open reply clock is stored through it. */
export interface ClockRegistry {
  track(trx: Executor, input: { agencyId: number; entity: string; entityId: string | number; kind: string; ledger: Ledger }): Promise<unknown>;
  close(trx: Executor, entity: string, entityId: string | number, kind?: string): Promise<number>;
}

export interface ApplicationsDeps {
  db: Kysely<Database>;
  audit: AuditService;
  agencies: AgenciesService;
  letters: LettersService;
  mailer: Mailer;
  /** Encryption at rest, keyed hashes and the access log of applicants' personal data. */
  personalData: PersonalDataService;
  clock?: () => Date;
  /** The working-day calendar in force (the calendar feature's, when wired); defaults to the shipped data. */
  calendar?: () => Calendar | Promise<Calendar>;
  deadlineSettings?: Partial<DeadlineSettings>;
  deadlines?: ClockRegistry;
  /** Attachment limits. */
  maxAttachmentBytes?: number;
  maxAttachments?: number;
  /** 109号 第五条 (按量): the largest page count a fee notice may bill (config FEE_MAX_PAGES; default 10 000). */
  maxFeePages?: number;
}

/** Attachments of an application: at most 5 files of at most 5 MB each (the upload form enforces the same while streaming). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENTS = 5;

export const ALLOWED_ATTACHMENT_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** The legal date (Asia/Shanghai) of an instant. */
export function shanghaiDate(d: Date): string {
  return legalDateOf(d);
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `GK${s}`;
}

const digits = (s: string) => s.replace(/\D+/g, '');

function coreRoles(actor: Actor): CoreRole[] {
  return actor.role === 'supervisor' ? [] : [actor.role];
}

function toLedger(rows: readonly EventRow[]): LedgerEvent[] {
  return rows.map((r) => ({ kind: r.kind as EventKind, on: r.on_date, actorId: r.actor_user_id, data: fromJson<Record<string, unknown>>(r.data_json) ?? {} }));
}

function eventSummary(kind: EventKind, d: Record<string, unknown>): string {
  const s = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (kind) {
    case 'registered': return `${CHANNEL_LABELS[d.channel as Channel] ?? ''}；收到申请之日 ${s('receivedOn')}（${s('basis')}）`;
    case 'receipt_confirmed': return `收到申请之日 ${s('receivedOn')}（${s('basis')}）`;
    case 'assigned': return `经办人：${s('name')}`;
    case 'correction_requested': return `补正事项：${Array.isArray(d.items) ? (d.items as string[]).join('；') : ''}；补正期限 ${s('periodWorkdays')} 个工作日`;
    case 'consultation_started': return `${d.partyType === 'co_agency' ? '共同制作机关' : '第三方'}：${s('party')}；事项：${s('matter')}`;
    case 'consultation_ended': return `意见：${({ agree: '同意公开', object: '不同意公开', no_answer: '逾期未提出意见' } as Record<string, string>)[s('opinion')] ?? ''}${d.note ? `；${s('note')}` : ''}`;
    case 'extension_requested': return `延长 ${s('days')} 个工作日；理由：${s('reason')}`;
    case 'extension_approved': case 'extension_rejected': case 'reply_returned': case 'reopened': return s('note') || s('reason');
    case 'fee_notice_issued': return `${s('explanation')}；缴费期限 ${s('dueOn')}`;
    case 'reply_drafted': return `办理结果：${d.outcome ? outcomeDef(d.outcome as OutcomeCode).label : ''}`;
    case 'reply_approved': return `办理结果：${d.outcome ? outcomeDef(d.outcome as OutcomeCode).label : ''}`;
    case 'delivered': return `送达方式：${s('method')}`;
    case 'withdrawn': return s('note');
    case 'carried_over': return `${s('year')}年末未办结，结转下年度继续办理`;
    default: return '';
  }
}

export function createApplicationsService(deps: ApplicationsDeps): ApplicationsService {
  const { db, audit, agencies, letters, mailer, personalData } = deps;
  const { cipher } = personalData;
  // Stored rows carry envelopes; every row the use cases read is decrypted here, once.
  const findApplication = async (ex: Executor, id: number) => {
    const r = await findApplicationStored(ex, id);
    return r && openApplicationRow(cipher, r);
  };
  const findByQueryCode = async (ex: Executor, code: string) => {
    const r = await findByQueryCodeStored(ex, code);
    return r && openApplicationRow(cipher, r);
  };
  /** Other applications of the same applicant (the key is a keyed hash: every configured key counts during a rotation). */
  const applicantApplications = (ex: Executor, row: ApplicationRow) => {
    const keys = row.applicant_type === 'natural_person' && row.id_number && row.applicant_key.startsWith('PH:')
      ? [row.applicant_key, ...cipher.hashes('idNumber', row.id_number).map((h) => `PH:${h}`)]
      : [row.applicant_key];
    return applicantApplicationsStored(ex, row.agency_id, [...new Set(keys)]);
  };
  /** A search text that may be a phone or identity number → the hashes to match exactly (every configured key). */
  const personalSearchHashes = (q: string) => {
    const compact = q.replace(/[\s-]+/g, '');
    return {
      phone: /^\+?\d{5,20}$/.test(compact) ? cipher.hashes('phone', compact) : [],
      idNumber: /^[0-9A-Za-z]{6,40}$/.test(compact) && /\d/.test(compact) ? cipher.hashes('idNumber', compact) : [],
    };
  };
  const clock = deps.clock ?? (() => new Date());
  const settings = resolveSettings(deps.deadlineSettings);
  const maxBytes = deps.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const maxFiles = deps.maxAttachments ?? DEFAULT_MAX_ATTACHMENTS;
  const maxFeePages = deps.maxFeePages ?? DEFAULT_MAX_FEE_PAGES;
  const calendar = async () => (deps.calendar ? deps.calendar() : shippedCalendar());
  const today = () => shanghaiDate(clock());

  async function checkFiles(files: UploadedFile[]): Promise<{ filename: string; mime: string; data: Buffer }[]> {
    if (files.length > maxFiles) throw validationFailed([{ field: 'attachments', message: `最多上传${maxFiles}个附件` }]);
    const out: { filename: string; mime: string; data: Buffer }[] = [];
    for (const f of files) {
      const name = cleanFileName(f.filename, '附件');
      if (f.data.length > maxBytes) throw validationFailed([{ field: 'attachments', message: `附件“${name}”超过${Math.round(maxBytes / 1024 / 1024)}MB，请压缩后重新上传` }]);
      // The type is checked by content (magic bytes), never by the file name or the browser's claim.
      const t = await fileTypeFromBuffer(f.data);
      if (!t || !(t.mime in ALLOWED_ATTACHMENT_TYPES)) {
        throw validationFailed([{ field: 'attachments', message: `附件“${name}”不是 PDF、JPG 或 PNG 文件，请上传身份证明的扫描件或照片（PDF、JPG、PNG）` }]);
      }
      if (t.mime === 'application/pdf') {
        // parsed, not only sniffed: broken, encrypted or JavaScript-carrying PDFs, and PDF bombs, are refused
        try {
          await checkPdf(f.data);
        } catch (e) {
          if (e instanceof PdfError) throw pdfRefusal(e, name, 'attachments');
          throw e;
        }
      }
      out.push({ filename: name, mime: t.mime, data: f.data });
    }
    return out;
  }

  function applicantColumns(a: SubmitInput['applicant'], email: string | null | undefined) {
    const idNumber = a.type === 'natural_person' ? (a.idNumber?.toUpperCase() ?? null) : null;
    return {
      applicant_type: a.type, applicant_name: a.name, id_type: a.type === 'natural_person' ? (a.idType ?? null) : null,
      credit_code: a.type === 'natural_person' ? null : (a.creditCode?.toUpperCase() ?? null),
      legal_representative: a.legalRepresentative ?? null, contact_person: a.contactPerson ?? null,
      postcode: a.postcode ?? null,
      // 证件号码, phone, email, address: encrypted at rest, with keyed hashes for exact-match search.
      ...sealedApplicantColumns(cipher, { idNumber, phone: a.phone, email: email ?? a.email ?? null, address: a.address ?? null }),
      // "The same applicant" by identity number: a keyed hash of it, never the number itself.
      applicant_key: idNumber ? personKey(cipher, idNumber) : applicantKey({ type: a.type, idNumber: a.idNumber, creditCode: a.creditCode, name: a.name }),
    };
  }

  async function uniqueCode(ex: Executor): Promise<string> {
    for (;;) {
      const c = newQueryCode();
      if (!(await findByQueryCode(ex, c))) return c;
    }
  }

  async function loadVisible(actor: Actor, id: number): Promise<ApplicationRow> {
    const row = await findApplication(db, id);
    if (!row || !canSee(actor, row.agency_id)) throw notFound('找不到该申请，或者它不属于您的机关');
    return row;
  }

  async function clockFor(ledger: LedgerEvent[]): Promise<ClockView> {
    const cal = await calendar();
    try {
      return clockOf(ledger, cal, today(), settings);
    } catch (e) {
      if (e instanceof LedgerError) return { result: null, dueDate: null, applicantDue: null, correctionNoticeLastDay: null, consultationCap: null, explanation: [], warnings: [`无法计算答复期限：${e.message}`] };
      throw e;
    }
  }

  function contextOf(c: ClockView, actor: Actor): ActionContext {
    return {
      today: today(), dueDate: c.dueDate, correctionDueDate: c.applicantDue, feeDueDate: c.applicantDue,
      correctionNoticeLastDay: c.correctionNoticeLastDay, actorId: actor.userId,
    };
  }

  /** Store the reply clock through the deadlines feature (open while the case runs, closed after the reply or a lapse/withdrawal). */
  async function syncClock(trx: Executor, row: Pick<ApplicationRow, 'id' | 'agency_id' | 'state'>, ledger: readonly LedgerEvent[], cal: Calendar): Promise<void> {
    if (!deps.deadlines) return;
    const l = toClockLedger(ledger, cal, settings);
    if (!l || row.state === 'withdrawn' || row.state === 'submitted') {
      await deps.deadlines.close(trx, 'application', row.id, 'reply');
      return;
    }
    await deps.deadlines.track(trx, { agencyId: row.agency_id, entity: 'application', entityId: row.id, kind: 'reply', ledger: l });
  }

  function summarise(row: ApplicationRow, c: ClockView | null): ApplicationSummary {
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

  async function detail(actor: Actor, row: ApplicationRow): Promise<ApplicationDetail> {
    const evRows = await listEvents(db, row.id);
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
    const fee = await findFee(db, row.id);
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
      attachments: (await listAttachments(db, row.id)).map((a) => ({ id: a.id, kind: a.kind, filename: cleanFileName(a.filename, '附件'), mime: a.mime, size: a.size })),
      fee: fee ? { method: fee.method, amount: fee.amount, explanation: fee.explanation, noticeOn: fee.notice_on, dueOn: fee.due_on, paidOn: fee.paid_on } : null,
      pendingReply: pending, officers,
    }, applicantOfRow(row));
  }

  function baseValues(row: ApplicationRow, agency: Agency, on: string): Record<string, string | null> {
    return {
      机关名称: agency.name, 机关地址: agency.address, 机关电话: agency.phone, 复议机关: agency.reviewBodyName,
      发文日期: dateZh(on), 申请人: row.applicant_name, 查询码: row.query_code, 提交日期: dateZh(row.submitted_on),
      收到日期: row.received_on ? dateZh(row.received_on) : null, 申请内容: row.content, 提供方式: row.provide_form,
      救济途径: remedyClause(agency.reviewBodyName ?? `${agency.name}的本级人民政府`),
    };
  }

  function replyValues(row: ApplicationRow, agency: Agency, outcome: OutcomeCode, reasons: string | null, otherAgency: string | null, on: string) {
    const d = outcomeDef(outcome);
    const extra = outcome === 'unavailable_not_this_agency' && otherAgency ? `该政府信息由${otherAgency}负责公开，请向其提出申请。` : '';
    return { ...baseValues(row, agency, on), 答复结论: d.decision, 法律依据: d.basis, 理由: [reasons ?? '', extra].filter(Boolean).join('\n\n') || '（无）' };
  }

  async function notifyApplicant(trx: Executor, row: ApplicationRow, agency: Agency, reason: string, subject: string, body: string): Promise<void> {
    if (!row.email) return;
    await mailer.enqueue(trx, {
      agencyId: row.agency_id, applicationId: row.id, to: row.email, reason,
      subject: `【${agency.name}】${subject}（查询码 ${row.query_code}）`,
      body: `${row.applicant_name}：\n\n${body}\n\n查询码：${row.query_code}。您可以凭查询码和申请时留的联系电话查询办理进度。\n\n${agency.name}`,
    });
  }

  function afterCommit(): void {
    if (mailer.smtp) void mailer.flush().catch(() => undefined);
  }

  function checkDate(on: string, last: string | null, field: string): void {
    if (on > today()) throw validationFailed([{ field, message: `日期不能晚于今天（${today()}）` }]);
    if (last && on < last) throw validationFailed([{ field, message: `日期不能早于上一次办理记录的日期（${last}）` }]);
  }

  async function act<A extends Action>(actor: Actor, id: number, action: A, input: ActionInputs[A]): Promise<{ detail: ApplicationDetail; warnings: string[] }> {
    const row0 = await loadVisible(actor, id);
    assertNotAdmin(actor, '办理各机关的政府信息公开申请');
    const v = (input as { version: number }).version;
    if (row0.version !== v) throw staleVersion(v, row0.version);
    const state = row0.state as AppState;
    const ledger0 = toLedger(await listEvents(db, id));
    const c = await clockFor(ledger0);
    const roles = coreRoles(actor);
    const chk = checkAction(action, state, ledger0, roles, contextOf(c, actor));
    if (!chk.ok) {
      // a missing role and the four-eyes rule (the drafter / requester may not approve) are refusals of the person: 403
      if (chk.code === 'forbidden_role' || chk.code === 'four_eyes') throw new AppError('forbidden', { detail: chk.reason });
      throw new AppError('conflict', { title: '现在不能进行这项操作', detail: chk.reason });
    }
    const warnings = [...chk.warnings];
    const agency = (await agencies.get(row0.agency_id))!;
    const cal = await calendar();
    const t = today();
    const lastOn = ledger0.length ? ledger0[ledger0.length - 1]!.on : null;
    const inp = input as Record<string, unknown>;
    const pick = (k: string) => (typeof inp[k] === 'string' && inp[k] ? (inp[k] as string) : null);
    let on = t;
    const data: Record<string, unknown> = {};
    const patch: Partial<ApplicationRow> = {};
    type Side = (trx: Executor, row: ApplicationRow, seq: number, ledger: LedgerEvent[]) => Promise<void>;
    const sides: Side[] = [];
    const letter = (kind: Parameters<LettersService['issue']>[1]['kind'], values: (row: ApplicationRow, ledger: LedgerEvent[]) => Record<string, string | null>): Side =>
      async (trx, row, seq, ledger) => {
        await letters.issue(trx, { applicationId: row.id, agencyId: row.agency_id, agencyShortName: agency.shortName, kind, values: { ...baseValues(row, agency, on), ...values(row, ledger) }, issuedOn: on, eventSeq: seq, actorUserId: actor.userId });
      };

    switch (action) {
      case 'confirmReceipt': {
        on = pick('receivedOn') ?? t;
        checkDate(on, lastOn, 'receivedOn');
        // 第三十一条第三项: 互联网渠道 — 以双方确认之日为收到申请之日.
        const r = receiptDate(row0.channel, { submittedOn: row0.submitted_on, confirmedOn: on });
        Object.assign(data, { receivedOn: r.date, basis: r.basis, channel: row0.channel });
        patch.received_on = r.date;
        sides.push(letter('receipt', () => ({ 收到日期: dateZh(r.date) })));
        sides.push(async (trx, row) => notifyApplicant(trx, { ...row, received_on: r.date }, agency, 'receipt', '已收到您的政府信息公开申请',
          `${agency.name}已于${dateZh(r.date)}确认收到您的政府信息公开申请（《中华人民共和国政府信息公开条例》第三十一条）。本机关将在收到申请之日起20个工作日内答复。`));
        break;
      }
      case 'assign': {
        const uid = Number(inp.userId);
        const u = await findUser(db, uid);
        if (!u || u.agency_id !== row0.agency_id || !['officer', 'leader'].includes(u.role)) throw validationFailed([{ field: 'userId', message: '请选择本机关的经办人' }]);
        Object.assign(data, { userId: uid, name: u.display_name });
        patch.assigned_user_id = uid;
        break;
      }
      case 'requestCorrection': {
        const period = (inp.periodWorkdays as number | undefined) ?? settings.correctionPeriodWorkdays;
        // 第三十条: a reasonable period — at most the configured maximum (the reply clock waits for the 补正).
        if (period > settings.maxCorrectionPeriodWorkdays) throw validationFailed([{ field: 'periodWorkdays', message: `补正期限不能超过${settings.maxCorrectionPeriodWorkdays}个工作日（条例第三十条：合理的补正期限；上限由本机关设置）` }]);
        const items = inp.items as string[];
        Object.assign(data, { items, periodWorkdays: period });
        const due = cal.addWorkdays(on, period);
        sides.push(letter('correction_notice', () => ({ 补正事项: items.map((x, i) => `${i + 1}. ${x}`).join('\n'), 补正期限: dateZh(due) })));
        sides.push(async (trx, row) => notifyApplicant(trx, row, agency, 'correction', '请补正您的政府信息公开申请',
          `您的申请内容不明确，需要补正（《中华人民共和国政府信息公开条例》第三十条）。需要补正的事项：\n${items.map((x, i) => `${i + 1}. ${x}`).join('\n')}\n请于${dateZh(due)}前补正。无正当理由逾期不补正的，视为放弃申请。`));
        break;
      }
      case 'recordCorrection':
        on = pick('receivedOn') ?? t;
        checkDate(on, lastOn, 'receivedOn');
        if (inp.note) data.note = inp.note;
        break;
      case 'lapseCorrection':
        Object.assign(data, { correctionDueDate: c.applicantDue });
        patch.outcome = 'other_correction_lapsed';
        break;
      case 'startConsultation': {
        on = pick('sentOn') ?? t;
        checkDate(on, lastOn, 'sentOn');
        Object.assign(data, { partyType: inp.partyType, party: inp.party, matter: inp.matter });
        // 第三十二条 / 第三十四条: 15 个工作日内提出意见.
        const cap = cal.addWorkdays(on, settings.consultationWorkdays);
        sides.push(letter('consultation_letter', () => ({ 征求对象: inp.party as string, 征求事项: inp.matter as string, 意见期限: dateZh(cap) })));
        break;
      }
      case 'endConsultation': {
        const cap = c.consultationCap;
        const given = pick('answeredOn');
        on = given ?? (inp.opinion === 'no_answer' && cap && cap < t ? cap : t);
        checkDate(on, lastOn, 'answeredOn');
        Object.assign(data, { opinion: inp.opinion, note: inp.note ?? null, cap });
        if (cap && on > cap) warnings.push(`意见在征求意见期限（${cap}，15个工作日）之后收到：超出的时间计入答复期限（条例第三十二条、第三十四条）`);
        break;
      }
      case 'requestExtension':
        Object.assign(data, { days: inp.days, reason: inp.reason });
        break;
      case 'approveExtension': {
        const req = [...ledger0].reverse().find((e) => e.kind === 'extension_requested');
        Object.assign(data, { days: req?.data?.days, reason: req?.data?.reason, note: inp.note ?? null });
        sides.push(async (trx, row, seq, ledger) => {
          const after = clockOf(ledger, cal, t, settings);
          await letter('extension_notice', () => ({ 延期理由: String(req?.data?.reason ?? ''), 延长工作日: String(req?.data?.days ?? ''), 延期后答复期限: after.dueDate ? dateZh(after.dueDate) : null }))(trx, row, seq, ledger);
          await notifyApplicant(trx, row, agency, 'extension', '延期答复告知',
            `因${String(req?.data?.reason ?? '')}，经政府信息公开工作机构负责人同意，答复期限延长${String(req?.data?.days ?? '')}个工作日${after.dueDate ? `，至${dateZh(after.dueDate)}` : ''}（《中华人民共和国政府信息公开条例》第三十三条第二款）。`);
        });
        break;
      }
      case 'rejectExtension':
        data.note = inp.note ?? null;
        break;
      case 'issueFeeNotice': {
        const method = inp.method as 'per_item' | 'per_page';
        const feeProblems = feeNoticeProblems({ method, pages: inp.pages as number | undefined, maxPages: maxFeePages, waiverRequested: row0.fee_waiver_requested === 1, waiverRefusedReason: (inp.waiverRefusedReason as string | null | undefined) ?? null });
        if (feeProblems.length) throw validationFailed(feeProblems);
        if (inp.waiverRefusedReason) data.waiverRefusedReason = inp.waiverRefusedReason;
        let quote;
        let nth: number | null = null;
        if (method === 'per_item') {
          const same = await applicantApplications(db, row0);
          nth = nthInMonth({ id: row0.id, receivedOn: row0.received_on! }, same.map((s) => ({ id: s.id, receivedOn: s.received_on })));
          quote = quoteFee({ method, nthInMonth: nth });
        } else {
          quote = quoteFee({ method, pages: inp.pages as number });
        }
        if (quote.amount === 0) throw new AppError('conflict', { title: '无需收费', detail: `${quote.explanation}。免费的申请不发收费通知（条例第四十二条：原则上不收费）。` });
        const dueOn = cal.addWorkdays(on, settings.feePaymentWorkdays);
        Object.assign(data, { method, amount: quote.amount, explanation: quote.explanation, nthInMonth: nth, pages: inp.pages ?? null, dueOn });
        sides.push(async (trx, row) => {
          await insertFee(trx, { application_id: row.id, method, nth_in_month: nth, pages: (inp.pages as number | undefined) ?? null, amount: quote.amount, explanation: quote.explanation, notice_on: on, due_on: dueOn, paid_on: null, created_at: nowIso(clock) });
        });
        sides.push(letter('fee_notice', () => ({ 收费方式: method === 'per_item' ? '按件计收' : '按量计收', 收费金额: String(quote.amount), 计费说明: quote.explanation, 缴费期限: dateZh(dueOn) })));
        sides.push(async (trx, row) => notifyApplicant(trx, row, agency, 'fee', '信息处理费收费通知', `${quote.explanation}。应缴金额${quote.amount}元，请于${dateZh(dueOn)}前缴纳。逾期未缴纳的，本机关不再处理您的申请。`));
        break;
      }
      case 'recordPayment':
        on = pick('paidOn') ?? t;
        checkDate(on, lastOn, 'paidOn');
        sides.push(async (trx, row) => markFeePaid(trx, row.id, on));
        break;
      case 'lapseFee':
        patch.outcome = 'other_fee_unpaid';
        break;
      case 'reply': {
        const outcome = inp.outcome as OutcomeCode;
        const ok = outcomeAllowed(outcome, ledger0);
        if (!ok.ok) throw validationFailed([{ field: 'outcome', message: ok.reason }]);
        const d = outcomeDef(outcome);
        if (d.reasonsRequired && !inp.reasons) throw validationFailed([{ field: 'reasons', message: `请填写理由：“${d.label}”的答复必须说明理由` }]);
        Object.assign(data, { outcome, reasons: inp.reasons ?? null, otherAgency: inp.otherAgency ?? null });
        break;
      }
      case 'approveReply': {
        const pr = pendingReply(ledger0)!;
        const outcome = pr.data!.outcome as OutcomeCode;
        const d = outcomeDef(outcome);
        Object.assign(data, { outcome, note: inp.note ?? null, draftSeq: ledger0.indexOf(pr) + 1 });
        patch.outcome = outcome;
        sides.push(async (trx, row, seq) => {
          await letters.issue(trx, {
            applicationId: row.id, agencyId: row.agency_id, agencyShortName: agency.shortName, kind: replyKindFor(d.family),
            values: replyValues(row, agency, outcome, (pr.data?.reasons as string | null) ?? null, (pr.data?.otherAgency as string | null) ?? null, on),
            issuedOn: on, eventSeq: seq, actorUserId: actor.userId,
          });
          await notifyApplicant(trx, row, agency, 'reply', '您的政府信息公开申请已答复',
            `${agency.name}已于${dateZh(on)}对您的政府信息公开申请作出答复：${OUTCOME_FAMILY_LABELS[d.family]}。答复书将按您选择的方式送达。`);
        });
        break;
      }
      case 'returnReply':
        data.note = inp.note;
        break;
      case 'recordDelivery':
        on = pick('deliveredOn') ?? t;
        checkDate(on, lastOn, 'deliveredOn');
        data.method = inp.method;
        break;
      case 'close':
        break;
      case 'reopen':
        data.reason = inp.reason;
        break;
      case 'withdraw':
        on = pick('withdrawnOn') ?? t;
        checkDate(on, lastOn, 'withdrawnOn');
        data.note = inp.note ?? null;
        if (row0.received_on) patch.outcome = 'other_withdrawn';
        break;
    }

    const event: LedgerEvent = { kind: ACTION_EVENT[action], on, actorId: actor.userId, data };
    let next: AppState;
    try {
      next = transition(state, event, ledger0);
    } catch (e) {
      if (e instanceof TransitionError) throw new AppError('conflict', { title: '现在不能进行这项操作', detail: e.message });
      throw e;
    }
    const ledger1 = [...ledger0, event];
    // The new ledger must still be a valid clock ledger (dates in order, 15-day consultation cap …).
    try {
      clockOf(ledger1, cal, t, settings);
    } catch (e) {
      if (e instanceof LedgerError) throw new AppError('conflict', { title: '现在不能进行这项操作', detail: e.message });
      throw e;
    }
    if (patch.outcome) {
      const d = outcomeDef(patch.outcome as OutcomeCode);
      patch.outcome_row_2019 = d.row2019;
      patch.outcome_row_2021 = d.row2021;
      // The first conclusion fixes the report year (a 补充答复 does not move it).
      if (!row0.concluded_on) patch.concluded_on = on;
    }
    const at = nowIso(clock);
    await db.transaction().execute(async (trx) => {
      // issue 7: a published annual report locks its year — the year the case was concluded in, and back-dated events.
      await assertYearUnlocked(trx, row0.agency_id, row0.concluded_on);
      await assertYearUnlocked(trx, row0.agency_id, on);
      // The optimistic update comes first: on PostgreSQL it locks the row, so a concurrent action on the same
      // version waits here and then finds the version moved (409) instead of racing for the next ledger seq.
      const ok = await updateApplication(trx, id, v, { ...patch, state: next, updated_at: at });
      if (!ok) {
        const cur = await findApplication(trx, id);
        throw staleVersion(v, cur?.version ?? v + 1);
      }
      const seq = await appendEvent(trx, { application_id: id, kind: event.kind, on_date: on, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
      const row = { ...row0, ...patch, state: next, version: v + 1 } as ApplicationRow;
      for (const s of sides) await s(trx, row, seq, ledger1);
      await syncClock(trx, row, ledger1, cal);
      await audit.record(trx, {
        actor, agencyId: row0.agency_id, action: `application.${action}`, entity: 'application', entityId: id,
        before: { state, version: v, outcome: row0.outcome }, after: { state: next, version: v + 1, outcome: row.outcome, event: { kind: event.kind, on, data } },
      });
    });
    afterCommit();
    const fresh = (await findApplication(db, id))!;
    return { detail: await detail(actor, fresh), warnings };
  }

  /** The list filter of a query (the same for a whole list, a page and its count). */
  function filterOf(actor: Actor, q: ListQuery) {
    const stateFilter: Record<string, string[]> = {
      waiting_correction: ['correction_pending'], consulting: ['consulting'], waiting_payment: ['fee_pending'],
      open: ['submitted', 'received', 'correction_pending', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'],
      concluded: ['issued', 'delivered', 'closed', 'withdrawn'], due_soon: ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'],
      overdue: ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'],
      ...WORK_VIEW_STATES,
    };
    return {
      agencyIds: actor.role === 'admin' ? null : actor.visibleAgencyIds,
      states: q.state ? [q.state] : stateFilter[q.view],
      ...(q.view === 'mine' ? { assignedUserId: actor.userId } : {}),
      ...(q.q ? { q: q.q } : {}), ...(q.from ? { receivedFrom: q.from } : {}), ...(q.to ? { receivedTo: q.to } : {}),
      ...(q.applicantType ? { applicantType: q.applicantType } : {}),
      ...(q.q && policyFor(actor.role).searchByPersonalData ? { personalHashes: personalSearchHashes(q.q) } : {}),
      ...(seesPersonalData(actor.role) ? {} : { searchNames: false }),
    };
  }

  /** The listed applications (all of them, or one page in the database's order), with their clocks. */
  async function listed(actor: Actor, q: ListQuery, page?: { limit: number; offset: number }): Promise<ApplicationSummary[]> {
    // 待确认收到 / 待指定经办人 / 待我审核 / 延期待审批: the cases on which this user has that work (same rule as the queue)
    const workView = (WORK_VIEWS as readonly string[]).includes(q.view) ? (q.view as WorkView) : null;
    const rows = await listApplications(db, filterOf(actor, q), page);
    const evs = await eventsFor(db, rows.map((r) => r.id));
    const out: ApplicationSummary[] = [];
    for (const r of rows) {
      const ledger = toLedger(evs.get(r.id) ?? []);
      const c = await clockFor(ledger);
      const s = summarise(r, c);
      if (q.view === 'due_soon' && s.dueStatus !== 'due_soon') continue;
      if (q.view === 'overdue' && s.dueStatus !== 'overdue') continue;
      if (workView && !matchesWorkView(workView, actor, s, ledger, today())) continue;
      out.push(summaryFor(actor.role, s));
    }
    return out;
  }

  const self: ApplicationsService = {
    mailer,
    today,
    async dashboardCards(actor) {
      if (actor.role === 'supervisor') return [];
      const all = await self.list(actor, { view: 'open' });
      const mine = all.filter((a) => a.assignedUserId === actor.userId);
      const waiting = all.filter((a) => ['correction_pending', 'consulting', 'fee_pending'].includes(a.state));
      return [
        { title: '我的依申请公开案件', value: mine.length, href: '/admin/applications?view=mine', note: `本机关办理中共${all.length}件` },
        { title: '3个工作日内到期', value: all.filter((a) => a.dueStatus === 'due_soon').length, href: '/admin/applications?view=due_soon' },
        { title: '已逾期', value: all.filter((a) => a.dueStatus === 'overdue').length, href: '/admin/applications?view=overdue' },
        { title: '待补正、征求意见、待缴费', value: waiting.length, href: '/admin/applications?view=open', note: `待补正${waiting.filter((a) => a.state === 'correction_pending').length}件，征求意见中${waiting.filter((a) => a.state === 'consulting').length}件，待缴费${waiting.filter((a) => a.state === 'fee_pending').length}件` },
      ];
    },
    async seedDemo(agencyId) {
      if ((await countApplications(db, agencyId)) > 0) return 0;
      const agency = await agencies.get(agencyId);
      if (!agency) return 0;
      const find = async (username: string) => {
        const u = await findUserByUsername(db, username);
        if (!u || u.agency_id !== agencyId) throw new Error(`demo user ${username} of ${agency.name} is missing`);
        return demoActor(u, agency.name);
      };
      const users = { officer: await find('officer'), reviewer: await find('reviewer'), leader: await find('leader') };
      return runDemoSeed((c) => createApplicationsService({ ...deps, clock: c }), users, await calendar(), shanghaiDate(new Date()));
    },
    async officers(actor) {
      return (await usersOfAgency(db, actor.agencyId)).filter((u) => u.role === 'officer' || u.role === 'leader').map((u) => ({ id: u.id, name: u.display_name }));
    },
    async submit(input, files = []) {
      const agency = await agencies.getByCreditCode(input.agency.toUpperCase());
      if (!agency) throw validationFailed([{ field: 'agency', message: '找不到该受理机关，请从政府信息公开指南中确认机关的统一社会信用代码' }]);
      if (input.website) {
        // Honeypot filled in: a bot. Answer like a success so it learns nothing; store nothing.
        return { queryCode: newQueryCode(), submittedOn: today(), agencyName: agency.name, id: null };
      }
      const checked = await checkFiles(files);
      const on = today();
      const at = nowIso(clock);
      const provide = input.provideForm ?? input.delivery!;
      const obtain = input.obtainMethod ?? (provide === '电子邮件' ? '电子邮件' : '自行领取');
      const publicActor: AuditActor = { userId: null, displayName: `申请人（在线提交）` };
      const out = await db.transaction().execute(async (trx) => {
        const code = await uniqueCode(trx);
        const id = await insertApplication(trx, {
          agency_id: agency.id, query_code: code, channel: 'online', submitted_on: on, received_on: null,
          ...applicantColumns(input.applicant, input.email), content: input.content, doc_number: input.docNumber ?? null,
          provide_form: provide, obtain_method: obtain, fee_waiver_requested: input.feeWaiver ? 1 : 0, assigned_user_id: null,
          state: 'submitted', outcome: null, outcome_row_2019: null, outcome_row_2021: null, concluded_on: null, created_at: at, updated_at: at,
        });
        await appendEvent(trx, { application_id: id, kind: 'submitted', on_date: on, at, actor_user_id: null, actor_name: publicActor.displayName, data_json: toJson({ channel: 'online' }) });
        for (const f of checked) {
          await insertAttachment(trx, { application_id: id, kind: 'identity', filename: f.filename, mime: f.mime, size: f.data.length, content_base64: cipher.sealBytes(ATTACHMENT_FIELD, f.data), created_at: at });
        }
        await audit.record(trx, { actor: publicActor, agencyId: agency.id, action: 'application.submit', entity: 'application', entityId: id, after: { queryCode: code, channel: 'online', attachments: checked.length } });
        return { id, code };
      });
      return { queryCode: out.code, submittedOn: on, agencyName: agency.name, id: out.id };
    },

    async status(code, phone) {
      const row = await findByQueryCode(db, code.trim().toUpperCase());
      // A wrong phone number answers exactly like an unknown code: nothing is revealed.
      if (!row || digits(row.phone) !== digits(phone) || digits(phone).length < 5) throw notFound('没有找到与该查询码和联系电话对应的申请，请核对后重试');
      const ledger = toLedger(await listEvents(db, row.id));
      const c = await clockFor(ledger);
      const agency = await agencies.get(row.agency_id);
      const ls = await letters.listFor(row.id);
      const state = row.state as AppState;
      const concluded = row.concluded_on !== null;
      return {
        queryCode: row.query_code, agencyName: agency?.name ?? '', state, stateLabel: STATE_LABELS[state],
        submittedOn: row.submitted_on, receivedOn: receiptDateOf(ledger), dueDate: concluded ? null : c.dueDate, provisional: c.result?.provisional ?? false,
        concluded, outcomeLabel: row.outcome ? OUTCOME_FAMILY_LABELS[outcomeDef(row.outcome as OutcomeCode).family] : null,
        letters: ls.map((l) => ({ title: l.title, kindLabel: l.kindLabel, number: l.number, issuedOn: l.issuedOn })),
      };
    },

    async register(actor, input, files = []) {
      assertNotAdmin(actor, '登记各机关的政府信息公开申请');
      if (!['officer', 'leader'].includes(actor.role)) throw new AppError('forbidden', { detail: '只有经办人或负责人可以登记申请' });
      const agency = (await agencies.get(actor.agencyId))!;
      let r: { date: string; basis: string };
      try {
        r = receiptDate(input.channel, { submittedOn: input.submittedOn, signedOn: input.signedOn ?? null, confirmedOn: input.confirmedOn ?? null });
      } catch (e) {
        if (e instanceof ReceiptError) throw validationFailed([{ field: e.field, message: e.message }]);
        throw e;
      }
      const t = today();
      const errs: FieldError[] = [];
      if (input.submittedOn > t) errs.push({ field: 'submittedOn', message: `申请提交日期不能晚于今天（${t}）` });
      if (r.date > t) errs.push({ field: input.channel === 'registered_mail' ? 'signedOn' : 'confirmedOn', message: `收到申请的日期不能晚于今天（${t}）` });
      if (errs.length) throw validationFailed(errs);
      let assignee: number | null = input.assignedUserId ?? (actor.role === 'officer' ? actor.userId : null);
      if (assignee) {
        const u = await findUser(db, assignee);
        if (!u || u.agency_id !== actor.agencyId) assignee = null;
      }
      const checked = await checkFiles(files);
      const at = nowIso(clock);
      const provide = input.provideForm ?? input.delivery!;
      const obtain = input.obtainMethod ?? (provide === '电子邮件' ? '电子邮件' : '自行领取');
      const cal = await calendar(); // read before the transaction (SQLite has one connection)
      const id = await db.transaction().execute(async (trx) => {
        const code = await uniqueCode(trx);
        const id = await insertApplication(trx, {
          agency_id: actor.agencyId, query_code: code, channel: input.channel, submitted_on: input.submittedOn, received_on: r.date,
          ...applicantColumns(input.applicant, input.email), content: input.content, doc_number: input.docNumber ?? null,
          provide_form: provide, obtain_method: obtain, fee_waiver_requested: input.feeWaiver ? 1 : 0, assigned_user_id: assignee,
          state: 'received', outcome: null, outcome_row_2019: null, outcome_row_2021: null, concluded_on: null, created_at: at, updated_at: at,
        });
        const data = { channel: input.channel, receivedOn: r.date, basis: r.basis, submittedOn: input.submittedOn, signedOn: input.signedOn ?? null, confirmedOn: input.confirmedOn ?? null };
        await appendEvent(trx, { application_id: id, kind: 'registered', on_date: r.date, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
        for (const f of checked) {
          await insertAttachment(trx, { application_id: id, kind: 'scan', filename: f.filename, mime: f.mime, size: f.data.length, content_base64: cipher.sealBytes(ATTACHMENT_FIELD, f.data), created_at: at });
        }
        await audit.record(trx, { actor, agencyId: actor.agencyId, action: 'application.register', entity: 'application', entityId: id, after: { queryCode: code, ...data } });
        const row = (await findApplication(trx, id))!;
        await syncClock(trx, row, [{ kind: 'registered', on: r.date, data }], cal);
        await notifyApplicant(trx, row, agency, 'receipt', '已收到您的政府信息公开申请',
          `${agency.name}已收到您的政府信息公开申请，收到申请之日为${dateZh(r.date)}（${r.basis}）。本机关将在收到申请之日起20个工作日内答复。`);
        return id;
      });
      afterCommit();
      return detail(actor, (await findApplication(db, id))!);
    },

    async list(actor, q) {
      return listed(actor, q);
    },

    async listPage(actor, q, { page, pageSize }) {
      const offset = (page - 1) * pageSize;
      // views decided on the computed clock or on the ledger are filtered after the fold: page the result;
      // the others are paged by the database, and only the page's clocks are computed
      if (q.view === 'due_soon' || q.view === 'overdue' || (WORK_VIEWS as readonly string[]).includes(q.view)) {
        const all = await listed(actor, q);
        return { applications: all.slice(offset, offset + pageSize), total: all.length, page, pageSize };
      }
      const total = await countListed(db, filterOf(actor, q));
      return { applications: await listed(actor, q, { limit: pageSize, offset }), total, page, pageSize };
    },

    async get(actor, id, door = 'api_get') {
      const row = await loadVisible(actor, id);
      const d = await detail(actor, row);
      if (policyFor(actor.role).logged) {
        await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door, fields: shownFields(applicantOfRow(row)) }]);
      }
      return d;
    },

    async exportRows(actor, query, unmasked) {
      if (unmasked && !policyFor(actor.role).exportUnmasked) throw new AppError('forbidden', { detail: '您的角色只能导出遮盖个人信息的申请列表' });
      const rows = await self.list(actor, query);
      const stored = await personalColumnsOf(db, rows.map((r) => r.id));
      const out = rows.map((r) => {
        const row = openApplicationRow(cipher, stored.get(r.id)!);
        return { ...r, personal: exportPersonal(applicantOfRow(row), unmasked) };
      });
      if (unmasked && out.length) {
        await personalData.record(db, actor, [{ agencyId: actor.agencyId, applicationId: null, queryCode: null, door: 'export', fields: ['name', 'idNumber', 'phone', 'email', 'address', `rows=${out.length}`] }]);
      }
      return out;
    },

    async mailOutbox(actor, door) {
      const rows = await mailer.list(actor.role === 'admin' ? null : actor.visibleAgencyIds);
      const full = policyFor(actor.role).mail === 'full';
      const applicants = new Map<number, ReturnType<typeof applicantOfRow>>();
      if (!full) {
        const ids = [...new Set(rows.map((m) => m.application_id).filter((x): x is number => x !== null))];
        for (const [id, r] of await personalColumnsOf(db, ids)) applicants.set(id, applicantOfRow(openApplicationRow(cipher, r)));
      }
      if (full && rows.length) {
        await personalData.record(db, actor, [{ agencyId: actor.agencyId, applicationId: null, queryCode: null, door, fields: ['email', 'mailBody', `messages=${rows.length}`] }]);
      }
      return rows.map((m) => outboxFor(actor.role, m, m.application_id !== null ? applicants.get(m.application_id) ?? null : null));
    },

    act,

    async attachment(actor, applicationId, attachmentId) {
      const row = await loadVisible(actor, applicationId);
      const a = await findAttachment(db, attachmentId);
      if (!a || a.application_id !== applicationId) throw notFound();
      if (!policyFor(actor.role).attachments) throw new AppError('forbidden', { detail: '附件是申请人的身份证明等个人信息，只有办理机关的经办人、审核人和负责人可以查看' });
      await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door: 'attachment', fields: ['attachment'] }]);
      return { filename: cleanFileName(a.filename, '附件'), mime: a.mime, data: cipher.openBytes(ATTACHMENT_FIELD, a.content_base64) };
    },

    async letter(actor, applicationId, letterId, format) {
      const row = await loadVisible(actor, applicationId);
      const l = await letters.get(letterId);
      if (!l || l.applicationId !== applicationId) throw notFound();
      const agency = (await agencies.get(row.agency_id))!;
      if (!seesPersonalData(actor.role)) return { letter: letterFor(actor.role, l, applicantOfRow(row)), agency };
      if (format && policyFor(actor.role).logged) {
        await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door: format === 'docx' ? 'letter_docx' : 'letter_pdf', fields: ['letter', 'name'] }]);
      }
      return { letter: l, agency };
    },

    async table3(actor, agencyId, year, format) {
      assertVisible(actor, agencyId);
      const rows = await foldRows(db, agencyId, year);
      return foldTable3Detailed(rows.map((r) => ({ id: r.id, applicantType: r.applicant_type, receivedOn: r.received_on, concludedOn: r.concluded_on, outcome: r.outcome as OutcomeCode | null })), year, format);
    },

    async table3ForAgency(agencyId, year, format) {
      const rows = await foldRows(db, agencyId, year);
      return foldTable3Detailed(rows.map((r) => ({ id: r.id, applicantType: r.applicant_type, receivedOn: r.received_on, concludedOn: r.concluded_on, outcome: r.outcome as OutcomeCode | null })), year, format).table;
    },

    async carryOver(actor, agencyId, year) {
      const rows = await foldRows(db, agencyId, year);
      const last = `${year}-12-31`;
      const open = rows.filter((r) => r.received_on && r.received_on <= last && (r.concluded_on === null || r.concluded_on > last));
      let n = 0;
      const at = nowIso(clock);
      for (const r of open) {
        const evs = toLedger(await listEvents(db, r.id));
        if (evs.some((e) => e.kind === 'carried_over' && e.data?.year === year)) continue;
        // The version is claimed first (row lock on PostgreSQL); a case changed meanwhile is read again (3 tries).
        for (let attempt = 0; attempt < 3; attempt++) {
          const row = (await findApplication(db, r.id))!;
          if (row.state === 'closed' || row.state === 'withdrawn') break;
          const done = await db.transaction().execute(async (trx) => {
            if (!(await updateApplication(trx, r.id, row.version, { updated_at: at }))) return false;
            await appendEvent(trx, { application_id: r.id, kind: 'carried_over', on_date: today(), at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson({ year }) });
            await audit.record(trx, { actor, agencyId, action: 'application.carryOver', entity: 'application', entityId: r.id, after: { year } });
            return true;
          });
          if (done) {
            n++;
            break;
          }
        }
      }
      return n;
    },

    async remindDueSoon() {
      const rows = await listApplications(db, { agencyIds: null, states: ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review'] });
      const evs = await eventsFor(db, rows.map((r) => r.id));
      const cal = await calendar();
      let n = 0;
      for (const r of rows) {
        const c = await clockFor(toLedger(evs.get(r.id) ?? []));
        if (!c.dueDate || !c.result || c.result.status === 'closed') continue;
        // 3 working days before the due date (issue 5: "to the officer 3 working days before a due date").
        if (cal.workdaysBetween(today(), c.dueDate) > 3 || today() > c.dueDate) continue;
        const agency = await agencies.get(r.agency_id);
        const officer = r.assigned_user_id ? await findUser(db, r.assigned_user_id) : undefined;
        const queued = await mailer.enqueue(db, {
          agencyId: r.agency_id, applicationId: r.id, to: agency?.email ?? '（本机关未设置邮箱）', reason: 'due_soon', dedupeKey: `due_soon:${r.id}:${c.dueDate}`,
          subject: `【答复期限提醒】申请 ${r.query_code} 将于${dateZh(c.dueDate)}到期`,
          body: `${officer ? `${officer.display_name}：\n\n` : ''}政府信息公开申请（查询码 ${r.query_code}）的答复期限为${dateZh(c.dueDate)}，还剩${cal.workdaysBetween(today(), c.dueDate)}个工作日。请及时办理。`,
        });
        if (queued) n++;
      }
      afterCommit();
      return n;
    },
  };
  return self;
}

export function staleVersion(yours: number, current: number): AppError {
  return conflict(`该申请已被他人修改：您看到的是第${yours}版，现在是第${current}版。为避免覆盖他人的操作，本次操作没有保存。请刷新页面，查看最新情况后再操作。`);
}

export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
