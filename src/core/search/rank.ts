// Ranking: relevance first, recency second. Relevance is a tier that both databases can compute from the
// index alone, so a page of results never needs a score over every match (bm25 over a common 2-character
// term costs hundreds of ms at 200k documents — design/stack.md):
//   tier 0 — the title contains every term;
//   tier 1 — the catalogue metadata (信息类型, 文号, 发布机构, 主题分类, 索引号) contains them, the title does not;
//   tier 2 — only the text (summary and body) contains them.
// Within a tier: publication date, newest first, then id (stable pagination).

export type Tier = 0 | 1 | 2;

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

/** One relevance tier as the page walk sees it: a page of its matches (newest first) and its (capped) count. */
export interface TierSource {
  page(limit: number, offset: number): Promise<number[]>;
  count(): Promise<number>;
}

/**
 * A page of results across tiers in order: each tier is walked only as far as the page needs, and a tier's
 * count is asked for only when the page starts beyond it (a tier that returned rows but fewer than asked is
 * exhausted, so its size is known). `total` (all tiers, capped) stops the walk early.
 */
export async function pageAcrossTiers(tiers: readonly TierSource[], total: number, page: number, pageSize: number): Promise<Array<{ id: number; tier: Tier }>> {
  const ids: Array<{ id: number; tier: Tier }> = [];
  let offset = (page - 1) * pageSize;
  for (let tier = 0; tier < tiers.length && ids.length < pageSize; tier++) {
    if (ids.length + offset >= total) break;
    const want = pageSize - ids.length;
    const got = await tiers[tier]!.page(want, offset);
    for (const id of got) ids.push({ id, tier: tier as Tier });
    if (got.length === want) break;
    offset = got.length > 0 ? 0 : Math.max(0, offset - (await tiers[tier]!.count()));
  }
  return ids;
}
