// Comparisons and rankings across the agencies below a supervisor and across years (decision 180): per agency and year
// the applications received, the outcome mix of those concluded, the share answered by the reply deadline (Gongkai's
// own deadlines, not the reports' figures), the 复议 / 诉讼 correction rate and the findings of the latest audit of the
// agency's annual report; ranked by one metric with competition ranks, last year's rank and the change from last year;
// and the heatmap of agencies × rules from the latest audits. The counting is SQL (supervision.rankings.repository.ts,
// one row per agency), the ranking pure (core/supervision/rankings.ts).
import type { Kysely } from 'kysely';
import { RULES } from '../../core/report/rules.ts';
import {
  change, concludedOf, correctionRate, emptyFigures, metricKey, METRIC_DEFS, metricValue, onTimeShare, OUTCOME_GROUPS, ranks,
  type AgencyYearFigures, type Metric,
} from '../../core/supervision/rankings.ts';
import type { OutcomeFamily } from '../../core/applications/outcomes.ts';
import type { Database } from '../../db/types.ts';
import { assertNotAdmin, assertRole, type Actor } from '../shared/actor.ts';
import { latestReports, ledgerFigures, scopeAgencies, withoutJit, yearSums, type ScopeAgency, type YearSums } from './supervision.rankings.repository.ts';
import type { Paged } from './supervision.service.ts';

const ZH = new Intl.Collator('zh-CN');

export interface RankingRow {
  rank: number | null;
  previousRank: number | null;
  /** places gained since last year (positive: moved up) */
  rankChange: number | null;
  agencyId: number;
  creditCode: string;
  name: string;
  /** the metric's figure: count, per cent, or errors for report quality */
  value: number | null;
  received: number;
  concluded: number;
  outcomes: Record<OutcomeFamily, number>;
  withDeadline: number;
  onTime: number;
  onTimeShare: number | null;
  reviewDecided: number;
  reviewCorrected: number;
  litigationDecided: number;
  litigationCorrected: number;
  correctionRate: number | null;
  report: { reportId: number; runId: number; errors: number; warnings: number } | null;
  previous: { received: number; onTimeShare: number | null; correctionRate: number | null; errors: number | null; warnings: number | null };
  change: { received: number | null; onTimeShare: number | null; correctionRate: number | null; errors: number | null };
}

export interface RankingTotals {
  agencies: number;
  received: number;
  concluded: number;
  outcomes: Record<OutcomeFamily, number>;
  withDeadline: number;
  onTime: number;
  onTimeShare: number | null;
  appealsDecided: number;
  appealsCorrected: number;
  correctionRate: number | null;
  audited: number;
  errors: number;
  warnings: number;
}

export type SortOrder = 'asc' | 'desc';

export interface RankingQuery { year: number; metric: Metric; order?: SortOrder }

export interface Rankings { year: number; metric: Metric; order: SortOrder; totals: RankingTotals; previousTotals: RankingTotals; rows: RankingRow[] }

export interface HeatmapRule { rule: string; title: string; severity: 'error' | 'warning'; total: number }
export interface HeatmapRow { agencyId: number; creditCode: string; name: string; reportId: number; runId: number; status: string; total: number; errors: number; warnings: number; counts: Record<string, number> }
export interface Heatmap { year: number; rules: HeatmapRule[]; notAudited: number; rows: HeatmapRow[] }

export interface RankingsService {
  /** One page of the ranking by `metric` (best first unless `order` says otherwise; agencies without the figure last). */
  rankings(actor: Actor, q: RankingQuery & { page: number; pageSize: number }): Promise<Paged<RankingRow> & Omit<Rankings, 'rows'>>;
  /** The whole ranking (exports). */
  allRankings(actor: Actor, q: RankingQuery): Promise<Rankings>;
  /** One page of the heatmap: the agencies audited for the year, most findings first. */
  heatmap(actor: Actor, q: { year: number; page: number; pageSize: number }): Promise<Paged<HeatmapRow> & Omit<Heatmap, 'rows'>>;
  /** The whole heatmap (exports). */
  allHeatmap(actor: Actor, year: number): Promise<Heatmap>;
  /** The totals of the agencies below for each of `years` years up to `year` (oldest first). */
  trend(actor: Actor, q: { year: number; years: number }): Promise<{ year: number; totals: RankingTotals }[]>;
}

