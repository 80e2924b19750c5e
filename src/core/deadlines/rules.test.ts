import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import { proactiveDeadline, receiptDate, ReceiptError, remedyDeadlines } from './index.ts';

const cal = shippedCalendar();

describe('receiptDate (第三十一条; 国办公开办函〔2015〕207号)', () => {
  it.each([
    ['in_person', { submittedOn: '2019-09-20' }, '2019-09-20', /第三十一条第一项/],
    ['post_signed', { submittedOn: '2019-09-18', signedOn: '2019-09-20' }, '2019-09-20', /签收之日/],
    ['registered_mail', { signedOn: '2019-09-20' }, '2019-09-20', /签收之日/], // alias used by the applications feature
    ['ordinary_letter', { confirmedOn: '2019-09-23' }, '2019-09-23', /与申请人确认之日/],
    ['online', { submittedOn: '2019-09-20', confirmedOn: '2019-09-23' }, '2019-09-23', /第三十一条第三项/],
    ['fax', { confirmedOn: '2019-09-23' }, '2019-09-23', /双方确认之日/],
    ['email', { confirmedOn: '2019-09-23', mailboxReceivedOn: '2019-09-21' }, '2019-09-23', /电子邮件（互联网渠道）/],
  ] as const)('%s', (channel, facts, date, basis) => {
    const r = receiptDate(channel, facts);
    expect(r.date).toBe(date);
    expect(r.basis).toMatch(basis);
  });

  it('e-mail under the 207号 mailbox rule (setting)', () => {
    expect(receiptDate('email', { mailboxReceivedOn: '2019-09-21' }, { emailRule: 'mailbox_receipt' }).date).toBe('2019-09-21');
  });

  it('names the missing or inconsistent date', () => {
    expect(() => receiptDate('ordinary_letter', { signedOn: '2019-09-20' })).toThrow(/请填写与申请人确认的日期/);
    expect(() => receiptDate('online', { submittedOn: '2019-09-20', confirmedOn: '2019-09-19' })).toThrow(/不能早于申请提交日期/);
    expect(() => receiptDate('pigeon', {})).toThrow(ReceiptError);
  });
});

describe('proactiveDeadline (第二十六条)', () => {
  it('20 working days after formation, explained', () => {
    const r = proactiveDeadline('2019-09-20', cal);
    expect(r).toEqual({
      formed: '2019-09-20',
      due: '2019-10-23',
      provisional: false,
      explanation: ['2019-09-20 信息形成或者变更（第二十六条）→ 自次日起算20个工作日，其间10月1日至7日为国庆假期，9月29日、10月12日为调休上班日 → 2019-10-23'],
    });
  });
  it('provisional into 2027', () => {
    expect(proactiveDeadline('2026-12-10', cal)).toMatchObject({ due: '2027-01-08', provisional: true });
  });
});

describe('remedyDeadlines (行政复议法第二十条, 行政诉讼法第四十六条)', () => {
  it.each([
    // known, 复议 nominal (d + 60), 复议 due, 诉讼 nominal (6 months), 诉讼 due
    ['2019-08-02', '2019-10-01', '2019-10-08', '2020-02-02', '2020-02-03'], // 10/1 国庆 → 10/8; 2020-02-02 春节(延长) → 2/3
    ['2024-08-31', '2024-10-30', '2024-10-30', '2025-02-28', '2025-02-28'], // 民法典 第二百零二条: no Feb 31 → month end
    ['2019-03-05', '2019-05-04', '2019-05-05', '2019-09-05', '2019-09-05'], // 5/4 劳动节 (国办发明电〔2019〕3号) → next working day is Sunday 5/5 (调休上班日)
  ] as const)('%s', (known, rn, rd, ln, ld) => {
    const r = remedyDeadlines(known, cal);
    expect(r.reconsideration.nominal).toBe(rn);
    expect(r.litigation.nominal).toBe(ln);
    expect(r.litigation.due).toBe(ld);
    expect(r.reconsideration.due).toBe(rd);
  });
  it('without a calendar the nominal dates are returned', () => {
    expect(remedyDeadlines('2019-08-02').reconsideration.due).toBe('2019-10-01');
  });
});
