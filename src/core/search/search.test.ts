import { describe, expect, it } from 'vitest';
import { normalize, runs } from './normalize.ts';
import { ftsText, indexTokens, SEP, tsvectorLiteral } from './tokenizer.ts';
import { likePatterns, metaFts5, metaTokens, metaTsquery, parseQuery, periodStartKey, periodToken, periodTokensBetween, toFts5, toTsquery } from './query.ts';
import { findMatches, highlightAll, snippet } from './highlight.ts';
import { headRow, tsvRow } from './document.ts';
import { compareRanked, idFromRecencyKey, pageAcrossTiers, recencyKey } from './rank.ts';

describe('normalize', () => {
  it.each([
    ['ＡＢＣ１２３', 'abc123'],
    ['GongKai 公开', 'gongkai 公开'],
    ['２０１９年', '2019年'],
    ['Café', 'café'],
  ])('%s → %s', (src, out) => {
    expect(normalize(src).text).toBe(out);
  });
  it('maps normalised offsets back to the source', () => {
    const n = normalize('ＡＢ公开');
    expect(n.text).toBe('ab公开');
    expect(n.map).toEqual([0, 1, 2, 3]);
  });
  it('splits runs on punctuation and spaces', () => {
    expect(runs(normalize('关于《行政许可》的通知，2019年 第3号').text).map((r) => r.chars.join(''))).toEqual(['关于', '行政许可', '的通知', '2019年', '第3号']);
  });
});

describe('indexTokens', () => {
  it.each([
    ['公开', ['公开', SEP, '公', '开']],
    ['行政复议', ['行政', '政复', '复议', SEP, '行', '政', '复', '议']],
    ['公开，许可', ['公开', SEP, '许可', SEP, '公', '开', '许', '可']],
    ['2019年', ['20', '01', '19', '9年', SEP, '2', '0', '1', '9', '年']],
    ['税', [SEP, '税']],
    ['。！', []],
    ['公公公', ['公公', '公公', SEP, '公']],
  ])('%s', (text, tokens) => {
    expect(indexTokens(text)).toEqual(tokens);
  });
  it('joins tokens with spaces for FTS5', () => {
    expect(ftsText('PDF文件')).toBe(`pd df f文 文件 ${SEP} p d f 文 件`);
  });
  it('builds a tsvector literal with weights and a gap between runs', () => {
    expect(tsvectorLiteral([{ text: '公开', weight: 'A' }, { text: '许可。公开' }])).toBe("'公开':1A,8 '公':3A,12 '开':4A,13 '许可':6 '许':10 '可':11");
  });
});