const RULE_TITLES = new Map<string, { title: string; severity: 'error' | 'warning' }>([
  ...RULES.map((r) => [r.id, { title: r.title, severity: r.severity }] as const),
  ['READ', { title: '读取问题（文件未能完整读取）', severity: 'error' }],
]);

export function ruleTitle(rule: string): string {
  return RULE_TITLES.get(rule)?.title ?? rule;
}

function totalsOf(figures: readonly AgencyYearFigures[]): RankingTotals {
  const t: RankingTotals = {
    agencies: figures.length, received: 0, concluded: 0, outcomes: emptyFigures().outcomes, withDeadline: 0, onTime: 0, onTimeShare: null,
    appealsDecided: 0, appealsCorrected: 0, correctionRate: null, audited: 0, errors: 0, warnings: 0,
  };
  const all = emptyFigures();
  for (const f of figures) {
    t.received += f.received;
    for (const g of OUTCOME_GROUPS) t.outcomes[g] += f.outcomes[g];
    t.withDeadline += f.withDeadline;
    t.onTime += f.onTime;
    all.reviewDecided += f.reviewDecided; all.reviewCorrected += f.reviewCorrected;
    all.litigationDecided += f.litigationDecided; all.litigationCorrected += f.litigationCorrected;
    if (f.report) { t.audited++; t.errors += f.report.errors; t.warnings += f.report.warnings; }
  }
  t.concluded = OUTCOME_GROUPS.reduce((s, g) => s + t.outcomes[g], 0);
  t.onTimeShare = onTimeShare({ ...all, withDeadline: t.withDeadline, onTime: t.onTime });
  t.appealsDecided = all.reviewDecided + all.litigationDecided;
  t.appealsCorrected = all.reviewCorrected + all.litigationCorrected;
  t.correctionRate = correctionRate(all);
  return t;
}

/** The totals of one year from the sums over the agencies below (the trend, summed in SQL). */
function totalsOfSums(s: YearSums): RankingTotals {
  const f = emptyFigures();
  f.received = s.received;
  for (const g of OUTCOME_GROUPS) f.outcomes[g] = s.outcomes[g] ?? 0;
  Object.assign(f, {
    withDeadline: s.withDeadline, onTime: s.onTime, reviewDecided: s.reviewDecided, reviewCorrected: s.reviewCorrected,
    litigationDecided: s.litigationDecided, litigationCorrected: s.litigationCorrected,
  });
  return { ...totalsOf([f]), agencies: s.agencies, audited: s.audited, errors: s.errors, warnings: s.warnings };
}

