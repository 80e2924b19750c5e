// The Kysely schema of both engines (SQLite and PostgreSQL): `Database` is declared once per migration
// block below (`export interface Database { … }`), and TypeScript merges the declarations into one type.
// Conventions (docs/ARCHITECTURE.md, "Database"):
//  - ids are integers (SQLite `integer primary key autoincrement`, PostgreSQL `serial`), except sessions;
//  - dates with legal meaning are `YYYY-MM-DD` text; timestamps are UTC ISO-8601 text (`2026-11-27T03:15:00.000Z`);
//  - booleans are integers 0/1 (better-sqlite3 cannot bind booleans);
//  - JSON is stored as text: write with `toJson`, read with `fromJson` (src/db/dialect.ts);
//  - rows edited concurrently carry `version` (optimistic locking: `where version = :expected`, then `version + 1`).
// Each feature adds its tables in its own clearly separated block below, ending with its own
// `export interface Database { // NNN_name … }` that lists them (search a table's name to find its block).
import type { Generated } from 'kysely';

// ───────────── 001_skeleton: agencies, users, sessions, audit (feature: agencies/users/auth/audit) ─────────────

export type AgencyKind = 'government' | 'department' | 'street' | 'community';
export type Role = 'admin' | 'officer' | 'reviewer' | 'leader' | 'supervisor';

export interface AgenciesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  /** 统一社会信用代码 (18 characters, GB 32100-2015), unique. */
  credit_code: string;
  kind: AgencyKind;
  address: string | null;
  office_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  postcode: string | null;
  /** 政府信息公开工作机构名称 (条例 第四条). */
  work_body_name: string | null;
  /** 复议机关, e.g. 芝罘区人民政府 (used later for the remedy clause of replies). */
  review_body_name: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  /** `scrypt$N$r$p$salt(base64)$hash(base64)` (features/auth/password.ts). */
  password_hash: string;
  role: Role;
  agency_id: number;
  active: number;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** 063: 1 = the password was set by an administrator or generated: it must be changed at the next sign-in. */
  must_change_password: Generated<number>;
  /** 064_work_delivery: the user's own address (work digest) and whether the daily digest is sent (0/1). */
  email: string | null;
  digest_enabled: Generated<number>;
}

