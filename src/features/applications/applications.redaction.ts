// 区分处理 (条例 第三十七条) of the files a reply discloses (decision 120): the officer opens each file of the
// draft in the redaction view (pages as images), draws boxes or accepts suggestions, each with its reason;
// the reviewer compares original and redacted pages before approving; the approval makes the redacted copy
// of every file still without one and freezes it with the letter, whose 区分处理说明 is generated from the
// same stored redactions. Only the redacted copy is delivered (applications.disclosure.ts).
// Who: the handling roles only (the original holds personal data: policy `attachments`); changes by the
// drafting roles (officer, leader) while the draft is open; every change bumps the file's redaction version
// (409 on a stale one).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  boxProblem, clampBox, REASON_INFO, reasonProblem, selectionBoxes, separationLines, SUGGESTION_PATTERNS, type Box, type RedactionReason, type SuggestionKind,
} from '../../core/redaction/index.ts';
import { policyFor } from '../../core/personal-data/index.ts';
import { nowIso } from '../../db/dialect.ts';
import { AppError, conflict, notFound, validationFailed } from '../shared/errors.ts';
import type { Actor } from '../shared/actor.ts';
import { ATTACHMENT_FIELD, DISCLOSURE_TERMS_FIELD as TERMS_FIELD } from '../personal-data/personal-data.service.ts';
import {
  findSuggestions, pagePng, prepareDocument, RedactionError, sourceKind, withWorkDir, writeRedactedPdf, type PreparedDocument,
} from '../redaction/engine.ts';
import {
  bumpRedactionVersion, deleteRedaction, disclosuresOf, findDisclosure, insertRedaction, redactionsOf, setRedactedCopy,
  type DisclosureRow, type Executor, type RedactionRow,
} from './applications.repository.ts';
import type { AppContext } from './applications.context.ts';


export interface RedactionItem { id: number; page: number; kind: SuggestionKind | 'box' | 'text'; reason: RedactionReason; reasonLabel: string; otherText: string | null; boxes: Box[] }
export interface SuggestionItem { key: string; page: number; kind: SuggestionKind; text: string; boxes: Box[] }

export interface RedactionView {
  applicationId: number;
  disclosureId: number;
  title: string;
  filename: string;
  /** frozen with an issued letter: nothing changes any more */
  frozen: boolean;
  version: number;
  /** the redacted copy, when made from the current redactions */
  copy: { at: string; size: number } | null;
  /** each page's size and, for those who redact, its text items (where a selection on the page image finds its text) */
  pages: { w: number; h: number; text?: { x: number; y: number; w: number; h: number; str: string }[] }[];
  redactions: RedactionItem[];
  suggestions: SuggestionItem[];
  dismissed: number;
  terms: string[];
  /** this file's sentence of the 区分处理说明, as the letter will say it */
  statement: string | null;
  canEdit: boolean;
}

export type RedactionOp =
  | { op: 'addBox'; version: number; page: number; x: number; y: number; w: number; h: number; reason: string; otherText?: string | null }
  | { op: 'addText'; version: number; page: number; text: string; nearX?: number; nearY?: number; reason: string; otherText?: string | null }
  | { op: 'acceptSuggestion'; version: number; key: string; reason: string; otherText?: string | null }
  | { op: 'dismissSuggestion'; version: number; key: string }
  | { op: 'removeRedaction'; version: number; redactionId: number }
  | { op: 'setTerms'; version: number; terms: string[] };

/** The key of a suggestion: stable across views while the file and the terms stay the same. */
function suggestionKey(page: number, kind: string, boxes: readonly Box[]): string {
  return createHash('sha256').update(`${page}|${kind}|${boxes.map((b) => [b.x, b.y, b.w, b.h].map((n) => n.toFixed(1)).join(',')).join(';')}`).digest('base64url').slice(0, 16);
}

/** A few prepared documents (the source as a PDF in a private temporary directory, and its layout), kept for the page images of one view. */
interface Cached { dir: string; doc: PreparedDocument; key: string }
const CACHE_SIZE = 4;

