// 主动公开 catalogue use cases: the back office's reads — an item with its history and allowed actions, the list,
// the 第二十六条 warnings and the 工作台 card.
import { allowedActions, authorRule, STATE_LABELS } from '../../core/catalogue/workflow.ts';
import { article26Clock, type Article26Clock, type ClockStatus } from '../../core/catalogue/clock.ts';
import type { DashboardCard } from '../../ui/types.ts';
import type { Actor } from '../shared/actor.ts';
import { cleanFileName } from '../shared/filenames.ts';
import * as repo from './catalogue.repository.ts';
import { catalogueRoles, CLOCK_ENTITY, CLOCK_KIND, type CatalogueActor, type ClockWarning, type ItemDetail } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';
import { itemOrigin } from './catalogue.origin.ts';

export function queryUseCases(ctx: CatalogueContext) {
  const { db, opts, today, loadItem, authorship, stateOf } = ctx;
  const queries = {
    async get(actor: CatalogueActor, id: number): Promise<ItemDetail> {
      const { item, working } = await loadItem(actor, id);
      const published = item.published_version ? ((await repo.getVersion(db, item.agency_id, id, item.published_version)) ?? null) : null;
      const att = (rows: repo.AttachmentRow[]) => rows.map((a) => ({ id: a.id, filename: cleanFileName(a.filename), size: a.size, mime: a.mime }));
      const state = stateOf(item, working);
      const who = await authorship(actor, item, working);
      const versions = await repo.listVersions(db, item.agency_id, id);
      let clockInfo: Article26Clock | null = null;
      if (working.disclosure === 'proactive' && state !== 'withdrawn') {
        try {
          clockInfo = article26Clock({ calendar: await opts.calendar(), formedOn: working.formed_on, today: today(), publishedOn: working.state === 'published' ? working.published_on : null });
        } catch {
          clockInfo = null;
        }
      }
      return {
        id,
        agencyId: item.agency_id,
        indexNo: item.index_no,
        createdOn: item.created_on,
        state,
        stateLabel: state === 'withdrawn' ? '已撤回' : STATE_LABELS[state],
        public: item.public === 1,
        validity: item.validity,
        validityChangedOn: item.validity_changed_on,
        validityReason: item.validity_reason,
        withdrawnOn: item.withdrawn_on,
        withdrawnReason: item.withdrawn_reason,
        workingVersion: item.working_version,
        publishedVersion: item.published_version,
        publishedOn: item.published_on,
        firstPublishedOn: item.first_published_on,
        version: item.version,
        working,
        published,
        attachments: att(await repo.listAttachments(db, item.agency_id, id, working.version_no)),
        publishedAttachments: published ? att(await repo.listAttachments(db, item.agency_id, id, published.version_no)) : [],
        links: await repo.linksOf(db, item.agency_id, id),
        events: (await repo.listEvents(db, item.agency_id, id)).map((e) => ({ action: e.action, at: e.at, actorName: e.actor_name, data: e.data_json ? JSON.parse(e.data_json) : null })),
        versions: versions.map((v) => ({ versionNo: v.version_no, state: v.state, title: v.title, publishedOn: v.published_on, changeNote: v.change_note })),
        allowedActions: state === 'withdrawn' ? [] : allowedActions(state, catalogueRoles(actor), who),
        separationNote: state === 'withdrawn' ? null : allowedActions(state, catalogueRoles(actor)).map((a) => authorRule(state, a, who)).find((m) => m !== null) ?? null,
        clock: clockInfo,
        origin: itemOrigin(actor, item),
      };
    },

    async list(actor: Actor, f: { agencyId?: number | null; state?: string | null; kind?: string | null; q?: string | null; origin?: 'application' | null; page: number; pageSize?: number }) {
      const ids = f.agencyId ? (actor.visibleAgencyIds.includes(f.agencyId) || actor.role === 'admin' ? [f.agencyId] : []) : [...actor.visibleAgencyIds];
      return repo.listAdmin(db, { agencyIds: ids, state: f.state, kind: f.kind, q: f.q, origin: f.origin ?? null, page: f.page, pageSize: f.pageSize ?? 20 });
    },

    /**
     * 第二十六条 warnings (catalogue list, dashboard): unpublished 主动公开 items, most urgent first. The open
     * clocks and their due dates come from the deadlines table (recomputed when the calendar changes).
     */
    async clockWarnings(actor: Actor): Promise<ClockWarning[]> {
      const agencyIds = actor.role === 'admin' ? (await opts.agencies.list()).map((a) => a.id) : actor.visibleAgencyIds;
      const cal = await opts.calendar();
      const t = today();
      const out: ClockWarning[] = [];
      if (opts.deadlines) {
        for (const r of await repo.openClocks(db, agencyIds, CLOCK_ENTITY, CLOCK_KIND)) {
          try {
            const c = article26Clock({ calendar: cal, formedOn: r.formed_on, today: t });
            // the stored due date is the one the calendar feature keeps current; status and days left follow from it
            const left = cal.workdaysBetween(t, r.due);
            const status: ClockStatus = t > r.due ? 'overdue' : t === r.due ? 'due_today' : left <= 5 ? 'due_soon' : 'on_time';
            out.push({ id: r.id, indexNo: r.index_no, title: r.title, state: r.state, clock: { ...c, dueOn: r.due, provisional: r.provisional === 1, status, workingDaysLeft: left } });
          } catch {
            /* a date outside the calendar's range: shown on the item page */
          }
        }
      } else {
        for (const r of await repo.openClockItems(db, agencyIds)) {
          try {
            out.push({ id: r.id, indexNo: r.index_no, title: r.title, state: r.state, clock: article26Clock({ calendar: cal, formedOn: r.formed_on, today: t }) });
          } catch {
            /* a date outside the calendar's range: shown on the item page */
          }
        }
      }
      return out.sort((a, b) => a.clock.workingDaysLeft - b.clock.workingDaysLeft);
    },

    /** 工作台 card (admin feature's dashboard providers): open 第二十六条 clocks, overdue and due soon. */
    async dashboardCards(actor: Actor): Promise<DashboardCard[]> {
      if (!['admin', 'officer', 'reviewer', 'leader'].includes(actor.role)) return [];
      const w = await queries.clockWarnings(actor);
      const overdue = w.filter((x) => x.clock.status === 'overdue').length;
      const soon = w.filter((x) => x.clock.status === 'due_soon' || x.clock.status === 'due_today').length;
      const first = w[0];
      return [{
        title: '待公开信息（第二十六条 20个工作日）',
        value: w.length,
        href: '/admin/catalogue',
        note: w.length === 0
          ? '没有待公开的主动公开信息'
          : `已超期 ${overdue} 条，5个工作日内到期 ${soon} 条；最急：${first!.indexNo}（${first!.clock.dueOn} 到期）`,
      }];
    },
  };
  return queries;
}
