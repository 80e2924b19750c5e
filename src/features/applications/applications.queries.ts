// Reading cases: the list (whole, or one page with its count, with the work views 待确认收到 …), the case,
// the export, the mail outbox, an applicant's attachment and a letter — each cut to what the actor's role
// may see, full views of personal data written to the access log (decision 060).
import { cleanFileName } from '../shared/filenames.ts';
import { policyFor, seesPersonalData } from '../../core/personal-data/index.ts';
import { AppError, notFound } from '../shared/errors.ts';
import type { Actor } from '../shared/actor.ts';
import { eventsFor, findAttachment, listApplications, listApplicationsPage, personalColumnsOf, usersOfAgency, type ApplicationRow, type ListFilter } from './applications.repository.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import { ATTACHMENT_FIELD, openApplicationRow } from '../personal-data/personal-data.service.ts';
import { applicantOfRow, exportPersonal, letterFor, outboxFor, shownFields, summaryFor } from './applications.personal.ts';
import type { ListQuery } from './applications.schema.ts';
import { matchesWorkView, roleMayDo, WORK_VIEW_STATES, WORK_VIEWS, type WorkView } from './applications.work.ts';
import { toLedger, type AppContext } from './applications.context.ts';
import { detail, summarise } from './applications.detail.ts';
import type { ApplicationSummary, ApplicationsService } from './applications.service.ts';

type QueryUseCases = 'list' | 'listPage' | 'get' | 'exportRows' | 'mailOutbox' | 'attachment' | 'letter' | 'officers';

