import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { commonPasswords } from './common-passwords.ts';

describe('scrypt passwords', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('demo12345');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('demo12345', h)).toBe(true);
    expect(await verifyPassword('demo12346', h)).toBe(false);
    expect(await verifyPassword('demo12345', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('demo12345', 'garbage')).toBe(false);
  });
  it('salts: two hashes of one password differ', async () => {
    expect(await hashPassword('同一个密码abc')).not.toBe(await hashPassword('同一个密码abc'));
  });
});

describe('password policy (GB/T 22239-2019 level 2 habits, decision 063)', () => {
  const classes = '密码须包含小写字母、大写字母、数字、符号中的至少三类（或长度不少于 12 个字符）';
  const cases: [string, string | undefined, string[]][] = [
    ['Ab3$xyz', undefined, ['密码至少需要 8 个字符']],
    ['Ab3$wxyz', undefined, []], // 8 characters, 4 classes
    ['Abcdwxyz', undefined, [classes]], // 2 classes
    ['abcd3wxy', undefined, [classes]], // 2 classes
    ['Abcd3wxy', undefined, []], // 3 classes
    ['abcd wxyz 3', undefined, []], // lower, symbol (space), digit
    ['zhiguofangshi', undefined, []], // 13 characters, 1 class: a phrase
    ['abcdefghijk', undefined, [classes]], // 11 characters, 1 class
    ['审批服务局2026年', undefined, [classes]], // Chinese counts as "other": other + digit = 2 classes, 10 characters
    ['审批服务局2026年Ok', undefined, []], // + upper + lower
    ['demo12345', undefined, [classes]], // the demo password breaks the policy (demo accounts are seeded outside it)
    ['Wangwu2026!', 'wangwu', ['密码不能包含用户名']],
    ['Xx-uwgnaw-2026', 'wangwu', ['密码不能包含用户名']], // backwards
    ['Li#2026abc', 'li', []], // user names under 3 characters are not searched for
    ['Password1', undefined, ['该密码过于常见，容易被猜中，请换一个']],
    ['P@ssw0rd', undefined, ['该密码过于常见，容易被猜中，请换一个']],
    ['woaini1314', undefined, [classes, '该密码过于常见，容易被猜中，请换一个']],
    ['qwertyuiop', undefined, [classes, '该密码过于常见，容易被猜中，请换一个']],
    ['x'.repeat(201), undefined, ['密码不能超过 200 个字符']],
  ];
  it.each(cases)('%s (user %s) → %j', (pw, username, expected) => {
    expect(passwordProblems(pw, username)).toEqual(expected);
  });
  it('ships a list of a few thousand common passwords (Openwall password.lst + supplement), comments excluded', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(3500);
    expect(list.has('123456')).toBe(true);
    expect(list.has('5201314')).toBe(true);
    expect([...list].some((p) => p.startsWith('#!comment'))).toBe(false);
  });
});
