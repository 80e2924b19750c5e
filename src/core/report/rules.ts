// The rule catalogue of the annual report (政府信息公开工作年度报告): every 勾稽关系 and format rule as a pure check
// returning every violation with the cells involved. Sources: ogi-domain.md §2 (rule ids E1, I1, I2, I4, I5, I6,
// X1–X4 are the document's), the two format notices, and 条例 第四十九条/第五十条.
// Messages for E1/I1/I2/I5/N1 use exactly the string forms of tests/fixtures/reports/README.md (known_inconsistencies).
import {
  FORMATS, TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_RESULT_ROWS_COMMON,
  T3_OTHER_2019, T3_OTHER_2021, T3_TOTAL, layoutOf, type FormatId, type Table2Block,
} from './formats.ts';
import { labelDeparts, labelVersionOf, normaliseLabel } from './labels.ts';
import { cellValue, t2, t3, t4 } from './cells.ts';
import type { Cell, CellRef, ReportModel } from './model.ts';
import { extractFigures, type ExtractedFigure } from './narrative.ts';

export type Severity = 'error' | 'warning';

export interface RuleDef {
  /** Stable id (used in findings, the API, the CLI's --json output). */
  id: string;
  /** The clause the rule comes from. */
  source: string;
  severity: Severity;
  /** zh-CN title. */
  title: string;
}

/** Where a finding comes from: reading the file (the importer could not read or was unsure) or a 勾稽 rule. */
export type FindingSource = 'import' | 'rules';

export interface Finding {
  rule: string;
  severity: Severity;
  /** zh-CN, with the numbers. */
  message: string;
  cells: CellRef[];
  source: FindingSource;
}

/** A rule instance that was not evaluated because cells it needs were not read from the file (model.unreadCells). */
export interface NotChecked {
  rule: string;
  /** zh-CN: what was not checked and why. */
  message: string;
  /** The unread cells the check needed. */
  missing: CellRef[];
}

export interface CheckOutcome {
  findings: Finding[];
  notChecked: NotChecked[];
}

export interface CheckContext {
  /** The same agency's report for the previous year (rules X1, X3, X4). */
  previous?: ReportModel;
  /** Today's date YYYY-MM-DD (rule P1 for reports not yet published). The clock is an argument: core is pure. */
  today?: string;
  /** Publication deadline: "MM-DD" of the year after the report year, or a full "YYYY-MM-DD". Default: "01-31" for a
   *  department, "03-31" for a government's own report (reportKindOf). */
  publishDeadline?: string;
}

const FMT_SOURCE = '国办公开办函〔2019〕60号、〔2021〕30号 年度报告格式';

export const RULES: RuleDef[] = [
  { id: 'E1', severity: 'error', title: '表三每列：一+二 = （七）总计+四', source: `${FMT_SOURCE} 表三表头“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”` },
  { id: 'I1', severity: 'error', title: '表三每行：总计 = 六类申请人之和', source: `${FMT_SOURCE} 表三“申请人情况”栏结构（自然人 + 法人或其他组织五类 = 总计）` },
  { id: 'I2', severity: 'error', title: '表三每列：（七）总计 = 各办理结果之和', source: `${FMT_SOURCE} 表三“三、本年度办理结果”（（一）至（六）各项，（二）注“区分处理的，只计这一情形，不计其他情形”）` },
  { id: 'I4', severity: 'error', title: '数值为非负整数（2019 年版“本年增/减”可为负，收费金额以万元计可有小数）', source: `${FMT_SOURCE} 表二、表三、表四（件数为整数；2021 年版表二“本年收费金额（单位：万元）”）` },
  { id: 'I5', severity: 'error', title: '表四每类：总计 = 结果维持+结果纠正+其他结果+尚未审结', source: `${FMT_SOURCE} 表四（行政复议、未经复议直接起诉、复议后起诉各五栏）` },
  { id: 'W-blank', severity: 'warning', title: '空白单元格（按 0 计算，应填写 0）', source: '年度报告格式各表；实践：没有数据的单元格应填 0（ogi-domain §2.2 I6）' },
  { id: 'W-label', severity: 'warning', title: '表格标签与报告所用格式版本不一致', source: '国办公开办函〔2021〕30号对〔2019〕60号格式的修订（ogi-domain §1.4）' },
  { id: 'W-unit', severity: 'warning', title: '收费金额疑似以元而非万元填写', source: '国办公开办函〔2021〕30号 表二第二十条第（八）项“本年收费金额（单位：万元）”' },
  { id: 'W-section', severity: 'warning', title: '正文各部分与国家格式一致', source: '条例第五十条（年度报告内容）；国办公开办函〔2021〕30号“一、报告内容……不能遗漏”及“（一）总体情况……监督保障”（ogi-domain §1.2、§1.3）' },
  { id: 'X1', severity: 'warning', title: '上年结转（本年报）= 结转下年度继续办理（上一年报）', source: '表三“二、上年结转”与上一年度“四、结转下年度继续办理”的定义；自 2020 年度报告起适用（2019 年度为新格式首年，ogi-domain §2.3 X1/X2）' },
  { id: 'X3', severity: 'warning', title: '现行有效件数 = 上年现行有效 + 本年制发 − 本年废止', source: '国办公开办函〔2021〕30号 表二第二十条第（一）项（实践核对方法，非正式规则，ogi-domain §2.3 X3）' },
  { id: 'X4', severity: 'warning', title: '上一年项目数量 = 上一年报上一年项目数量 + 本年增/减', source: '国办公开办函〔2019〕60号 表二第二十条第（五）（六）（八）项（推断，ogi-domain §2.3 X4）' },
  { id: 'N1', severity: 'warning', title: '正文所述数字与表格一致', source: '条例第五十条；年度报告正文与表格应一致（ogi-domain §2.4）' },
  { id: 'N2', severity: 'warning', title: '收取信息处理费或（六）2 逾期未缴费的情况在“其他需要报告的事项”中说明', source: '条例第四十二条、国办函〔2020〕109号《政府信息公开信息处理费管理办法》；2021 年格式模板“收取信息处理费情况在此处报告”（ogi-domain §1.3）' },
  // H1 compares reports of an agency and of the agencies under it (core/supervision/hierarchy.ts), run in an audit run.
  { id: 'H1', severity: 'warning', title: '汇总报告：本级数字与所属部门报告之和（按主管部门的设定）', source: '主管部门的设定：国家年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）未规定本级报告是否汇总所属部门，各地做法不一（ogi-domain 未载，UNCONFIRMED）' },
  { id: 'P1', severity: 'warning', title: '按时发布年度报告', source: '条例第四十九条：县级以上人民政府部门每年1月31日前公布上一年度年度报告；县级以上地方人民政府的年度报告由主管部门每年3月31日前公布' },
];

