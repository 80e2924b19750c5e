// What every use case of 依申请公开 shares: the decrypted row readers, the reply clock, upload checks,
// letter values, mail to the applicant. Built once per service from its dependencies; the use-case
// modules (applications.intake.ts, applications.act.ts and its action groups, applications.queries.ts, …)
// receive it instead of closing over one large function.
import { randomInt } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { cleanFileName } from '../shared/filenames.ts';
import { checkPdf, PdfError, pdfRefusal } from '../shared/pdf-read.ts';
import { ArchiveError, readArchive } from '../shared/archive.ts';
import { fromJson } from '../../db/dialect.ts';
import {
  applicantKey, DEFAULT_MAX_FEE_PAGES, outcomeDef, remedyClause,
  type ActionContext, type EventKind, type LedgerEvent, type OutcomeCode, type Role as CoreRole,
} from '../../core/applications/index.ts';
import { DEFAULT_DEADLINE_SETTINGS, LedgerError, resolveSettings, type DeadlineSettings } from '../../core/deadlines/index.ts';
import { shippedCalendar, type Calendar } from '../../core/calendar/index.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { canSee, type Actor } from '../shared/actor.ts';
import { conflict, notFound, validationFailed, type AppError } from '../shared/errors.ts';
import {
  applicantApplicationsBrief, findApplication as findApplicationStored,
  findByQueryCode as findByQueryCodeStored, type ApplicationRow, type EventRow, type Executor,
} from './applications.repository.ts';
import { openApplicationRow, personKey, sealedApplicantColumns } from '../personal-data/personal-data.service.ts';
import { clockOf, toClockLedger, type ClockView } from './applications.clock.ts';
import type { SubmitInput } from './applications.schema.ts';
import { legalDateOf } from '../shared/legal-date.ts';
import type { ApplicationsDeps, UploadedFile } from './applications.service.ts';

/** Attachments of an application: at most 5 files of at most 5 MB each (the upload form enforces the same while streaming). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_ATTACHMENTS = 5;

export const ALLOWED_ATTACHMENT_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };
/** A Word file may also be disclosed with a reply: it is only ever delivered as the redacted PDF rebuilt from its pages (decision 120). */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The legal date (Asia/Shanghai) of an instant. */
export function shanghaiDate(d: Date): string {
  return legalDateOf(d);
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `GK${s}`;
}

export const digits = (s: string) => s.replace(/\D+/g, '');

export function coreRoles(actor: Actor): CoreRole[] {
  return actor.role === 'supervisor' ? [] : [actor.role];
}

export function toLedger(rows: readonly EventRow[]): LedgerEvent[] {
  return rows.map((r) => ({ kind: r.kind as EventKind, on: r.on_date, actorId: r.actor_user_id, data: fromJson<Record<string, unknown>>(r.data_json) ?? {} }));
}

export function staleVersion(yours: number, current: number): AppError {
  return conflict(`该申请已被他人修改：您看到的是第${yours}版，现在是第${current}版。为避免覆盖他人的操作，本次操作没有保存。请刷新页面，查看最新情况后再操作。`);
}

export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The settings a stored reply clock's due date depends on. */
const STORED_CLOCK_SETTINGS: readonly (keyof DeadlineSettings)[] = ['replyWorkdays', 'correctionPeriodWorkdays', 'consultationWorkdays', 'feePausesClock', 'feePaymentWorkdays', 'countFrom'];

export type CheckedFile = { filename: string; mime: string; data: Buffer };

export type AppContext = ReturnType<typeof createContext>;

export function createContext(deps: ApplicationsDeps) {
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
  /** Other applications of the same applicant, the columns hints and fees read (the key is a keyed hash: every configured key counts during a rotation). */
  const applicantApplications = (ex: Executor, row: ApplicationRow) => {
    const keys = row.applicant_type === 'natural_person' && row.id_number && row.applicant_key.startsWith('PH:')
      ? [row.applicant_key, ...cipher.hashes('idNumber', row.id_number).map((h) => `PH:${h}`)]
      : [row.applicant_key];
    return applicantApplicationsBrief(ex, row.agency_id, [...new Set(keys)]);
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
  /**
   * The stored reply clocks (deadlines, written by syncClock with the default period settings) can narrow a list to the
   * cases that may be due: only when they are kept, and computed with the periods this service uses.
   */
  const storedClocks = Boolean(deps.deadlines) && STORED_CLOCK_SETTINGS.every((k) => settings[k] === DEFAULT_DEADLINE_SETTINGS[k]);
  const today = () => shanghaiDate(clock());

  /** Content checks of uploaded files; `purpose` words the type refusal (an applicant's identity proof, or information disclosed with a reply). */
  async function checkFiles(files: UploadedFile[], purpose: 'identity' | 'disclosure' = 'identity'): Promise<CheckedFile[]> {
    if (files.length > maxFiles) throw validationFailed([{ field: 'attachments', message: `最多上传${maxFiles}个附件` }]);
    const out: CheckedFile[] = [];
    for (const f of files) {
      const name = cleanFileName(f.filename, '附件');
      if (f.data.length > maxBytes) throw validationFailed([{ field: 'attachments', message: `附件“${name}”超过${Math.round(maxBytes / 1024 / 1024)}MB，请压缩后重新上传` }]);
      // The type is checked by content (magic bytes), never by the file name or the browser's claim.
      const t = await fileTypeFromBuffer(f.data);
      const docx = purpose === 'disclosure' && t?.mime === DOCX_MIME;
      if (!t || (!(t.mime in ALLOWED_ATTACHMENT_TYPES) && !docx)) {
        throw validationFailed([{ field: 'attachments', message: purpose === 'identity'
          ? `附件“${name}”不是 PDF、JPG 或 PNG 文件，请上传身份证明的扫描件或照片（PDF、JPG、PNG）`
          : `附件“${name}”不是 PDF、DOCX（Word）、JPG 或 PNG 文件：公开的信息请以这些格式上传` }]);
      }
      if (docx) {
        // opened within the archive limits before anything else reads it (zip bombs, encrypted or ZIP64 entries refused)
        try {
          readArchive(f.data);
        } catch (e) {
          if (e instanceof ArchiveError) throw validationFailed([{ field: 'attachments', message: `附件“${name}”无法作为 Word 文件打开：${e.message}` }]);
          throw e;
        }
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

  /** The reply clock of a ledger. A list passes the calendar and today it read once, not once per case. */
  async function clockFor(ledger: LedgerEvent[], cal?: Calendar, day?: string): Promise<ClockView> {
    try {
      return clockOf(ledger, cal ?? (await calendar()), day ?? today(), settings);
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

  return {
    deps, db, audit, agencies, letters, mailer, personalData, cipher, clock, settings, maxFeePages,
    findApplication, findByQueryCode, applicantApplications, personalSearchHashes, calendar, today, storedClocks,
    checkFiles, applicantColumns, uniqueCode, loadVisible, clockFor, contextOf, syncClock,
    baseValues, replyValues, notifyApplicant, afterCommit, checkDate,
  };
}
