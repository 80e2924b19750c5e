import { describe, expect, it } from 'vitest';
import { allowedActions, checkAction, concludedOnOf, outcomeAllowed, outcomeOf, receiptDateOf, stateOf, TransitionError, type LedgerEvent } from './lifecycle.ts';

const ev = (kind: LedgerEvent['kind'], on: string, data?: Record<string, unknown>, actorId?: number): LedgerEvent => ({ kind, on, data, actorId });

// The journey of the issue: online → confirm → 补正 → corrected → consult → answered → extension → reply 部分公开 → approve → deliver → close.
const journey: LedgerEvent[] = [
  ev('submitted', '2026-03-02'),
  ev('receipt_confirmed', '2026-03-03', { receivedOn: '2026-03-03' }, 1),
  ev('correction_requested', '2026-03-05', { items: ['请写明文件名称'] }, 1),
  ev('correction_received', '2026-03-10', undefined, 1),
  ev('consultation_started', '2026-03-11', { party: '某公司' }, 1),
  ev('consultation_ended', '2026-03-20', undefined, 1),
  ev('extension_requested', '2026-03-25', { days: 20 }, 1),
  ev('extension_approved', '2026-03-26', undefined, 2),
  ev('reply_drafted', '2026-04-10', { outcome: 'partial' }, 1),
  ev('reply_approved', '2026-04-11', undefined, 3),
  ev('delivered', '2026-04-12', { method: '电子邮件' }, 1),
  ev('closed', '2026-04-13', undefined, 1),
];

describe('stateOf replays the ledger', () => {
  it.each([
    [1, 'submitted'], [2, 'received'], [3, 'correction_pending'], [4, 'received'], [5, 'consulting'], [6, 'received'],
    [8, 'received'], [9, 'under_review'], [10, 'issued'], [11, 'delivered'], [12, 'closed'],
  ])('after %i events → %s', (n, state) => {
    expect(stateOf(journey.slice(0, n))).toBe(state);
  });
  it('derives receipt date, outcome and conclusion date', () => {
    expect(receiptDateOf(journey)).toBe('2026-03-03');
    expect(outcomeOf(journey)).toBe('partial');
    expect(concludedOnOf(journey)).toBe('2026-04-11');
  });
  it('a 补充答复 after reopening keeps the first conclusion date', () => {
    const l = [...journey, ev('reopened', '2026-05-01'), ev('reply_drafted', '2026-05-02', { outcome: 'disclose' }, 1), ev('reply_approved', '2026-05-03', undefined, 3)];
    expect(stateOf(l)).toBe('issued');
    expect(outcomeOf(l)).toBe('disclose');
    expect(concludedOnOf(l)).toBe('2026-04-11');
  });
  it('rejects an impossible event with a Chinese message', () => {
    expect(() => stateOf([ev('submitted', '2026-03-02'), ev('reply_approved', '2026-03-03')])).toThrow(TransitionError);
    expect(() => stateOf([ev('submitted', '2026-03-02'), ev('reply_approved', '2026-03-03')])).toThrow(/待确认收到/);
  });
  it('withdrawal of an unconfirmed online submission has no outcome (never received, not counted)', () => {
    const l = [ev('submitted', '2026-03-02'), ev('withdrawn', '2026-03-03')];
    expect(stateOf(l)).toBe('withdrawn');
    expect(outcomeOf(l)).toBeNull();
    expect(concludedOnOf(l)).toBeNull();
  });
  it('withdrawal after receipt concludes with （六）3 其他', () => {
    const l = [ev('registered', '2026-03-02'), ev('withdrawn', '2026-03-04')];
    expect(outcomeOf(l)).toBe('other_withdrawn');
    expect(concludedOnOf(l)).toBe('2026-03-04');
  });
});

