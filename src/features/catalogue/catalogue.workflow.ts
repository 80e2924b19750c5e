// 主动公开 catalogue use cases: one workflow step on an item. core/catalogue/workflow.ts decides whether the step is
// allowed (roles, the author rule, 保密审查 on record, the 解读 rule); `act` checks, claims the item version and runs
// the step: 提交 / 保密审查 / 审核 / 发布 / 退回 here, 修订 / 撤回 / 废止 / 删除 in catalogue.lifecycle.ts.
import { nowIso } from '../../db/dialect.ts';
import { checkInterpretationRule, transition, type State } from '../../core/catalogue/workflow.ts';
import { AppError, conflict, forbidden, validationFailed } from '../shared/errors.ts';
import { assertYearUnlocked } from '../annual-report/annual-report.lock.ts';
import * as repo from './catalogue.repository.ts';
import type { ActionInput } from './catalogue.schema.ts';
import { catalogueRoles, type CatalogueActor, type SystemActor } from './catalogue.model.ts';
import { storedDateProblems, type CatalogueContext } from './catalogue.context.ts';
import { lifecycleUseCases, type LifecycleAction, type StepArgs } from './catalogue.lifecycle.ts';

type ReviewAction = 'submit' | 'record_review' | 'approve' | 'return' | 'publish';

/**
 * 提交 → 保密审查 → 审核 → 发布, and 退回: each writes the working version's new state with who did it and when,
 * and a ledger + audit event, inside the transaction `act` opened.
 */
function reviewSteps(ctx: CatalogueContext): Record<ReviewAction, (s: StepArgs) => Promise<void>> {
  const { event, publishInTrx } = ctx;
  return {
    async submit({ trx, actor, id, working, to, at, bump }) {
      await repo.updateVersion(trx, working.agency_id, id, working.version_no, { state: to, review_result: null, review_basis: null, reviewer_id: null, reviewer_name: null, reviewed_at: null, approver_id: null, approver_name: null, approved_at: null, updated_at: at });
      await bump();
      await event(trx, actor, working.agency_id, id, working.version_no, 'submit', null);
    },
    async record_review({ trx, actor, id, working, input, to, at, bump }) {
      // 保守国家秘密法 第三十五条; 实施条例 第四十二条: reviewer, date, basis, result on the record.
      await repo.updateVersion(trx, working.agency_id, id, working.version_no, { state: to, review_result: input.reviewResult!, review_basis: input.basis!, reviewer_id: actor.userId, reviewer_name: actor.displayName, reviewed_at: at, updated_at: at });
      await bump();
      await event(trx, actor, working.agency_id, id, working.version_no, 'record_review', { result: input.reviewResult, basis: input.basis });
    },
    async approve({ trx, actor, id, working, to, at, bump }) {
      await repo.updateVersion(trx, working.agency_id, id, working.version_no, { state: to, approver_id: actor.userId, approver_name: actor.displayName, approved_at: at, updated_at: at });
      await bump();
      await event(trx, actor, working.agency_id, id, working.version_no, 'approve', null);
    },
    async return({ trx, actor, id, working, input, to, at, bump }) {
      await repo.updateVersion(trx, working.agency_id, id, working.version_no, { state: to, updated_at: at });
      await bump();
      await event(trx, actor, working.agency_id, id, working.version_no, 'return', { reason: input.reason });
    },
    async publish({ trx, actor, id, today, toPublishWith }) {
      await publishInTrx(trx, actor, id, today);
      // 同步发布: approved 解读 linked to this document are published with it, the same day.
      for (const iid of toPublishWith) await publishInTrx(trx, actor, iid, today);
    },
  };
}

