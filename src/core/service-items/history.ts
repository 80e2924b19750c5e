// Status of an item over time (在用 / 暂停 / 取消 with effective dates) and the year counts of table 二 derived from it.
// 国办公开办函〔2019〕60号 表二 第二十条第（五）（六）（八）项: 上一年项目数量 | 本年增/减 — the items in the catalogue at the
// end of the previous year, and the change over the year (a decrease is negative; 湖北 gloss "减用负值表示", spec §1.2).
import type { DecisionCategory } from '../annual-report/categories.ts';

export const ITEM_STATUSES = ['active', 'suspended', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const STATUS_LABELS: Record<ItemStatus, string> = { active: '在用', suspended: '暂停', cancelled: '取消' };

export interface StatusEvent { status: ItemStatus; on: string }

/** The status in force on a date (YYYY-MM-DD): the last event on or before it; null before the first. */
export function statusOn(events: readonly StatusEvent[], date: string): ItemStatus | null {
  let s: ItemStatus | null = null;
  let last = '';
  for (const e of events) if (e.on <= date && e.on >= last) { s = e.status; last = e.on; }
  return s;
}

/** An item counts as listed while 在用 or 暂停 (a suspended item stays in the catalogue; a cancelled one leaves it). */
export function listedOn(events: readonly StatusEvent[], date: string): boolean {
  const s = statusOn(events, date);
  return s === 'active' || s === 'suspended';
}

/** Problems of a new status event against the existing history (dates in order, a real change). */
export function statusChangeProblems(events: readonly StatusEvent[], next: StatusEvent): string[] {
  const out: string[] = [];
  const last = [...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).at(-1);
  if (last && next.on < last.on) out.push(`生效日期不能早于上一次状态变更（${last.on}）`);
  if (last && last.status === next.status) out.push(`事项已是“${STATUS_LABELS[next.status]}”状态`);
  if (last?.status === 'cancelled') out.push('已取消的事项不能再变更状态，请新建事项');
  return out;
}

/**
 * The table 二 category of a 事项类型. 2019 format: 行政许可 → 行政许可; 行政处罚 / 行政强制 → their rows; 行政征收 →
 * 行政事业性收费; everything else → 其他对外管理服务事项 (the 内蒙古 reading: every item other than 许可 / 处罚 / 强制,
 * spec §1.5 — the 湖北 gloss would add 处罚 / 强制, which have rows of their own here).
 */
export function categoryOfType(type: string): DecisionCategory {
  if (type === '行政许可') return 'license';
  if (type === '行政处罚') return 'penalty';
  if (type === '行政强制') return 'enforcement';
  if (type === '行政征收') return 'fee';
  return 'other_service';
}

export interface CountedItem { id: number; type: string; events: readonly StatusEvent[] }

export interface YearCount { previous: number; change: number; previousIds: number[]; currentIds: number[] }

/** 上一年项目数量 and 本年增/减 per category for a year, from the items' status histories (with the ids, for drill-down). */
export function yearCounts(items: readonly CountedItem[], year: number): Partial<Record<DecisionCategory, YearCount>> {
  const prevEnd = `${year - 1}-12-31`;
  const end = `${year}-12-31`;
  const out: Partial<Record<DecisionCategory, YearCount>> = {};
  for (const it of items) {
    const c = categoryOfType(it.type);
    const was = listedOn(it.events, prevEnd);
    const is = listedOn(it.events, end);
    if (!was && !is) continue;
    const r = (out[c] ??= { previous: 0, change: 0, previousIds: [], currentIds: [] });
    if (was) { r.previous++; r.previousIds.push(it.id); }
    if (is) r.currentIds.push(it.id);
    r.change = r.currentIds.length - r.previous;
  }
  return out;
}

/** One status change of one item, as stored (service_item_changes joined to service_items). */
export interface StatusRow { id: number; agency_id: number; type: string; status: string | null; effective_on: string | null }

/** yearCounts for every agency in the rows (ordered by item and version), keyed by agency id. */
export function yearCountsByAgency(rows: Iterable<StatusRow>, year: number): Map<number, Partial<Record<DecisionCategory, YearCount>>> {
  const byAgency = new Map<number, Map<number, { id: number; type: string; events: StatusEvent[] }>>();
  for (const r of rows) {
    if (r.status === null || r.effective_on === null) continue;
    const m = byAgency.get(r.agency_id) ?? new Map<number, { id: number; type: string; events: StatusEvent[] }>();
    byAgency.set(r.agency_id, m);
    const it = m.get(r.id) ?? { id: r.id, type: r.type, events: [] };
    it.events.push({ status: r.status as ItemStatus, on: r.effective_on });
    m.set(r.id, it);
  }
  const out = new Map<number, Partial<Record<DecisionCategory, YearCount>>>();
  for (const [a, m] of byAgency) out.set(a, yearCounts([...m.values()], year));
  return out;
}
