// Year-over-year charts drawn on the server as SVG (echarts server-side rendering, renderer 'svg'): no client script.
// The same numbers are printed in a table on the page (charts are not the only way to read them).
import { svgChart as renderSvgChart, type EChartsOption } from '../shared/echarts.ts';
import type { TrendPoint } from './annual-report.service.ts';

const svgChart = (option: EChartsOption, width = 640, height = 300): string => renderSvgChart(option, width, height);

export function trendCharts(points: readonly TrendPoint[], labels: { received: string; concluded: string; carriedOut: string; outcomes: string; appeals: string; reviews: string; litigation: string; catalogue: string; rules: string; normative: string; applications: string }): { title: string; svg: string }[] {
  const years = points.map((p) => String(p.year));
  const grid = { left: 48, right: 16, top: 40, bottom: 32 };
  const legend = { top: 4 };
  const bar = (name: string, data: number[], stack?: string) => ({ type: 'bar' as const, name, data, ...(stack ? { stack } : {}), label: { show: true, position: stack ? 'inside' as const : 'top' as const } });
  const outcomeKeys = Object.keys(points[0]?.outcomes ?? {});
  return [
    { title: labels.applications, svg: svgChart({ legend, grid, xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 }, series: [bar(labels.received, points.map((p) => p.received)), bar(labels.concluded, points.map((p) => p.concluded)), bar(labels.carriedOut, points.map((p) => p.carriedOut))] }) },
    { title: labels.outcomes, svg: svgChart({ legend, grid: { ...grid, top: 64 }, xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 }, series: outcomeKeys.map((k) => bar(k, points.map((p) => p.outcomes[k] ?? 0), 'o')) }) },
    { title: labels.appeals, svg: svgChart({ legend, grid, xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 }, series: [bar(labels.reviews, points.map((p) => p.reviews)), bar(labels.litigation, points.map((p) => p.litigation))] }) },
    { title: labels.catalogue, svg: svgChart({ legend, grid, xAxis: { type: 'category', data: years }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'line', name: labels.rules, data: points.map((p) => p.rules), label: { show: true } }, { type: 'line', name: labels.normative, data: points.map((p) => p.normative), label: { show: true } }] }) },
  ];
}
