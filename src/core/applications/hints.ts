// Hints for the officer — never decisions (the officer decides and chooses the outcome).
//  - repeat: the same applicant asks again for information already answered → 条例 第三十六条第六项
//    (重复申请公开相同政府信息，告知不予重复处理) → outcome decline_repeat, if the officer agrees.
//  - volume: the applicant's number of applications is unusually high → 条例 第三十五条 (数量、频次明显超过
//    合理范围, the agency may ask for reasons). The thresholds are PRACTICE (no national figure): configurable.

export interface HintApplication {
  id: string | number;
  applicantKey: string;
  content: string;
  receivedOn: string | null;
  /** True once a reply was issued (答复). */
  answered: boolean;
}

export interface RepeatHint {
  kind: 'repeat';
  basis: '条例第三十六条第六项';
  message: string;
  matches: { id: string | number; similarity: number }[];
}

export interface VolumeHint {
  kind: 'volume';
  basis: '条例第三十五条';
  message: string;
  inMonth: number;
  inYear: number;
}

export type Hint = RepeatHint | VolumeHint;

/** Normalise Chinese text for comparison: drop whitespace and punctuation, unify full-width digits/letters, lower-case. */
export function normaliseText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/^(请|申请|我|本人|要求)+/u, '')
    .replace(/^(公开|提供|获取)+/u, '');
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) m.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** A text prepared once for many comparisons (normalised, its bigram counts): see {@link profileSimilarity}. */
export interface TextProfile {
  norm: string;
  grams: Map<string, number>;
  total: number;
}

export function textProfile(s: string): TextProfile {
  const norm = normaliseText(s);
  const grams = bigrams(norm);
  let total = 0;
  for (const n of grams.values()) total += n;
  return { norm, grams, total };
}

/** {@link similarity} of two prepared texts (the same value, without preparing either text again). */
export function profileSimilarity(a: TextProfile, b: TextProfile): number {
  if (a.norm.length === 0 || b.norm.length === 0) return 0;
  if (a.norm === b.norm) return 1;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  let inter = 0;
  for (const [g, n] of small) inter += Math.min(n, large.get(g) ?? 0);
  const total = a.total + b.total;
  return total === 0 ? 0 : (2 * inter) / total;
}

/** Dice coefficient over character bigrams (works for Chinese without word segmentation), 0..1. */
export function similarity(a: string, b: string): number {
  return profileSimilarity(textProfile(a), textProfile(b));
}

export interface HintOptions {
  /** Similarity at or above which an answered application counts as "the same information". Default 0.75. */
  repeatThreshold?: number;
  /** Applications in one natural month from which volume is flagged. Default 10 (where 109号 第四条 fees start to apply). */
  volumePerMonth?: number;
  /** Applications in the 12 months before from which volume is flagged. Default 30. */
  volumePerYear?: number;
}

/** Hints for `target` given the same agency's other applications (any applicant; filtered here). */
export function hintsFor(target: HintApplication, others: readonly HintApplication[], opts: HintOptions = {}): Hint[] {
  const threshold = opts.repeatThreshold ?? 0.75;
  const perMonth = opts.volumePerMonth ?? 10;
  const perYear = opts.volumePerYear ?? 30;
  const same = others.filter((o) => o.applicantKey === target.applicantKey && String(o.id) !== String(target.id));
  const hints: Hint[] = [];
  const matches = same
    .filter((o) => o.answered)
    .map((o) => ({ id: o.id, similarity: Math.round(similarity(target.content, o.content) * 100) / 100 }))
    .filter((m) => m.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
  if (matches.length > 0) {
    hints.push({
      kind: 'repeat', basis: '条例第三十六条第六项', matches,
      message: `同一申请人已有${matches.length}件内容相近且已答复的申请，可能属于重复申请（条例第三十六条第六项）。请核实后决定，本提示不是结论。`,
    });
  }
  if (target.receivedOn) {
    const month = target.receivedOn.slice(0, 7);
    const y = Number(target.receivedOn.slice(0, 4));
    const yearAgo = `${y - 1}${target.receivedOn.slice(4)}`;
    const dated = [...same.filter((o) => o.receivedOn), target];
    const inMonth = dated.filter((o) => o.receivedOn!.slice(0, 7) === month && o.receivedOn! <= target.receivedOn!).length;
    const inYear = dated.filter((o) => o.receivedOn! > yearAgo && o.receivedOn! <= target.receivedOn!).length;
    if (inMonth > perMonth || inYear > perYear) {
      hints.push({
        kind: 'volume', basis: '条例第三十五条', inMonth, inYear,
        message: `该申请人本月已提出${inMonth}件、近12个月已提出${inYear}件申请，数量或频次可能明显超过合理范围（条例第三十五条），可以要求其说明理由。本提示不是结论。`,
      });
    }
  }
  return hints;
}
