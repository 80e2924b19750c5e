// 主动公开 catalogue use cases: drafts made from information disclosed on application (条例 第四十四条:
// 依申请公开转主动公开). The applications feature proposes the draft from a case (core/applications/publication.ts:
// never the applicant's data) and calls `createDraftFromDisclosure`; the draft then follows the usual 保密审查 →
// 审核 → 发布 of catalogue.workflow.ts. Items keep their origin (catalogue_items.origin_application_id): shown on the
// item's staff page (the case link only for the handling agency's staff) and counted in the statistics.
import { nowIso } from '../../db/dialect.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/errors.ts';
import * as repo from './catalogue.repository.ts';
import { checkFile, storeFile, type CheckedFile } from './catalogue.files.ts';
import type { DraftInput } from './catalogue.schema.ts';
import { catalogueRoles, type CatalogueActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

/** Who may put disclosed information into the catalogue: the handling agency's officer or leader (as on the case page). */
export const ORIGIN_DRAFTER_ROLES = ['officer', 'leader'] as const;

export interface OriginStats {
  year: number;
  /** Drafts made from disclosed information in the year (创建日期). */
  drafted: number;
  /** Of these or earlier ones, first published in the year. */
  published: number;
  items: { id: number; indexNo: string; title: string; state: string; createdOn: string; firstPublishedOn: string | null; applicationId: number }[];
}

/** The item's origin as this actor may see it: the case link only for the handling agency's own staff. */
export function itemOrigin(actor: CatalogueActor, item: Pick<repo.ItemRow, 'agency_id' | 'origin_application_id'>): { applicationId: number; caseUrl: string | null } | null {
  if (item.origin_application_id === null) return null;
  const handling = actor.userId !== null && catalogueRoles(actor).length > 0 && actor.agencyId === item.agency_id;
  return { applicationId: item.origin_application_id, caseUrl: handling ? `/admin/applications/${item.origin_application_id}` : null };
}

export function originUseCases(ctx: CatalogueContext) {
  const { db, opts, clock, today, settingsOf, agencyOf, contentWriter, event, versionFields, allocateIndexNo, syncClock } = ctx;
  return {
    /**
     * A new draft from a case's disclosed information, with its files, in one transaction; `within` runs in the same
     * transaction after the draft is stored (the caller claims the case's version there: a stale case answers 409 and
     * leaves no draft behind).
     */
    async createDraftFromDisclosure(
      actor: Actor, agencyId: number, input: DraftInput,
      origin: { applicationId: number; files: readonly { filename: string; data: Buffer }[] },
      within: (trx: repo.Executor, item: { id: number; indexNo: string }) => Promise<void>,
    ): Promise<{ id: number; indexNo: string }> {
      assertVisible(actor, agencyId);
      contentWriter(actor, '将依申请公开的信息转为主动公开');
      if (!(ORIGIN_DRAFTER_ROLES as readonly string[]).includes(actor.role) || actor.agencyId !== agencyId) throw forbidden('只有办理机关的经办人或负责人可以将依申请公开的信息转为主动公开');
      const agency = await agencyOf(agencyId);
      const fields = versionFields(input, agency);
      // each file checked as any catalogue attachment (type by content, size, PDF / archive checks)
      const checked: CheckedFile[] = [];
      for (const f of origin.files) checked.push(await checkFile(f.filename, f.data, opts.files.maxBytes, 'fileIds'));
      const stored: { f: CheckedFile; s: Awaited<ReturnType<typeof storeFile>> }[] = [];
      for (const f of checked) stored.push({ f, s: await storeFile(opts.files, f) });
      const { indexPattern } = await settingsOf(agencyId);
      const t = today();
      return db.transaction().execute(async (trx) => {
        const indexNo = await allocateIndexNo(trx, agency, indexPattern, t);
        const at = nowIso(clock);
        const id = await repo.insertItem(trx, { agency_id: agencyId, index_no: indexNo, created_on: t, working_version: 1, created_at: at, updated_at: at, origin_application_id: origin.applicationId });
        await repo.insertVersion(trx, { agency_id: agencyId, item_id: id, version_no: 1, state: 'draft', ...fields, created_at: at, created_by: actor.userId, updated_at: at });
        await event(trx, actor, agencyId, id, 1, 'create', { indexNo, title: fields.title, originApplicationId: origin.applicationId, basis: '条例第四十四条' });
        for (const { f, s } of stored) {
          await repo.insertAttachment(trx, { agency_id: agencyId, item_id: id, version_no: 1, filename: f.filename, mime: f.mime, ext: f.ext, size: f.size, sha256: f.sha256, ...s, created_at: at });
          await event(trx, actor, agencyId, id, 1, 'attach', { filename: f.filename, size: f.size, type: f.ext, fromApplication: origin.applicationId });
        }
        await syncClock(trx, id);
        await within(trx, { id, indexNo });
        return { id, indexNo };
      });
    },

    /** 依申请公开转主动公开 in a year: drafts made, items first published, each listed (the statistics page). */
    async originStats(actor: CatalogueActor, agencyId: number, year: number): Promise<OriginStats> {
      if (actor.userId !== null) assertVisible(actor as Actor, agencyId);
      const rows = await repo.originItems(db, agencyId);
      const y = String(year);
      const inYear = rows.filter((r) => r.created_on.startsWith(y) || (r.first_published_on ?? '').startsWith(y));
      return {
        year,
        drafted: rows.filter((r) => r.created_on.startsWith(y)).length,
        published: rows.filter((r) => (r.first_published_on ?? '').startsWith(y)).length,
        items: inYear.map((r) => ({ id: r.id, indexNo: r.index_no, title: r.title, state: r.withdrawn_on ? 'withdrawn' : r.state, createdOn: r.created_on, firstPublishedOn: r.first_published_on, applicationId: r.origin_application_id })),
      };
    },
  };
}