describe('parseQuery', () => {
  it.each([
    ['公开', [['公开', ['公开']]]],
    ['许可', [['许可', ['许可']]]],
    ['行政复议', [['行政复议', ['行政', '政复', '复议']]]],
    ['2019年', [['2019年', ['20', '01', '19', '9年']]]],
    ['  行政  复议 ', [['行政', ['行政']], ['复议', ['复议']]]],
    ['行政，复议！', [['行政', ['行政']], ['复议', ['复议']]]],
    ['行政 行政复议', [['行政复议', ['行政', '政复', '复议']]]],
    ['税', [['税', ['税']]]],
    ['ＰＤＦ', [['pdf', ['pd', 'df']]]],
    ['“”《》', []],
  ])('%s', (q, expected) => {
    expect(parseQuery(q).terms.map((t) => [t.text, t.tokens])).toEqual(expected);
  });
  it('renders FTS5 and tsquery expressions', () => {
    const q = parseQuery('行政复议 公开');
    expect(toFts5(q)).toBe('"行政 政复 复议" AND "公开"');
    expect(toFts5(q, 'title')).toBe('title : ("行政 政复 复议" AND "公开")');
    expect(toTsquery(q)).toBe("('行政' <-> '政复' <-> '复议') & '公开'");
    expect(toTsquery(q, 'A')).toBe("('行政':A <-> '政复':A <-> '复议':A) & '公开':A");
    expect(likePatterns(parseQuery('行政复议 100%'))).toEqual(['%行政复议%', '%100%']);
  });
  it('expresses filters as meta tokens', () => {
    expect(metaTokens({ agencyId: 3, category: 5, kind: 'normative', year: 2024, validity: 'valid' })).toEqual(['ag3', 'cat5', 'kindnormative', 'yr2024', 'valvalid']);
    expect(metaFts5({ agencyId: 3, year: 2024 })).toBe('meta : ("ag3" AND "yr2024")');
    expect(metaFts5({})).toBe('');
    expect(metaTsquery({ agencyId: 3, year: 2024 })).toBe("'ag3' & 'yr2024'");
  });
  it('names the publication month of a recency key and the months between two keys, newest first', () => {
    expect(periodToken(recencyKey('2025-11-30', 42))).toBe('mo202511');
    expect(periodToken(recencyKey('1970-01-01', 1))).toBe('mo197001');
    expect(periodTokensBetween(recencyKey('2025-02-01', 9), recencyKey('2024-11-15', 3))).toEqual(['mo202502', 'mo202501', 'mo202412', 'mo202411']);
    expect(periodTokensBetween(recencyKey('2025-02-28', 9), recencyKey('2025-02-01', 3))).toEqual(['mo202502']);
    // a month's first key: its first day with id 0, just above the last key of the month before
    expect(periodStartKey('mo202502')).toBe(recencyKey('2025-02-01', 0));
    expect(periodStartKey('mo202501')).toBeGreaterThan(recencyKey('2024-12-31', 999_999_999));
    expect(periodToken(periodStartKey('mo202412'))).toBe('mo202412');
    expect(() => periodStartKey('ag12')).toThrow(RangeError);
  });
  it('keeps the title and metadata positions of the full tsvector in the head vector', () => {
    const d = { itemId: 7, searchKey: recencyKey('2025-03-04', 7), agencyId: 2, title: '行政复议公告', meta: '通知\n政务公开', text: '正文提到公开', category: 5, kind: 'notice', year: 2025, validity: 'valid' };
    const lexemes = (v: string) => new Map(v.split(/ (?=')/).map((x) => [x.slice(0, x.lastIndexOf(':')), x.slice(x.lastIndexOf(':') + 1)]));
    const full = lexemes(tsvRow(d));
    const head = lexemes(headRow(d));
    expect(head.get("'mo202503'")).toBe('1B');
    expect(head.get("'ag2'")).toBe('1B');
    expect(full.get("'mo202503'")).toBe('1B');
    expect(head.get("'行政'")).toBe(full.get("'行政'"));
    // 公开 is in the metadata (C) and the text (D): the head keeps only the C position
    expect(full.get("'公开'")!.split(',').length).toBe(2);
    expect(head.get("'公开'")).toBe(full.get("'公开'")!.split(',')[0]);
  });
});

/** A tiny in-memory phrase matcher over the index tokens: what FTS5 does with the same tokens. */
function phraseMatch(doc: string, query: string): boolean {
  const toks = indexTokens(doc);
  return parseQuery(query).terms.every((t) => {
    for (let i = 0; i + t.tokens.length <= toks.length; i++) {
      if (t.tokens.every((x, k) => toks[i + k] === x)) return true;
    }
    return false;
  });
}

describe('phrase semantics = substring within a run', () => {
  it.each([
    ['关于公开行政复议决定的通知', '行政复议', true],
    ['关于公开行政复议决定的通知', '公开', true],
    ['关于公开行政复议决定的通知', '复议决定', true],
    ['行政，复议', '行政复议', false], // punctuation between: not a substring
    ['行政复，政复议', '行政复议', false], // every bigram present, but never consecutive
    ['2019年度报告', '2019年', true],
    ['2019年度报告', '19年', true],
    ['2020年度报告', '2019年', false],
    ['许可证', '许可', true],
    ['许多可能', '许可', false],
    ['政府信息公开指南', '指', true],
    ['国办发〔2019〕54号', '54号', true],
  ])('%s ∋ %s: %s', (doc, q, found) => {
    expect(phraseMatch(doc, q)).toBe(found);
  });
});

describe('highlight', () => {
  const q = parseQuery('行政复议');
  it('finds matches in the original text', () => {
    expect(findMatches('申请行政复议，行政复议机关', q)).toEqual([[2, 6], [7, 11]]);
  });
  it('maps full-width matches back to the source', () => {
    expect(findMatches('第２０１９年', parseQuery('2019年'))).toEqual([[1, 6]]);
  });
  it('splits a title into segments', () => {
    expect(highlightAll('关于行政复议的说明', q)).toEqual([
      { text: '关于', hit: false },
      { text: '行政复议', hit: true },
      { text: '的说明', hit: false },
    ]);
  });
  it('keeps markup as plain text (escaping is the page\'s job)', () => {
    expect(highlightAll('<b>公开</b>', parseQuery('公开'))).toEqual([
      { text: '<b>', hit: false },
      { text: '公开', hit: true },
      { text: '</b>', hit: false },
    ]);
  });
  it('cuts a window around the hit', () => {
    const body = '甲'.repeat(200) + '行政复议' + '乙'.repeat(200);
    const s = snippet(body, q, { length: 40, context: 10 });
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    expect(s.segments.map((x) => x.text).join('')).toBe('甲'.repeat(10) + '行政复议' + '乙'.repeat(26));
    expect(s.segments.filter((x) => x.hit).map((x) => x.text)).toEqual(['行政复议']);
  });
  it('returns the opening without hits', () => {
    const s = snippet('本机关  依法\n公开信息', parseQuery('许可'), { length: 5 });
    expect(s).toEqual({ segments: [{ text: '本机关 依', hit: false }], cutStart: false, cutEnd: true, hits: 0 });
  });
});

describe('rank', () => {
  it('orders by tier, then date (newest first), then id', () => {
    const rows = [
      { id: 1, tier: 1 as const, publishedOn: '2025-01-01' },
      { id: 2, tier: 0 as const, publishedOn: '2020-01-01' },
      { id: 3, tier: 0 as const, publishedOn: '2024-06-30' },
      { id: 4, tier: 0 as const, publishedOn: '2024-06-30' },
    ];
    expect([...rows].sort(compareRanked).map((r) => r.id)).toEqual([4, 3, 2, 1]);
  });
  it.each([
    ['1970-01-01', 7, 7],
    ['2024-06-30', 123, 19904 * 1e9 + 123],
  ])('recencyKey(%s, %i)', (d, id, key) => {
    expect(recencyKey(d, id)).toBe(key);
    expect(idFromRecencyKey(key)).toBe(id);
  });
  it('orders later dates above earlier ones whatever the id', () => {
    expect(recencyKey('2024-06-30', 1)).toBeGreaterThan(recencyKey('2024-06-29', 999_999_999));
  });
  // Three tiers of 25, 3 and 40 matches (ids 100…, 200…, 300…), pages of 10: which ids each page gets, and
  // how many count() calls the walk needs (only when a page starts beyond a tier it has not read rows from).
  const tiersOf = (sizes: number[], counted: number[]) =>
    sizes.map((n, t) => ({
      page: async (limit: number, offset: number) => Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => (t + 1) * 100 + offset + i),
      count: async () => { counted.push(t); return n; },
    }));
  it.each([
    [1, [100, 101, 102, 103, 104, 105, 106, 107, 108, 109], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], []],
    [3, [120, 121, 122, 123, 124, 200, 201, 202, 300, 301], [0, 0, 0, 0, 0, 1, 1, 1, 2, 2], []],
    [4, [302, 303, 304, 305, 306, 307, 308, 309, 310, 311], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2], [0, 1]],
    [7, [332, 333, 334, 335, 336, 337, 338, 339], [2, 2, 2, 2, 2, 2, 2, 2], [0, 1]],
    [8, [], [], []],
  ])('pageAcrossTiers(sizes 25/3/40, page %i)', async (page, ids, tiers, counted) => {
    const calls: number[] = [];
    const got = await pageAcrossTiers(tiersOf([25, 3, 40], calls), 68, page, 10);
    expect(got.map((x) => x.id)).toEqual(ids);
    expect(got.map((x) => x.tier)).toEqual(tiers);
    expect(calls).toEqual(counted);
  });
});
