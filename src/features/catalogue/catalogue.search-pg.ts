// The catalogue search on PostgreSQL (decision 115; tiers and caps of decisions 006 and 067). A GIN index answers
// "which items contain these lexemes" but not "the newest ten of them": with a common term it hands every match to
// a sort (seconds at 10⁶ items). So the search first collects the matches up to the cap (SEARCH_CAP + 1), with each
// match's tier flags; when there are no more than the cap, the page is ranked from them in code (one step for a rare
// term). Otherwise the term is common and each tier's page is taken on its own. Every step goes one of two ways:
//   walk  — the recency index ((agency_id, search_key desc), or (search_key desc) site-wide) newest first, testing
//           each row; the small `head` vector (title A, metadata C, filter and month tokens, ~1 KB in the row) answers
//           the title and metadata tiers and the filters, the full `tsv` (~5 KB, out of line) is read only for rows
//           that passed it. Cheap when matches are dense; a walk examines a bounded number of rows (pgSearchLimits).
//   probe — a GIN index, ANDed with the month tokens of a few months newest first (1, 4, 16, … months), so the index
//           reads only those months' posting lists and the sort sees only their matches; collecting matches up to
//           the cap stops as soon as it has them. Cheap when matches are sparse, and for the capped collection.
// A scope of at most pgSearchLimits.smallScope rows (a typical agency) is always walked to its end.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { toNumber } from '../../db/dialect.ts';
import { metaTsquery, periodTokensBetween, toTsquery, type MetaFilter, type SearchQuery } from '../../core/search/query.ts';
import { pageAcrossTiers, type Tier, type TierSource } from '../../core/search/rank.ts';
import type { Executor, SearchPage } from './catalogue.repository.ts';

/**
 * The bounds of the plan (measured in decision 115). Tests lower them to drive small data through the probes and
 * compare with the walks; nothing else changes them.
 */
export const pgSearchLimits = {
  /** Rows a walk examines when the head vector decides (≈1.5 µs a row). */
  walkHead: 2000,
  /** Rows a walk examines when the full vector must be read (≈8 µs a row). */
  walkText: 300,
  /** A scope of at most this many rows is walked to its end for every step. */
  smallScope: 300,
};

/** One step: rows whose head matches `head` (without the filters) and, when `text` is set, whose tsv matches it. */
interface Step {
  head: string;
  text: string | null;
  /** exact number of matches once a step has seen them all */
  known?: number;
}

interface Scope {
  agencyId: number | null;
  /** the filters as a tsquery ('' = none): in head and tsv alike */
  filter: string;
  small: boolean;
  newest: number;
  oldest: number;
}

const and = (...xs: string[]) => xs.filter(Boolean).join(' & ');

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

export async function searchPg(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number, cap: number): Promise<SearchPage> {
  return withSearchPlanner(db, (trx) => searchIn(trx, q, filter, page, pageSize, cap));
}

async function searchIn(db: Executor, q: SearchQuery, filter: MetaFilter, page: number, pageSize: number, cap: number): Promise<SearchPage> {
  const inTitle = `(${toTsquery(q, 'A')})`;
  const inMeta = `(${toTsquery(q, 'C')})`;
  const anywhere = `(${toTsquery(q)})`;
  const scope = await scopeOf(db, filter.agencyId ?? null, metaTsquery(filter));
  if (!scope) return { ids: [], total: 0, capped: false };
  const matches = await collect(db, scope, { head: '', text: anywhere }, cap + 1, inTitle, inMeta);
  if (matches.length === 0) return { ids: [], total: 0, capped: false };
  if (matches.length <= cap) {
    // every match is here: rank them (tier, then newest first) and cut the page
    const tierOf = (m: Match): Tier => (m.t0 ? 0 : m.t1 ? 1 : 2);
    const ranked = [...matches].sort((a, b) => tierOf(a) - tierOf(b) || b.key - a.key);
    const from = (page - 1) * pageSize;
    return { ids: ranked.slice(from, from + pageSize).map((m) => ({ id: m.id, tier: tierOf(m) })), total: matches.length, capped: false };
  }
  const tiers: Step[] = [
    { head: inTitle, text: null },
    { head: `${inMeta} & !${inTitle}`, text: null },
    { head: `!${inTitle} & !${inMeta}`, text: anywhere },
  ];
  const sources = tiers.map((s): TierSource => ({ page: (limit, offset) => pageOf(db, scope, s, limit, offset), count: () => count(db, scope, s, cap + 1) }));
  const ids = await pageAcrossTiers(sources, cap, page, pageSize);
  return { ids, total: cap, capped: true };
}

/** The scope's size (up to smallScope + 1) and its newest and oldest recency keys: three short walks of the recency index. */
async function scopeOf(db: Executor, agencyId: number | null, filter: string): Promise<Scope | null> {
  const where = agencyId == null ? sql`` : sql`where agency_id = ${agencyId}`;
  const r = await sql<{ n: string; newest: string | null; oldest: string | null }>`select
      (select count(*) from (select 1 from catalogue_search ${where} order by search_key desc limit ${pgSearchLimits.smallScope + 1}) x) as n,
      (select max(search_key) from catalogue_search ${where}) as newest,
      (select min(search_key) from catalogue_search ${where}) as oldest`.execute(db);
  const row = r.rows[0];
  if (!row || row.newest == null || row.oldest == null) return null;
  return { agencyId, filter, small: toNumber(row.n) <= pgSearchLimits.smallScope, newest: Number(row.newest), oldest: Number(row.oldest) };
}

