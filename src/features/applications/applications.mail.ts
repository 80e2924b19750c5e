// The mail outbox: notifications are written in the same transaction as the change that causes them,
// and sent afterwards by SMTP when SMTP_URL is set; without SMTP they stay in the outbox, which the
// back office shows (development: "what would be sent"). A failed send is tried again with backoff
// (MAIL_RETRY_MINUTES); after the last try the message is marked failed and shown to the administrator.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import { nodemailer } from '../shared/libraries.ts';
import { PROCESS_ID } from '../cluster/cluster.service.ts';
import { claimOutbox, failedOutbox, findOutbox, insertOutbox, listOutbox, markOutbox, unsentOutbox, type Executor, type OutboxRow } from './applications.repository.ts';

/** Minutes to wait before the 2nd, 3rd, 4th and 5th try; after the 5th failed try the message is given up. */
export const MAIL_RETRY_MINUTES = [1, 5, 30, 120] as const;
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_MINUTES.length + 1;

/** After `attempts` failed tries: the time of the next try, or null when the message is given up. */
export function nextAttempt(attempts: number, now: Date): string | null {
  if (attempts >= MAIL_MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + MAIL_RETRY_MINUTES[attempts - 1]! * 60_000).toISOString();
}

// The recipient address is personal data: stored as an envelope (personal-data.crypto), opened to send and to list.
const TO_FIELD = 'mail_outbox.to_address';
// The body names the applicant and their request: stored as an envelope too.
const BODY_FIELD = 'mail_outbox.body';

export interface MailMessage {
  agencyId: number | null;
  applicationId: number | null;
  to: string;
  subject: string;
  body: string;
  /** Why it is sent (receipt, correction, extension, reply, due_soon …). */
  reason: string;
  /** Sent at most once per key (e.g. the 3-working-day reminder per application and due date). */
  dedupeKey?: string;
  /** The staff member it is addressed to (work digest). */
  userId?: number | null;
}

export interface Mailer {
  enqueue(trx: Executor, m: MailMessage): Promise<boolean>;
  /** Sends what is waiting (no-op without SMTP). Returns the number sent. */
  flush(): Promise<number>;
  /** Messages of these agencies (null: all), newest first, recipient decrypted. Who may see what: ApplicationsService.mailOutbox. */
  list(agencyIds: readonly number[] | null): Promise<OutboxRow[]>;
  /** Messages given up after the last try (shown to the administrator). */
  failed(agencyIds: readonly number[] | null): Promise<OutboxRow[]>;
  /** Try a given-up message again from the start (attempts reset). Returns false when there is no such failed message. */
  retry(id: number): Promise<boolean>;
  readonly smtp: boolean;
}

/** How long a message being sent stays claimed by its process (JOB_LEASE_SECONDS; decision 095). */
export const MAIL_LEASE_MS = 120_000;

export function createMailer(db: Kysely<Database>, opts: { cipher: PersonalDataCipher; smtpUrl?: string; from?: string; clock?: () => Date; leaseMs?: number }): Mailer {
  const clock = opts.clock ?? (() => new Date());
  const { cipher } = opts;
  const transport = opts.smtpUrl ? nodemailer().createTransport(opts.smtpUrl) : null;
  let flushing: Promise<number> | null = null;
  let again = false;
  async function doFlush(): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    const leaseMs = opts.leaseMs ?? MAIL_LEASE_MS;
    for (const listed of await unsentOutbox(db, nowIso(clock))) {
      // Several processes flush the same outbox: send only what this process claimed (a claim lapses when its
      // process dies before marking the message, and the message is then sent by the next flush of any process).
      const stored = await claimOutbox(db, listed.id, nowIso(clock), new Date(clock().getTime() + leaseMs).toISOString(), PROCESS_ID);
      if (!stored) continue;
      const m = { ...stored, to_address: cipher.open(TO_FIELD, stored.to_address), body: cipher.open(BODY_FIELD, stored.body) };
      if (!m.to_address.includes('@')) {
        // no address: trying again cannot help
        await markOutbox(db, m.id, { error: '没有可用的收件邮箱', attempts: m.attempts + 1, failed_at: nowIso(clock), next_attempt_at: null });
        continue;
      }
      try {
        await transport.sendMail({ from: opts.from ?? 'Gongkai <noreply@gongkai.invalid>', to: m.to_address, subject: m.subject, text: m.body });
        await markOutbox(db, m.id, { sent_at: nowIso(clock), error: null, next_attempt_at: null, attempts: m.attempts + 1 });
        sent++;
      } catch (e) {
        const attempts = m.attempts + 1;
        const next = nextAttempt(attempts, clock());
        await markOutbox(db, m.id, { error: String((e as Error).message ?? e).slice(0, 500), attempts, next_attempt_at: next, failed_at: next ? null : nowIso(clock) });
      }
    }
    return sent;
  }
  return {
    smtp: transport !== null,
    async enqueue(trx, m) {
      return insertOutbox(trx, {
        agency_id: m.agencyId, application_id: m.applicationId, to_address: cipher.seal(TO_FIELD, m.to), subject: m.subject, body: cipher.seal(BODY_FIELD, m.body), reason: m.reason,
        dedupe_key: m.dedupeKey ?? null, created_at: nowIso(clock), sent_at: null, error: null, user_id: m.userId ?? null,
      });
    },
    flush() {
      // One sender at a time; a flush asked for while one runs makes it go round once more (new mail).
      if (flushing) { again = true; return flushing; }
      flushing = (async () => {
        let n = 0;
        do { again = false; n += await doFlush(); } while (again);
        return n;
      })().finally(() => { flushing = null; });
      return flushing;
    },
    list: async (agencyIds) => (await listOutbox(db, agencyIds)).map((m) => ({ ...m, to_address: cipher.open(TO_FIELD, m.to_address), body: cipher.open(BODY_FIELD, m.body) })),
    failed: async (agencyIds) => (await failedOutbox(db, agencyIds)).map((m) => ({ ...m, to_address: cipher.open(TO_FIELD, m.to_address), body: cipher.open(BODY_FIELD, m.body) })),
    async retry(id) {
      const m = await findOutbox(db, id);
      if (!m || m.sent_at || !m.failed_at) return false;
      await markOutbox(db, id, { attempts: 0, failed_at: null, next_attempt_at: null, error: null });
      return true;
    },
  };
}
