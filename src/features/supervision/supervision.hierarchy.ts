// Hierarchy checks in audit runs (H1, core/supervision/hierarchy.ts): each supervising agency's setting — consolidated
// reports (本级 ≥ or = the sum of the departments under it, for the chosen cells) or not consolidated (no check) —
// versioned (409 on a stale version), and its application to a run's reports, the agency tree taken from Gongkai's
// agencies table (parent_id).
import type { Kysely } from 'kysely';
import { DEFAULT_HIERARCHY, hierarchyChecks, hierarchyProblems, type HierarchyMode, type HierarchySetting } from '../../core/supervision/hierarchy.ts';
import type { CellRef } from '../../core/report/model.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import type { Database } from '../../db/types.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertRole, canSee, type Actor } from '../shared/actor.ts';
import { conflict, validationFailed } from '../shared/errors.ts';
import type { AuditedWithModel } from '../reports/audit.ts';

export interface HierarchySettingView extends HierarchySetting {
  /** 0 while the supervising agency has not saved a setting (the default: not consolidated). */
  version: number;
}

const STALE = '汇总核对设定已被他人修改，请刷新页面后重试';

export async function hierarchySettingOf(db: Kysely<Database>, agencyId: number): Promise<HierarchySettingView> {
  const row = await db.selectFrom('supervision_hierarchy_settings').select(['mode', 'cells_json', 'version']).where('agency_id', '=', agencyId).executeTakeFirst();
  if (!row) return { ...DEFAULT_HIERARCHY, cells: [], version: 0 };
  return { mode: row.mode as HierarchyMode, cells: fromJson<CellRef[]>(row.cells_json) ?? [], version: row.version };
}

/** The run's reports with the H1 findings and not-checked instances added to the parent agencies' reports. */
export async function withHierarchyChecks(db: Kysely<Database>, agencies: AgenciesService, actor: Actor, audited: readonly AuditedWithModel[], agencyIds: readonly (number | null)[]): Promise<AuditedWithModel[]> {
  const setting = await hierarchySettingOf(db, actor.agencyId);
  if (setting.mode === 'none') return [...audited];
  const tree = (await agencies.list()).filter((a) => canSee(actor, a.id)).map((a) => ({ id: a.id, name: a.name, parentId: a.parentId }));
  const checks = hierarchyChecks(audited.map((r, i) => ({ agencyId: agencyIds[i] ?? null, agency: r.agency, year: r.year, model: r.model, unreadCells: r.unreadCells })), tree, setting);
  return audited.map((r, i) => {
    const h = checks.get(i);
    return h ? { ...r, findings: [...r.findings, ...h.findings], notChecked: [...r.notChecked, ...h.notChecked] } : r;
  });
}

export function hierarchyUseCases(db: Kysely<Database>, deps: { audit: AuditService; clock: () => Date }) {
  return {
    async hierarchy(actor: Actor): Promise<HierarchySettingView> {
      assertNotAdmin(actor, '设定汇总核对');
      assertRole(actor, 'supervisor');
      return hierarchySettingOf(db, actor.agencyId);
    },

    async setHierarchy(actor: Actor, input: { mode: unknown; cells: unknown; version: number }): Promise<HierarchySettingView> {
      assertNotAdmin(actor, '设定汇总核对');
      assertRole(actor, 'supervisor');
      const problems = hierarchyProblems(input);
      if (problems.length) throw validationFailed(problems);
      const setting: HierarchySetting = { mode: input.mode as HierarchyMode, cells: [...new Set(input.cells as CellRef[])] };
      const cur = await hierarchySettingOf(db, actor.agencyId);
      if (cur.version !== input.version) throw conflict(STALE);
      const at = nowIso(deps.clock);
      await db.transaction().execute(async (trx) => {
        if (cur.version === 0) {
          // a concurrent first save violates the primary key: answered as a conflict
          await trx.insertInto('supervision_hierarchy_settings').values({ agency_id: actor.agencyId, mode: setting.mode, cells_json: toJson(setting.cells)!, updated_at: at }).execute()
            .catch(() => { throw conflict(STALE); });
        } else {
          const r = await trx.updateTable('supervision_hierarchy_settings').set({ mode: setting.mode, cells_json: toJson(setting.cells)!, updated_at: at, version: cur.version + 1 })
            .where('agency_id', '=', actor.agencyId).where('version', '=', cur.version).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw conflict(STALE);
        }
        await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'supervision.hierarchy', entity: 'supervision_hierarchy_settings', entityId: actor.agencyId, before: { mode: cur.mode, cells: cur.cells }, after: setting });
      });
      return hierarchySettingOf(db, actor.agencyId);
    },
  };
}
