// Personal data: the cipher (encryption at rest + keyed hashes), the sealing of rows written before encryption, key
// rotation over every sealed column (SEALED_TABLES), and the access log (who opened which applicant's data, through
// which door). The field-level policy per role is pure: core/personal-data/policy.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import { roleLabels, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { HashKind, PersonalDataCipher } from './personal-data.crypto.ts';
import {
  applicationsToSeal, countAccess, insertAccess, listAccess, rewriteSealedRow, sealedRowsToRewrite, updateSealed, type Executor,
} from './personal-data.repository.ts';

/** Where personal data was shown. */
export const ACCESS_DOORS = ['case_page', 'api_get', 'letter_docx', 'letter_pdf', 'attachment', 'export', 'mail_outbox', 'mail_outbox_api'] as const;
export type AccessDoor = (typeof ACCESS_DOORS)[number];

export const DOOR_LABELS: Record<AccessDoor, string> = {
  case_page: '案件页面', api_get: '接口 getApplication', letter_docx: '文书下载（DOCX）', letter_pdf: '文书下载（PDF）', attachment: '附件下载',
  export: '导出（不遮盖）', mail_outbox: '邮件发件箱页面', mail_outbox_api: '接口 listMailOutbox',
};

export const FIELD_LABELS: Record<string, string> = {
  name: '姓名', idNumber: '证件号码', phone: '联系电话', email: '电子邮箱', address: '通讯地址', postcode: '邮政编码',
  contactPerson: '联系人', legalRepresentative: '法定代表人', letter: '文书', attachment: '身份证明附件', mailBody: '邮件正文',
};

/** 'phone' → 联系电话; 'rows=12' → 12行; 'messages=3' → 3封邮件. */
function fieldLabel(f: string): string {
  const m = /^(rows|messages)=(\d+)$/.exec(f);
  if (m) return m[1] === 'rows' ? `${m[2]}行` : `${m[2]}封邮件`;
  return FIELD_LABELS[f] ?? f;
}

export interface AccessEntry {
  agencyId: number;
  applicationId: number | null;
  queryCode: string | null;
  door: AccessDoor;
  fields: readonly string[];
}

export interface AccessView {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  agencyId: number;
  applicationId: number | null;
  queryCode: string | null;
  door: string;
  doorLabel: string;
  fields: string[];
  fieldsLabel: string;
  requestId: string | null;
}

export interface SealResult {
  applications: number;
  mails: number;
  attachments: number;
  /** files disclosed with replies (original and redacted copy) and their redaction search terms */
  disclosures: number;
  /** 实名 raters' name and phone */
  ratings: number;
  /** suggesters' name and phone */
  suggestions: number;
  /** 差评 rectification evidence files */
  evidenceFiles: number;
  keyId: string;
}

export interface PersonalDataService {
  readonly cipher: PersonalDataCipher;
  /** Where the key came from ('generated': a key file was just created — the server says so at start). */
  readonly keySource: { source: 'config' | 'file' | 'generated'; file?: string | undefined };
  /** Write access-log rows (inside the caller's request; `ex` may be its transaction). */
  record(ex: Executor, actor: Actor, entries: readonly AccessEntry[]): Promise<void>;
  /** The access log, newest first, paged: admin sees every agency, a leader their own. */
  list(actor: Actor, q: { page: number; pageSize: number; applicationId?: number }): Promise<{ items: AccessView[]; total: number; page: number; pageSize: number }>;
  /** Encrypt rows written before encryption (or by bulk loaders) and fill missing hashes; idempotent. */
  sealPlaintext(): Promise<SealResult>;
  /** Re-encrypt every value of every sealed column (applications and SEALED_TABLES) that is not under the current key
   *  (after PERSONAL_DATA_KEY changed) and recompute the hashes. */
  rotate(): Promise<SealResult>;
}

/** Authenticated-data names of the stored envelopes outside the applications table. */
export const ATTACHMENT_FIELD = 'application_attachments.content';
export const OUTBOX_TO_FIELD = 'mail_outbox.to_address';
export const OUTBOX_BODY_FIELD = 'mail_outbox.body';

