import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDigest, digestHas, digestNeedle, digestUsable, elementDigest, elementSchema, type ElementValues } from './index.ts';

const hash = (t: string) => createHash('sha256').update(t, 'utf8').digest('base64url').slice(0, 11);
const schema = elementSchema();
const base: ElementValues = { name: '食品经营许可', type: '行政许可', legalBasis: '《食品安全法》第三十五条', promisedLimit: { amount: '5', unit: '工作日' }, place: '区政务服务中心' };

describe('check digests', () => {
  it('the default must-match elements come first, each with an 11-character hash', () => {
    const d = checkDigest(schema, { place: base.place!, ...base }, hash);
    expect(d.split(';').map((p) => p.split('=')[0])).toEqual(['v1', 'name', 'type', 'legalBasis', 'promisedLimit', 'place', '']);
    expect(elementDigest(d, 'name')).toHaveLength(11);
    expect(digestUsable(d)).toBe(true);
    expect(digestUsable('v0;name=AAAAAAAAAAA;')).toBe(false);
    expect(digestUsable(null)).toBe(false);
  });

  it.each<[string, ElementValues, string, boolean]>([
    ['spacing and a final 。 do not count', { legalBasis: '《食品安全法》 第三十五条。' }, 'legalBasis', true],
    ['full-width digits do not count', { promisedLimit: { amount: '５', unit: '工作日' } }, 'promisedLimit', true],
    ['another amount counts', { promisedLimit: { amount: '10', unit: '工作日' } }, 'promisedLimit', false],
    ['an absent element differs from a present one', { legalBasis: undefined }, 'legalBasis', false],
    ['another element does not matter', { place: '街道便民服务中心' }, 'legalBasis', true],
  ])('%s', (_n, over, key, same) => {
    const a = checkDigest(schema, base, hash);
    const b = checkDigest(schema, Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== undefined)) as ElementValues, hash);
    expect(elementDigest(a, key) === elementDigest(b, key)).toBe(same);
    expect(digestHas(b, digestNeedle(key), elementDigest(a, key))).toBe(same);
  });

  it('an element the item does not hold: hash "" and digestHas answers by absence', () => {
    const d = checkDigest(schema, base, hash);
    expect(elementDigest(d, 'conditions')).toBe('');
    expect(digestHas(d, digestNeedle('conditions'), '')).toBe(true);
    expect(digestHas(d, digestNeedle('name'), '')).toBe(false);
  });
});