export interface SessionsTable {
  /** sha256 (hex) of the random 32-byte session id held in the cookie: a database copy gives no live session. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  agency_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  /** 063: position in the hash chain (1, 2, …; unique), the previous event's hash, this event's hash (core/audit/chain.ts). */
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface Database {
  // 001_skeleton
  agencies: AgenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
  // 010_calendar … later features add their tables here, each in its own block.
}

// ───────────── 010_calendar: working-day calendar and statutory deadlines (feature: calendar, deadlines) ─────────────

export interface CalendarYearsTable {
  id: Generated<number>;
  year: number;
  /** YearData JSON (src/core/calendar/types.ts): notices, holidays; replaces the shipped year. */
  data_json: string;
  /** The notice references, joined with '；' (for lists). */
  notices: string;
  imported_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface CalendarDayEditsTable {
  id: Generated<number>;
  /** YYYY-MM-DD, unique: a new edit of the same date replaces the old one (history in audit_events). */
  date: string;
  /** 1 = working day, 0 = day off */
  workday: number;
  name: string | null;
  reason: string;
  edited_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface DeadlinesTable {
  id: Generated<number>;
  agency_id: number;
  /** e.g. 'application', 'catalogue_item' */
  entity: string;
  entity_id: string;
  /** e.g. 'reply' (条例 第三十三条), 'proactive_publish' (第二十六条) */
  kind: string;
  /** Ledger JSON (src/core/deadlines/types.ts) */
  ledger_json: string;
  /** Partial<DeadlineSettings> JSON, null = defaults */
  settings_json: string | null;
  /** YYYY-MM-DD; null while the applicant's 补正 is awaited or after a lapse */
  due: string | null;
  provisional: number;
  /** on_time | due_soon | overdue | closed, as of updated_at */
  status: string;
  open: number;
  updated_at: string;
  /** 200_deadline_plain_clock: a receipt-only ledger's formula inputs (core/deadlines/plain.ts); null = replay the ledger */
  plain_from: string | null;
  plain_workdays: number | null;
  plain_soon: number | null;
  /** 285_deadline_plain_results: the calendar generation in force when due / provisional / status were written here */
  plain_gen: Generated<number>;
}

/** 285: a plain clock's result per key (receipt date, working days, due-soon threshold), as of calendar generation `gen`. */
export interface DeadlinePlainResultsTable {
  plain_from: string;
  plain_workdays: number;
  plain_soon: number;
  due: string;
  provisional: number;
  status: string;
  gen: number;
  /** the generation at which this key's result last changed, and its time */
  changed_gen: number;
  updated_at: string;
}

/** 285: one row per calendar change that recomputed the open clocks (consecutive from 1). */
export interface DeadlinePlainGenerationsTable {
  gen: number;
  at: string;
}

/** 285: the view every reader of a clock's due / provisional / status / updated_at reads (a plain clock through its
 *  key): the columns of `deadlines`, none of them generated. */
export type DeadlineClocksView = { [K in keyof DeadlinesTable]: DeadlinesTable[K] extends Generated<infer T> ? T : DeadlinesTable[K] };

export interface Database {
  // 010_calendar
  calendar_years: CalendarYearsTable;
  calendar_day_edits: CalendarDayEditsTable;
  deadlines: DeadlinesTable;
  deadline_plain_results: DeadlinePlainResultsTable;
  deadline_plain_generations: DeadlinePlainGenerationsTable;
  deadline_clocks: DeadlineClocksView;
}

// ───────────── 030_applications: 依申请公开 (feature: applications, letters, appeals) ─────────────

export type ApplicationChannel = 'online' | 'in_person' | 'registered_mail' | 'ordinary_mail' | 'fax' | 'email';

export interface ApplicationsTable {
  id: Generated<number>;
  agency_id: number;
  /** Public query code (given on the receipt page; with the phone number it opens the status page). */
  query_code: string;
  channel: ApplicationChannel;
  submitted_on: string;
  /** 收到申请之日 (条例 第三十一条), null until received/confirmed. */
  received_on: string | null;
  applicant_type: 'natural_person' | 'commercial' | 'research' | 'social' | 'legal_service' | 'other';
  applicant_name: string;
  id_type: string | null;
  id_number: string | null;
  credit_code: string | null;
  legal_representative: string | null;
  contact_person: string | null;
  phone: string;
  address: string | null;
  postcode: string | null;
  email: string | null;
  /** Identity of "the same applicant" (109号 第四条; hints). */
  applicant_key: string;
  content: string;
  doc_number: string | null;
  /** 提供方式 (纸质 / 电子邮件 / 光盘 …) */
  provide_form: string;
  /** 获取方式 (邮寄 / 自行领取 / 电子邮件 / 现场查阅) */
  obtain_method: string;
  fee_waiver_requested: number;
  assigned_user_id: number | null;
  /** Cache of the ledger's state (core/applications stateOf). */
  state: string;
  outcome: string | null;
  outcome_row_2019: string | null;
  outcome_row_2021: string | null;
  concluded_on: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** Append-only ledger of an application. */
export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  seq: number;
  kind: string;
  on_date: string;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  data_json: string | null;
}

export interface ApplicationAttachmentsTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  filename: string;
  mime: string;
  size: number;
  content_base64: string;
  created_at: string;
}

export interface LetterTemplatesTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  version: number;
  title: string;
  body: string;
  created_at: string;
  created_by: number | null;
}

export interface LettersTable {
  id: Generated<number>;
  application_id: number;
  agency_id: number;
  kind: string;
  number: string;
  title: string;
  body: string;
  template_version: number | null;
  event_seq: number | null;
  issued_on: string;
  created_at: string;
  created_by: number | null;
}

export interface ApplicationFeesTable {
  id: Generated<number>;
  application_id: number;
  method: 'per_item' | 'per_page';
  nth_in_month: number | null;
  pages: number | null;
  amount: number;
  explanation: string;
  notice_on: string;
  due_on: string;
  paid_on: string | null;
  created_at: string;
}

export interface AppealCasesTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number | null;
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  filed_on: string;
  body_name: string | null;
  case_number: string | null;
  result: 'upheld' | 'corrected' | 'other' | 'pending';
  closed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface MailOutboxTable {
  id: Generated<number>;
  agency_id: number | null;
  application_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  reason: string;
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
  error: string | null;
  /** 064_work_delivery: send attempts so far, the next try (backoff), the final failure, the addressed user. */
  attempts: Generated<number>;
  next_attempt_at: string | null;
  failed_at: string | null;
  user_id: number | null;
  /** 095_cluster: claimed by a sending process until this instant (null: not being sent). */
  lease_until: string | null;
  /** 095_cluster: the process holding the claim ("host:pid:random"). */
  lease_holder: string | null;
}

export interface Database {
  // 030_applications
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_attachments: ApplicationAttachmentsTable;
  letter_templates: LetterTemplatesTable;
  letters: LettersTable;
  application_fees: ApplicationFeesTable;
  appeal_cases: AppealCasesTable;
  mail_outbox: MailOutboxTable;
}

// ───────────── 040_catalogue: 主动公开 catalogue and portal content (feature: catalogue, portal-content) ─────────────

export interface CatalogueItemsTable {
  id: Generated<number>;
  agency_id: number;
  /** 索引号 (unique per agency, never reused). */
  index_no: string;
  /** 生成日期 (条例 第十二条 目录) */
  created_on: string;
  working_version: Generated<number>;
  published_version: number | null;
  /** 1 when published and not withdrawn (shown on the portal). */
  public: Generated<number>;
  title: string | null;
  doc_number: string | null;
  kind: string | null;
  category: number | null;
  subject: string | null;
  made_on: string | null;
  published_on: string | null;
  first_published_on: string | null;
  validity: Generated<string>;
  validity_changed_on: string | null;
  validity_reason: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  /** FTS rowid / recency key (core/search/rank.ts recencyKey); bigint on PostgreSQL (string when read). */
  search_key: number | string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  /** 064_work_delivery: made from information disclosed on this application (条例 第四十四条); null otherwise. */
  origin_application_id: number | null;
}

export interface CatalogueVersionsTable {
  id: Generated<number>;
  item_id: number;
  version_no: number;
  /** core/catalogue/workflow.ts State, or 'superseded' for an earlier published version */
  state: string;
  title: string;
  doc_number: string | null;
  publisher: string;
  made_on: string | null;
  formed_on: string;
  kind: string;
  category: number;
  subject: string | null;
  disclosure: string;
  withhold_reason: string | null;
  summary: string | null;
  /** sanitised with sanitize-html */
  body_html: string;
  body_text: string;
  change_note: string | null;
  review_result: string | null;
  review_basis: string | null;
  reviewer_id: number | null;
  reviewer_name: string | null;
  reviewed_at: string | null;
  approver_id: number | null;
  approver_name: string | null;
  approved_at: string | null;
  published_on: string | null;
  published_at: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface CatalogueCountersTable {
  agency_id: number;
  scope: string;
  last_seq: number;
}

export interface CatalogueSettingsTable {
  agency_id: number;
  index_pattern: string;
  require_interpretation: number;
  subjects_json: string | null;
  updated_at: string;
}

export interface CatalogueAttachmentsTable {
  id: Generated<number>;
  item_id: number;
  version_no: number;
  filename: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  storage: 'disk' | 'database';
  path: string | null;
  content_base64: string | null;
  created_at: string;
}

export interface CatalogueLinksTable {
  policy_id: number;
  interpretation_id: number;
}

export interface CatalogueEventsTable {
  id: Generated<number>;
  item_id: number;
  version_no: number;
  action: string;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  data_json: string | null;
}

export interface PortalPagesTable {
  agency_id: number;
  slug: string;
  title: string;
  body_html: string;
  updated_at: string;
  updated_by: number | null;
  version: Generated<number>;
}

/** PostgreSQL only (SQLite uses the FTS5 tables catalogue_fts / catalogue_fts_title, queried with sql``). */
export interface CatalogueSearchTable {
  item_id: number;
  /** 115_search_scale */
  agency_id: number;
  search_key: number | string;
  tsv: string;
  /** title (A) and metadata (C) lexemes, filter and month tokens (115_search_scale) */
  head: string;
}

export interface Database {
  // 040_catalogue
  catalogue_items: CatalogueItemsTable;
  catalogue_versions: CatalogueVersionsTable;
  catalogue_counters: CatalogueCountersTable;
  catalogue_settings: CatalogueSettingsTable;
  catalogue_attachments: CatalogueAttachmentsTable;
  catalogue_links: CatalogueLinksTable;
  catalogue_events: CatalogueEventsTable;
  portal_pages: PortalPagesTable;
  catalogue_search: CatalogueSearchTable;
}

// ───────────── 050_annual_report: the annual report from live data (feature: annual-report, decisions) ─────────────

/** Decisions register (表二 第二十条第（五）（六）（八）（九）项). category: core/annual-report DecisionCategory. */
export interface DecisionEntriesTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  category: string;
  /** The 办件's decision date (CSV import); null for a count entered per year. */
  decided_on: string | null;
  item_name: string | null;
  decision_type: string | null;
  count: Generated<number>;
  /** 万元 for 行政事业性收费 (2021); 采购总金额 for 政府集中采购 (2019). */
  amount: number | null;
  /** 'manual' | 'csv' */
  source: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** 235_catalogue_year_counts: 规章 / 行政规范性文件 of an agency's catalogue counted by the year of their dates (kept by
 *  triggers on catalogue_items; read by the annual report's table 二 第二十条第（一）项). */
export interface CatalogueYearCountsTable {
  agency_id: number;
  kind: string;
  /** YYYY */
  year: string;
  made: Generated<number>;
  abolished: Generated<number>;
  first_published: Generated<number>;
  /** +1 in the year first published, −1 in the year no longer in force (2021 format: abolished / expired / withdrawn) */
  stock_2021: Generated<number>;
  /** the same, ended only by withdrawal (2019 format: 对外公开总数量) */
  stock_2019: Generated<number>;
}

/** 上一年项目数量 / 本年增/减 per category (2019 format). */
export interface DecisionItemCountsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  category: string;
  previous_items: Generated<number>;
  items_change: Generated<number>;
  updated_at: string;
  version: Generated<number>;
}

export interface AnnualReportsTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** LayoutId: '2019' | '2021' | 'hybrid' */
  format: string;
  /** core/annual-report/workflow.ts ReportState */
  state: string;
  /** The report as it stands (computed cells + overrides + edited narrative). */
  model_json: string;
  /** The cells as compiled from the records (before overrides). */
  computed_json: string;
  /** { "<cell ref>": { value, computed, reason, by, at } } */
  overrides_json: string;
  findings_json: string;
  errors_count: Generated<number>;
  warnings_count: Generated<number>;
  /** 1 while the latest publication locks the year's records (第四十九条 report published). */
  locked: Generated<number>;
  published_version: Generated<number>;
  compiled_at: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface AnnualReportPublicationsTable {
  id: Generated<number>;
  report_id: number;
  agency_id: number;
  year: number;
  version_no: number;
  model_json: string;
  change_note: string | null;
  published_on: string;
  published_at: string;
  published_by: number | null;
}

export interface AnnualReportEventsTable {
  id: Generated<number>;
  report_id: number;
  kind: string;
  actor_user_id: number | null;
  actor_name: string;
  comment: string | null;
  at: string;
}

export interface Database {
  // 050_annual_report
  decision_entries: DecisionEntriesTable;
  decision_item_counts: DecisionItemCountsTable;
  // 235_catalogue_year_counts
  catalogue_year_counts: CatalogueYearCountsTable;
  annual_reports: AnnualReportsTable;
  annual_report_publications: AnnualReportPublicationsTable;
  annual_report_events: AnnualReportEventsTable;
}

// ───────────── 060_personal_data: applicants' personal data protection (feature: personal-data) ─────────────
// From 060 on, applications.phone / id_number / email / address and mail_outbox.to_address hold
// AES-256-GCM envelopes (`pd1:<keyId>:…`, features/personal-data/personal-data.crypto.ts).

export interface ApplicationsTable {
  /** HMAC of the normalised phone number (exact-match search). */
  phone_hash: string | null;
  /** HMAC of the normalised identity number. */
  id_number_hash: string | null;
  /** HMAC of the normalised email address. */
  email_hash: string | null;
  /** 096_disclosure_publication: the officer decided not to put the disclosed information into the catalogue (条例 第四十四条). */
  publication_dismissed_at: string | null;
  publication_dismissed_by: number | null;
  publication_dismissed_reason: string | null;
}

export interface PersonalDataAccessTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string;
  display_name: string;
  role: string;
  agency_id: number;
  application_id: number | null;
  query_code: string | null;
  door: string;
  fields: string;
  request_id: string | null;
}

