// Catalogue import (use case of the service-item catalogue): the XLSX the export writes, read back and matched by
// 实施编码. A dry run lists every row's problem (row, column, what to fix) and what each row would do; nothing is
// written while any row has a problem. A row equal to the stored item changes nothing (re-importing an export is a
// no-op); a changed row becomes a new version of the item with its change history (why: 导入 <file>); an unknown
// 实施编码 is a new item — a 街道 / 社区 row implements the 区 department's item with the same 基本编码. Blank forms and
// samples attached to materials are not in the sheet and are kept by material name.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import {
  diffValues, isEmptyValue, parseCatalogueSheet, statusChangeProblems, type ElementDef, type ElementValues, type ImportProblem, type ItemStatus, type Material,
} from '../../core/service-items/index.ts';
import { assertNotAdmin, assertRole, canSee, type Actor } from '../shared/actor.ts';
import { conflict } from '../shared/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import * as repo from './service-items.repository.ts';
import { valueColumns } from './service-items.check.ts';

export interface CatalogueImportRowResult { row: number; code: string; name: string; agency: string; action: 'create' | 'update' | 'unchanged'; elements: string[] }
export interface CatalogueImportResult {
  dryRun: boolean;
  /** rows read (blank rows left out) */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: ImportProblem[];
  /** what each row that changes something does (created and updated rows) */
  changes: CatalogueImportRowResult[];
}
export interface CatalogueSheet { header: string[]; rows: { row: number; cells: string[] }[] }

const LEVEL_OF_KIND = (kind: string) => (kind === 'street' ? 'street' : kind === 'community' ? 'community' : 'district');
const LEVEL_NAME: Record<string, string> = { district: '区', street: '街道', community: '社区' };
const MAX_LISTED_PROBLEMS = 5000;

interface Planned {
  row: number; agencyId: number; agencyName: string; level: string; values: ElementValues; status: ItemStatus; statusOn: string;
  existing?: repo.ItemRow; elements: string[]; changes: ReturnType<typeof diffValues>; statusChanged: boolean;
}

