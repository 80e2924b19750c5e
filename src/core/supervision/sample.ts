// The 不定期抽查 sample: records drawn at random for a supervisor to check by hand. Pure and reproducible: the
// population is put in a canonical order (by key) and drawn with core/random.ts mulberry32 from the recorded seed, so
// the same seed over the same records gives the same draw on every machine — anyone can verify a recorded draw.
import { mulberry32 } from '../random.ts';

export const SAMPLE_KINDS = [
  { key: 'catalogue_item', label: '主动公开信息' },
  { key: 'application', label: '依申请公开办件' },
] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number]['key'];
export const sampleKindLabel = (k: SampleKind) => SAMPLE_KINDS.find((x) => x.key === k)!.label;

export const SAMPLE_RESULTS = [
  { key: 'pass', label: '合格' },
  { key: 'fail', label: '不合格' },
] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number]['key'];
export const sampleResultLabel = (r: SampleResult) => SAMPLE_RESULTS.find((x) => x.key === r)!.label;

/** The largest seed (seeds are stored as 31-bit integers so that every engine keeps them exactly). */
export const MAX_SEED = 0x7fffffff;
/** At most this many records of each kind per draw. */
export const MAX_SAMPLE = 200;

/**
 * Draws `n` records (all when fewer) without replacement: a partial Fisher–Yates shuffle over the population sorted by
 * key, driven by mulberry32(seed). The result is in draw order.
 */
export function drawSample<T extends { key: string }>(population: readonly T[], n: number, seed: number): T[] {
  const pool = [...population].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const r = mulberry32(seed);
  const take = Math.min(Math.max(0, Math.floor(n)), pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(r() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take);
}

/** Share of checked records found 合格, 0–100 (one decimal), with the counts; null when none is checked yet. */
export function sampleScore(results: readonly (SampleResult | null)[]): { checked: number; passed: number; value: number | null } {
  const checked = results.filter((r) => r !== null).length;
  const passed = results.filter((r) => r === 'pass').length;
  return { checked, passed, value: checked ? Math.round((1000 * passed) / checked) / 10 : null };
}
