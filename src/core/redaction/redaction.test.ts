import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../validation/index.ts';
import {
  boxesFor, boxProblem, chineseCount, clampBox, detect, luhnValid, pageText, reasonProblem, separationStatement,
  selectionBoxes, suggestPage, SUGGESTION_PATTERNS, type DetectOptions, type TextItem,
} from './index.ts';

const TODAY = '2026-12-06';
const id = (first17: string) => first17 + idCheckCharacter(first17);
/** A Luhn-valid number: `body` and its check digit. */
const card = (body: string) => { for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d; throw new Error('unreachable'); };

const ID1 = id('11010519491231002'); // 11010519491231002X
const ID2 = id('37060219900307123');
const BADID = ID2.slice(0, 17) + (ID2[17] === '0' ? '1' : '0');
const CARD = card('622202020011223344'); // 19 digits
const CARD16 = card('411111111111111');
const all: DetectOptions = { patterns: SUGGESTION_PATTERNS, terms: [], today: TODAY };
const found = (text: string, opts = all) => detect(text, opts).map((m) => [m.kind, m.text]);

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true], ['4111111111111112', false], ['79927398713', true], ['79927398710', false],
    ['', false], ['12a4', false], ['0', true],
  ])('%s → %s', (v, ok) => expect(luhnValid(v)).toBe(ok));
});

describe('detect: one kind at a time, in running text', () => {
  it.each([
    // text, expected [kind, text][]
    [`申请人身份证号${ID1}，住址`, [['id-number', ID1]]],
    [`身份证：${ID2.slice(0, 6)} ${ID2.slice(6, 14)} ${ID2.slice(14)}。`, [['id-number', `${ID2.slice(0, 6)} ${ID2.slice(6, 14)} ${ID2.slice(14)}`]]],
    [`号码${ID1.toLowerCase()}`, [['id-number', ID1.toLowerCase()]]],
    [`校验位错误${BADID}`, []], // check digit wrong: not suggested
    ['出生日期不可能990101199913320012', []],
    ['联系电话13812345678。', [['phone', '13812345678']]],
    ['手机 138 1234 5678', [['phone', '138 1234 5678']]],
    ['手机+86 13812345678', [['phone', '+86 13812345678']]],
    ['电话0535-6666666', [['phone', '0535-6666666']]],
    ['电话（010）62345678转123', [['phone', '（010）62345678转123']]],
    ['电话 021 6234 5678', [['phone', '021 6234 5678']]],
    ['编号12812345678', [['phone', '12812345678']].slice(1)], // 12X is not a mobile prefix
    ['文号2026012345678', []], // a long number is not a phone
    [`卡号${CARD}`, [['bank-card', CARD]]],
    [`卡号 ${CARD16.replace(/(\d{4})(?=\d)/g, '$1 ')}`, [['bank-card', CARD16.replace(/(\d{4})(?=\d)/g, '$1 ')]]],
    [`卡号${CARD.slice(0, 18)}${CARD[18] === '0' ? '1' : '0'}`, []], // Luhn fails
    ['全零0000000000000000', []],
    ['邮箱 zhang.san@example.com.cn。', [['email', 'zhang.san@example.com.cn']]],
    ['不是邮箱 a@b', []],
  ])('%s', (text, expected) => expect(found(text)).toEqual(expected));
});

describe('detect: overlaps and choice', () => {
  it('an ID number that also passes Luhn is an ID number only', () => {
    const luhnId = ['11010519491231002', '37060219900307123', '44030619850101001', '51010419720815022']
      .map(id).find((v) => /^\d+$/.test(v) && luhnValid(v));
    if (luhnId) expect(found(luhnId)).toEqual([['id-number', luhnId]]);
    expect(found(`${ID1} 13812345678 a@example.org`)).toEqual([['id-number', ID1], ['phone', '13812345678'], ['email', 'a@example.org']]);
  });
  it('only the asked patterns', () => {
    expect(found(`${ID1} 13812345678`, { ...all, patterns: ['phone'] })).toEqual([['phone', '13812345678']]);
  });
  it('terms: across spaces and line breaks, any Latin case, repeated, one-character terms ignored', () => {
    const opts: DetectOptions = { patterns: [], terms: ['王小明', 'ACME', '张', ' '], today: TODAY };
    expect(found('第三方王 小\n明与Acme公司及王小明', opts)).toEqual([['term', '王 小\n明'], ['term', 'Acme'], ['term', '王小明']]);
    expect(found('正则(a+)字符', { ...opts, terms: ['(a+)'] })).toEqual([['term', '(a+)']]);
  });
});

describe('reasonProblem', () => {
  it.each([
    ['art15-privacy', null, true], ['art14', '', true], ['art16-enforcement', null, true],
    ['other', '涉及正在调查的举报人信息', true], ['other', '', false], ['other', '理由', false],
    ['other', 'x'.repeat(201), false], ['art99', null, false], [undefined, null, false],
  ])('%s %s → ok=%s', (reason, text, ok) => expect(reasonProblem(reason, text) === null).toBe(ok));
});

