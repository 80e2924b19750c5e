// Table 二, block 第二十条第（一）项 (规章 / 行政规范性文件), computed from the catalogue as a fold.
// Labels come from src/core/report/formats.ts (never retyped here):
//  - 2021 (国办公开办函〔2021〕30号): 本年制发件数 | 本年废止件数 | 现行有效件数 (rows 规章, 行政规范性文件)
//  - 2019 (国办公开办函〔2019〕60号): 本年新制作数量 | 本年新公开数量 | 对外公开总数量 (rows 规章, 规范性文件)
// Semantics (ogi-domain §1.5): counts documents made by this agency; 现行有效件数 / 对外公开总数量 are stocks at 31 December,
// 本年… columns are flows within the year.
import { FORMATS, type FormatId } from '../report/formats.ts';

export interface StatItem {
  id: number;
  kind: string;
  /** 成文日期 */
  madeOn: string | null;
  /** First publication date (null when never published) */
  publishedOn: string | null;
  validity: 'valid' | 'abolished' | 'expired';
  /** Date 有效性 changed (废止/失效日期) */
  validityChangedOn: string | null;
  /** Withdrawn items are no longer 对外公开 */
  withdrawnOn?: string | null;
}

export interface Table2Block1 {
  blockKey: string;
  /** row label → column label → count */
  values: Record<string, Record<string, number>>;
  /** row label → column label → item ids counted (each cell lists its records) */
  records: Record<string, Record<string, number[]>>;
}

function rowIndex(kind: string): 0 | 1 | null {
  if (kind === 'rule') return 0; // 规章
  if (kind === 'normative') return 1; // 行政规范性文件 (2019: 规范性文件)
  return null;
}

/** Fold catalogue items into table 二 第二十条第（一）项 for a year and a format. */
/** `items`: every 规章/行政规范性文件 of the agency that has a 成文日期 (drafts of documents not yet made excluded by the caller). */
export function table2Article20Item1(items: readonly StatItem[], year: number, format: FormatId): Table2Block1 {
  const block = FORMATS[format].table2[0]!; // the 第二十条第（一）项 block is the first of table 二 in both formats
  const [c0, c1, c2] = block.columns as [string, string, string];
  const values: Record<string, Record<string, number>> = {};
  const records: Record<string, Record<string, number[]>> = {};
  for (const r of block.rows) {
    values[r] = { [c0]: 0, [c1]: 0, [c2]: 0 };
    records[r] = { [c0]: [], [c1]: [], [c2]: [] };
  }
  const y = String(year);
  const end = `${y}-12-31`;
  const inYear = (d: string | null | undefined) => !!d && d.slice(0, 4) === y;
  const add = (row: string, col: string, id: number) => {
    values[row]![col]! += 1;
    records[row]![col]!.push(id);
  };
  for (const it of items) {
    const ri = rowIndex(it.kind);
    if (ri === null) continue;
    const row = block.rows[ri]!;
    const ended = it.validity !== 'valid' && !!it.validityChangedOn && it.validityChangedOn <= end;
    const withdrawn = !!it.withdrawnOn && it.withdrawnOn <= end;
    if (format === '2021') {
      // 本年制发件数: 成文日期 in the year (documents made and issued)
      if (inYear(it.madeOn)) add(row, c0, it.id);
      // 本年废止件数: 有效性 changed to 已废止/已失效 within the year
      if (it.validity !== 'valid' && inYear(it.validityChangedOn)) add(row, c1, it.id);
      // 现行有效件数: published by 31 December (a 规范性文件 takes effect only once published) and not
      // abolished / expired / withdrawn by then
      if (it.publishedOn && it.publishedOn <= end && !ended && !withdrawn) add(row, c2, it.id);
    } else {
      // 本年新制作数量: 成文日期 in the year
      if (inYear(it.madeOn)) add(row, c0, it.id);
      // 本年新公开数量: first published in the year
      if (inYear(it.publishedOn)) add(row, c1, it.id);
      // 对外公开总数量: published by 31 December and not withdrawn by then
      if (it.publishedOn && it.publishedOn <= end && !withdrawn) add(row, c2, it.id);
    }
  }
  return { blockKey: block.key, values, records };
}

/** An agency's 规章 or 行政规范性文件 counted for a year from the per-year counters (migration 235): the flows of the year
 *  and the stocks at 31 December (the sums of the stock deltas of every year up to it). */
export interface KindYearCounts {
  made: number;
  abolished: number;
  firstPublished: number;
  stock2021: number;
  stock2019: number;
}

/** The same block as table2Article20Item1 (values only), from counts by kind instead of the items themselves. */
export function table2Article20Item1FromCounts(counts: Partial<Record<'rule' | 'normative', KindYearCounts>>, format: FormatId): Table2Block1['values'] {
  const block = FORMATS[format].table2[0]!;
  const [c0, c1, c2] = block.columns as [string, string, string];
  const values: Record<string, Record<string, number>> = {};
  (['rule', 'normative'] as const).forEach((kind, i) => {
    const k = counts[kind] ?? { made: 0, abolished: 0, firstPublished: 0, stock2021: 0, stock2019: 0 };
    values[block.rows[i]!] = format === '2021'
      ? { [c0]: k.made, [c1]: k.abolished, [c2]: k.stock2021 }
      : { [c0]: k.made, [c1]: k.firstPublished, [c2]: k.stock2019 };
  });
  return values;
}
