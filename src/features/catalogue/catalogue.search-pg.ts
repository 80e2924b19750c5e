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
// What a collection learned (the ranked matches, or a common term's newest matches per tier, extended by every page
// taken from the database, and the tiers' sizes) is kept per query, filters and catalogue generation (SearchMemo): a
// repeated search needs no query — no transaction either — when its page is already known.
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
}

/**
 * A common term's tier as far as pages have needed it: its newest matches, newest first — every match of the tier
 * with a key ≥ `below` is in `keys`, so the next ones are taken below it and appended.
 */
export interface TierList {
  keys: number[];
  /** −∞: `keys` is the whole tier */
  below: number;
  /** the tier's exact size once a step has seen all of it (a count may know it before `keys` holds it) */
  size?: number;
  /**
   * With an empty list whose collection filled its first month group (the rows of a bitmap, in no order): the tier's
   * share of them — at most its matches a row, since not every row matches (see tierShare). 0: the tier is rare.
   */
  density?: number;
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
  /** every match, ranked (tiers in order, newest first within each), when there are no more than the cap; else empty */
  keys: Float64Array;
  tiers: Uint8Array;
  /** matches collected (up to the cap + 1) */
  total: number;
  /** more than the cap: each tier's newest matches (from the collection, then from the pages taken since) */
  lists: TierList[];
}