describe('page text and boxes', () => {
  const items: TextItem[] = [
    { str: '联系电话：', x: 72, y: 100, w: 50, h: 10 },
    { str: '13812345678', x: 122, y: 100, w: 55, h: 10, eol: true },
    { str: '王小', x: 72, y: 120, w: 20, h: 10 },
    { str: '明', x: 92, y: 120, w: 10, h: 10 },
    { str: '另起一行', x: 72, y: 140, w: 40, h: 10 },
  ];
  it('joins items into lines', () => {
    expect(pageText(items).text).toBe('联系电话：13812345678\n王小明\n另起一行');
  });
  it('a match spanning items gets one box per item, by character widths, with a margin (wider where the edge is estimated inside an item)', () => {
    const pt = pageText(items);
    const s = pt.text.indexOf('小明');
    expect(boxesFor(items, pt, s, s + 2)).toEqual([
      { x: 82 - 1.5 - 0.15 * 10, y: 118.5, w: 10 + 3 + 0.15 * 10, h: 13 },
      { x: 92 - 1.5, y: 118.5, w: 10 + 3, h: 13 },
    ]);
  });
  it('a phone inside an item: the digits part of it; a CJK character is an em, a digit 0.556 em', () => {
    // 2 CJK + 11 digits = 8.116 em over 75 points: the digits start at 75 × 2 / 8.116 = 18.48
    const [s] = suggestPage(3, [{ str: '电话13812345678', x: 0, y: 0, w: 75, h: 10 }], { patterns: ['phone'], terms: [], today: TODAY });
    expect(s).toMatchObject({ page: 3, kind: 'phone', text: '13812345678' });
    const [b] = s!.boxes;
    expect(s!.boxes).toHaveLength(1);
    expect(b!.x).toBeCloseTo(18.482 - 1.5 - 1.5, 2);
    expect(b!.x + b!.w).toBeCloseTo(75 + 1.5, 2);
    expect([b!.y, b!.h]).toEqual([-1.5, 13]);
  });
});

describe('selected text', () => {
  const items: TextItem[] = [
    { str: '经办人：张三', x: 72, y: 100, w: 60, h: 10, eol: true },
    { str: '复核人：李四，抄送张三', x: 72, y: 300, w: 110, h: 10, eol: true },
  ];
  it.each([
    ['张三', undefined, [100, 300]],
    ['张三', { x: 120, y: 105 }, [100]],
    ['张三', { x: 175, y: 290 }, [300]],
    ['张 三', { x: 175, y: 290 }, [300]],
    ['李', undefined, [300]],
    ['王五', undefined, []],
  ] as const)('%s near %o → boxes on lines %o', (sel, near, ys) => {
    const boxes = selectionBoxes(items, sel, near);
    expect(boxes.map((b) => b.y + 1.5)).toEqual(ys);
  });
  it('the box of a selection covers exactly the selected characters (with the margins)', () => {
    const [b] = selectionBoxes(items, '张三', { x: 120, y: 105 });
    // 6 CJK characters over 60 points: 张三 are the last two, x 112–132
    expect(b).toEqual({ x: 112 - 3, y: 98.5, w: 20 + 3 + 1.5, h: 13 });
  });
});

describe('boxes on the page', () => {
  it.each([
    [{ x: 10, y: 10, w: 100, h: 20 }, null],
    [{ x: 0, y: 0, w: 595, h: 842 }, null],
    [{ x: 10, y: 10, w: 0.5, h: 20 }, '太小'],
    [{ x: -5, y: 10, w: 10, h: 20 }, '超出页面'],
    [{ x: 500, y: 10, w: 100, h: 20 }, '超出页面'],
    [{ x: Number.NaN, y: 10, w: 100, h: 20 }, '数字'],
  ])('%j → %s', (b, fragment) => {
    const p = boxProblem(b, 595, 842);
    if (fragment === null) expect(p).toBeNull(); else expect(p).toContain(fragment);
  });
  it('clampBox cuts to the page and drops what is off it', () => {
    expect(clampBox({ x: -2, y: 830, w: 10, h: 20 }, 595, 842)).toEqual({ x: 0, y: 830, w: 8, h: 12 });
    expect(clampBox({ x: 600, y: 0, w: 10, h: 10 }, 595, 842)).toBeNull();
  });
});

describe('区分处理说明', () => {
  it.each([[0, '〇'], [3, '三'], [10, '十'], [12, '十二'], [25, '二十五'], [99, '九十九'], [100, '100']])('%i → %s', (n, s) => expect(chineseCount(n)).toBe(s));
  it('per file, grouped by reason in the fixed order; files without redactions are not named', () => {
    const s = separationStatement([
      { fileName: '许可证.pdf', redactions: [{ reason: 'art15-privacy' }, { reason: 'art16-process' }, { reason: 'art15-privacy' }] },
      { fileName: '附图.pdf', redactions: [] },
      { fileName: '会议纪要.pdf', redactions: [{ reason: 'other', otherText: '涉及正在调查的举报人' }] },
    ]);
    expect(s).toBe('根据《中华人民共和国政府信息公开条例》第三十七条，本机关对所提供的信息作了区分处理，不予公开的内容已遮盖：'
      + '《许可证.pdf》共遮盖三处：二处涉及个人隐私，公开会对第三方合法权益造成损害的信息，依据《中华人民共和国政府信息公开条例》第十五条不予公开；'
      + '一处属于行政机关在履行行政管理职能过程中形成的过程性信息，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开。'
      + '《会议纪要.pdf》共遮盖一处：一处因涉及正在调查的举报人不予公开。其余内容予以公开。');
    expect(separationStatement([{ fileName: 'a.pdf', redactions: [] }])).toBeNull();
  });
});
