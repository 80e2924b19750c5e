import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../calendar/index.ts';
import { DEFAULT_SETTINGS, allowedOrderActions, answeredLate, isBad, onceKey, orderActionProblem, orderClock, orderDue, ratingWindow, settingProblem, stateAfterClass, summarise, suggestionDue } from './index.ts';

const cal = shippedCalendar();

describe('rating levels', () => {
  it.each([[1, true], [2, true], [3, false], [4, false], [5, false]])('level %i is a 差评: %s', (level, bad) => {
    expect(isBad(level)).toBe(bad);
  });
});

describe('rating window: N working days from the 办件 conclusion', () => {
  it.each([
    ['2025-06-03', '2025-06-03', 5, true, '2025-06-10'],
    ['2025-06-03', '2025-06-10', 5, true, '2025-06-10'],
    ['2025-06-03', '2025-06-11', 5, false, '2025-06-10'],
    ['2025-06-03', '2025-06-02', 5, false, '2025-06-10'],
    // National Day 2025: 10-01…10-08 off, Saturday 10-11 a working day (国办发明电〔2024〕12号)
    ['2025-09-30', '2025-10-14', 5, true, '2025-10-14'],
    ['2025-09-30', '2025-10-15', 5, false, '2025-10-14'],
    ['2025-06-03', '2025-06-04', 1, true, '2025-06-04'],
    ['2025-06-03', '2025-06-05', 1, false, '2025-06-04'],
  ])('concluded %s, rated %s, %i days → allowed %s (last day %s)', (concluded, rated, days, allowed, last) => {
    const w = ratingWindow(concluded, rated, days, cal);
    expect(w.allowed).toBe(allowed);
    expect(w.lastDay).toBe(last);
    if (!allowed) expect(w.problem).toMatch(/办结/);
  });
  it('an open 办件 cannot be rated', () => {
    expect(ratingWindow(null, '2025-06-03', 5, cal)).toMatchObject({ allowed: false, problem: '该办件尚未办结，办结后才能评价' });
  });
  it('one rating per 办件 and channel: the key ignores case and spaces, other targets have none', () => {
    expect(onceKey(3, 'case', ' bj001 ', 'qr')).toBe('3|BJ001|qr');
    expect(onceKey(3, 'case', 'BJ001', 'window_device')).toBe('3|BJ001|window_device');
    expect(onceKey(3, 'window', '1号窗口', 'qr')).toBeNull();
  });
});

