// Kysely queries for applications, their ledger, attachments, fees and the mail outbox (SQLite and PostgreSQL).
// The ledger (application_events) is append-only: this module only ever inserts into it.
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../../db/types.ts';
import { likeOp, likePattern, dialectOf } from '../../db/dialect.ts';

export type Executor = Kysely<Database> | Transaction<Database>;
export type ApplicationRow = Selectable<Database['applications']>;
export type ApplicationInsert = Insertable<Database['applications']>;
export type EventRow = Selectable<Database['application_events']>;
export type AttachmentRow = Selectable<Database['application_attachments']>;
export type FeeRow = Selectable<Database['application_fees']>;
export type OutboxRow = Selectable<Database['mail_outbox']>;

export async function insertApplication(db: Executor, row: ApplicationInsert): Promise<number> {
  const r = await db.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findApplication(db: Executor, id: number): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByQueryCode(db: Executor, code: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('query_code', '=', code).executeTakeFirst();
}

/** Optimistic update: only when the stored version is `expected`; bumps the version. Returns false on a stale version. */
export async function updateApplication(db: Executor, id: number, expected: number, patch: Updateable<Database['applications']>): Promise<boolean> {
  const r = await db.updateTable('applications')
    .set({ ...patch, version: expected + 1 })
    .where('id', '=', id).where('version', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appendEvent(db: Executor, row: Omit<Insertable<Database['application_events']>, 'seq'>): Promise<number> {
  const last = await db.selectFrom('application_events').select((eb) => eb.fn.max('seq').as('m')).where('agency_id', '=', row.agency_id).where('application_id', '=', row.application_id).executeTakeFirst();
  const seq = Number(last?.m ?? 0) + 1;
  await db.insertInto('application_events').values({ ...row, seq }).execute();
  return seq;
}

/** A case's ledger, read by its agency and id (the index (agency_id, application_id, seq), decision 205). */
export function listEvents(db: Executor, agencyId: number, applicationId: number): Promise<EventRow[]> {
  return db.selectFrom('application_events').selectAll().where('agency_id', '=', agencyId).where('application_id', '=', applicationId).orderBy('seq').execute();
}

/** The ledgers of these cases (a list page's rows), read per agency through (agency_id, application_id, seq). */
export async function eventsFor(db: Executor, apps: readonly { id: number; agency_id: number }[]): Promise<Map<number, EventRow[]>> {
  const out = new Map<number, EventRow[]>();
  if (apps.length === 0) return out;
  for (let i = 0; i < apps.length; i += 500) {
    const part = apps.slice(i, i + 500);
    const rows = await db.selectFrom('application_events').selectAll().where('agency_id', 'in', [...new Set(part.map((a) => a.agency_id))]).where('application_id', 'in', part.map((a) => a.id)).orderBy('application_id').orderBy('seq').execute();
    for (const r of rows) {
      const l = out.get(r.application_id) ?? [];
      l.push(r);
      out.set(r.application_id, l);
    }
  }
  return out;
}

export interface ListFilter {
  agencyIds: readonly number[] | null;
  states?: readonly string[];
  /** A user's cases; null = no one assigned. */
  assignedUserId?: number | null;
  /**
   * Only cases whose reply clock may be due by `date` as of `today`: every case except those whose stored open reply
   * clock (deadline_clocks, kept by syncClock on every ledger change and by each calendar change) is due after `date`. A stored due date can only be
   * earlier than the one computed now (an open pause lengthens the period as days pass), so a case left out cannot be
   * due by `date`. Cases with a receipt or an event dated after `today` are kept (their clock is read from that later
   * day). A candidate filter: the reply clock itself is still computed from the ledger.
   */
  replyDueOnOrBefore?: { date: string; today: string };
  /** Only cases whose ledger has an event of one of these kinds. */
  withEventKinds?: readonly string[];
  q?: string;
  receivedFrom?: string;
  receivedTo?: string;
  applicantType?: string;
  /** With q: also match exact phone / identity-number hashes (personal-data search; handling roles only). */
  personalHashes?: { phone: readonly string[]; idNumber: readonly string[] };
  /** With q: false = do not match applicant names (roles that see names masked must not probe them). */
  searchNames?: boolean;
}

export async function listApplications(db: Executor, f: ListFilter, page?: { limit: number; offset: number }): Promise<ApplicationRow[]> {
  let q = filtered(db, f).selectAll().orderBy('id', 'desc');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

/**
 * One page of the applications matching the filter, newest first, with how many match in all — in one statement: the
 * count is a scalar subquery over the same filter, evaluated once (an uncorrelated subquery), not a window over every
 * match. A page past the end has no row to carry the count: then it is counted on its own.
 */
export async function listApplicationsPage(db: Executor, f: ListFilter, page: { limit: number; offset: number }): Promise<{ rows: ApplicationRow[]; total: number }> {
  const found = await filtered(db, f).selectAll()
    .select(() => filtered(db, f).select((eb) => eb.fn.countAll().as('n')).as('listed_total'))
    .orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
  if (!found.length) return { rows: [], total: page.offset === 0 ? 0 : await countListed(db, f) };
  const total = Number(found[0]!.listed_total ?? 0);
  const rows = found.map(({ listed_total: _, ...row }) => row as ApplicationRow);
  return { rows, total };
}

/** How many applications match the filter (the total of a paged list). */
export async function countListed(db: Executor, f: ListFilter): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many applications match the filter, per state (states without a match are absent). */
export async function countByState(db: Executor, f: ListFilter): Promise<Map<string, number>> {
  const rows = await filtered(db, f).select((eb) => ['state', eb.fn.countAll().as('n')]).groupBy('state').execute();
  return new Map(rows.map((r) => [String(r.state), Number(r.n)]));
}

function filtered(db: Executor, f: ListFilter) {
  let q = db.selectFrom('applications');
  if (f.agencyIds) q = f.agencyIds.length ? q.where('agency_id', 'in', f.agencyIds) : q.where('id', '=', -1);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.assignedUserId === null) q = q.where('assigned_user_id', 'is', null);
  else if (f.assignedUserId !== undefined) q = q.where('assigned_user_id', '=', f.assignedUserId);
  if (f.replyDueOnOrBefore) {
    const { date, today } = f.replyDueOnOrBefore;
    q = q.where((eb) => eb.or([
      eb.not(eb.exists(eb.selectFrom('deadline_clocks').select(sql.lit(1).as('x'))
        .where('deadline_clocks.entity', '=', 'application').where('deadline_clocks.kind', '=', 'reply').where('deadline_clocks.open', '=', 1)
        .where('deadline_clocks.entity_id', '=', sql<string>`cast(applications.id as text)`)
        .where('deadline_clocks.due', '>', date))),
      eb('applications.received_on', '>', today),
      eb('applications.id', 'in', eb.selectFrom('application_events').select('application_events.application_id').where('application_events.on_date', '>', today)),
    ]));
  }
  if (f.withEventKinds) {
    const kinds = f.withEventKinds;
    q = kinds.length
      ? q.where((eb) => eb.exists(eb.selectFrom('application_events').select(sql.lit(1).as('x'))
        .whereRef('application_events.agency_id', '=', 'applications.agency_id').whereRef('application_events.application_id', '=', 'applications.id').where('application_events.kind', 'in', [...kinds])))
      : q.where('applications.id', '=', -1);
  }
  if (f.receivedFrom) q = q.where('received_on', '>=', f.receivedFrom);
  if (f.receivedTo) q = q.where('received_on', '<=', f.receivedTo);
  if (f.applicantType) q = q.where('applicant_type', '=', f.applicantType as ApplicationRow['applicant_type']);
  if (f.q) {
    const op = likeOp(dialectOf(db as Kysely<unknown>));
    const pat = likePattern(f.q);
    const h = f.personalHashes;
    q = q.where((eb) => eb.or([
      eb('content', op, pat), eb('query_code', op, pat), ...(f.searchNames === false ? [] : [eb('applicant_name', op, pat)]),
      ...(h?.phone.length ? [eb('phone_hash', 'in', h.phone)] : []), ...(h?.idNumber.length ? [eb('id_number_hash', 'in', h.idNumber)] : []),
    ]));
  }
  return q;
}

/** What the hints (and the 109号 monthly count) read of an applicant's other applications. */
export type ApplicantApplicationRow = Pick<ApplicationRow, 'id' | 'content' | 'received_on' | 'outcome'>;

/** Applications of one applicant at one agency (109号 monthly count, hints), only the columns those read (a frequent
 *  applicant has hundreds); several keys during a key rotation. */
export function applicantApplicationsBrief(db: Executor, agencyId: number, applicantKeys: readonly string[]): Promise<ApplicantApplicationRow[]> {
  return db.selectFrom('applications').select(['id', 'content', 'received_on', 'outcome']).where('agency_id', '=', agencyId).where('applicant_key', 'in', applicantKeys).orderBy('id').execute();
}


/** The stored personal columns of these applications (export). */
export async function personalColumnsOf(db: Executor, ids: readonly number[]): Promise<Map<number, ApplicationRow>> {
  const out = new Map<number, ApplicationRow>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await db.selectFrom('applications').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute()) out.set(r.id, r);
  }
  return out;
}

/** Records for the table 三 fold of a year: received on or before 31 Dec, not concluded before 1 Jan. */
export function foldRows(db: Executor, agencyId: number, year: number): Promise<Pick<ApplicationRow, 'id' | 'applicant_type' | 'received_on' | 'concluded_on' | 'outcome'>[]> {
  return db.selectFrom('applications')
    .select(['id', 'applicant_type', 'received_on', 'concluded_on', 'outcome'])
    .where('agency_id', '=', agencyId)
    .where('received_on', 'is not', null)
    .where('received_on', '<=', `${year}-12-31`)
    .where((eb) => eb.or([eb('concluded_on', 'is', null), eb('concluded_on', '>=', `${year}-01-01`)]))
    .orderBy('id')
    .execute();
}

export async function insertAttachment(db: Executor, row: Insertable<Database['application_attachments']>): Promise<number> {
  const r = await db.insertInto('application_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function listAttachments(db: Executor, agencyId: number, applicationId: number): Promise<Omit<AttachmentRow, 'content_base64'>[]> {
  return db.selectFrom('application_attachments').select(['id', 'agency_id', 'application_id', 'kind', 'filename', 'mime', 'size', 'created_at']).where('agency_id', '=', agencyId).where('application_id', '=', applicationId).orderBy('id').execute();
}

export function findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('application_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertFee(db: Executor, row: Insertable<Database['application_fees']>): Promise<void> {
  await db.insertInto('application_fees').values(row).execute();
}

export function findFee(db: Executor, agencyId: number, applicationId: number): Promise<FeeRow | undefined> {
  return db.selectFrom('application_fees').selectAll().where('agency_id', '=', agencyId).where('application_id', '=', applicationId).executeTakeFirst();
}

export async function markFeePaid(db: Executor, agencyId: number, applicationId: number, paidOn: string): Promise<void> {
  await db.updateTable('application_fees').set({ paid_on: paidOn }).where('agency_id', '=', agencyId).where('application_id', '=', applicationId).execute();
}

export async function insertOutbox(db: Executor, row: Insertable<Database['mail_outbox']>): Promise<boolean> {
  if (row.dedupe_key) {
    const existing = await db.selectFrom('mail_outbox').select('id').where('dedupe_key', '=', row.dedupe_key).executeTakeFirst();
    if (existing) return false;
  }
  await db.insertInto('mail_outbox').values(row).execute();
  return true;
}

export function listOutbox(db: Executor, agencyIds: readonly number[] | null, limit = 200): Promise<OutboxRow[]> {
  let q = db.selectFrom('mail_outbox').selectAll();
  if (agencyIds) q = agencyIds.length ? q.where('agency_id', 'in', agencyIds) : q.where('id', '=', -1);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Mail to send now: not sent, not given up, and its next try (backoff) not in the future. */
export function unsentOutbox(db: Executor, now: string, limit = 50): Promise<OutboxRow[]> {
  return db.selectFrom('mail_outbox').selectAll().where('sent_at', 'is', null).where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)])).orderBy('id').limit(limit).execute();
}