export interface Database {
  // 060_personal_data
  personal_data_access: PersonalDataAccessTable;
}

// ───────────── 061_throttle: sign-in failures and rate-limit counters (feature: auth) ─────────────

export interface SigninFailuresTable {
  id: Generated<number>;
  /** lower-cased user name as typed */
  username: string;
  ip: string;
  /** epoch milliseconds (bigint on PostgreSQL: read with toNumber) */
  at_ms: number | string;
}

export interface RateLimitsTable {
  /** "<route>|<client key>" */
  bucket: string;
  /** epoch milliseconds when the current window began (bigint on PostgreSQL) */
  window_start_ms: number | string;
  hits: number;
}

export interface Database {
  // 061_throttle
  signin_failures: SigninFailuresTable;
  rate_limits: RateLimitsTable;
}

// ───────────── 063_audit_chain_passwords: audit hash chain head (feature: audit); users.must_change_password ─────────────

/** One row (id 1): the last link of the audit hash chain. Locked by every append (see audit.repository.ts). */
export interface AuditChainTable {
  id: number;
  last_seq: number;
  /** hash of the event at last_seq (GENESIS_HASH, 64 zeros, before the first event) */
  last_hash: string;
  last_id: number | null;
}

export interface Database {
  // 063_audit_chain_passwords
  audit_chain: AuditChainTable;
}