export { cellCountOf, cellRefsOf, cellValue } from './cells.ts';

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));
function finding(rule: string, message: string, cells: CellRef[]): Finding {
  return { rule, severity: RULE_BY_ID.get(rule)!.severity, message, cells, source: 'rules' };
}

// ——— unread cells ———
// A cell the importer could not read is blank in the model but is not the publisher's blank: no rule may count it as 0
// (a badly converted file would otherwise yield “一+二 (0+0=0) ≠ …” against the report). Each rule instance whose cells
// include an unread one is reported as not checked, with the cells it lacked.

class Guard {
  readonly notChecked: NotChecked[] = [];
  private readonly unread: Set<CellRef>;
  constructor(...models: (ReportModel | undefined)[]) {
    this.unread = new Set();
    for (const m of models) for (const c of m?.unreadCells ?? []) this.unread.add(m === models[0] ? c : `prev:${c}`);
  }
  get empty(): boolean { return this.unread.size === 0; }
  isUnread(ref: CellRef, previous = false): boolean { return this.unread.has(previous ? `prev:${ref}` : ref); }
  /** true when every cell was read; otherwise records the instance as not checked. `prevRefs` are cells of the previous year's report. */
  readable(rule: string, what: string, refs: CellRef[], prevRefs: CellRef[] = []): boolean {
    if (this.empty) return true;
    const missing = [...refs.filter((r) => this.isUnread(r)), ...prevRefs.filter((r) => this.isUnread(r, true)).map((r) => `上一年:${r}`)];
    if (missing.length === 0) return true;
    this.notChecked.push({ rule, message: `${what}未核对：导入时有 ${missing.length} 个单元格未能读取（${missing.slice(0, 3).map(describeRef).join('、')}${missing.length > 3 ? ' 等' : ''}），请对照原文更正后再核对`, missing });
    return false;
  }
}

function describeRef(ref: string): string {
  const prev = ref.startsWith('上一年:');
  const r = prev ? ref.slice(4) : ref;
  return (prev ? '上一年报告 ' : '') + describe(r);
}

// ——— the cells the rules read (cell access itself: cells.ts) ———

const SIX_APPLICANTS = TABLE3_COLUMNS.slice(0, 6);

// The cells each per-column / per-row instance of E1, I1 and I5 reads, built once rather than for every report (a
// finding gets its own copy). Rows outside the national formats get theirs when met.
const E1_ROWS = [T3_RECEIVED, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT];
const E1_REFS = new Map<string, CellRef[]>(TABLE3_COLUMNS.map((col) => [col, E1_ROWS.map((r) => `table3|${r}|${col}`)]));
const t3RowRefsOf = (row: string): CellRef[] => TABLE3_COLUMNS.map((c) => `table3|${row}|${c}`);
const T3_ROW_REFS = new Map<string, CellRef[]>([...FORMATS['2019'].table3Rows, ...FORMATS['2021'].table3Rows].map((r) => [r, t3RowRefsOf(r)]));
const I5_REFS = new Map<string, CellRef[]>(TABLE4_GROUPS.map((g) => [g, TABLE4_COLUMNS.map((c) => `table4|${g}|${c}`)]));
const I5_PARTS = TABLE4_COLUMNS.filter((c) => c !== '总计');

