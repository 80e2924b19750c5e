// 主动公开 catalogue use cases: the steps that change a published item's life — 修订 (a new working version),
// 撤回 (off the portal), 废止 / 失效 (validity), and 删除 of an item never published. Run by `act`
// (catalogue.workflow.ts) inside its transaction, after core/catalogue/workflow.ts allowed them.
import type { Actor } from '../shared/actor.ts';
import { conflict } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import type { ActionInput } from './catalogue.schema.ts';
import type { CatalogueActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

/** What a workflow step receives from `act`: the claimed item, the decision and the transaction. */
export interface StepArgs {
  trx: repo.Executor;
  actor: CatalogueActor;
  id: number;
  item: repo.ItemRow;
  working: repo.VersionRow;
  input: ActionInput;
  /** The state core/catalogue/workflow.ts moves the working version to. */
  to: string;
  at: string;
  /** Asia/Shanghai calendar date of the step. */
  today: string;
  /** Bumps the item's version (optimistic lock) with `patch`; 409 when someone changed it meanwhile. */
  bump: (patch?: Parameters<typeof repo.updateItem>[3]) => Promise<void>;
  /** Approved 解读 published together with this document. */
  toPublishWith: number[];
}

export type LifecycleAction = 'revise' | 'withdraw' | 'abolish' | 'delete';

export function lifecycleUseCases(ctx: CatalogueContext): Record<LifecycleAction, (s: StepArgs) => Promise<void>> {
  const { opts, event, reindex, syncClock } = ctx;
  return {
    async revise({ trx, actor, id, working, at, today: t, bump }) {
      const next = working.version_no + 1;
      const { id: _vid, ...copy } = working;
      await repo.insertVersion(trx, { ...copy, version_no: next, state: 'draft', formed_on: t, change_note: null, review_result: null, review_basis: null, reviewer_id: null, reviewer_name: null, reviewed_at: null, approver_id: null, approver_name: null, approved_at: null, published_on: null, published_at: null, created_at: at, created_by: actor.userId, updated_at: at });
      await repo.copyAttachments(trx, working.agency_id, id, working.version_no, next);
      await bump({ working_version: next });
      await event(trx, actor, working.agency_id, id, next, 'revise', { from: working.version_no });
      await syncClock(trx, id);
    },
    async withdraw({ trx, actor, id, working, input, today: t, bump }) {
      await bump({ public: 0, withdrawn_on: t, withdrawn_reason: input.reason! });
      await reindex(trx, id);
      await syncClock(trx, id);
      await event(trx, actor, working.agency_id, id, working.version_no, 'withdraw', { reason: input.reason });
    },
    async abolish({ trx, actor, id, working, input, today: t, bump }) {
      const validity = input.validity ?? 'abolished';
      const on = input.effectiveOn ?? t;
      await bump({ validity, validity_changed_on: on, validity_reason: input.reason! });
      await reindex(trx, id);
      await event(trx, actor, working.agency_id, id, working.version_no, 'abolish', { validity, on, reason: input.reason });
    },
    async delete({ trx, actor, id, item, working }) {
      if (item.published_version) throw conflict('已发布过的条目不能删除，只能撤回');
      await opts.audit.record(trx, { actor: actor as Actor, agencyId: item.agency_id, action: 'catalogue.delete', entity: 'catalogue_item', entityId: id, before: { indexNo: item.index_no, title: working.title } });
      await repo.deleteItem(trx, item.agency_id, id);
      await syncClock(trx, id);
    },
  };
}
