import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const KEY2 = Buffer.alloc(32, 9).toString('base64');

describe('config', () => {
  it('needs no variable: defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'file:./data/gongkai.db',
      nodeEnv: 'production',
      sessionIdleMinutes: 30,
      demoSeed: true,
      logLevel: 'info',
      bodyLimit: 1048576,
      uploadLimitMb: 20,
      trustProxy: false,
      secureCookies: false,
      smtpUrl: undefined,
    });
  });

  it.each([
    [{ PORT: '8080', DEMO_SEED: 'false', DATABASE_URL: 'postgres://u:p@db:5432/gk', TRUST_PROXY: 'true', PERSONAL_DATA_KEY: KEY }, { port: 8080, demoSeed: false, databaseUrl: 'postgres://u:p@db:5432/gk', secureCookies: true, personalDataKey: KEY, personalDataKeyMayGenerate: false }],
    [{ DEMO_SEED: 'false', PERSONAL_DATA_KEY_FILE: '/run/secrets/gk.key' }, { personalDataKey: undefined, personalDataKeyFile: '/run/secrets/gk.key', personalDataKeyMayGenerate: false }],
    [{ PERSONAL_DATA_PREVIOUS_KEYS: `${KEY}, ${KEY2}` }, { personalDataPreviousKeys: [KEY, KEY2], personalDataKeyMayGenerate: true }],
    [{ DEMO_SEED: 'false', NODE_ENV: 'development' }, { personalDataKey: undefined, personalDataKeyMayGenerate: true }],
    [{ PUBLIC_BASE_URL: 'https://gk.example.gov.cn/' }, { publicBaseUrl: 'https://gk.example.gov.cn', secureCookies: true }],
    [{ SESSION_IDLE_MINUTES: '15', NODE_ENV: 'development' }, { sessionIdleMinutes: 15, isProduction: false }],
  ])('reads %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT 必须是 0 到 65535 之间的整数 / PORT must be an integer from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT 必须是 0 到 65535 之间的整数'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL 必须以 file: (SQLite) 或 postgres:// (PostgreSQL) 开头'],
    [{ DEMO_SEED: 'maybe' }, 'DEMO_SEED 只能是 true 或 false / DEMO_SEED must be true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL 只能是'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV 只能是 production、development 或 test'],
    [{ SESSION_IDLE_MINUTES: '0' }, 'SESSION_IDLE_MINUTES 必须是 1 到 1440 之间的整数'],
    [{ SMTP_URL: 'mail.example' }, 'SMTP_URL 必须以 smtp:// 或 smtps:// 开头'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL 必须是 http:// 或 https:// 开头的网址'],
    [{ PERSONAL_DATA_KEY: 'c2hvcnQ=' }, 'PERSONAL_DATA_KEY 必须是32字节随机密钥的 base64'],
    [{ PERSONAL_DATA_KEY: `${KEY}!` }, 'PERSONAL_DATA_KEY 必须是32字节随机密钥的 base64'],
    [{ PERSONAL_DATA_PREVIOUS_KEYS: `${KEY},abc` }, 'PERSONAL_DATA_PREVIOUS_KEYS 必须是逗号分隔的 base64 密钥'],
    [{ DEMO_SEED: 'false' }, '生产环境（NODE_ENV=production 且 DEMO_SEED=false）必须设置 PERSONAL_DATA_KEY'],
    [{ DEMO_SEED: 'false', NODE_ENV: 'production' }, 'in production (NODE_ENV=production, DEMO_SEED=false) set PERSONAL_DATA_KEY'],
  ])('rejects %j with a Chinese + English message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).problems.join('\n')).toContain(message);
    }
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', DEMO_SEED: 'y' });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).problems).toHaveLength(2);
      expect((e as ConfigError).message).toMatch(/^配置有误 \/ invalid configuration:/);
    }
  });
});