const n = (c: Cell): number => (typeof c === 'number' && Number.isFinite(c) ? c : 0);
/** Print a number without floating-point noise (sums of decimals). */
function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(6)));
}
const sameNumber = (a: number, b: number) => Math.abs(a - b) < 1e-9;

/** Result rows of table 三 for this model: the common rows + the （六） row(s) the model actually has. */
export function resultRowsOf(model: ReportModel): string[] {
  const own = layoutOf(model.format).table3ResultRows;
  const ownSix = own.filter((r) => r.startsWith('（六）'));
  const otherSix: readonly string[] = ownSix.length === 1 ? T3_OTHER_2021 : T3_OTHER_2019;
  const rows = model.table3?.rows ?? {};
  const six = ownSix.some((r) => r in rows) || !otherSix.some((r) => r in rows) ? ownSix : [...otherSix];
  return [...T3_RESULT_ROWS_COMMON, ...six];
}

// ——— table 三 ———

// E1 — 表三表头“第一项加第二项之和，等于第三项加第四项之和”, per column ("本列数据").
function checkE1(m: ReportModel, g: Guard): Finding[] {
  const out: Finding[] = [];
  for (const col of TABLE3_COLUMNS) {
    const refs = E1_REFS.get(col)!;
    if (!g.readable('E1', `表三 ${col}列“一+二 = （七）总计+四”`, refs)) continue;
    const a = n(t3(m, T3_RECEIVED, col)), b = n(t3(m, T3_CARRIED_IN, col));
    const c = n(t3(m, T3_TOTAL, col)), d = n(t3(m, T3_CARRIED_OUT, col));
    if (!sameNumber(a + b, c + d)) {
      out.push(finding('E1', `表三 ${col}列: 一+二 (${fmt(a)}+${fmt(b)}=${fmt(a + b)}) ≠ （七）总计+四 (${fmt(c)}+${fmt(d)}=${fmt(c + d)})`, [...refs]));
    }
  }
  return out;
}

// I1 — 申请人情况: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他, every row.
function checkI1(m: ReportModel, g: Guard): Finding[] {
  const out: Finding[] = [];
  const layoutRows = layoutOf(m.format).table3Rows;
  const present = Object.keys(m.table3?.rows ?? {});
  const presentSet = new Set(present), layoutSet = new Set(layoutRows);
  const rows = [...layoutRows.filter((r) => presentSet.has(r)), ...present.filter((r) => !layoutSet.has(r))];
  for (const row of rows) {
    const refs = T3_ROW_REFS.get(row) ?? t3RowRefsOf(row);
    if (!g.readable('I1', `表三 ${row}行“总计 = 六类申请人之和”`, refs)) continue;
    const x = n(t3(m, row, '总计'));
    let y = 0;
    for (const c of SIX_APPLICANTS) y += n(t3(m, row, c));
    if (!sameNumber(x, y)) {
      out.push(finding('I1', `表三 ${row}行: 总计 (${fmt(x)}) ≠ 六类申请人之和 (${fmt(y)})`, [...refs]));
    }
  }
  return out;
}

// I2 — 三、本年度办理结果: （七）总计 = （一）+（二）+Σ（三）1–8+Σ（四）1–3+Σ（五）1–5+（六）[2019] or Σ（六）1–3 [2021].
function checkI2(m: ReportModel, g: Guard): Finding[] {
  const out: Finding[] = [];
  const rows = resultRowsOf(m);
  for (const col of TABLE3_COLUMNS) {
    // the ~20 cells of a column are listed only when the report has unread cells at all
    if (!(g.empty || g.readable('I2', `表三 ${col}列“（七）总计 = 各办理结果之和”`, [T3_TOTAL, ...rows].map((r) => `table3|${r}|${col}`)))) continue;
    const x = n(t3(m, T3_TOTAL, col));
    let y = 0;
    for (const r of rows) y += n(t3(m, r, col));
    if (!sameNumber(x, y)) {
      out.push(finding('I2', `表三 ${col}列: （七）总计 (${fmt(x)}) ≠ 各办理结果之和 (${fmt(y)})`, [`table3|${T3_TOTAL}|${col}`, ...rows.map((r) => `table3|${r}|${col}`)]));
    }
  }
  return out;
}

// ——— table 四 ———

