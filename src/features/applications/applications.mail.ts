// The mail outbox: notifications are written in the same transaction as the change that causes them,
// and sent afterwards by SMTP when SMTP_URL is set; without SMTP they stay in the outbox, which the
// back office shows (development: "what would be sent").
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { PersonalDataCipher } from '../personal-data/personal-data.crypto.ts';
import { insertOutbox, listOutbox, markOutbox, unsentOutbox, type Executor, type OutboxRow } from './applications.repository.ts';

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
}

export interface Mailer {
  enqueue(trx: Executor, m: MailMessage): Promise<boolean>;
  /** Sends what is waiting (no-op without SMTP). Returns the number sent. */
  flush(): Promise<number>;
  /** Messages of these agencies (null: all), newest first, recipient decrypted. Who may see what: ApplicationsService.mailOutbox. */
  list(agencyIds: readonly number[] | null): Promise<OutboxRow[]>;
  readonly smtp: boolean;
}

export function createMailer(db: Kysely<Database>, opts: { cipher: PersonalDataCipher; smtpUrl?: string; from?: string; clock?: () => Date }): Mailer {
  const clock = opts.clock ?? (() => new Date());
  const { cipher } = opts;
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  let flushing: Promise<number> | null = null;
  let again = false;
  async function doFlush(): Promise<number> {
    if (!transport) return 0;
    let sent = 0;
    for (const stored of await unsentOutbox(db)) {
      const m = { ...stored, to_address: cipher.open(TO_FIELD, stored.to_address), body: cipher.open(BODY_FIELD, stored.body) };
      if (!m.to_address.includes('@')) {
        await markOutbox(db, m.id, { error: '没有可用的收件邮箱' });
        continue;
      }
      try {
        await transport.sendMail({ from: opts.from ?? 'Gongkai <noreply@gongkai.invalid>', to: m.to_address, subject: m.subject, text: m.body });
        await markOutbox(db, m.id, { sent_at: nowIso(clock) });
        sent++;
      } catch (e) {
        await markOutbox(db, m.id, { error: String((e as Error).message ?? e).slice(0, 500) });
      }
    }
    return sent;
  }
  return {
    smtp: transport !== null,
    async enqueue(trx, m) {
      return insertOutbox(trx, {
        agency_id: m.agencyId, application_id: m.applicationId, to_address: cipher.seal(TO_FIELD, m.to), subject: m.subject, body: cipher.seal(BODY_FIELD, m.body), reason: m.reason,
        dedupe_key: m.dedupeKey ?? null, created_at: nowIso(clock), sent_at: null, error: null,
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
  };
}
