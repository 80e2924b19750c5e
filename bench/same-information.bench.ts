// Benchmark: the 条例第四十四条 suggestion ("two or more applicants asked for the same information") — the work queue
// compares an agency's disclosed cases of the last year with its applications of the last four years
// (core/applications/publication.ts: texts prepared once, a bigram index, each target compared only with the texts
// it shares a bigram with). Data: deterministic requests over a small vocabulary, so that most texts share common
// bigrams (本局, 公开, 年度 …) — a harder case than real requests. The index is kept per agency until its pool changes
// (features/applications/applications.publication.ts), so the steady state is the lookup row.
import type { BenchRow } from './run.ts';
import { sameInformationHintsIn, sameInformationIndex, type PublicationCandidate } from '../src/core/applications/publication.ts';

export const name = 'same-information';
export const title = '依申请公开转主动公开提示 / 条例第四十四条 same-information suggestion';

const SUBJECTS = ['行政许可办件数量', '部门预算执行情况', '政府采购项目中标通知书', '道路挖掘许可审批结果', '行政处罚决定书', '环评审批文件清单', '小区规划许可证及附图', '建设工程施工许可材料', '信息处理费收费标准', '公务员招考录用名单', '十四五专项规划', '突发事件应急预案'];
const PLACES = ['芝罘区', '莱山区', '福山区', '牟平区', '开发区', '高新区'];

function requests(n: number): PublicationCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    applicantKey: `K${(i * 7) % Math.max(1, Math.floor(n / 2))}`,
    content: `请公开${PLACES[i % PLACES.length]}${2019 + (i % 7)}年度${SUBJECTS[(i * 5) % SUBJECTS.length]}${i % 3 === 0 ? '及相关文件' : ''}`,
  }));
}

function best(times: number, fn: () => unknown): number {
  let b = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [targets, pool] of [[100, 1_200], [300, 4_000], [1_000, 12_000]] as const) {
    const all = requests(pool);
    const index = sameInformationIndex(all);
    const build = best(3, () => sameInformationIndex(all));
    const hints = best(3, () => sameInformationHintsIn(index, all.slice(0, targets)));
    rows.push({ label: `index ${pool} applications`, value: Math.round(build), unit: 'ms' });
    rows.push({ label: `${targets} disclosed cases × ${pool} applications`, value: Math.round(hints), unit: 'ms', note: 'first queue view after the pool changed' });
  }
  return rows;
}
