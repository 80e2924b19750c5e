// Hand-computed ledger scenarios. Each row's comment is the count done by hand on the notices
// (day numbers in parentheses are the running working-day count); the engine must agree.
import { describe, expect, it } from 'vitest';
import { createCalendar, shippedCalendar, SHIPPED_YEARS } from '../calendar/index.ts';
import { proactiveDeadline } from './proactive.ts';
import { computeDeadline, LedgerError } from './index.ts';
import type { DeadlineResult, DeadlineSettings, Ledger } from './index.ts';

const cal = shippedCalendar();
type E = Ledger['events'][number];
const L = (received: string, ...events: E[]): Ledger => ({ received, events });

interface Row {
  name: string;
  ledger: Ledger;
  settings?: Partial<DeadlineSettings>;
  today?: string;
  expect: Partial<DeadlineResult> & { warningMatch?: RegExp };
}

const rows: Row[] = [
  // ---- plain receipt → 20 working days (第三十三条) ----
  { name: 'brief example: 2019 National Day', ledger: L('2019-09-20'),
    // 9/23–27 (5), 9/29 Sun 调休 (6), 9/30 (7), 10/1–7 off, 10/8–11 (11), 10/12 Sat 调休 (12), 10/14–18 (17), 10/21–23 (20)
    expect: { due: '2019-10-23', provisional: false, status: 'on_time', workdaysRemaining: 20 } },
  { name: 'brief example: nine-day 2026 Spring Festival', ledger: L('2026-02-06'),
    // 2/9–13 (5), 2/14 Sat 调休 (6), 2/15–23 off, 2/24–27 (10), 2/28 Sat 调休 (11), 3/2–6 (16), 3/9–12 (20)
    expect: { due: '2026-03-12', provisional: false } },
  { name: 'no holiday in the window', ledger: L('2019-03-01'),
    // 3/4–8 (5), 3/11–15 (10), 3/18–22 (15), 3/25–29 (20)
    expect: { due: '2019-03-29' } },
  { name: 'received on a Saturday', ledger: L('2019-03-02'),
    // counting starts the next day; first working day 3/4 → same as above
    expect: { due: '2019-03-29' } },
  { name: 'received during the National Day holiday', ledger: L('2019-10-03'),
    // 10/8–11 (4), 10/12 Sat (5), 10/14–18 (10), 10/21–25 (15), 10/28–11/1 (20)
    expect: { due: '2019-11-01' } },
  { name: 'year-end crossing (元旦 2023 from the 2023 notice)', ledger: L('2022-12-20'),
    // 12/21–23 (3), 12/26–30 (8), 12/31–1/2 off (国办发明电〔2022〕16号), 1/3–6 (12), 1/9–13 (17), 1/16–18 (20)
    expect: { due: '2023-01-18', provisional: false } },
  { name: 'year-end crossing into the 2023 Spring Festival', ledger: L('2022-12-30'),
    // 1/3–6 (4), 1/9–13 (9), 1/16–20 (14), 1/21–27 off, 1/28 Sat (15), 1/29 Sun (16), 1/30–2/2 (20)
    expect: { due: '2023-02-02' } },
  { name: '2024 Spring Festival with Sunday 调休', ledger: L('2024-02-08'),
    // 2/9 (1), 2/10–17 off, 2/18 Sun (2), 2/19–23 (7), 2/26–3/1 (12), 3/4–8 (17), 3/11–13 (20)
    expect: { due: '2024-03-13' } },
  { name: '2020 Spring Festival extension (国办发明电〔2020〕1号)', ledger: L('2020-01-20'),
    // 1/21–23 (3), 1/24–2/2 off (1/31 Fri and 2/1 Sat no longer working days), 2/3–7 (8), 2/10–14 (13), 2/17–21 (18), 2/24–25 (20)
    expect: { due: '2020-02-25' } },
  { name: '2019 劳动节 as adjusted by 国办发明电〔2019〕3号', ledger: L('2019-04-25'),
    // 4/26 (1), 4/28 Sun (2), 4/29–30 (4), 5/1–4 off, 5/5 Sun (5), 5/6–10 (10), 5/13–17 (15), 5/20–24 (20)
    expect: { due: '2019-05-24' } },
  { name: '2015 抗战胜利70周年 (国发明电〔2015〕1号)', ledger: L('2015-08-28'),
    // 8/31–9/2 (3), 9/3–5 off, 9/6 Sun (4), 9/7–11 (9), 9/14–18 (14), 9/21–25 (19), 9/26–27 中秋/weekend, 9/28 (20)
    expect: { due: '2015-09-28' } },
  { name: '2007 (old 放假办法, 7-day 五一)', ledger: L('2007-04-26'),
    // 4/27 (1), 4/28 Sat (2), 4/29 Sun (3), 4/30 (4), 5/1–7 off, 5/8–11 (8), 5/14–18 (13), 5/21–25 (18), 5/28–29 (20)
    expect: { due: '2007-05-29' } },
  { name: 'into 2027: provisional', ledger: L('2026-12-10'),
    // 12/11 (1), 12/14–18 (6), 12/21–25 (11), 12/28–31 (15), 2027-01-01 元旦 (fixed date, provisional), 1/4–8 (20)
    expect: { due: '2027-01-08', provisional: true } },
  { name: 'inside 2027: fixed 劳动节 5/1–5/2 + Art. 6 makeup 5/3–5/4', ledger: L('2027-04-26'),
    // 4/27–30 (4), 5/1 Sat, 5/2 Sun off → 补假 5/3, 5/4; 5/5–7 (7), 5/10–14 (12), 5/17–21 (17), 5/24–26 (20)
    expect: { due: '2027-05-26', provisional: true } },
  { name: 'ends 2026-12-18: not provisional', ledger: L('2026-11-20'),
    // 11/23–27 (5), 11/30–12/4 (10), 12/7–11 (15), 12/14–18 (20)
    expect: { due: '2026-12-18', provisional: false } },
  { name: 'ends 2026-12-29: not provisional (2027-01-01 is a Friday: the 2027 notice cannot bridge into 2026)', ledger: L('2026-12-01'),
    // 12/2–4 (3), 12/7–11 (8), 12/14–18 (13), 12/21–25 (18), 12/28 (19), 12/29 (20)
    expect: { due: '2026-12-29', provisional: false } },
  { name: 'received as first event with a channel', ledger: { events: [{ type: 'received', date: '2019-09-20', channel: 'post_signed' }] },
    expect: { due: '2019-10-23' } },

  // ---- 补正 (第三十条) ----
  { name: 'correction restart across National Day', ledger: L('2019-09-20', { type: 'correction_requested', date: '2019-09-25' }, { type: 'correction_received', date: '2019-09-30' }),
    // request on working day 3 (9/23, 24, 25); restart from 9/30: 10/8–11 (4), 10/12 Sat (5), 10/14–18 (10), 10/21–25 (15), 10/28–11/1 (20)
    expect: { due: '2019-11-01', clockStart: '2019-09-30', warnings: [] } },
  { name: 'correction awaited: no due date, applicant deadline 15 working days', ledger: L('2019-09-20', { type: 'correction_requested', date: '2019-09-25' }), today: '2019-10-09',
    // 9/26–27 (2), 9/29 Sun (3), 9/30 (4), 10/8–11 (8), 10/12 Sat (9), 10/14–18 (14), 10/21 (15)
    expect: { due: null, clock: 'awaiting_correction', applicantDue: '2019-10-21', status: 'on_time' } },
  { name: 'correction period lapsed → （六）1', ledger: L('2019-09-20', { type: 'correction_requested', date: '2019-09-25' }), today: '2019-10-22',
    expect: { due: null, status: 'closed', outcome: 'correction_lapsed', reportRow: '（六）1' } },
  { name: 'correction requested late (8th working day) → warning', ledger: L('2019-09-02', { type: 'correction_requested', date: '2019-09-12' }, { type: 'correction_received', date: '2019-09-16' }),
    // 9/3–6 (4), 9/9–11 (7) → 9/12 is day 8 (limit 9/11). Restart 9/16: 9/17–20 (4), 9/23–27 (9), 9/29 Sun (10), 9/30 (11), 10/8–11 (15), 10/12 Sat (16), 10/14–17 (20)
    expect: { due: '2019-10-17', warningMatch: /第8个工作日，超过第三十条规定的7个工作日（应不晚于 2019-09-11）/ } },
  { name: 'custom correction period of 10 working days across 清明 2024', ledger: L('2024-04-01', { type: 'correction_requested', date: '2024-04-03', periodWorkdays: 10 }), today: '2024-04-10',
    // 4/4–6 off, 4/7 Sun (1), 4/8–12 (6), 4/15–18 (10)
    expect: { due: null, applicantDue: '2024-04-18' } },
  { name: 'late correction by the applicant → warning, clock still restarts', ledger: L('2019-09-20', { type: 'correction_requested', date: '2019-09-25' }, { type: 'correction_received', date: '2019-10-22' }),
    // applicant deadline 10/21; restart 10/22: 10/23–25 (3), 10/28–11/1 (8), 11/4–8 (13), 11/11–15 (18), 11/18–19 (20)
    expect: { due: '2019-11-19', warningMatch: /晚于补正期限 2019-10-21/ } },

  // ---- consultation (第三十二条 / 第三十四条; 第三十三条第三款) ----
  { name: 'consultation across May Day 2020', ledger: L('2020-04-20', { type: 'consultation_started', date: '2020-04-27' }, { type: 'consultation_ended', date: '2020-05-12' }),
    // base: 4/21–24 (4), 4/26 Sun (5), 4/27 (6) … paused (4/27, 5/12]: 4/28–30 (3), 5/1–5 off, 5/6–8 (6), 5/9 Sat (7), 5/11–12 (9);
    // then 14 more: 5/13–15 (3), 5/18–22 (8), 5/25–29 (13), 6/1 (14)
    expect: { due: '2020-06-01', workdaysUsed: 6, workdaysRemaining: 14 } },
  { name: 'consultation across May Day 2024', ledger: L('2024-04-22', { type: 'consultation_started', date: '2024-04-26' }, { type: 'consultation_ended', date: '2024-05-10' }),
    // base due: 4/23–26 (4), 4/28 Sun (5), 4/29–30 (7), 5/6–10 (12), 5/11 Sat (13), 5/13–17 (18), 5/20–21 (20) = 5/21;
    // paused (4/26, 5/10]: 4/28 (1), 4/29–30 (3), 5/6–10 (8) → +8: 5/22–24 (3), 5/27–31 (8)
    expect: { due: '2024-05-31' } },
  { name: 'consultation still open (today inside the 15 days)', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-25' }), today: '2019-10-10',
    // paused (9/25, 10/10]: 9/26–27 (2), 9/29 (3), 9/30 (4), 10/8–10 (7); 10/23 + 7: 10/24–25 (2), 10/28–11/1 (7)
    expect: { due: '2019-11-01', clock: 'paused' } },
  { name: 'consultation never answered: pause ends at the 15th working day', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-25' }), today: '2019-11-15',
    // cap: 9/26–27 (2), 9/29 (3), 9/30 (4), 10/8–11 (8), 10/12 (9), 10/14–18 (14), 10/21 (15); 10/23 + 15: 10/24–25 (2), 10/28–11/1 (7), 11/4–8 (12), 11/11–13 (15)
    expect: { due: '2019-11-13', status: 'overdue', clock: 'running', warningMatch: /未在 2019-10-21 前提出意见/ } },
  { name: 'consultation of exactly 15 working days is allowed', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-25' }, { type: 'consultation_ended', date: '2019-10-21' }),
    expect: { due: '2019-11-13' } },
  { name: 'co-producing agency consultation (第三十四条), 2 working days', ledger: L('2019-03-01', { type: 'consultation_started', date: '2019-03-05', party: 'agency' }, { type: 'consultation_ended', date: '2019-03-07' }),
    // 3/29 + paused 3/6, 3/7 (2) → 4/1, 4/2
    expect: { due: '2019-04-02' } },
  { name: 'two consultations in a row add up', ledger: L('2019-03-01', { type: 'consultation_started', date: '2019-03-05' }, { type: 'consultation_ended', date: '2019-03-07' }, { type: 'consultation_started', date: '2019-03-11' }, { type: 'consultation_ended', date: '2019-03-12' }),
    // paused 2 + 1 = 3 → 3/29 + 3: 4/1, 4/2, 4/3
    expect: { due: '2019-04-03' } },
  { name: 'consultation started after the due date is not deducted', ledger: L('2019-03-01', { type: 'consultation_started', date: '2019-04-01' }, { type: 'consultation_ended', date: '2019-04-02' }),
    expect: { due: '2019-03-29', status: 'overdue', warningMatch: /答复期限已于 2019-03-29 届满/ } },

  // ---- extension (第三十三条第二款) ----
  { name: 'extension of 20 working days', ledger: L('2019-09-20', { type: 'extension_approved', date: '2019-10-15' }),
    // 10/23 + 20: 10/24–25 (2), 10/28–11/1 (7), 11/4–8 (12), 11/11–15 (17), 11/18–20 (20)
    expect: { due: '2019-11-20' } },
  { name: 'extension of 10 approved on the due date, across 清明 2019', ledger: L('2019-03-01', { type: 'extension_approved', date: '2019-03-29', workdays: 10 }),
    // 4/1–4 (4), 4/5–7 off, 4/8–12 (9), 4/15 (10)
    expect: { due: '2019-04-15' } },
  { name: 'extension plus consultation', ledger: L('2019-03-01', { type: 'consultation_started', date: '2019-03-05' }, { type: 'consultation_ended', date: '2019-03-07' }, { type: 'extension_approved', date: '2019-03-20', workdays: 5 }),
    // 20 + 5 + 2 = 27 from 3/1: 3/29 is day 20; 4/1–4 (24), 4/8–10 (27)
    expect: { due: '2019-04-10' } },

  // ---- fees (国办函〔2020〕109号; settings) ----
  { name: 'fee period stops the clock (default)', ledger: L('2021-03-01', { type: 'fee_notice_sent', date: '2021-03-03' }, { type: 'fee_paid', date: '2021-03-10' }),
    // base 3/29 (3/2–5, 8–12, 15–19, 22–26, 29); paused 3/4–5, 3/8–10 (5) → 3/30–4/2 (4), 4/3–5 清明, 4/6 (5)
    expect: { due: '2021-04-06' } },
  { name: 'fee period does not stop the clock (setting)', ledger: L('2021-03-01', { type: 'fee_notice_sent', date: '2021-03-03' }, { type: 'fee_paid', date: '2021-03-10' }), settings: { feePausesClock: false },
    expect: { due: '2021-03-29' } },
  { name: 'fee not paid in 20 working days → （六）2', ledger: L('2021-03-01', { type: 'fee_notice_sent', date: '2021-03-03' }), today: '2021-04-10',
    // pay by 3/3 + 20: 3/4–5 (2), 3/8–12 (7), 3/15–19 (12), 3/22–26 (17), 3/29–31 (20)
    expect: { due: null, status: 'closed', outcome: 'fee_lapsed', reportRow: '（六）2' } },

  // ---- 第三十五条, reply, status ----
  { name: 'delayed reply period (第三十五条)', ledger: L('2019-03-01', { type: 'delayed_reply_set', date: '2019-03-20', due: '2019-05-31' }),
    expect: { due: '2019-05-31' } },
  { name: 'replied on time', ledger: L('2019-09-20', { type: 'replied', date: '2019-10-22' }),
    expect: { due: '2019-10-23', status: 'closed', outcome: 'replied', repliedOn: '2019-10-22', workdaysRemaining: 1 } },
  { name: 'replied late', ledger: L('2019-09-20', { type: 'replied', date: '2019-10-25' }),
    // 10/24, 10/25 → 2 working days late
    expect: { due: '2019-10-23', status: 'closed', warningMatch: /逾期2个工作日/ } },
  { name: 'due soon (3 working days left)', ledger: L('2019-09-20'), today: '2019-10-18',
    // (10/18, 10/23]: 10/21, 22, 23
    expect: { status: 'due_soon', workdaysRemaining: 3, workdaysUsed: 17 } },
  { name: 'on time (4 working days left)', ledger: L('2019-09-20'), today: '2019-10-17',
    expect: { status: 'on_time', workdaysRemaining: 4 } },
  { name: 'overdue by one working day', ledger: L('2019-09-20'), today: '2019-10-24',
    expect: { status: 'overdue', workdaysRemaining: -1 } },
  { name: 'same-day counting convention (setting)', ledger: L('2019-03-01'), settings: { countFrom: 'same_day' },
    // 3/1 (1), 3/4–8 (6), 3/11–15 (11), 3/18–22 (16), 3/25–28 (20)
    expect: { due: '2019-03-28' } },
];

