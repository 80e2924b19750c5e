// Assessment of the agencies a 政务公开主管部门 supervises (定期考核), computed from Gongkai's own records. Pure: counts in,
// scores out. Each component is a share (0–100) of things done in time or right, with its legal source; a component
// without data for an agency (nothing to count) is left out of that agency's score and the remaining weights are
// rescaled, so an agency is not rewarded or punished for having no cases.
export const COMPONENTS = [
  { key: 'report_timely', label: '年度报告按时公布', source: '条例第四十九条：部门每年1月31日前、本级政府3月31日前公布上一年度报告' },
  { key: 'report_quality', label: '年度报告质量（勾稽、格式）', source: '条例第五十条；国办公开办函〔2021〕30号 年度报告格式' },
  { key: 'applications_in_time', label: '依申请公开按期答复', source: '条例第三十三条：20个工作日内答复，延长不超过20个工作日' },
  { key: 'catalogue_in_time', label: '主动公开20个工作日内公开', source: '条例第二十六条：信息形成或者变更之日起20个工作日内公开' },
  { key: 'interpretation_same_day', label: '规范性文件与解读同步发布', source: '国办发〔2016〕80号：政策性文件与解读方案、解读材料同步组织、同步审签、同步部署' },
  { key: 'monthly_results', label: '办理结果按月公示', source: '条例第二十条第（五）（六）项：办理行政许可等事项和行政处罚的办理结果主动公开' },
  { key: 'appeals_corrected', label: '复议、诉讼未被纠错', source: '条例第五十一条；年度报告表四（复议、诉讼结果为纠正的）' },
] as const;

export type ComponentKey = (typeof COMPONENTS)[number]['key'];
export type Weights = Record<ComponentKey, number>;
export const DEFAULT_WEIGHTS: Weights = {
  report_timely: 20, report_quality: 15, applications_in_time: 20, catalogue_in_time: 15, interpretation_same_day: 10, monthly_results: 10, appeals_corrected: 10,
};

/** The records counted for one agency and year. */
export interface AgencyCounts {
  /** the annual report: its deadline, publication date (first version) and rule errors; null when none was compiled */
  report: { deadline: string; publishedOn: string | null; errors: number } | null;
  applications: { concluded: number; onTime: number };
  catalogue: { published: number; onTime: number };
  /** 规章 and 行政规范性文件 first published in the period, and those with a linked 政策解读 first published the same day */
  policies: { published: number; sameDay: number };
  /** months of the period with 办件 decided, and those of them whose results were publicly shown (see resultMonths) */
  results: { months: number; shown: number };
  appeals: { decided: number; corrected: number };
}

export interface Part {
  /** 0–100 */
  value: number;
  /** what was counted, in words (zh-CN: BASIS with the vars filled in) */
  basis: string;
  /** which BASIS sentence and its figures, so that a page can say the same in its locale */
  kind: BasisKind;
  vars: Record<string, string | number>;
}

/** The sentences of `basis`, by kind ({name} is filled from the part's vars). */
export const BASIS = {
  published: '{publishedOn} 公布，期限 {deadline}',
  unpublished: '期限 {deadline} 已过，尚未公布',
  quality: '勾稽错误 {errors} 处',
  applications: '办结 {concluded} 件，按期 {onTime} 件',
  catalogue: '公开 {published} 条，按期 {onTime} 条',
  policies: '规范性文件 {published} 件，同日发布解读 {sameDay} 件',
  results: '有办件的月份 {months} 个，已公示 {shown} 个',
  appeals: '审结 {decided} 件，被纠错 {corrected} 件',
} as const;
export type BasisKind = keyof typeof BASIS;

function part(value: number, kind: BasisKind, vars: Record<string, string | number>): Part {
  return { value, basis: BASIS[kind].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k])), kind, vars };
}

export interface Assessment {
  /** weighted mean of the parts with data, 0–100 (one decimal); null when no part has data */
  score: number | null;
  parts: Record<ComponentKey, Part | null>;
}

const pct = (n: number, d: number) => Math.round((1000 * n) / d) / 10;

