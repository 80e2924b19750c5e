// Deterministic extractor of the figures a report's narrative (正文) states about disclosure applications,
// administrative reviews and litigation, mapped to the table cells they should equal (rule N1, ogi-domain §2.4:
// "Figures quoted in 一、总体情况 (e.g. 共收到申请N件, 予以公开及部分公开N件) must equal the table").
// No language model: a small vocabulary of keywords per table row, read clause by clause, with the topic
// (applications / reviews / litigation) carried from one clause to the next within a sentence.
import { T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_RESULT_ROWS_COMMON, T3_TOTAL, TABLE3_COLUMNS, TABLE3_ORG_COLUMNS, type LayoutId, layoutOf } from './formats.ts';
import type { CellRef, NarrativeFigure } from './model.ts';

/** A figure found in the text. tableRef is absent for figures without a table counterpart (fees). */
export interface ExtractedFigure extends NarrativeFigure {
  /** What was found: a count mapped to cells, or a fee amount (信息处理费). */
  kind: 'count' | 'fee';
  /** Fee unit as printed (元 / 万元), for kind 'fee'. */
  unit?: string;
}

type Topic = 'application' | 'review' | 'litigation' | null;

interface RowPattern {
  re: RegExp;
  rows: (six: readonly string[]) => string[];
  short: string;
  /** Needs the application topic (the word 申请 in the clause, or earlier in the sentence). */
  needsTopic: boolean;
}

const group = (prefix: string) => T3_RESULT_ROWS_COMMON.filter((r) => r.startsWith(prefix));

// Order matters: the most specific phrase first (予以公开及部分公开 before 部分公开 before 予以公开;
// 上年结转 before 结转下年度; 下年度 before 答复 — "另有103件顺延到下年度答复").
const ROW_PATTERNS: RowPattern[] = [
  { re: /予以公开(?:及|和|与|、)部分公开|全部或部分公开/, rows: () => ['（一）予以公开', '（二）部分公开'], short: '（一）予以公开 + （二）部分公开', needsTopic: false },
  { re: /不予公开/, rows: () => group('（三）'), short: '（三）不予公开', needsTopic: false },
  { re: /部分公开/, rows: () => ['（二）部分公开'], short: '（二）部分公开', needsTopic: false },
  { re: /予以公开|全部公开|同意公开/, rows: () => ['（一）予以公开'], short: '（一）予以公开', needsTopic: false },
  { re: /无法提供/, rows: () => group('（四）'), short: '（四）无法提供', needsTopic: false },
  { re: /不予处理/, rows: () => group('（五）'), short: '（五）不予处理', needsTopic: false },
  { re: /其他处理/, rows: (six) => [...six], short: '（六）其他处理', needsTopic: false },
  { re: /上一?年度?结转|上年度?结转|结转自上年/, rows: () => [T3_CARRIED_IN], short: '上年结转', needsTopic: true },
  { re: /结转(?:至|到|入)?(?:下一?|次)年度?|结转(?:至|到|入)?\d{4}年|转入(?:下一?|次)年度?|转入\d{4}年|顺延(?:至|到)(?:下一?|次)年度?|(?:下一?|次)年度?(?:继续)?(?:办理|答复)|尚在办理|正在办理/, rows: () => [T3_CARRIED_OUT], short: '结转下年度', needsTopic: true },
  { re: /收到|新收|受理|接收|接到|共计|共有|申请总数/, rows: () => [T3_RECEIVED], short: '本年新收', needsTopic: true },
  { re: /办结|答复|办理完毕|已办理|处理完毕/, rows: () => [T3_TOTAL], short: '（七）总计', needsTopic: true },
];

const APPLICANT_PATTERNS: { re: RegExp; columns: readonly string[]; name: string }[] = [
  { re: /自然人|公民/, columns: ['自然人'], name: '自然人' },
  { re: /法人或其他组织|法人和其他组织/, columns: TABLE3_ORG_COLUMNS, name: '法人或其他组织' },
  ...TABLE3_COLUMNS.filter((c) => c !== '自然人' && c !== '总计' && c !== '其他').map((c) => ({ re: new RegExp(c), columns: [c], name: c })),
];

const T4_COLUMNS: { re: RegExp; column: string }[] = [
  { re: /维持/, column: '结果维持' },
  { re: /纠正|撤销|确认违法/, column: '结果纠正' },
  { re: /其他结果/, column: '其他结果' },
  { re: /尚未审结|未审结|正在审理|审理中/, column: '尚未审结' },
];

const COUNT = /(?<![\d.])(\d+)\s*(?:件|宗|起(?!诉))/g;
const FEE = /(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|元)/g;
const MAY_STATE_FIGURE = /\d\s*[件宗起万元]/;

