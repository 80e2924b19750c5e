// Charts of the comparisons drawn on the server as SVG (echarts server-side rendering, renderer 'svg', loaded on the
// first chart — decision 117), as the annual report's trend and the 好差评 statistics do. The pages print the same
// numbers in tables: a chart is never the only way to read them.
import { svgChart } from '../shared/echarts.ts';
import { OUTCOME_GROUP_LABELS, OUTCOME_GROUPS } from '../../core/supervision/rankings.ts';
import type { HeatmapRow, HeatmapRule, RankingRow, RankingTotals } from './supervision.rankings.ts';

export interface Chart { title: string; svg: string }


const heightFor = (rows: number, top: number) => top + 40 + Math.max(rows, 1) * 26;

/** Share answered by the reply deadline, one bar per agency (the page's agencies, in the ranking's order). */
export function onTimeChart(rows: readonly RankingRow[], title: string): Chart {
  const shown = rows.filter((r) => r.onTimeShare !== null);
  const names = shown.map((r) => r.name);
  return {
    title,
    svg: svgChart({
      grid: { left: 180, right: 56, top: 16, bottom: 32 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 170, overflow: 'truncate' } },
      series: [{ type: 'bar', name: title, data: shown.map((r) => r.onTimeShare), label: { show: true, position: 'right', formatter: '{c}%' } }],
    }, 720, heightFor(shown.length, 16)),
  };
}

/** The outcome mix of the applications concluded, stacked per agency (table 三's groups). */
export function outcomeChart(rows: readonly RankingRow[], title: string): Chart {
  const shown = rows.filter((r) => r.concluded > 0);
  return {
    title,
    svg: svgChart({
      legend: { top: 4 },
      grid: { left: 180, right: 24, top: 48, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.name), inverse: true, axisLabel: { width: 170, overflow: 'truncate' } },
      series: OUTCOME_GROUPS.map((g) => ({ type: 'bar' as const, stack: 'o', name: OUTCOME_GROUP_LABELS[g], data: shown.map((r) => r.outcomes[g]) })),
    }, 720, heightFor(shown.length, 48)),
  };
}

/** Agencies × rules, each cell the number of findings of that rule in the agency's latest audited report. */
export function heatmapChart(rows: readonly HeatmapRow[], rules: readonly HeatmapRule[], title: string): Chart {
  const data: [number, number, number][] = [];
  rows.forEach((r, y) => rules.forEach((rule, x) => data.push([x, y, r.counts[rule.rule] ?? 0])));
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    title,
    svg: svgChart({
      grid: { left: 180, right: 24, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: rules.map((r) => r.rule), position: 'bottom', splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, splitArea: { show: true }, axisLabel: { width: 170, overflow: 'truncate' } },
      visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 4, inRange: { color: ['#f5f5f5', '#f4a261', '#b00020'] } },
      series: [{ type: 'heatmap', name: title, data, label: { show: true } }],
    }, Math.max(480, 200 + rules.length * 56), heightFor(rows.length, 16) + 40),
  };
}

/** The totals of the agencies below across years: applications received and concluded (bars), answered in time (line, %). */
export function trendChart(points: readonly { year: number; totals: RankingTotals }[], labels: { title: string; received: string; concluded: string; onTime: string }): Chart {
  return {
    title: labels.title,
    svg: svgChart({
      legend: { top: 4 },
      grid: { left: 56, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => String(p.year)) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { type: 'bar', name: labels.received, data: points.map((p) => p.totals.received), label: { show: true, position: 'top' } },
        { type: 'bar', name: labels.concluded, data: points.map((p) => p.totals.concluded), label: { show: true, position: 'top' } },
        { type: 'line', name: labels.onTime, yAxisIndex: 1, data: points.map((p) => p.totals.onTimeShare), label: { show: true, formatter: '{c}%' } },
      ],
    }, 720, 320),
  };
}
