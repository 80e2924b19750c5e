// 差异比对 of the narrative (正文) of two annual reports (decision 175): section by section (matched by key), sentence by
// sentence — Chinese text has no spaces, so a character diff of a whole section is a scatter of single characters an
// officer cannot read; a sentence that changed is paired with its counterpart and only inside the pair are characters
// compared (the figures that changed stand out). The diff is jsdiff's (Myers, `diff` on npm).
import { diffArrays, diffChars } from 'diff';
import { compareReports, sentencesOf, type ReportComparison } from '../../core/report/compare.ts';
import type { ReportModel } from '../../core/report/model.ts';

export interface Piece {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

/** One row of the side-by-side narrative: a sentence on both sides (equal), only on the left (delete), only on the
 *  right (insert), or changed (both, with the characters that differ marked). */
export type SentenceRow =
  | { op: 'equal'; left: string; right: string }
  | { op: 'delete'; left: string }
  | { op: 'insert'; right: string }
  | { op: 'change'; left: string; right: string; leftParts: Piece[]; rightParts: Piece[] };

export interface SectionComparison {
  key: string;
  heading: string;
  /** false when the section is missing on that side */
  inLeft: boolean;
  inRight: boolean;
  changed: boolean;
  rows: SentenceRow[];
}

export interface FullComparison extends ReportComparison {
  sections: SectionComparison[];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** How much of two sentences is common (0–1), by characters. */
function similarity(parts: readonly { value: string; added: boolean; removed: boolean }[], a: string, b: string): number {
  const common = parts.filter((p) => !p.added && !p.removed).reduce((s, p) => s + p.value.length, 0);
  return (2 * common) / Math.max(1, a.length + b.length);
}

/** A sentence pair's characters compared; null when they have too little in common to be the same sentence edited. */
function pairParts(a: string, b: string): { leftParts: Piece[]; rightParts: Piece[] } | null {
  if (a.length > 2000 || b.length > 2000) return null;
  const parts = diffChars(a, b, { maxEditLength: 1000 });
  if (!parts || similarity(parts, a, b) < 0.5) return null;
  const leftParts: Piece[] = [], rightParts: Piece[] = [];
  for (const p of parts) {
    if (!p.added) leftParts.push({ op: p.removed ? 'delete' : 'equal', text: p.value });
    if (!p.removed) rightParts.push({ op: p.added ? 'insert' : 'equal', text: p.value });
  }
  return { leftParts, rightParts };
}

/** Two texts compared sentence by sentence; removed sentences followed by added ones are paired when they are alike. */
export function compareText(left: string, right: string): SentenceRow[] {
  const a = sentencesOf(left), b = sentencesOf(right);
  const changes = diffArrays(a, b, { comparator: (x: string, y: string) => norm(x) === norm(y) });
  const rows: SentenceRow[] = [];
  let ai = 0, bi = 0;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    if (!c.added && !c.removed) {
      for (let i = 0; i < c.count; i++) rows.push({ op: 'equal', left: a[ai++]!, right: b[bi++]! });
      continue;
    }
    if (c.removed) {
      const next = changes[k + 1];
      const removed = a.slice(ai, ai + c.count);
      ai += c.count;
      const added = next?.added ? b.slice(bi, bi + next.count) : [];
      if (next?.added) { bi += next.count; k++; }
      const n = Math.max(removed.length, added.length);
      for (let i = 0; i < n; i++) {
        const l = removed[i], r = added[i];
        const paired = l !== undefined && r !== undefined ? pairParts(l, r) : null;
        if (paired) rows.push({ op: 'change', left: l!, right: r!, ...paired });
        else {
          if (l !== undefined) rows.push({ op: 'delete', left: l });
          if (r !== undefined) rows.push({ op: 'insert', right: r });
        }
      }
      continue;
    }
    for (let i = 0; i < c.count; i++) rows.push({ op: 'insert', right: b[bi++]! });
  }
  return rows;
}

export function compareSections(l: ReportModel, r: ReportModel): SectionComparison[] {
  const keys: string[] = [];
  for (const s of [...(l.sections ?? []), ...(r.sections ?? [])]) if (!keys.includes(s.key)) keys.push(s.key);
  return keys.map((key) => {
    const ls = l.sections?.find((s) => s.key === key), rs = r.sections?.find((s) => s.key === key);
    const rows = compareText(ls?.text ?? '', rs?.text ?? '');
    return { key, heading: ls?.heading ?? rs?.heading ?? key, inLeft: !!ls, inRight: !!rs, changed: rows.some((x) => x.op !== 'equal') || !ls !== !rs, rows };
  });
}

/** The whole comparison: tables and cross-year rules (core) and the narrative. */
export function compareReportModels(left: ReportModel, right: ReportModel): FullComparison {
  return { ...compareReports(left, right), sections: compareSections(left, right) };
}
