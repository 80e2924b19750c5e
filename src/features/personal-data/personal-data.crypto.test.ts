import { describe, expect, it } from 'vitest';
import { createCipher, keyIdOf, normalise, parseKey } from './personal-data.crypto.ts';

const A = Buffer.alloc(32, 1);
const B = Buffer.alloc(32, 2);

describe('personal-data cipher', () => {
  it('seals with AES-256-GCM under the current key id and opens again; null and empty stay', () => {
    const c = createCipher({ current: A, previous: [] });
    const env = c.seal('applications.phone', '13800000000');
    expect(env).toMatch(new RegExp(`^pd1:${keyIdOf(A)}:[A-Za-z0-9_-]+$`));
    expect(env).not.toContain('13800000000');
    expect(c.seal('applications.phone', '13800000000')).not.toBe(env); // a fresh IV every time
    expect(c.open('applications.phone', env)).toBe('13800000000');
    expect(c.seal('applications.email', null)).toBeNull();
    expect(c.seal('applications.email', '')).toBe('');
    // plaintext written before encryption is read as it is
    expect(c.open('applications.phone', '0535-6666666')).toBe('0535-6666666');
  });

  it('binds a value to its column and detects tampering', () => {
    const c = createCipher({ current: A, previous: [] });
    const env = c.seal('applications.id_number', '370602199001011239');
    expect(() => c.open('applications.phone', env)).toThrow();
    const last = env.at(-2) === 'A' ? 'B' : 'A';
    expect(() => c.open('applications.id_number', `${env.slice(0, -2)}${last}${env.slice(-1)}`)).toThrow();
  });

  it('rotation: a previous key still opens; hashes under every key are offered for search', () => {
    const old = createCipher({ current: A, previous: [] });
    const env = old.seal('applications.phone', '13800000000');
    const now = createCipher({ current: B, previous: [A] });
    expect(now.open('applications.phone', env)).toBe('13800000000');
    expect(now.keyIdOfValue(env)).toBe(keyIdOf(A));
    expect(now.hashes('phone', '138 0000 0000')).toEqual([now.hash('phone', '13800000000'), old.hash('phone', '13800000000')]);
    expect(() => createCipher({ current: B, previous: [] }).open('applications.phone', env)).toThrow(/PERSONAL_DATA_PREVIOUS_KEYS/);
  });

  it.each([
    ['phone', '138-0000 0000', '13800000000'],
    ['idNumber', ' 37060219900101123x ', '37060219900101123X'],
    ['email', ' ZhangSan@Example.com ', 'zhangsan@example.com'],
  ] as const)('normalise(%s, %j) = %s; the hash is keyed and exact', (kind, raw, norm) => {
    expect(normalise(kind, raw)).toBe(norm);
    const c = createCipher({ current: A, previous: [] });
    expect(c.hash(kind, raw)).toBe(c.hash(kind, norm));
    expect(c.hash(kind, raw)).not.toBe(createCipher({ current: B, previous: [] }).hash(kind, raw));
    expect(c.hash(kind, raw)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    [Buffer.alloc(32, 5).toString('base64'), true],
    [Buffer.alloc(32, 5).toString('base64url'), true],
    [Buffer.alloc(16, 5).toString('base64'), false],
    ['not a key!', false],
  ])('parseKey(%s) → 32 bytes: %s', (text, ok) => {
    expect(parseKey(text) !== null).toBe(ok);
  });
});

describe('binary content (identity scans)', () => {
  it('sealBytes/openBytes round-trip; base64 written before encryption still opens', () => {
    const c = createCipher({ current: A, previous: [] });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const env = c.sealBytes('application_attachments.content', png);
    expect(env.startsWith('pd1:')).toBe(true);
    expect(c.openBytes('application_attachments.content', env).equals(png)).toBe(true);
    expect(c.openBytes('application_attachments.content', png.toString('base64')).equals(png)).toBe(true);
    expect(() => c.openBytes('mail_outbox.body', env)).toThrow();
  });
});
