// 主动公开 catalogue use cases: 政策解读 linked to their policy documents (published with them: catalogue.workflow.ts).
import * as repo from './catalogue.repository.ts';
import { forbidden, validationFailed } from '../shared/errors.ts';
import { catalogueRoles, type CatalogueActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function interpretationUseCases(ctx: CatalogueContext) {
  const { db, loadItem, contentWriter, event } = ctx;
  return {
    /** Links a 政策解读 to its policy document (规章 / 行政规范性文件). */
    async link(actor: CatalogueActor, policyId: number, interpretationId: number): Promise<void> {
      const p = await loadItem(actor, policyId);
      const i = await loadItem(actor, interpretationId);
      if (p.item.agency_id !== i.item.agency_id) throw validationFailed([{ field: 'interpretationId', message: '政策解读与文件须属于同一机构' }]);
      if (i.working.kind !== 'interpretation') throw validationFailed([{ field: 'interpretationId', message: '所选条目的类型不是“政策解读”' }]);
      contentWriter(actor, '关联政策解读');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有本机关的经办人可以关联政策解读');
      await db.transaction().execute(async (trx) => {
        await repo.addLink(trx, p.item.agency_id, policyId, interpretationId);
        await event(trx, actor, p.item.agency_id, policyId, p.working.version_no, 'link', { interpretationId, title: i.working.title });
      });
    },
  };
}