describe('allowedActions — only what the law allows now', () => {
  const received = journey.slice(0, 2);
  it('a received case offers 补正, consultation, extension request, fee notice, reply, withdraw to the officer', () => {
    expect(allowedActions('received', received, 'officer')).toEqual(
      ['assign', 'requestCorrection', 'startConsultation', 'requestExtension', 'issueFeeNotice', 'reply', 'withdraw']);
  });
  it('第三十条 一次性告知: no second 补正', () => {
    const after = journey.slice(0, 4);
    expect(allowedActions('received', after, 'officer')).not.toContain('requestCorrection');
    const c = checkAction('requestCorrection', 'received', after, ['officer']);
    expect(c).toMatchObject({ ok: false, code: 'correction_once' });
  });
  it('warns (does not block) a 补正 after the 7th working day', () => {
    const c = checkAction('requestCorrection', 'received', received, ['officer'], { today: '2026-03-13', correctionNoticeLastDay: '2026-03-12' });
    expect(c.ok).toBe(true);
    expect(c.ok && c.warnings[0]).toContain('7个工作日');
  });
  it('第三十三条: only a leader approves an extension, before the due date, once', () => {
    const requested = journey.slice(0, 7);
    expect(checkAction('approveExtension', 'received', requested, ['officer'])).toMatchObject({ ok: false, code: 'forbidden_role' });
    expect(checkAction('approveExtension', 'received', requested, ['leader'], { today: '2026-04-01', dueDate: '2026-04-08' }).ok).toBe(true);
    expect(checkAction('approveExtension', 'received', requested, ['leader'], { today: '2026-04-09', dueDate: '2026-04-08' })).toMatchObject({ ok: false, code: 'past_due' });
    expect(checkAction('approveExtension', 'received', requested, ['leader'], { actorId: 1 })).toMatchObject({ ok: false, code: 'four_eyes' });
    const approved = journey.slice(0, 8);
    expect(checkAction('requestExtension', 'received', approved, ['officer'])).toMatchObject({ ok: false, code: 'extension_once' });
    expect(checkAction('approveExtension', 'received', approved, ['leader'])).toMatchObject({ ok: false, code: 'extension_once' });
  });
  it('a rejected extension may be requested again', () => {
    const l = [...received, ev('extension_requested', '2026-03-05'), ev('extension_rejected', '2026-03-06')];
    expect(checkAction('requestExtension', 'received', l, ['officer']).ok).toBe(true);
  });
  it('a reply needs a reviewer other than its drafter', () => {
    const l = journey.slice(0, 9);
    expect(allowedActions('under_review', l, 'officer')).toEqual(['assign', 'withdraw']); // extension already used
    expect(checkAction('approveReply', 'under_review', l, ['reviewer'], { actorId: 1 })).toMatchObject({ ok: false, code: 'four_eyes' });
    expect(checkAction('approveReply', 'under_review', l, ['reviewer'], { actorId: 3 }).ok).toBe(true);
  });
  it('close requires an outcome', () => {
    const l = [ev('registered', '2026-03-02')];
    expect(checkAction('close', 'delivered', l, ['officer'])).toMatchObject({ ok: false, code: 'outcome_required' });
    expect(checkAction('close', 'delivered', journey.slice(0, 11), ['officer']).ok).toBe(true);
  });
  it('lapse of 补正 only after the correction period', () => {
    const l = journey.slice(0, 3);
    expect(checkAction('lapseCorrection', 'correction_pending', l, ['officer'], { today: '2026-03-20', correctionDueDate: '2026-03-20' }).ok).toBe(false);
    expect(checkAction('lapseCorrection', 'correction_pending', l, ['officer'], { today: '2026-03-21', correctionDueDate: '2026-03-20' }).ok).toBe(true);
  });
  it('one fee notice per application (109号 第三条)', () => {
    const l = [...received, ev('fee_notice_issued', '2026-03-04', { method: 'per_item', amount: 100 }), ev('fee_paid', '2026-03-05')];
    expect(stateOf(l)).toBe('received');
    expect(checkAction('issueFeeNotice', 'received', l, ['officer'])).toMatchObject({ ok: false, code: 'fee_once' });
  });
  it('withdrawn and closed cases offer nothing but reopening a closed one', () => {
    expect(allowedActions('withdrawn', [], ['officer', 'leader', 'reviewer', 'admin'])).toEqual([]);
    expect(allowedActions('closed', journey, 'officer')).toEqual(['reopen']);
  });
});

describe('outcomeAllowed', () => {
  it('（四）3 only after a correction was received', () => {
    expect(outcomeAllowed('unavailable_unclear_after_correction', journey.slice(0, 2)).ok).toBe(false);
    expect(outcomeAllowed('unavailable_unclear_after_correction', journey.slice(0, 4)).ok).toBe(true);
  });
  it('lapse and withdrawal outcomes have their own actions', () => {
    expect(outcomeAllowed('other_correction_lapsed', journey).ok).toBe(false);
    expect(outcomeAllowed('other_withdrawn', journey).ok).toBe(false);
    expect(outcomeAllowed('partial', journey).ok).toBe(true);
  });
});