// ───────────── 064_work_delivery: disclosed information delivered with a reply (feature: applications) ─────────────

export interface ApplicationDisclosuresTable {
  id: Generated<number>;
  application_id: number;
  /** Ledger seq of the reply draft this item was attached to. */
  draft_seq: number;
  /** The reply letter it was frozen with (the reviewer's approval); null while the draft is open. */
  letter_id: number | null;
  kind: 'file' | 'catalogue';
  title: string;
  filename: string | null;
  mime: string | null;
  size: number | null;
  content_base64: string | null;
  catalogue_item_id: number | null;
  frozen_at: string | null;
  created_at: string;
  created_by: number | null;
  // 120_redactions
  /** The redacted copy (a PDF rebuilt from page images, decision 120), encrypted like the original; null until made or after a change. */
  redacted_base64: Generated<string | null>;
  redacted_size: Generated<number | null>;
  redacted_at: Generated<string | null>;
  /** Bumped by every change to the file's redactions (409 on a stale version). */
  redaction_version: Generated<number>;
  /** The officer's search terms for suggestions (JSON array), encrypted. */
  redaction_terms: Generated<string | null>;
}

/** A withheld part of a disclosed file, or a dismissed suggestion (120_redactions). */
export interface DisclosureRedactionsTable {
  id: Generated<number>;
  disclosure_id: number;
  page: number;
  /** [{x, y, w, h}] in points from the displayed page's top-left corner */
  boxes_json: string;
  /** 'box' (drawn) or a suggestion kind (id-number, phone, bank-card, email, term) */
  kind: string;
  status: 'applied' | 'dismissed';
  reason: string | null;
  other_text: string | null;
  suggestion_key: string | null;
  created_at: string;
  created_by: number | null;
}

