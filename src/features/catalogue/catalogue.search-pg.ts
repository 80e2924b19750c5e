// The catalogue search on PostgreSQL (decisions 115 and 225; tiers and caps of decisions 006 and 067). A GIN index
// answers "which items contain these lexemes" but not "the newest ten of them": with a common term it hands every
// match to a sort (seconds at 10⁶ items). So the search first collects the matches up to the cap (SEARCH_CAP + 1),
// with each match's tier flags, month group by month group newest first; when there are no more than the cap, the page
// is ranked from them in code (one step for a rare term). Otherwise the term is common, and the collection still
// holds every match newer than the oldest month group it read to the end (`from`): each tier's page is cut from
// those when they reach far enough, and only the rest is taken from the database, below `from`, one of two ways:
//   walk  — the recency index ((agency_id, search_key desc), or (search_key desc) site-wide) newest first, testing
//           each row; the small `head` vector (title A, metadata C, filter and month tokens, ~1 KB in the row) answers
//           the title and metadata tiers and the filters, the full `tsv` (~5 KB, out of line) is read only for rows
//           that passed it. Cheap when matches are dense; a walk examines a bounded number of rows (pgSearchLimits).
//   probe — a GIN index, ANDed with the month tokens of a few months newest first, so the index reads only those
//           months' posting lists and the sort sees only their matches. Cheap when matches are sparse. The density
//           the collection saw (a tier's matches per row of the scope) chooses a probe at once when a walk could not
//           fill the page within its bound.
// Month groups are sized from the matches per month seen so far (1 month first, then as many as should hold the rows
// still wanted), so a group's bitmap is not many times what the step needs.
// A scope of at most pgSearchLimits.smallScope rows (a typical agency) is always walked. An agency that holds most of
// the newest rows of the site (one department holding a whole catalogue) is filtered on its column, not ANDed as a
// GIN token: its token's posting list is nearly the whole table and only slows every GIN query down.
// What a collection learned (the ranked matches, or the common term's first matches and its tiers' sizes) is kept per
// query, filters and catalogue generation (SearchMemo): a repeated search of a rare term needs no query, a common
// term only its page's walk.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';
import { Lru } from '../../core/lru.ts';
import { metaTsquery, periodStartKey, periodTokensBetween, toTsquery, type MetaFilter, type SearchQuery } from '../../core/search/query.ts';
import { idFromRecencyKey, pageAcrossTiers, type Tier, type TierSource } from '../../core/search/rank.ts';
import type { Executor, SearchPage } from './catalogue.repository.ts';

/**
 * The bounds of the plan (measured in decisions 115 and 225). Tests change them to drive small data through the
 * probes and compare with the walks; nothing else changes them.
 */
export const pgSearchLimits = {
  /** Rows a walk examines when the head vector decides (≈1.5 µs a row). */
  walkHead: 2000,
  /** Rows a walk examines when the full vector must be read (≈8 µs a row). */
  walkText: 300,
  /** A scope of at most this many rows is walked to its end for every step. */
  smallScope: 300,
  /** An agency with at least this share of the site's newest 200 rows is filtered on agency_id instead of its GIN token. */
  denseShare: 0.5,
};

/** One step: rows whose head matches `head` (without the filters) and, when `text` is set, whose tsv matches it. */
interface Step {
  head: string;
  text: string | null;
  /** exact number of matches once a step has seen them all */
  known?: number;
  /** the step's matches with a key ≥ Collected.from, newest first (from the collection) */
  seen: number[];
}

interface Scope {
  agencyId: number | null;
  /** the filters other than the agency as a tsquery ('' = none): in head and tsv alike */
  filter: string;
  /** the agency's GIN token ('' when none or when the agency holds most rows: then agency_id is tested on the row) */
  agencyToken: string;
  small: boolean;
  newest: number;
  oldest: number;
  /** rows a day among the scope's newest ones (0 for a small scope): turns a key range into an expected row count */
  perDay: number;
}

/** What the collection of one query found; kept per catalogue generation by SearchMemo. */
export interface Collected {
  scope: Scope;
  /** recency keys of the matches collected, newest first, and each one's tier */
  keys: Float64Array;
  tiers: Uint8Array;
  /** every match with a key ≥ `from` is in `keys` (−∞: every match is, +∞: none is known to be) */
  from: number;
  /** matches collected (up to the cap + 1) */
  total: number;
  /** per tier, its exact size once a step has seen all of it */
  known: Array<number | undefined>;
}

