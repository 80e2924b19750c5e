// Validated configuration. Every variable is optional: `npm start` works with none set.
// Each bad value is reported with a Chinese + English message naming the variable (README: 配置).
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
  // 条例 第三十条 "合理的补正期限": the longest period an officer may set (no number in the 条例; a setting).
  CORRECTION_PERIOD_MAX_WORKDAYS: int('CORRECTION_PERIOD_MAX_WORKDAYS', 30, 15, 120),
  // 国办函〔2020〕109号 第五条 (按量): the largest page count a fee notice may bill.
  FEE_MAX_PAGES: int('FEE_MAX_PAGES', 10_000, 31, 100_000),
});

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
  /** The longest 补正 period (working days) an officer may set (条例 第三十条; default 30). */
  correctionPeriodMaxWorkdays: number;
  /** The largest page count a 按量 fee notice may bill (109号 第五条; default 10 000). */
  feeMaxPages: number;
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
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
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
    correctionPeriodMaxWorkdays: e.CORRECTION_PERIOD_MAX_WORKDAYS,
    feeMaxPages: e.FEE_MAX_PAGES,
  };
}
