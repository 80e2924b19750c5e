import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.ts';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['12370602780795309E', true], // 烟台市芝罘区行政审批服务局 (published code)
    ['12370602780795309F', false], // wrong check character
    ['1237060278079530IE', false], // I is not in the character set
    ['12370602780795309', false], // 17 characters
    ['113706020043215678', true], // demo 芝罘区人民政府 (invented, check character computed)
  ])('%s → %s', (code, ok) => {
    expect(isValidCreditCode(code)).toBe(ok);
  });
  it('computes the check character of 12370602780795309', () => {
    expect(creditCodeCheckChar('12370602780795309')).toBe('E');
  });
});