/** Authenticated-data names of the other sealed columns (each feature seals with the same name). */
export const DISCLOSURE_TERMS_FIELD = 'application_disclosures.redaction_terms';
export const RATER_NAME_FIELD = 'evaluations.rater_name';
export const RATER_PHONE_FIELD = 'evaluations.rater_phone';
export const SUGGESTION_NAME_FIELD = 'suggestions.contact_name';
export const SUGGESTION_PHONE_FIELD = 'suggestions.contact_phone';
export const EVIDENCE_FIELD = 'evaluation_order_files.content';

export interface SealedColumn {
  column: string;
  /** the authenticated-data name the value is sealed under */
  field: string;
  /** binary content (sealBytes / openBytes; plaintext is base64) rather than text */
  bytes?: true;
}

export interface SealedTable {
  table: string;
  /** where the pass counts its rows */
  count: Exclude<keyof SealResult, 'applications' | 'keyId'>;
  /** rows per transaction (files are large: a few at a time) */
  batch: number;
  columns: readonly SealedColumn[];
  /** keyed-hash columns recomputed with the values: hash column → the column it hashes, as which kind */
  hashes?: Readonly<Record<string, { of: string; kind: HashKind }>>;
}

/**
 * Every encrypted column outside `applications` (whose identity fields, hashes and applicant key have their own pass):
 * what `sealPlaintext` seals and `rotate` re-encrypts. A column sealed anywhere must be listed here (the unit test
 * personal-data.sealed.test.ts reads every field name sealed in src/features against this list).
 */
export const SEALED_TABLES: readonly SealedTable[] = [
  { table: 'mail_outbox', count: 'mails', batch: 500, columns: [{ column: 'to_address', field: OUTBOX_TO_FIELD }, { column: 'body', field: OUTBOX_BODY_FIELD }] },
  { table: 'application_attachments', count: 'attachments', batch: 20, columns: [{ column: 'content_base64', field: ATTACHMENT_FIELD, bytes: true }] },
  {
    table: 'application_disclosures', count: 'disclosures', batch: 20,
    columns: [
      { column: 'content_base64', field: ATTACHMENT_FIELD, bytes: true },
      { column: 'redacted_base64', field: ATTACHMENT_FIELD, bytes: true },
      { column: 'redaction_terms', field: DISCLOSURE_TERMS_FIELD },
    ],
  },
  {
    table: 'evaluations', count: 'ratings', batch: 500,
    columns: [{ column: 'rater_name', field: RATER_NAME_FIELD }, { column: 'rater_phone', field: RATER_PHONE_FIELD }],
    hashes: { phone_hash: { of: 'rater_phone', kind: 'phone' } },
  },
  { table: 'suggestions', count: 'suggestions', batch: 500, columns: [{ column: 'contact_name', field: SUGGESTION_NAME_FIELD }, { column: 'contact_phone', field: SUGGESTION_PHONE_FIELD }] },
  { table: 'evaluation_order_files', count: 'evidenceFiles', batch: 20, columns: [{ column: 'content_base64', field: EVIDENCE_FIELD, bytes: true }] },
];

/** Applicant key of "the same applicant" for a natural person with an identity number: a keyed hash, never the number. */
export function personKey(cipher: PersonalDataCipher, idNumber: string): string {
  return `PH:${cipher.hash('idNumber', idNumber)}`;
}

/** The stored columns of an applicant's personal fields: envelopes and hashes. */
export function sealedApplicantColumns(cipher: PersonalDataCipher, a: { idNumber: string | null; phone: string; email: string | null; address: string | null }) {
  return {
    id_number: cipher.seal('applications.id_number', a.idNumber),
    phone: cipher.seal('applications.phone', a.phone),
    email: cipher.seal('applications.email', a.email),
    address: cipher.seal('applications.address', a.address),
    id_number_hash: cipher.hash('idNumber', a.idNumber),
    phone_hash: cipher.hash('phone', a.phone),
    email_hash: cipher.hash('email', a.email),
  };
}

/** A stored application row with its personal fields decrypted. */
export function openApplicationRow<T extends { id_number: string | null; phone: string; email: string | null; address: string | null }>(cipher: PersonalDataCipher, row: T): T {
  return {
    ...row,
    id_number: cipher.open('applications.id_number', row.id_number),
    phone: cipher.open('applications.phone', row.phone),
    email: cipher.open('applications.email', row.email),
    address: cipher.open('applications.address', row.address),
  };
}