/** The states of the case-list views. */
export const OPEN_STATES = ['submitted', 'received', 'correction_pending', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'];
const CLOCK_STATES = ['received', 'consulting', 'fee_pending', 'replied_draft', 'under_review', 'reopened'];
const STATE_FILTER: Record<string, string[]> = {
  waiting_correction: ['correction_pending'], consulting: ['consulting'], waiting_payment: ['fee_pending'],
  open: OPEN_STATES, concluded: ['issued', 'delivered', 'closed', 'withdrawn'], due_soon: CLOCK_STATES, overdue: CLOCK_STATES,
  ...WORK_VIEW_STATES,
};

export type Listing = ReturnType<typeof listing>;

/** The case list: its database filter and its fold (the reply clock of every listed case), shared by the list, its pages and the 工作台. */
export function listing(app: AppContext) {
  const { db, settings, today, calendar, clockFor, personalSearchHashes, storedClocks } = app;

  /** The list filter of a query (the same for a whole list, a page and its count). */
  function filterOf(actor: Actor, q: ListQuery): ListFilter {
    return {
      agencyIds: actor.role === 'admin' ? null : actor.visibleAgencyIds,
      states: q.state ? [q.state] : STATE_FILTER[q.view],
      ...(q.view === 'mine' ? { assignedUserId: actor.userId } : {}),
      // the work views' own conditions that the database can decide (the rest is decided on the ledger below)
      ...(q.view === 'unassigned' ? { assignedUserId: null } : {}),
      ...(q.view === 'extension_pending' ? { withEventKinds: ['extension_requested'] } : {}),
      ...(q.q ? { q: q.q } : {}), ...(q.from ? { receivedFrom: q.from } : {}), ...(q.to ? { receivedTo: q.to } : {}),
      ...(q.applicantType ? { applicantType: q.applicantType } : {}),
      ...(q.q && policyFor(actor.role).searchByPersonalData ? { personalHashes: personalSearchHashes(q.q) } : {}),
      ...(seesPersonalData(actor.role) ? {} : { searchNames: false }),
    };
  }

  /**
   * The cases that may be due soon or overdue: with the stored reply clocks, only those whose clock may fall due within
   * dueSoonWorkdays + 1 working days (the fold below decides); without them, every case.
   */
  function dueCandidates(cal: Calendar, day: string): Pick<ListFilter, 'replyDueOnOrBefore'> {
    if (!storedClocks) return {};
    try {
      return { replyDueOnOrBefore: { date: cal.addWorkdays(day, settings.dueSoonWorkdays + 1), today: day } };
    } catch {
      return {}; // a date past the calendar's range: fold every case
    }
  }

  /**
   * The listed applications (all of them, or one page in the database's order), with their clocks. `dueOnly` narrows the
   * rows to the cases that may be due soon or overdue (the due views do; the 工作台 cards ask for it).
   */
  async function listed(actor: Actor, q: ListQuery, page?: { limit: number; offset: number }, opts: { dueOnly?: boolean } = {}): Promise<ApplicationSummary[]> {
    // 待确认收到 / 待指定经办人 / 待我审核 / 延期待审批: the cases on which this user has that work (same rule as the queue)
    const workView = (WORK_VIEWS as readonly string[]).includes(q.view) ? (q.view as WorkView) : null;
    if (workView && !roleMayDo(actor, workView)) return [];
    const cal = await calendar();
    const day = today();
    const dueOnly = opts.dueOnly || q.view === 'due_soon' || q.view === 'overdue';
    const rows = await listApplications(db, { ...filterOf(actor, q), ...(dueOnly ? dueCandidates(cal, day) : {}) }, page);
    return summaries(actor, q, rows, cal, day, workView);
  }

  /** One page of a view the database pages (not a due or work view), and its total, in one statement for both. */
  async function listedPage(actor: Actor, q: ListQuery, page: { limit: number; offset: number }): Promise<{ applications: ApplicationSummary[]; total: number }> {
    const cal = await calendar();
    const { rows, total } = await listApplicationsPage(db, filterOf(actor, q), page);
    return { applications: await summaries(actor, q, rows, cal, today(), null), total };
  }

  /** The rows with their clocks folded from their ledgers, narrowed to the view's cases. */
  async function summaries(actor: Actor, q: ListQuery, rows: ApplicationRow[], cal: Calendar, day: string, workView: WorkView | null): Promise<ApplicationSummary[]> {
    const evs = await eventsFor(db, rows);
    const out: ApplicationSummary[] = [];
    for (const r of rows) {
      const ledger = toLedger(evs.get(r.id) ?? []);
      const c = await clockFor(ledger, cal, day);
      const s = summarise(r, c);
      if (q.view === 'due_soon' && s.dueStatus !== 'due_soon') continue;
      if (q.view === 'overdue' && s.dueStatus !== 'overdue') continue;
      if (workView && !matchesWorkView(workView, actor, s, ledger, day)) continue;
      out.push(summaryFor(actor.role, s));
    }
    return out;
  }

  return { filterOf, listed, listedPage };
}

export function queryUseCases(app: AppContext, { listed, listedPage }: Listing = listing(app)): Pick<ApplicationsService, QueryUseCases> {
  const { db, agencies, letters, mailer, personalData, cipher, loadVisible } = app;

  const list = (actor: Actor, q: ListQuery) => listed(actor, q);
  return {
    async officers(actor) {
      return (await usersOfAgency(db, actor.agencyId)).filter((u) => u.role === 'officer' || u.role === 'leader').map((u) => ({ id: u.id, name: u.display_name }));
    },
    async list(actor, q) {
      return listed(actor, q);
    },

    async listPage(actor, q, { page, pageSize }) {
      const offset = (page - 1) * pageSize;
      // views decided on the computed clock or on the ledger are filtered after the fold: page the result;
      // the others are paged by the database, and only the page's clocks are computed
      if (q.view === 'due_soon' || q.view === 'overdue' || (WORK_VIEWS as readonly string[]).includes(q.view)) {
        const all = await listed(actor, q);
        return { applications: all.slice(offset, offset + pageSize), total: all.length, page, pageSize };
      }
      const { applications, total } = await listedPage(actor, q, { limit: pageSize, offset });
      return { applications, total, page, pageSize };
    },

    async get(actor, id, door = 'api_get') {
      const row = await loadVisible(actor, id);
      const d = await detail(app, actor, row);
      if (policyFor(actor.role).logged) {
        await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door, fields: shownFields(applicantOfRow(row)) }]);
      }
      return d;
    },

    async exportRows(actor, query, unmasked) {
      if (unmasked && !policyFor(actor.role).exportUnmasked) throw new AppError('forbidden', { detail: '您的角色只能导出遮盖个人信息的申请列表' });
      const rows = await list(actor, query);
      const stored = await personalColumnsOf(db, rows.map((r) => r.id));
      const out = rows.map((r) => {
        const row = openApplicationRow(cipher, stored.get(r.id)!);
        return { ...r, personal: exportPersonal(applicantOfRow(row), unmasked) };
      });
      if (unmasked && out.length) {
        await personalData.record(db, actor, [{ agencyId: actor.agencyId, applicationId: null, queryCode: null, door: 'export', fields: ['name', 'idNumber', 'phone', 'email', 'address', `rows=${out.length}`] }]);
      }
      return out;
    },

    async mailOutbox(actor, door) {
      const rows = await mailer.list(actor.role === 'admin' ? null : actor.visibleAgencyIds);
      const full = policyFor(actor.role).mail === 'full';
      const applicants = new Map<number, ReturnType<typeof applicantOfRow>>();
      if (!full) {
        const ids = [...new Set(rows.map((m) => m.application_id).filter((x): x is number => x !== null))];
        for (const [id, r] of await personalColumnsOf(db, ids)) applicants.set(id, applicantOfRow(openApplicationRow(cipher, r)));
      }
      if (full && rows.length) {
        await personalData.record(db, actor, [{ agencyId: actor.agencyId, applicationId: null, queryCode: null, door, fields: ['email', 'mailBody', `messages=${rows.length}`] }]);
      }
      return rows.map((m) => outboxFor(actor.role, m, m.application_id !== null ? applicants.get(m.application_id) ?? null : null));
    },

    async attachment(actor, applicationId, attachmentId) {
      const row = await loadVisible(actor, applicationId);
      const a = await findAttachment(db, attachmentId);
      if (!a || a.application_id !== applicationId) throw notFound();
      if (!policyFor(actor.role).attachments) throw new AppError('forbidden', { detail: '附件是申请人的身份证明等个人信息，只有办理机关的经办人、审核人和负责人可以查看' });
      await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door: 'attachment', fields: ['attachment'] }]);
      return { filename: cleanFileName(a.filename, '附件'), mime: a.mime, data: cipher.openBytes(ATTACHMENT_FIELD, a.content_base64) };
    },

    async letter(actor, applicationId, letterId, format) {
      const row = await loadVisible(actor, applicationId);
      const l = await letters.get(letterId);
      if (!l || l.applicationId !== applicationId) throw notFound();
      const agency = (await agencies.get(row.agency_id))!;
      if (!seesPersonalData(actor.role)) return { letter: letterFor(actor.role, l, applicantOfRow(row)), agency };
      if (format && policyFor(actor.role).logged) {
        await personalData.record(db, actor, [{ agencyId: row.agency_id, applicationId: row.id, queryCode: row.query_code, door: format === 'docx' ? 'letter_docx' : 'letter_pdf', fields: ['letter', 'name'] }]);
      }
      return { letter: l, agency };
    },

  };
}
