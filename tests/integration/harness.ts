// Integration test harness: a real app on a real, fresh database.
//   engines()              → ['sqlite'] plus 'postgres' when TEST_DATABASE_URL is set
//   createTestApp(engine)  → fresh database (SQLite temp file / PostgreSQL schema t_<random>, dropped
//                            at close), migrations + demo seed, the fastify app (use api() / app.inject)
// Use with `describe.each(engines())('… (%s)', (engine) => { … })`.
// When TEST_DATABASE_URL is set but the server is unreachable, createTestApp throws: the suite FAILS.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type OpenDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemoIfEmpty } from '../../src/features/demo/demo.service.ts';
import { seedSteps } from '../../src/features/demo/seed-steps.ts';
import { DEMO_PASSWORD } from '../../src/features/demo/demo.data.ts';
import { buildApp } from '../../src/http/app.ts';
import { createServices, type Services, type ServiceOptions } from '../../src/main.ts';

export type Engine = 'sqlite' | 'postgres';

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface ApiOptions {
  body?: unknown;
  /** sign in as this user first (password demo12345 unless given in `password`) */
  as?: string;
  password?: string;
  /** send the session's CSRF token (default true) */
  csrf?: boolean;
  headers?: Record<string, string>;
}

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  services: Services;
  database: OpenDatabase;
  db: OpenDatabase['db'];
  /** DATABASE_URL of this app (the PostgreSQL schema is in `database.schema`) */
  databaseUrl: string;
  config: Config;
  login(username: string, password?: string): Promise<Session>;
  api(method: InjectOptions['method'], url: string, opts?: ApiOptions): Promise<LightMyRequestResponse>;
  /** a form post (application/x-www-form-urlencoded) with the session's `_csrf` field */
  form(url: string, fields: Record<string, string>, opts?: { as?: string; password?: string; csrf?: boolean }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions extends ServiceOptions {
  env?: Record<string, string>;
  /** another app instance on the database of this one (a restart, or a second server process); its owner drops it */
  sameDatabaseAs?: TestApp;
  seed?: boolean;
  /** called with the SQL text of every statement the app runs (statements per request) */
  onQuery?: (sql: string) => void;
  /** runs before app.ready(): add extra routes for a test */
  beforeReady?: (app: FastifyInstance) => void;
}

export async function createTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  let url: string;
  let cleanup: () => Promise<void> = async () => {};
  let schema: string | undefined;
  if (options.sameDatabaseAs) {
    url = options.sameDatabaseAs.databaseUrl;
    schema = options.sameDatabaseAs.database.schema;
  } else if (engine === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL variant cannot run');
    schema = `t_${randomBytes(6).toString('hex')}`;
    url = base;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
    url = `file:${path.join(dir, 'test.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // a fresh personal-data key per test app (no key file in the working tree for the PostgreSQL runs)
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: url, PERSONAL_DATA_KEY: randomBytes(32).toString('base64'), ...options.env });
  let database: OpenDatabase;
  try {
    database = await openDatabase(url, { schema, poolSize: 4, onQuery: options.onQuery });
  } catch (e) {
    throw new Error(`cannot open the ${engine} test database (${engine === 'postgres' ? 'TEST_DATABASE_URL' : url}): ${(e as Error).message}`);
  }
  if (engine === 'postgres' && !options.sameDatabaseAs) {
    const dropSchema = schema!;
    cleanup = async () => {
      const admin = await openDatabase(url, { poolSize: 1 });
      try {
        const { sql } = await import('kysely');
        await sql.raw(`drop schema if exists "${dropSchema}" cascade`).execute(admin.db);
      } finally {
        await admin.close();
      }
    };
  }
  await migrateToLatest(database);
  const services = createServices(config, database, { clock: options.clock });
  if (options.seed !== false) await seedDemoIfEmpty(services, seedSteps);
  const app = await buildApp(services, config, { logger: false });
  options.beforeReady?.(app);
  await app.ready();

  const sessions = new Map<string, Session>();

  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const cached = sessions.get(`${username}\u0000${password}`);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'gk_session');
    if (!c) throw new Error('no gk_session cookie');
    const s = { cookie: `gk_session=${c.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
    sessions.set(`${username}\u0000${password}`, s);
    return s;
  }

  async function api(method: InjectOptions['method'], url: string, opts: ApiOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) {
      const s = await login(opts.as, opts.password);
      headers.cookie = s.cookie;
      if (opts.csrf !== false) headers['x-csrf-token'] = s.csrf;
    }
    return app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as InjectOptions['payload'] } : {}) });
  }

  async function form(url: string, fields: Record<string, string>, opts: { as?: string; password?: string; csrf?: boolean } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    const all = { ...fields };
    if (!opts.as && opts.csrf !== false && url.split('?')[0] === '/admin/login') {
      // the sign-in form's pre-session token (login CSRF): as a browser gets it from GET /admin/login
      const page = await app.inject({ method: 'GET', url: '/admin/login' });
      const c = page.cookies.find((x) => x.name === 'gk_login_csrf');
      if (c) {
        headers.cookie = `gk_login_csrf=${c.value}`;
        all._csrf ??= c.value;
      }
    }
    if (opts.as) {
      const s = await login(opts.as, opts.password);
      headers.cookie = s.cookie;
      if (opts.csrf !== false) all._csrf = s.csrf;
    }
    return app.inject({ method: 'POST', url, headers, payload: new URLSearchParams(all).toString() });
  }

  return {
    engine,
    app,
    services,
    database,
    db: database.db,
    databaseUrl: url,
    config,
    login,
    api,
    form,
    async close() {
      await app.close();
      await database.close();
      await cleanup();
    },
  };
}
