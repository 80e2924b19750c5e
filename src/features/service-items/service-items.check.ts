// The must-match check and completeness scores over stored digests (decision 165): every write stores, with the
// values, a digest per element of the compared form and the item's completeness score (valueColumns); the check
// reads the digests of the trees it covers and opens the values only of the trees where an element's digests
// differ (or a row has no usable digest), comparing just those elements with the full comparison
// (core mustMatchDifferences) — the same differences, in the same order, and the same scores as comparing every
// row's values, at a fraction of the reading.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, toJson } from '../../db/dialect.ts';
import {
  checkDigest, digestHas, digestNeedle, digestUsable, elementDigest, itemScore, mustMatchDifferences, unitScores, unitScoresOf,
  type Difference, type ElementDef, type ElementValues, type LevelItem,
} from '../../core/service-items/index.ts';
import * as repo from './service-items.repository.ts';

/** 64 bits of SHA-256 as 11 base64url characters (core/service-items/digest.ts Hash). */
export const digestHash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 11);

/** The columns written together with an item's values (every write path: create, update, import, files, seed, bench). */
export function valueColumns(schema: readonly ElementDef[], values: ElementValues): { values_json: string; check_digest: string; completeness_score: number } {
  return { values_json: toJson(values)!, check_digest: checkDigest(schema, values, digestHash), completeness_score: itemScore(values) };
}

export interface CheckOutcome {
  /** the rows read (digests, no values) */
  rows: repo.CheckRow[];
  /** names of the rows whose values were opened (every row of a tree with a difference) */
  itemNames: Map<number, string>;
  differences: Difference[];
  /** per unit of `scoreUnits`: mean score, items, items with problems */
  scores: { agencyId: number; agency: string; score: number; items: number; incomplete: number }[];
}

/**
 * Differences of the must-match elements in the item trees touching `units` (core mustMatchDifferences order), and
 * the completeness scores of the rows of `scoreUnits`. Reads one query of digests; values only where needed.
 */
export async function checkTrees(db: Kysely<Database>, units: readonly number[], mustMatch: readonly ElementDef[], names: ReadonlyMap<number, string>, scoreUnits: ReadonlySet<number>): Promise<CheckOutcome> {
  const rows = await repo.checkRowsFor(db, units);
  const kidsOf = new Map<number, repo.CheckRow[]>();
  for (const r of rows) if (r.parent_id !== null) { const l = kidsOf.get(r.parent_id); if (l) l.push(r); else kidsOf.set(r.parent_id, [r]); }
  // per tree, the elements whose digests are not all equal (or cannot be told: a row without a usable digest)
  const needles = mustMatch.map((e) => digestNeedle(e.key));
  const open = new Map<number, ElementDef[]>();
  const need = new Set<number>();
  for (const root of rows) {
    if (root.parent_id !== null) continue;
    const kids = kidsOf.get(root.id);
    if (!kids) continue;
    const rd = root.check_digest;
    let els: ElementDef[];
    if (!digestUsable(rd) || kids.some((k) => !digestUsable(k.check_digest))) els = [...mustMatch];
    else {
      els = [];
      for (let n = 0; n < needles.length; n++) {
        const h = elementDigest(rd, mustMatch[n]!.key);
        if (kids.some((k) => !digestHas(k.check_digest!, needles[n]!, h))) els.push(mustMatch[n]!);
      }
      if (!els.length) continue;
    }
    open.set(root.id, els);
    need.add(root.id);
    for (const k of kids) need.add(k.id);
  }
  const scored = rows.filter((r) => scoreUnits.has(r.agency_id));
  for (const r of scored) if (r.completeness_score === null) need.add(r.id);
  const stored = await repo.valuesOf(db, [...need]);
  const valuesOf = (id: number): ElementValues => fromJson<ElementValues>(stored.get(id)?.values_json) ?? {};
  const level = (r: repo.CheckRow): LevelItem => ({ id: r.id, parentId: r.parent_id, agencyId: r.agency_id, agencyName: names.get(r.agency_id) ?? '', name: stored.get(r.id)?.name ?? '', values: valuesOf(r.id) });
  const differences: Difference[] = [];
  for (const root of rows) {
    const els = root.parent_id === null ? open.get(root.id) : undefined;
    if (!els) continue;
    differences.push(...mustMatchDifferences([level(root), ...kidsOf.get(root.id)!.map(level)], els));
  }
  const scores = unitScoresOf(scored.map((r) => ({ agencyId: r.agency_id, agencyName: names.get(r.agency_id) ?? '', score: r.completeness_score ?? itemScore(valuesOf(r.id)) })));
  return { rows, itemNames: new Map([...stored].map(([id, r]) => [id, r.name])), differences, scores };
}

/**
 * The same outcome by comparing every row's values (no digests): the reference the digest check must equal (the
 * table test on both engines) and the baseline of the benchmark.
 */
export async function checkTreesByValues(db: Kysely<Database>, units: readonly number[], mustMatch: readonly ElementDef[], names: ReadonlyMap<number, string>, scoreUnits: ReadonlySet<number>): Promise<CheckOutcome> {
  const rows = await repo.checkRowsFor(db, units);
  const stored = await repo.valuesOf(db, rows.map((r) => r.id));
  const items = rows.map((r): LevelItem => ({ id: r.id, parentId: r.parent_id, agencyId: r.agency_id, agencyName: names.get(r.agency_id) ?? '', name: stored.get(r.id)?.name ?? '', values: fromJson<ElementValues>(stored.get(r.id)?.values_json) ?? {} }));
  return {
    rows, itemNames: new Map([...stored].map(([id, r]) => [id, r.name])),
    differences: mustMatchDifferences(items, mustMatch),
    scores: unitScores(items.filter((i) => scoreUnits.has(i.agencyId))),
  };
}
