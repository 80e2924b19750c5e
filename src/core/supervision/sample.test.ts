import { describe, expect, it } from 'vitest';
import { drawSample, sampleScore } from './sample.ts';

const pop = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `catalogue_item:${String(i + 1).padStart(6, '0')}`, id: i + 1 }));

describe('the 抽查 draw', () => {
  it.each([
    // seed, population, n → the ids drawn (reference values of mulberry32; a change of the algorithm fails here)
    { seed: 1, size: 10, n: 3 },
    { seed: 20260131, size: 100, n: 5 },
    { seed: 2147483647, size: 7, n: 7 },
  ])('seed $seed over $size records, $n drawn: reproducible, distinct, independent of input order', ({ seed, size, n }) => {
    const a = drawSample(pop(size), n, seed);
    expect(a).toHaveLength(n);
    expect(new Set(a.map((x) => x.id)).size).toBe(n);
    expect(drawSample([...pop(size)].reverse(), n, seed)).toEqual(a);
    expect(drawSample(pop(size), n, seed + 1).map((x) => x.id)).not.toEqual(a.map((x) => x.id));
  });

  it('the recorded reference draws', () => {
    expect(drawSample(pop(10), 3, 1).map((x) => x.id)).toEqual(REF_1);
    expect(drawSample(pop(100), 5, 20260131).map((x) => x.id)).toEqual(REF_2);
  });

  it('fewer records than asked: all of them; none asked: none', () => {
    expect(drawSample(pop(2), 5, 9).map((x) => x.id).sort()).toEqual([1, 2]);
    expect(drawSample(pop(5), 0, 9)).toEqual([]);
    expect(drawSample([], 3, 9)).toEqual([]);
  });

  it('the sample score counts only checked records', () => {
    expect(sampleScore([null, null])).toEqual({ checked: 0, passed: 0, value: null });
    expect(sampleScore(['pass', 'fail', 'pass', null])).toEqual({ checked: 3, passed: 2, value: 66.7 });
  });
});

const REF_1 = [7, 2, 1];
const REF_2 = [47, 35, 68, 26, 58];
