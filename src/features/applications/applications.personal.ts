// The personal-data policy (core/personal-data) applied to what the applications feature hands out:
// case details, list rows, letters, mail outbox messages and export rows. The service calls these
// on every result, so the API, the pages, the exports and the downloads show the same fields.
import {
  applicantFor, applicantNameFor, maskName, maskText, MASK, policyFor, seesPersonalData, type ApplicantLike, type Viewer,
} from '../../core/personal-data/index.ts';
import type { Letter } from '../letters/letters.service.ts';
import type { OutboxRow } from './applications.repository.ts';

/** The applicant of a stored (decrypted) row, in the shape the policy works on. */
export function applicantOfRow(row: {
  applicant_type: string; applicant_name: string; id_type: string | null; id_number: string | null; legal_representative: string | null;
  contact_person: string | null; phone: string; email: string | null; address: string | null; postcode: string | null;
}): ApplicantLike {
  return {
    type: row.applicant_type, name: row.applicant_name, idType: row.id_type, idNumber: row.id_number, legalRepresentative: row.legal_representative,
    contactPerson: row.contact_person, phone: row.phone, email: row.email, address: row.address, postcode: row.postcode,
  };
}

/** The personal fields a full view shows (for the access log). */
export function shownFields(a: ApplicantLike): string[] {
  return (['name', 'idNumber', 'phone', 'email', 'address', 'postcode', 'contactPerson', 'legalRepresentative'] as const)
    .filter((f) => (f === 'name' ? a.type === 'natural_person' : Boolean(a[f])));
}

interface DetailShape {
  applicantName: string;
  applicantType: string;
  applicant: ApplicantLike;
  letters: Letter[];
  pendingReply: { preview: string } | null;
  attachments: { filename: string }[];
  ledger: { summary: string; data: Record<string, unknown> }[];
}

/** A ledger entry's typed notes with the applicant's data masked (roles outside the handling agency). */
function maskedEntry<E extends { summary: string; data: Record<string, unknown> }>(e: E, applicant: ApplicantLike): E {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e.data)) data[k] = typeof v === 'string' ? maskText(v, applicant) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? maskText(x, applicant) : x)) : v;
  return { ...e, summary: maskText(e.summary, applicant), data };
}

/** A case detail as `viewer` may see it: applicant fields, letter texts and the reply preview. */
export function detailFor<D extends DetailShape>(viewer: Viewer, d: D, applicant: ApplicantLike): D {
  if (seesPersonalData(viewer)) return d;
  return {
    ...d,
    applicantName: applicantNameFor(viewer, d.applicantType, d.applicantName),
    applicant: applicantFor(viewer, d.applicant),
    letters: d.letters.map((l) => letterFor(viewer, l, applicant)),
    pendingReply: d.pendingReply ? { ...d.pendingReply, preview: maskText(d.pendingReply.preview, applicant) } : null,
    // file names of identity scans often carry the name ("张三身份证.jpg")
    attachments: d.attachments.map((x) => ({ ...x, filename: maskText(x.filename, applicant) })),
    // notes typed with actions (补正内容, 审核意见, 理由) may name the applicant
    ledger: d.ledger.map((e) => maskedEntry(e, applicant)),
  };
}

export function summaryFor<S extends { applicantName: string; applicantType: string }>(viewer: Viewer, s: S): S {
  return seesPersonalData(viewer) ? s : { ...s, applicantName: applicantNameFor(viewer, s.applicantType, s.applicantName) };
}

/** A letter as `viewer` may see it: the applicant's data masked in its text unless the policy allows the full letter. */
export function letterFor(viewer: Viewer, l: Letter, applicant: ApplicantLike): Letter {
  if (policyFor(viewer).letters === 'full') return l;
  return { ...l, body: maskText(l.body, applicant), title: maskText(l.title, applicant) };
}

export interface OutboxMessage {
  id: number;
  agencyId: number | null;
  applicationId: number | null;
  to: string;
  subject: string;
  /** null when the viewer may not read mail bodies. */
  body: string | null;
  reason: string;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  /** Send attempts so far, the next try (backoff) and when the system gave up (after the last try). */
  attempts: number;
  nextAttemptAt: string | null;
  failedAt: string | null;
}

/** An outbox message as `viewer` may see it (recipient masked, body withheld outside the handling agency). */
export function outboxFor(viewer: Viewer, m: OutboxRow, applicant: ApplicantLike | null): OutboxMessage {
  const full = policyFor(viewer).mail === 'full';
  return {
    id: m.id, agencyId: m.agency_id, applicationId: m.application_id, to: full ? m.to_address : MASK,
    subject: full || !applicant ? m.subject : maskText(m.subject, applicant), body: full ? m.body : null, reason: m.reason,
    createdAt: m.created_at, sentAt: m.sent_at, error: m.error, attempts: m.attempts, nextAttemptAt: m.next_attempt_at, failedAt: m.failed_at,
  };
}

export interface ExportPersonal {
  applicantName: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** Export columns: masked unless `unmasked` (the caller checked policy.exportUnmasked). */
export function exportPersonal(a: ApplicantLike, unmasked: boolean): ExportPersonal {
  if (unmasked) return { applicantName: a.name, idNumber: a.idNumber ?? null, phone: a.phone ?? null, email: a.email ?? null, address: a.address ?? null };
  const m = (v: string | null | undefined) => (v ? MASK : null);
  return { applicantName: a.type === 'natural_person' ? maskName(a.name) : a.name, idNumber: m(a.idNumber), phone: m(a.phone), email: m(a.email), address: m(a.address) };
}
