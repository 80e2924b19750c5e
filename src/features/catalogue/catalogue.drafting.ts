// 主动公开 catalogue use cases: catalogue settings (索引号 pattern, 解读 rule, subjects), drafting and editing.
import { nowIso } from '../../db/dialect.ts';
import { compilePattern } from '../../core/catalogue/index-number.ts';
import { transition, type State } from '../../core/catalogue/workflow.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import { conflict, forbidden, validationFailed } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import type { DraftInput } from './catalogue.schema.ts';
import { catalogueRoles, type CatalogueActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function draftingUseCases(ctx: CatalogueContext) {
  const { db, opts, clock, today, settingsOf, agencyOf, loadItem, staleItem, contentWriter, stateOf, event, versionFields, allocateIndexNo, syncClock } = ctx;
  return {
    async saveSettings(actor: Actor, agencyId: number, s: { indexPattern: string; requireInterpretation: boolean; subjects: string[] }) {
      assertVisible(actor, agencyId);
      if (actor.role !== 'admin' && actor.role !== 'leader') throw forbidden();
      try {
        compilePattern(s.indexPattern);
      } catch (e) {
        throw validationFailed([{ field: 'indexPattern', message: (e as Error).message }]);
      }
      await db.transaction().execute(async (trx) => {
        await repo.upsertSettings(trx, { agency_id: agencyId, index_pattern: s.indexPattern, require_interpretation: s.requireInterpretation ? 1 : 0, subjects_json: JSON.stringify(s.subjects), updated_at: nowIso(clock) });
        await opts.audit.record(trx, { actor, agencyId, action: 'catalogue.settings', entity: 'catalogue_settings', entityId: agencyId, after: s });
      });
    },

    /** Creates a draft (索引号 allocated now: shown before publication, never reused). */
    async createDraft(actor: CatalogueActor, agencyId: number, input: DraftInput): Promise<number> {
      if (actor.userId !== null) assertVisible(actor as Actor, agencyId);
      contentWriter(actor, '起草目录条目');
      if (!catalogueRoles(actor).some((r) => r === 'officer' || r === 'system')) throw forbidden('只有经办人可以起草目录条目');
      const agency = await agencyOf(agencyId);
      const fields = versionFields(input, agency);
      const { indexPattern } = await settingsOf(agencyId);
      const t = today();
      return db.transaction().execute(async (trx) => {
        const indexNo = await allocateIndexNo(trx, agency, indexPattern, t);
        const at = nowIso(clock);
        const id = await repo.insertItem(trx, { agency_id: agencyId, index_no: indexNo, created_on: t, working_version: 1, created_at: at, updated_at: at });
        await repo.insertVersion(trx, { agency_id: agencyId, item_id: id, version_no: 1, state: 'draft', ...fields, created_at: at, created_by: actor.userId, updated_at: at });
        await event(trx, actor, agencyId, id, 1, 'create', { indexNo, title: fields.title });
        await syncClock(trx, id);
        return id;
      });
    },

    /** Saves the working draft; `expectedVersion` is the item version the editor loaded (409 when someone saved since). */
    async updateDraft(actor: CatalogueActor, id: number, input: DraftInput, expectedVersion: number): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '修改目录条目');
      const r = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!r.ok) throw r.code === 'FORBIDDEN_ROLE' ? forbidden(r.message) : conflict(r.message);
      if (expectedVersion !== item.version) throw await staleItem(id, expectedVersion, item.version);
      const agency = await agencyOf(item.agency_id);
      const fields = versionFields(input, agency);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, expectedVersion))) throw await staleItem(id, expectedVersion, undefined, trx);
        const at = nowIso(clock);
        await repo.updateVersion(trx, working.agency_id, id, working.version_no, { ...fields, updated_at: at });
        if (!(await repo.updateItem(trx, id, expectedVersion, { updated_at: at }))) throw await staleItem(id, expectedVersion, undefined, trx);
        await event(trx, actor, working.agency_id, id, working.version_no, 'edit', { title: fields.title }, { title: working.title });
        await syncClock(trx, id);
      });
    },
  };
}