const weightOf = (c: Collected) => 256 + c.keys.byteLength + c.tiers.byteLength + 8 * c.lists.reduce((n, l) => n + l.keys.length, 0);

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
    this.entries = new Lru({ maxEntries: 1000, maxWeight: maxBytes, weigh: (e) => weightOf(e.c) });
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
  /**
   * Keeps `c` when the generation is still `gen`, the one read before the search began. A record stored again (its tier
   * lists grew) is weighed anew but keeps the time of its collection: the age bound counts from there.
   */
  set(key: string, gen: number, c: Collected): void {
    if (gen !== this.generation()) return;
    const prev = this.entries.get(key);
    this.entries.set(key, { gen, at: prev && prev.c === c ? prev.at : this.now(), c });
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

/** Thrown by a step that would need the database while a page is answered from the memo alone. */
const notInMemo = new Error('not in the search memo');

export async function searchPg(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number, cap: number, memo?: SearchMemo): Promise<SearchPage> {
  const key = JSON.stringify([q.terms.map((t) => t.text), filter.agencyId ?? null, filter.category ?? null, filter.kind ?? null, filter.year ?? null, filter.validity ?? null, cap]);
  const gen = memo?.generation() ?? 0;
  const hit = memo?.get(key);
  const inTitle = `(${toTsquery(q, 'A')})`;
  const inMeta = `(${toTsquery(q, 'C')})`;
  const anywhere = `(${toTsquery(q)})`;
  const steps: Step[] = [
    { head: inTitle, text: null },
    { head: `${inMeta} & !${inTitle}`, text: null },
    { head: `!${inTitle} & !${inMeta}`, text: anywhere },
  ];
  const pageFrom = async (c: Collected, ex: Executor | null): Promise<SearchPage> => {
    if (c.total <= cap) return rankedPage(c, page, pageSize);
    const sources = steps.map((s, t): TierSource => ({ page: (limit, offset) => pageOf(ex, c, s, c.lists[t]!, limit, offset), count: () => count(ex, c, s, c.lists[t]!, cap + 1) }));
    return { ids: await pageAcrossTiers(sources, cap, page, pageSize), total: cap, capped: true };
  };
  // the page is known when every step it needs is within what earlier searches found: no transaction at all
  if (hit) {
    try {
      return await pageFrom(hit, null);
    } catch (e) {
      if (e !== notInMemo) throw e;
    }
  }
  return withSearchPlanner(db, async (trx) => {
    let c = hit;
    if (!c) {
      const scope = await scopeOf(trx, filter);
      c = scope ? await collect(trx, scope, anywhere, cap, inTitle, inMeta) : { scope: emptyScope, keys: new Float64Array(0), tiers: new Uint8Array(0), total: 0, lists: [] };
    }
    const result = await pageFrom(c, trx);
    memo?.set(key, gen, c);
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
 * Walk the recency index newest first below `below` and test each row: the keys of the first `limit` matches, newest
 * first; `window` bounds the rows examined (null: to the scope's end, so fewer than `limit` means no more).
 */
async function walk(db: Executor, scope: Scope, s: Step, below: number, limit: number, window: number | null): Promise<number[]> {
  const inner = window == null ? sql`` : sql`limit ${window}`;
  const r = await sql<{ search_key: string }>`select search_key from (select search_key, head, tsv from catalogue_search ${walkRange(scope, below)} order by search_key desc ${inner}) w
    where ${walkConditions(scope, s)} order by search_key desc limit ${limit}`.execute(db);
  return r.rows.map((x) => Number(x.search_key));
}

/**
 * Month groups newest first, below `below`, each spanning the days that should hold the `want` rows still wanted: the
 * first at `share` of the scope's rows a day (1: as if every row matched; less: a step's estimated matches a row; 0: one
 * group for the whole range), each next one at the matches a day seen so far (4 times the days read while nothing was
 * seen). A group that reaches the scope's oldest month is given as a key bound alone (`months` null: every key below
 * `below`), so the GIN query reads no month token's posting list. `seen` reports the rows the last group gave.
 */
function* monthGroups(scope: Scope, below: number, want: number, share = 1): Generator<{ months: string[] | null; below: number; last: string; seen: (n: number) => void }> {
  const top = Number.isFinite(below) ? Math.min(scope.newest, below - 1) : scope.newest;
  if (top < scope.oldest) return;
  const months = periodTokensBetween(top, scope.oldest);
  const topDay = dayOf(top);
  // days from the top down to the first day of months[i], inclusive
  const span = (i: number) => topDay - dayOf(periodStartKey(months[i]!)) + 1;
  let got = 0;
  let days = share <= 0 ? Infinity : scope.perDay > 0 ? want / (scope.perDay * share) : 1;
  for (let at = 0; at < months.length && got < want;) {
    let end = at + 1;
    const reach = (at > 0 ? span(at - 1) : 0) + days;
    while (end < months.length && span(end - 1) < reach) end++;
    let n = 0;
    const seen = (x: number) => { n = x; };
    const last = months[end - 1]!;
    if (end === months.length) yield { months: null, below: at > 0 ? periodStartKey(months[at - 1]!) : below, last, seen };
    else yield { months: months.slice(at, end), below, last, seen };
    at = end;
    got += n;
    const rate = got / span(at - 1);
    days = rate > 0 ? (1.25 * (want - got)) / rate : 4 * span(at - 1);
  }
}

const orMonths = (g: string[] | null) => (g ? `(${g.map((m) => `'${m}'`).join(' | ')})` : '');

/**
 * The GIN query of a step within a month group: on `tsv` for a text step (its head condition then a filter), else on
 * `head`. The agency is tested on the row (`agency_id + 0`: never through its btree index, which would hand over the
 * whole agency) and, unless it holds most rows, also as a GIN token. `below`: only keys below it (a tier list's end,
 * which may fall inside a month), tested on the row the same way.
 */
function probeWhere(scope: Scope, s: { head: string; text: string | null }, months: string[] | null, below = Infinity) {
  const m = orMonths(months);
  // `+ 0` as for the agency: a filter on the row, never a range of the recency index
  const under = Number.isFinite(below) ? sql` and search_key + 0 < ${below}` : sql``;
  const agency = scope.agencyId == null ? under : sql` and agency_id + 0 = ${scope.agencyId}${under}`;
  if (s.text) {
    const tsv = sql`tsv @@ ${and(s.text, scope.filter, scope.agencyToken, m)}::tsquery${agency}`;
    return s.head ? sql`${tsv} and (head @@ ${s.head}::tsquery) is true` : tsv;
  }
  return sql`head @@ ${and(s.head, scope.filter, scope.agencyToken, m)}::tsquery${agency}`;
}

/** The keys of the step's first `limit` matches below `below`, newest first: month groups newest first until they are there (fewer: no more); `share`: the step's estimated matches a row. */
async function probePage(db: Executor, scope: Scope, s: Step, below: number, limit: number, share?: number): Promise<number[]> {
  const out: number[] = [];
  for (const g of monthGroups(scope, below, limit, share)) {
    // `search_key + 0`: sort the bitmap scan's rows (the recency index would walk every row of the scope)
    const r = await sql<{ search_key: string }>`select search_key from catalogue_search where ${probeWhere(scope, s, g.months, g.below)} order by search_key + 0 desc limit ${limit - out.length}`.execute(db);
    for (const x of r.rows) out.push(Number(x.search_key));
    g.seen(r.rows.length);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * Up to the cap + 1 matches with their tier flags, newest first as far as `from` says: a walk newest first for a small
 * scope, else the month groups newest first, each stopping at the rows still wanted (in no order within the last).
 * With no more than the cap they are ranked; with more, each tier starts its list with its matches from `from` on.
 */
async function collect(db: Executor, scope: Scope, anywhere: string, cap: number, inTitle: string, inMeta: string): Promise<Collected> {
  const upTo = cap + 1;
  const cols = sql`search_key, head @@ ${inTitle}::tsquery as t0, head @@ ${inMeta}::tsquery as t1`;
  type Row = { search_key: string; t0: boolean; t1: boolean };
  const rows: Row[] = [];
  const s = { head: '', text: anywhere };
  // every match with a key ≥ `from` is in `rows` (−∞: every match is, +∞: none is known to be)
  let from = Infinity;
  if (scope.small) {
    const r = await sql<Row>`select ${cols} from (select search_key, head, tsv from catalogue_search ${walkRange(scope, Infinity)} order by search_key desc) w
      where ${walkConditions(scope, s)} order by search_key desc limit ${upTo}`.execute(db);
    rows.push(...r.rows);
    from = rows.length < upTo ? -Infinity : Number(rows[rows.length - 1]!.search_key);
  } else {
    for (const g of monthGroups(scope, Infinity, upTo)) {
      const want = upTo - rows.length;
      const r = await sql<Row>`select ${cols} from catalogue_search where ${probeWhere(scope, s, g.months, g.below)} limit ${want}`.execute(db);
      rows.push(...r.rows);
      g.seen(r.rows.length);
      if (r.rows.length >= want) break;
      // the group was read to its end: every match from its oldest month's first day on is here
      from = g.months == null ? -Infinity : periodStartKey(g.last);
    }
  }
  const tierOf = (m: Row): Tier => (m.t0 ? 0 : m.t1 ? 1 : 2);
  // tiers in order, newest first within each: the ranking of decision 006 when every match is here
  const ranked = rows.map((m) => ({ key: Number(m.search_key), tier: tierOf(m) })).sort((a, b) => a.tier - b.tier || b.key - a.key);
  if (ranked.length <= cap) {
    return { scope, keys: Float64Array.from(ranked, (m) => m.key), tiers: Uint8Array.from(ranked, (m) => m.tier), total: ranked.length, lists: [] };
  }
  const lists = ([0, 1, 2] as const).map((t): TierList => {
    const keys = ranked.filter((m) => m.tier === t && m.key >= from).map((m) => m.key);
    if (from === -Infinity) return { keys, below: -Infinity, size: keys.length };
    const density = from === Infinity ? ranked.filter((m) => m.tier === t).length / ranked.length : undefined;
    return density == null ? { keys, below: from } : { keys, below: from, density };
  });
  return { scope, keys: new Float64Array(0), tiers: new Uint8Array(0), total: ranked.length, lists };
}

/**
 * A tier's estimated matches per row of the scope: among the rows its list covers (its matches there, + 1, over the
 * rows expected there), or, before the list covers any, its share of the collection's first month group (an upper
 * bound; 0 when the tier was not among them); undefined without either. Only chooses between walk and probe and sizes
 * a probe's first month group (0: the whole scope at once — a tier that rare has few candidates anywhere).
 */
function tierShare(c: Collected, list: TierList): number | undefined {
  if (list.below === Infinity) return list.density;
  if (!Number.isFinite(list.below) || c.scope.perDay <= 0) return undefined;
  const rows = c.scope.perDay * (dayOf(c.scope.newest) - dayOf(list.below) + 1);
  return rows < 1 ? undefined : Math.min(1, (list.keys.length + 1) / rows);
}

/** Would a bounded walk of `window` rows below the list's end fill the page? Tried when nothing says otherwise. */
function walkLikelyFills(c: Collected, list: TierList, need: number, window: number): boolean {
  const share = tierShare(c, list);
  return share == null || share * window >= need;
}

/**
 * Appends to `list` the `need` matches (or fewer: the tier's end) taken below `below`, unless another search extended
 * it meanwhile (then it already holds them or more).
 */
function extend(list: TierList, below: number, got: number[], need: number): void {
  if (list.below !== below) return;
  for (const k of got) list.keys.push(k);
  if (got.length < need) {
    list.below = -Infinity;
    list.size = list.keys.length;
  } else {
    list.below = got[got.length - 1]!;
  }
}

/**
 * A tier's page: from its list when the list reaches that far; else the rest — from the list's end to the page's end —
 * is taken below the list's end (a walk when it should fill, else a probe) and kept in the list. `db` null: the memo
 * alone must answer (notInMemo otherwise).
 */
async function pageOf(db: Executor | null, c: Collected, s: Step, list: TierList, limit: number, offset: number): Promise<number[]> {
  const end = Math.min(offset + limit, list.size ?? Infinity);
  const have = list.keys.length;
  if (have >= end || list.below === -Infinity) return list.keys.slice(offset, end).map(idFromRecencyKey);
  if (!db) throw notInMemo;
  const below = list.below;
  const need = end - have;
  let got: number[] | null = null;
  if (c.scope.small) {
    got = await walk(db, c.scope, s, below, need, null);
  } else {
    const window = Math.max(s.text ? pgSearchLimits.walkText : pgSearchLimits.walkHead, 3 * need);
    if (walkLikelyFills(c, list, need, window)) {
      const w = await walk(db, c.scope, s, below, need, window);
      if (w.length === need) got = w;
    }
    got ??= await probePage(db, c.scope, s, below, need, tierShare(c, list));
  }
  extend(list, below, got, need);
  return [...list.keys.slice(0, have), ...got].slice(offset, end).map(idFromRecencyKey);
}

/** A tier's size up to `upTo`: its list's length, then a capped count below the list's end by month groups. */
async function count(db: Executor | null, c: Collected, s: Step, list: TierList, upTo: number): Promise<number> {
  if (list.size != null) return Math.min(list.size, upTo);
  let n = list.keys.length;
  if (n >= upTo) return upTo;
  if (!db) throw notInMemo;
  const below = list.below;
  if (c.scope.small) {
    const got = await walk(db, c.scope, s, below, upTo - n, null);
    extend(list, below, got, upTo - n);
    return Math.min(n + got.length, upTo);
  }
  let ended = true;
  for (const g of monthGroups(c.scope, below, upTo - n, tierShare(c, list))) {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from catalogue_search where ${probeWhere(c.scope, s, g.months, g.below)} limit ${upTo - n}) x`.execute(db);
    const got = toNumber(r.rows[0]?.n);
    n += got;
    g.seen(got);
    if (n >= upTo) { ended = false; break; }
  }
  if (ended && list.below === below) list.size = n;
  return Math.min(n, upTo);
}
