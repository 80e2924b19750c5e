// 067_search_metadata: the catalogue search index gains a metadata tier (decision 006, "three tiers"): the
// 信息类型 label, 文号, 发布机构, 主题分类 and 索引号 are indexed as their own tier between the title and the text,
// and the text no longer repeats a summary the body already contains. The tables keep their shape; every
// published item's index row is rebuilt from its published version with the same functions the application uses
// (core/search/document.ts), in batches by id, under the same recency key the item already carries.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';
import { ITEM_KINDS, label } from '../../core/catalogue/categories.ts';
import { bodyWithSummary, fts5Row, metaText, tsvRow, type IndexDoc } from '../../core/search/document.ts';
import { recencyKey } from '../../core/search/rank.ts';

const BATCH = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving Database type
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  if (pg) {
    await sql`delete from catalogue_search`.execute(db);
  } else {
    // contentless FTS5: drop and create again (same definition as 040_catalogue) rather than delete row by row
    await sql`drop table catalogue_fts`.execute(db);
    await sql`create virtual table catalogue_fts using fts5(title, body, meta, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
  let last = 0;
  for (;;) {
    const rows = await db
      .selectFrom('catalogue_items as i')
      .innerJoin('catalogue_versions as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.version_no', '=', 'i.published_version'))
      .where('i.public', '=', 1)
      .where('i.published_on', 'is not', null)
      .where('i.id', '>', last)
      .select(['i.id', 'i.agency_id', 'i.index_no', 'i.published_on', 'i.validity', 'v.title', 'v.summary', 'v.body_text', 'v.doc_number', 'v.publisher', 'v.subject', 'v.kind', 'v.category'])
      .orderBy('i.id')
      .limit(BATCH)
      .execute();
    if (!rows.length) break;
    last = Number(rows[rows.length - 1]!.id);
    const docs: IndexDoc[] = rows.map((r) => {
      const publishedOn = String(r.published_on).slice(0, 10);
      return {
        itemId: Number(r.id),
        searchKey: recencyKey(publishedOn, Number(r.id)),
        agencyId: Number(r.agency_id),
        title: r.title ?? '',
        meta: metaText({ kindLabel: label(ITEM_KINDS, r.kind), docNumber: r.doc_number, publisher: r.publisher, subject: r.subject, indexNo: r.index_no }),
        text: bodyWithSummary(r.summary, r.body_text ?? ''),
        category: Number(r.category),
        kind: r.kind,
        year: Number(publishedOn.slice(0, 4)),
        validity: r.validity,
      };
    });
    if (pg) {
      await sql`insert into catalogue_search (item_id, search_key, tsv) values ${sql.join(docs.map((d) => sql`(${d.itemId}, ${d.searchKey}, ${tsvRow(d)}::tsvector)`))}`.execute(db);
    } else {
      await sql`insert into catalogue_fts (rowid, title, body, meta) values ${sql.join(docs.map((d) => { const r = fts5Row(d); return sql`(${d.searchKey}, ${r.title}, ${r.body}, ${r.meta})`; }))}`.execute(db);
    }
  }
}
