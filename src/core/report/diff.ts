// Year-over-year comparison of two reports of the same agency: every changed cell, plus the cross-year rules
// (X1 上年结转 = 上年的结转下年度, X3, X4) of the rule catalogue. Table 二 is compared only when both reports use the
// same table 二 version: the 2019 and 2021 blocks have different meanings (ogi-domain §1.4 "cross-year checks that
// span 2020→2021 must not compare 二 blocks").
import { TABLE3_COLUMNS } from './formats.ts';
import type { Cell, CellRef, ReportModel } from './model.ts';
import { cellValue, checkReport, type Finding } from './rules.ts';

export interface CellChange {
  cell: CellRef;
  before: Cell;
  after: Cell;
  /** after − before when both are numbers. */
  delta: number | null;
}

export interface ReportDiff {
  /** The earlier and the later report (ordered by year). */
  earlier: { agency: string; year: number; format: string };
  later: { agency: string; year: number; format: string };
  changes: CellChange[];
  /** Cross-year findings (X1, X3, X4) of the later report against the earlier one. */
  findings: Finding[];
  /** zh-CN remarks: table 二 not compared, years not consecutive, different agencies. */
  remarks: string[];
}

const CROSS_YEAR = new Set(['X1', 'X3', 'X4']);
const t2Version = (m: ReportModel) => (m.format === '2019' ? '2019' : '2021');

function refsOf(m: ReportModel, withTable2: boolean): CellRef[] {
  const out: CellRef[] = [];
  if (withTable2) {
    for (const [b, rows] of Object.entries(m.table2 ?? {})) for (const [r, cols] of Object.entries(rows ?? {})) for (const c of Object.keys(cols ?? {})) out.push(`table2|${b}|${r}|${c}`);
  }
  for (const r of Object.keys(m.table3?.rows ?? {})) for (const c of TABLE3_COLUMNS) out.push(`table3|${r}|${c}`);
  for (const [g, cols] of Object.entries(m.table4 ?? {})) for (const c of Object.keys(cols ?? {})) out.push(`table4|${g}|${c}`);
  return out;
}

/** Compare two reports (in either order). */
export function diffReports(a: ReportModel, b: ReportModel): ReportDiff {
  const [earlier, later] = a.year <= b.year ? [a, b] : [b, a];
  const remarks: string[] = [];
  const sameT2 = t2Version(earlier) === t2Version(later);
  if (!sameT2) remarks.push(`两份报告的表二格式不同（${t2Version(earlier)} 年版与 ${t2Version(later)} 年版），表二各栏含义不同，未逐项比较`);
  if (later.year !== earlier.year + 1) remarks.push(`两份报告不是相邻年度（${earlier.year} 与 ${later.year}），未做跨年勾稽检查`);
  if (earlier.agency && later.agency && earlier.agency !== later.agency) remarks.push(`两份报告的机关不同：“${earlier.agency}”与“${later.agency}”`);
  const seen = new Set<CellRef>();
  const changes: CellChange[] = [];
  for (const ref of [...refsOf(earlier, sameT2), ...refsOf(later, sameT2)]) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const before = cellValue(earlier, ref), after = cellValue(later, ref);
    if (before === after) continue;
    changes.push({ cell: ref, before, after, delta: typeof before === 'number' && typeof after === 'number' ? Number((after - before).toFixed(6)) : null });
  }
  const findings = checkReport(later, { previous: earlier }).filter((f) => CROSS_YEAR.has(f.rule));
  const meta = (m: ReportModel) => ({ agency: m.agency, year: m.year, format: m.format });
  return { earlier: meta(earlier), later: meta(later), changes, findings, remarks };
}
