import { describe, expect, it } from 'vitest';
import { foldTable4 } from './appeals.ts';

describe('foldTable4', () => {
  it('counts cases filed in the year by group and result, with 总计', () => {
    const t = foldTable4([
      { kind: 'review', filedOn: '2025-03-01', result: 'upheld' },
      { kind: 'review', filedOn: '2025-05-01', result: 'pending' },
      { kind: 'litigation_direct', filedOn: '2025-06-01', result: 'corrected' },
      { kind: 'litigation_after_review', filedOn: '2024-12-31', result: 'other' },
    ], 2025);
    expect(t['行政复议']).toEqual({ 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 2 });
    expect(t['未经复议直接起诉']).toEqual({ 结果维持: 0, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 1 });
    expect(t['复议后起诉']).toEqual({ 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 0 });
  });
});
