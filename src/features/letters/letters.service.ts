// Letters: versioned templates per agency (edited by the agency admin, placeholders validated before
// saving) and the letters issued for an application (rendered text stored, DOCX/PDF on demand).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import {
  DEFAULT_TEMPLATES, LETTER_KIND_LABELS, LETTER_KINDS, PLACEHOLDERS, renderTemplate, validateTemplate, type LetterKind,
} from '../../core/applications/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, validationFailed } from '../shared/errors.ts';
import { caseCodeOf, countLetters, findLetter, insertLetter, insertTemplate, latestTemplate, lettersOf, templateVersions, type Executor, type LetterRow } from './letters.repository.ts';
import { renderLetterDocx, renderLetterPdf, type Letterhead } from './letters.render.ts';
import { contentDisposition } from '../shared/filenames.ts';

export interface Letter {
  id: number;
  applicationId: number;
  kind: LetterKind;
  kindLabel: string;
  number: string;
  title: string;
  body: string;
  issuedOn: string;
  templateVersion: number | null;
}

export function presentLetter(r: LetterRow): Letter {
  return {
    id: r.id, applicationId: r.application_id, kind: r.kind as LetterKind, kindLabel: LETTER_KIND_LABELS[r.kind as LetterKind] ?? r.kind,
    number: r.number, title: r.title, body: r.body, issuedOn: r.issued_on, templateVersion: r.template_version,
  };
}

export interface TemplateView {
  kind: LetterKind;
  label: string;
  title: string;
  body: string;
  /** 0 = the built-in default (no agency version saved yet). */
  version: number;
  savedAt: string | null;
}

export interface IssueLetterInput {
  applicationId: number;
  agencyId: number;
  agencyShortName: string | null;
  kind: LetterKind;
  values: Record<string, string | null | undefined>;
  issuedOn: string;
  eventSeq: number | null;
  actorUserId: number | null;
}

export interface LettersService {
  /** The template in force for an agency and kind (the agency's latest version, else the default). */
  template(agencyId: number, kind: LetterKind, db?: Executor): Promise<TemplateView>;
  templates(actor: Actor): Promise<TemplateView[]>;
  versions(actor: Actor, kind: LetterKind): Promise<TemplateView[]>;
  /** Save a new version (agency admin); refuses unknown/missing placeholders with Chinese field messages. */
  saveTemplate(actor: Actor, kind: LetterKind, input: { title: string; body: string }): Promise<TemplateView>;
  /** Issue a letter inside the caller's transaction (used by the applications service). */
  issue(trx: Executor, input: IssueLetterInput): Promise<Letter>;
  listFor(applicationId: number): Promise<Letter[]>;
  get(id: number): Promise<Letter | undefined>;
  docx(letter: Letter, head: Letterhead): Promise<Buffer>;
  pdf(letter: Letter, head: Letterhead): Promise<Uint8Array>;
  /** The file to download: content, its type and a Content-Disposition naming it after the case (GK…-答复书（部分公开）.pdf). */
  download(letter: Letter, head: Letterhead, format: LetterFormat): Promise<LetterDownload>;
}

export type LetterFormat = 'docx' | 'pdf';
export interface LetterDownload { body: Buffer; contentType: string; contentDisposition: string; fileName: string }

const CONTENT_TYPES: Record<LetterFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** A letter's file name: the case's code, the kind of letter and, when the case has several of that kind, its number. */
export function letterFileName(caseCode: string, letter: Pick<Letter, 'kind' | 'kindLabel' | 'number'>, format: LetterFormat, sameKind = 1): { name: string; ascii: string } {
  const seq = sameKind > 1 ? `-${/-(\d+)号$/.exec(letter.number)?.[1] ?? ''}`.replace(/-$/, '') : '';
  return { name: `${caseCode}-${letter.kindLabel}${seq}.${format}`, ascii: `${caseCode}-${letter.kind}${seq}.${format}` };
}

export function isLetterKind(v: unknown): v is LetterKind {
  return typeof v === 'string' && (LETTER_KINDS as readonly string[]).includes(v);
}

