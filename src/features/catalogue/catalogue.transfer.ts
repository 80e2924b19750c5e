// 主动公开 catalogue use cases: spreadsheet import / export, the bulk load of published items (benchmark data)
// and rebuilding the search index.
import { nowIso, isUniqueViolation } from '../../db/dialect.ts';
import { counterScope, formatIndexNumber, parseIndexNumber } from '../../core/catalogue/index-number.ts';
import { ITEM_KINDS, label } from '../../core/catalogue/categories.ts';
import { recencyKey } from '../../core/search/rank.ts';
import { bodyWithSummary, metaText } from '../../core/search/document.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import { forbidden, validationFailed } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import { bodyText, sanitizeBody, textToHtml } from './catalogue.files.ts';
import { catalogueRoles, IMPORT_COLUMNS, type BulkItem, type CatalogueActor, type ImportRowReport, type SystemActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function transferUseCases(ctx: CatalogueContext) {
  const { db, clock, today, settingsOf, agencyOf, contentWriter, event, allocateIndexNo, reindex, syncClock, publishInTrx, invalidateFacets } = ctx;
  return {
    /** Checks (dryRun) or imports catalogue rows (columns IMPORT_COLUMNS); every row's problems are listed. */
    async importRows(actor: CatalogueActor, agencyId: number, rows: Array<Record<string, string>>, dryRun: boolean): Promise<{ reports: ImportRowReport[]; imported: number }> {
      if (actor.userId !== null) assertVisible(actor as Actor, agencyId);
      contentWriter(actor, '导入目录条目');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有本机关的经办人可以导入目录条目');
      const agency = await agencyOf(agencyId);
      const { indexPattern } = await settingsOf(agencyId);
      const { checkImportRow } = await import('./catalogue.import.ts');
      const seen = new Set<string>();
      const reports: ImportRowReport[] = [];
      const good: Array<{ report: ImportRowReport; data: ReturnType<typeof checkImportRow>['data'] }> = [];
      for (let i = 0; i < rows.length; i++) {
        // dates from 1949-10-01 to 2099-12-31 (the demo seed imports with whatever clock the server has)
        const c = checkImportRow(rows[i]!, indexPattern);
        const report: ImportRowReport = { row: i + 2, title: c.data.title, problems: c.problems, indexNo: c.data.indexNo };
        if (c.data.indexNo) {
          if (seen.has(c.data.indexNo)) report.problems.push(`索引号“${c.data.indexNo}”在文件中重复`);
          else if (await repo.getItemByIndexNo(db, agencyId, c.data.indexNo)) report.problems.push(`索引号“${c.data.indexNo}”已存在于目录中`);
          seen.add(c.data.indexNo);
        }
        reports.push(report);
        if (!report.problems.length) good.push({ report, data: c.data });
      }
      if (dryRun || reports.some((r) => r.problems.length)) return { reports, imported: 0 };
      await db.transaction().execute(async (trx) => {
        for (const g of good) {
          const d = g.data;
          const at = nowIso(clock);
          let indexNo = d.indexNo;
          if (indexNo) {
            const p = parseIndexNumber(indexPattern, indexNo);
            if (p) await repo.bumpIndexSeq(trx, agencyId, counterScope(indexPattern, `${p.year}-${String(p.month ?? 1).padStart(2, '0')}-01`), p.seq);
          } else {
            indexNo = await allocateIndexNo(trx, agency, indexPattern, d.publishedOn ?? today());
          }
          g.report.indexNo = indexNo;
          const html = sanitizeBody(textToHtml(d.body));
          let id: number;
          try {
            id = await repo.insertItem(trx, { agency_id: agencyId, index_no: indexNo, created_on: d.madeOn ?? d.publishedOn ?? today(), working_version: 1, created_at: at, updated_at: at });
          } catch (e) {
            if (isUniqueViolation(e)) throw validationFailed([{ field: 'file', message: `第 ${g.report.row} 行：索引号“${indexNo}”已存在` }]);
            throw e;
          }
          const published = d.disclosure === 'proactive' && d.publishedOn;
          await repo.insertVersion(trx, {
            agency_id: agencyId, item_id: id, version_no: 1, state: published ? 'approved' : 'draft', title: d.title, doc_number: d.docNumber, publisher: d.publisher ?? agency.name, made_on: d.madeOn,
            formed_on: d.madeOn ?? d.publishedOn ?? today(), kind: d.kind, category: d.category, subject: d.subject, disclosure: d.disclosure, withhold_reason: d.withholdReason,
            summary: d.summary, body_html: html, body_text: bodyText(html), change_note: '批量导入',
            review_result: published ? 'pass' : null, review_basis: published ? '批量导入：该信息已在原目录中公开（原审查记录见原系统）' : null, reviewer_id: published ? actor.userId : null, reviewer_name: published ? actor.displayName : null, reviewed_at: published ? at : null,
            created_at: at, created_by: actor.userId, updated_at: at,
          });
          await event(trx, actor, agencyId, id, 1, 'import', { row: g.report.row, indexNo });
          await syncClock(trx, id);
          if (published) {
            await publishInTrx(trx, actor, id, d.publishedOn!);
            if (d.validity !== 'valid') {
              const it = (await repo.getItem(trx, id))!;
              await repo.updateItem(trx, id, it.version, { validity: d.validity, validity_changed_on: d.validityChangedOn, validity_reason: '导入' });
              await reindex(trx, id);
            }
          }
        }
      });
      invalidateFacets(agencyId);
      return { reports, imported: good.length };
    },

    async exportRows(actor: Actor, agencyId: number): Promise<string[][]> {
      assertVisible(actor, agencyId);
      const { exportRow } = await import('./catalogue.import.ts');
      const rows = await repo.exportRows(db, agencyId);
      return [[...IMPORT_COLUMNS, '状态'], ...rows.map((r) => exportRow(r))];
    },

    /**
     * Bulk load of already-published items (benchmark data, `gongkai bench data`): ONE transaction, multi-row
     * inserts with explicit ids, 索引号 from the agency's counters (read once per scope, written once at the end),
     * index tokens computed once per item, secondary indexes rebuilt after the load. `batches` is pulled lazily
     * so a million items never sit in memory at once. Returns the number of items loaded.
     */
    async bulkLoadPublished(actor: SystemActor, agencyId: number, batches: Iterable<ReadonlyArray<BulkItem>>, progress?: (done: number) => void): Promise<number> {
      const agency = await agencyOf(agencyId);
      const { indexPattern } = await settingsOf(agencyId);
      let n = 0;
      await db.transaction().execute(async (trx) => {
        const seqs = new Map<string, number>();
        let nextId = (await repo.maxItemId(trx)) + 1;
        const at = nowIso(clock);
        await repo.withoutSecondaryIndexes(trx, async () => {
          for (const batch of batches) {
            const rows: repo.BulkRow[] = [];
            for (const d of batch) {
              const scope = counterScope(indexPattern, d.publishedOn);
              const seq = (seqs.get(scope) ?? (await repo.indexSeq(trx, agencyId, scope))) + 1;
              seqs.set(scope, seq);
              const indexNo = formatIndexNumber(indexPattern, { creditCode: agency.creditCode, date: d.publishedOn, seq });
              const id = nextId++;
              const searchKey = recencyKey(d.publishedOn, id);
              rows.push({
                item: {
                  id, agency_id: agencyId, index_no: indexNo, created_on: d.madeOn, working_version: 1, published_version: 1, public: 1, title: d.title, doc_number: d.docNumber, kind: d.kind,
                  category: d.category, subject: d.subject ?? null, made_on: d.madeOn, published_on: d.publishedOn, first_published_on: d.publishedOn, validity: d.validity,
                  validity_changed_on: d.validity === 'valid' ? null : d.publishedOn, search_key: searchKey, created_at: at, updated_at: at,
                },
                version: {
                  agency_id: agencyId, item_id: id, version_no: 1, state: 'published', title: d.title, doc_number: d.docNumber, publisher: agency.name, made_on: d.madeOn, formed_on: d.madeOn, kind: d.kind, category: d.category,
                  subject: d.subject ?? null, disclosure: 'proactive', withhold_reason: null, summary: d.summary, body_html: textToHtml(d.body), body_text: d.body, change_note: '基准测试数据',
                  review_result: 'pass', review_basis: '基准测试数据（合成）', reviewer_id: null, reviewer_name: actor.displayName, reviewed_at: at, published_on: d.publishedOn, published_at: at,
                  created_at: at, created_by: null, updated_at: at,
                },
                index: {
                  itemId: id, searchKey, agencyId, title: d.title, text: bodyWithSummary(d.summary, d.body),
                  meta: metaText({ kindLabel: label(ITEM_KINDS, d.kind), docNumber: d.docNumber, publisher: agency.name, subject: d.subject ?? null, indexNo }),
                  category: d.category, kind: d.kind, year: Number(d.publishedOn.slice(0, 4)), validity: d.validity,
                },
              });
            }
            await repo.bulkInsertPublished(trx, rows);
            n += rows.length;
            progress?.(n);
          }
        });
        for (const [scope, seq] of seqs) await repo.bumpIndexSeq(trx, agencyId, scope, seq);
        await repo.syncItemIdSequence(trx);
      });
      invalidateFacets(agencyId);
      return n;
    },

    /** Rebuild the search index for every public item (after a bulk load). */
    async reindexAll(progress?: (done: number) => void): Promise<number> {
      let last = 0;
      let n = 0;
      for (;;) {
        const ids = await db.selectFrom('catalogue_items').select('id').where('id', '>', last).orderBy('id').limit(1000).execute();
        if (!ids.length) break;
        await db.transaction().execute(async (trx) => {
          for (const r of ids) await reindex(trx, r.id);
        });
        last = ids[ids.length - 1]!.id;
        n += ids.length;
        progress?.(n);
      }
      // a rebuilt index may answer differently from what the facet counts and the search memo keep
      invalidateFacets();
      return n;
    },
  };
}
