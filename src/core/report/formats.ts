// The national annual-report formats as data.
//  - 2019: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》
//  - 2021: 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》
// Labels are verbatim (normalised: full-width parentheses （）, no spaces). Row keys of table 三 use
// "group/sub-row" as in the label-keyed interchange shape (tests/fixtures/reports/README.md).
// Sources: docs/domain (ogi-domain.md §1.2–§1.4), corroborated by the fixtures in tests/fixtures/reports.

export type FormatId = '2019' | '2021';
/** A report's layout: one of the two national formats, or a "hybrid" seen in real reports
 *  (2021 table 二 with a single （六）其他处理 row in table 三). */
export type LayoutId = FormatId | 'hybrid';

export interface Table2Block {
  /** e.g. 第二十条第（一）项 */
  key: string;
  columns: string[];
  rows: string[];
  /** Columns holding money rather than counts (decimals allowed). */
  moneyColumns?: string[];
  /** Columns that may be negative (2019 本年增/减). */
  signedColumns?: string[];
  /** Unit printed or implied, per column. */
  units?: Record<string, string>;
}

export interface SectionDef {
  key: string;
  heading: string;
}

/** Table 三 columns: 申请人情况 → 自然人 | 法人或其他组织 {…} | 总计 */
export const TABLE3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
/** The five 法人或其他组织 sub-columns. */
export const TABLE3_ORG_COLUMNS = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'] as const;

export const T3_RECEIVED = '一、本年新收政府信息公开申请数量';
export const T3_CARRIED_IN = '二、上年结转政府信息公开申请数量';
export const T3_TOTAL = '（七）总计';
export const T3_CARRIED_OUT = '四、结转下年度继续办理';

/** Result rows shared by both formats, in order, as "group/sub-row" keys. */
export const T3_RESULT_ROWS_COMMON = [
  '（一）予以公开',
  '（二）部分公开',
  '（三）不予公开/1.属于国家秘密',
  '（三）不予公开/2.其他法律行政法规禁止公开',
  '（三）不予公开/3.危及“三安全一稳定”',
  '（三）不予公开/4.保护第三方合法权益',
  '（三）不予公开/5.属于三类内部事务信息',
  '（三）不予公开/6.属于四类过程性信息',
  '（三）不予公开/7.属于行政执法案卷',
  '（三）不予公开/8.属于行政查询事项',
  '（四）无法提供/1.本机关不掌握相关政府信息',
  '（四）无法提供/2.没有现成信息需要另行制作',
  '（四）无法提供/3.补正后申请内容仍不明确',
  '（五）不予处理/1.信访举报投诉类申请',
  '（五）不予处理/2.重复申请',
  '（五）不予处理/3.要求提供公开出版物',
  '（五）不予处理/4.无正当理由大量反复申请',
  '（五）不予处理/5.要求行政机关确认或重新出具已获取信息',
] as const;

/** 2019: （六）其他处理 is a single row. */
export const T3_OTHER_2019 = ['（六）其他处理'] as const;
/** 2021: （六）其他处理 has three sub-rows. */
export const T3_OTHER_2021 = [
  '（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '（六）其他处理/3.其他',
] as const;

/** Printed label of a group where the key omits it (the 部分公开 row prints a note). */
export const T3_PRINTED_LABELS: Record<string, string> = {
  '（二）部分公开': '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
};
export const T3_HEADER_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export const TABLE4_GROUPS = ['行政复议', '未经复议直接起诉', '复议后起诉'] as const;
export type Table4Group = (typeof TABLE4_GROUPS)[number];
export const TABLE4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number];

export interface FormatDef {
  id: FormatId;
  /** The notice that defines the format. */
  source: string;
  title: string;
  sections: SectionDef[];
  table2: Table2Block[];
  /** Result rows between 三、本年度办理结果 and （七）总计. */
  table3ResultRows: string[];
  /** All table 三 row keys in print order. */
  table3Rows: string[];
}

