// Blank forms (空白表格) and samples (示例样表) of an item's 材料目录 (use case of the service-item catalogue): a file
// is checked by its content (PDF, Word, Excel or an image; archives opened within limits), attached to one material
// and named in that material's element, as a new version of the item with its change history — so the 办事指南
// page and its PDF offer it, and a later import keeps it. Removing one clears the material's element the same way;
// the stored file goes once no material of the item names it.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import { diffValues, type ElementDef, type ElementValues, type Material } from '../../core/service-items/index.ts';
import { assertNotAdmin, assertRole, assertVisible, type Actor } from '../shared/actor.ts';
import { conflict, notFound, validationFailed } from '../shared/errors.ts';
import { checkFile } from '../catalogue/catalogue.files.ts';
import type { AuditService } from '../audit/audit.service.ts';
import * as repo from './service-items.repository.ts';
import { valueColumns } from './service-items.check.ts';

export const MATERIAL_FILE_KINDS = ['blankForm', 'sample'] as const;
export type MaterialFileKind = (typeof MATERIAL_FILE_KINDS)[number];
export const MATERIAL_FILE_LABELS: Record<MaterialFileKind, string> = { blankForm: '空白表格', sample: '示例样表' };

export interface AttachFileInput { version: number; material: string; kind: MaterialFileKind; filename: string; data: Buffer }
export interface RemoveFileInput { version: number; material: string; kind: MaterialFileKind }

const EDITOR_ROLES = ['officer', 'leader'] as const;

export function createMaterialFiles(db: Kysely<Database>, deps: { audit: AuditService; schema: () => Promise<ElementDef[]>; maxBytes: number; clock: () => Date }) {
  async function load(actor: Actor, id: number, what: string) {
    const r = await repo.findItem(db, id);
    if (!r) throw notFound();
    assertVisible(actor, r.agency_id);
    assertNotAdmin(actor, what);
    assertRole(actor, ...EDITOR_ROLES);
    const values = fromJson<ElementValues>(r.values_json) ?? {};
    const materials = Array.isArray(values.materials) ? (values.materials as Material[]) : [];
    return { r, values, materials };
  }

  function materialIndex(materials: readonly Material[], name: string): number {
    const i = materials.findIndex((m) => m.name === name.trim());
    if (i < 0) throw validationFailed([{ field: 'material', message: materials.length ? `材料目录中没有“${name.trim().slice(0, 50)}”，请从列表中选择材料` : '这个事项还没有材料目录，请先在“修改要素”中填写材料' }]);
    return i;
  }

  /** One new version of the item with the materials changed, the change history and the audit event, under the version claim. */
  async function saveMaterials(trx: Kysely<Database>, actor: Actor, r: repo.ItemRow, version: number, sch: ElementDef[], before: ElementValues, materials: Material[], reason: string, audit: Record<string, unknown>) {
    const after: ElementValues = { ...before, materials };
    const changes = diffValues(sch, before, after);
    const at = nowIso(deps.clock);
    if (!(await repo.updateItem(trx, r.id, version, { ...valueColumns(sch, after), updated_at: at }))) throw conflict('该事项已被他人修改，请刷新后在最新版本上操作');
    await repo.insertChange(trx, { agency_id: r.agency_id, item_id: r.id, version_no: version + 1, kind: 'update', status: null, effective_on: null, changes_json: toJson(changes)!, reason, actor_user_id: actor.userId, actor_name: actor.displayName, at });
    await deps.audit.record(trx, { actor, agencyId: r.agency_id, action: 'service_item.file', entity: 'service_item', entityId: r.id, before: { version }, after: audit });
    return at;
  }

  return {
    async attachFile(actor: Actor, id: number, input: AttachFileInput): Promise<{ version: number; filename: string }> {
      const { r, values, materials } = await load(actor, id, '上传空白表格和示例样表');
      const i = materialIndex(materials, input.material);
      const f = await checkFile(input.filename, input.data, deps.maxBytes, 'file');
      const label = MATERIAL_FILE_LABELS[input.kind];
      const next = materials.map((m, n) => (n === i ? { ...m, [input.kind]: f.filename } : m));
      const previous = materials[i]![input.kind];
      const sch = await deps.schema(); // read before the transaction: SQLite has one connection, held by it
      await db.transaction().execute(async (trx) => {
        const at = await saveMaterials(trx, actor, r, input.version, sch, values, next, `上传${label}“${f.filename}”（${materials[i]!.name}）`, { material: materials[i]!.name, kind: input.kind, filename: f.filename, size: f.size });
        await repo.putFile(trx, { agency_id: r.agency_id, item_id: r.id, filename: f.filename, mime: f.mime, size: f.size, content_base64: f.data.toString('base64'), created_at: at });
        if (previous && previous !== f.filename && !next.some((m) => m.blankForm === previous || m.sample === previous)) await repo.deleteFile(trx, r.id, previous);
      });
      return { version: input.version + 1, filename: f.filename };
    },

    async removeFile(actor: Actor, id: number, input: RemoveFileInput): Promise<{ version: number }> {
      const { r, values, materials } = await load(actor, id, '删除空白表格和示例样表');
      const i = materialIndex(materials, input.material);
      const label = MATERIAL_FILE_LABELS[input.kind];
      const filename = materials[i]![input.kind];
      if (!filename) throw validationFailed([{ field: 'kind', message: `“${materials[i]!.name}”没有${label}，无需删除` }]);
      const next = materials.map((m, n) => (n === i ? { ...m, [input.kind]: '' } : m));
      const sch = await deps.schema();
      await db.transaction().execute(async (trx) => {
        await saveMaterials(trx, actor, r, input.version, sch, values, next, `删除${label}“${filename}”（${materials[i]!.name}）`, { material: materials[i]!.name, kind: input.kind, removed: filename });
        if (!next.some((m) => m.blankForm === filename || m.sample === filename)) await repo.deleteFile(trx, r.id, filename);
      });
      return { version: input.version + 1 };
    },
  };
}
