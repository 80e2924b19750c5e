// 115_search_scale: the PostgreSQL search plan that holds at 10⁶ items (decision 115). catalogue_search gains
//  - agency_id, with an index (agency_id, search_key desc): a search within an agency walks that agency's items
//    newest first (and the agency key leads, as for Citus distribution by agency);
//  - head: a small tsvector of the title (A) and metadata (C) lexemes at their positions in tsv, the filter tokens
//    and the publication-month token, kept in the row, with its own GIN index — the title and metadata tiers are
//    tested without reading the ~5 KB full vector (out of line), and probed without rechecking every match of the term;
//  - the publication-month token ('mo' + YYYYMM) in tsv as well, so a GIN query can be restricted to a few months.
// Existing rows are converted in place: head = the A/B/C positions of tsv plus the month token.
// SQLite: nothing (its FTS5 table already walks matches in recency order).
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`alter table catalogue_search add column agency_id integer, add column head tsvector`.execute(db);
  await sql`alter table catalogue_search alter column head set storage main`.execute(db);
  const month = sql`array_to_tsvector(array['mo' || to_char(date '1970-01-01' + (s.search_key / 1000000000)::int, 'YYYYMM')])`;
  await sql`update catalogue_search s set agency_id = i.agency_id, head = ts_filter(s.tsv, '{a,b,c}') || ${month}, tsv = s.tsv || ${month}
    from catalogue_items i where i.id = s.item_id`.execute(db);
  await sql`alter table catalogue_search alter column agency_id set not null, alter column head set not null`.execute(db);
  await sql`create index catalogue_search_agency_key_idx on catalogue_search (agency_id, search_key desc)`.execute(db);
  await sql`create index catalogue_search_head_idx on catalogue_search using gin (head)`.execute(db);
}
