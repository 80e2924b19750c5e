// SearchMemo (decisions 225 and 280): what PostgreSQL searches found is kept per query while the catalogue generation
// is unchanged and for at most its age bound, counted from the collection — a record whose tier lists a later page
// extended and stored again does not live longer.
import { describe, expect, it } from 'vitest';
import { SearchMemo, type Collected } from './catalogue.search-pg.ts';

const record = (keys: number[] = []): Collected => ({
  scope: { agencyId: 1, filter: '', agencyToken: '', small: false, newest: 0, oldest: 0, perDay: 0 },
  keys: new Float64Array(0),
  tiers: new Uint8Array(0),
  total: 1001,
  lists: [{ keys, below: 5 }, { keys: [], below: 5 }, { keys: [], below: 5 }],
});

describe('SearchMemo', () => {
  // each step: [at ms, action, generation]; `expect`: whether `get` then finds the record
  const cases: Array<{ name: string; steps: Array<[number, 'set' | 'reset' | 'get' | 'bump', boolean?]> }> = [
    { name: 'kept within the age bound', steps: [[0, 'set'], [29_999, 'get', true]] },
    { name: 'dropped past the age bound', steps: [[0, 'set'], [30_001, 'get', false]] },
    { name: 'stored again after a page extended it: still aged from the collection', steps: [[0, 'set'], [20_000, 'reset'], [30_001, 'get', false]] },
    { name: 'stored again within the bound: found', steps: [[0, 'set'], [20_000, 'reset'], [25_000, 'get', true]] },
    { name: 'dropped when the generation moves (a publication here or on another process)', steps: [[0, 'set'], [1, 'bump'], [2, 'get', false]] },
    { name: 'not kept when the generation moved during its search', steps: [[0, 'bump'], [1, 'set'], [2, 'get', false]] },
  ];
  it.each(cases)('$name', ({ steps }) => {
    let now = 0;
    let gen = 1;
    const memo = new SearchMemo(() => gen, () => now);
    const c = record([7, 6]);
    const genBefore = gen;
    for (const [at, action, found] of steps) {
      now = at;
      if (action === 'bump') gen++;
      else if (action === 'set') memo.set('q', genBefore, c);
      else if (action === 'reset') { c.lists[0]!.keys.push(4); memo.set('q', gen, c); }
      else expect(memo.get('q') === c).toBe(found);
    }
  });

  it('a new record for the same query starts a new age', () => {
    let now = 0;
    const memo = new SearchMemo(() => 1, () => now);
    memo.set('q', 1, record());
    now = 20_000;
    const fresh = record();
    memo.set('q', 1, fresh);
    now = 45_000;
    expect(memo.get('q')).toBe(fresh);
  });
});
