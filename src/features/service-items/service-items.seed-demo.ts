// Demo seed of the service-item catalogue (service-items.demo.ts): the 审批服务局's items with their status history,
// the 向阳街道 / 社区 implementations, and the 2019 办件 in the decisions register. Written with multi-row inserts in one
// transaction (the seed runs for every test app), after checking every item's values against the element schema so
// that the demo holds only what the forms would accept.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso, toJson } from '../../db/dialect.ts';
import { categoryOfType, diffValues, elementSchema, valueProblems, type ElementValues } from '../../core/service-items/index.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import * as repo from './service-items.repository.ts';
import { valueColumns } from './service-items.check.ts';
import { DEMO_ITEMS, demoCases2019 } from './service-items.demo.ts';

export interface DemoUnits { department: number; street?: number; community?: number }

export async function seedDemoItems(db: Kysely<Database>, audit: AuditService, actor: AuditActor, units: DemoUnits, clock: () => Date, searchText: (v: ElementValues) => string): Promise<{ seeded: boolean; items: number; cases: number }> {
  const taken = await repo.findByCodes(db, [String(DEMO_ITEMS[0]!.values.implCode)]);
  if (taken.length) return { seeded: false, items: 0, cases: 0 };
  const schema = elementSchema();
  const at = nowIso(clock);
  type Row = { key: string; level: 'district' | 'street' | 'community'; agencyId: number; parentKey: string | null; since: string; values: ElementValues; later?: (typeof DEMO_ITEMS)[number]['later'] };
  const rows: Row[] = [];
  for (const it of DEMO_ITEMS) {
    rows.push({ key: it.key, level: 'district', agencyId: units.department, parentKey: null, since: it.since, values: it.values, ...(it.later ? { later: it.later } : {}) });
    // an implementation starts from the defining row's elements (as createServiceItem does) and is in use from the same date
    if (it.street && units.street !== undefined) rows.push({ key: it.key, level: 'street', agencyId: units.street, parentKey: it.key, since: it.since, values: { ...it.values, ...it.street } });
    if (it.community && units.community !== undefined) rows.push({ key: it.key, level: 'community', agencyId: units.community, parentKey: it.key, since: it.since, values: { ...it.values, ...it.community } });
  }
  for (const r of rows) {
    const p = valueProblems(schema, r.values);
    if (p.length) throw new Error(`demo service item ${r.key} (${r.level}): ${p.map((x) => `${x.field} ${x.message}`).join('; ')}`);
  }
  const cases = demoCases2019();
  await db.transaction().execute(async (trx) => {
    const row = (r: Row, parentId: number | null) => {
      const status = r.later?.status ?? 'active';
      return {
        parent_id: parentId, agency_id: r.agencyId, level: r.level, code: String(r.values.implCode), basic_code: String(r.values.basicCode), name: String(r.values.name), type: String(r.values.type),
        status: r.level === 'district' ? status : 'active', status_since: r.level === 'district' && r.later ? r.later.on : r.since,
        ...valueColumns(schema, r.values), search_text: searchText(r.values), created_by: null, created_at: at, updated_at: at,
      };
    };
    const roots = rows.filter((r) => r.parentKey === null);
    const rootIds = await repo.insertItems(trx, roots.map((r) => row(r, null)));
    const idOf = new Map(roots.map((r, i) => [r.key, rootIds[i]!]));
    const kids = rows.filter((r) => r.parentKey !== null);
    const kidIds = await repo.insertItems(trx, kids.map((r) => row(r, idOf.get(r.parentKey!)!)));
    const all = [...roots.map((r, i) => ({ r, id: rootIds[i]! })), ...kids.map((r, i) => ({ r, id: kidIds[i]! }))];
    const changes: Omit<Database['service_item_changes'], 'id'>[] = [];
    for (const { r, id } of all) {
      changes.push({ agency_id: r.agencyId, item_id: id, version_no: 1, kind: 'create', status: 'active', effective_on: r.since, changes_json: toJson(diffValues(schema, {}, r.values))!, reason: r.parentKey ? '实施上级部门确定的事项' : '承接划转事项（演示数据）', actor_user_id: null, actor_name: actor.displayName, at });
      if (r.later && r.parentKey === null) changes.push({ agency_id: r.agencyId, item_id: id, version_no: 2, kind: 'status', status: r.later.status, effective_on: r.later.on, changes_json: '[]', reason: r.later.reason, actor_user_id: null, actor_name: actor.displayName, at });
    }
    await repo.insertChanges(trx, changes);
    await repo.setItemVersions(trx, all.filter(({ r }) => r.later && r.parentKey === null).map(({ id }) => id), 2);
    const byKey = new Map(DEMO_ITEMS.map((it) => [it.key, it.values]));
    await repo.insertCaseEntries(trx, cases.map((c) => {
      const v = byKey.get(c.key)!;
      const category = categoryOfType(String(v.type));
      return {
        agency_id: units.department, year: Number(c.decidedOn.slice(0, 4)), category, decided_on: c.decidedOn, item_name: String(v.name), decision_type: String(v.type), count: 1, amount: null,
        source: 'case', note: null, created_by: null, created_at: at, updated_at: at, case_no: c.caseNo, item_code: String(v.implCode), result: c.result,
      };
    }));
    await audit.record(trx, { actor, agencyId: units.department, action: 'service_item.seed', entity: 'service_item', entityId: null, after: { items: all.length, cases2019: cases.length } });
  });
  return { seeded: true, items: rows.length, cases: cases.length };
}
