import { describe, expect, it } from 'vitest';
import { dateProblem, EARLIEST_DATE, isPlausibleDate, LATEST_DATE, OGI_REGULATION_IN_FORCE } from './date.ts';
import { idCheckCharacter, isValidResidentId, residentIdProblem } from './identity.ts';
import { phoneKind, phoneProblem } from './phone.ts';
import { isMeaningfulText, meaningfulLength, meaningfulTextProblem } from './text.ts';

const TODAY = '2026-12-06';

describe('dateProblem: real calendar date inside the bounds', () => {
  it.each([
    // value, bounds, ok?, message fragment
    ['2026-03-02', {}, true, ''],
    ['2024-02-29', {}, true, ''], // leap year
    ['2000-02-29', {}, true, ''], // divisible by 400
    [EARLIEST_DATE, {}, true, ''],
    [LATEST_DATE, {}, true, ''],
    ['2026-12-06', { max: TODAY }, true, ''],
    ['2026-02-30', {}, false, '不是日历上存在的日期'],
    ['2026-13-40', {}, false, '不是日历上存在的日期'],
    ['2026-13-01', {}, false, '不是日历上存在的日期'],
    ['2026-00-10', {}, false, '不是日历上存在的日期'],
    ['2026-04-31', {}, false, '不是日历上存在的日期'],
    ['2025-02-29', {}, false, '不是日历上存在的日期'],
    ['1900-02-29', {}, false, '不是日历上存在的日期'], // not divisible by 400
    ['0000-01-01', {}, false, '不能早于 1949-10-01'],
    ['1949-09-30', {}, false, '不能早于 1949-10-01'],
    ['9999-12-31', {}, false, '不能晚于 2099-12-31'],
    ['2100-01-01', {}, false, '不能晚于 2099-12-31'],
    ['2026-12-07', { max: TODAY }, false, '不能晚于今天（2026-12-06）'],
    ['2008-05-01', { min: OGI_REGULATION_IN_FORCE }, true, ''],
    ['2008-04-30', { min: OGI_REGULATION_IN_FORCE }, false, '不能早于 2008-05-01'],
    ['2026-3-2', {}, false, '格式应为 YYYY-MM-DD'],
    ['99999-01-01', {}, false, '格式应为 YYYY-MM-DD'],
    ['2026-03-02T00:00:00Z', {}, false, '格式应为 YYYY-MM-DD'],
    ['', {}, false, '格式应为 YYYY-MM-DD'],
    [20260302, {}, false, '格式应为 YYYY-MM-DD'],
  ] as const)('%s %j → ok=%s', (value, bounds, ok, fragment) => {
    const p = dateProblem(value, '立案日期', bounds);
    expect(p === null).toBe(ok);
    expect(isPlausibleDate(value, bounds)).toBe(ok);
    if (!ok) {
      expect(p).toContain('立案日期');
      expect(p).toContain(fragment);
    }
  });
});

describe('公民身份号码 (GB 11643-1999, MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['37060219900307123', '5'],
    ['44030820000229451', '2'],
    ['37068720240101003', '0'],
  ])('check character of %s is %s', (first17, check) => {
    expect(idCheckCharacter(first17)).toBe(check);
  });

  it.each([
    ['11010519491231002X', null],
    ['11010519491231002x', null], // lower-case x is the same character
    ['370602199003071235', null],
    ['440308200002294512', null], // born on a leap day
    ['370687202401010030', null],
    ['370602199003071234', '校验位'], // right shape, wrong check digit (…1235 is right)
    ['370602199003071243', null], // sequence 124: check digit 3
    ['370602199003071236', '校验位'],
    ['110105194912310021', '校验位'],
    ['320102209912310010', '出生日期“2099-12-31”不可能'], // valid checksum, birth date in 2099
    ['370602202612070019', '出生日期“2026-12-07”不可能'], // born after today
    ['370602189912310011', '出生日期“1899-12-31”不可能'],
    ['370602199002300019', '出生日期“19900230”不是有效日期'],
    ['990602199003071235', '前两位“99”'],
    ['370602900307123', '15位'],
    ['37060219900307123', '应为18位'],
    ['3706021990030712355', '应为18位'],
    ['37060219900307123A', '应为18位'],
    ['', '应为18位'],
  ])('%s → %s', (id, fragment) => {
    const p = residentIdProblem(id, TODAY);
    if (fragment === null) {
      expect(p).toBeNull();
      expect(isValidResidentId(id, TODAY)).toBe(true);
    } else {
      expect(p).toContain(fragment);
      expect(isValidResidentId(id, TODAY)).toBe(false);
    }
  });
});

describe('phone numbers', () => {
  it.each([
    ['13800000000', 'mobile'],
    ['19912345678', 'mobile'],
    ['138 0000 0000', 'mobile'],
    ['138-0000-0000', 'mobile'],
    ['+8613800000000', 'mobile'],
    ['008613800000000', 'mobile'],
    ['0535-6666666', 'fixed'], // 4-digit area code, 7-digit number
    ['0535-66666666', 'fixed'], // 4-digit area code, 8-digit number
    ['05356666666', 'fixed'],
    ['010-88888888', 'fixed'], // 北京: 3-digit code, 8 digits
    ['(010)88888888', 'fixed'],
    ['021 66666666', 'fixed'],
    ['0535-6666666-801', 'fixed'], // extension
    ['0535-6666666转801', 'fixed'],
    ['+44 20 7946 0958', 'international'],
    ['+1 415 555 2671', 'international'],
    ['1380000000', null], // 10 digits
    ['138000000000', null], // 12 digits
    ['12800000000', null], // no 12x mobile numbers
    ['6666666', null], // local number without area code
    ['0535-666666', null], // 6-digit local number
    ['010-8888888', null], // Beijing numbers have 8 digits
    ['0535-06666666', null], // a local number does not start with 0
    ['0535-123456789', null],
    ['+86 12345', null],
    ['abc', null],
    ['', null],
    ['。。。', null],
  ])('%s → %s', (value, kind) => {
    expect(phoneKind(value)).toBe(kind);
    if (kind) expect(phoneProblem(value)).toBeNull();
    else expect(phoneProblem(value)).toMatch(/^请填写正确的联系电话/);
  });

  it('says how many digits a mobile number has when it is not 11', () => {
    expect(phoneProblem('1380000000')).toContain('现为10位');
    expect(phoneProblem('138000000000')).toContain('现为12位');
  });
});

describe('meaningful text', () => {
  it.each([
    ['请提供2025年行政许可办理结果', 1, true, 16],
    ['张三', 1, true, 2],
    ['Li Lei', 1, true, 5],
    ['2025', 1, true, 4],
    ['A', 1, true, 1],
    ['。。。', 1, false, 0],
    ['...', 1, false, 0],
    ['——', 1, false, 0],
    ['？！，', 1, false, 0],
    ['   ', 1, false, 0],
    ['\u3000\u3000', 1, false, 0], // ideographic spaces
    ['★☆♥', 1, false, 0],
    ['😀😀', 1, false, 0],
    ['张', 2, false, 1],
    ['张。', 2, false, 1],
  ])('%j (min %i) → %s', (s, min, ok, n) => {
    expect(meaningfulLength(s)).toBe(n);
    expect(isMeaningfulText(s, min)).toBe(ok);
    const p = meaningfulTextProblem(s, '补正事项', min);
    if (ok) expect(p).toBeNull();
    else expect(p).toMatch(/^补正事项/);
  });
});