export function createCatalogueImport(db: Kysely<Database>, deps: {
  audit: AuditService; agencies: Pick<AgenciesService, 'list'>; schema: () => Promise<ElementDef[]>; searchText: (v: ElementValues) => string; clock: () => Date;
}) {
  return async function importCatalogue(actor: Actor, filename: string, sheet: CatalogueSheet, opts: { dryRun: boolean; onProgress?: (done: number, total: number) => void }): Promise<CatalogueImportResult> {
    assertNotAdmin(actor, '维护政务服务事项');
    assertRole(actor, 'officer', 'leader');
    const sch = await deps.schema();
    const parsed = parseCatalogueSheet(sch, sheet.header, sheet.rows);
    const problems: ImportProblem[] = [...parsed.problems];
    const badRows = new Set(problems.filter((p) => p.row > 1).map((p) => p.row));
    const result = (dryRun: boolean, plans: Planned[]): CatalogueImportResult => {
      problems.sort((a, b) => a.row - b.row);
      const created = plans.filter((p) => !p.existing).length;
      const updated = plans.filter((p) => p.existing && (p.changes.length || p.statusChanged)).length;
      return {
        dryRun, rows: new Set([...parsed.rows.map((r) => r.row), ...[...badRows].filter((n) => n > 1)]).size, created, updated, unchanged: plans.length - created - updated, problems: problems.slice(0, MAX_LISTED_PROBLEMS),
        changes: plans.filter((p) => !p.existing || p.changes.length || p.statusChanged).map((p) => ({ row: p.row, code: String(p.values.implCode), name: String(p.values.name), agency: p.agencyName, action: p.existing ? 'update' : 'create', elements: p.elements })),
      };
    };
    if (problems.some((p) => p.row === 1)) return result(true, []);

    const agencies = await deps.agencies.list();
    const byName = new Map<string, typeof agencies>();
    for (const a of agencies) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
    const nameOf = new Map(agencies.map((a) => [a.id, a.name]));
    const existing = new Map((await repo.findByCodes(db, parsed.rows.map((r) => String(r.values.implCode)))).map((r) => [r.code, r]));
    const columns = new Set(parsed.columns);
    const today = nowIso(deps.clock).slice(0, 10);
    const plans: Planned[] = [];
    const problem = (row: number, column: string, message: string) => { problems.push({ row, column, message }); badRows.add(row); };

    // an unknown unit is named on rows that have other problems too (one pass over the file finds everything)
    const good = new Set(parsed.rows.map((r) => r.row));
    for (const [row, name] of parsed.units) if (!good.has(row) && name && !byName.has(name)) problem(row, '实施单位', `系统中没有名为“${name}”的机构：请填写机构全称`);
    for (const r of parsed.rows) {
      const code = String(r.values.implCode);
      const found = byName.get(r.agency) ?? [];
      if (found.length !== 1) { problem(r.row, '实施单位', found.length ? `有 ${found.length} 个名为“${r.agency}”的机构，无法确定是哪一个，请联系系统管理员` : `系统中没有名为“${r.agency}”的机构：请填写机构全称`); continue; }
      const agency = found[0]!;
      const level = LEVEL_OF_KIND(agency.kind);
      if (r.level && r.level !== LEVEL_NAME[level]) problem(r.row, '层级', `“${r.agency}”是${LEVEL_NAME[level]}级单位，层级应为“${LEVEL_NAME[level]}”`);
      const ex = existing.get(code);
      const before = ex ? fromJson<ElementValues>(ex.values_json) ?? {} : {};
      const after: ElementValues = { ...before };
      for (const e of sch) {
        if (!columns.has(e.label)) continue;
        const v = r.values[e.key];
        if (v === undefined || isEmptyValue(v)) { delete after[e.key]; continue; }
        if (e.kind === 'materials' && Array.isArray(v)) {
          // 空白表格 / 示例样表 are files attached in the system, not cells of the sheet: kept by material name
          const old = new Map(((Array.isArray(before[e.key]) ? before[e.key] : []) as Material[]).map((m) => [m.name, m]));
          after[e.key] = (v as Material[]).map((m) => ({ ...m, blankForm: old.get(m.name)?.blankForm ?? '', sample: old.get(m.name)?.sample ?? '' }));
        } else after[e.key] = v;
      }
      for (const n of r.notNumber) if (JSON.stringify(before[n.key] ?? null) !== JSON.stringify(after[n.key] ?? null)) problem(n.row, n.column, n.message);
      const changes = ex ? diffValues(sch, before, after) : [];
      const statusChanged = ex ? ex.status !== r.status : false;
      if (ex && ex.agency_id !== agency.id) { problem(r.row, '实施编码', `实施编码 ${code} 已属于“${nameOf.get(ex.agency_id) ?? ''}”的事项，不能改到“${r.agency}”：请核对实施编码`); continue; }
      if ((!ex || changes.length || statusChanged) && !canSee(actor, agency.id)) { problem(r.row, '实施单位', `本账号不能维护“${r.agency}”的事项：请由该单位的经办人导入这一行，或从文件中删去`); continue; }
      const statusOn = r.statusOn || today;
      if (ex && statusChanged) {
        const events = (await repo.changesOf(db, ex.agency_id, ex.id)).filter((c) => c.status && c.effective_on).map((c) => ({ status: c.status as ItemStatus, on: c.effective_on! }));
        for (const m of statusChangeProblems(events, { status: r.status, on: statusOn })) problem(r.row, '状态', m);
      }
      plans.push({ row: r.row, agencyId: agency.id, agencyName: agency.name, level, values: after, status: r.status, statusOn, ...(ex ? { existing: ex } : {}), elements: ex ? changes.map((c) => c.label) : [], changes, statusChanged });
    }

    // a 街道 / 社区 row that is new implements the 区 department's item with its 基本编码 (stored, or a new row of this file)
    const needParent = plans.filter((p) => !p.existing && p.level !== 'district');
    const defining = new Map<string, number[]>();
    for (const d of await repo.definingByBasicCodes(db, [...new Set(needParent.map((p) => String(p.values.basicCode)))])) defining.set(d.basic_code, [...(defining.get(d.basic_code) ?? []), d.id]);
    const newDistrict = new Map<string, Planned[]>();
    for (const p of plans) if (!p.existing && p.level === 'district') newDistrict.set(String(p.values.basicCode), [...(newDistrict.get(String(p.values.basicCode)) ?? []), p]);
    for (const p of needParent) {
      const bc = String(p.values.basicCode);
      const n = (defining.get(bc)?.length ?? 0) + (newDistrict.get(bc)?.length ?? 0);
      if (n === 0) problem(p.row, '基本编码', `没有基本编码为 ${bc} 的区级事项：街道、社区的事项实施区级部门确定的事项，请先建立（或在同一文件中导入）区级事项`);
      else if (n > 1) problem(p.row, '基本编码', `基本编码 ${bc} 有 ${n} 个区级事项，无法确定实施哪一个：请在“新增事项”页面选择`);
    }

    if (problems.length || opts.dryRun) return result(true, problems.length ? plans.filter((p) => !badRows.has(p.row)) : plans);

    const writes = plans.filter((p) => !p.existing || p.changes.length || p.statusChanged);
    const at = nowIso(deps.clock);
    const reason = `导入 ${filename.slice(0, 200)}`;
    await db.transaction().execute(async (trx) => {
      let done = 0;
      const tick = () => { if (++done % 50 === 0 || done === writes.length) opts.onProgress?.(done, writes.length); };
      const idOfNewDistrict = new Map<string, number>();
      // 区 rows first: a new implementation in the same file points at them
      for (const p of [...writes].sort((a, b) => Number(a.level !== 'district') - Number(b.level !== 'district'))) {
        const v = p.values;
        const cols = { code: String(v.implCode), basic_code: String(v.basicCode), name: String(v.name), type: String(v.type), ...valueColumns(sch, v), search_text: deps.searchText(v), updated_at: at };
        if (!p.existing) {
          const parentId = p.level === 'district' ? null : (defining.get(cols.basic_code)?.[0] ?? idOfNewDistrict.get(cols.basic_code)!);
          const id = await repo.insertItem(trx, { parent_id: parentId, agency_id: p.agencyId, level: p.level, ...cols, status: p.status, status_since: p.statusOn, created_by: actor.userId, created_at: at });
          if (p.level === 'district') idOfNewDistrict.set(cols.basic_code, id);
          await repo.insertChange(trx, { agency_id: p.agencyId, item_id: id, version_no: 1, kind: 'create', status: p.status, effective_on: p.statusOn, changes_json: toJson(diffValues(sch, {}, v))!, reason, actor_user_id: actor.userId, actor_name: actor.displayName, at });
        } else {
          const ex = p.existing;
          const ok = await repo.updateItem(trx, ex.id, ex.version, { ...cols, ...(p.statusChanged ? { status: p.status, status_since: p.statusOn } : {}) });
          if (!ok) throw conflict(`第 ${p.row} 行的事项（${cols.code}）在导入期间被他人修改，请重新导入`);
          await repo.insertChange(trx, { agency_id: ex.agency_id, item_id: ex.id, version_no: ex.version + 1, kind: 'import', status: p.statusChanged ? p.status : null, effective_on: p.statusChanged ? p.statusOn : null, changes_json: toJson(p.changes)!, reason, actor_user_id: actor.userId, actor_name: actor.displayName, at });
        }
        tick();
      }
      await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'service_item.import', entity: 'service_item', entityId: null, after: { file: filename.slice(0, 200), created: writes.filter((p) => !p.existing).length, updated: writes.filter((p) => p.existing).length } });
    });
    return result(false, plans);
  };
}