export interface Database {
  disclosure_redactions: DisclosureRedactionsTable;
  // 064_work_delivery (users.email / digest_enabled, mail_outbox retries and catalogue_items.origin_application_id: in their tables above)
  application_disclosures: ApplicationDisclosuresTable;
}

// ───────────── 095_cluster: several server processes on one database (feature: cluster) ─────────────

export interface CacheGenerationsTable {
  name: string;
  generation: number;
  updated_at: string;
}

export interface JobLeasesTable {
  name: string;
  /** The process holding the lease ("host:pid:random"), null when free. */
  holder: string | null;
  lease_until: string | null;
  next_run_at: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
}

export interface Database {
  // 095_cluster
  cache_generations: CacheGenerationsTable;
  job_leases: JobLeasesTable;
}

// ───────────── 085_service_items: 政务服务事项 across 区 / 街道 / 社区 and 办件 (feature: service-items, decisions) ─────────────

/** One 实施清单 row (a unit's implementation); parent_id null for the 区 department's defining row. */
export interface ServiceItemsTable {
  id: Generated<number>;
  parent_id: number | null;
  agency_id: number;
  /** 'district' | 'street' | 'community' (from the agency's kind) */
  level: string;
  /** 实施编码 (unique) */
  code: string;
  /** 基本编码 */
  basic_code: string;
  name: string;
  /** 事项类型 (core/service-items ITEM_TYPES) */
  type: string;
  /** 'active' | 'suspended' | 'cancelled' */
  status: string;
  /** YYYY-MM-DD the status took effect */
  status_since: string;
  /** element key → value (core/service-items ElementValues) */
  values_json: string;
  /** bigram tokens of name, codes, conditions and materials (core/search tokenizer) */
  search_text: string;
  /** per-element hashes of the compared form (core/service-items/digest.ts), written with values_json; null = open the values */
  check_digest: string | null;
  /** core itemScore of values_json, written with it; null = compute from the values */
  completeness_score: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** The change history of an item (kind 'create' | 'update' | 'status' | 'import'). */
export interface ServiceItemChangesTable {
  id: Generated<number>;
  /** The item's agency, copied on insert (decision 205: the distribution key). */
  agency_id: number;
  item_id: number;
  /** the item's version this change produced */
  version_no: number;
  kind: string;
  /** status events: the new status and the date it takes effect */
  status: string | null;
  effective_on: string | null;
  /** ElementChange[] (core/service-items diffValues) */
  changes_json: string;
  reason: string | null;
  actor_user_id: number | null;
  actor_name: string;
  at: string;
}

export interface ServiceItemFilesTable {
  id: Generated<number>;
  /** The item's agency, copied on insert (decision 205: the distribution key). */
  agency_id: number;
  item_id: number;
  filename: string;
  mime: string;
  size: number;
  content_base64: string;
  created_at: string;
}

export interface ServiceItemSettingsTable {
  /** 'elements' (added ElementDef[]) | 'must_match' (element keys) */
  key: string;
  value_json: string;
  updated_at: string;
  version: Generated<number>;
}

export interface DecisionEntriesTable {
  /** 办件编号 (unique per agency; null for counts entered per year) */
  case_no: string | null;
  /** 实施编码 of the service item decided */
  item_code: string | null;
  /** 办理结果 (准予许可, 不予许可 …) */
  result: string | null;
}

export interface Database {
  // 085_service_items (decision_entries.case_no / item_code / result: in DecisionEntriesTable above)
  service_items: ServiceItemsTable;
  service_item_changes: ServiceItemChangesTable;
  service_item_files: ServiceItemFilesTable;
  service_item_settings: ServiceItemSettingsTable;
}

// ───────────── 080_evaluations: 好差评 ratings, 差评 work orders, suggestions (feature: evaluations) ─────────────

export interface EvaluationCasesTable {
  id: Generated<number>;
  /** the handling unit of the 办件 */
  agency_id: number;
  case_number: string;
  service_item_code: string | null;
  service_item_name: string | null;
  /** YYYY-MM-DD the 办件 was concluded (办结); null while open */
  concluded_on: string | null;
  created_at: string;
}

export interface EvaluationsTable {
  id: Generated<number>;
  /** the rated (and handling) unit */
  agency_id: number;
  receipt_code: string;
  /** 5 非常满意 … 1 非常不满意 */
  level: number;
  channel: string;
  target_type: string;
  target_ref: string | null;
  /** 政务服务事项 code as given (loose reference: the service-item catalogue is another feature's) */
  service_item_code: string | null;
  comment: string | null;
  indicators_json: string | null;
  real_name: number;
  /** envelopes (personal data, decision 060) */
  rater_name: string | null;
  rater_phone: string | null;
  phone_hash: string | null;
  rated_on: string;
  created_at: string;
  /** `<agency>|<办件>|<channel>` for ratings of a 办件 (one per 办件 and channel), else null */
  once_key: string | null;
  /** the id of the row in an imported export (idempotent re-import), else null */
  source_id: string | null;
}

export interface EvaluationVisitsTable {
  id: Generated<number>;
  agency_id: number;
  evaluation_id: number | null;
  order_id: number | null;
  visited_on: string;
  visitor: string;
  method: string;
  said: string | null;
  created_at: string;
  created_by: number | null;
}

export interface EvaluationOrdersTable {
  id: Generated<number>;
  agency_id: number;
  evaluation_id: number;
  state: string;
  classification: string | null;
  opened_on: string;
  classified_on: string | null;
  due_on: string | null;
  rectification: string | null;
  rectified_on: string | null;
  feedback: string | null;
  feedback_on: string | null;
  closed_on: string | null;
  outcome: string | null;
  version: Generated<number>;
  updated_at: string;
}

export interface EvaluationOrderEventsTable {
  id: Generated<number>;
  /** The order's agency, copied on insert (decision 205: the distribution key). */
  agency_id: number;
  order_id: number;
  kind: string;
  on_date: string;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  data_json: string | null;
}

export interface EvaluationOrderFilesTable {
  id: Generated<number>;
  /** The order's agency, copied on insert (decision 205: the distribution key). */
  agency_id: number;
  order_id: number;
  filename: string;
  mime: string;
  size: number;
  content_base64: string;
  created_at: string;
}

export interface SuggestionsTable {
  id: Generated<number>;
  agency_id: number;
  query_code: string;
  channel: string;
  content: string;
  /** envelopes (personal data, decision 060) */
  contact_name: string | null;
  contact_phone: string | null;
  received_on: string;
  due_on: string;
  state: string;
  result: string | null;
  result_text: string | null;
  handled_on: string | null;
  reply: string | null;
  replied_on: string | null;
  created_at: string;
  created_by: number | null;
  version: Generated<number>;
}

export interface EvaluationSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  // 080_evaluations
  evaluation_cases: EvaluationCasesTable;
  evaluations: EvaluationsTable;
  evaluation_visits: EvaluationVisitsTable;
  evaluation_orders: EvaluationOrdersTable;
  evaluation_order_events: EvaluationOrderEventsTable;
  evaluation_order_files: EvaluationOrderFilesTable;
  suggestions: SuggestionsTable;
  evaluation_settings: EvaluationSettingsTable;
}