/** Points per rule error in the report (each error −20, at least 0). */
export const POINTS_PER_ERROR = 20;

export function assess(c: AgencyCounts, weights: Weights, today: string): Assessment {
  const parts: Record<ComponentKey, Part | null> = {
    report_timely: null, report_quality: null, applications_in_time: null, catalogue_in_time: null, interpretation_same_day: null, monthly_results: null, appeals_corrected: null,
  };
  if (c.report) {
    const { deadline, publishedOn } = c.report;
    if (publishedOn) parts.report_timely = part(publishedOn <= deadline ? 100 : 0, 'published', { publishedOn, deadline });
    else if (today > deadline) parts.report_timely = part(0, 'unpublished', { deadline });
    parts.report_quality = part(Math.max(0, 100 - POINTS_PER_ERROR * c.report.errors), 'quality', { errors: c.report.errors });
  }
  if (c.applications.concluded > 0) parts.applications_in_time = part(pct(c.applications.onTime, c.applications.concluded), 'applications', { concluded: c.applications.concluded, onTime: c.applications.onTime });
  if (c.catalogue.published > 0) parts.catalogue_in_time = part(pct(c.catalogue.onTime, c.catalogue.published), 'catalogue', { published: c.catalogue.published, onTime: c.catalogue.onTime });
  if (c.policies.published > 0) parts.interpretation_same_day = part(pct(c.policies.sameDay, c.policies.published), 'policies', { published: c.policies.published, sameDay: c.policies.sameDay });
  if (c.results.months > 0) parts.monthly_results = part(pct(c.results.shown, c.results.months), 'results', { months: c.results.months, shown: c.results.shown });
  if (c.appeals.decided > 0) parts.appeals_corrected = part(pct(c.appeals.decided - c.appeals.corrected, c.appeals.decided), 'appeals', { decided: c.appeals.decided, corrected: c.appeals.corrected });
  let sum = 0, w = 0;
  for (const k of Object.keys(parts) as ComponentKey[]) {
    const p = parts[k];
    if (!p || !(weights[k] > 0)) continue;
    sum += p.value * weights[k];
    w += weights[k];
  }
  return { score: w > 0 ? Math.round((10 * sum) / w) / 10 : null, parts };
}

/** Ranks by score (highest first; ties share a rank; agencies without a score last, unranked). */
export function rank<T extends { score: number | null; name: string }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const sorted = [...rows].sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN'));
  let last: number | null = null, lastRank = 0;
  return sorted.map((r, i) => {
    if (r.score === null) return { ...r, rank: null };
    const rk = r.score === last ? lastRank : i + 1;
    last = r.score;
    lastRank = rk;
    return { ...r, rank: rk };
  });
}

/** Validates supervisor-set weights: every component, 0–100, not all zero. Returns messages per key. */
export function weightProblems(w: Record<string, unknown>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const c of COMPONENTS) {
    const v = w[c.key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100 || !Number.isInteger(v)) out.push({ field: `weights.${c.key}`, message: `${c.label}的权重应为 0–100 的整数` });
  }
  if (out.length === 0 && COMPONENTS.every((c) => w[c.key] === 0)) out.push({ field: 'weights', message: '权重不能全部为 0' });
  return out;
}

/**
 * Monthly 办理结果公示: every month in which the agency decided 办件 needs its results shown — a public catalogue item of
 * 第二十条第（五）（六）项 first published in that month or the month after (a month's results are shown once it has
 * ended). Months whose showing is not yet due on `today` (the month after has not ended) are not counted.
 * decidedOn and shownOn are YYYY-MM-DD dates.
 */
export function resultMonths(decidedOn: readonly string[], shownOn: readonly string[], today: string): { months: number; shown: number } {
  const next = (m: string) => {
    const [y, mo] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  };
  const shown = new Set(shownOn.map((d) => d.slice(0, 7)));
  const months = [...new Set(decidedOn.map((d) => d.slice(0, 7)))].filter((m) => next(m) < today.slice(0, 7));
  return { months: months.length, shown: months.filter((m) => shown.has(m) || shown.has(next(m))).length };
}
