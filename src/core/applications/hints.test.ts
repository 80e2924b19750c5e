import { describe, expect, it } from 'vitest';
import { hintsFor, normaliseText, similarity, type HintApplication } from './hints.ts';

describe('similarity', () => {
  it.each([
    ['请公开2019年行政许可办件数量', '申请公开2019年行政许可办件数量。', 1],
    ['请公开２０１９年行政许可办件数量', '公开2019年行政许可办件数量', 1],
  ])('%s ~ %s = %s', (a, b, s) => expect(similarity(a, b)).toBe(s));
  it('close wording scores high, different topics low', () => {
    expect(similarity('2019年行政许可办件数量', '2019年度行政许可办件的数量')).toBeGreaterThan(0.75);
    expect(similarity('2019年行政许可办件数量', '某小区规划许可证及附图')).toBeLessThan(0.2);
  });
  it('normalises punctuation and the usual prefix', () => {
    expect(normaliseText('请公开：A、B。')).toBe('ab');
  });
});

describe('hintsFor', () => {
  const base: HintApplication = { id: 100, applicantKey: 'P:1', content: '请公开2019年行政许可办件数量', receivedOn: '2025-04-20', answered: false };
  it('flags a repeat of an answered application by the same applicant (第三十六条第六项)', () => {
    const others: HintApplication[] = [
      { id: 1, applicantKey: 'P:1', content: '公开2019年行政许可办件数量', receivedOn: '2025-01-02', answered: true },
      { id: 2, applicantKey: 'P:1', content: '公开2019年行政许可办件数量', receivedOn: '2025-01-03', answered: false },
      { id: 3, applicantKey: 'P:2', content: '公开2019年行政许可办件数量', receivedOn: '2025-01-03', answered: true },
    ];
    const h = hintsFor(base, others);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ kind: 'repeat', basis: '条例第三十六条第六项', matches: [{ id: 1, similarity: 1 }] });
    expect(h[0]!.message).toContain('不是结论');
  });
  it('flags an unusual monthly volume (第三十五条) from the 11th application of a month', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, applicantKey: 'P:1', content: `关于第${i}号文件的公开`, receivedOn: `2025-04-${String(i + 1).padStart(2, '0')}`, answered: false }));
    expect(hintsFor(base, ten.slice(0, 9))).toEqual([]);
    const h = hintsFor(base, ten);
    expect(h).toEqual([expect.objectContaining({ kind: 'volume', inMonth: 11, inYear: 11 })]);
  });
});