// I5 — 表四 each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
function checkI5(m: ReportModel, guard: Guard): Finding[] {
  const out: Finding[] = [];
  for (const g of TABLE4_GROUPS) {
    const refs = I5_REFS.get(g)!;
    if (!guard.readable('I5', `表四 ${g}“总计 = 结果维持+结果纠正+其他结果+尚未审结”`, refs)) continue;
    const x = n(t4(m, g, '总计'));
    let y = 0;
    for (const c of I5_PARTS) y += n(t4(m, g, c));
    if (!sameNumber(x, y)) {
      out.push(finding('I5', `表四 ${g}: 总计 (${fmt(x)}) ≠ 结果维持+结果纠正+其他结果+尚未审结 (${fmt(y)})`, [...refs]));
    }
  }
  return out;
}

// ——— value domain ———

const ALL_T2_BLOCKS: Table2Block[] = [...FORMATS['2021'].table2, ...FORMATS['2019'].table2];
function blockDef(m: ReportModel, key: string): Table2Block | undefined {
  return layoutOf(m.format).table2.find((b) => b.key === key) ?? ALL_T2_BLOCKS.find((b) => b.key === key);
}

function describe(ref: CellRef): string {
  const p = ref.split('|');
  if (p[0] === 'table2') return `表二 ${p[1]} ${p[2]}「${p[3]}」`;
  if (p[0] === 'table3') return `表三 ${p[1]}行 ${p[2]}列`;
  return `表四 ${p[1]}「${p[2]}」`;
}

// I4 — counts are non-negative integers; 2019 “本年增/减” may be negative (湖北注“减用负值表示”); 2021
// “本年收费金额（单位：万元）” and 2019 “采购总金额” are amounts (decimals allowed, not negative).
type ValueKind = 'count' | 'signed' | 'money';

/** What is wrong with a printed value of this kind (the message after the cell's name), or null. */
function valueProblem(v: Cell, kind: ValueKind): string | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return `“${String(v)}”不是数字`;
  if (kind === 'count' && (!Number.isInteger(v) || v < 0)) return `${fmt(v)} 不是非负整数（件数应为 0 或正整数）`;
  if (kind === 'signed' && !Number.isInteger(v)) return `${fmt(v)} 不是整数（本年增/减以整数填写，减少用负数）`;
  if (kind === 'money' && v < 0) return `金额 ${fmt(v)} 为负数`;
  return null;
}
/** A whole number ≥ 0 (or a blank) is right for every kind: most cells, decided without naming the cell. */
const fineForAnyKind = (v: Cell): boolean => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

function checkI4(m: ReportModel): Finding[] {
  const out: Finding[] = [];
  const add = (ref: CellRef, v: Cell, kind: ValueKind): void => {
    const problem = valueProblem(v, kind);
    if (problem !== null) out.push(finding('I4', `${describe(ref)}: ${problem}`, [ref]));
  };
  for (const [block, rows] of Object.entries(m.table2 ?? {})) {
    const def = blockDef(m, block);
    for (const [row, cols] of Object.entries(rows ?? {})) {
      for (const [col, v] of Object.entries(cols ?? {})) {
        if (fineForAnyKind(v)) continue;
        add(`table2|${block}|${row}|${col}`, v, def?.moneyColumns?.includes(col) ? 'money' : def?.signedColumns?.includes(col) ? 'signed' : 'count');
      }
    }
  }
  for (const [row, vals] of Object.entries(m.table3?.rows ?? {})) {
    (vals ?? []).forEach((v, i) => { if (!fineForAnyKind(v)) add(`table3|${row}|${m.table3.columns?.[i] ?? TABLE3_COLUMNS[i] ?? String(i)}`, v, 'count'); });
  }
  for (const [g, cols] of Object.entries(m.table4 ?? {})) {
    for (const [c, v] of Object.entries(cols ?? {})) if (!fineForAnyKind(v)) add(`table4|${g}|${c}`, v, 'count');
  }
  return out;
}

/** Above this, a 2021 表二（八） amount in 万元 (= 100 亿元) is more likely a figure in 元. */
export const FEE_WAN_YUAN_SUSPICIOUS = 1_000_000;

// W-unit — 2021 表二 第二十条第（八）项 header fixes the unit 万元 (ogi-domain §1.3, §2.5 "收费金额 in 元 instead of 万元").
function checkWUnit(m: ReportModel): Finding[] {
  const out: Finding[] = [];
  for (const b of layoutOf(m.format).table2) {
    for (const col of b.moneyColumns ?? []) {
      if (b.units?.[col] !== '万元') continue;
      for (const row of b.rows) {
        const v = t2(m, b.key, row, col);
        if (typeof v === 'number' && v >= FEE_WAN_YUAN_SUSPICIOUS) {
          out.push(finding('W-unit', `表二 ${b.key} ${row}「${col}」为 ${fmt(v)} 万元（即 ${fmt(v / 10000)} 亿元），请确认是否误按“元”填写；本栏单位是万元`, [`table2|${b.key}|${row}|${col}`]));
        }
      }
    }
  }
  return out;
}

