// Statistics per period and unit: ratings by level and channel, 好评率, 满意度 (configured formula), 差评 and their
// rectification, return visits, suggestions — grouped in the database, one query per measure for any number of units.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { CHANNEL_LABELS, FORMULA_LABELS, percent, summarise, totalOf, type Channel, type EvaluationSettings, type LevelCounts, type Summary, type SummaryInput } from '../../core/evaluations/index.ts';
import * as repo from './evaluations.repository.ts';

export type UnitFigures = Summary & {
  agencyId: number;
  overdueOrders: number;
};

export type Statistics = {
  from: string;
  to: string;
  formula: string;
  input: SummaryInput;
  summary: Summary;
  levels: LevelCounts;
  channels: { channel: string; label: string; n: number }[];
  months: { month: string; n: number; bad: number }[];
  orders: { n: number; closed: number; visited: number; named: number; namedVisited: number; overdue: number };
  /** closed 差评 work orders ÷ 差评, per cent */
  rectificationRate: number;
  /** 差评 visited back ÷ 差评, and for 实名差评 (must be 100%) */
  returnVisitRate: number;
  namedReturnVisitRate: number;
  units: UnitFigures[];
};

const emptyLevels = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/** `unitsOnly`: the per-unit figures alone are wanted (the annual report's 总体情况) — the counts by channel and by month,
 *  which feed only the statistics page, are not queried and come back empty. */
export async function computeStatistics(db: Kysely<Database>, q: { agencyIds: readonly number[] | null; from: string; to: string; today: string; settings: EvaluationSettings | Promise<EvaluationSettings>; unitsOnly?: boolean }): Promise<Statistics> {
  const p = { from: q.from, to: q.to };
  // the settings may still be on their way: read beside the counts
  const [levelRows, channelRows, monthRows, visitRows, orderRows, suggestionRows, settings] = await Promise.all([
    repo.levelCountsByUnit(db, q.agencyIds, p), q.unitsOnly ? [] : repo.channelCounts(db, q.agencyIds, p), q.unitsOnly ? [] : repo.monthCounts(db, q.agencyIds, p),
    repo.visitCountsByUnit(db, q.agencyIds, p), repo.orderCountsByUnit(db, q.agencyIds, p, q.today), repo.suggestionCountsByUnit(db, q.agencyIds, p), q.settings,
  ]);
  interface Acc { levels: LevelCounts; visits: number; closed: number; visited: number; overdue: number; s: { received: number; adopted: number; rectified: number } }
  const units = new Map<number, Acc>();
  const unit = (id: number): Acc => {
    let u = units.get(id);
    if (!u) units.set(id, (u = { levels: emptyLevels(), visits: 0, closed: 0, visited: 0, overdue: 0, s: { received: 0, adopted: 0, rectified: 0 } }));
    return u;
  };
  const levels = emptyLevels();
  for (const r of levelRows) {
    if (r.level < 1 || r.level > 5) continue;
    const k = r.level as 1 | 2 | 3 | 4 | 5;
    levels[k] += r.n;
    unit(r.agencyId).levels[k] += r.n;
  }
  let returnVisits = 0;
  for (const r of visitRows) {
    returnVisits += r.n;
    unit(r.agencyId).visits += r.n;
  }
  const orders = { n: 0, closed: 0, visited: 0, named: 0, namedVisited: 0, overdue: 0 };
  for (const r of orderRows) {
    orders.n += r.n; orders.closed += r.closed; orders.visited += r.visited; orders.named += r.named; orders.namedVisited += r.namedVisited; orders.overdue += r.overdue;
    const u = unit(r.agencyId);
    u.closed += r.closed; u.visited += r.visited; u.overdue += r.overdue;
  }
  const suggestions = { received: 0, adopted: 0, rectified: 0 };
  for (const r of suggestionRows) {
    suggestions.received += r.n; suggestions.adopted += r.adopted; suggestions.rectified += r.rectified;
    const u = unit(r.agencyId);
    u.s.received += r.n; u.s.adopted += r.adopted; u.s.rectified += r.rectified;
  }
  const input: SummaryInput = { levels, returnVisits, badClosed: orders.closed, badVisited: orders.visited, suggestions };
  const summary = summarise(input, settings);
  return {
    from: q.from, to: q.to, formula: FORMULA_LABELS[settings.satisfactionFormula], input, summary, levels,
    channels: channelRows.map((r) => ({ channel: r.channel, label: CHANNEL_LABELS[r.channel as Channel] ?? r.channel, n: r.n })).sort((a, b) => b.n - a.n),
    months: monthRows.sort((a, b) => a.month.localeCompare(b.month)),
    orders,
    rectificationRate: percent(orders.closed, summary.badRatings),
    returnVisitRate: percent(orders.visited, orders.n),
    namedReturnVisitRate: percent(orders.namedVisited, orders.named),
    units: [...units.entries()].sort((a, b) => a[0] - b[0]).map(([agencyId, u]) => ({
      agencyId, overdueOrders: u.overdue,
      ...summarise({ levels: u.levels, returnVisits: u.visits, badClosed: u.closed, badVisited: u.visited, suggestions: u.s }, settings),
    })),
  };
}

export { totalOf };