describe('差评 work order time limits (working days, defaults 立行立改 1, 限期整改 15, 解释说明 5, 核实 1)', () => {
  it.each([
    [null, null, '2025-06-04'],
    ['immediate', '2025-06-03', '2025-06-04'],
    ['deadline', '2025-06-03', '2025-06-24'],
    ['explain', '2025-06-03', '2025-06-10'],
    ['appeal', '2025-06-03', null],
    // 09-28 (Sunday) and 10-11 (Saturday) are 调休 working days; 10-01…10-08 off
    ['deadline', '2025-09-26', '2025-10-23'],
  ] as const)('class %s classified %s → due %s', (classification, classifiedOn, due) => {
    expect(orderDue({ openedOn: '2025-06-03', classifiedOn, classification }, DEFAULT_SETTINGS, cal)).toBe(due);
  });
  // the limits are settings: other values move every class's due date by the same calendar
  it.each([
    [null, null, '2025-06-05'],
    ['immediate', '2025-06-03', '2025-06-06'],
    ['deadline', '2025-06-03', '2025-06-17'],
    ['explain', '2025-06-03', '2025-06-05'],
    ['appeal', '2025-06-03', null],
  ] as const)('with 核实 2, 立行立改 3, 限期整改 10, 解释说明 2: class %s classified %s → due %s', (classification, classifiedOn, due) => {
    const settings = { ...DEFAULT_SETTINGS, verifyDays: 2, limitImmediate: 3, limitDeadline: 10, limitExplain: 2 };
    expect(orderDue({ openedOn: '2025-06-03', classifiedOn, classification }, settings, cal)).toBe(due);
  });
  // answered late = feedback after the due date (counted as overdue even when closed)
  it.each([
    ['2025-06-24', '2025-06-24', false],
    ['2025-06-24', '2025-06-25', true],
    ['2025-06-24', null, false],
    [null, '2025-06-25', false],
  ] as const)('due %s, feedback %s → answered late %s', (dueOn, feedbackOn, late) => {
    expect(answeredLate({ dueOn, feedbackOn })).toBe(late);
  });
  it.each([
    ['rectifying', '2025-06-24', '2025-06-24', false],
    ['rectifying', '2025-06-24', '2025-06-25', true],
    ['review', '2025-06-24', '2025-06-30', false],
    ['closed', '2025-06-24', '2025-06-30', false],
  ] as const)('%s due %s on %s → overdue %s', (state, dueOn, today, overdue) => {
    expect(orderClock({ state, dueOn, feedbackOn: null }, today, cal).overdue).toBe(overdue);
  });
  it.each([
    ['immediate', 'rectifying'], ['deadline', 'rectifying'], ['explain', 'feedback'], ['appeal', 'appeal_review'],
  ] as const)('classification %s leads to %s', (c, s) => {
    expect(stateAfterClass(c)).toBe(s);
  });
  it('a named 差评 is visited before it is classified; roles act only in their states', () => {
    expect(orderActionProblem('classify', { state: 'verifying', realName: true, visits: 0, classification: null }, 'handler')).toMatch(/实名差评必须先回访/);
    expect(orderActionProblem('classify', { state: 'verifying', realName: true, visits: 1, classification: null }, 'handler')).toBeNull();
    expect(orderActionProblem('classify', { state: 'verifying', realName: false, visits: 0, classification: null }, 'handler')).toBeNull();
    expect(orderActionProblem('closeOrder', { state: 'feedback', realName: false, visits: 1, classification: 'deadline' }, 'supervisor')).toMatch(/待反馈评价人/);
    expect(allowedOrderActions('review', 'supervisor')).toEqual(['closeOrder']);
    expect(allowedOrderActions('appeal_review', 'handler')).toEqual([]);
  });
  it('suggestions are answered within 15 working days by default', () => {
    expect(suggestionDue('2025-06-03', DEFAULT_SETTINGS, cal)).toBe('2025-06-24');
  });
  it.each([['ratingWindowDays', 0, false], ['ratingWindowDays', 5, true], ['limitDeadline', 61, false], ['satisfactionFormula', 'top3', true], ['satisfactionFormula', 'all', false]] as const)('setting %s = %s valid: %s', (k, v, ok) => {
    expect(settingProblem(k, v) === null).toBe(ok);
  });
});

describe('figures', () => {
  it('the reference agency 2019: 6,857 ratings, 6,823 very satisfied or satisfied → 99.5', () => {
    const s = summarise({ levels: { 5: 6500, 4: 323, 3: 29, 2: 4, 1: 1 }, returnVisits: 4895, badClosed: 5, badVisited: 5, suggestions: { received: 21, adopted: 7, rectified: 5 } }, DEFAULT_SETTINGS);
    expect(s).toEqual({ ratings: 6857, returnVisits: 4895, satisfaction: 99.5, goodRate: 99.93, badRatings: 5, badRectified: 5, suggestions: { received: 21, adopted: 7, rectified: 5 } });
    expect(summarise({ levels: { 5: 6500, 4: 323, 3: 29, 2: 4, 1: 1 }, returnVisits: 0, badClosed: 0, badVisited: 0, suggestions: { received: 0, adopted: 0, rectified: 0 } }, { satisfactionFormula: 'top3' }).satisfaction).toBe(99.93);
  });
});