/**
 * The collections of recent queries, valid while the catalogue's generation (moved by every change to public items in
 * this process and, through the polled cache counters of decision 095, in the others) is unchanged and at most
 * `ttlMs` old (the bound when a process without signals — a CLI import — wrote the database).
 */
export class SearchMemo {
  private readonly entries: Lru<string, { gen: number; at: number; c: Collected }>;
  constructor(
    readonly generation: () => number,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 30_000,
    maxBytes = 2_000_000,
  ) {
    this.entries = new Lru({ maxEntries: 1000, maxWeight: maxBytes, weigh: (e) => 256 + e.c.keys.byteLength + e.c.tiers.byteLength });
  }
  get(key: string): Collected | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.gen !== this.generation() || this.now() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.c;
  }
  /** Keeps `c` when the generation is still `gen`, the one read before the collection began. */
  set(key: string, gen: number, c: Collected): void {
    if (gen === this.generation()) this.entries.set(key, { gen, at: this.now(), c });
  }
  clear(): void {
    this.entries.clear();
  }
  get size(): number {
    return this.entries.size;
  }
}

const and = (...xs: string[]) => xs.filter(Boolean).join(' & ');
const dayOf = (key: number) => Math.floor(key / 1e9);

/**
 * Runs `fn` in a read transaction whose planner takes the plans above whatever its statistics say: without them (a
 * table never analysed, or small) PostgreSQL may fetch a whole agency through a bitmap and sort it instead of walking
 * the recency index, or scan the table instead of probing a GIN index. `enable_sort = off` leaves the walk as the
 * only plan without a sort (a probe sorts in every plan, so its choice is unchanged); `enable_seqscan = off` makes the
 * probe use its GIN index; `jit = off` because the penalty those settings add to a plan's cost would otherwise start
 * JIT compilation (hundreds of ms) for a query of a millisecond. The settings end with the transaction.
 */
