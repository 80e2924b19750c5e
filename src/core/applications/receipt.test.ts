import { describe, expect, it } from 'vitest';
import { receiptDate } from '../deadlines/index.ts';
import { CHANNELS, isChannel } from './receipt.ts';

describe('channels', () => {
  it('every channel is understood by the deadline engine (第三十一条)', () => {
    const facts = { submittedOn: '2026-03-02', signedOn: '2026-03-05', confirmedOn: '2026-03-06' };
    expect(CHANNELS.map((c) => receiptDate(c, facts).date)).toEqual(['2026-03-06', '2026-03-02', '2026-03-05', '2026-03-06', '2026-03-06', '2026-03-06']);
  });
  it('isChannel', () => {
    expect(isChannel('fax')).toBe(true);
    expect(isChannel('pigeon')).toBe(false);
  });
});