export function workflowUseCases(ctx: CatalogueContext) {
  const { db, clock, today, settingsOf, loadItem, staleItem, authorship, contentWriter, stateOf, invalidateFacets } = ctx;
  const REVIEW_STEPS = reviewSteps(ctx);
  const lifecycleSteps = lifecycleUseCases(ctx);
  const workflow = {
    /** One workflow step (core/catalogue/workflow.ts decides; this records it). */
    async act(actor: CatalogueActor, id: number, input: ActionInput): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      if (input.version !== undefined && input.version !== item.version) throw await staleItem(id, input.version, item.version);
      const state = stateOf(item, working);
      contentWriter(actor, '办理目录条目（提交、保密审查、审核、发布、撤回）');
      if (state === 'withdrawn') throw conflict('该条目已撤回，不能再操作');
      const roles = catalogueRoles(actor);
      const who = await authorship(actor, item, working);
      const review = working.review_result
        ? { result: working.review_result as 'pass' | 'fail', basis: working.review_basis ?? '', reviewerId: working.reviewer_id ?? 0, reviewedAt: working.reviewed_at ?? '' }
        : null;
      const t = today();
      let interpretation;
      let toPublishWith: number[] = [];
      if (input.action === 'publish') {
        // An item stored before dates were checked cannot be published with an impossible 成文日期.
        const bad = storedDateProblems({ madeOn: working.made_on, formedOn: working.formed_on }, t);
        if (bad.length) throw validationFailed(bad, `请先修改草稿中的日期再发布：${bad.map((b) => b.message).join('；')}`);
        const s = await settingsOf(item.agency_id);
        const links = await repo.linksOf(db, item.agency_id, id);
        toPublishWith = links.interpretations.filter((l) => l.state === 'approved').map((l) => l.id);
        interpretation = checkInterpretationRule({
          enabled: s.requireInterpretation,
          kind: working.kind,
          publishDate: t,
          linked: links.interpretations.map((l) => ({ state: l.state === 'approved' ? 'publishing' : (l.state as State), publishedOn: l.state === 'approved' ? t : l.published_on })),
        });
      }
      const r = transition({ state: state as State, action: input.action, roles, disclosure: working.disclosure as 'proactive', review, reason: input.reason, reviewResult: input.reviewResult, interpretation, who });
      if (!r.ok) {
        if (r.code === 'FORBIDDEN_ROLE' || r.code === 'SELF_REVIEW') throw forbidden(r.message);
        if (r.code === 'REASON_REQUIRED') throw validationFailed([{ field: 'reason', message: r.message }]);
        throw new AppError('conflict', { title: r.message, detail: r.message });
      }
      if (input.action === 'record_review' && (!input.reviewResult || !input.basis)) {
        throw validationFailed([
          ...(!input.reviewResult ? [{ field: 'reviewResult', message: '请选择保密审查结果' }] : []),
          ...(!input.basis ? [{ field: 'basis', message: '请填写审查依据（如：经审查，不涉及国家秘密、工作秘密）' }] : []),
        ]);
      }
      const at = nowIso(clock);
      await db.transaction().execute(async (trx) => {
        // Claim the version this decision was made on before writing (see repo.claimItem).
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        // A published annual report locks its year (规章/规范性文件 are counted in table 二 第二十条第（一）项).
        if (['rule', 'normative'].includes(item.kind ?? '') || ['rule', 'normative'].includes(working.kind)) {
          await assertYearUnlocked(trx, item.agency_id, t);
          if (working.made_on !== item.made_on) for (const d of [item.made_on, working.made_on]) await assertYearUnlocked(trx, item.agency_id, d);
        }
        const bump = async (patch: Parameters<typeof repo.updateItem>[3] = {}) => {
          if (!(await repo.updateItem(trx, id, item.version, { ...patch, updated_at: at }))) throw conflict();
        };
        const step: StepArgs = { trx, actor, id, item, working, input, to: r.to, at, today: t, bump, toPublishWith };
        if (input.action in REVIEW_STEPS) await REVIEW_STEPS[input.action as ReviewAction](step);
        else await lifecycleSteps[input.action as LifecycleAction](step);
      });
      invalidateFacets(item.agency_id);
    },

    /** For the seed, the CLI and tests: run the whole workflow as the system. */
    async publishAsSystem(actor: SystemActor, id: number, basis = '经审查，不涉及国家秘密、工作秘密和敏感信息'): Promise<void> {
      await workflow.act(actor, id, { action: 'submit' });
      await workflow.act(actor, id, { action: 'record_review', reviewResult: 'pass', basis });
      await workflow.act(actor, id, { action: 'approve' });
      await workflow.act(actor, id, { action: 'publish' });
    },
  };
  return workflow;
}