export async function withSearchPlanner<T>(db: Executor, fn: (db: Executor) => Promise<T>): Promise<T> {
  const run = async (trx: Executor) => {
    await sql`select set_config('enable_sort', 'off', true), set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? run(db) : (db as Kysely<Database>).transaction().execute(run);
}

export async function searchPg(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number, cap: number, memo?: SearchMemo): Promise<SearchPage> {
  const key = JSON.stringify([q.terms.map((t) => t.text), filter.agencyId ?? null, filter.category ?? null, filter.kind ?? null, filter.year ?? null, filter.validity ?? null, cap]);
  const gen = memo?.generation() ?? 0;
  const hit = memo?.get(key);
  // every match known: the page needs no query
  if (hit && hit.total <= cap) return rankedPage(hit, page, pageSize);
  return withSearchPlanner(db, async (trx) => {
    const inTitle = `(${toTsquery(q, 'A')})`;
    const inMeta = `(${toTsquery(q, 'C')})`;
    const anywhere = `(${toTsquery(q)})`;
    let c = hit;
    if (!c) {
      const scope = await scopeOf(trx, filter);
      c = scope ? await collect(trx, scope, anywhere, cap + 1, inTitle, inMeta) : { scope: emptyScope, keys: new Float64Array(0), tiers: new Uint8Array(0), from: -Infinity, total: 0, known: [0, 0, 0] };
    }
    const collected = c;
    let result: SearchPage;
    if (collected.total <= cap) {
      result = rankedPage(collected, page, pageSize);
    } else {
      const steps: Step[] = [
        { head: inTitle, text: null },
        { head: `${inMeta} & !${inTitle}`, text: null },
        { head: `!${inTitle} & !${inMeta}`, text: anywhere },
      ].map((s, t) => ({ ...s, known: collected.known[t], seen: seenOf(collected, t as Tier) }));
      const sources = steps.map((s): TierSource => ({ page: (limit, offset) => pageOf(trx, collected, s, limit, offset), count: () => count(trx, collected, s, cap + 1) }));
      const ids = await pageAcrossTiers(sources, cap, page, pageSize);
      steps.forEach((s, t) => { if (s.known != null) collected.known[t] = s.known; });
      result = { ids, total: cap, capped: true };
    }
    memo?.set(key, gen, collected);
    return result;
  });
}

const emptyScope: Scope = { agencyId: null, filter: '', agencyToken: '', small: true, newest: 0, oldest: 0, perDay: 0 };

/** A page of a query whose every match was collected: tiers in order, newest first within each (`keys` is sorted so). */
function rankedPage(c: Collected, page: number, pageSize: number): SearchPage {
  const from = (page - 1) * pageSize;
  const ids: Array<{ id: number; tier: Tier }> = [];
  for (let i = from; i < Math.min(c.total, from + pageSize); i++) ids.push({ id: idFromRecencyKey(c.keys[i]!), tier: c.tiers[i] as Tier });
  return { ids, total: c.total, capped: false };
}

/** A tier's collected matches that are certainly its newest ones (key ≥ from), newest first. */
function seenOf(c: Collected, tier: Tier): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.keys.length; i++) if (c.tiers[i] === tier && c.keys[i]! >= c.from) out.push(c.keys[i]!);
  return out;
}

/**
 * The scope's newest and oldest recency keys, whether it is small (≤ smallScope rows), its rows a day among the
 * newest ones, and — for an agency — its share of the site's newest 200 rows: short walks of the recency indexes.
 */
async function scopeOf(db: Executor, f: MetaFilter): Promise<Scope | null> {
  const agencyId = f.agencyId ?? null;
  const where = agencyId == null ? sql`` : sql`where agency_id = ${agencyId}`;
  const share = agencyId == null ? sql`null` : sql`(select count(*) filter (where agency_id = ${agencyId})::float8 / greatest(count(*), 1) from (select agency_id from catalogue_search order by search_key desc limit 200) s)`;
  const r = await sql<{ kth: string | null; newest: string | null; oldest: string | null; share: number | null }>`select
      (select search_key from catalogue_search ${where} order by search_key desc offset ${pgSearchLimits.smallScope} limit 1) as kth,
      (select max(search_key) from catalogue_search ${where}) as newest,
      (select min(search_key) from catalogue_search ${where}) as oldest,
      ${share} as share`.execute(db);
  const row = r.rows[0];
  if (!row || row.newest == null || row.oldest == null) return null;
  const newest = Number(row.newest);
  const small = row.kth == null;
  const perDay = small ? 0 : (pgSearchLimits.smallScope + 1) / (dayOf(newest) - dayOf(Number(row.kth)) + 1);
  const dense = agencyId != null && Number(row.share ?? 0) >= pgSearchLimits.denseShare;
  return {
    agencyId,
    filter: metaTsquery({ ...f, agencyId: null }),
    agencyToken: agencyId == null || dense ? '' : `'ag${agencyId}'`,
    small,
    newest,
    oldest: Number(row.oldest),
    perDay,
  };
}

function walkConditions(scope: Scope, s: { head: string; text: string | null }) {
  const head = and(s.head, scope.filter);
  return sql.join([...(head ? [sql`head @@ ${head}::tsquery`] : []), ...(s.text ? [sql`tsv @@ ${s.text}::tsquery`] : [])], sql` and `);
}

/** The recency index of the scope, rows with a key below `below` (none: all). */
function walkRange(scope: Scope, below: number) {
  const conds = [...(scope.agencyId == null ? [] : [sql`agency_id = ${scope.agencyId}`]), ...(Number.isFinite(below) ? [sql`search_key < ${below}`] : [])];
  return conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
}

/**
 * Walk the recency index newest first below `below` and test each row; `window` bounds the rows examined (null: to
 * the scope's end). `known`: the number of matches below `below` when the walk saw them all.
 */
async function walk(db: Executor, scope: Scope, s: Step, below: number, limit: number, offset: number, window: number | null): Promise<{ ids: number[]; complete: boolean; known?: number }> {
  const inner = window == null ? sql`` : sql`limit ${window}`;
  const r = await sql<{ item_id: number }>`select item_id from (select item_id, search_key, head, tsv from catalogue_search ${walkRange(scope, below)} order by search_key desc ${inner}) w
    where ${walkConditions(scope, s)} order by search_key desc limit ${limit} offset ${offset}`.execute(db);
  const ids = r.rows.map((x) => Number(x.item_id));
  const known = window == null && ids.length < limit && (ids.length > 0 || offset === 0) ? offset + ids.length : undefined;
  return { ids, complete: window == null || ids.length === limit, known };
}

/**
 * Month groups newest first, below `below`, each spanning the days that should hold the `want` rows still wanted: the
 * first as if every row of the scope matched (its rows a day), each next one at the matches a day seen so far (4 times
 * the days read while nothing was seen). `seen` reports the rows the last group gave.
 */
function* monthGroups(scope: Scope, below: number, want: number): Generator<{ months: string[]; seen: (n: number) => void }> {
  const top = Number.isFinite(below) ? Math.min(scope.newest, below - 1) : scope.newest;
  if (top < scope.oldest) return;
  const months = periodTokensBetween(top, scope.oldest);
  const topDay = dayOf(top);
  // days from the top down to the first day of months[i], inclusive
  const span = (i: number) => topDay - dayOf(periodStartKey(months[i]!)) + 1;
  let got = 0;
  let days = scope.perDay > 0 ? want / scope.perDay : 1;
  for (let at = 0; at < months.length && got < want;) {
    let end = at + 1;
    const reach = (at > 0 ? span(at - 1) : 0) + days;
    while (end < months.length && span(end - 1) < reach) end++;
    const g = months.slice(at, end);
    let n = 0;
    yield { months: g, seen: (x) => { n = x; } };
    at = end;
    got += n;
    const rate = got / span(at - 1);
    days = rate > 0 ? (1.25 * (want - got)) / rate : 4 * span(at - 1);
  }
}

const orMonths = (g: string[]) => `(${g.map((m) => `'${m}'`).join(' | ')})`;

/**
 * The GIN query of a step within a month group: on `tsv` for a text step (its head condition then a filter), else on
 * `head`. The agency is tested on the row (`agency_id + 0`: never through its btree index, which would hand over the
 * whole agency) and, unless it holds most rows, also as a GIN token.
 */
function probeWhere(scope: Scope, s: { head: string; text: string | null }, months: string[]) {
  const m = orMonths(months);
  const agency = scope.agencyId == null ? sql`` : sql` and agency_id + 0 = ${scope.agencyId}`;
  if (s.text) {
    const tsv = sql`tsv @@ ${and(s.text, scope.filter, scope.agencyToken, m)}::tsquery${agency}`;
    return s.head ? sql`${tsv} and (head @@ ${s.head}::tsquery) is true` : tsv;
  }
  return sql`head @@ ${and(s.head, scope.filter, scope.agencyToken, m)}::tsquery${agency}`;
}

/** The step's matches below `below`, newest first, from offset: month groups newest first until the rows are there. */
async function probePage(db: Executor, scope: Scope, s: Step, below: number, limit: number, offset: number): Promise<{ ids: number[]; known?: number }> {
  const need = offset + limit;
  const out: number[] = [];
  for (const g of monthGroups(scope, below, need)) {
    // `search_key + 0`: sort the bitmap scan's rows (the recency index would walk every row of the scope)
    const r = await sql<{ item_id: number }>`select item_id from catalogue_search where ${probeWhere(scope, s, g.months)} order by search_key + 0 desc limit ${need - out.length}`.execute(db);
    for (const x of r.rows) out.push(Number(x.item_id));
    g.seen(r.rows.length);
    if (out.length >= need) return { ids: out.slice(offset, need) };
  }
  return { ids: out.slice(offset, need), known: out.length };
}

/**
 * Up to `upTo` matches with their tier flags, newest first as far as `from` says: a walk newest first for a small
 * scope, else the month groups newest first, each stopping at the rows still wanted (in no order within the last).
 */
async function collect(db: Executor, scope: Scope, anywhere: string, upTo: number, inTitle: string, inMeta: string): Promise<Collected> {
  const cols = sql`item_id, search_key, head @@ ${inTitle}::tsquery as t0, head @@ ${inMeta}::tsquery as t1`;
  type Row = { item_id: number; search_key: string; t0: boolean; t1: boolean };
  const rows: Row[] = [];
  const s = { head: '', text: anywhere };
  let from = Infinity;
  if (scope.small) {
    const r = await sql<Row>`select ${cols} from (select item_id, search_key, head, tsv from catalogue_search ${walkRange(scope, Infinity)} order by search_key desc) w
      where ${walkConditions(scope, s)} order by search_key desc limit ${upTo}`.execute(db);
    rows.push(...r.rows);
    from = rows.length < upTo ? -Infinity : Number(rows[rows.length - 1]!.search_key);
  } else {
    const months = periodTokensBetween(scope.newest, scope.oldest);
    let done = 0;
    for (const g of monthGroups(scope, Infinity, upTo)) {
      const want = upTo - rows.length;
      const r = await sql<Row>`select ${cols} from catalogue_search where ${probeWhere(scope, s, g.months)} limit ${want}`.execute(db);
      rows.push(...r.rows);
      g.seen(r.rows.length);
      if (r.rows.length >= want) break;
      done += g.months.length;
      // the group was read to its end: every match from its oldest month's first day on is here
      from = done >= months.length ? -Infinity : periodStartKey(g.months[g.months.length - 1]!);
    }
  }
  const tierOf = (m: Row): Tier => (m.t0 ? 0 : m.t1 ? 1 : 2);
  // tiers in order, newest first within each: the ranking of decision 006 when every match is here
  const ranked = rows.map((m) => ({ key: Number(m.search_key), tier: tierOf(m) })).sort((a, b) => a.tier - b.tier || b.key - a.key);
  return {
    scope,
    keys: Float64Array.from(ranked, (m) => m.key),
    tiers: Uint8Array.from(ranked, (m) => m.tier),
    from,
    total: rows.length,
    known: from === -Infinity ? [0, 1, 2].map((t) => ranked.filter((m) => m.tier === t).length) : [undefined, undefined, undefined],
  };
}

/**
 * Would a bounded walk below `from` fill the page? The tier's density among the rows the collection covered (its
 * matches there over the rows expected there) says; without one (no month read to its end) the walk is tried.
 */
function walkLikelyFills(c: Collected, s: Step, need: number, window: number): boolean {
  if (!Number.isFinite(c.from) || c.scope.perDay <= 0) return true;
  const rows = c.scope.perDay * (dayOf(c.scope.newest) - dayOf(c.from) + 1);
  return rows < 1 || (s.seen.length / rows) * window >= need;
}

async function pageOf(db: Executor, c: Collected, s: Step, limit: number, offset: number): Promise<number[]> {
  const head = s.seen.slice(offset, offset + limit).map(idFromRecencyKey);
  if (head.length === limit) return head;
  if (c.from === -Infinity || s.known != null) {
    if (s.known == null) s.known = s.seen.length;
    if (s.known <= s.seen.length) return head;
  }
  // the rest lies below `from`
  const off = Math.max(0, offset - s.seen.length);
  const lim = limit - head.length;
  const settle = (known: number | undefined) => { if (known != null && (known > 0 || off === 0)) s.known = s.seen.length + known; };
  if (c.scope.small) {
    const w = await walk(db, c.scope, s, c.from, lim, off, null);
    settle(w.known);
    return [...head, ...w.ids];
  }
  const window = Math.max(s.text ? pgSearchLimits.walkText : pgSearchLimits.walkHead, 3 * (off + lim));
  if (walkLikelyFills(c, s, off + lim, window)) {
    const w = await walk(db, c.scope, s, c.from, lim, off, window);
    if (w.complete) return [...head, ...w.ids];
  }
  const p = await probePage(db, c.scope, s, c.from, lim, off);
  settle(p.known);
  return [...head, ...p.ids];
}

async function count(db: Executor, c: Collected, s: Step, upTo: number): Promise<number> {
  if (s.known != null) return Math.min(s.known, upTo);
  if (c.from === -Infinity) return Math.min((s.known = s.seen.length), upTo);
  let n = s.seen.length;
  if (n >= upTo) return upTo;
  if (c.scope.small) {
    const w = await walk(db, c.scope, s, c.from, upTo - n, 0, null);
    if (w.known != null) s.known = n + w.known;
    return n + w.ids.length;
  }
  let ended = true;
  for (const g of monthGroups(c.scope, c.from, upTo - n)) {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from catalogue_search where ${probeWhere(c.scope, s, g.months)} limit ${upTo - n}) x`.execute(db);
    const got = toNumber(r.rows[0]?.n);
    n += got;
    g.seen(got);
    if (n >= upTo) { ended = false; break; }
  }
  if (ended) s.known = n;
  return Math.min(n, upTo);
}
