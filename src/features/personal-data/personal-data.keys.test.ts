import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { defaultKeyFile, resolveKeyring } from './personal-data.keys.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gk-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = Buffer.alloc(32, 3).toString('base64');

describe('personal-data key', () => {
  it('the default key file lies beside the SQLite database; PostgreSQL: ./data', () => {
    expect(defaultKeyFile(`file:${dir}/x/gongkai.db`)).toBe(path.join(dir, 'x', 'personal-data.key'));
    expect(defaultKeyFile('postgres://u@h/db')).toBe(path.resolve('data', 'personal-data.key'));
  });

  it('demo mode: generated on first start (0600), the same key afterwards', () => {
    const config = loadConfig({ DATABASE_URL: `file:${dir}/demo/gongkai.db` });
    const first = resolveKeyring(config);
    expect(first.source).toBe('generated');
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    const again = resolveKeyring(config);
    expect(again.source).toBe('file');
    expect(again.current.equals(first.current)).toBe(true);
  });

  it('PERSONAL_DATA_KEY wins; a configured key file is read; production never generates one', () => {
    expect(resolveKeyring(loadConfig({ DATABASE_URL: `file:${dir}/k/gongkai.db`, PERSONAL_DATA_KEY: KEY })).current.toString('base64')).toBe(KEY);
    const file = path.join(dir, 'secret.key');
    writeFileSync(file, `${KEY}\n`);
    expect(resolveKeyring(loadConfig({ DEMO_SEED: 'false', PERSONAL_DATA_KEY_FILE: file })).current.toString('base64')).toBe(KEY);
    expect(() => resolveKeyring(loadConfig({ DEMO_SEED: 'false', PERSONAL_DATA_KEY_FILE: path.join(dir, 'missing.key') }))).toThrow(/不存在/);
    writeFileSync(file, 'short');
    expect(() => resolveKeyring(loadConfig({ DEMO_SEED: 'false', PERSONAL_DATA_KEY_FILE: file }))).toThrow(/32-byte key/);
    expect(readFileSync(file, 'utf8')).toBe('short');
  });
});
