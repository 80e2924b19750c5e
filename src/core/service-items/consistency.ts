// Three-level maintenance: the 区 department defines an item (the reference row); 街道 and 社区 units implement it with
// their own 实施清单. The must-match elements ("三级十同", spec §6.2 — set configurable, official list UNCONFIRMED) must be
// identical at every level; each difference names the element, every unit's value, and the units that must correct it
// (those whose value differs from the 区 department's). Completeness rules give each unit a score.
import type { ElementDef, ElementValues, TimeLimit } from './elements.ts';
import { comparable, displayValue, isEmptyValue } from './values.ts';

export interface LevelItem {
  id: number;
  /** null for the 区 department's defining row */
  parentId: number | null;
  agencyId: number;
  agencyName: string;
  name: string;
  values: ElementValues;
}

export interface Difference {
  /** the defining (区) row */
  itemId: number;
  itemName: string;
  element: string;
  label: string;
  values: { itemId: number; agencyId: number; agency: string; value: string; differs: boolean }[];
}

function rawOf(v: ElementValues[string]): string {
  return typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
}

/**
 * Differences of the must-match elements between each defining row and its implementations. `items` may hold
 * rows of many trees in any order; an implementation whose defining row is absent is skipped. O(n · |mustMatch|).
 */
export function mustMatchDifferences(items: readonly LevelItem[], mustMatch: readonly ElementDef[]): Difference[] {
  const children = new Map<number, LevelItem[]>();
  for (const it of items) if (it.parentId !== null) { const l = children.get(it.parentId); if (l) l.push(it); else children.set(it.parentId, [it]); }
  const out: Difference[] = [];
  for (const root of items) {
    if (root.parentId !== null) continue;
    const kids = children.get(root.id);
    if (!kids) continue;
    for (const e of mustMatch) {
      // identical stored values are equal without normalising them (most implementations are unchanged copies)
      const rootRaw = rawOf(root.values[e.key]);
      let ref: string | undefined;
      let any = false;
      const cmp = kids.map((k) => {
        if (rawOf(k.values[e.key]) === rootRaw) return false;
        ref ??= comparable(e, root.values[e.key]);
        const d = comparable(e, k.values[e.key]) !== ref;
        if (d) any = true;
        return d;
      });
      if (!any) continue;
      out.push({
        itemId: root.id, itemName: root.name, element: e.key, label: e.label,
        values: [
          { itemId: root.id, agencyId: root.agencyId, agency: root.agencyName, value: displayValue(e, root.values[e.key]), differs: false },
          ...kids.map((k, n) => ({ itemId: k.id, agencyId: k.agencyId, agency: k.agencyName, value: displayValue(e, k.values[e.key]), differs: cmp[n]! })),
        ],
      });
    }
  }
  return out;
}

export type CompletenessRule = 'legal_basis' | 'materials' | 'legal_limit_number' | 'promised_limit_number' | 'promised_within_legal' | 'fee_basis';
export const COMPLETENESS_RULES: readonly CompletenessRule[] = ['legal_basis', 'materials', 'legal_limit_number', 'promised_limit_number', 'promised_within_legal', 'fee_basis'];

export interface CompletenessProblem { rule: CompletenessRule; element: string; message: string }

const NUMBER = /^\d+(\.\d+)?$/;
function amountOf(v: unknown): number | null {
  const t = v as TimeLimit | undefined;
  if (!t || typeof t.amount !== 'string' || !NUMBER.test(t.amount.trim())) return null;
  return Number(t.amount.trim());
}
/** A time limit in hours, for comparing limits given in different units (a 工作日 and a 自然日 are both counted as 24 h: a
 * lower bound of the calendar time of a 工作日, so a 承诺时限 in 工作日 is never wrongly reported as longer). */
function hoursOf(v: unknown): number | null {
  const n = amountOf(v);
  if (n === null) return null;
  const unit = (v as TimeLimit).unit;
  return unit === '小时' ? n : n * 24;
}

