import { describe, expect, it } from 'vitest';
import { receiptDateFor } from './receipt.ts';

describe('第三十一条 receipt date by channel', () => {
  const dates = { submittedOn: '2026-03-02', signedOn: '2026-03-05', confirmedOn: '2026-03-06' };
  it.each([
    ['in_person', '2026-03-02'], ['registered_mail', '2026-03-05'], ['ordinary_mail', '2026-03-06'], ['fax', '2026-03-06'], ['email', '2026-03-06'], ['online', '2026-03-06'],
  ] as const)('%s → %s', (channel, on) => {
    expect(receiptDateFor(channel, dates)).toMatchObject({ ok: true, receivedOn: on });
  });
  it('names the missing date', () => {
    expect(receiptDateFor('registered_mail', { submittedOn: '2026-03-02' })).toMatchObject({ ok: false, field: 'signedOn', message: expect.stringContaining('请填写签收日期') });
  });
  it('refuses a receipt before submission', () => {
    expect(receiptDateFor('fax', { submittedOn: '2026-03-02', confirmedOn: '2026-03-01' })).toMatchObject({ ok: false });
  });
});
