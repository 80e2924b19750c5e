// Suggested sentences for the narrative (正文) of the annual report, one per section of the format, each stating the
// figures of the compiled tables (so the rule catalogue's text–table check N1 holds, ogi-domain §2.4), and the fees
// collected in 其他需要报告的事项 (条例 第四十二条; 2021 format: “收取信息处理费情况在此处报告”, rule N2).
// Sections follow the format's section list (60号 / 30号: 一 总体情况 … 六 其他需要报告的事项) or the 芝罘区
// seven-part local variant. The officer edits the text; suggestions only fill empty sections. 总体情况 also states the
// year's 政务服务好差评 figures when the agency has ratings (国办发〔2019〕51号; core/evaluations overviewSentence).
import { FORMATS, SECTIONS_ZHIFU_7, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL, TABLE4_GROUPS } from '../report/formats.ts';
import type { NarrativeSection, ReportModel } from '../report/model.ts';
import { overviewSentence, type Summary } from '../evaluations/index.ts';

export type SectionStyle = 'national' | 'zhifu-7';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function t3Total(m: ReportModel, row: string): number {
  return n(m.table3.rows[row]?.[m.table3.columns.length - 1]);
}
function t3Col(m: ReportModel, row: string, col: string): number {
  return n(m.table3.rows[row]?.[m.table3.columns.indexOf(col)]);
}
function t3Prefix(m: ReportModel, prefix: string): number {
  return Object.entries(m.table3.rows).filter(([k]) => k.startsWith(prefix)).reduce((s, [k]) => s + t3Total(m, k), 0);
}
function t4(m: ReportModel, g: string, c: string): number {
  return n(m.table4[g]?.[c]);
}
function t2(m: ReportModel, block: string, row: string, col: string): number {
  return n(m.table2[block]?.[row]?.[col]);
}
/** Print a money figure without floating noise. */
function money(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(4)));
}

/** The figures sentence of table 三 (also used in 一、总体情况). */
export function requestsSentence(m: ReportModel): string {
  const received = t3Total(m, T3_RECEIVED);
  const natural = t3Col(m, T3_RECEIVED, '自然人');
  const orgs = received - natural;
  return `${m.year}年，本机关新收政府信息公开申请${received}件（自然人${natural}件，法人或其他组织${orgs}件），`
    + `上年结转政府信息公开申请${t3Total(m, T3_CARRIED_IN)}件。`
    + `本年度办结政府信息公开申请${t3Total(m, T3_TOTAL)}件，其中予以公开${t3Total(m, '（一）予以公开')}件，`
    + `部分公开${t3Total(m, '（二）部分公开')}件，不予公开${t3Prefix(m, '（三）')}件，无法提供${t3Prefix(m, '（四）')}件，`
    + `不予处理${t3Prefix(m, '（五）')}件，其他处理${t3Prefix(m, '（六）')}件。`
    + `结转下年度继续办理的政府信息公开申请${t3Total(m, T3_CARRIED_OUT)}件。`;
}

export function appealsSentence(m: ReportModel): string {
  const [review, direct, after] = TABLE4_GROUPS;
  const r = (c: string) => t4(m, review, c);
  const lit = (c: string) => t4(m, direct, c) + t4(m, after, c);
  return `${m.year}年，本机关因政府信息公开被申请行政复议${r('总计')}件，其中结果维持${r('结果维持')}件，结果纠正${r('结果纠正')}件，`
    + `其他结果${r('其他结果')}件，尚未审结${r('尚未审结')}件。`
    + `因政府信息公开被提起行政诉讼${lit('总计')}件，其中结果维持${lit('结果维持')}件，结果纠正${lit('结果纠正')}件，`
    + `其他结果${lit('其他结果')}件，尚未审结${lit('尚未审结')}件。`;
}

export function proactiveSentence(m: ReportModel): string {
  const b1 = '第二十条第（一）项';
  const parts: string[] = [];
  const block1 = m.table2[b1] ?? {};
  const [rule, normative] = Object.keys(block1) as [string, string];
  const cols = Object.keys(block1[rule] ?? {});
  if (rule && normative && cols.length === 3) {
    parts.push(`${m.year}年，本机关${cols[0]}：${rule}${t2(m, b1, rule, cols[0]!)}件，${normative}${t2(m, b1, normative, cols[0]!)}件；`
      + `${cols[1]}：${rule}${t2(m, b1, rule, cols[1]!)}件，${normative}${t2(m, b1, normative, cols[1]!)}件；`
      + `${cols[2]}：${rule}${t2(m, b1, rule, cols[2]!)}件，${normative}${t2(m, b1, normative, cols[2]!)}件。`);
  }
  const decisions: string[] = [];
  for (const [block, rows] of Object.entries(m.table2)) {
    if (block === b1) continue;
    for (const [row, cells] of Object.entries(rows)) {
      for (const [col, v] of Object.entries(cells)) {
        if (/处理决定数量/.test(col)) decisions.push(`${row}处理决定${n(v)}个`);
        if (col === '本年收费金额（单位：万元）') decisions.push(`${row}收取金额${money(n(v))}万元`);
        if (col === '采购项目数量') decisions.push(`${row}项目${n(v)}个`);
      }
    }
  }
  if (decisions.length) parts.push(`本年度作出${decisions.join('，')}。`);
  return parts.join('');
}

export function feesSentence(fees: { amountYuan: number; count: number }): string {
  // 条例 第四十二条; 国办函〔2020〕109号: 信息处理费 collected are reported (2021 format, 其他需要报告的事项).
  return fees.amountYuan > 0
    ? `本年度依据《政府信息公开信息处理费管理办法》收取信息处理费${money(fees.amountYuan)}元（涉及申请${fees.count}件）。`
    : '本年度未收取信息处理费。';
}

/** Suggested sections for a compiled model (the format's section list, or the 芝罘区 seven parts). */
export function suggestSections(m: ReportModel, opts: { fees: { amountYuan: number; count: number }; style: SectionStyle; evaluations?: Summary | null }): NarrativeSection[] {
  const defs = opts.style === 'zhifu-7' ? SECTIONS_ZHIFU_7 : FORMATS[m.format === '2019' ? '2019' : '2021'].sections;
  const text: Record<string, string> = {
    overview: `${m.year}年，本机关依照《中华人民共和国政府信息公开条例》做好政府信息公开工作。${requestsSentence(m)}`
      + (opts.evaluations && opts.evaluations.ratings > 0 ? `\n${overviewSentence(m.year, opts.evaluations)}` : ''),
    proactive: proactiveSentence(m),
    requests: requestsSentence(m),
    appeals: appealsSentence(m),
    supervision: '',
    problems: '',
    other: feesSentence(opts.fees),
  };
  return defs.map((d) => ({ key: d.key, heading: d.heading, text: text[d.key] ?? '' }));
}