// ───────────── 110_supervision: audit runs over many annual reports, triage, rectification (feature: supervision) ─────────────

export interface AuditRunsTable {
  id: Generated<number>;
  /** The supervising agency that ran it (its supervisors and those above see it). */
  agency_id: number;
  title: string;
  year: number | null;
  /** 'upload' | 'platform' */
  source: string;
  reports_count: number;
  clean_count: number;
  findings_count: number;
  unreadable_count: number;
  cross_year_json: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  version: Generated<number>;
}

export interface AuditRunReportsTable {
  id: Generated<number>;
  /** The run's agency (the supervising agency that ran it), copied on insert (decision 205: the distribution key). */
  agency_id: number;
  run_id: number;
  ordinal: number;
  file: string;
  agency_name: string | null;
  subject_agency_id: number | null;
  year: number | null;
  format: string | null;
  /** clean | findings | unreadable */
  status: string;
  /** complete | partial | none */
  read: string;
  errors_count: number;
  warnings_count: number;
  model_json: string | null;
  notes_json: string;
  not_checked_json: string;
  unread_json: string;
  replaces_report_id: number | null;
  created_at: string;
  /** 175: the reading is versioned since supervisors correct cells */
  version: Generated<number>;
  /** 175: the reading problems as first audited (JSON findings), kept from the first correction on */
  problems_json: string | null;
}

