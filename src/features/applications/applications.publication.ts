// 依申请公开转主动公开 (条例 第四十四条): information disclosed on application goes into the catalogue in one step.
//  - the case page (and getApplication) shows what can be done: whether the case's information was disclosed (the reply
//    in force is 予以公开 / 部分公开), the drafts made from it, a dismissal, and — when other applicants asked for the
//    same information — the suggestion (core/applications/publication.ts, over the repeat hint's similarity measure);
//  - publishToCatalogue: a new catalogue DRAFT proposed from the case (never the applicant's data nor wording that
//    carries it), editable, with the reply's frozen files if chosen, linked back by origin_application_id; it then
//    goes through the catalogue's 保密审查 → 审核 → 发布. One transaction with the claim of the case's version (409);
//  - dismissPublication: the officer decides not to publish (audited; the suggestion ends there);
//  - suggestions: the work queue's publish_disclosure items (applications.work.ts).
// Who: the handling agency's officer or leader, as on the case page; the system administrator never (decision 061).
import {
  proposeDraft, publicationEligibility, sameInformationHintsIn, sameInformationIndex, type OutcomeCode, type Proposal, type SameInformationHint,
  type SameInformationIndex,
} from '../../core/applications/index.ts';
import { STATE_LABELS as CATALOGUE_STATE_LABELS, type State as CatalogueState } from '../../core/catalogue/workflow.ts';
import { Lru } from '../../core/lru.ts';
import { nowIso } from '../../db/dialect.ts';
import { assertNotAdmin, type Actor } from '../shared/actor.ts';
import { AppError, forbidden, validationFailed } from '../shared/errors.ts';
import { ATTACHMENT_FIELD } from '../personal-data/personal-data.service.ts';
import { draftInput, type DraftInput } from '../catalogue/catalogue.schema.ts';
import { disclosuresOf, listEvents, type ApplicationRow } from './applications.repository.ts';
import {
  activeHandler, catalogueTitles, claimCase, dismissPublication as storeDismissal, originDrafts, poolFingerprint, publicationCandidates, similarityPool, userName,
  type CandidateRow, type OriginDraft,
} from './applications.publication.repository.ts';
import { applicantOfRow } from './applications.personal.ts';
import { staleVersion, toLedger, type AppContext } from './applications.context.ts';
import type { PublishDisclosureInput, DismissPublicationInput } from './applications.schema.ts';
import { redactedName } from './applications.redaction.ts';

/** How far back, before the suggestion window, "the same information" is looked for (practice: the 条例 sets no period). */
export const SAME_INFORMATION_YEARS = 3;
/** Disclosed cases concluded within this many years are suggested in the work queue. */
export const SUGGESTION_YEARS = 1;
/** How many agencies' same-information pools a process keeps (least recently used out first). */
export const POOL_CACHE_AGENCIES = 64;

/** Who may put a case's disclosed information into the catalogue (the case page's handling roles). */
export const PUBLICATION_ROLES = ['officer', 'leader'] as const;

export interface PublicationView {
  /** The case's information was disclosed (予以公开 / 部分公开, approved). */
  eligible: boolean;
  /** Why not, when not eligible. */
  reason: string | null;
  /** This user may publish or dismiss (the handling agency's officer or leader). */
  mayAct: boolean;
  /** 条例第四十四条: other applicants asked for the same information — while no draft exists and nobody dismissed it. */
  suggestion: SameInformationHint | null;
  /** Catalogue items made from this case. */
  drafts: { id: number; indexNo: string; title: string; state: string; stateLabel: string }[];
  /** Items made from another case asking for the same information. */
  relatedDrafts: { id: number; indexNo: string; title: string; applicationId: number }[];
  dismissed: { at: string; by: string | null; reason: string | null } | null;
  /** The proposed draft (only for who may act, while the case can still be published). */
  proposal: (Omit<Proposal, 'files'> & { files: { id: number; filename: string; renamed: boolean; size: number }[] }) | null;
}

