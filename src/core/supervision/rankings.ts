// Comparisons and rankings of the agencies below a supervisor (decision 180): the figures of one agency and year from
// Gongkai's own records, the metrics that rank them, competition ranks ("1, 2, 2, 4") and the change from the year
// before. Pure: the figures are counted in SQL by the feature, ranked here.
import { OUTCOMES, type OutcomeFamily } from '../applications/outcomes.ts';

/** The outcome groups of table 三 （一）–（六） (报告格式 60号 / 30号), in the table's order. */
export const OUTCOME_GROUPS: readonly OutcomeFamily[] = ['disclose', 'partial', 'withhold', 'unavailable', 'decline', 'other'];
export const OUTCOME_GROUP_LABELS: Record<OutcomeFamily, string> = {
  disclose: '予以公开', partial: '部分公开', withhold: '不予公开', unavailable: '无法提供', decline: '不予处理', other: '其他处理',
};
/** Every outcome code of a group (core/applications/outcomes.ts: each code's table 三 row lies in its family's group). */
export const OUTCOME_CODES_OF: Record<OutcomeFamily, string[]> = Object.fromEntries(
  OUTCOME_GROUPS.map((g) => [g, OUTCOMES.filter((o) => o.family === g).map((o) => o.code)]),
) as Record<OutcomeFamily, string[]>;

/** What is counted for one agency and year. */
export interface AgencyYearFigures {
  /** applications received in the year (收到申请之日, 条例第三十一条; table 三 “一、本年新收”) */
  received: number;
  /** applications concluded in the year, by outcome group (table 三 “三、本年度办理结果”) */
  outcomes: Record<OutcomeFamily, number>;
  /** of those concluded in the year, the ones with a reply deadline (条例第三十三条; a lapsed 补正 has none) */
  withDeadline: number;
  /** … concluded on or before it */
  onTime: number;
  /** 行政复议 / 行政诉讼 filed in the year and decided (not 尚未审结), and those whose result was 纠正 (table 四) */
  reviewDecided: number;
  reviewCorrected: number;
  litigationDecided: number;
  litigationCorrected: number;
  /** the latest audit of the agency's annual report of the year: findings not dismissed, by severity; null: not audited */
  report: { reportId: number; runId: number; errors: number; warnings: number } | null;
}

export const emptyFigures = (): AgencyYearFigures => ({
  received: 0, outcomes: { disclose: 0, partial: 0, withhold: 0, unavailable: 0, decline: 0, other: 0 }, withDeadline: 0, onTime: 0,
  reviewDecided: 0, reviewCorrected: 0, litigationDecided: 0, litigationCorrected: 0, report: null,
});

export const METRICS = ['received', 'onTime', 'correction', 'reportQuality'] as const;
export type Metric = (typeof METRICS)[number];

/** Each metric: its label, its source, and which way is better (rank 1 is the best). */
export const METRIC_DEFS: Record<Metric, { label: string; source: string; better: 'higher' | 'lower' }> = {
  received: { label: '依申请公开申请数', source: '条例第三十一条；年度报告表三“本年新收政府信息公开申请数量”', better: 'higher' },
  onTime: { label: '按期答复率', source: '条例第三十三条（20个工作日，延长不超过20个工作日）；本平台的答复期限', better: 'higher' },
  correction: { label: '复议诉讼纠错率', source: '条例第五十一条；年度报告表四“结果纠正” ÷ 已审结', better: 'lower' },
  reportQuality: { label: '年度报告质量（错误、警告）', source: '条例第五十条；最近一次督查体检的结果（已排除的不计）', better: 'lower' },
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A share in per cent with one decimal, null without a denominator. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? round1((part * 100) / whole) : null;
}

export const concludedOf = (f: AgencyYearFigures) => OUTCOME_GROUPS.reduce((s, g) => s + f.outcomes[g], 0);
export const onTimeShare = (f: AgencyYearFigures) => percent(f.onTime, f.withDeadline);
export const correctionRate = (f: AgencyYearFigures) => percent(f.reviewCorrected + f.litigationCorrected, f.reviewDecided + f.litigationDecided);

/**
 * The metric's sort key, best first after {@link compareKeys}; null when the agency has nothing to rank by (no
 * applications received … no report audited). Shares are compared as exact fractions scaled to 10⁻⁹, not as the
 * rounded per cent shown, so 1/3 and 2/6 tie and 66.66… and 66.7 do not.
 */
export function metricKey(m: Metric, f: AgencyYearFigures): number[] | null {
  const exact = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1e9) : null);
  switch (m) {
    case 'received': return [f.received];
    case 'onTime': { const v = exact(f.onTime, f.withDeadline); return v === null ? null : [v]; }
    case 'correction': { const v = exact(f.reviewCorrected + f.litigationCorrected, f.reviewDecided + f.litigationDecided); return v === null ? null : [v]; }
    case 'reportQuality': return f.report ? [f.report.errors, f.report.warnings] : null;
  }
}

/** Negative when `a` is better than `b` for the metric. */
export function compareKeys(m: Metric, a: readonly number[], b: readonly number[]): number {
  const sign = METRIC_DEFS[m].better === 'higher' ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return sign * d;
  }
  return 0;
}

/**
 * Competition ranks by the metric (equal keys share a rank, the next rank skips: 1, 2, 2, 4); agencies without a key
 * get null. Returns agency id → rank.
 */
export function ranks(m: Metric, rows: readonly { id: number; figures: AgencyYearFigures }[]): Map<number, number | null> {
  const keyed = rows.map((r) => ({ id: r.id, key: metricKey(m, r.figures) }));
  const ranked = keyed.filter((r): r is { id: number; key: number[] } => r.key !== null).sort((a, b) => compareKeys(m, a.key, b.key));
  const out = new Map<number, number | null>(keyed.map((r) => [r.id, null]));
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    out.set(r.id, prev && compareKeys(m, prev.key, r.key) === 0 ? out.get(prev.id)! : i + 1);
  });
  return out;
}

/** This year's value minus last year's (per-cent points for shares), null when either is missing. */
export function change(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : round1(now - before);
}

/** The figure shown for a metric (errors for report quality). */
export function metricValue(m: Metric, f: AgencyYearFigures): number | null {
  switch (m) {
    case 'received': return f.received;
    case 'onTime': return onTimeShare(f);
    case 'correction': return correctionRate(f);
    case 'reportQuality': return f.report ? f.report.errors : null;
  }
}
