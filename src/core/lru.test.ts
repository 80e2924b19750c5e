import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

describe('Lru', () => {
  it.each([
    // [maxEntries, operations, keys kept oldest → newest]
    [2, ['set a', 'set b', 'set c'], ['b', 'c']],
    [2, ['set a', 'set b', 'get a', 'set c'], ['a', 'c']],
    [3, ['set a', 'set b', 'set a', 'set c', 'set d'], ['a', 'c', 'd']],
    [1, ['set a', 'set b', 'get a'], ['b']],
    [3, ['set a', 'set b', 'delete a', 'set c', 'set d'], ['b', 'c', 'd']],
  ] as const)('maxEntries %i, %j keeps %j', (maxEntries, ops, kept) => {
    const c = new Lru<string, number>({ maxEntries });
    for (const op of ops) {
      const [verb, key] = op.split(' ') as [string, string];
      if (verb === 'set') c.set(key, 1);
      else if (verb === 'get') c.get(key);
      else c.delete(key);
    }
    expect([...c.keys()]).toEqual(kept);
  });

  it.each([
    // [maxWeight, values set in order (key = value), keys kept, total weight]
    [10, ['aaaa', 'bbbb', 'cccc'], ['bbbb', 'cccc'], 8],
    [10, ['aaaaaaaaaa', 'b'], ['b'], 1],
    [10, ['aaaaaaaaaaa'], [], 0],
    [10, ['aaa', 'bbb', 'ccc', 'd'], ['aaa', 'bbb', 'ccc', 'd'], 10],
    [10, ['aaa', 'bbb', 'ccc', 'dd'], ['bbb', 'ccc', 'dd'], 8],
  ] as const)('maxWeight %i, values %j keep %j (weight %i)', (maxWeight, values, kept, weight) => {
    const c = new Lru<string, string>({ maxEntries: 100, maxWeight, weigh: (v) => v.length });
    for (const v of values) c.set(v, v);
    expect([...c.keys()]).toEqual(kept);
    expect(c.weight).toBe(weight);
  });

  it('replacing a value re-weighs it and makes it the newest', () => {
    const c = new Lru<string, string>({ maxEntries: 10, maxWeight: 6, weigh: (v) => v.length });
    c.set('a', 'xx').set('b', 'yy').set('a', 'xxxx');
    expect([...c.keys()]).toEqual(['b', 'a']);
    expect(c.weight).toBe(6);
    expect(c.get('a')).toBe('xxxx');
    c.clear();
    expect([c.size, c.weight]).toEqual([0, 0]);
  });

  it('refuses a bound below one entry', () => {
    expect(() => new Lru({ maxEntries: 0 })).toThrow(RangeError);
  });
});