/**
 * Claims an unsent message for sending until `until` (095_cluster): one conditional UPDATE, so of several processes
 * flushing at once exactly one gets it; the claim of a process that died lapses at `until`. Returns the row as claimed
 * (attempts as stored now), or undefined when someone else holds it or it was sent meanwhile.
 */
export async function claimOutbox(db: Executor, id: number, now: string, until: string, holder: string): Promise<OutboxRow | undefined> {
  const r = await db.updateTable('mail_outbox').set({ lease_until: until, lease_holder: holder }).where('id', '=', id).where('sent_at', 'is', null).where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)])).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return undefined;
  return findOutbox(db, id);
}

/** Mail given up after the last try (newest first), for the administrator. */
export function failedOutbox(db: Executor, agencyIds: readonly number[] | null, limit = 200): Promise<OutboxRow[]> {
  let q = db.selectFrom('mail_outbox').selectAll().where('failed_at', 'is not', null).where('sent_at', 'is', null);
  if (agencyIds) q = agencyIds.length ? q.where((eb) => eb.or([eb('agency_id', 'in', agencyIds), eb('agency_id', 'is', null)])) : q.where('id', '=', -1);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export function findOutbox(db: Executor, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markOutbox(db: Executor, id: number, patch: { sent_at?: string; error?: string | null; attempts?: number; next_attempt_at?: string | null; failed_at?: string | null }): Promise<void> {
  await db.updateTable('mail_outbox').set({ ...patch, lease_until: null, lease_holder: null }).where('id', '=', id).execute();
}

export function usersOfAgency(db: Executor, agencyId: number): Promise<{ id: number; display_name: string; role: string }[]> {
  return db.selectFrom('users').select(['id', 'display_name', 'role']).where('agency_id', '=', agencyId).where('active', '=', 1).orderBy('id').execute();
}

export function findUser(db: Executor, id: number): Promise<{ id: number; display_name: string; role: string; agency_id: number; email: string | null; active: number } | undefined> {
  return db.selectFrom('users').select(['id', 'display_name', 'role', 'agency_id', 'email', 'active']).where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Executor, username: string): Promise<{ id: number; username: string; display_name: string; role: string; agency_id: number } | undefined> {
  return db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'agency_id']).where('username', '=', username).executeTakeFirst();
}

