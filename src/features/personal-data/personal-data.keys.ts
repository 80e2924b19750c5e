// Where the personal-data key comes from: PERSONAL_DATA_KEY; else the key file (PERSONAL_DATA_KEY_FILE,
// default `personal-data.key` beside the SQLite database, or ./data/personal-data.key for PostgreSQL).
// In demo and development mode a missing key file is created on first start (mode 0600), so that
// `npm start` keeps working; a production installation must configure its key (config.ts refuses to start).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { generateKey, parseKey, type Keyring } from './personal-data.crypto.ts';

export interface ResolvedKeyring extends Keyring {
  source: 'config' | 'file' | 'generated';
  file?: string;
}

/** The default key file: beside a SQLite database file, else ./data/personal-data.key. */
export function defaultKeyFile(databaseUrl: string): string {
  const m = /^file:(.*)$/.exec(databaseUrl);
  const file = m?.[1]?.split('?')[0];
  if (file && file !== ':memory:') return path.join(path.dirname(path.resolve(file)), 'personal-data.key');
  return path.resolve('data', 'personal-data.key');
}

function readKeyFile(file: string): Buffer {
  const key = parseKey(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`个人信息密钥文件 ${file} 的内容不是32字节密钥的 base64 / the key file ${file} does not hold the base64 of a 32-byte key`);
  return key;
}

export function resolveKeyring(config: Config): ResolvedKeyring {
  const previous = config.personalDataPreviousKeys.map((k) => parseKey(k)!);
  if (config.personalDataKey) return { current: parseKey(config.personalDataKey)!, previous, source: 'config' };
  const file = config.personalDataKeyFile ? path.resolve(config.personalDataKeyFile) : defaultKeyFile(config.databaseUrl);
  if (existsSync(file)) return { current: readKeyFile(file), previous, source: 'file', file };
  if (!config.personalDataKeyMayGenerate) {
    throw new Error(`个人信息密钥文件 ${file} 不存在：请设置 PERSONAL_DATA_KEY 或 PERSONAL_DATA_KEY_FILE / the personal-data key file ${file} does not exist: set PERSONAL_DATA_KEY or PERSONAL_DATA_KEY_FILE`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': exactly one process creates it; a second one starting at the same moment reads it.
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${generateKey()}\n`);
    } finally {
      closeSync(fd);
    }
    return { current: readKeyFile(file), previous, source: 'generated', file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { current: readKeyFile(file), previous, source: 'file', file };
    throw e;
  }
}