/**
 * Completeness of one item's elements (国办发〔2019〕54号 / 国发〔2022〕5号 require the elements to be complete and
 * public; the rules are those the supervisors check): a legal basis; at least one material; numeric time limits;
 * 承诺办结时限 not longer than 法定办结时限 (a promise shortens the statutory limit, never extends it); a fee with its basis.
 */
export function completenessProblems(values: ElementValues): CompletenessProblem[] {
  const out: CompletenessProblem[] = [];
  if (isEmptyValue(values.legalBasis)) out.push({ rule: 'legal_basis', element: 'legalBasis', message: '缺少设定依据' });
  if (isEmptyValue(values.materials)) out.push({ rule: 'materials', element: 'materials', message: '材料目录为空' });
  const legal = amountOf(values.legalLimit);
  const promised = amountOf(values.promisedLimit);
  if (legal === null) out.push({ rule: 'legal_limit_number', element: 'legalLimit', message: isEmptyValue(values.legalLimit) ? '缺少法定办结时限' : `法定办结时限“${(values.legalLimit as TimeLimit).amount}”不是数字` });
  if (promised === null) out.push({ rule: 'promised_limit_number', element: 'promisedLimit', message: isEmptyValue(values.promisedLimit) ? '缺少承诺办结时限' : `承诺办结时限“${(values.promisedLimit as TimeLimit).amount}”不是数字` });
  const lh = hoursOf(values.legalLimit);
  const ph = hoursOf(values.promisedLimit);
  const sameUnit = legal !== null && promised !== null && (values.legalLimit as TimeLimit).unit === (values.promisedLimit as TimeLimit).unit;
  if (lh !== null && ph !== null && (sameUnit ? promised! > legal! : ph > lh)) {
    out.push({ rule: 'promised_within_legal', element: 'promisedLimit', message: `承诺办结时限（${displayValue({ key: 'p', label: '', group: 'impl', kind: 'timeLimit', builtin: true }, values.promisedLimit)}）长于法定办结时限（${displayValue({ key: 'l', label: '', group: 'impl', kind: 'timeLimit', builtin: true }, values.legalLimit)}）` });
  }
  if (values.charged === '是' && isEmptyValue(values.feeBasis)) out.push({ rule: 'fee_basis', element: 'feeBasis', message: '收费事项缺少收费依据' });
  return out;
}

/** Score of one item: the share of the rules it passes, 0–100. */
export function itemScore(values: ElementValues): number {
  return Math.round((100 * (COMPLETENESS_RULES.length - completenessProblems(values).length)) / COMPLETENESS_RULES.length);
}

/** Score per unit: the mean of its items' scores (rounded), with the number of items and of items with problems. */
export function unitScores(items: readonly { agencyId: number; agencyName: string; values: ElementValues }[]): { agencyId: number; agency: string; score: number; items: number; incomplete: number }[] {
  return unitScoresOf(items.map((it) => ({ agencyId: it.agencyId, agencyName: it.agencyName, score: itemScore(it.values) })));
}

/** unitScores from the items' scores already computed (stored with the values: service_items.completeness_score). */
export function unitScoresOf(items: readonly { agencyId: number; agencyName: string; score: number }[]): { agencyId: number; agency: string; score: number; items: number; incomplete: number }[] {
  const by = new Map<number, { agency: string; sum: number; n: number; bad: number }>();
  for (const it of items) {
    const s = it.score;
    const r = by.get(it.agencyId) ?? { agency: it.agencyName, sum: 0, n: 0, bad: 0 };
    r.sum += s; r.n++; if (s < 100) r.bad++;
    by.set(it.agencyId, r);
  }
  return [...by.entries()].map(([agencyId, r]) => ({ agencyId, agency: r.agency, score: Math.round(r.sum / r.n), items: r.n, incomplete: r.bad })).sort((a, b) => a.score - b.score || a.agencyId - b.agencyId);
}
