// Highlighted snippets: the query terms found in a text (same normalisation as the index), returned as
// segments so the page renders them with escaping (no HTML is built here).
import { normalize } from './normalize.ts';
import type { SearchQuery } from './query.ts';

export interface Segment {
  text: string;
  hit: boolean;
}

export interface Snippet {
  segments: Segment[];
  /** Text was cut before / after the window */
  cutStart: boolean;
  cutEnd: boolean;
  hits: number;
}

/** Matches of the query's terms in `source`, as [start, end) UTF-16 ranges of the original string, merged and sorted. */
export function findMatches(source: string, q: SearchQuery): Array<[number, number]> {
  const n = normalize(source);
  const ranges: Array<[number, number]> = [];
  for (const t of q.terms) {
    if (!t.text) continue;
    let from = 0;
    for (;;) {
      const at = n.text.indexOf(t.text, from);
      if (at < 0) break;
      const endNorm = at + t.text.length;
      const start = n.map[at]!;
      const end = endNorm < n.map.length ? n.map[endNorm]! : n.sourceLength;
      ranges.push([start, Math.max(end, start + 1)]);
      from = at + Math.max(1, t.text.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Split a whole text into hit / non-hit segments (for titles). */
export function highlightAll(source: string, q: SearchQuery): Segment[] {
  return segmentsOf(source, findMatches(source, q), 0, source.length);
}

function segmentsOf(source: string, ranges: Array<[number, number]>, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let i = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a > i) out.push({ text: source.slice(i, a), hit: false });
    out.push({ text: source.slice(a, b), hit: true });
    i = b;
  }
  if (i < to) out.push({ text: source.slice(i, to), hit: false });
  return out;
}

/** Do not cut a surrogate pair in two. */
function safeIndex(s: string, i: number): number {
  if (i <= 0) return 0;
  if (i >= s.length) return s.length;
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
}

/**
 * A window of about `length` characters of `source` around the densest group of hits (the first hit when tied),
 * with `context` characters before it. Whitespace runs are collapsed first. Without hits: the opening.
 */
export function snippet(source: string, q: SearchQuery, opts: { length?: number; context?: number } = {}): Snippet {
  const length = opts.length ?? 120;
  const context = opts.context ?? 24;
  const text = source.replace(/\s+/g, ' ').trim();
  const ranges = findMatches(text, q);
  let start = 0;
  if (ranges.length) {
    // densest window: the hit whose window [s, s+length) holds the most hits
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < ranges.length; i++) {
      const s = ranges[i]![0];
      let c = 0;
      for (let j = i; j < ranges.length && ranges[j]![1] <= s + length - context; j++) c++;
      if (c > bestCount) { bestCount = c; best = i; }
    }
    start = Math.max(0, ranges[best]![0] - context);
    if (text.length - start < length) start = Math.max(0, text.length - length);
  }
  start = safeIndex(text, start);
  const end = safeIndex(text, Math.min(text.length, start + length));
  const segments = segmentsOf(text, ranges, start, end);
  return { segments, cutStart: start > 0, cutEnd: end < text.length, hits: ranges.filter(([s, e]) => e > start && s < end).length };
}