// W-blank — blank cells count as 0 but should be printed as 0 (ogi-domain §2.2 I6: 上海 2019 left 总计 cells blank).
// Cells the importer could not read are not the publisher's blanks and are left out (they are in the not-checked list).
function checkWBlank(m: ReportModel, g: Guard): Finding[] {
  const out: Finding[] = [];
  const layout = layoutOf(m.format);
  const blank2: CellRef[] = [];
  for (const b of layout.table2) for (const r of b.rows) for (const c of b.columns) if (t2(m, b.key, r, c) === null) blank2.push(`table2|${b.key}|${r}|${c}`);
  const blank3: CellRef[] = [];
  for (const r of layout.table3Rows) for (const c of TABLE3_COLUMNS) if (t3(m, r, c) === null) blank3.push(`table3|${r}|${c}`);
  const blank4: CellRef[] = [];
  for (const gr of TABLE4_GROUPS) for (const c of TABLE4_COLUMNS) if (t4(m, gr, c) === null) blank4.push(`table4|${gr}|${c}`);
  const printed = (cells: CellRef[]) => cells.filter((c) => !g.isUnread(c));
  const say = (t: string, cells: CellRef[]) => {
    if (cells.length === 0) return;
    const first = cells.slice(0, 3).map(describe).join('、');
    out.push(finding('W-blank', `${t}有 ${cells.length} 个空白单元格（如 ${first}${cells.length > 3 ? ' 等' : ''}），空白按 0 计算；没有数据的单元格请填写 0`, cells));
  };
  say('表二', printed(blank2));
  say('表三', printed(blank3));
  say('表四', printed(blank4));
  return out;
}

// W-label — labels of the other format version (ogi-domain §1.4: e.g. 本年新制作数量 or 政府集中采购 in a 2021 report).
const KNOWN_T2_LABELS = new Set<string>();
for (const b of ALL_T2_BLOCKS) { KNOWN_T2_LABELS.add(b.key); b.rows.forEach((r) => KNOWN_T2_LABELS.add(r)); b.columns.forEach((c) => KNOWN_T2_LABELS.add(c)); }
const KNOWN_T3_LABELS = new Set([...FORMATS['2019'].table3Rows, ...FORMATS['2021'].table3Rows]);

function checkWLabel(m: ReportModel): Finding[] {
  const out: Finding[] = [];
  const v2: FormatId = m.format === '2019' ? '2019' : '2021';
  const v3: FormatId = m.format === '2021' ? '2021' : '2019';
  const known2 = KNOWN_T2_LABELS;
  const known3 = KNOWN_T3_LABELS;
  const other = (v: FormatId): FormatId => (v === '2019' ? '2021' : '2019');
  const flag = (table: string, label: string, version: FormatId, ref: CellRef, known: Set<string>) => {
    const lv = labelVersionOf(label);
    if (lv === other(version)) {
      out.push(finding('W-label', `${table}标签“${label}”是 ${lv} 年版格式（${FORMATS[lv].source}）的标签，本报告${table}按 ${version} 年版格式（${FORMATS[version].source}）填写，请改用该版标签`, [ref]));
    } else if (!known.has(label)) {
      out.push(finding('W-label', `${table}标签“${label}”不是国家年度报告格式中的标签，请核对`, [ref]));
    }
  };
  for (const [block, rows] of Object.entries(m.table2 ?? {})) {
    flag('表二', block, v2, `table2|${block}`, known2);
    for (const [row, cols] of Object.entries(rows ?? {})) {
      flag('表二', row, v2, `table2|${block}|${row}`, known2);
      for (const col of Object.keys(cols ?? {})) flag('表二', col, v2, `table2|${block}|${row}|${col}`, known2);
    }
  }
  for (const row of Object.keys(m.table3?.rows ?? {})) flag('表三', row, v3, `table3|${row}`, known3);
  const cols = m.table3?.columns ?? [];
  if (cols.length !== TABLE3_COLUMNS.length || cols.some((c, i) => c !== TABLE3_COLUMNS[i])) {
    out.push(finding('W-label', `表三的列应为“${TABLE3_COLUMNS.join('、')}”，实际为“${cols.join('、')}”`, []));
  }
  for (const [g, c4] of Object.entries(m.table4 ?? {})) {
    if (!(TABLE4_GROUPS as readonly string[]).includes(g)) out.push(finding('W-label', `表四标签“${g}”不是国家年度报告格式中的标签，请核对`, [`table4|${g}`]));
    for (const c of Object.keys(c4 ?? {})) {
      if (!(TABLE4_COLUMNS as readonly string[]).includes(c)) out.push(finding('W-label', `表四标签“${c}”不是国家年度报告格式中的标签，请核对`, [`table4|${g}|${c}`]));
    }
  }
  // Labels printed differently from their canonical key (importer): warn when the printed one is of the other version.
  for (const [ref, printed] of Object.entries(m.printedLabels ?? {})) {
    const version = ref.startsWith('table3') ? v3 : v2;
    const lv = labelVersionOf(printed);
    const canonical = ref.split('|').pop() ?? '';
    if (lv === other(version) && normaliseLabel(printed) !== canonical) {
      out.push(finding('W-label', `表中印作“${printed}”（${lv} 年版格式的标签），本报告按 ${version} 年版格式应为“${canonical}”`, [ref]));
    } else if (lv === null && labelDeparts(printed, canonical)) {
      // Wording of the report's own making (e.g. "行政法复议" for 行政复议): the format fixes the labels verbatim.
      out.push(finding('W-label', `${ref.startsWith('table2') ? '表二' : ref.startsWith('table3') ? '表三' : '表四'}印作“${printed}”，与 ${version} 年版格式（${FORMATS[version].source}）的“${canonical.slice(canonical.lastIndexOf('/') + 1)}”不符，请按格式填写`, [ref]));
    }
  }
  return out;
}

