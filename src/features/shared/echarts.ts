// echarts, loaded on the first chart rather than at start-up: importing it costs ~40 MB of resident memory in every
// server process (measured in decision 117), and only the annual-report trend and the 好差评 statistics pages draw
// charts. A synchronous require keeps the chart functions synchronous.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';

export type { EChartsOption } from 'echarts';

const load = createRequire(import.meta.url);
let lib: typeof Echarts | null = null;

export function echarts(): typeof Echarts {
  lib ??= load('echarts') as typeof Echarts;
  return lib;
}
