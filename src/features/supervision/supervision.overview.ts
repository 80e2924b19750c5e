// The supervisor's overview across the agencies below (条例 第四十九条 campaign): per agency and year the annual report's
// state, when it was submitted and first published, whether it is late (published after, or not published by, 31 January
// — 31 March for a 人民政府), its rule errors and warnings; the campaign counts and days left; reminders to agencies
// (mail to their officers and leaders, and an annual_report_reminder item in their work queue until they publish); and
// the assessment (core/supervision/assessment.ts) with the weights the supervising agency sets, ranked.
import { sql, type Kysely } from 'kysely';
import { daysLeft, deadlineOf } from '../../core/annual-report/deadline.ts';
import { assess, COMPONENTS, DEFAULT_WEIGHTS, rank, resultMonths, weightProblems, type Assessment, type Weights } from '../../core/supervision/assessment.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { Mailer } from '../applications/applications.mail.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertRole, canSee, type Actor } from '../shared/actor.ts';
import { conflict, notFound, validationFailed } from '../shared/errors.ts';
import type { WorkItem, WorkProvider } from '../work/work.service.ts';
import type { Paged } from './supervision.service.ts';

const ZH = new Intl.Collator('zh-CN');

export const OVERVIEW_STATES = ['not_started', 'draft', 'approved', 'submitted', 'returned', 'accepted', 'published'] as const;
export type OverviewState = (typeof OVERVIEW_STATES)[number];
export const OVERVIEW_STATE_LABELS: Record<OverviewState, string> = {
  not_started: '未开始', draft: '编制中', approved: '负责人已审定', submitted: '已报送', returned: '已退回', accepted: '已审核', published: '已公布',
};

export interface OverviewRow {
  agencyId: number;
  creditCode: string;
  name: string;
  parent: string | null;
  state: OverviewState;
  submittedOn: string | null;
  publishedOn: string | null;
  deadline: string;
  late: boolean;
  errors: number;
  warnings: number;
  remindedOn: string | null;
}

export interface Campaign {
  year: number;
  /** the departments' deadline (31 January); governments' is 31 March */
  deadline: string;
  daysLeft: number;
  total: number;
  counts: Record<OverviewState, number>;
  late: number;
}

export interface AssessmentRow {
  rank: number | null;
  agencyId: number;
  creditCode: string;
  name: string;
  score: number | null;
  parts: Assessment['parts'];
}

export interface OverviewService {
  overview(actor: Actor, q: { year: number; state?: OverviewState; late?: boolean; page: number; pageSize: number }): Promise<Paged<OverviewRow> & { campaign: Campaign }>;
  /** States of the given agencies over several years (the agencies × years grid). */
  grid(actor: Actor, agencyIds: readonly number[], years: readonly number[]): Promise<Map<number, Map<number, Pick<OverviewRow, 'state' | 'late' | 'errors' | 'warnings'>>>>;
  remind(actor: Actor, input: { year: number; agencies?: string[]; state?: OverviewState }): Promise<{ reminded: number; mails: number; alreadyToday: number }>;
  weights(actor: Actor): Promise<{ weights: Weights; version: number }>;
  setWeights(actor: Actor, input: { weights: Record<string, unknown>; version: number }): Promise<{ weights: Weights; version: number }>;
  assessment(actor: Actor, q: { year: number; page: number; pageSize: number }): Promise<Paged<AssessmentRow> & { weights: Weights; version: number; components: typeof COMPONENTS }>;
  workProvider(): WorkProvider;
}

interface ReportFacts { state: string; submitted_at: string | null; errors_count: number; warnings_count: number }