// W-section — 条例第五十条 fixes the content; the national formats have six parts (ogi-domain §1.2/§1.3). The
// 芝罘区 seven-part layout (五、监督情况) is a local variant: 30号 puts 考核/评议/追究 into 一、总体情况.
function checkWSection(m: ReportModel): Finding[] {
  const sections = m.sections ?? [];
  if (sections.length === 0) return []; // tables only (e.g. a fixture): nothing to check
  const out: Finding[] = [];
  const keys = new Set(sections.map((s) => s.key));
  const national = FORMATS[m.format === '2019' ? '2019' : '2021'].sections;
  for (const s of national) {
    if (!keys.has(s.key)) out.push(finding('W-section', `正文缺少“${s.heading}”部分（条例第五十条规定的年度报告内容，不能遗漏）`, []));
  }
  if (keys.has('supervision')) {
    out.push(finding('W-section', '正文单列了“监督情况（考核、社会评议和责任追究）”部分，这不是国家格式的独立部分；按 2021 年格式应写入“一、总体情况”的“监督保障”中', []));
  }
  return out;
}

// ——— cross-year ———

function checkX(m: ReportModel, prev: ReportModel | undefined, g: Guard): Finding[] {
  if (!prev || !m.year || prev.year !== m.year - 1) return [];
  const out: Finding[] = [];
  // X1/X2 — 上年结转(Y) = 结转下年度继续办理(Y−1), only from Y = 2020 (2019 is the first year of the new format).
  if (m.year >= 2020) {
    for (const col of TABLE3_COLUMNS) {
      if (!g.readable('X1', `表三 ${col}列“上年结转 = 上一年报结转下年度”`, [`table3|${T3_CARRIED_IN}|${col}`], [`table3|${T3_CARRIED_OUT}|${col}`])) continue;
      const a = t3(m, T3_CARRIED_IN, col), b = t3(prev, T3_CARRIED_OUT, col);
      if (a === null || b === null) continue;
      if (!sameNumber(a, b)) {
        out.push(finding('X1', `表三 ${col}列: 二、上年结转 ${fmt(a)}（${m.year} 年度报告）≠ 四、结转下年度继续办理 ${fmt(b)}（${prev.year} 年度报告）`, [`table3|${T3_CARRIED_IN}|${col}`]));
      }
    }
  }
  // X3 — 2021 表二（一）: 现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y) (practice heuristic).
  if (m.format !== '2019' && prev.format !== '2019') {
    const B = '第二十条第（一）项';
    for (const row of ['规章', '行政规范性文件']) {
      const refs = ['现行有效件数', '本年制发件数', '本年废止件数'].map((c) => `table2|${B}|${row}|${c}`);
      if (!g.readable('X3', `表二 ${B} ${row}“现行有效 = 上年现行有效 + 本年制发 − 本年废止”`, refs, [`table2|${B}|${row}|现行有效件数`])) continue;
      const cur = t2(m, B, row, '现行有效件数'), before = t2(prev, B, row, '现行有效件数');
      const made = t2(m, B, row, '本年制发件数'), repealed = t2(m, B, row, '本年废止件数');
      if (cur === null || before === null || made === null || repealed === null) continue;
      const expect = before + made - repealed;
      if (!sameNumber(cur, expect)) {
        out.push(finding('X3', `表二 ${B} ${row}: 现行有效件数 ${fmt(cur)} ≠ 上年现行有效 ${fmt(before)} + 本年制发 ${fmt(made)} − 本年废止 ${fmt(repealed)} = ${fmt(expect)}（如有修订、重新分类可说明原因）`,
          [`table2|${B}|${row}|现行有效件数`, `table2|${B}|${row}|本年制发件数`, `table2|${B}|${row}|本年废止件数`]));
      }
    }
  }
  // X4 — 2019 表二（五）（六）（八）: 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1) (inference).
  if (m.format === '2019' && prev.format === '2019') {
    for (const b of FORMATS['2019'].table2.filter((x) => x.columns.includes('本年增/减'))) {
      for (const row of b.rows) {
        if (!g.readable('X4', `表二 ${b.key} ${row}“上一年项目数量 = 上一年报上一年项目数量 + 本年增/减”`, [`table2|${b.key}|${row}|上一年项目数量`],
          [`table2|${b.key}|${row}|上一年项目数量`, `table2|${b.key}|${row}|本年增/减`])) continue;
        const cur = t2(m, b.key, row, '上一年项目数量');
        const before = t2(prev, b.key, row, '上一年项目数量'), delta = t2(prev, b.key, row, '本年增/减');
        if (cur === null || before === null || delta === null) continue;
        if (!sameNumber(cur, before + delta)) {
          out.push(finding('X4', `表二 ${b.key} ${row}: 上一年项目数量 ${fmt(cur)} ≠ 上一年报的上一年项目数量 ${fmt(before)} + 本年增/减 ${fmt(delta)} = ${fmt(before + delta)}`, [`table2|${b.key}|${row}|上一年项目数量`]));
        }
      }
    }
  }
  return out;
}

