// Chinese search tokens (decision: docs/decisions/ — "Chinese search: overlapping bigrams").
// Every run of token characters (letters and numbers, CJK or not) is indexed as its overlapping character
// bigrams in order; runs are separated by SEP so that a phrase never spans punctuation; each distinct single
// character is also indexed once (for 1-character queries). A query run of n ≥ 2 characters becomes the
// phrase of its n−1 bigrams, which matches exactly the documents containing it as a substring of one run:
// 公开 → "公开"; 行政复议 → "行政 政复 复议"; 2019年 → "20 01 19 9年". Both engines index the same tokens:
// SQLite FTS5 (unicode61, which splits on the spaces between tokens) and PostgreSQL tsvector built from an
// explicit lexeme:position literal (no text-search parser involved).
import { isTokenChar, normalizeText } from './normalize.ts';

/** Run separator: a private-use character, a token character for unicode61, never produced by a query. */
export const SEP = '\uE000';

/** PostgreSQL tsvector positions are 1..16383; later positions are clamped (phrase search degrades to AND there). */
export const PG_MAX_POSITION = 16383;

export interface IndexField {
  text: string;
  /** PostgreSQL weight: A for the title, D for the rest */
  weight?: 'A' | 'B' | 'C' | 'D';
}

/**
 * The token stream of one text: bigrams of each run in order, SEP between runs, then distinct unigrams.
 * One pass over the code points (the same result as runs(normalizeText(text)), without the intermediate
 * strings: this runs for every document of a bulk load).
 */
export function indexTokens(text: string): string[] {
  const out: string[] = [];
  const uni = new Set<string>();
  let prev: string | null = null;
  let anyRun = false;
  const take = (ch: string) => {
    if (isTokenChar(ch)) {
      if (prev !== null) out.push(prev + ch);
      else if (anyRun) out.push(SEP);
      prev = ch;
      anyRun = true;
      uni.add(ch);
    } else {
      prev = null;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ch: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      ch = text.slice(i, i + 2);
      i += 1;
    } else {
      ch = text[i]!;
    }
    const n = normalizeText(ch);
    if (n.length === 1) take(n);
    else for (const x of n) take(x);
  }
  if (anyRun) out.push(SEP);
  for (const u of uni) out.push(u);
  return out;
}

/** Text for an FTS5 column (tokenize = "unicode61 remove_diacritics 0"): the tokens joined by spaces. */
export function ftsText(text: string, prefix = ''): string {
  const t = indexTokens(text);
  return (prefix ? t.map((x) => prefix + x) : t).join(' ');
}

/**
 * Prefix of the title column's tokens (decision 006): the title tier then has its own, short doclists
 * ("\uE001行政" lists only items whose TITLE contains 行政), instead of a column filter over the body's doclists,
 * which walks every body match of a term that no title contains. A private-use character: a token character
 * for unicode61, never produced by normalised text or a query.
 */
export const TITLE_PREFIX = '\uE001';

/** Prefix of the catalogue metadata's tokens (信息类型, 文号, 发布机构, 主题分类, 索引号), stored beside the title's. */
export const META_PREFIX = '\uE002';

/** A PostgreSQL tsvector literal over the same tokens: 'lexeme':pos[weight],… (SEP becomes a position gap). */
export function tsvectorLiteral(fields: readonly IndexField[]): string {
  const pos = new Map<string, string[]>();
  let p = 0;
  for (const f of fields) {
    const w = f.weight && f.weight !== 'D' ? f.weight : '';
    for (const t of indexTokens(f.text)) {
      p += 1;
      if (t === SEP) continue;
      const at = Math.min(p, PG_MAX_POSITION);
      let list = pos.get(t);
      if (!list) { list = []; pos.set(t, list); }
      // PostgreSQL keeps at most 256 positions per lexeme; beyond, the lexeme alone is enough for AND semantics.
      if (list.length < 256 && (at < PG_MAX_POSITION || list[list.length - 1] !== `${at}${w}`)) list.push(`${at}${w}`);
    }
    p += 1; // gap between fields: no phrase spans title and body
  }
  const parts: string[] = [];
  for (const [lex, ps] of pos) parts.push(`${quoteLexeme(lex)}:${ps.join(',')}`);
  return parts.join(' ');
}

export function quoteLexeme(lex: string): string {
  return `'${lex.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
