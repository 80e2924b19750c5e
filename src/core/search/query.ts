// Query building for the bigram index (see tokenizer.ts). A query is an AND of terms; each term is one run of
// token characters from the user's text (whitespace and punctuation separate terms). A term of one character
// matches the unigram; a longer term matches the phrase of its bigrams (exact substring within a run).
import { normalize, runs } from './normalize.ts';

export interface Term {
  /** The normalised run, e.g. "行政复议" */
  text: string;
  /** Index tokens: [unigram] or the bigrams in order */
  tokens: string[];
}

export interface SearchQuery {
  terms: Term[];
}

export const MAX_TERMS = 8;
export const MAX_TERM_CHARS = 32;

export function parseQuery(q: string): SearchQuery {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const r of runs(normalize(q).text)) {
    const chars = r.chars.slice(0, MAX_TERM_CHARS);
    const text = chars.join('');
    if (seen.has(text)) continue;
    seen.add(text);
    const tokens = chars.length === 1 ? [chars[0]!] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
    terms.push({ text, tokens });
    if (terms.length >= MAX_TERMS) break;
  }
  // A term contained in a longer one adds nothing (行政 行政复议 → 行政复议).
  const kept = terms.filter((t) => !terms.some((o) => o !== t && o.text.length > t.text.length && o.text.includes(t.text)));
  return { terms: kept };
}

export function isEmpty(q: SearchQuery): boolean {
  return q.terms.length === 0;
}

/**
 * FTS5 MATCH expression; `column` restricts to one column (e.g. "title"), `prefix` is prepended to every token
 * (the title column's tokens carry TITLE_PREFIX, tokenizer.ts). Tokens are double-quoted strings.
 */
export function toFts5(q: SearchQuery, column?: string, prefix = ''): string {
  const expr = q.terms.map((t) => `"${t.tokens.map((x) => (prefix + x).replace(/"/g, '""')).join(' ')}"`).join(' AND ');
  return column ? `${column} : (${expr})` : expr;
}

/** PostgreSQL tsquery literal (cast with ::tsquery, no parser): phrases with <->, terms with &; `weight` restricts (e.g. 'A' = title). */
export function toTsquery(q: SearchQuery, weight?: 'A' | 'B' | 'C' | 'D'): string {
  const w = weight ? `:${weight}` : '';
  return q.terms
    .map((t) => {
      const lex = t.tokens.map((x) => `'${x.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${w}`);
      return lex.length === 1 ? lex[0]! : `(${lex.join(' <-> ')})`;
    })
    .join(' & ');
}

/** LIKE patterns over the raw text (the baseline the benchmark compares with; `%` and `_` escaped with \). */
export function likePatterns(q: SearchQuery): string[] {
  return q.terms.map((t) => `%${t.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
}

/** Filters expressed as index tokens of the `meta` column (so a filtered search is one index lookup). */
export interface MetaFilter {
  agencyId?: number | null;
  category?: number | null;
  kind?: string | null;
  year?: number | null;
  validity?: string | null;
}

/** Meta tokens of an item (all ≥ 3 characters, so they never collide with a bigram or unigram). */
export function metaTokens(m: { agencyId: number; category: number; kind: string; year: number; validity: string }): string[] {
  return [`ag${m.agencyId}`, `cat${m.category}`, `kind${m.kind.replace(/[^a-z0-9]/g, '')}`, `yr${m.year}`, `val${m.validity.replace(/[^a-z0-9]/g, '')}`];
}

export function metaFilterTokens(f: MetaFilter): string[] {
  const out: string[] = [];
  if (f.agencyId != null) out.push(`ag${f.agencyId}`);
  if (f.category != null) out.push(`cat${f.category}`);
  if (f.kind) out.push(`kind${f.kind.replace(/[^a-z0-9]/g, '')}`);
  if (f.year != null) out.push(`yr${f.year}`);
  if (f.validity) out.push(`val${f.validity.replace(/[^a-z0-9]/g, '')}`);
  return out;
}

/** FTS5 expression for the filter tokens on column `meta` (empty string when no filter). */
export function metaFts5(f: MetaFilter, column = 'meta'): string {
  const t = metaFilterTokens(f);
  return t.length ? `${column} : (${t.map((x) => `"${x}"`).join(' AND ')})` : '';
}

/**
 * tsquery for the filter tokens, without a weight: they are ≥ 3 characters and never collide with a bigram or
 * unigram, and an unweighted lexeme is answered by the GIN index alone (a weight forces a heap recheck).
 */
export function metaTsquery(f: MetaFilter): string {
  return metaFilterTokens(f).map((x) => `'${x}'`).join(' & ');
}

/**
 * Publication-month token of an index row (PostgreSQL only, decision 115): `mo` + YYYYMM of its recency key. A GIN
 * query ANDed with the tokens of a few recent months walks only those months' posting lists, so counts and pages
 * of a common term can be taken newest month first and stop early (a GIN index cannot return rows in order).
 */
export function periodToken(searchKey: number): string {
  const d = new Date(Math.floor(searchKey / 1e9) * 86_400_000);
  return `mo${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month tokens from the month of `newestKey` back to the month of `oldestKey`, newest first. */
export function periodTokensBetween(newestKey: number, oldestKey: number): string[] {
  const at = (k: number) => { const d = new Date(Math.floor(k / 1e9) * 86_400_000); return d.getUTCFullYear() * 12 + d.getUTCMonth(); };
  const out: string[] = [];
  for (let m = at(newestKey); m >= at(oldestKey); m--) out.push(`mo${Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The smallest recency key of a month token's month (its first day, id 0): every key of that month is ≥ it. */
export function periodStartKey(token: string): number {
  const m = /^mo(\d{4})(\d{2})$/.exec(token);
  if (!m) throw new RangeError(`periodStartKey(${token})`);
  return (Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) / 86_400_000) * 1e9;
}
