// 主动公开 catalogue use cases: a draft's attachments (upload, removal) and their download.
import { nowIso } from '../../db/dialect.ts';
import { transition, type State } from '../../core/catalogue/workflow.ts';
import { assertVisible, type Actor } from '../shared/actor.ts';
import { conflict, forbidden, notFound } from '../shared/errors.ts';
import { cleanFileName } from '../shared/filenames.ts';
import * as repo from './catalogue.repository.ts';
import { checkFile, loadFile, storeFile } from './catalogue.files.ts';
import { catalogueRoles, type CatalogueActor } from './catalogue.model.ts';
import type { CatalogueContext } from './catalogue.context.ts';

export function attachmentUseCases(ctx: CatalogueContext) {
  const { db, opts, clock, loadItem, staleItem, contentWriter, stateOf, event } = ctx;
  return {
    async addAttachment(actor: CatalogueActor, id: number, filename: string, data: Buffer): Promise<number> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '上传目录条目的附件');
      // not allowed to edit at all → 403; allowed, but the version is past draft → 409
      const may = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!may.ok) throw may.code === 'FORBIDDEN_ROLE' ? forbidden('只有本机关的经办人可以为草稿添加附件') : conflict('只有草稿可以添加附件');
      const f = await checkFile(filename, data, opts.files.maxBytes);
      const stored = await storeFile(opts.files, f);
      return db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        const aid = await repo.insertAttachment(trx, { agency_id: working.agency_id, item_id: id, version_no: working.version_no, filename: f.filename, mime: f.mime, ext: f.ext, size: f.size, sha256: f.sha256, ...stored, created_at: nowIso(clock) });
        await event(trx, actor, working.agency_id, id, working.version_no, 'attach', { filename: f.filename, size: f.size, type: f.ext });
        return aid;
      });
    },

    async removeAttachment(actor: CatalogueActor, id: number, attachmentId: number): Promise<void> {
      const { item, working } = await loadItem(actor, id);
      contentWriter(actor, '删除目录条目的附件');
      const may = transition({ state: stateOf(item, working) as State, action: 'edit', roles: catalogueRoles(actor), disclosure: working.disclosure as 'proactive' });
      if (!may.ok) throw may.code === 'FORBIDDEN_ROLE' ? forbidden('只有本机关的经办人可以删除草稿的附件') : conflict('只有草稿可以删除附件');
      const a = await repo.getAttachment(db, attachmentId);
      if (!a || a.item_id !== id || a.version_no !== working.version_no) throw notFound();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.claimItem(trx, id, item.version))) throw await staleItem(id, item.version, undefined, trx);
        await repo.deleteAttachment(trx, attachmentId);
        await event(trx, actor, working.agency_id, id, working.version_no, 'detach', { filename: a.filename });
      });
    },

    /** An attachment for download: staff (in scope) for any version; the public only for a published version. */
    async attachment(actor: CatalogueActor | null, attachmentId: number) {
      const a = await repo.getAttachment(db, attachmentId);
      if (!a) throw notFound();
      const item = await repo.getItem(db, a.item_id);
      if (!item) throw notFound();
      if (actor) {
        if (actor.userId !== null) assertVisible(actor as Actor, item.agency_id);
      } else if (!item.public || item.published_version !== a.version_no) {
        throw notFound();
      }
      return { filename: cleanFileName(a.filename), mime: a.mime, data: await loadFile(opts.files, a) };
    },
  };
}