export function createPersonalDataService(db: Kysely<Database>, deps: { cipher: PersonalDataCipher; keySource?: PersonalDataService['keySource']; clock?: () => Date }): PersonalDataService {
  const { cipher } = deps;
  const clock = deps.clock ?? (() => new Date());

  async function pass(prefix: string): Promise<SealResult> {
    let applications = 0;
    let after = 0;
    for (;;) {
      const rows = await applicationsToSeal(db, prefix, after, 200);
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const r of rows) {
          const plain = openApplicationRow(cipher, r);
          const cols = sealedApplicantColumns(cipher, { idNumber: plain.id_number, phone: plain.phone, email: plain.email, address: plain.address });
          // Every value freshly under the current key (the plain values were opened with whichever key sealed them).
          const key = r.applicant_type === 'natural_person' && plain.id_number ? personKey(cipher, plain.id_number) : r.applicant_key;
          await updateSealed(trx, r.id, { ...cols, applicant_key: key });
          applications++;
        }
      });
      after = rows[rows.length - 1]!.id;
    }
    const counts: Omit<SealResult, 'applications' | 'keyId'> = { mails: 0, attachments: 0, disclosures: 0, ratings: 0, suggestions: 0, evidenceFiles: 0 };
    for (const t of SEALED_TABLES) {
      const hashes = Object.entries(t.hashes ?? {});
      const spec = { table: t.table, columns: t.columns.map((c) => c.column), hashes: Object.fromEntries(hashes.map(([h, x]) => [h, x.of])) };
      after = 0;
      for (;;) {
        const rows = await sealedRowsToRewrite(db, spec, prefix, after, t.batch);
        if (rows.length === 0) break;
        await db.transaction().execute(async (trx) => {
          for (const row of rows) {
            const plain: Record<string, string | null> = {};
            const next: Record<string, string | null> = {};
            for (const c of t.columns) {
              const v = row[c.column] as string | null;
              if (v === null || v === '') { plain[c.column] = v; next[c.column] = v; continue; }
              // every value freshly under the current key (opened with whichever key sealed it; plaintext as it is)
              if (c.bytes) next[c.column] = cipher.sealBytes(c.field, cipher.openBytes(c.field, v));
              else next[c.column] = cipher.seal(c.field, (plain[c.column] = cipher.open(c.field, v)));
            }
            for (const [h, x] of hashes) next[h] = cipher.hash(x.kind, plain[x.of] ?? null);
            if (await rewriteSealedRow(trx, t.table, Number(row.id), row, next)) counts[t.count]++;
          }
        });
        after = Number(rows[rows.length - 1]!.id);
      }
    }
    return { applications, ...counts, keyId: cipher.currentKeyId };
  }

  return {
    cipher,
    keySource: deps.keySource ?? { source: 'config' },
    async record(ex, actor, entries) {
      const at = nowIso(clock);
      await insertAccess(ex, entries.map((e) => ({
        at, user_id: actor.userId, username: actor.username, display_name: actor.displayName, role: actor.role, agency_id: e.agencyId,
        application_id: e.applicationId, query_code: e.queryCode, door: e.door, fields: e.fields.join(','), request_id: actor.requestId ?? null,
      })));
    },
    async list(actor, q) {
      if (actor.role !== 'admin' && actor.role !== 'leader') throw new AppError('forbidden', { detail: '只有系统管理员和负责人可以查看个人信息访问记录' });
      const filter = { agencyIds: actor.role === 'admin' ? null : actor.visibleAgencyIds, ...(q.applicationId ? { applicationId: q.applicationId } : {}) };
      const [rows, total] = await Promise.all([listAccess(db, filter, q.pageSize, (q.page - 1) * q.pageSize), countAccess(db, filter)]);
      return {
        total, page: q.page, pageSize: q.pageSize,
        items: rows.map((r) => {
          const fields = r.fields ? r.fields.split(',') : [];
          return {
            id: r.id, at: r.at, userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role,
            roleLabel: roleLabels[r.role as Actor['role']]?.zh ?? r.role, agencyId: r.agency_id, applicationId: r.application_id, queryCode: r.query_code,
            door: r.door, doorLabel: DOOR_LABELS[r.door as AccessDoor] ?? r.door, fields, fieldsLabel: fields.map(fieldLabel).join('、'), requestId: r.request_id,
          };
        }),
      };
    },
    sealPlaintext: () => pass('pd1:'),
    rotate: () => pass(`pd1:${cipher.currentKeyId}:`),
  };
}