export interface AuditFindingsTable {
  id: Generated<number>;
  /** The run's agency (the supervising agency that ran it), copied on insert (decision 205: the distribution key). */
  agency_id: number;
  run_id: number;
  report_id: number | null;
  /** 'report' | 'cross_year' */
  scope: string;
  agency_name: string | null;
  subject_agency_id: number | null;
  year: number | null;
  rule: string;
  severity: string;
  /** 'import' | 'rules' */
  source: string;
  message: string;
  cells_json: string;
  fingerprint: string;
  /** pending | confirmed | dismissed | rectification */
  decision: string;
  reason: string | null;
  /** the finding of an earlier run whose decision this one carries */
  carried_from: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  version: Generated<number>;
}

export interface AuditRectificationsTable {
  id: Generated<number>;
  finding_id: number;
  run_id: number;
  supervisor_agency_id: number;
  /** the agency asked to rectify */
  agency_id: number;
  /** open | answered | resolved */
  state: string;
  comment: string;
  response: string | null;
  response_report_id: number | null;
  review_comment: string | null;
  created_by_name: string;
  created_at: string;
  responded_by_name: string | null;
  responded_at: string | null;
  resolved_at: string | null;
  updated_at: string;
  version: Generated<number>;
}

export interface Database {
  // 110_supervision
  audit_runs: AuditRunsTable;
  audit_run_reports: AuditRunReportsTable;
  audit_findings: AuditFindingsTable;
  audit_rectifications: AuditRectificationsTable;
}

// ───────────── 111_supervision_campaign: assessment weights, reminders of the 31 January campaign (feature: supervision) ─────────────

export interface SupervisionSettingsTable {
  agency_id: number;
  weights_json: string;
  updated_at: string;
  version: Generated<number>;
}

export interface SupervisionHierarchySettingsTable {
  agency_id: number;
  mode: string;
  cells_json: string;
  updated_at: string;
  version: Generated<number>;
}

export interface SupervisionRemindersTable {
  id: Generated<number>;
  supervisor_agency_id: number;
  agency_id: number;
  year: number;
  sent_on: string;
  sent_at: string;
  sent_by_name: string;
  mails: number;
}

export interface SupervisionSamplesTable {
  id: Generated<number>;
  supervisor_agency_id: number;
  year: number;
  seed: number;
  items_asked: number;
  cases_asked: number;
  items_population: number;
  cases_population: number;
  reason: string | null;
  replaced_by: number | null;
  drawn_by_name: string;
  drawn_at: string;
}

export interface SupervisionSampleItemsTable {
  id: Generated<number>;
  sample_id: number;
  ordinal: number;
  kind: string;
  entity_id: number;
  agency_id: number;
  label: string;
  ref_date: string | null;
  result: string | null;
  note: string | null;
  checked_by_name: string | null;
  checked_at: string | null;
  version: Generated<number>;
}

