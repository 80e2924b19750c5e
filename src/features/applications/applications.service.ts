// The 依申请公开 service: public submission and status, registration, every lawful action on a case (each
// appends to the ledger and writes an audit event in the same transaction), the lists, the dashboard, the
// table 三 fold, year-end 结转 and reminders. Rules live in core/applications and core/deadlines.
// This file holds the interface and assembles it from use-case modules sharing one context
// (applications.context.ts): intake (submit, status, register), act (the action pipeline, with one module
// per group of actions: receipt, correction, consultation, extension, fee, reply, closing), queries (lists,
// case, export, outbox, attachments, letters), dashboard, year-end, reminders.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type {
  Action, AppState, ApplicantType, Channel, EventKind, Hint, OutcomeCode,
} from '../../core/applications/index.ts';
import type { DeadlineSettings, Ledger } from '../../core/deadlines/index.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import type { LayoutId } from '../../core/report/formats.ts';
import type { Table3 } from '../../core/report/model.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { Letter, LettersService } from '../letters/letters.service.ts';
import { countApplications, findUserByUsername, type Executor } from './applications.repository.ts';
import type { AccessDoor, PersonalDataService } from '../personal-data/personal-data.service.ts';
import type { ExportPersonal, OutboxMessage } from './applications.personal.ts';
import { demoActor, runDemoSeed } from './applications.seed.ts';
import type { ClockView } from './applications.clock.ts';
import type { Mailer } from './applications.mail.ts';
import type { ActionInputs, ListQuery, RegisterInput, SubmitInput } from './applications.schema.ts';
import { createContext, shanghaiDate } from './applications.context.ts';
import type { Download } from './applications.disclosure.ts';
import { intakeUseCases } from './applications.intake.ts';
import { actUseCase } from './applications.act.ts';
import { listing, queryUseCases } from './applications.queries.ts';
import { dashboardUseCases } from './applications.dashboard.ts';
import { yearEndUseCases } from './applications.year-end.ts';
import { reminderUseCases } from './applications.reminders.ts';
import { publicationUseCases, type PublicationView } from './applications.publication.ts';
import type { CandidateRow } from './applications.publication.repository.ts';
import type { SameInformationHint } from '../../core/applications/index.ts';
import type { DismissPublicationInput, PublishDisclosureInput } from './applications.schema.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { redactionUseCases, type RedactionUseCases } from './applications.redaction.ts';

export {
  ALLOWED_ATTACHMENT_TYPES, DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENTS, dateZh, shanghaiDate, staleVersion,
} from './applications.context.ts';

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
  /** Files disclosed with replies (draft or frozen with a letter), and whether their redacted copy is made. */
  disclosedFiles: { id: number; filename: string; size: number; frozen: boolean; redacted: boolean }[];
  fee: { method: string; amount: number; explanation: string; noticeOn: string; dueOn: string; paidOn: string | null } | null;
  pendingReply: { outcome: OutcomeCode; outcomeLabel: string; reasons: string | null; drafterId: number | null; preview: string } | null;
  officers: { id: number; name: string; role: string }[];
  /** 条例 第四十四条: whether and how the disclosed information goes into the catalogue (applications.publication.ts). */
  publication: PublicationView;
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
  /** Every issued letter, each with a signed download link bound to the query code + phone (24 hours). */
  letters: { title: string; kindLabel: string; number: string; issuedOn: string; downloadUrl: string }[];
  /** What was disclosed with an approved reply: files (signed download links) and published catalogue items (their portal page). */
  files: { kind: 'file' | 'catalogue'; title: string; filename: string | null; size: number | null; downloadUrl: string }[];
}

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export interface ApplicationsService {
  submit(input: SubmitInput, files?: UploadedFile[]): Promise<{ queryCode: string; submittedOn: string; agencyName: string; id: number | null }>;
  status(code: string, phone: string): Promise<PublicStatus>;
  /** A letter or disclosed file behind a signed link of the status lookup (404 forged / altered, 403 expired); audited. */
  statusDownload(token: string): Promise<Download>;
  /** 区分处理 of the files a reply discloses: the redaction view, page images, changes, the redacted copy (decision 120). */
  redaction: RedactionUseCases;
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
  /** The stored reply clocks narrow the due views and the 工作台 (listing's due candidates); false: every case is folded. */
  readonly storedClocks: boolean;
  /** Demo data for the demo agency (seed step); does nothing when the agency already has applications. Returns how many were made. */
  seedDemo(agencyId: number): Promise<number>;
  /** 工作台 cards: my open cases, due within 3 working days, overdue, waiting for the applicant or a third party. */
  dashboardCards(actor: Actor): Promise<{ title: string; value: number; href: string; note?: string }[]>;
  /** Officers and leaders of the actor's agency (assignment choices). */
  officers(actor: Actor): Promise<{ id: number; name: string }[]>;
  /** 条例 第四十四条: a catalogue draft from the case's disclosed information (proposal + overrides, chosen files); 409 on a stale version. */
  publishToCatalogue(actor: Actor, id: number, input: PublishDisclosureInput): Promise<{ catalogueItemId: number; indexNo: string; state: 'draft'; url: string; version: number }>;
  /** 条例 第四十四条: the officer decides not to publish the case's information (audited; ends the suggestion). */
  dismissPublication(actor: Actor, id: number, input: DismissPublicationInput): Promise<{ version: number; dismissedAt: string }>;
  /** The work queue's 第四十四条 suggestions for this user (publish_disclosure). */
  publicationSuggestions(actor: Actor): Promise<{ row: CandidateRow; hint: SameInformationHint }[]>;
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
  /** The catalogue, where disclosed information becomes a 主动公开 draft (条例 第四十四条); without it publishing answers 503. */
  catalogue?: Pick<CatalogueService, 'createDraftFromDisclosure'>;
}

export function createApplicationsService(deps: ApplicationsDeps): ApplicationsService {
  const app = createContext(deps);
  const { db, agencies, mailer, today, calendar } = app;
  const lists = listing(app);
  const queries = queryUseCases(app, lists);
  const publication = publicationUseCases(app);
  return {
    mailer,
    today,
    ...intakeUseCases(app),
    act: actUseCase(app),
    ...queries,
    ...dashboardUseCases(app, lists),
    storedClocks: app.storedClocks,
    redaction: redactionUseCases(app),
    ...yearEndUseCases(app),
    ...reminderUseCases(app),
    publishToCatalogue: publication.publishToCatalogue,
    dismissPublication: publication.dismissPublication,
    publicationSuggestions: publication.publicationSuggestions,
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
  };
}
