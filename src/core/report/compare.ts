// 差异比对: two annual reports side by side — the same agency across years, or two agencies (decision 175): every
// table cell on both sides with its delta, and when the two are consecutive years of one agency the cross-year rules
// (X1, X3, X4, ogi-domain §2.3) run on them. Pure. The narrative's sentence-by-sentence comparison needs a diff
// library and lives in features/reports/narrative-diff.ts (sentencesOf here says where a sentence ends).
import type { Cell, CellRef, ReportModel } from './model.ts';
import { cellRefsOf, cellValue, checkReportDetailed, RULES, type Finding, type NotChecked } from './rules.ts';

export interface CellPair {
  cell: CellRef;
  left: Cell;
  right: Cell;
  /** right − left when both are numbers and the cell means the same on both sides */
  delta: number | null;
  changed: boolean;
  /** false for table 二 when the two reports use different table 二 versions (2019 vs 2021: different meanings) */
  comparable: boolean;
}

export interface CrossYearRule {
  rule: 'X1' | 'X3' | 'X4';
  title: string;
  source: string;
  /** pass: checked, holds; fail: findings; not_checked: cells unread; not_applicable: the formats or years exclude it */
  result: 'pass' | 'fail' | 'not_checked' | 'not_applicable';
  findings: Finding[];
  notChecked: NotChecked[];
}

export interface ReportSide {
  agency: string;
  year: number;
  format: string;
}

export interface ReportComparison {
  left: ReportSide;
  right: ReportSide;
  sameAgency: boolean;
  /** the two are consecutive years of one agency (the cross-year rules were run, the earlier as the previous year) */
  consecutive: boolean;
  cells: CellPair[];
  crossYear: CrossYearRule[] | null;
  remarks: string[];
}

/** Agency names compared without spaces and full-width/half-width differences. */
const agencyKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');
const t2Version = (m: ReportModel) => (m.format === '2019' ? '2019' : '2021');

/** Sentences of a Chinese text: cut after 。！？； (and their ASCII forms) and at line breaks; blank ones dropped. */
export function sentencesOf(text: string): string[] {
  return text.split(/\n+|(?<=[。！？；!?;])/).map((s) => s.trim()).filter((s) => s.length > 0);
}

function compareCells(l: ReportModel, r: ReportModel): CellPair[] {
  const sameT2 = t2Version(l) === t2Version(r);
  const refs: CellRef[] = [];
  const seen = new Set<CellRef>();
  for (const ref of [...cellRefsOf(l), ...cellRefsOf(r)]) if (!seen.has(ref)) { seen.add(ref); refs.push(ref); }
  // table 二, 三, 四 in that order, each in the left report's order (then the right's extra cells)
  const order = (ref: CellRef) => (ref.startsWith('table2') ? 0 : ref.startsWith('table3') ? 1 : 2);
  refs.sort((x, y) => order(x) - order(y));
  return refs.map((cell) => {
    const comparable = sameT2 || !cell.startsWith('table2|');
    const left = cellValue(l, cell), right = cellValue(r, cell);
    const delta = comparable && typeof left === 'number' && typeof right === 'number' ? Number((right - left).toFixed(6)) : null;
    return { cell, left, right, delta, changed: left !== right, comparable };
  });
}

const CROSS: readonly CrossYearRule['rule'][] = ['X1', 'X3', 'X4'];

/** The cross-year rules of the later report against the earlier one, each with its result. The applicability mirrors
 *  core/report/rules.ts checkX: X1 from the 2020 report on, X3 when both use the 2021 table 二, X4 when both use 2019's. */
function crossYear(earlier: ReportModel, later: ReportModel): CrossYearRule[] {
  const o = checkReportDetailed(later, { previous: earlier });
  const applies: Record<CrossYearRule['rule'], boolean> = {
    X1: later.year >= 2020,
    X3: later.format !== '2019' && earlier.format !== '2019',
    X4: later.format === '2019' && earlier.format === '2019',
  };
  return CROSS.map((rule) => {
    const def = RULES.find((x) => x.id === rule)!;
    const findings = o.findings.filter((f) => f.rule === rule);
    const notChecked = o.notChecked.filter((c) => c.rule === rule);
    const result = !applies[rule] ? 'not_applicable' : findings.length ? 'fail' : notChecked.length ? 'not_checked' : 'pass';
    return { rule, title: def.title, source: def.source, result, findings, notChecked };
  });
}

/** Compare two reports: left and right as the caller chose them (the page puts the earlier on the left). */
export function compareReports(left: ReportModel, right: ReportModel): ReportComparison {
  const remarks: string[] = [];
  const sameAgency = !!left.agency && !!right.agency && agencyKey(left.agency) === agencyKey(right.agency);
  const consecutive = sameAgency && !!left.year && !!right.year && Math.abs(left.year - right.year) === 1;
  if (t2Version(left) !== t2Version(right)) {
    remarks.push(`两份报告的表二格式不同（${t2Version(left)} 年版与 ${t2Version(right)} 年版），表二各栏含义不同，只并列显示，不计增减`);
  }
  if (!sameAgency) remarks.push(`两份报告的机关不同：“${left.agency || '（未识别）'}”与“${right.agency || '（未识别）'}”，不做跨年度核对`);
  else if (!consecutive) remarks.push(`两份报告不是相邻年度（${left.year} 与 ${right.year}），不做跨年度核对`);
  const [earlier, later] = left.year <= right.year ? [left, right] : [right, left];
  const side = (m: ReportModel): ReportSide => ({ agency: m.agency, year: m.year, format: m.format });
  return {
    left: side(left), right: side(right), sameAgency, consecutive,
    cells: compareCells(left, right),
    crossYear: consecutive ? crossYear(earlier, later) : null,
    remarks,
  };
}