export async function countApplications(db: Executor, agencyId: number): Promise<number> {
  const r = await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).where('agency_id', '=', agencyId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Information disclosed with a reply (files, links to published catalogue items): attached to a draft, frozen with the letter. */
export type DisclosureRow = Selectable<Database['application_disclosures']>;

export async function insertDisclosure(db: Executor, row: Insertable<Database['application_disclosures']>): Promise<void> {
  await db.insertInto('application_disclosures').values(row).execute();
}

export function disclosuresOf(db: Executor, agencyId: number, applicationId: number): Promise<DisclosureRow[]> {
  return db.selectFrom('application_disclosures').selectAll().where('agency_id', '=', agencyId).where('application_id', '=', applicationId).orderBy('id').execute();
}

export function findDisclosure(db: Executor, id: number): Promise<DisclosureRow | undefined> {
  return db.selectFrom('application_disclosures').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Freeze a draft's items with the letter the reviewer's approval issued (only items not frozen yet). */
export async function freezeDisclosures(db: Executor, agencyId: number, applicationId: number, draftSeq: number, letterId: number, at: string): Promise<void> {
  await db.updateTable('application_disclosures').set({ letter_id: letterId, frozen_at: at })
    .where('agency_id', '=', agencyId).where('application_id', '=', applicationId).where('draft_seq', '=', draftSeq).where('frozen_at', 'is', null).execute();
}

/** Published (public) catalogue items among `ids`: what a reply may link to (any agency's published information). */
export function publishedCatalogueItems(db: Executor, ids: readonly number[]): Promise<{ id: number; title: string | null }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('catalogue_items').select(['id', 'title']).where('id', 'in', [...ids]).where('public', '=', 1).execute();
}

// ───────────── 区分处理: redactions of disclosed files (120_redactions) ─────────────

export type RedactionRow = Selectable<Database['disclosure_redactions']>;

export function redactionsOf(db: Executor, agencyId: number, disclosureId: number): Promise<RedactionRow[]> {
  return db.selectFrom('disclosure_redactions').selectAll().where('agency_id', '=', agencyId).where('disclosure_id', '=', disclosureId).orderBy('page').orderBy('id').execute();
}

export async function insertRedaction(db: Executor, row: Insertable<Database['disclosure_redactions']>): Promise<void> {
  await db.insertInto('disclosure_redactions').values(row).execute();
}

export async function deleteRedaction(db: Executor, disclosureId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('disclosure_redactions').where('disclosure_id', '=', disclosureId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Claims the next redaction version of an open (not frozen) disclosure if it is still `expected`: the
 * redacted copy is dropped (it no longer matches). False when someone else changed it first.
 */
export async function bumpRedactionVersion(db: Executor, disclosureId: number, expected: number, terms?: string | null): Promise<boolean> {
  const r = await db.updateTable('application_disclosures')
    .set({ redaction_version: expected + 1, redacted_base64: null, redacted_size: null, redacted_at: null, ...(terms !== undefined ? { redaction_terms: terms } : {}) })
    .where('id', '=', disclosureId).where('redaction_version', '=', expected).where('frozen_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Stores the redacted copy made from version `version` of the redactions; false when they changed meanwhile. */
export async function setRedactedCopy(db: Executor, disclosureId: number, version: number, content: string, size: number, at: string): Promise<boolean> {
  const r = await db.updateTable('application_disclosures').set({ redacted_base64: content, redacted_size: size, redacted_at: at })
    .where('id', '=', disclosureId).where('redaction_version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
