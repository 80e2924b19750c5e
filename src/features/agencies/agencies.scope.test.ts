import { describe, expect, it } from 'vitest';
import { descendantsAndSelf, scopeFor } from './agencies.scope.ts';

// 1 区政府 → 2 审批局, 3 街道 → 4 社区; 5 另一个区政府
const tree = [
  { id: 1, parent_id: null },
  { id: 2, parent_id: 1 },
  { id: 3, parent_id: 1 },
  { id: 4, parent_id: 3 },
  { id: 5, parent_id: null },
];

describe('agency scope', () => {
  it.each([
    ['admin', 2, [1, 2, 3, 4, 5]],
    ['supervisor', 1, [1, 2, 3, 4]],
    ['supervisor', 3, [3, 4]],
    ['supervisor', 4, [4]],
    ['officer', 1, [1]],
    ['reviewer', 2, [2]],
    ['leader', 3, [3]],
  ] as const)('%s of agency %i sees %j', (role, agencyId, expected) => {
    expect(scopeFor(role, agencyId, tree)).toEqual(expected);
  });

  it('survives a cycle in bad data', () => {
    expect(descendantsAndSelf([{ id: 1, parent_id: 2 }, { id: 2, parent_id: 1 }], 1)).toEqual([1, 2]);
  });
});
