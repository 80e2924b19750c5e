import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.ts';

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
  it.each([
    ['1234567', '密码至少需要 8 个字符'],
    ['12345678', null],
  ])('policy %s → %s', (pw, expected) => {
    expect(passwordProblem(pw)).toBe(expected);
  });
});
