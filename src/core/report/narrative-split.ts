// Table 二 digits run together ("8855698" for 本年制发件数 | 本年废止件数 | 现行有效件数) have no 勾稽 relation inside
// table 二 to decide the split (ogi-domain §2: the sums are in tables 三 and 四 only). A report usually states the same
// figures in its narrative ("现行有效行政规范性文件698件 … 制发的规范性文件88件"), so those statements are used to choose
// among the possible splits: a split is kept only when it agrees with every figure the narrative states for that row.
// Deterministic keyword reading, no language model; a split is decided only when exactly one is left.

export type SplitValue = number | null;

/** A figure the narrative states for a table 二 cell. */
export interface Table2Statement {
  /** The sentence as printed (trimmed). */
  sentence: string;
  row: string;
  column: string;
  value: number;
}

/** Words naming a table 二 row (both format versions; 规范性文件 names 行政规范性文件 as well). */
const ROW_WORDS: { re: RegExp; rows: readonly string[] }[] = [
  { re: /规章/, rows: ['规章'] },
  { re: /规范性文件/, rows: ['行政规范性文件', '规范性文件'] },
  { re: /行政许可/, rows: ['行政许可'] },
  { re: /行政处罚/, rows: ['行政处罚'] },
  { re: /行政强制/, rows: ['行政强制'] },
  { re: /行政事业性收费/, rows: ['行政事业性收费'] },
  { re: /对外管理服务事项/, rows: ['其他对外管理服务事项'] },
];

/** Words naming a table 二 column (60号 and 30号 headers), most specific first. */
const COLUMN_WORDS: { re: RegExp; columns: readonly string[] }[] = [
  { re: /对外公开总数|累计公开|公开总数/, columns: ['对外公开总数量'] },
  { re: /现行有效|目前有效|有效的?/, columns: ['现行有效件数', '对外公开总数量'] },
  { re: /废止|失效/, columns: ['本年废止件数'] },
  { re: /新公开|主动公开/, columns: ['本年新公开数量'] },
  { re: /制发|印发|出台|制定|新制作|发布/, columns: ['本年制发件数', '本年新制作数量'] },
  { re: /处理决定|作出|办理/, columns: ['本年处理决定数量', '处理决定数量'] },
];

const COUNT = /(?<![\d.])(\d+)\s*(?:件|项|个)/g;

function sentencesOf(text: string): string[] {
  return text.split(/[。！？!?\n\r]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * The figures a narrative states for table 二 cells: within a sentence, a count ("88件") is tied to the row word and
 * column word between the previous count and it; the row carries over to the following clauses of the sentence
 * ("制发行政规范性文件88件，废止55件"). A window naming two rows, or no column, states nothing.
 */
export function table2Statements(text: string): Table2Statement[] {
  const out: Table2Statement[] = [];
  for (const sentence of sentencesOf(text)) {
    let rowWords: readonly string[] | null = null;
    let last = 0;
    for (const m of sentence.matchAll(COUNT)) {
      const window = sentence.slice(last, m.index);
      last = m.index! + m[0].length;
      const rowsHere = ROW_WORDS.filter((r) => r.re.test(window));
      if (rowsHere.length > 1) { rowWords = null; continue; }
      if (rowsHere.length === 1) rowWords = rowsHere[0]!.rows;
      // a figure about something else (申请, 复议 …) ends the carried row
      else if (/申请|复议|诉讼|政策解读|信息|新闻|发布会/.test(window.replace(/规范性文件/g, ''))) { rowWords = null; continue; }
      if (!rowWords) continue;
      // the column word closest to the number
      let best: { at: number; columns: readonly string[] } | null = null;
      for (const c of COLUMN_WORDS) {
        const all = [...window.matchAll(new RegExp(c.re.source, 'g'))];
        const at = all.length > 0 ? all[all.length - 1]!.index! : -1;
        if (at >= 0 && (!best || at > best.at)) best = { at, columns: c.columns };
      }
      if (!best) continue;
      for (const row of rowWords) for (const column of best.columns) out.push({ sentence, row, column, value: Number(m[1]) });
    }
  }
  return out;
}

export interface NarrativeDecision {
  /** The one split that agrees with the narrative, or null when none or several do. */
  split: SplitValue[] | null;
  /** The sentences whose figures were compared (those that decided it, when decided). */
  sentences: string[];
  /** The splits left after the comparison (one when decided). */
  left: SplitValue[][];
}

/**
 * Choose among the possible splits of a table 二 row by the narrative's figures for that row. `columns` are the row's
 * columns in printed order. Undecided (split null) when the narrative states nothing for the row, or when no split or
 * more than one agrees with what it states.
 */
export function decideSplitByNarrative(candidates: readonly SplitValue[][], row: string, columns: readonly string[], statements: readonly Table2Statement[]): NarrativeDecision {
  const relevant = statements.filter((s) => s.row === row && columns.includes(s.column));
  if (relevant.length === 0) return { split: null, sentences: [], left: [...candidates] };
  const agrees = (c: readonly SplitValue[]): boolean => relevant.every((s) => c[columns.indexOf(s.column)] === s.value);
  const left = candidates.filter(agrees);
  const sentences = [...new Set(relevant.map((s) => s.sentence))];
  return { split: left.length === 1 ? [...left[0]!] : null, sentences, left };
}