// ——— narrative ———

/** The figures stated in the report's narrative: from the section texts, or, when no text is present, from the
 *  quoted texts of model.narrativeFigures (read in order as one passage). */
export function narrativeFiguresOf(m: ReportModel): ExtractedFigure[] {
  const sections = (m.sections ?? []).filter((s) => s.text && s.text.trim());
  if (sections.length > 0) {
    return sections.flatMap((s) => extractFigures(s.text, m.format, s.key === 'requests' ? 'application' : null));
  }
  const texts = (m.narrativeFigures ?? []).map((f) => f.text).filter(Boolean);
  return texts.length ? extractFigures(texts.join('，'), m.format) : [];
}

/** Sum of the cells a figure refers to (blank = 0). */
export function figureTableValue(m: ReportModel, refs: CellRef[]): number {
  return refs.reduce((s, r) => s + n(cellValue(m, r)), 0);
}

// N1 — text–table consistency (ogi-domain §2.4; 上海 2019: “予以公开及部分公开258件” vs table 275).
function checkN1(m: ReportModel, g: Guard, figures: readonly ExtractedFigure[]): Finding[] {
  const out: Finding[] = [];
  for (const f of figures) {
    if (f.kind !== 'count' || !f.tableRef) continue;
    if (!g.readable('N1', `正文「${f.text}」与表格`, f.tableRef)) continue;
    const t = figureTableValue(m, f.tableRef);
    if (!sameNumber(t, f.value)) {
      out.push(finding('N1', `正文「${f.text}」: ${fmt(f.value)} ≠ 表中 ${fmt(t)} (${f.meaning})`, f.tableRef));
    }
  }
  return out;
}

const OTHER_SECTION = /其他需要报告的事项/;
const SIX_2 = T3_OTHER_2021[1];

// N2 — 条例第四十二条 / 国办函〔2020〕109号: fees and （六）2 (逾期未缴费) are reported in 其他需要报告的事项
// (2021 template: “收取信息处理费情况在此处报告”, ogi-domain §1.3).
function checkN2(m: ReportModel, g: Guard, figures: readonly ExtractedFigure[]): Finding[] {
  const sections = (m.sections ?? []).filter((s) => s.text && s.text.trim());
  if (sections.length === 0) return []; // no narrative to check
  const other = (m.sections ?? []).find((s) => s.key === 'other' || OTHER_SECTION.test(normaliseLabel(s.heading ?? '')));
  const otherText = other?.text ?? '';
  const explained = /信息处理费|收费|缴纳费用|缴费|费用/.test(otherText);
  if (explained) return [];
  const where = other ? `“${other.heading}”` : '“其他需要报告的事项”（报告缺少这一部分）';
  const out: Finding[] = [];
  // the section texts' figures (narrativeFiguresOf reads the sections when there are any; a fee does not depend on the
  // topic a section starts with)
  const fees = figures.filter((f) => f.kind === 'fee' && f.value > 0);
  for (const f of fees) {
    out.push(finding('N2', `正文「${f.text}」说明收取了信息处理费 ${fmt(f.value)} ${f.unit}，但${where}中没有说明收费情况`, []));
  }
  const six2 = g.isUnread(`table3|${SIX_2}|总计`) ? 0 : n(t3(m, SIX_2, '总计'));
  if (six2 > 0) {
    out.push(finding('N2', `表三（六）2“申请人逾期未按收费通知要求缴纳费用”为 ${fmt(six2)} 件，说明发出过收费通知，但${where}中没有说明收费情况`, [`table3|${SIX_2}|总计`]));
  }
  if (out.length === 0 && m.format !== '2019') {
    out.push(finding('N2', `${where}中没有说明信息处理费收取情况；2021 年版格式要求在此报告（未收取的，写明“未收取信息处理费”）`, []));
  }
  return out;
}

