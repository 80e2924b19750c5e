import { describe, expect, it } from 'vitest';
import { ARTICLE20_CATEGORIES, article20Label, kindFromLabel } from './categories.ts';
import { compilePattern, counterScope, DEFAULT_INDEX_PATTERN, describeIndexPattern, formatIndexNumber, IndexPatternError, isValidCreditCode, parseIndexNumber } from './index-number.ts';
import { allowedActions, authorRule, checkInterpretationRule, transition, type SecrecyReview } from './workflow.ts';
import { article26Clock } from './clock.ts';
import { shippedCalendar } from '../calendar/index.ts';
import { table2Article20Item1, type StatItem } from './statistics.ts';
import { FORMATS } from '../report/formats.ts';

describe('第二十条 categories', () => {
  it('has the 15 items in order', () => {
    expect(ARTICLE20_CATEGORIES.map((c) => c.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(article20Label(5)).toBe('第二十条第（五）项 办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果');
    expect(article20Label(15)).toBe('第二十条第（十五）项 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息');
  });
  it.each([['规章', 'rule'], ['行政规范性文件', 'normative'], ['规范性文件', 'normative'], ['政策解读', 'interpretation'], ['公告', null]])('kindFromLabel(%s)', (l, k) => {
    expect(kindFromLabel(l)).toBe(k);
  });
});

describe('索引号', () => {
  const credit = '12370602780795309E';
  it.each([
    [DEFAULT_INDEX_PATTERN, { creditCode: credit, date: '2024-03-05', seq: 1 }, '12370602780795309E/2024-00001'],
    [DEFAULT_INDEX_PATTERN, { creditCode: credit, date: '2024-12-31', seq: 2411 }, '12370602780795309E/2024-02411'],
    ['{组织机构代码}/{YYYY}-{NNNNN}', { creditCode: credit, date: '2018-01-02', seq: 222 }, '780795309/2018-00222'],
    ['{统一社会信用代码}/{YYYYMM}-{NNNNN}', { creditCode: '11341702486344515H', date: '2021-10-08', seq: 13 }, '11341702486344515H/202110-00013'],
    ['{行政区划代码}/{YYYY}-{NNNNN}', { regionCode: '370405', date: '2022-07-01', seq: 12790 }, '370405/2022-12790'],
  ])('%s', (pattern, ctx, out) => {
    expect(formatIndexNumber(pattern, ctx)).toBe(out);
    const parsed = parseIndexNumber(pattern, out)!;
    expect(parsed.seq).toBe(ctx.seq);
    expect(parsed.year).toBe(Number(ctx.date.slice(0, 4)));
  });
  it.each([
    ['{统一社会信用代码}/{YYYY}', /流水号/],
    ['{统一社会信用代码}-{NNNNN}', /年份/],
    ['{部门}/{YYYY}-{NNN}', /无法识别/],
    ['{YYYY}-{NN}-{NNN}', /只包含一个流水号/],
  ])('rejects pattern %s', (p, msg) => {
    expect(() => compilePattern(p)).toThrow(msg);
  });
  it('refuses a missing credit code and an overflowing sequence', () => {
    expect(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { date: '2024-01-01', seq: 1 })).toThrow(IndexPatternError);
    expect(() => formatIndexNumber(DEFAULT_INDEX_PATTERN, { creditCode: credit, date: '2024-01-01', seq: 100000 })).toThrow(/超过 5 位/);
  });
  it.each([
    ['12370602780795309E/2024-0001', null],
    ['12370602780795309E/2024-00000', null],
    ['12370602780795309E/2024-00007', 7],
  ])('parse %s', (v, seq) => {
    expect(parseIndexNumber(DEFAULT_INDEX_PATTERN, v)?.seq ?? null).toBe(seq);
  });
  it.each([
    [DEFAULT_INDEX_PATTERN, '2024-03-05', '2024'],
    ['{统一社会信用代码}/{YYYYMM}-{NNNNN}', '2021-10-08', '2021-10'],
  ])('counterScope(%s, %s)', (p, d, s) => {
    expect(counterScope(p, d)).toBe(s);
  });
  it.each([
    ['12370602780795309E', true],
    ['11341702486344515H', true],
    ['91350100M000100Y43', true],
    ['12370602780795309F', false],
    ['1237060278079530', false],
  ])('isValidCreditCode(%s) = %s', (c, ok) => {
    expect(isValidCreditCode(c)).toBe(ok);
  });
});

describe('workflow', () => {
  it.each([
    ['draft', 'officer', ['edit', 'submit', 'delete']],
    ['draft', 'reviewer', []],
    ['secrecy_review', 'reviewer', ['record_review', 'return']],
    ['secrecy_review', 'officer', []],
    ['approval', 'leader', ['approve', 'return']],
    ['approval', 'reviewer', []],
    ['approved', 'officer', ['publish']],
    ['approved', 'reviewer', []],
    ['published', 'officer', ['revise', 'abolish']],
    ['published', 'leader', ['withdraw', 'abolish']],
    ['withdrawn', 'system', []],
  ] as const)('%s × %s', (state, role, actions) => {
    expect(allowedActions(state, role)).toEqual(actions);
  });
  const pass: SecrecyReview = { result: 'pass', basis: '经审查不涉及国家秘密', reviewerId: 2, reviewedAt: '2024-05-06T02:00:00Z' };
  it.each([
    [{ state: 'approved', action: 'publish', roles: ['reviewer'], disclosure: 'proactive', review: pass }, 'FORBIDDEN_ROLE'],
    [{ state: 'draft', action: 'publish', roles: ['system'], disclosure: 'proactive', review: null }, 'INVALID_STATE'],
    // a role that may never take the action is refused as a role, in any state (403, not 409)
    [{ state: 'secrecy_review', action: 'submit', roles: ['reviewer'], disclosure: 'proactive', review: null }, 'FORBIDDEN_ROLE'],
    [{ state: 'published', action: 'record_review', roles: ['officer'], disclosure: 'proactive', review: pass }, 'FORBIDDEN_ROLE'],
    [{ state: 'draft', action: 'approve', roles: ['officer'], disclosure: 'proactive', review: null }, 'FORBIDDEN_ROLE'],
    [{ state: 'approval', action: 'approve', roles: ['leader'], disclosure: 'proactive', review: null }, 'REVIEW_MISSING'],
    [{ state: 'approved', action: 'publish', roles: ['officer'], disclosure: 'proactive', review: null }, 'REVIEW_MISSING'],
    [{ state: 'approved', action: 'publish', roles: ['officer'], disclosure: 'proactive', review: { ...pass, result: 'fail' } }, 'REVIEW_FAILED'],
    [{ state: 'approved', action: 'publish', roles: ['officer'], disclosure: 'on_request', review: pass }, 'NOT_PROACTIVE'],
    [{ state: 'published', action: 'withdraw', roles: ['leader'], disclosure: 'proactive', review: pass, reason: '  ' }, 'REASON_REQUIRED'],
    [{ state: 'approved', action: 'publish', roles: ['officer'], disclosure: 'proactive', review: pass, interpretation: { ok: false, message: 'x' } }, 'INTERPRETATION_MISSING'],
  ] as const)('refuses %o with %s', (input, code) => {
    const r = transition(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
  it.each([
    [{ state: 'draft', action: 'submit', roles: ['officer'], disclosure: 'proactive' }, 'secrecy_review'],
    [{ state: 'secrecy_review', action: 'record_review', roles: ['reviewer'], disclosure: 'proactive', reviewResult: 'pass' }, 'approval'],
    [{ state: 'secrecy_review', action: 'record_review', roles: ['reviewer'], disclosure: 'proactive', reviewResult: 'fail' }, 'draft'],
    [{ state: 'approval', action: 'approve', roles: ['leader'], disclosure: 'proactive', review: pass }, 'approved'],
    [{ state: 'approved', action: 'publish', roles: ['leader'], disclosure: 'proactive', review: pass }, 'published'],
    [{ state: 'published', action: 'abolish', roles: ['officer'], disclosure: 'proactive', review: pass, reason: '被新文件替代' }, 'published'],
    [{ state: 'published', action: 'withdraw', roles: ['leader'], disclosure: 'proactive', review: pass, reason: '内容有误' }, 'withdrawn'],
  ] as const)('allows %o → %s', (input, to) => {
    expect(transition(input)).toEqual({ ok: true, to });
  });
  // Separation of duties: whoever wrote the version (author ids 7 and 9) never records its 保密审查 nor approves it.
  const who = (actorId: number | null) => ({ actorId, authorIds: [7, 9] });
  it.each([
    ['secrecy_review', 'record_review', 7, 'SELF_REVIEW'],
    ['secrecy_review', 'return', 9, 'SELF_REVIEW'],
    ['approval', 'approve', 9, 'SELF_REVIEW'],
    ['approval', 'return', 7, 'SELF_REVIEW'],
    ['secrecy_review', 'record_review', 8, 'approval'],
    ['approval', 'approve', 8, 'approved'],
    ['approval', 'approve', null, 'approved'],
    ['approved', 'publish', 7, 'published'],
  ] as const)('author rule: %s --%s--> by user %s → %s', (state, action, actorId, expected) => {
    const roles = ['officer', 'reviewer', 'leader'] as const;
    const r = transition({ state, action, roles, disclosure: 'proactive', review: pass, reviewResult: 'pass', reason: '退回修改', who: who(actorId) });
    if (expected === 'SELF_REVIEW') {
      expect(r).toMatchObject({ ok: false, code: 'SELF_REVIEW' });
      expect(authorRule(state, action, who(actorId))).toContain('职责分离');
    } else {
      expect(r).toEqual({ ok: true, to: expected });
    }
  });
  it('the author is offered no 保密审查 or 审核 button; another person is', () => {
    expect(allowedActions('secrecy_review', 'reviewer', who(7))).toEqual([]);
    expect(allowedActions('secrecy_review', 'reviewer', who(8))).toEqual(['record_review', 'return']);
    expect(allowedActions('approval', 'leader', who(9))).toEqual([]);
    expect(allowedActions('approval', 'leader', who(8))).toEqual(['approve', 'return']);
  });
  it.each([
    [{ enabled: true, kind: 'normative', publishDate: '2024-05-06', linked: [] }, false],
    [{ enabled: true, kind: 'normative', publishDate: '2024-05-06', linked: [{ state: 'published', publishedOn: '2024-05-06' }] }, true],
    [{ enabled: true, kind: 'rule', publishDate: '2024-05-06', linked: [{ state: 'published', publishedOn: '2024-05-07' }] }, false],
    [{ enabled: true, kind: 'rule', publishDate: '2024-05-06', linked: [{ state: 'publishing', publishedOn: '2024-05-06' }] }, true],
    [{ enabled: true, kind: 'rule', publishDate: '2024-05-06', linked: [{ state: 'approved', publishedOn: null }] }, false],
    [{ enabled: true, kind: 'notice', publishDate: '2024-05-06', linked: [] }, true],
    [{ enabled: false, kind: 'normative', publishDate: '2024-05-06', linked: [] }, true],
  ] as const)('interpretation rule %o → %s', (args, ok) => {
    expect(checkInterpretationRule(args).ok).toBe(ok);
  });
});

const calendar = shippedCalendar();

describe('第二十六条 clock (shipped calendar)', () => {
  it.each([
    // 2024-05-06 (Mon, after 劳动节 05-01..05-05; Sat 05-11 is a 调休 working day): +20 working days = 2024-05-31
    ['2024-05-06', '2024-05-07', null, '2024-05-31', 'on_time', 19],
    ['2024-05-06', '2024-05-28', null, '2024-05-31', 'due_soon', 3],
    ['2024-05-06', '2024-05-31', null, '2024-05-31', 'due_today', 0],
    ['2024-05-06', '2024-06-04', null, '2024-05-31', 'overdue', -2],
    ['2024-05-06', '2024-06-20', '2024-05-20', '2024-05-31', 'published_on_time', 9],
    ['2024-05-06', '2024-06-20', '2024-06-03', '2024-05-31', 'published_late', -1],
    // 国庆 2024: 10-01..10-07 holidays, Sun 09-29 and Sat 10-12 调休 working days
    ['2024-09-27', '2024-09-30', null, '2024-10-30', 'on_time', 18],
  ] as const)('formed %s, today %s, published %s → due %s, %s (%i)', (formedOn, today, publishedOn, due, status, left) => {
    const c = article26Clock({ calendar, formedOn, today, publishedOn });
    expect([c.dueOn, c.status, c.workingDaysLeft]).toEqual([due, status, left]);
    expect(c.explanation.join('')).toContain('第二十六条');
  });
});

describe('table 二 第二十条第（一）项', () => {
  const items: StatItem[] = [
    { id: 1, kind: 'normative', madeOn: '2023-11-02', publishedOn: '2023-11-10', validity: 'valid', validityChangedOn: null },
    { id: 2, kind: 'normative', madeOn: '2024-03-01', publishedOn: '2024-03-05', validity: 'valid', validityChangedOn: null },
    { id: 3, kind: 'normative', madeOn: '2022-01-01', publishedOn: '2022-01-05', validity: 'abolished', validityChangedOn: '2024-06-30' },
    { id: 4, kind: 'normative', madeOn: '2024-12-28', publishedOn: '2025-01-06', validity: 'valid', validityChangedOn: null },
    { id: 5, kind: 'rule', madeOn: '2024-02-01', publishedOn: '2024-02-02', validity: 'expired', validityChangedOn: '2025-02-01' },
    { id: 6, kind: 'notice', madeOn: '2024-02-01', publishedOn: '2024-02-02', validity: 'valid', validityChangedOn: null },
    { id: 7, kind: 'normative', madeOn: '2024-04-01', publishedOn: '2024-04-02', validity: 'valid', validityChangedOn: null, withdrawnOn: '2024-04-03' },
  ];
  it('2021 columns (labels from formats.ts)', () => {
    const b = FORMATS['2021'].table2[0]!;
    const t = table2Article20Item1(items, 2024, '2021');
    expect(t.blockKey).toBe(b.key);
    expect(t.values).toEqual({
      [b.rows[0]!]: { [b.columns[0]!]: 1, [b.columns[1]!]: 0, [b.columns[2]!]: 1 },
      [b.rows[1]!]: { [b.columns[0]!]: 3, [b.columns[1]!]: 1, [b.columns[2]!]: 2 },
    });
    expect(t.records[b.rows[1]!]![b.columns[2]!]).toEqual([1, 2]);
    expect(t.records[b.rows[1]!]![b.columns[0]!]).toEqual([2, 4, 7]);
  });
  it('2019 columns', () => {
    const b = FORMATS['2019'].table2[0]!;
    const t = table2Article20Item1(items, 2024, '2019');
    expect(t.values).toEqual({
      [b.rows[0]!]: { [b.columns[0]!]: 1, [b.columns[1]!]: 1, [b.columns[2]!]: 1 },
      [b.rows[1]!]: { [b.columns[0]!]: 3, [b.columns[1]!]: 2, [b.columns[2]!]: 3 },
    });
  });
});

describe('describeIndexPattern (公开指南: the pattern in words, never its placeholders)', () => {
  it.each([
    [DEFAULT_INDEX_PATTERN, '12370602780795309E', '统一社会信用代码、4位年份、5位流水号', '12370602780795309E/2026-00001'],
    ['{行政区划代码}-{YYYYMM}-{NNNN}', '12370602780795309E', '行政区划代码、4位年份、2位月份、4位流水号', null],
    ['{组织机构代码}/{YYYY}/{NNN}', '12370602780795309E', '组织机构代码、4位年份、3位流水号', '780795309/2026/001'],
  ])('%s', (pattern, creditCode, words, example) => {
    const d = describeIndexPattern(pattern, { creditCode, date: '2026-12-06' });
    expect(d).toEqual({ words, example });
    expect(d.words + (d.example ?? '')).not.toMatch(/[{}]/);
  });
});
