// Label normalisation and recognition for the two national report formats.
// Canonical labels (formats.ts) are full-width parentheses （）, no spaces, sub-rows numbered "1.".
// Printed reports deviate: half-width parentheses and spaces ("(三) 不予公开", 芝罘区 2019), "1、" numbering
// (淮安 2024), header cells broken over lines ("本年新<br/>制作数量", "结/果/维/持"), U+3000 padding
// (2021 template), "社会组织" for 社会公益组织 (芝罘区 2019, table 三 split over a page), and labels of the
// other format version printed in a report (ogi-domain §1.4, §2.5). See tests/fixtures/reports/*/expected.json notes.
import {
  FORMATS, TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, T3_OTHER_2019, T3_OTHER_2021, T3_PRINTED_LABELS,
  type FormatId, type LayoutId,
} from './formats.ts';

const FULLWIDTH_DIGITS = /[０-９]/g;

/** normaliseLabel's results for short strings (labels, not paragraphs), cleared when full. */
const NORMALISED = new Map<string, string>();
const NORMALISED_MAX = 20_000;
const NORMALISED_KEY_MAX = 200;

/**
 * Normalise a printed label to the canonical spelling: drop markup (<br/>, <b>), line breaks and every kind
 * of space (incl. U+3000, NBSP); half-width → full-width parentheses, colon and comma; "1、"/"1．" → "1.";
 * straight quotes around 三安全一稳定 → “ ”. Typos seen in real reports are mapped (TYPO_LABELS).
 */
export function normaliseLabel(s: string): string {
  if (s.length > NORMALISED_KEY_MAX) return normaliseUncached(s);
  const cached = NORMALISED.get(s);
  if (cached !== undefined) return cached;
  const t = normaliseUncached(s);
  // the same few hundred labels come back in every report (importer and rules): remember them, boundedly
  if (NORMALISED.size >= NORMALISED_MAX) NORMALISED.clear();
  NORMALISED.set(s, t);
  return t;
}

