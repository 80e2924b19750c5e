// echarts, loaded on the first chart rather than at start-up: importing it costs ~40 MB of resident memory in every
// server process (measured in decision 117), and only the annual-report trend and the 好差评 statistics pages draw
// charts (and the supervisors' rankings). A synchronous require keeps the chart functions synchronous.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export type { EChartsOption } from 'echarts';

const load = createRequire(import.meta.url);
let lib: typeof Echarts | null = null;

export function echarts(): typeof Echarts {
  lib ??= load('echarts') as typeof Echarts;
  return lib;
}

/** One chart rendered server-side as an SVG string (no animation, the page's CJK font). */
export function svgChart(option: EChartsOption, width: number, height: number): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'Noto Sans SC, sans-serif' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
