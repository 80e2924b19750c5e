// Ranking: relevance first, recency second. Relevance is a tier that both databases can compute from the
// index alone, so a page of results never needs a score over every match (bm25 over a common 2-character
// term costs hundreds of ms at 200k documents — design/stack.md):
//   tier 0 — the title contains every term;
//   tier 1 — only the body (summary, text, 文号, 索引号) contains them.
// Within a tier: publication date, newest first, then id (stable pagination).

export type Tier = 0 | 1;

export interface Ranked {
  id: number;
  tier: Tier;
  /** YYYY-MM-DD */
  publishedOn: string;
}

export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.publishedOn !== b.publishedOn) return a.publishedOn < b.publishedOn ? 1 : -1;
  return b.id - a.id;
}

/**
 * Recency key that orders by (date desc, id desc) when sorted descending: (days since 1970-01-01)·10⁹ + id
 * (< 2⁵³ until the year 2255). Used as the FTS5 rowid, so FTS5 walks matches newest-first and stops after a page.
 */
export function recencyKey(publishedOn: string, id: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedOn);
  if (!m || !Number.isInteger(id) || id < 0 || id >= 1e9) throw new RangeError(`recencyKey(${publishedOn}, ${id})`);
  const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  if (days < 0) throw new RangeError(`recencyKey(${publishedOn}, ${id}): before 1970`);
  return days * 1e9 + id;
}

export function idFromRecencyKey(key: number): number {
  return key % 1e9;
}

/** Page arithmetic for tiered results: how many to take from tier 0 and tier 1 for a page. */
export function tierWindow(page: number, pageSize: number, tier0Total: number): { t0Offset: number; t0Limit: number; t1Offset: number; t1Limit: number } {
  const from = (page - 1) * pageSize;
  const to = from + pageSize;
  const t0Offset = Math.min(from, tier0Total);
  const t0Limit = Math.max(0, Math.min(to, tier0Total) - t0Offset);
  const t1Offset = Math.max(0, from - tier0Total);
  const t1Limit = pageSize - t0Limit;
  return { t0Offset, t0Limit, t1Offset, t1Limit };
}
