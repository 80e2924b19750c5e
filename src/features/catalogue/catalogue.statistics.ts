// 主动公开 catalogue use cases: 表二 第二十条第（一）项 (规章 / 行政规范性文件 made, abolished, in force) from the catalogue.
import { table2Article20Item1, type Table2Block1 } from '../../core/catalogue/statistics.ts';
import type { FormatId } from '../../core/report/formats.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import * as repo from './catalogue.repository.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function statisticsUseCases(ctx: CatalogueContext) {
  const { db } = ctx;
  return {
    /** Table 二 第二十条第（一）项 from the catalogue. */
    async stats(actor: Actor | null, agencyId: number, year: number, format: FormatId): Promise<Table2Block1 & { titles: Record<number, string> }> {
      if (actor) assertVisible(actor, agencyId);
      const rows = await repo.statItems(db, agencyId);
      const items = rows.map((r) => ({ id: r.id, kind: r.kind, madeOn: r.made_on, publishedOn: r.first_published_on, validity: r.validity as 'valid', validityChangedOn: r.validity_changed_on, withdrawnOn: r.withdrawn_on }));
      return { ...table2Article20Item1(items, year, format), titles: Object.fromEntries(rows.map((r) => [r.id, `${r.index_no} ${r.title}`])) };
    },
  };
}
