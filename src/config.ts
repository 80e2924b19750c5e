// Validated configuration. Every variable is optional: `npm start` works with none set.
// Each bad value is reported with a Chinese + English message naming the variable (README: 配置).
import path from 'node:path';
import { z } from 'zod';

const bool = (name: string, dflt: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return dflt;
      const s = v.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} 只能是 true 或 false / ${name} must be true or false` });
      return z.NEVER;
    });

const int = (name: string, dflt: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return dflt;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} 必须是 ${min} 到 ${max} 之间的整数 / ${name} must be an integer from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: int('PORT', 3000, 0, 65535),
  HOST: z.string().optional().transform((v) => v || '0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const url = v || 'file:./data/gongkai.db';
      if (!/^(file:|postgres:\/\/|postgresql:\/\/)/.test(url)) {
        ctx.addIssue({
          code: 'custom',
          message: 'DATABASE_URL 必须以 file: (SQLite) 或 postgres:// (PostgreSQL) 开头 / DATABASE_URL must start with file: or postgres://',
        });
        return z.NEVER;
      }
      return url;
    }),
  NODE_ENV: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = v || 'production';
      if (!['production', 'development', 'test'].includes(s)) {
        ctx.addIssue({ code: 'custom', message: 'NODE_ENV 只能是 production、development 或 test / NODE_ENV must be production, development or test' });
        return z.NEVER;
      }
      return s as 'production' | 'development' | 'test';
    }),
  SESSION_IDLE_MINUTES: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
  DEMO_SEED: bool('DEMO_SEED', true),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = v || 'info';
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(s)) {
        ctx.addIssue({
          code: 'custom',
          message: 'LOG_LEVEL 只能是 fatal、error、warn、info、debug、trace 或 silent / LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        });
        return z.NEVER;
      }
      return s as 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    }),
  BODY_LIMIT: int('BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
  UPLOAD_LIMIT_MB: int('UPLOAD_LIMIT_MB', 20, 1, 1024),
  TRUST_PROXY: bool('TRUST_PROXY', false),
  SMTP_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      if (!/^smtps?:\/\//.test(v)) {
        ctx.addIssue({ code: 'custom', message: 'SMTP_URL 必须以 smtp:// 或 smtps:// 开头 / SMTP_URL must start with smtp:// or smtps://' });
        return z.NEVER;
      }
      return v;
    }),
  PUBLIC_BASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      try {
        const u = new URL(v);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
        return v.replace(/\/+$/, '');
      } catch {
        ctx.addIssue({ code: 'custom', message: 'PUBLIC_BASE_URL 必须是 http:// 或 https:// 开头的网址 / PUBLIC_BASE_URL must be an http(s) URL' });
        return z.NEVER;
      }
    }),
  PORTAL_AGENCY: z.string().optional().transform((v) => v || undefined),
  FILE_STORAGE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = v || 'disk';
      if (s !== 'disk' && s !== 'database') {
        ctx.addIssue({ code: 'custom', message: 'FILE_STORAGE 只能是 disk 或 database / FILE_STORAGE must be disk or database' });
        return z.NEVER;
      }
      return s as 'disk' | 'database';
    }),
  FILES_DIR: z.string().optional().transform((v) => v || './data/files'),
  // Several processes on one database (decision 095): how long a background job or a message being sent stays
  // claimed by a process that stopped answering, how often a process looks for due jobs, how often it looks for
  // caches another process changed.
  JOB_LEASE_SECONDS: int('JOB_LEASE_SECONDS', 120, 2, 3600),
  JOB_TICK_SECONDS: int('JOB_TICK_SECONDS', 30, 1, 3600),
  CACHE_POLL_MS: int('CACHE_POLL_MS', 500, 50, 60_000),
  // 条例 第三十条 "合理的补正期限": the longest period an officer may set (no number in the 条例; a setting).
  CORRECTION_PERIOD_MAX_WORKDAYS: int('CORRECTION_PERIOD_MAX_WORKDAYS', 30, 15, 120),
  // 国办函〔2020〕109号 第五条 (按量): the largest page count a fee notice may bill.
  FEE_MAX_PAGES: int('FEE_MAX_PAGES', 10_000, 31, 100_000),
  // 督查体检 of uploaded reports: worker threads reading the files side by side (reports/audit-pool.ts); 0 = the
  // machine's cores (at most 8), 1 = one by one in the server process.
  AUDIT_WORKERS: int('AUDIT_WORKERS', 0, 0, 32),
  PERSONAL_DATA_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      if (!isKey32(v)) {
        ctx.addIssue({ code: 'custom', message: 'PERSONAL_DATA_KEY 必须是32字节随机密钥的 base64（例如 openssl rand -base64 32） / PERSONAL_DATA_KEY must be the base64 of 32 random bytes (e.g. openssl rand -base64 32)' });
        return z.NEVER;
      }
      return v.trim();
    }),
  PERSONAL_DATA_PREVIOUS_KEYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const keys = (v ?? '').split(',').map((k) => k.trim()).filter(Boolean);
      if (keys.some((k) => !isKey32(k))) {
        ctx.addIssue({ code: 'custom', message: 'PERSONAL_DATA_PREVIOUS_KEYS 必须是逗号分隔的 base64 密钥（每个32字节） / PERSONAL_DATA_PREVIOUS_KEYS must be comma-separated base64 keys of 32 bytes' });
        return z.NEVER;
      }
      return keys;
    }),
  PERSONAL_DATA_KEY_FILE: z.string().optional().transform((v) => v || undefined),
  BACKUP_DIR: z.string().optional().transform((v) => v || undefined),
  BACKUP_INTERVAL_HOURS: int('BACKUP_INTERVAL_HOURS', 24, 0, 24 * 31),
  BACKUP_KEEP: int('BACKUP_KEEP', 14, 1, 1000),
});

/** base64 / base64url of exactly 32 bytes. */
function isKey32(v: string): boolean {
  const s = v.trim();
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(s) && Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').length === 32;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  nodeEnv: 'production' | 'development' | 'test';
  isProduction: boolean;
  sessionIdleMinutes: number;
  demoSeed: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimit: number;
  uploadLimitMb: number;
  trustProxy: boolean;
  /** Secure cookies: behind a proxy that terminates TLS, or when the public URL is https. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  publicBaseUrl: string | undefined;
  /** 统一社会信用代码 of the agency whose portal `/` shows; default: see portal.service. */
  portalAgency: string | undefined;
  /** Where attachments are kept: 'disk' (FILES_DIR, default ./data/files) or 'database'. */
  fileStorage: 'disk' | 'database';
  filesDir: string;
  /** Several processes (decision 095): lease of a job or of a message being sent, job tick, cache poll interval. */
  cluster: { jobLeaseSeconds: number; jobTickSeconds: number; cachePollMs: number };
  /** The longest 补正 period (working days) an officer may set (条例 第三十条; default 30). */
  correctionPeriodMaxWorkdays: number;
  /** The largest page count a 按量 fee notice may bill (109号 第五条; default 10 000). */
  feeMaxPages: number;
  /** The key that encrypts applicants' personal fields (base64 of 32 bytes); see personalDataKeyFile. */
  personalDataKey: string | undefined;
  /** Older keys still readable during a rotation (`gongkai personal-data rotate` re-encrypts with the current one). */
  personalDataPreviousKeys: string[];
  /** A file holding the key (read when PERSONAL_DATA_KEY is not set). */
  personalDataKeyFile: string | undefined;
  /** Demo and development: without a configured key one is generated into the key file on first start. */
  personalDataKeyMayGenerate: boolean;
  /**
   * Scheduled backups by `gongkai serve` (src/db/backup.ts): every `intervalHours` (0 = off) into `dir`
   * (default: `backups/` beside the SQLite file, `./data/backups` for PostgreSQL), keeping the `keep` newest.
   */
  backup: { dir: string; intervalHours: number; keep: number };
  /** Worker threads for the audit of uploaded reports; 0 = the machine's cores (at most 8), 1 = in the server process. */
  auditWorkers: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => i.message));
  }
  const e = r.data;
  const isProduction = e.NODE_ENV === 'production';
  // A real installation (production without demo data) must bring its own key: a generated key file
  // beside the database would travel with every copy of it.
  const mayGenerate = !isProduction || e.DEMO_SEED;
  if (!mayGenerate && !e.PERSONAL_DATA_KEY && !e.PERSONAL_DATA_KEY_FILE) {
    throw new ConfigError(['生产环境（NODE_ENV=production 且 DEMO_SEED=false）必须设置 PERSONAL_DATA_KEY（个人信息加密密钥：32字节随机数的 base64，用 openssl rand -base64 32 生成）或 PERSONAL_DATA_KEY_FILE / in production (NODE_ENV=production, DEMO_SEED=false) set PERSONAL_DATA_KEY (base64 of 32 random bytes, e.g. openssl rand -base64 32) or PERSONAL_DATA_KEY_FILE']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    nodeEnv: e.NODE_ENV,
    isProduction,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    demoSeed: e.DEMO_SEED,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    uploadLimitMb: e.UPLOAD_LIMIT_MB,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.TRUST_PROXY || (e.PUBLIC_BASE_URL?.startsWith('https://') ?? false),
    smtpUrl: e.SMTP_URL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    portalAgency: e.PORTAL_AGENCY,
    fileStorage: e.FILE_STORAGE,
    filesDir: e.FILES_DIR,
    cluster: { jobLeaseSeconds: e.JOB_LEASE_SECONDS, jobTickSeconds: e.JOB_TICK_SECONDS, cachePollMs: e.CACHE_POLL_MS },
    correctionPeriodMaxWorkdays: e.CORRECTION_PERIOD_MAX_WORKDAYS,
    feeMaxPages: e.FEE_MAX_PAGES,
    auditWorkers: e.AUDIT_WORKERS,
    personalDataKey: e.PERSONAL_DATA_KEY,
    personalDataPreviousKeys: e.PERSONAL_DATA_PREVIOUS_KEYS,
    personalDataKeyFile: e.PERSONAL_DATA_KEY_FILE,
    personalDataKeyMayGenerate: mayGenerate,
    backup: {
      dir: e.BACKUP_DIR ?? (e.DATABASE_URL.startsWith('file:') ? path.join(path.dirname(e.DATABASE_URL.replace(/^file:(\/\/)?/, '')), 'backups') : './data/backups'),
      intervalHours: e.BACKUP_INTERVAL_HOURS,
      keep: e.BACKUP_KEEP,
    },
  };
}