const T2_2019: Table2Block[] = [
  { key: '第二十条第（一）项', columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: ['规章', '规范性文件'] },
  { key: '第二十条第（五）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: ['行政许可', '其他对外管理服务事项'], signedColumns: ['本年增/减'] },
  { key: '第二十条第（六）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: ['行政处罚', '行政强制'], signedColumns: ['本年增/减'] },
  { key: '第二十条第（八）项', columns: ['上一年项目数量', '本年增/减'], rows: ['行政事业性收费'], signedColumns: ['本年增/减'] },
  // 采购总金额 has no unit in the national header (ogi-domain §1.2: UNCONFIRMED); reporters wrote 元 or 万元.
  { key: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额'], rows: ['政府集中采购'], moneyColumns: ['采购总金额'] },
];

const T2_2021: Table2Block[] = [
  { key: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'] },
  { key: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'] },
  { key: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['行政处罚', '行政强制'] },
  { key: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['行政事业性收费'], moneyColumns: ['本年收费金额（单位：万元）'], units: { '本年收费金额（单位：万元）': '万元' } },
];

const SECTIONS: SectionDef[] = [
  { key: 'overview', heading: '一、总体情况' },
  { key: 'proactive', heading: '二、主动公开政府信息情况' },
  { key: 'requests', heading: '三、收到和处理政府信息公开申请情况' },
  { key: 'appeals', heading: '四、政府信息公开行政复议、行政诉讼情况' },
  { key: 'problems', heading: '五、存在的主要问题及改进情况' },
  { key: 'other', heading: '六、其他需要报告的事项' },
];

/** The 芝罘区 seven-part local variant (2019): an extra 五、监督情况 before problems; not national (ogi-domain §1.2). */
export const SECTIONS_ZHIFU_7: SectionDef[] = [
  SECTIONS[0]!, SECTIONS[1]!, SECTIONS[2]!, SECTIONS[3]!,
  { key: 'supervision', heading: '五、监督情况（考核、社会评议和责任追究）' },
  { key: 'problems', heading: '六、存在的主要问题及改进情况' },
  { key: 'other', heading: '七、其他需要报告的事项' },
];

function rows(other: readonly string[]): string[] {
  return [T3_RECEIVED, T3_CARRIED_IN, ...T3_RESULT_ROWS_COMMON, ...other, T3_TOTAL, T3_CARRIED_OUT];
}

export const FORMATS: Record<FormatId, FormatDef> = {
  '2019': {
    id: '2019',
    source: '国办公开办函〔2019〕60号',
    title: '中华人民共和国政府信息公开工作年度报告格式（试行）',
    sections: SECTIONS,
    table2: T2_2019,
    table3ResultRows: [...T3_RESULT_ROWS_COMMON, ...T3_OTHER_2019],
    table3Rows: rows(T3_OTHER_2019),
  },
  '2021': {
    id: '2021',
    source: '国办公开办函〔2021〕30号',
    title: '中华人民共和国政府信息公开工作年度报告格式',
    sections: SECTIONS,
    table2: T2_2021,
    table3ResultRows: [...T3_RESULT_ROWS_COMMON, ...T3_OTHER_2021],
    table3Rows: rows(T3_OTHER_2021),
  },
};

/** Table layout of a report: table 二 from one format, table 三 rows from another (hybrid). */
export function layoutOf(layout: LayoutId): { table2: Table2Block[]; table3Rows: string[]; table3ResultRows: string[] } {
  if (layout === 'hybrid') {
    return { table2: T2_2021, table3Rows: FORMATS['2019'].table3Rows, table3ResultRows: FORMATS['2019'].table3ResultRows };
  }
  const f = FORMATS[layout];
  return { table2: f.table2, table3Rows: f.table3Rows, table3ResultRows: f.table3ResultRows };
}

/** Default format for a report year: 30号 applies to reports on 2021 onward (ogi-domain §1.3, inferred; configurable). */
export function defaultFormatForYear(year: number, firstYearOf2021Format = 2021): FormatId {
  return year >= firstYearOf2021Format ? '2021' : '2019';
}
