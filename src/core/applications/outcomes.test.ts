import { describe, expect, it } from 'vitest';
import { FORMATS, T3_OTHER_2019, T3_OTHER_2021 } from '../report/formats.ts';
import { citesArticle, OUTCOMES, outcomeDef, outcomeRow, replyReasonsProblem, REPLY_OUTCOMES } from './outcomes.ts';
import { APPLICANT_COLUMN, APPLICANT_TYPES, applicantKey, isValidCreditCode, isValidResidentId } from './applicants.ts';
import { LETTER_KINDS, replyKindFor } from './templates.ts';

describe('outcome taxonomy ↔ table 三 rows', () => {
  it('every result row of both formats has at least one outcome', () => {
    for (const f of ['2019', '2021'] as const) {
      const used = new Set(OUTCOMES.map((o) => outcomeRow(o.code, f)));
      expect(FORMATS[f].table3ResultRows.filter((r) => !used.has(r))).toEqual([]);
    }
  });
  it('every outcome maps to exactly one result row in each format', () => {
    for (const o of OUTCOMES) {
      expect(FORMATS['2019'].table3ResultRows).toContain(o.row2019);
      expect(FORMATS['2021'].table3ResultRows).toContain(o.row2021);
    }
  });
  it.each([
    ['partial', '（二）部分公开', '（二）部分公开'],
    ['disclose', '（一）予以公开', '（一）予以公开'],
    ['other_correction_lapsed', T3_OTHER_2019[0], T3_OTHER_2021[0]],
    ['other_fee_unpaid', T3_OTHER_2019[0], T3_OTHER_2021[1]],
    ['other_withdrawn', T3_OTHER_2019[0], T3_OTHER_2021[2]],
    ['unavailable_not_this_agency', '（四）无法提供/1.本机关不掌握相关政府信息', '（四）无法提供/1.本机关不掌握相关政府信息'],
    ['decline_repeat', '（五）不予处理/2.重复申请', '（五）不予处理/2.重复申请'],
  ] as const)('%s → 2019 %s, 2021 %s', (code, r2019, r2021) => {
    expect(outcomeRow(code, '2019')).toBe(r2019);
    expect(outcomeRow(code, 'hybrid')).toBe(r2019);
    expect(outcomeRow(code, '2021')).toBe(r2021);
  });
  it('第三十七条 区分处理 is the only basis of 部分公开', () => {
    expect(OUTCOMES.filter((o) => o.row2021 === '（二）部分公开').map((o) => o.code)).toEqual(['partial']);
    expect(outcomeDef('partial').basis).toContain('第三十七条');
  });
  it('every outcome cites an article or document', () => {
    for (const o of OUTCOMES) expect(o.basis.length).toBeGreaterThan(0);
  });
  it('lapse outcomes are not offered in the reply form (they have their own actions)', () => {
    expect(REPLY_OUTCOMES).not.toContain('other_correction_lapsed');
    expect(REPLY_OUTCOMES).not.toContain('other_fee_unpaid');
    expect(REPLY_OUTCOMES).not.toContain('other_withdrawn');
    expect(REPLY_OUTCOMES).toContain('partial');
  });
  it('every family has a reply letter kind', () => {
    for (const o of OUTCOMES) expect(LETTER_KINDS).toContain(replyKindFor(o.family));
  });
});

describe('applicants', () => {
  it('maps the six types to the six applicant columns, one each', () => {
    expect(APPLICANT_TYPES.map((t) => APPLICANT_COLUMN[t])).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  });
  it.each([
    ['12370602780795309E', true], ['12370602780795309F', false], ['91110000600037341L', true], ['ABC', false],
  ])('credit code %s valid=%s', (c, ok) => expect(isValidCreditCode(c)).toBe(ok));
  it.each([['370602199001011239', true], ['370602199001011234', false], ['11010519491231002X', true]])('resident id %s valid=%s', (c, ok) => {
    expect(isValidResidentId(c)).toBe(ok);
  });
  it('applicantKey normalises identity numbers', () => {
    expect(applicantKey({ type: 'natural_person', idNumber: '11010519491231002x', name: '张三' })).toBe(applicantKey({ type: 'natural_person', idNumber: ' 11010519491231002X', name: '李四' }));
    expect(applicantKey({ type: 'commercial', creditCode: '12370602780795309E', name: 'A' })).toBe('O:12370602780795309E');
  });
});

describe('其他处理 names its article in the reasons', () => {
  it.each([
    ['依据《中华人民共和国政府信息公开条例》第三十三条', true],
    ['依据条例第33条办理', true],
    ['根据第 三十六 条', true],
    ['申请人所提事项另有法定程序', false],
    ['', false],
  ] as const)('citesArticle(%j) = %s', (text, cites) => {
    expect(citesArticle(text)).toBe(cites);
    expect(replyReasonsProblem('other', text) === null).toBe(cites);
    // outcomes with an article of their own need no citation in the reasons
    expect(replyReasonsProblem('partial', text)).toBeNull();
  });
});
