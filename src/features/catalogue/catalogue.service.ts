// 主动公开 catalogue: the service (one interface for the routes, pages, CLI, seed and work queue), composed from
// use-case modules over one shared context (catalogue.context.ts):
//   catalogue.drafting.ts         settings, drafting and editing
//   catalogue.attachments.ts      a draft's attachments, downloads
//   catalogue.interpretations.ts  政策解读 ↔ policy document links
//   catalogue.workflow.ts         提交 → 保密审查 → 审核 → 发布 / 退回 (`act`), with
//   catalogue.lifecycle.ts        修订, 撤回, 废止 / 失效, 删除
//   catalogue.queries.ts          back-office reads, 第二十六条 warnings, 工作台 card
//   catalogue.statistics.ts       表二 第二十条第（一）项
//   catalogue.portal.ts           public item page, lists, facets, search, 指南 / 制度
//   catalogue.transfer.ts         import / export, bulk load, reindex
//   catalogue.origin.ts           drafts from information disclosed on application (条例 第四十四条), their statistics
// Rules live in src/core/catalogue and src/core/search; each change runs in one transaction with an audit
// event and a ledger event.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { createCatalogueContext } from './catalogue.context.ts';
import { draftingUseCases } from './catalogue.drafting.ts';
import { attachmentUseCases } from './catalogue.attachments.ts';
import { interpretationUseCases } from './catalogue.interpretations.ts';
import { workflowUseCases } from './catalogue.workflow.ts';
import { queryUseCases } from './catalogue.queries.ts';
import { statisticsUseCases } from './catalogue.statistics.ts';
import { portalUseCases } from './catalogue.portal.ts';
import { transferUseCases } from './catalogue.transfer.ts';
import { originUseCases } from './catalogue.origin.ts';
import type { CatalogueOptions } from './catalogue.model.ts';

export * from './catalogue.model.ts';

export function createCatalogueService(db: Kysely<Database>, opts: CatalogueOptions) {
  const ctx = createCatalogueContext(db, opts);
  return {
    settingsOf: ctx.settingsOf,
    ...draftingUseCases(ctx),
    ...attachmentUseCases(ctx),
    ...interpretationUseCases(ctx),
    ...queryUseCases(ctx),
    ...workflowUseCases(ctx),
    ...statisticsUseCases(ctx),
    ...portalUseCases(ctx),
    ...transferUseCases(ctx),
    ...originUseCases(ctx),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