describe('computeDeadline: hand-computed scenarios', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, r) => {
    const res = computeDeadline(r.ledger, cal, r.settings, r.today);
    const { warningMatch, ...exp } = r.expect;
    expect(res).toMatchObject(exp);
    if (warningMatch) expect(res.warnings.join('\n')).toMatch(warningMatch);
  });
});

interface Bad { name: string; ledger: unknown; today?: string; index: number | null; message: RegExp }
const bad: Bad[] = [
  { name: 'extension twice', ledger: L('2019-09-20', { type: 'extension_approved', date: '2019-10-08', workdays: 5 }, { type: 'extension_approved', date: '2019-10-09', workdays: 5 }), index: 1, message: /延长答复期限只能一次/ },
  { name: 'event before receipt', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-19' }), index: 0, message: /早于收到申请日期 2019-09-20/ },
  { name: 'unknown event type', ledger: { received: '2019-09-20', events: [{ type: 'appeal_filed', date: '2019-09-25' }] }, index: 0, message: /未知的事件类型“appeal_filed”/ },
  { name: 'consultation longer than 15 working days', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-25' }, { type: 'consultation_ended', date: '2019-10-22' }), index: 1, message: /15个工作日内（至 2019-10-21）/ },
  { name: 'correction requested twice', ledger: L('2019-09-20', { type: 'correction_requested', date: '2019-09-23' }, { type: 'correction_requested', date: '2019-09-24' }), index: 1, message: /补正通知只能发一次/ },
  { name: 'events out of order', ledger: L('2019-09-20', { type: 'consultation_started', date: '2019-09-26' }, { type: 'consultation_ended', date: '2019-09-25' }), index: 1, message: /事件顺序错误/ },
  { name: 'extension after the due date', ledger: L('2019-03-01', { type: 'extension_approved', date: '2019-04-01' }), index: 0, message: /答复期限为 2019-03-29/ },
  { name: 'extension longer than 20 working days', ledger: L('2019-03-01', { type: 'extension_approved', date: '2019-03-10', workdays: 25 }), index: 0, message: /1–20 个工作日/ },
  { name: 'consultation ended without a start', ledger: L('2019-03-01', { type: 'consultation_ended', date: '2019-03-10' }), index: 0, message: /没有进行中的征求意见/ },
  { name: 'correction received without a request', ledger: L('2019-03-01', { type: 'correction_received', date: '2019-03-10' }), index: 0, message: /没有补正通知/ },
  { name: 'event after the reply', ledger: L('2019-03-01', { type: 'replied', date: '2019-03-10' }, { type: 'extension_approved', date: '2019-03-11' }), index: 1, message: /已于 2019-03-10 答复/ },
  { name: 'event later than today', ledger: L('2019-03-01', { type: 'replied', date: '2019-03-10' }), today: '2019-03-05', index: 0, message: /晚于今天/ },
  { name: 'invalid date', ledger: L('2019-03-01', { type: 'replied', date: '2019-02-30' } as E), index: 0, message: /不是有效的 YYYY-MM-DD 日期/ },
  { name: 'not a ledger: events is not a list', ledger: { received: '2019-03-01', events: { type: 'replied' } }, index: null, message: /账本格式错误/ },
  { name: 'not a ledger: a list', ledger: [{ received: '2019-03-01' }], index: null, message: /账本格式错误/ },
  { name: 'no events and no receipt', ledger: {}, index: null, message: /必须以“收到申请”/ },
  { name: 'received twice', ledger: { received: '2019-03-01', events: [{ type: 'received', date: '2019-03-02' }] }, index: 0, message: /只能有一次/ },
  { name: 'fee paid without a notice', ledger: L('2019-03-01', { type: 'fee_paid', date: '2019-03-05' }), index: 0, message: /没有待缴费的收费通知/ },
  { name: 'consultation while the applicant has not corrected', ledger: L('2019-03-01', { type: 'correction_requested', date: '2019-03-04' }, { type: 'consultation_started', date: '2019-03-05' }), index: 1, message: /尚未补正/ },
  { name: 'no receipt at all', ledger: { events: [{ type: 'replied', date: '2019-03-05' }] }, index: 0, message: /必须以“收到申请”/ },
];

describe('computeDeadline: impossible ledgers are rejected', () => {
  it.each(bad.map((b) => [b.name, b] as const))('%s', (_n, b) => {
    let err: unknown;
    try {
      computeDeadline(b.ledger, cal, undefined, b.today);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).index).toBe(b.index);
    expect((err as LedgerError).message).toMatch(b.message);
  });
});

describe('explanation text', () => {
  it('matches the issue example word for word', () => {
    expect(computeDeadline(L('2019-09-20'), cal).explanation).toEqual([
      '2019-09-20 收到申请（第三十一条）→ 自次日起算20个工作日（第三十三条），其间10月1日至7日为国庆假期，9月29日、10月12日为调休上班日 → 2019-10-23',
    ]);
  });

  it('explains a correction restart step by step', () => {
    expect(computeDeadline(L('2019-09-20', { type: 'correction_requested', date: '2019-09-25' }, { type: 'correction_received', date: '2019-09-30' }), cal).explanation).toEqual([
      '2019-09-20 收到申请（第三十一条）',
      '2019-09-25 发出补正通知（第三十条：收到申请后第3个工作日，应在7个工作日内一次性告知）→ 答复期限待补正后重新计算；申请人补正期限15个工作日，至 2019-10-21',
      '2019-09-30 收到补正后的申请 → 答复期限自此重新计算（第三十条）',
      '答复期限：2019-09-30 收到补正后的申请（第三十条）→ 自次日起算20个工作日（第三十三条），其间10月1日至7日为国庆假期，10月12日为调休上班日 → 2019-11-01',
    ]);
  });

  it('names the unannounced year for a provisional date and crosses years in full', () => {
    const ex = computeDeadline(L('2026-12-10'), cal).explanation;
    expect(ex).toEqual([
      '2026-12-10 收到申请（第三十一条）→ 自次日起算20个工作日（第三十三条），其间2027年1月1日为元旦假期 → 2027-01-08',
      '（暂定：2027年的放假安排尚未公布，期限可能随之变动）',
    ]);
    expect(computeDeadline(L('2022-12-20'), cal).explanation[0]).toContain('其间12月31日至2023年1月2日为元旦假期');
  });

  it('can be skipped for bulk recomputation without changing the result', () => {
    const l = L('2020-04-20', { type: 'consultation_started', date: '2020-04-27' }, { type: 'consultation_ended', date: '2020-05-12' });
    const a = computeDeadline(l, cal);
    const b = computeDeadline(l, cal, undefined, undefined, { explain: false });
    expect(b.explanation).toEqual([]);
    expect({ ...b, explanation: a.explanation }).toEqual(a);
  });
});

describe('why a deadline is provisional, in words', () => {
  it.each([
    // [calendar up to, formed, words in the explanation]
    [2026, '2026-12-10', '（暂定：2027年的放假安排尚未公布，期限可能随之变动）'],
    [2018, '2018-12-03', '（暂定：2019年的放假安排尚未公布，2018年12月底的工作日可能因元旦调休变动，期限可能随之变动）'],
  ])('calendar to %i, formed %s', (last, formed, words) => {
    const cal = createCalendar(SHIPPED_YEARS.filter((y) => y.year <= last));
    const d = proactiveDeadline(formed, cal);
    expect(d.provisional).toBe(true);
    expect(d.explanation.join('')).toContain(words);
    expect(d.explanation.join('')).not.toContain('所涉期间');
  });
});

describe('a ledger without "events" has no events yet', () => {
  it.each([
    // [ledger, due]: received 2019-03-01 (Friday) → 20 working days from 3/4 → 2019-03-29
    [{ received: '2019-03-01' }, '2019-03-29'],
    [{ received: '2019-03-01', events: null }, '2019-03-29'],
    [{ received: '2019-03-01', events: [] }, '2019-03-29'],
  ])('%j → due %s', (ledger, due) => {
    expect(computeDeadline(ledger, cal).due).toBe(due);
  });

});