function normaliseUncached(s: string): string {
  let t = s
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, '')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/(^|[^\d])(\d{1,2})[、．]/g, '$1$2.')
    .replace(/["'“”]三安全一稳定["'“”]/g, '“三安全一稳定”');
  t = TYPO_LABELS[t] ?? t;
  return t;
}

/** Misprints seen in real reports → canonical label (each one quoted in a fixture's notes). */
export const TYPO_LABELS: Record<string, string> = {
  // 芝罘区 2019: the second half of table 三 prints 社会组织 for 社会公益组织.
  社会组织: '社会公益组织',
  // Table 三 row (二): the printed note is not part of the key (fixture README).
  [T3_PRINTED_LABELS['（二）部分公开']!]: '（二）部分公开',
  // Table 二 captions printed with a space ("第二十条 第（一）项", 淮安 2024) are handled by space removal;
  // 2019-format section heading variant (ogi-domain §1.2).
  政府信息公开工作存在的主要问题及改进情况: '存在的主要问题及改进情况',
};

/** Table 二 labels that exist in only one format version (ogi-domain §1.4). */
function table2Labels(f: FormatId): Set<string> {
  const out = new Set<string>();
  for (const b of FORMATS[f].table2) {
    out.add(b.key);
    for (const r of b.rows) out.add(r);
    for (const c of b.columns) out.add(c);
  }
  return out;
}
const T2_2019 = table2Labels('2019');
const T2_2021 = table2Labels('2021');

/** Labels printed only in the given version: table 二 blocks/rows/columns and table 三 （六） rows. */
export const VERSION_ONLY_LABELS: Record<FormatId, Set<string>> = {
  '2019': new Set([...[...T2_2019].filter((l) => !T2_2021.has(l)), ...T3_OTHER_2019]),
  '2021': new Set([...[...T2_2021].filter((l) => !T2_2019.has(l)), ...T3_OTHER_2021]),
};

/** Which version a label belongs to exclusively, or null when both (or neither) use it. */
export function labelVersionOf(label: string): FormatId | null {
  const l = normaliseLabel(label);
  if (VERSION_ONLY_LABELS['2019'].has(l)) return '2019';
  if (VERSION_ONLY_LABELS['2021'].has(l)) return '2021';
  return null;
}

/**
 * 2019 labels printed in a 2021 report (and the reverse) that name the same thing, mapped to the label of the
 * report's own version (ogi-domain §1.4). Labels whose meaning changed (本年新制作数量 vs 本年制发件数, the 2019
 * 上一年项目数量/本年增/减 columns, 政府集中采购) are NOT mapped: they stay as printed and rule W-label warns.
 */
export const EQUIVALENT_LABELS: Record<FormatId, Record<string, string>> = {
  '2021': { 规范性文件: '行政规范性文件', 处理决定数量: '本年处理决定数量' },
  '2019': { 行政规范性文件: '规范性文件', 本年处理决定数量: '处理决定数量' },
};

/**
 * Normalise, then map a label of the other version to this report's version when they name the same thing.
 * Returns the canonical label and, when it differs from the normalised printed one, what was printed.
 */
export function canonicalLabel(printed: string, layout: LayoutId, kind: 'table2' | 'table3' | 'any' = 'any'): { label: string; printed?: string } {
  const n = normaliseLabel(printed);
  const version: FormatId = layout === '2019' ? '2019' : '2021';
  const mapped = kind !== 'table3' ? EQUIVALENT_LABELS[version][n] : undefined;
  if (mapped) return { label: mapped, printed: n };
  return n === printed ? { label: n } : { label: n, printed };
}

/**
 * Whether a printed label words the canonical one differently — not merely other spacing, parentheses, quotes,
 * numbering punctuation ("1、"), the group printed before a sub-row, a known misprint (TYPO_LABELS) or a printed
 * note after it (（二）部分公开（区分处理的…）). The label rule (W-label) warns on such a departure from the format.
 */
export function labelDeparts(printed: string, canonical: string): boolean {
  const strip = (s: string): string => normaliseLabel(s).replace(/[“”"'‘’]/g, '').replace(/\//g, '');
  const p = strip(printed);
  const tail = canonical.includes('/') ? canonical.slice(canonical.lastIndexOf('/') + 1) : canonical;
  // a label cut short (the rest printed after the numbers, or over a page break) is the canonical one's beginning
  return ![strip(canonical), strip(tail)].some((c) => c !== '' && (p === c || p.startsWith(c) || (p.length >= 4 && c.startsWith(p))));
}

/**
 * Resolve a printed label against candidates: exact after normalisation, else the unique candidate that the
 * normalised label starts (or the candidate starts with it, e.g. a label cut at a page break). null when none or
 * ambiguous — the caller must then say so rather than guess.
 */
export function resolveLabel(printed: string, candidates: readonly string[]): string | null {
  const n = normaliseLabel(printed);
  if (!n) return null;
  const norm = candidates.map((c) => [c, normaliseLabel(c)] as const);
  const exact = norm.filter(([, c]) => c === n);
  if (exact.length === 1) return exact[0]![0];
  const partial = norm.filter(([, c]) => c.startsWith(n) || n.startsWith(c));
  if (partial.length === 1) return partial[0]![0];
  // Prefer the longest candidate the label starts with (e.g. "（二）部分公开（区分处…" → （二）部分公开).
  const starts = norm.filter(([, c]) => n.startsWith(c)).sort((a, b) => b[1].length - a[1].length);
  if (starts.length > 0 && (starts.length === 1 || starts[0]![1].length > starts[1]![1].length)) return starts[0]![0];
  return null;
}

/** Every canonical label a report may print (both versions), for recognisers. */
export const ALL_TABLE_LABELS: readonly string[] = [
  ...new Set([
    ...T2_2019, ...T2_2021,
    ...FORMATS['2019'].table3Rows, ...FORMATS['2021'].table3Rows,
    ...TABLE3_COLUMNS, ...TABLE4_GROUPS, ...TABLE4_COLUMNS,
  ]),
];