export interface Database {
  // 155_supervision_sampling
  supervision_samples: SupervisionSamplesTable;
  supervision_sample_items: SupervisionSampleItemsTable;
  // 111_supervision_campaign
  supervision_settings: SupervisionSettingsTable;
  supervision_hierarchy_settings: SupervisionHierarchySettingsTable;
  supervision_reminders: SupervisionRemindersTable;
}

// ───────────── 175_audit_cell_corrections: a supervisor's corrections of cells in an audit run's report (feature: supervision) ─────────────

export interface AuditCellCorrectionsTable {
  id: Generated<number>;
  /** The run's agency (the supervising agency that ran it), copied on insert (decision 205: the distribution key). */
  agency_id: number;
  run_id: number;
  report_id: number;
  /** a cell reference (core/report/model.ts CellRef) */
  cell: string;
  /** the value as read: a number, or null when the reader left the cell blank (JSON) */
  original_json: string;
  /** the supervisor's value (JSON number) */
  value_json: string;
  reason: string;
  /** active | replaced | withdrawn */
  state: string;
  created_by_name: string;
  created_at: string;
  ended_by_name: string | null;
  ended_at: string | null;
}

export interface Database {
  // 175_audit_cell_corrections
  audit_cell_corrections: AuditCellCorrectionsTable;
}

// ───────────── 220_audit_finding_counts_and_removals: decisions of findings a correction removed (feature: supervision) ─────────────

export interface AuditFindingRemovalsTable {
  id: Generated<number>;
  /** the run's supervising agency (audit_runs.agency_id) */
  agency_id: number;
  run_id: number;
  /** the removed finding's fingerprint (supervision.service.ts fingerprintOf) */
  fingerprint: string;
  /** its triage decision then: pending | confirmed | dismissed */
  decision: string;
  reason: string | null;
  carried_from: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  removed_at: string;
}

export interface Database {
  // 220_audit_finding_counts_and_removals
  audit_finding_removals: AuditFindingRemovalsTable;
}
// ───────────── 205–210: the agency key of child tables (decision 205) ─────────────
// Each record kept under a parent (a case's ledger, an item's versions, …) carries its parent's agency_id, copied on
// insert, so that its indexes lead with the agency and it would live on its parent's node under distribution.
export interface ApplicationEventsTable { agency_id: number }
export interface ApplicationAttachmentsTable { agency_id: number }
export interface ApplicationDisclosuresTable { agency_id: number }
export interface ApplicationFeesTable { agency_id: number }
export interface DisclosureRedactionsTable { agency_id: number }
export interface CatalogueVersionsTable { agency_id: number }
export interface CatalogueAttachmentsTable { agency_id: number }
export interface CatalogueEventsTable { agency_id: number }
export interface CatalogueLinksTable { agency_id: number }
export interface AnnualReportEventsTable { agency_id: number }

// ───────────── 215_supervision_figures: per agency and year, the counts the rankings compare (feature: supervision) ─────────────
// Kept by triggers on applications, deadlines and appeal_cases in the writing transaction (decision 215).

export interface SupervisionFiguresTable {
  agency_id: number;
  year: number;
  /** applications received in the year (received_on) */
  received: Generated<number>;
  /** applications concluded in the year, per outcome group of table 三 */
  o_disclose: Generated<number>;
  o_partial: Generated<number>;
  o_withhold: Generated<number>;
  o_unavailable: Generated<number>;
  o_decline: Generated<number>;
  o_other: Generated<number>;
  /** of those concluded in the year: with a reply deadline, and concluded on or before it */
  with_deadline: Generated<number>;
  on_time: Generated<number>;
  /** 复议 / 诉讼 filed in the year and decided, and corrected */
  review_decided: Generated<number>;
  review_corrected: Generated<number>;
  litigation_decided: Generated<number>;
  litigation_corrected: Generated<number>;
}

// 216_supervision_report_figures: per agency, year and auditing agency, that auditor's latest report with its findings
// counted (of the report, not dismissed), kept by triggers on audit_run_reports and audit_findings (decision 215).
export interface SupervisionReportFiguresTable {
  agency_id: number;
  year: number;
  run_agency_id: number;
  report_id: number;
  run_id: number;
  status: string;
  errors: number;
  warnings: number;
  /** findings per severity and rule: {"error:E1": 2, "warning:W-blank": 1} */
  rules_json: string;
}

export interface Database {
  // 215_supervision_figures
  supervision_figures: SupervisionFiguresTable;
  // 216_supervision_report_figures
  supervision_report_figures: SupervisionReportFiguresTable;
}