/** Split text into sentences (。！？ and line breaks) and each sentence into clauses (，；、：). */
function sentences(text: string): string[] {
  return text.split(/[。！？!?\n\r]+/).map((s) => s.trim()).filter(Boolean);
}
function clauses(sentence: string): string[] {
  // Keep "占51.85%" with its count: split on Chinese punctuation only (not on "." of decimals).
  return sentence.split(/[，,；;、：:（）()]+/).map((s) => s.trim()).filter(Boolean);
}

function topicOf(window: string): Topic {
  if (/复议后起诉|行政诉讼|诉讼|起诉/.test(window)) return 'litigation';
  if (/行政复议|复议/.test(window)) return 'review';
  if (/申请|依申请/.test(window)) return 'application';
  return null;
}

function t4Groups(window: string, topic: Topic): string[] | null {
  if (/复议后起诉/.test(window)) return ['复议后起诉'];
  if (/未经复议直接起诉|直接起诉/.test(window)) return ['未经复议直接起诉'];
  if (topic === 'litigation') return ['未经复议直接起诉', '复议后起诉'];
  if (topic === 'review') return ['行政复议'];
  return null;
}

/**
 * Extract the figures stated in a narrative text. `layout` chooses the （六）其他处理 rows (one row in 2019,
 * three in 2021). Every figure found is returned in text order; `tableValue` is filled by the caller
 * (see figureTableValue) — the extractor does not read the tables.
 */
export function extractFigures(text: string, layout: LayoutId = '2021', initialTopic: Topic = null): ExtractedFigure[] {
  // a sentence states a figure only if the text around it does (most sections of a report state none)
  if (!MAY_STATE_FIGURE.test(text)) return [];
  const six = layoutOf(layout).table3ResultRows.filter((r) => r.startsWith('（六）'));
  const out: ExtractedFigure[] = [];
  for (const sentence of sentences(text)) {
    // a figure is a number followed by 件/宗/起 or 元/万元 within one clause; a sentence without one states none
    if (!MAY_STATE_FIGURE.test(sentence)) continue;
    let topic: Topic = initialTopic;
    let lastT3Row: { rows: string[]; short: string } | null = null;
    for (const clause of clauses(sentence)) {
      // Fees (信息处理费) — no table counterpart in either format (表二（八） is 行政事业性收费, a different fee).
      if (/信息处理费|收费/.test(clause)) {
        for (const m of clause.matchAll(FEE)) {
          out.push({ kind: 'fee', text: clause, value: Number(m[1]), unit: m[2], meaning: `信息处理费 (${m[2]})` });
        }
      }
      const matches = [...clause.matchAll(COUNT)];
      const clauseTopic = topicOf(clause);
      if (clauseTopic) topic = clauseTopic;
      for (let i = 0; i < matches.length; i++) {
        const m = matches[i]!;
        const start = i === 0 ? 0 : matches[i - 1]!.index! + matches[i - 1]![0].length;
        const end = i + 1 < matches.length ? matches[i + 1]!.index! : clause.length;
        const window = clause.slice(start, end);
        const value = Number(m[1]);
        const wTopic = topicOf(window) ?? topic;
        // Table 四: reviews and litigation.
        if (wTopic === 'review' || wTopic === 'litigation') {
          const groups = t4Groups(window, wTopic);
          if (!groups) continue;
          const col = T4_COLUMNS.find((c) => c.re.test(window))?.column ?? '总计';
          const refs = groups.map((g) => `table4|${g}|${col}` as CellRef);
          const gName = groups.length === 2 ? '行政诉讼' : groups[0]!;
          out.push({ kind: 'count', text: clause, value, meaning: `${gName} ${col}`, tableRef: refs });
          continue;
        }
        // Table 三: applications.
        const pat = ROW_PATTERNS.find((p) => p.re.test(window));
        const applicant = APPLICANT_PATTERNS.find((a) => a.re.test(window));
        let rows: string[] | null = null;
        let short = '';
        if (pat && (!pat.needsTopic || wTopic === 'application')) {
          rows = pat.rows(six);
          short = pat.short;
        } else if (applicant && lastT3Row && wTopic === 'application') {
          rows = lastT3Row.rows;
          short = lastT3Row.short;
        }
        if (!rows) continue;
        lastT3Row = { rows, short };
        topic = 'application';
        const columns = applicant ? applicant.columns : ['总计'];
        const refs: CellRef[] = [];
        for (const r of rows) for (const c of columns) refs.push(`table3|${r}|${c}`);
        out.push({ kind: 'count', text: clause, value, meaning: `${short} ${applicant ? applicant.name : '总计'}`, tableRef: refs });
      }
    }
  }
  return out;
}