export function createLettersService(db: Kysely<Database>, audit: AuditService, clock: () => Date = () => new Date()): LettersService {
  async function template(agencyId: number, kind: LetterKind, ex: Executor = db): Promise<TemplateView> {
    const row = await latestTemplate(ex, agencyId, kind);
    if (row) return { kind, label: LETTER_KIND_LABELS[kind], title: row.title, body: row.body, version: row.version, savedAt: row.created_at };
    const d = DEFAULT_TEMPLATES[kind];
    return { kind, label: LETTER_KIND_LABELS[kind], title: d.title, body: d.body, version: 0, savedAt: null };
  }
  const assertAdmin = (actor: Actor) => {
    if (actor.role !== 'admin' && actor.role !== 'leader') throw new AppError('forbidden', { detail: '只有本机关的管理员或负责人可以修改文书模板' });
  };
  return {
    template,
    async templates(actor) {
      return Promise.all(LETTER_KINDS.map((k) => template(actor.agencyId, k)));
    },
    async versions(actor, kind) {
      const rows = await templateVersions(db, actor.agencyId, kind);
      return rows.map((r) => ({ kind, label: LETTER_KIND_LABELS[kind], title: r.title, body: r.body, version: r.version, savedAt: r.created_at }));
    },
    async saveTemplate(actor, kind, input) {
      assertAdmin(actor);
      const title = input.title.trim();
      const body = input.body.replace(/\r\n/g, '\n');
      const errors: { field: string; message: string }[] = [];
      if (!title) errors.push({ field: 'title', message: '请填写文书标题' });
      if (title.length > 100) errors.push({ field: 'title', message: '文书标题不能超过100个字' });
      if (body.length > 20000) errors.push({ field: 'body', message: '模板正文不能超过20000个字' });
      const v = validateTemplate(body, kind);
      for (const m of v.errors) errors.push({ field: 'body', message: m });
      if (errors.length) throw validationFailed(errors);
      return db.transaction().execute(async (trx) => {
        const current = await latestTemplate(trx, actor.agencyId, kind);
        const version = (current?.version ?? 0) + 1;
        const at = nowIso(clock);
        await insertTemplate(trx, { agency_id: actor.agencyId, kind, version, title, body, created_at: at, created_by: actor.userId });
        await audit.record(trx, {
          actor, agencyId: actor.agencyId, action: 'letter_template.save', entity: 'letter_template', entityId: `${kind}:${version}`,
          before: current ? { version: current.version, title: current.title, body: current.body } : null, after: { version, title, body },
        });
        return { kind, label: LETTER_KIND_LABELS[kind], title, body, version, savedAt: at };
      });
    },
    async issue(trx, input) {
      const t = await template(input.agencyId, input.kind, trx);
      const { text } = renderTemplate(t.body, input.values);
      const n = (await countLetters(trx, input.applicationId)) + 1;
      const year = input.issuedOn.slice(0, 4);
      const number = `${input.agencyShortName ?? ''}依申请公开〔${year}〕${input.applicationId}-${n}号`;
      const id = await insertLetter(trx, {
        application_id: input.applicationId, agency_id: input.agencyId, kind: input.kind, number, title: t.title, body: text,
        template_version: t.version, event_seq: input.eventSeq, issued_on: input.issuedOn, created_at: nowIso(clock), created_by: input.actorUserId,
      });
      return { id, applicationId: input.applicationId, kind: input.kind, kindLabel: LETTER_KIND_LABELS[input.kind], number, title: t.title, body: text, issuedOn: input.issuedOn, templateVersion: t.version };
    },
    async listFor(applicationId) {
      return (await lettersOf(db, applicationId)).map(presentLetter);
    },
    async get(id) {
      const r = await findLetter(db, id);
      return r && presentLetter(r);
    },
    docx: (letter, head) => renderLetterDocx(letter, head),
    pdf: (letter, head) => renderLetterPdf(letter, head),
    async download(letter, head, format) {
      const code = (await caseCodeOf(db, letter.applicationId)) ?? String(letter.applicationId);
      const sameKind = (await lettersOf(db, letter.applicationId)).filter((l) => l.kind === letter.kind).length;
      const { name, ascii } = letterFileName(code, letter, format, sameKind);
      const body = format === 'docx' ? await renderLetterDocx(letter, head) : Buffer.from(await renderLetterPdf(letter, head));
      return { body, contentType: CONTENT_TYPES[format], contentDisposition: contentDisposition(name, ascii), fileName: name };
    },
  };
}

export { PLACEHOLDERS };