export function redactionUseCases(app: AppContext) {
  const { db, cipher, clock, personalData, loadVisible, today } = app;
  const cache: Cached[] = [];

  function toAppError(e: unknown): never {
    if (e instanceof RedactionError) {
      if (e.code === 'too_complex') throw new AppError('file_too_complex', { detail: e.message });
      if (e.code === 'tool_missing') throw e; // a server problem: 500, logged
      throw validationFailed([{ field: 'file', message: e.message }]);
    }
    throw e;
  }

  async function prepared(d: DisclosureRow, original: Buffer): Promise<PreparedDocument> {
    const key = `${d.id}:${createHash('sha256').update(original).digest('hex')}`;
    const hit = cache.find((c) => c.key === key);
    if (hit) return hit.doc;
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-redact-view-'));
    try {
      const doc = await prepareDocument(original, dir);
      cache.unshift({ dir, doc, key });
      for (const old of cache.splice(CACHE_SIZE)) rmSync(old.dir, { recursive: true, force: true });
      return doc;
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      toAppError(e);
    }
  }

  /** The case (in scope), the disclosed file of it, checks of role; the original bytes. Opening it is logged like an attachment. */
  async function load(actor: Actor, applicationId: number, disclosureId: number, purpose: 'view' | 'edit') {
    const row = await loadVisible(actor, applicationId);
    const d = await findDisclosure(db, disclosureId);
    if (!d || d.application_id !== applicationId || d.kind !== 'file' || !d.content_base64) throw notFound('找不到该公开文件');
    if (!policyFor(actor.role).attachments) throw new AppError('forbidden', { detail: '答复所附文件的原件可能含有个人信息，只有办理机关的经办人、审核人和负责人可以查看和遮盖' });
    if (purpose === 'edit') {
      if (actor.role !== 'officer' && actor.role !== 'leader') throw new AppError('forbidden', { detail: '只有经办人或负责人可以遮盖答复所附的文件；审核人对照原件和遮盖后的文件审核' });
      if (d.frozen_at) throw conflict('该文件已随答复书出具，不能再修改遮盖');
    }
    await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door: 'attachment', fields: ['attachment'] }]);
    return { row, d, original: cipher.openBytes(ATTACHMENT_FIELD, d.content_base64) };
  }

  const termsOf = (d: DisclosureRow): string[] => {
    const t = cipher.open(TERMS_FIELD, d.redaction_terms ?? null);
    try { return t ? (JSON.parse(t) as string[]) : []; } catch { return []; }
  };

  const itemOf = (r: RedactionRow): RedactionItem => ({
    id: r.id, page: r.page, kind: r.kind as RedactionItem['kind'], reason: r.reason as RedactionReason,
    reasonLabel: r.reason === 'other' ? `其他：${r.other_text ?? ''}` : REASON_INFO[r.reason as RedactionReason]?.label ?? String(r.reason), otherText: r.other_text, boxes: JSON.parse(r.boxes_json) as Box[],
  });

  function openSuggestions(doc: PreparedDocument, d: DisclosureRow, rows: readonly RedactionRow[]): SuggestionItem[] {
    const decided = new Set(rows.map((r) => r.suggestion_key).filter(Boolean));
    return findSuggestions(doc, { patterns: SUGGESTION_PATTERNS, terms: termsOf(d), today: today() })
      .map((s) => ({ key: suggestionKey(s.page, s.kind, s.boxes), page: s.page, kind: s.kind, text: s.text, boxes: s.boxes }))
      .filter((s) => !decided.has(s.key));
  }

  function viewOf(actor: Actor, d: DisclosureRow, doc: PreparedDocument, rows: RedactionRow[]): RedactionView {
    const applied = rows.filter((r) => r.status === 'applied');
    const filename = d.filename ?? d.title;
    const canEdit = (actor.role === 'officer' || actor.role === 'leader') && d.frozen_at === null;
    const r2 = (n: number) => Math.round(n * 100) / 100;
    return {
      applicationId: d.application_id, disclosureId: d.id, title: d.title, filename, frozen: d.frozen_at !== null, version: d.redaction_version,
      copy: d.redacted_base64 && d.redacted_at ? { at: d.redacted_at, size: d.redacted_size ?? 0 } : null,
      pages: doc.pages.map((p) => ({
        w: r2(p.w), h: r2(p.h),
        ...(canEdit ? { text: p.items.filter((i) => !i.whole && i.str.trim() !== '').map((i) => ({ x: r2(i.x), y: r2(i.y), w: r2(i.w), h: r2(i.h), str: i.str })) } : {}),
      })),
      redactions: applied.map(itemOf), suggestions: d.frozen_at ? [] : openSuggestions(doc, d, rows), dismissed: rows.filter((r) => r.status === 'dismissed').length,
      terms: termsOf(d), statement: separationLines([{ fileName: redactedName(filename), redactions: applied.map((r) => ({ reason: r.reason as RedactionReason, otherText: r.other_text })) }])[0] ?? null,
      canEdit,
    };
  }

  /** Makes and stores the redacted copy of `d` from its applied redactions (version `version`). */
  async function makeCopy(exec: Executor, d: DisclosureRow, original: Buffer, rows: readonly RedactionRow[]): Promise<{ content: string; size: number }> {
    const boxes = rows.filter((r) => r.status === 'applied').flatMap((r) => (JSON.parse(r.boxes_json) as Box[]).map((b) => ({ page: r.page, ...b })));
    const bytes = await withWorkDir(async (dir) => {
      const doc = await prepareDocument(original, dir).catch(toAppError);
      const out = join(dir, 'redacted.pdf');
      await writeRedactedPdf(doc, boxes, out).catch(toAppError);
      return readFileSync(out);
    });
    const content = cipher.sealBytes(ATTACHMENT_FIELD, bytes);
    if (!(await setRedactedCopy(exec, d.id, d.redaction_version, content, bytes.length, nowIso(clock)))) throw conflict('遮盖在生成期间被他人修改，请刷新页面后重新生成');
    return { content, size: bytes.length };
  }

  return {
    async view(actor: Actor, applicationId: number, disclosureId: number): Promise<RedactionView> {
      const { d, original } = await load(actor, applicationId, disclosureId, 'view');
      if (!sourceKind(original)) throw validationFailed([{ field: 'file', message: '该文件不是 PDF、DOCX 或 JPG/PNG 图片，不能遮盖' }]);
      return viewOf(actor, d, await prepared(d, original), await redactionsOf(db, d.agency_id, d.id));
    },

    /** Page `page` as a PNG: the original, or redacted (the stored copy when current, else the boxes painted on the original). */
    async pageImage(actor: Actor, applicationId: number, disclosureId: number, page: number, variant: 'original' | 'redacted'): Promise<Buffer> {
      const { d, original } = await load(actor, applicationId, disclosureId, 'view');
      if (!sourceKind(original)) throw notFound('该文件不能显示为页面图像');
      const doc = await prepared(d, original);
      if (page < 1 || page > doc.pages.length) throw notFound(`第 ${page} 页不存在（文件共 ${doc.pages.length} 页）`);
      if (variant === 'redacted' && d.redacted_base64) {
        const copy = cipher.openBytes(ATTACHMENT_FIELD, d.redacted_base64);
        return withWorkDir(async (dir) => pagePng(await prepareDocument(copy, dir), page, 72)).catch(toAppError);
      }
      const boxes = variant === 'original' ? [] : (await redactionsOf(db, d.agency_id, d.id)).filter((r) => r.status === 'applied' && r.page === page).flatMap((r) => (JSON.parse(r.boxes_json) as Box[]).map((b) => ({ page, ...b })));
      return pagePng(doc, page, 72, boxes).catch(toAppError);
    },

    /** One change of the officer (add a box, accept or dismiss a suggestion, remove a redaction, set the search terms). */
    async change(actor: Actor, applicationId: number, disclosureId: number, op: RedactionOp): Promise<RedactionView> {
      const { d, original } = await load(actor, applicationId, disclosureId, 'edit');
      if (d.redaction_version !== op.version) throw conflict(`该文件的遮盖已被他人修改：您看到的是第${op.version}版，现在是第${d.redaction_version}版。请刷新页面后再操作。`);
      const doc = await prepared(d, original);
      const rows = await redactionsOf(db, d.agency_id, d.id);
      const at = nowIso(clock);
      const base = { agency_id: d.agency_id, disclosure_id: d.id, created_at: at, created_by: actor.userId };
      const reasonOf = (o: { reason: string; otherText?: string | null }) => {
        const p = reasonProblem(o.reason, o.otherText);
        if (p) throw validationFailed([{ field: o.reason === 'other' ? 'otherText' : 'reason', message: p }]);
        return { reason: o.reason, other_text: o.reason === 'other' ? (o.otherText ?? '').trim() : null };
      };
      let write: (trx: Executor) => Promise<void>;
      let terms: string | null | undefined;
      if (op.op === 'addBox') {
        const page = doc.pages[op.page - 1];
        if (!page) throw validationFailed([{ field: 'page', message: `第 ${op.page} 页不存在（文件共 ${doc.pages.length} 页）` }]);
        const box = { x: op.x, y: op.y, w: op.w, h: op.h };
        const p = boxProblem(box, page.w, page.h);
        if (p) throw validationFailed([{ field: 'x', message: p }]);
        const r = reasonOf(op);
        write = (trx) => insertRedaction(trx, { ...base, page: op.page, boxes_json: JSON.stringify([box]), kind: 'box', status: 'applied', suggestion_key: null, ...r });
      } else if (op.op === 'addText') {
        const page = doc.pages[op.page - 1];
        if (!page) throw validationFailed([{ field: 'page', message: `第 ${op.page} 页不存在（文件共 ${doc.pages.length} 页）` }]);
        const near = op.nearX !== undefined && op.nearY !== undefined ? { x: op.nearX, y: op.nearY } : undefined;
        const boxes = selectionBoxes(page.items, op.text, near).map((b) => clampBox(b, page.w, page.h)).filter((b): b is Box => b !== null);
        if (!boxes.length) throw validationFailed([{ field: 'text', message: `第 ${op.page} 页的文字中没有“${op.text}”（扫描的页面没有文字，请划定区域遮盖）` }]);
        const r = reasonOf(op);
        write = (trx) => insertRedaction(trx, { ...base, page: op.page, boxes_json: JSON.stringify(boxes), kind: 'text', status: 'applied', suggestion_key: null, ...r });
      } else if (op.op === 'acceptSuggestion' || op.op === 'dismissSuggestion') {
        const s = openSuggestions(doc, d, rows).find((x) => x.key === op.key);
        if (!s) throw validationFailed([{ field: 'key', message: '该建议已处理或已不存在，请刷新页面' }]);
        const r = op.op === 'acceptSuggestion' ? reasonOf(op) : { reason: null, other_text: null };
        write = (trx) => insertRedaction(trx, { ...base, page: s.page, boxes_json: JSON.stringify(s.boxes), kind: s.kind, status: op.op === 'acceptSuggestion' ? 'applied' : 'dismissed', suggestion_key: s.key, ...r });
      } else if (op.op === 'removeRedaction') {
        if (!rows.some((r) => r.id === op.redactionId)) throw validationFailed([{ field: 'redactionId', message: '找不到该遮盖，请刷新页面' }]);
        write = async (trx) => { await deleteRedaction(trx, d.id, op.redactionId); };
      } else {
        const clean = [...new Set(op.terms.map((t) => t.trim()).filter(Boolean))];
        if (clean.some((t) => [...t.replace(/\s+/g, '')].length < 2)) throw validationFailed([{ field: 'terms', message: '查找的词语每个至少2个字' }]);
        terms = clean.length ? cipher.seal(TERMS_FIELD, JSON.stringify(clean)) : null;
        write = async () => undefined;
      }
      await db.transaction().execute(async (trx) => {
        if (!(await bumpRedactionVersion(trx, d.id, op.version, terms))) throw conflict('该文件的遮盖已被他人修改，请刷新页面后再操作。');
        await write(trx);
      });
      const fresh = (await findDisclosure(db, d.id))!;
      return viewOf(actor, fresh, doc, await redactionsOf(db, d.agency_id, d.id));
    },

    /** Makes the redacted copy now (the reviewer then compares it with the original). */
    async makeCopy(actor: Actor, applicationId: number, disclosureId: number, version: number): Promise<RedactionView> {
      const { d, original } = await load(actor, applicationId, disclosureId, 'edit');
      if (d.redaction_version !== version) throw conflict(`该文件的遮盖已被他人修改：您看到的是第${version}版，现在是第${d.redaction_version}版。请刷新页面后再操作。`);
      await makeCopy(db, d, original, await redactionsOf(db, d.agency_id, d.id));
      const fresh = (await findDisclosure(db, d.id))!;
      return viewOf(actor, fresh, await prepared(fresh, original), await redactionsOf(db, d.agency_id, d.id));
    },

    /**
     * Before the approval of the draft `draftSeq`: the redacted copy of every file that can be redacted and has
     * none yet (made now, without boxes when the officer drew none: still rebuilt from page images, so no
     * metadata or hidden text goes out), and the 区分处理说明 lines from the stored redactions.
     */
    async prepareApproval(agencyId: number, applicationId: number, draftSeq: number): Promise<{ statementLines: string[] }> {
      const files = (await disclosuresOf(db, agencyId, applicationId)).filter((x) => x.draft_seq === draftSeq && x.kind === 'file' && x.frozen_at === null && x.content_base64);
      const lines: { fileName: string; redactions: { reason: RedactionReason; otherText: string | null }[] }[] = [];
      for (const d of files) {
        const original = cipher.openBytes(ATTACHMENT_FIELD, d.content_base64!);
        const rows = await redactionsOf(db, d.agency_id, d.id);
        if (sourceKind(original) && !d.redacted_base64) await makeCopy(db, d, original, rows);
        lines.push({ fileName: redactedName(d.filename ?? d.title), redactions: rows.filter((r) => r.status === 'applied').map((r) => ({ reason: r.reason as RedactionReason, otherText: r.other_text })) });
      }
      return { statementLines: separationLines(lines) };
    },
  };
}

export type RedactionUseCases = ReturnType<typeof redactionUseCases>;

/** The name of the delivered copy: the original's name with .pdf (a DOCX or a scan is delivered as a PDF). */
export function redactedName(filename: string): string {
  return `${filename.replace(/\.[A-Za-z0-9]{1,5}$/, '')}.pdf`;
}
