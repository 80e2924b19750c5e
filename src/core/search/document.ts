// One catalogue item as index rows for both engines (decision 006, three tiers since decision 067): the title,
// the catalogue metadata (信息类型, 文号, 发布机构, 主题分类, 索引号) and the text (summary and body).
//   SQLite FTS5 `catalogue_fts(title, body, meta)`: the `title` column holds the title's tokens with TITLE_PREFIX
//     and the metadata's tokens with META_PREFIX (each tier has its own short doclists); `body` holds the
//     unprefixed tokens of all three (one lookup answers "matches anywhere"); `meta` the filter tokens.
//   PostgreSQL tsvector: title lexemes weight A, metadata weight C, text weight D, filter tokens weight B.
import { metaTokens, periodToken } from './query.ts';
import { ftsText, META_PREFIX, TITLE_PREFIX, tsvectorLiteral } from './tokenizer.ts';

export interface IndexDoc {
  itemId: number;
  searchKey: number;
  agencyId: number;
  title: string;
  /** catalogue metadata a searcher types: 信息类型 (its label), 文号, 发布机构, 主题分类, 索引号 */
  meta: string;
  /** summary and body text */
  text: string;
  category: number;
  kind: string;
  year: number;
  validity: string;
}

/** The metadata text of an item: the fields joined by line breaks (no phrase spans two fields). */
export function metaText(m: { kindLabel: string; docNumber: string | null; publisher: string | null; subject: string | null; indexNo: string }): string {
  return [m.kindLabel, m.docNumber ?? '', m.publisher ?? '', m.subject ?? '', m.indexNo].filter(Boolean).join('\n');
}

/**
 * The searchable text of an item: the summary, then the body — without the summary a second time when the
 * body already contains it (bodies often open with it), and the same for snippets.
 */
export function bodyWithSummary(summary: string | null | undefined, body: string): string {
  const s = (summary ?? '').trim();
  if (!s || body.includes(s)) return body;
  return `${s}\n${body}`;
}

function filterTokens(d: IndexDoc): string[] {
  return metaTokens({ agencyId: d.agencyId, category: d.category, kind: d.kind, year: d.year, validity: d.validity });
}

/** SQLite FTS5 row of one document (tokens computed once; shared by the single, bulk and migration paths). */
export function fts5Row(d: IndexDoc): { title: string; body: string; meta: string } {
  return {
    title: `${ftsText(d.title, TITLE_PREFIX)} ${ftsText(d.meta, META_PREFIX)}`.trim(),
    body: `${ftsText(d.title)} ${ftsText(d.meta)} ${ftsText(d.text)}`.trim(),
    meta: filterTokens(d).join(' '),
  };
}

/**
 * PostgreSQL tsvector literal of one document (title A, metadata C, text D; filter tokens and the publication-month
 * token B).
 */
export function tsvRow(d: IndexDoc): string {
  return `${tsvectorLiteral([{ text: d.title, weight: 'A' }, { text: d.meta, weight: 'C' }, { text: d.text }])} ${pgTokens(d)}`;
}

/**
 * The small PostgreSQL tsvector of the two upper tiers (decision 115): the title (A) and metadata (C) lexemes at the
 * same positions as in tsvRow, the filter tokens and the month token — about 1 KB, kept in the row (the full tsvector
 * is ~5 KB, out of line), so a walk in recency order can test the title and metadata tiers and the filters cheaply.
 */
export function headRow(d: IndexDoc): string {
  return `${tsvectorLiteral([{ text: d.title, weight: 'A' }, { text: d.meta, weight: 'C' }])} ${pgTokens(d)}`.trim();
}

function pgTokens(d: IndexDoc): string {
  return [...filterTokens(d), periodToken(d.searchKey)].map((m) => `'${m}':1B`).join(' ');
}