export function createOverviewService(db: Kysely<Database>, deps: { audit: AuditService; agencies: AgenciesService; mailer: Pick<Mailer, 'enqueue' | 'flush' | 'smtp'>; today: () => string; clock?: () => Date; baseUrl?: string }): OverviewService {
  const clock = deps.clock ?? (() => new Date());

  function assertSupervisor(actor: Actor): void {
    assertNotAdmin(actor, '督促和考核各机关');
    assertRole(actor, 'supervisor');
  }

  // The agencies in pinyin (zh-CN collation) order, kept while the agencies table is the same. Agencies are only ever
  // added (nothing renames or deletes them), so their count and highest id identify the list: one index-only query of
  // one row instead of reading and collating 10⁴ rows per request (collating costs more than the rest of the overview).
  let sorted: { sig: string; all: Agency[]; names: Map<number, string> } | null = null;
  async function agenciesByName(): Promise<NonNullable<typeof sorted>> {
    const s = await db.selectFrom('agencies').select((e) => [e.fn.countAll<string | number>().as('n'), e.fn.max('id').as('top')]).executeTakeFirstOrThrow();
    const sig = `${s.n}:${s.top ?? 0}`;
    if (sorted?.sig !== sig) {
      const all = await deps.agencies.list();
      sorted = { sig, all: [...all].sort((a, b) => ZH.compare(a.name, b.name) || a.id - b.id), names: new Map(all.map((a) => [a.id, a.name])) };
    }
    return sorted;
  }

  /** The agencies below the supervisor (not its own), by name; and every agency's name by id (for the parents). A
   *  province has 10⁴ agencies: the scope as a set over the cached, collated list. */
  async function below(actor: Actor): Promise<{ agencies: Agency[]; names: Map<number, string> }> {
    const { all, names } = await agenciesByName();
    const visible = actor.role === 'admin' ? null : new Set(actor.visibleAgencyIds);
    return { agencies: all.filter((a) => a.id !== actor.agencyId && (!visible || visible.has(a.id))), names };
  }

  async function factsFor(year: number, ids: ReadonlySet<number>): Promise<{ reports: Map<number, ReportFacts>; published: Map<number, string>; reminded: Map<number, string> }> {
    const reports = new Map<number, ReportFacts>();
    for (const r of await db.selectFrom('annual_reports').select(['agency_id', 'state', 'submitted_at', 'errors_count', 'warnings_count']).where('year', '=', year).execute()) {
      if (ids.has(r.agency_id)) reports.set(r.agency_id, r);
    }
    const published = new Map<number, string>();
    for (const p of await db.selectFrom('annual_report_publications').select(['agency_id', (e) => e.fn.min('published_on').as('first')]).where('year', '=', year).groupBy('agency_id').execute()) {
      if (ids.has(p.agency_id) && p.first) published.set(p.agency_id, String(p.first));
    }
    const reminded = new Map<number, string>();
    for (const r of await db.selectFrom('supervision_reminders').select(['agency_id', (e) => e.fn.max('sent_on').as('last')]).where('year', '=', year).groupBy('agency_id').execute()) {
      if (ids.has(r.agency_id) && r.last) reminded.set(r.agency_id, String(r.last));
    }
    return { reports, published, reminded };
  }

  function rowOf(a: Pick<Agency, 'id' | 'name' | 'creditCode' | 'parentId'>, parents: Map<number, string>, year: number, today: string, f: Awaited<ReturnType<typeof factsFor>>): OverviewRow {
    const r = f.reports.get(a.id);
    const state = (r ? (OVERVIEW_STATES as readonly string[]).includes(r.state) ? r.state : 'draft' : 'not_started') as OverviewState;
    const publishedOn = f.published.get(a.id) ?? null;
    const deadline = deadlineOf(year, a.name);
    return {
      agencyId: a.id, creditCode: a.creditCode, name: a.name, parent: a.parentId ? parents.get(a.parentId) ?? null : null, state,
      submittedOn: r?.submitted_at?.slice(0, 10) ?? null, publishedOn, deadline,
      late: publishedOn ? publishedOn > deadline : today > deadline,
      errors: r?.errors_count ?? 0, warnings: r?.warnings_count ?? 0, remindedOn: f.reminded.get(a.id) ?? null,
    };
  }

  async function rows(actor: Actor, year: number): Promise<OverviewRow[]> {
    const { agencies, names: parents } = await below(actor);
    const f = await factsFor(year, new Set(agencies.map((a) => a.id)));
    const today = deps.today();
    return agencies.map((a) => rowOf(a, parents, year, today, f));
  }

  async function weightsOf(agencyId: number): Promise<{ weights: Weights; version: number }> {
    const row = await db.selectFrom('supervision_settings').select(['weights_json', 'version']).where('agency_id', '=', agencyId).executeTakeFirst();
    return row ? { weights: { ...DEFAULT_WEIGHTS, ...(fromJson<Partial<Weights>>(row.weights_json) ?? {}) }, version: row.version } : { weights: { ...DEFAULT_WEIGHTS }, version: 0 };
  }

  const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

  return {
    async overview(actor, q) {
      assertSupervisor(actor);
      const all = await rows(actor, q.year);
      const counts = Object.fromEntries(OVERVIEW_STATES.map((s) => [s, 0])) as Record<OverviewState, number>;
      for (const r of all) counts[r.state]++;
      const deadline = deadlineOf(q.year);
      const campaign: Campaign = { year: q.year, deadline, daysLeft: daysLeft(deps.today(), q.year), total: all.length, counts, late: all.filter((r) => r.late).length };
      const filtered = all.filter((r) => (!q.state || r.state === q.state) && (q.late === undefined || r.late === q.late));
      return { campaign, items: filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: filtered.length, page: q.page, pageSize: q.pageSize };
    },

    async grid(actor, agencyIds, years) {
      assertSupervisor(actor);
      const ids = [...new Set(agencyIds.filter((id) => id !== actor.agencyId && canSee(actor, id)))];
      const out = new Map<number, Map<number, Pick<OverviewRow, 'state' | 'late' | 'errors' | 'warnings'>>>();
      if (ids.length === 0 || years.length === 0) return out;
      // one query for the page's agencies (not one per agency: under load each round trip costs milliseconds)
      const agencies = (await db.selectFrom('agencies').select(['id', 'name', 'credit_code', 'parent_id']).where('id', 'in', ids).execute())
        .map((a) => ({ id: a.id, name: a.name, creditCode: a.credit_code, parentId: a.parent_id }));
      // the page's agencies only (a page is ≤ 200), every year at once
      const reports = await db.selectFrom('annual_reports').select(['agency_id', 'year', 'state', 'submitted_at', 'errors_count', 'warnings_count'])
        .where('agency_id', 'in', ids).where('year', 'in', [...years]).execute();
      const pubs = await db.selectFrom('annual_report_publications').select(['agency_id', 'year', (e) => e.fn.min('published_on').as('first')])
        .where('agency_id', 'in', ids).where('year', 'in', [...years]).groupBy(['agency_id', 'year']).execute();
      const parents = new Map<number, string>();
      const today = deps.today();
      for (const y of years) {
        const f = {
          reports: new Map(reports.filter((r) => r.year === y).map((r) => [r.agency_id, r])),
          published: new Map(pubs.filter((p) => p.year === y && p.first).map((p) => [p.agency_id, String(p.first)])),
          reminded: new Map<number, string>(),
        };
        for (const a of agencies) {
          const r = rowOf(a, parents, y, today, f);
          const m = out.get(a.id) ?? new Map();
          m.set(y, { state: r.state, late: r.late, errors: r.errors, warnings: r.warnings });
          out.set(a.id, m);
        }
      }
      return out;
    },

    async remind(actor, input) {
      assertSupervisor(actor);
      const all = await rows(actor, input.year);
      const wanted = input.agencies?.length ? new Set(input.agencies) : null;
      if (wanted) {
        const unknown = [...wanted].filter((c) => !all.some((r) => r.creditCode === c));
        if (unknown.length) throw notFound(`不是您下级的机关：${unknown.slice(0, 5).join('、')}`);
      }
      const targets = all.filter((r) => r.state !== 'published' && (!wanted || wanted.has(r.creditCode)) && (!input.state || r.state === input.state));
      if (targets.length === 0) throw validationFailed([{ field: 'agencies', message: '没有需要督促的机关（所选机关的报告都已公布）' }]);
      const today = deps.today();
      const at = nowIso(clock);
      let reminded = 0, mails = 0, alreadyToday = 0;
      for (const t of targets) {
        const done = await db.transaction().execute(async (trx) => {
          const exists = await trx.selectFrom('supervision_reminders').select('id').where('agency_id', '=', t.agencyId).where('year', '=', input.year).where('sent_on', '=', today).executeTakeFirst();
          if (exists) return false;
          const users = await trx.selectFrom('users').select(['id', 'email', 'display_name']).where('agency_id', '=', t.agencyId).where('active', '=', 1).where('role', 'in', ['officer', 'leader']).execute();
          let n = 0;
          for (const u of users) {
            if (!u.email || !u.email.includes('@')) continue;
            const ok = await deps.mailer.enqueue(trx, {
              agencyId: t.agencyId, applicationId: null, userId: u.id, to: u.email, reason: 'annual_report_reminder', dedupeKey: `annual-reminder:${t.agencyId}:${input.year}:${u.id}:${today}`,
              subject: `【督促】请按期公布${input.year}年度政府信息公开工作年度报告（期限 ${t.deadline}）`,
              body: [`${u.display_name}：`, '', `${actor.agencyName}提醒：${t.name}${input.year}年度政府信息公开工作年度报告目前${OVERVIEW_STATE_LABELS[t.state]}。`,
                `依照《中华人民共和国政府信息公开条例》第四十九条，应在 ${t.deadline} 前公布。${t.late ? '现已逾期，请尽快报送并公布。' : `距期限还有 ${daysLeft(today, input.year, t.name)} 天。`}`, '',
                `年度报告：${deps.baseUrl ?? ''}/admin/annual/${t.agencyId}/${input.year}`].join('\n'),
            });
            if (ok) n++;
          }
          await trx.insertInto('supervision_reminders').values({ supervisor_agency_id: actor.agencyId, agency_id: t.agencyId, year: input.year, sent_on: today, sent_at: at, sent_by_name: actor.displayName, mails: n }).execute();
          await deps.audit.record(trx, { actor, agencyId: t.agencyId, action: 'supervision.remind', entity: 'annual_report', entityId: null, before: null, after: { year: input.year, state: t.state, mails: n } });
          mails += n;
          return true;
        });
        if (done) reminded++;
        else alreadyToday++;
      }
      if (mails && deps.mailer.smtp) await deps.mailer.flush().catch(() => 0);
      return { reminded, mails, alreadyToday };
    },

    async weights(actor) {
      assertSupervisor(actor);
      return weightsOf(actor.agencyId);
    },

    async setWeights(actor, input) {
      assertSupervisor(actor);
      const problems = weightProblems(input.weights);
      if (problems.length) throw validationFailed(problems);
      const weights = Object.fromEntries(COMPONENTS.map((c) => [c.key, input.weights[c.key] as number])) as Weights;
      const cur = await weightsOf(actor.agencyId);
      if (cur.version !== input.version) throw conflict('权重已被他人修改，请刷新页面后重试');
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        if (cur.version === 0) {
          // a concurrent first save violates the primary key: answered as a conflict
          await trx.insertInto('supervision_settings').values({ agency_id: actor.agencyId, weights_json: toJson(weights)!, updated_at: at }).execute()
            .catch(() => { throw conflict('权重已被他人修改，请刷新页面后重试'); });
        } else {
          const r = await trx.updateTable('supervision_settings').set({ weights_json: toJson(weights)!, updated_at: at, version: cur.version + 1 }).where('agency_id', '=', actor.agencyId).where('version', '=', cur.version).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw conflict('权重已被他人修改，请刷新页面后重试');
        }
        await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'supervision.weights', entity: 'supervision_settings', entityId: actor.agencyId, before: cur.weights, after: weights });
      });
      return weightsOf(actor.agencyId);
    },

    async assessment(actor, q) {
      assertSupervisor(actor);
      const list = await rows(actor, q.year);
      const ids = new Set(list.map((r) => r.agencyId));
      const { weights, version } = await weightsOf(actor.agencyId);
      const [from, to] = yearRange(q.year);
      const apps = await db.selectFrom('applications as a')
        .leftJoin('deadline_clocks as d', (j) => j.on('d.entity', '=', 'application').on('d.kind', '=', 'reply').on('d.entity_id', '=', sql<string>`cast(a.id as text)`))
        .select(['a.agency_id', (e) => e.fn.countAll<number>().as('n'), sql<number>`sum(case when d.due is not null and a.concluded_on <= d.due then 1 else 0 end)`.as('on_time')])
        .where('a.concluded_on', '>=', from).where('a.concluded_on', '<=', to).groupBy('a.agency_id').execute();
      const items = await db.selectFrom('catalogue_items as c')
        .innerJoin('deadline_clocks as d', (j) => j.on('d.entity', '=', 'catalogue_item').on('d.kind', '=', 'proactive_publish').on('d.entity_id', '=', sql<string>`cast(c.id as text)`))
        .select(['c.agency_id', (e) => e.fn.countAll<number>().as('n'), sql<number>`sum(case when d.due is not null and c.first_published_on <= d.due then 1 else 0 end)`.as('on_time')])
        .where('c.first_published_on', '>=', from).where('c.first_published_on', '<=', to).groupBy('c.agency_id').execute();
      const appeals = await db.selectFrom('appeal_cases')
        .select(['agency_id', (e) => e.fn.countAll<number>().as('n'), sql<number>`sum(case when result = 'corrected' then 1 else 0 end)`.as('corrected')])
        .where('filed_on', '>=', from).where('filed_on', '<=', to).where('result', '!=', 'pending').groupBy('agency_id').execute();
      // 规章 and 行政规范性文件 first published in the year; same day when a linked 政策解读 was first published that day
      const policies = await db.selectFrom('catalogue_items as c')
        .select(['c.agency_id', (e) => e.fn.countAll<number>().as('n'), sql<number>`sum(case when exists (select 1 from catalogue_links l inner join catalogue_items i on i.id = l.interpretation_id where l.agency_id = c.agency_id and l.policy_id = c.id and i.first_published_on = c.first_published_on) then 1 else 0 end)`.as('same_day')])
        .where('c.kind', 'in', ['rule', 'normative']).where('c.first_published_on', '>=', from).where('c.first_published_on', '<=', to).groupBy('c.agency_id').execute();
      // months with 办件 decided, and the 办理结果公示 (第二十条第（五）（六）项 items) of the year and the January after
      const decided = await db.selectFrom('decision_entries').select(['agency_id', sql<string>`substr(decided_on, 1, 7)`.as('month')]).distinct()
        .where('decided_on', '>=', from).where('decided_on', '<=', to).execute();
      const shown = await db.selectFrom('catalogue_items').select(['agency_id', sql<string>`substr(first_published_on, 1, 7)`.as('month')]).distinct()
        .where('category', 'in', [5, 6]).where('public', '=', 1).where('first_published_on', '>=', from).where('first_published_on', '<=', `${q.year + 1}-01-31`).execute();
      const monthsOf = (rs: { agency_id: number; month: string }[]) => {
        const m = new Map<number, string[]>();
        for (const r of rs) if (ids.has(r.agency_id)) m.set(r.agency_id, [...(m.get(r.agency_id) ?? []), `${r.month}-01`]);
        return m;
      };
      const D = monthsOf(decided), S = monthsOf(shown);
      const by = <T extends { agency_id: number | null }>(rs: T[]) => new Map(rs.filter((r) => r.agency_id !== null && ids.has(r.agency_id)).map((r) => [r.agency_id!, r]));
      const A = by(apps), C = by(items), P = by(appeals), L = by(policies);
      const today = deps.today();
      const scored = list.map((r) => {
        const a = A.get(r.agencyId), c = C.get(r.agencyId), p = P.get(r.agencyId), l = L.get(r.agencyId);
        const res = assess({
          report: r.state === 'not_started' ? (today > r.deadline ? { deadline: r.deadline, publishedOn: null, errors: 0 } : null) : { deadline: r.deadline, publishedOn: r.publishedOn, errors: r.errors },
          applications: { concluded: Number(a?.n ?? 0), onTime: Number(a?.on_time ?? 0) },
          catalogue: { published: Number(c?.n ?? 0), onTime: Number(c?.on_time ?? 0) },
          policies: { published: Number(l?.n ?? 0), sameDay: Number(l?.same_day ?? 0) },
          results: resultMonths(D.get(r.agencyId) ?? [], S.get(r.agencyId) ?? [], today),
          appeals: { decided: Number(p?.n ?? 0), corrected: Number(p?.corrected ?? 0) },
        }, weights, today);
        // a report never compiled has no rule errors to count, only its missing publication
        if (r.state === 'not_started') res.parts.report_quality = null;
        return { agencyId: r.agencyId, creditCode: r.creditCode, name: r.name, score: res.score, parts: res.parts };
      });
      const ranked = rank(scored);
      return { weights, version, components: COMPONENTS, items: ranked.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: ranked.length, page: q.page, pageSize: q.pageSize };
    },

    workProvider(): WorkProvider {
      return async (actor) => {
        if (actor.role !== 'officer' && actor.role !== 'leader') return [];
        const rs = await db.selectFrom('supervision_reminders').select(['year', (e) => e.fn.max('sent_on').as('last')]).where('agency_id', '=', actor.agencyId).groupBy('year').execute();
        const out: WorkItem[] = [];
        for (const r of rs) {
          const report = await db.selectFrom('annual_reports').select('state').where('agency_id', '=', actor.agencyId).where('year', '=', r.year).executeTakeFirst();
          if (report?.state === 'published') continue;
          const agency = await deps.agencies.get(actor.agencyId);
          const name = agency?.name ?? actor.agencyName;
          const due = deadlineOf(r.year, name);
          out.push({
            kind: 'annual_report_reminder', kindLabel: '上级督促：年度报告', title: `${r.year}年度政府信息公开工作年度报告`, agency: name, ref: String(r.year),
            url: `/admin/annual/${actor.agencyId}/${r.year}`, due, overdue: deps.today() > due, warning: true,
            note: `政务公开主管部门 ${String(r.last)} 督促：${report ? `目前${OVERVIEW_STATE_LABELS[(report.state as OverviewState)] ?? report.state}` : '尚未编制'}；法定期限 ${due}（条例第四十九条）`,
          });
        }
        return out;
      };
    },
  };
}