// ——— publication ———

/**
 * Who publishes by when (条例第四十九条): 县级以上人民政府部门 by 31 January; the report of 本级人民政府 itself
 * (compiled from all its units and published by the 主管部门) by 31 March. The kind is inferred from the agency
 * name — a government (…人民政府, …管委会, or a bare area name such as 平潭综合实验区) vs a department (…局, …委员会,
 * …办公室, …中心 …). This inference is not in the law: pass ctx.publishDeadline to override.
 */
export function reportKindOf(agency: string): 'government' | 'department' {
  const a = agency.trim();
  if (!a) return 'department';
  if (/(人民政府|管理委员会|管委会)$/.test(a)) return 'government';
  if (/(局|委|委员会|办|办公室|厅|部|署|院|中心|所|站|队|处|科|会|公司|政府办)$/.test(a)) return 'department';
  if (/(省|市|县|区|旗|州|盟|自治区|自治州|自治县|新区|实验区|开发区|示范区)$/.test(a)) return 'government';
  return 'department';
}

/** The statutory publication deadline of a report (YYYY-MM-DD). publishDeadline: "MM-DD" of the following year
 *  or a full date; default by reportKindOf(agency): 01-31 for a department, 03-31 for a government. */
export function publicationDeadline(year: number, publishDeadline?: string, agency = ''): string {
  const md = publishDeadline ?? (reportKindOf(agency) === 'government' ? '03-31' : '01-31');
  return /^\d{4}-\d{2}-\d{2}$/.test(md) ? md : `${year + 1}-${md}`;
}

// P1 — 条例第四十九条: departments publish by 31 January, governments' own reports by 31 March.
function checkP1(m: ReportModel, ctx: CheckContext): Finding[] {
  if (!m.year) return [];
  const deadline = publicationDeadline(m.year, ctx.publishDeadline, m.agency);
  const why = ctx.publishDeadline
    ? '（按设定的发布期限）'
    : reportKindOf(m.agency) === 'government'
      ? '（条例第四十九条：本级人民政府的年度报告应在每年3月31日前公布）'
      : '（条例第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度年度报告）';
  const published = /^(\d{4}-\d{2}-\d{2})/.exec(m.published ?? '')?.[1];
  if (published) {
    return published > deadline ? [finding('P1', `发布日期 ${published} 晚于法定期限 ${deadline}${why}`, [])] : [];
  }
  if (ctx.today && ctx.today > deadline) {
    return [finding('P1', `已过发布期限 ${deadline}（今天 ${ctx.today}），报告尚无发布日期；请尽快发布并填写发布日期${why}`, [])];
  }
  return [];
}

/** Run every rule of the catalogue over the cells that were read; returns every violation (not just the first), errors
 *  and warnings, and the rule instances not checked because a cell they need was not read (model.unreadCells). */
export function checkReportDetailed(model: ReportModel, ctx: CheckContext = {}): CheckOutcome {
  const g = new Guard(model, ctx.previous);
  const figures = narrativeFiguresOf(model);
  const findings = [
    ...checkE1(model, g),
    ...checkI1(model, g),
    ...checkI2(model, g),
    ...checkI4(model),
    ...checkI5(model, g),
    ...checkWBlank(model, g),
    ...checkWLabel(model),
    ...checkWUnit(model),
    ...checkWSection(model),
    ...checkX(model, ctx.previous, g),
    ...checkN1(model, g, figures),
    ...checkN2(model, g, figures),
    ...checkP1(model, ctx),
  ];
  return { findings, notChecked: g.notChecked };
}

/** Run every rule of the catalogue; returns every violation (not just the first), errors and warnings. */
export function checkReport(model: ReportModel, ctx: CheckContext = {}): Finding[] {
  return checkReportDetailed(model, ctx).findings;
}

/** The findings in the string form of a fixture's known_inconsistencies (E1, I1, I2, I5, N1). */
export const INCONSISTENCY_RULES = ['E1', 'I1', 'I2', 'I5', 'N1'] as const;
export function knownInconsistencies(model: ReportModel): string[] {
  return checkReport(model).filter((f) => (INCONSISTENCY_RULES as readonly string[]).includes(f.rule)).map((f) => f.message);
}