const yearsBefore = (date: string, n: number) => `${Number(date.slice(0, 4)) - n}${date.slice(4)}`;

function mayPublish(actor: Actor, row: Pick<ApplicationRow, 'agency_id'>): boolean {
  return (PUBLICATION_ROLES as readonly string[]).includes(actor.role) && actor.agencyId === row.agency_id;
}

function draftsView(rows: readonly OriginDraft[]): PublicationView['drafts'] {
  return rows.map((d) => ({ id: d.id, indexNo: d.index_no, title: d.title, state: d.withdrawn_on ? 'withdrawn' : d.state, stateLabel: d.withdrawn_on ? '已撤回' : CATALOGUE_STATE_LABELS[d.state as CatalogueState] ?? d.state }));
}

export function publicationUseCases(app: AppContext) {
  const { db, audit, cipher, clock, today, agencies, loadVisible, deps } = app;

  // An agency's pool of applications, prepared once (texts, bigram index) and kept with the hints computed over it until
  // the pool changes (a new or newly received application, or the next day's window): the work queue asks on every
  // 工作台 view of every officer and leader. Whether a draft exists or the suggestion was dismissed is read fresh.
  // Kept for the POOL_CACHE_AGENCIES agencies used most recently: a pool is the texts and bigram index of up to four
  // years of an agency's applications, and a province deployment serves ~10^4 agencies from one process.
  const pools = new Lru<number, { key: string; index: SameInformationIndex; hints: Map<number, SameInformationHint | null> }>({ maxEntries: POOL_CACHE_AGENCIES });
  async function hintsOf(agencyId: number, targets: readonly { id: number; applicant_key: string; content: string }[]): Promise<Map<number, SameInformationHint | null>> {
    const since = yearsBefore(today(), SUGGESTION_YEARS + SAME_INFORMATION_YEARS);
    const key = await poolFingerprint(db, agencyId, since);
    let e = pools.get(agencyId);
    if (!e || e.key !== key) {
      const rows = await similarityPool(db, agencyId, since);
      e = { key, index: sameInformationIndex(rows.map((p) => ({ id: p.id, applicantKey: p.applicant_key, content: p.content }))), hints: new Map() };
      pools.set(agencyId, e);
    }
    const missing = targets.filter((t) => !e.hints.has(t.id));
    if (missing.length) {
      const found = sameInformationHintsIn(e.index, missing.map((t) => ({ id: t.id, applicantKey: t.applicant_key, content: t.content })));
      for (const t of missing) e.hints.set(t.id, found.get(t.id) ?? null);
    }
    return e.hints;
  }

  /** The suggestion for one case: other applicants' applications asking for the same information. */
  async function suggestionFor(row: ApplicationRow): Promise<SameInformationHint | null> {
    return (await hintsOf(row.agency_id, [row])).get(row.id) ?? null;
  }

  /** The disclosed files (frozen with the approved reply) and the catalogue items the reply linked to. */
  async function disclosed(row: ApplicationRow) {
    const items = (await disclosuresOf(db, row.agency_id, row.id)).filter((d) => d.frozen_at !== null);
    const files = items.filter((d) => d.kind === 'file' && d.content_base64);
    const linked = await catalogueTitles(db, items.filter((d) => d.kind === 'catalogue' && d.catalogue_item_id !== null).map((d) => d.catalogue_item_id!));
    return { files, linked };
  }

  async function proposalFor(row: ApplicationRow, outcome: OutcomeCode): Promise<NonNullable<PublicationView['proposal']>> {
    const agency = await agencies.get(row.agency_id);
    const { files, linked } = await disclosed(row);
    const p = proposeDraft({
      content: row.content, docNumber: row.doc_number, agencyName: agency?.name ?? '', outcome,
      files: files.map((f) => ({ id: f.id, title: f.title, filename: f.filename ?? f.title })),
      items: linked.map((i) => ({ title: i.title ?? `目录信息 ${i.id}`, indexNo: i.index_no })),
      applicant: applicantOfRow(row),
    });
    return { ...p, files: p.files.map((f) => ({ ...f, size: files.find((x) => x.id === f.id)?.size ?? 0 })) };
  }

  /** Loads the case for a publication action: scope (404), the administrator (403), the role (403), the version (409), eligibility (409). */
  async function forAction(actor: Actor, id: number, version: number) {
    const row = await loadVisible(actor, id);
    assertNotAdmin(actor, '将依申请公开的信息转为主动公开');
    if (!mayPublish(actor, row)) throw forbidden('只有办理机关的经办人或负责人可以将依申请公开的信息转为主动公开（条例第四十四条）');
    if (row.version !== version) throw staleVersion(version, row.version);
    const e = publicationEligibility(toLedger(await listEvents(db, row.agency_id, id)));
    if (!e.ok) throw new AppError('conflict', { title: '现在不能转为主动公开', detail: e.reason });
    const existing = await originDrafts(db, [id]);
    if (existing.length) {
      throw new AppError('conflict', { title: '已经转为主动公开', detail: `本申请的信息已生成目录条目（索引号 ${existing[0]!.index_no}，${draftsView(existing)[0]!.stateLabel}），请在主动公开目录中继续办理。` });
    }
    return { row, outcome: e.outcome };
  }

  return {
    async publicationView(actor: Actor, row: ApplicationRow): Promise<PublicationView> {
      const e = publicationEligibility(toLedger(await listEvents(db, row.agency_id, row.id)));
      const drafts = await originDrafts(db, [row.id]);
      const dismissed = row.publication_dismissed_at
        ? { at: row.publication_dismissed_at, by: await userName(db, row.publication_dismissed_by), reason: row.publication_dismissed_reason }
        : null;
      const may = mayPublish(actor, row) && actor.role !== 'admin';
      let suggestion: SameInformationHint | null = null;
      let related: PublicationView['relatedDrafts'] = [];
      if (e.ok) {
        const hint = await suggestionFor(row);
        if (hint) {
          related = (await originDrafts(db, hint.matches.map((m) => m.id))).map((d) => ({ id: d.id, indexNo: d.index_no, title: d.title, applicationId: d.origin_application_id }));
          if (drafts.length === 0 && related.length === 0 && !dismissed) suggestion = hint;
        }
      }
      return {
        eligible: e.ok, reason: e.ok ? null : e.reason, mayAct: may, suggestion, drafts: draftsView(drafts), relatedDrafts: related, dismissed,
        proposal: may && e.ok && drafts.length === 0 ? await proposalFor(row, e.outcome) : null,
      };
    },

    async publishToCatalogue(actor: Actor, id: number, input: PublishDisclosureInput) {
      const { row, outcome } = await forAction(actor, id, input.version);
      const proposal = await proposalFor(row, outcome);
      const parsed = draftInput.safeParse({
        title: input.title ?? proposal.title, summary: input.summary ?? proposal.summary, body: input.body ?? proposal.body, bodyFormat: 'text',
        kind: input.kind ?? proposal.kind, category: input.category ?? proposal.category, subject: input.subject ?? null,
        // 第二十六条: the information becomes 主动公开 information now — its 20 working days run from this decision
        disclosure: 'proactive', formedOn: today(),
      });
      if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'title'), message: i.message })));
      const { files } = await disclosed(row);
      const wanted = input.fileIds ?? files.map((f) => f.id);
      const unknown = wanted.filter((fid) => !files.some((f) => f.id === fid));
      if (unknown.length) throw validationFailed([{ field: 'fileIds', message: `编号为 ${unknown.join('、')} 的文件不是本申请答复时公开的文件` }]);
      // 区分处理 (decision 120): what was delivered — the redacted copy — is what becomes public, never the original
      const carried = files.filter((f) => wanted.includes(f.id)).map((f) => {
        const name = proposal.files.find((p) => p.id === f.id)?.filename ?? `附件${f.id}`;
        return f.redacted_base64
          ? { filename: redactedName(name), data: cipher.openBytes(ATTACHMENT_FIELD, f.redacted_base64) }
          : { filename: name, data: cipher.openBytes(ATTACHMENT_FIELD, f.content_base64!) };
      });
      const catalogue = deps.catalogue;
      if (!catalogue) throw new AppError('unavailable', { detail: '主动公开目录未启用' });
      const draft: DraftInput = parsed.data;
      const at = nowIso(clock);
      const made = await catalogue.createDraftFromDisclosure(actor, row.agency_id, draft, { applicationId: id, files: carried }, async (trx, item) => {
        if (!(await claimCase(trx, id, input.version, at))) throw staleVersion(input.version, input.version + 1);
        await audit.record(trx, {
          actor, agencyId: row.agency_id, action: 'application.publishToCatalogue', entity: 'application', entityId: id,
          before: { version: input.version }, after: { version: input.version + 1, catalogueItemId: item.id, indexNo: item.indexNo, title: draft.title, files: carried.map((f) => f.filename), basis: '条例第四十四条' },
        });
      });
      return { catalogueItemId: made.id, indexNo: made.indexNo, state: 'draft' as const, url: `/admin/catalogue/${made.id}`, version: input.version + 1 };
    },

    async dismissPublication(actor: Actor, id: number, input: DismissPublicationInput) {
      const { row } = await forAction(actor, id, input.version);
      if (row.publication_dismissed_at) throw new AppError('conflict', { title: '已经决定不转为主动公开', detail: `已于 ${row.publication_dismissed_at.slice(0, 10)} 决定不转为主动公开。` });
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        if (!(await storeDismissal(trx, id, input.version, { at, by: actor.userId, reason: input.reason ?? null }))) throw staleVersion(input.version, input.version + 1);
        await audit.record(trx, {
          actor, agencyId: row.agency_id, action: 'application.dismissPublication', entity: 'application', entityId: id,
          before: { version: input.version }, after: { version: input.version + 1, reason: input.reason ?? null, basis: '条例第四十四条' },
        });
      });
      return { version: input.version + 1, dismissedAt: at };
    },

    /**
     * The work queue's suggestions for this user: disclosed cases of the user's agency (concluded within
     * SUGGESTION_YEARS) that other applicants asked the same information as, with no draft made from any of them and
     * not dismissed; to the case's assignee, or to every officer and leader when nobody (active) is assigned.
     */
    async publicationSuggestions(actor: Actor): Promise<{ row: CandidateRow; hint: SameInformationHint }[]> {
      if (!(PUBLICATION_ROLES as readonly string[]).includes(actor.role)) return [];
      const t = today();
      const candidates = await publicationCandidates(db, actor.agencyId, yearsBefore(t, SUGGESTION_YEARS));
      if (candidates.length === 0) return [];
      const found = await hintsOf(actor.agencyId, candidates);
      const hints = new Map<number, SameInformationHint>();
      for (const c of candidates) {
        const h = found.get(c.id);
        if (h) hints.set(c.id, h);
      }
      const matched = [...new Set([...hints.values()].flatMap((h) => h.matches.map((m) => m.id)))];
      const drafted = new Set((await originDrafts(db, matched)).map((d) => d.origin_application_id));
      const out: { row: CandidateRow; hint: SameInformationHint }[] = [];
      const handled = new Map<number, boolean>();
      for (const c of candidates) {
        const hint = hints.get(c.id);
        if (!hint || hint.matches.some((m) => drafted.has(m.id))) continue;
        if (c.assigned_user_id !== actor.userId) {
          if (c.assigned_user_id !== null) {
            if (!handled.has(c.assigned_user_id)) handled.set(c.assigned_user_id, await activeHandler(db, c.assigned_user_id));
            if (handled.get(c.assigned_user_id)) continue; // the assignee will see it
          }
        }
        out.push({ row: c, hint });
      }
      return out;
    },
  };
}