function walkConditions(scope: Scope, s: Step) {
  const head = and(s.head, scope.filter);
  return sql.join([...(head ? [sql`head @@ ${head}::tsquery`] : []), ...(s.text ? [sql`tsv @@ ${s.text}::tsquery`] : [])], sql` and `);
}

/**
 * Walk the recency index newest first and test each row; `window` bounds the rows examined (null: to the scope's
 * end). `complete`: a full page, or the whole scope was examined.
 */
async function walk(db: Executor, scope: Scope, s: Step, limit: number, offset: number, window: number | null): Promise<{ ids: number[]; complete: boolean }> {
  const where = scope.agencyId == null ? sql`` : sql`where agency_id = ${scope.agencyId}`;
  const inner = window == null ? sql`` : sql`limit ${window}`;
  const r = await sql<{ item_id: number }>`select item_id from (select item_id, search_key, head, tsv from catalogue_search ${where} order by search_key desc ${inner}) w
    where ${walkConditions(scope, s)} order by search_key desc limit ${limit} offset ${offset}`.execute(db);
  const ids = r.rows.map((x) => Number(x.item_id));
  if (window == null && ids.length < limit && (ids.length > 0 || offset === 0)) s.known = offset + ids.length;
  return { ids, complete: window == null || ids.length === limit };
}

/** Month groups newest first: 1, 4, 16, … months, each as an OR of month tokens. */
function* monthGroups(scope: Scope): Generator<string> {
  const months = periodTokensBetween(scope.newest, scope.oldest);
  for (let at = 0, size = 1; at < months.length; at += size, size *= 4) {
    yield `(${months.slice(at, at + size).map((m) => `'${m}'`).join(' | ')})`;
  }
}

/** The GIN query of a step within a month group: on `tsv` for a text step (its head condition then a filter), else on `head`. */
function probeWhere(scope: Scope, s: Step, months: string) {
  if (s.text) {
    const tsv = sql`tsv @@ ${and(s.text, scope.filter, months)}::tsquery`;
    return s.head ? sql`${tsv} and (head @@ ${s.head}::tsquery) is true` : tsv;
  }
  return sql`head @@ ${and(s.head, scope.filter, months)}::tsquery`;
}

async function probePage(db: Executor, scope: Scope, s: Step, limit: number, offset: number): Promise<number[]> {
  const need = offset + limit;
  const out: number[] = [];
  for (const months of monthGroups(scope)) {
    // `search_key + 0`: sort the bitmap scan's rows (the recency index would walk every row of the scope)
    const r = await sql<{ item_id: number }>`select item_id from catalogue_search where ${probeWhere(scope, s, months)} order by search_key + 0 desc limit ${need - out.length}`.execute(db);
    for (const x of r.rows) out.push(Number(x.item_id));
    if (out.length >= need) return out.slice(offset, need);
  }
  s.known = out.length;
  return out.slice(offset, need);
}

interface Match {
  id: number;
  key: number;
  /** the title contains the terms */
  t0: boolean;
  /** the metadata contains them */
  t1: boolean;
}

/**
 * Up to `upTo` matches of a step with their tier flags, in no particular order (all of them when fewer): a walk for a
 * small scope, else the month groups newest first, each stopping at the rows still wanted.
 */
async function collect(db: Executor, scope: Scope, s: Step, upTo: number, inTitle: string, inMeta: string): Promise<Match[]> {
  const cols = sql`item_id, search_key, head @@ ${inTitle}::tsquery as t0, head @@ ${inMeta}::tsquery as t1`;
  const out: Match[] = [];
  const take = (rows: Array<{ item_id: number; search_key: string; t0: boolean; t1: boolean }>) => {
    for (const x of rows) out.push({ id: Number(x.item_id), key: Number(x.search_key), t0: x.t0, t1: x.t1 });
  };
  if (scope.small) {
    const where = scope.agencyId == null ? sql`` : sql`where agency_id = ${scope.agencyId}`;
    take((await sql<{ item_id: number; search_key: string; t0: boolean; t1: boolean }>`select ${cols} from (select item_id, search_key, head, tsv from catalogue_search ${where} order by search_key desc) w
      where ${walkConditions(scope, s)} limit ${upTo}`.execute(db)).rows);
    return out;
  }
  for (const months of monthGroups(scope)) {
    take((await sql<{ item_id: number; search_key: string; t0: boolean; t1: boolean }>`select ${cols} from catalogue_search where ${probeWhere(scope, s, months)} limit ${upTo - out.length}`.execute(db)).rows);
    if (out.length >= upTo) break;
  }
  return out;
}

async function pageOf(db: Executor, scope: Scope, s: Step, limit: number, offset: number): Promise<number[]> {
  if (scope.small) return (await walk(db, scope, s, limit, offset, null)).ids;
  const w = await walk(db, scope, s, limit, offset, Math.max(s.text ? pgSearchLimits.walkText : pgSearchLimits.walkHead, 3 * (offset + limit)));
  if (w.complete) return w.ids;
  return probePage(db, scope, s, limit, offset);
}

async function count(db: Executor, scope: Scope, s: Step, upTo: number): Promise<number> {
  if (s.known != null) return Math.min(s.known, upTo);
  if (scope.small) return (await walk(db, scope, s, upTo, 0, null)).ids.length;
  let n = 0;
  for (const months of monthGroups(scope)) {
    const r = await sql<{ n: string }>`select count(*) as n from (select 1 from catalogue_search where ${probeWhere(scope, s, months)} limit ${upTo - n}) x`.execute(db);
    n += toNumber(r.rows[0]?.n);
    if (n >= upTo) break;
  }
  return n;
}
