// Hierarchy checks (H1): a government's own report against the reports of the departments that report through it, in
// one audit run and year. Whether a 区政府's figures include its departments' (a consolidated report) is not fixed by
// the national formats (国办公开办函〔2019〕60号、〔2021〕30号 prescribe the tables, not consolidation; ogi-domain §1 has
// no rule on it — UNCONFIRMED), and practice differs between districts, so each supervising agency chooses: not
// consolidated (no check), the parent's figure at least the sum of its children's, or equal to it — and for which
// cells. Pure: the reports, the agency tree and the setting in; findings (source "rules") and not-checked lists out.
import type { CellRef, ReportModel } from '../report/model.ts';
import { cellValue, type Finding, type NotChecked } from '../report/rules.ts';
import { T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, TABLE4_GROUPS } from '../report/formats.ts';

export const HIERARCHY_MODES = ['none', 'at_least', 'equal'] as const;
export type HierarchyMode = (typeof HIERARCHY_MODES)[number];
export const HIERARCHY_MODE_LABELS: Record<HierarchyMode, string> = {
  none: '不汇总（各机关分别报告，不核对）',
  at_least: '汇总：本级数字不小于所属部门之和',
  equal: '汇总：本级数字等于所属部门之和',
};

/** The cells a supervisor may choose: totals that mean the same in both format versions (tables 三 and 四). */
export const HIERARCHY_CELLS: readonly { ref: CellRef; label: string }[] = [
  { ref: `table3|${T3_RECEIVED}|总计`, label: '表三 一、本年新收申请 总计' },
  { ref: `table3|${T3_CARRIED_IN}|总计`, label: '表三 二、上年结转申请 总计' },
  { ref: `table3|${T3_TOTAL}|总计`, label: '表三 三（七）办理结果总计 总计' },
  { ref: `table3|${T3_CARRIED_OUT}|总计`, label: '表三 四、结转下年度继续办理 总计' },
  ...TABLE4_GROUPS.map((g) => ({ ref: `table4|${g}|总计` as CellRef, label: `表四 ${g} 总计` })),
];
const CELL_LABEL = new Map(HIERARCHY_CELLS.map((c) => [c.ref, c.label]));

export interface HierarchySetting {
  mode: HierarchyMode;
  cells: CellRef[];
}

export const DEFAULT_HIERARCHY: HierarchySetting = { mode: 'none', cells: [] };

/** Problems of a setting as field errors (empty when valid). */
export function hierarchyProblems(s: { mode?: unknown; cells?: unknown }): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (!(HIERARCHY_MODES as readonly unknown[]).includes(s.mode)) out.push({ field: 'mode', message: '请选择是否汇总' });
  const cells = Array.isArray(s.cells) ? s.cells : null;
  if (!cells || cells.some((c) => typeof c !== 'string' || !CELL_LABEL.has(c as CellRef))) out.push({ field: 'cells', message: '所选单元格不在可核对的范围内' });
  else if (s.mode !== 'none' && cells.length === 0) out.push({ field: 'cells', message: '汇总核对须至少选择一个单元格' });
  return out;
}

export interface HierarchyReport {
  /** Platform agency the report names (null: not one of the supervisor's agencies — takes no part). */
  agencyId: number | null;
  agency: string | null;
  year: number | null;
  model: ReportModel | null;
  unreadCells: readonly CellRef[];
}

export interface HierarchyAgency {
  id: number;
  name: string;
  parentId: number | null;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toFixed(6))));

/**
 * H1 for every report whose agency has children with a report of the same year in `reports`. Returns, per index of
 * `reports`, the findings and the rule instances not checked (a cell the reader could not read, in the parent's or a
 * child's report, is never counted — decision 090). A blank printed cell counts as 0, as in the other rules. When one
 * agency has two reports of a year, the first is used.
 */
export function hierarchyChecks(reports: readonly HierarchyReport[], agencies: readonly HierarchyAgency[], setting: HierarchySetting): Map<number, { findings: Finding[]; notChecked: NotChecked[] }> {
  const out = new Map<number, { findings: Finding[]; notChecked: NotChecked[] }>();
  if (setting.mode === 'none' || setting.cells.length === 0) return out;
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const childrenOf = new Map<number, HierarchyAgency[]>();
  for (const a of agencies) if (a.parentId !== null) childrenOf.set(a.parentId, [...(childrenOf.get(a.parentId) ?? []), a]);
  const first = new Map<string, number>();
  reports.forEach((r, i) => {
    if (r.agencyId === null || !r.year || !r.model) return;
    const k = `${r.agencyId}|${r.year}`;
    if (!first.has(k)) first.set(k, i);
  });
  for (const i of first.values()) {
    const p = reports[i]!;
    const kids = (childrenOf.get(p.agencyId!) ?? []).map((c) => ({ c, at: first.get(`${c.id}|${p.year}`) })).filter((x) => x.at !== undefined);
    if (kids.length === 0) continue;
    const missing = (childrenOf.get(p.agencyId!) ?? []).length - kids.length;
    const findings: Finding[] = [];
    const notChecked: NotChecked[] = [];
    const parentName = p.agency ?? byId.get(p.agencyId!)?.name ?? '';
    for (const cell of setting.cells) {
      const label = CELL_LABEL.get(cell) ?? cell;
      const lacking = [
        ...(p.unreadCells.includes(cell) ? [cell] : []),
        ...kids.filter((x) => reports[x.at!]!.unreadCells.includes(cell)).map((x) => `${x.c.name}:${cell}`),
      ];
      if (lacking.length > 0) {
        notChecked.push({ rule: 'H1', message: `${label}与所属部门之和未核对：有 ${lacking.length} 份报告的这一单元格未能读取（${lacking.slice(0, 3).join('、')}），请对照原文更正后再核对`, missing: lacking });
        continue;
      }
      const own = numberOf(cellValue(p.model!, cell));
      const parts = kids.map((x) => ({ name: x.c.name, value: numberOf(cellValue(reports[x.at!]!.model!, cell)) }));
      const sum = parts.reduce((s, x) => s + x.value, 0);
      const bad = setting.mode === 'equal' ? Math.abs(own - sum) > 1e-9 : own < sum - 1e-9;
      if (!bad) continue;
      const relation = own < sum ? '小于' : '大于';
      const listed = parts.map((x) => `${x.name} ${fmt(x.value)}`).join('、');
      findings.push({
        rule: 'H1', severity: 'warning', source: 'rules', cells: [cell],
        message: `${label}：${parentName}${p.year}年度报告为 ${fmt(own)}，${relation}所属 ${parts.length} 个部门报告之和 ${fmt(sum)}（${listed}）；按本主管部门的设定，本级应${setting.mode === 'equal' ? '等于' : '不小于'}所属部门之和${missing > 0 ? `（另有 ${missing} 个所属机关本次没有报告，未计入）` : ''}`,
      });
    }
    if (findings.length || notChecked.length) out.set(i, { findings, notChecked });
  }
  return out;
}

function numberOf(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
