// Encryption at rest of applicants' personal fields (证件号码, phone, email, address; the outbox's
// recipient): AES-256-GCM (node:crypto) with a random 96-bit IV per value; the key id travels with the
// ciphertext, so old keys can still be read during a rotation. Exact-match search uses a keyed hash
// (HMAC-SHA-256 with a key derived from the encryption key): a database dump alone reveals neither
// the values nor, by brute force over the small space of identity numbers, the hashes.
//
// Envelope: `pd1:<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>`; the field name is the additional
// authenticated data, so a value cannot be moved to another column unnoticed.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const ENVELOPE_PREFIX = 'pd1:';

/** Kinds of value that can be found by exact match; each normalises before hashing. */
export type HashKind = 'phone' | 'idNumber' | 'email';

export function normalise(kind: HashKind, value: string): string {
  switch (kind) {
    case 'phone': return value.replace(/\D+/g, '');
    case 'idNumber': return value.replace(/\s+/g, '').toUpperCase();
    case 'email': return value.trim().toLowerCase();
  }
}

/** A short, stable id of a key (not secret: derived one-way from it). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('gongkai personal-data key id\u0000').update(key).digest('hex').slice(0, 8);
}

/** base64 (or base64url) of exactly 32 bytes → the key; otherwise null. */
export function parseKey(text: string): Buffer | null {
  const s = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return null;
  const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return b.length === 32 ? b : null;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

export interface Keyring {
  current: Buffer;
  /** Keys that may still be found in stored values (read-only during a rotation). */
  previous: readonly Buffer[];
}

export interface PersonalDataCipher {
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];
  /** Encrypt under the current key (null and '' stay as they are). */
  seal(field: string, value: string): string;
  seal(field: string, value: string | null): string | null;
  /** Decrypt a stored value; a value that is not an envelope (written before encryption) is returned as it is. */
  open(field: string, value: string): string;
  open(field: string, value: string | null): string | null;
  /** Binary content (identity scans) as an envelope. */
  sealBytes(field: string, data: Buffer): string;
  /** Binary content back; a stored value that is not an envelope is the base64 written before encryption. */
  openBytes(field: string, stored: string): Buffer;
  isEnvelope(value: string | null): boolean;
  /** The id of the key a stored value is under (null for plaintext). */
  keyIdOfValue(value: string | null): string | null;
  /** Keyed hash under the current key (null for empty values). */
  hash(kind: HashKind, value: string | null | undefined): string | null;
  /** The hashes under every known key (current first): what a search must match during a rotation. */
  hashes(kind: HashKind, value: string): string[];
  /** A signature (HMAC, base64url) of `value` for `purpose` under every known key (current first): signed links. */
  signatures(purpose: string, value: string): string[];
}

interface Entry { id: string; enc: Buffer; mac: Buffer }

function entry(key: Buffer): Entry {
  const mac = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gongkai personal-data hmac', 32));
  return { id: keyIdOf(key), enc: key, mac };
}

export function createCipher(ring: Keyring): PersonalDataCipher {
  const cur = entry(ring.current);
  const all = [cur, ...ring.previous.map(entry).filter((e) => e.id !== cur.id)];
  const byId = new Map(all.map((e) => [e.id, e]));
  const mac = (e: Entry, kind: HashKind, value: string) => createHmac('sha256', e.mac).update(`${kind}\u0000${normalise(kind, value)}`).digest('hex');

  function encrypt(field: string, plain: Buffer): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', cur.enc, iv);
    c.setAAD(Buffer.from(field, 'utf8'));
    const ct = Buffer.concat([c.update(plain), c.final()]);
    return `${ENVELOPE_PREFIX}${cur.id}:${Buffer.concat([iv, ct, c.getAuthTag()]).toString('base64url')}`;
  }

  function decrypt(field: string, value: string): Buffer {
    const [, id, data] = value.split(':');
    const e = id ? byId.get(id) : undefined;
    if (!e || !data) throw new Error(`个人信息密钥 ${id ?? '?'} 不在已配置的密钥中（PERSONAL_DATA_KEY / PERSONAL_DATA_PREVIOUS_KEYS） / personal-data key ${id ?? '?'} is not configured`);
    const raw = Buffer.from(data, 'base64url');
    const d = createDecipheriv('aes-256-gcm', e.enc, raw.subarray(0, 12));
    d.setAAD(Buffer.from(field, 'utf8'));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
  }

  function seal(field: string, value: string | null): string | null {
    if (value === null || value === undefined || value === '') return value ?? null;
    if (value.startsWith(ENVELOPE_PREFIX)) return value;
    return encrypt(field, Buffer.from(value, 'utf8'));
  }

  function open(field: string, value: string | null): string | null {
    if (value === null || value === undefined || !value.startsWith(ENVELOPE_PREFIX)) return value ?? null;
    return decrypt(field, value).toString('utf8');
  }

  return {
    currentKeyId: cur.id,
    keyIds: all.map((e) => e.id),
    seal: seal as PersonalDataCipher['seal'],
    open: open as PersonalDataCipher['open'],
    sealBytes: (field, data) => encrypt(field, data),
    openBytes: (field, stored) => (stored.startsWith(ENVELOPE_PREFIX) ? decrypt(field, stored) : Buffer.from(stored, 'base64')),
    isEnvelope: (v) => typeof v === 'string' && v.startsWith(ENVELOPE_PREFIX),
    keyIdOfValue: (v) => (typeof v === 'string' && v.startsWith(ENVELOPE_PREFIX) ? v.split(':')[1] ?? null : null),
    hash: (kind, value) => (value ? mac(cur, kind, value) : null),
    hashes: (kind, value) => all.map((e) => mac(e, kind, value)),
    // domain-separated from the field hashes: "sign", the purpose, then the value
    signatures: (purpose, value) => all.map((e) => createHmac('sha256', e.mac).update(`sign\u0000${purpose}\u0000${value}`).digest('base64url')),
  };
}