export function createRankingsService(db: Kysely<Database>): RankingsService {
  // Each scope's agencies in zh-CN (pinyin) order, kept while its list of ids and names is the same: collating 10⁴
  // Chinese names on every request cost more than the SQL (measured, decision 180). A few supervisors' scopes are kept.
  const orders = new Map<number, { sig: string; place: Map<number, number> }>();
  function nameOrder(supervisorId: number, agencies: readonly ScopeAgency[]): Map<number, number> {
    const sig = agencies.map((a) => `${a.id}\u0001${a.name}`).join('\u0002');
    const hit = orders.get(supervisorId);
    if (hit?.sig === sig) return hit.place;
    const place = new Map([...agencies].sort((a, b) => ZH.compare(a.name, b.name) || a.id - b.id).map((a, i) => [a.id, i]));
    orders.delete(supervisorId);
    orders.set(supervisorId, { sig, place });
    if (orders.size > 32) orders.delete(orders.keys().next().value!);
    return place;
  }

  function assertSupervisor(actor: Actor): void {
    assertNotAdmin(actor, '比较和排名各机关');
    assertRole(actor, 'supervisor');
  }

  /** Every agency below the supervisor with its figures of each year from..to (one query per source for all the years). */
  async function figuresOf(supervisorId: number, from: number, to: number): Promise<{ agencies: ScopeAgency[]; years: Map<number, Map<number, AgencyYearFigures>> }> {
    const [agencies, ledger, reports] = await withoutJit(db, async (ex) => [
      await scopeAgencies(ex, supervisorId), await ledgerFigures(ex, supervisorId, from, to), await latestReports(ex, supervisorId, from, to),
    ] as const);
    const years = new Map<number, Map<number, AgencyYearFigures>>();
    for (let y = from; y <= to; y++) years.set(y, new Map(agencies.map((a) => [a.id, emptyFigures()])));
    const at = (agencyId: number, y: number) => years.get(y)?.get(agencyId);
    for (const r of ledger) {
      const f = at(r.agencyId, r.year);
      if (!f) continue;
      f.received = r.received;
      for (const g of OUTCOME_GROUPS) f.outcomes[g] = r.outcomes[g] ?? 0;
      Object.assign(f, {
        withDeadline: r.withDeadline, onTime: r.onTime, reviewDecided: r.reviewDecided, reviewCorrected: r.reviewCorrected,
        litigationDecided: r.litigationDecided, litigationCorrected: r.litigationCorrected,
      });
    }
    for (const r of reports) {
      const f = at(r.agencyId, r.year);
      if (f) f.report = { reportId: r.reportId, runId: r.runId, errors: r.errors, warnings: r.warnings };
    }
    return { agencies, years };
  }

  /** Every agency below the supervisor with its figures of `year` and of the year before. */
  async function figures(supervisorId: number, year: number): Promise<{ agencies: ScopeAgency[]; now: Map<number, AgencyYearFigures>; before: Map<number, AgencyYearFigures> }> {
    const { agencies, years } = await figuresOf(supervisorId, year - 1, year);
    return { agencies, now: years.get(year)!, before: years.get(year - 1)! };
  }

  async function allRankings(actor: Actor, q: RankingQuery): Promise<Rankings> {
    assertSupervisor(actor);
    const { agencies, now, before } = await figures(actor.agencyId, q.year);
    const m = q.metric;
    const rankNow = ranks(m, agencies.map((a) => ({ id: a.id, figures: now.get(a.id)! })));
    const rankBefore = ranks(m, agencies.map((a) => ({ id: a.id, figures: before.get(a.id)! })));
    const rows: RankingRow[] = agencies.map((a) => {
      const f = now.get(a.id)!, p = before.get(a.id)!;
      const rank = rankNow.get(a.id) ?? null, previousRank = rankBefore.get(a.id) ?? null;
      return {
        rank, previousRank, rankChange: rank !== null && previousRank !== null ? previousRank - rank : null,
        agencyId: a.id, creditCode: a.creditCode, name: a.name, value: metricValue(m, f),
        received: f.received, concluded: concludedOf(f), outcomes: { ...f.outcomes }, withDeadline: f.withDeadline, onTime: f.onTime, onTimeShare: onTimeShare(f),
        reviewDecided: f.reviewDecided, reviewCorrected: f.reviewCorrected, litigationDecided: f.litigationDecided, litigationCorrected: f.litigationCorrected,
        correctionRate: correctionRate(f), report: f.report,
        previous: { received: p.received, onTimeShare: onTimeShare(p), correctionRate: correctionRate(p), errors: p.report?.errors ?? null, warnings: p.report?.warnings ?? null },
        change: {
          received: f.received - p.received, onTimeShare: change(onTimeShare(f), onTimeShare(p)), correctionRate: change(correctionRate(f), correctionRate(p)),
          errors: change(f.report?.errors ?? null, p.report?.errors ?? null),
        },
      };
    });
    // best first by default; the other way round on request; agencies without the figure always last, then by name
    const best: SortOrder = METRIC_DEFS[m].better === 'higher' ? 'desc' : 'asc';
    const order = q.order ?? best;
    const keys = new Map(agencies.map((a) => [a.id, metricKey(m, now.get(a.id)!)]));
    const place = nameOrder(actor.agencyId, agencies);
    const byName = (a: RankingRow, b: RankingRow) => place.get(a.agencyId)! - place.get(b.agencyId)!;
    rows.sort((a, b) => {
      const ka = keys.get(a.agencyId), kb = keys.get(b.agencyId);
      if (!ka || !kb) return (ka ? 0 : 1) - (kb ? 0 : 1) || byName(a, b);
      const byRank = a.rank! - b.rank!;
      return (order === best ? byRank : -byRank) || byName(a, b);
    });
    return {
      year: q.year, metric: m, order, rows,
      totals: totalsOf(agencies.map((a) => now.get(a.id)!)), previousTotals: totalsOf(agencies.map((a) => before.get(a.id)!)),
    };
  }

  async function allHeatmap(actor: Actor, year: number, page?: { page: number; pageSize: number }): Promise<Heatmap & { total: number }> {
    assertSupervisor(actor);
    const id = actor.agencyId;
    const [agencies, reports] = await withoutJit(db, async (ex) => [await scopeAgencies(ex, id), await latestReports(ex, id, year, year, true)] as const);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const audited = reports.filter((r) => byId.has(r.agencyId)).map((r) => ({ ...r, a: byId.get(r.agencyId)!, total: r.errors + r.warnings }));
    const place = nameOrder(id, agencies);
    audited.sort((x, y) => y.total - x.total || y.errors - x.errors || place.get(x.agencyId)! - place.get(y.agencyId)!);
    const shown = page ? audited.slice((page.page - 1) * page.pageSize, page.page * page.pageSize) : audited;
    // the rule columns: findings per rule over every latest report (each report's counts are stored with it)
    const totals = new Map<string, { total: number; errors: number }>();
    for (const r of audited) {
      for (const [rule, c] of Object.entries(r.rules)) {
        const t = totals.get(rule) ?? { total: 0, errors: 0 };
        t.total += c.count; t.errors += c.errors;
        totals.set(rule, t);
      }
    }
    const counts = new Map(shown.map((r) => [r.agencyId, Object.fromEntries(Object.entries(r.rules).map(([rule, c]) => [rule, c.count]))]));
    const rules: HeatmapRule[] = [...totals].map(([rule, t]) => ({ rule, title: ruleTitle(rule), severity: RULE_TITLES.get(rule)?.severity ?? (t.errors > 0 ? 'error' : 'warning'), total: t.total }))
      .sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule));
    return {
      year, rules, notAudited: agencies.length - audited.length, total: audited.length,
      rows: shown.map((r) => ({ agencyId: r.agencyId, creditCode: r.a.creditCode, name: r.a.name, reportId: r.reportId, runId: r.runId, status: r.status, total: r.total, errors: r.errors, warnings: r.warnings, counts: counts.get(r.agencyId) ?? {} })),
    };
  }

  return {
    async rankings(actor, q) {
      const all = await allRankings(actor, q);
      const { rows, ...rest } = all;
      return { ...rest, items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
    },
    allRankings,
    async heatmap(actor, q) {
      const { rows, ...rest } = await allHeatmap(actor, q.year, q);
      return { ...rest, items: rows, page: q.page, pageSize: q.pageSize };
    },
    async trend(actor, q) {
      assertSupervisor(actor);
      return (await withoutJit(db, (ex) => yearSums(ex, actor.agencyId, q.year - q.years + 1, q.year))).map((s) => ({ year: s.year, totals: totalsOfSums(s) }));
    },
    async allHeatmap(actor, year) {
      const { total: _total, ...h } = await allHeatmap(actor, year);
      return h;
    },
  };
}
