// Standing guard for the product rule "bad input gets a clear error and never a 500":
//   API   — every operation in /api/openapi.json (public and staff; anonymous, admin, officer with the
//           CSRF header) gets a battery of bad inputs derived from its schema (robustness/cases.ts):
//           status < 500, and every 4xx is application/problem+json with a code, a Chinese title and
//           the same status in the body.
//   pages — every GET page route registered in fastify, with junk query strings and junk path
//           parameters: status < 500, a 4xx is an HTML page.
//   forms — every POST page route, empty and with junk fields (valid `_csrf`), urlencoded and
//           multipart: status < 500, a 400/422 answer to field input shows the error summary
//           (请修改以下问题 / gk-error-summary).
// Cases are deterministic (no randomness); each failure names the identity, operation and input.
// One test per operation / route; a test lists ALL its failing cases in its message.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/app.ts';
import { buildUser } from '../builders/index.ts';
import { createTestApp, engines, type Session, type TestApp } from './harness.ts';
import {
  COMMON_QUERY_NAMES,
  apiCases,
  defaultPathValue,
  fieldNamesOf,
  formPostCases,
  operationsOf,
  pageGetCases,
  pathParamNames,
  type ApiOperation,
  type HttpCase,
  type OpenApiDocument,
} from './robustness/cases.ts';

// ── collection time: the OpenAPI document and the route list (a seedless SQLite app) ──────────
const probe = await createTestApp('sqlite', { seed: false });
const doc = (await probe.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApiDocument;
const allRoutes = registeredRoutes(probe.app).filter((r) => r.method !== 'HEAD');
await probe.close();

const documented = operationsOf(doc);
// /api routes missing from the document still get the generic battery (openapi.test.ts flags them).
const undocumented: ApiOperation[] = allRoutes
  .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
  .filter((r) => !documented.some((o) => o.method === r.method && o.path === r.url.replace(/:(\w+)/g, '{$1}')))
  .map((r) => ({
    name: `${r.method} ${r.url} (undocumented)`,
    method: r.method,
    path: r.url.replace(/:(\w+)/g, '{$1}'),
    pathParams: pathParamNames(r.url).map((name) => ({ in: 'path' as const, name })),
    queryParams: [],
    bodySchema: undefined,
  }));
const operations = [...documented, ...undocumented];

const isPageRoute = (url: string) => !url.startsWith('/api') && !url.startsWith('/static/') && !url.startsWith('/healthz');
const pageRoutes = allRoutes.filter((r) => r.method === 'GET' && isPageRoute(r.url)).map((r) => r.url);
const formRoutes = allRoutes.filter((r) => r.method === 'POST' && isPageRoute(r.url)).map((r) => r.url);

type Identity = 'anonymous' | 'admin' | 'officer';
const IDENTITIES: Identity[] = ['anonymous', 'admin', 'officer'];
const CHINESE_RE = /[\u4e00-\u9fff]/;
const SUMMARY_RE = /请修改以下问题|gk-error-summary/;

function short(url: string): string {
  return url.length > 140 ? `${url.slice(0, 100)}…(${url.length} chars)` : url;
}

function snippet(res: LightMyRequestResponse): string {
  const ct = String(res.headers['content-type'] ?? '');
  if (/json/.test(ct)) return res.body.slice(0, 300);
  const title = /<title>([^<]*)<\/title>/.exec(res.body)?.[1];
  return `${ct} ${title ?? res.body.slice(0, 120)}`.trim();
}

/** Returns why an API answer breaks the rule, or undefined. */
function apiViolation(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${snippet(res)}`;
  if (res.statusCode < 400) return undefined;
  const ct = String(res.headers['content-type'] ?? '');
  if (!/^application\/problem\+json/.test(ct)) return `${res.statusCode} with content-type "${ct}" (not problem+json): ${res.body.slice(0, 200)}`;
  let p: { code?: unknown; title?: unknown; status?: unknown };
  try {
    p = JSON.parse(res.body);
  } catch {
    return `${res.statusCode} problem+json that is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (typeof p.code !== 'string' || !p.code) return `${res.statusCode} problem without a code: ${res.body.slice(0, 200)}`;
  if (typeof p.title !== 'string' || !CHINESE_RE.test(p.title)) return `${res.statusCode} problem without a Chinese title: ${res.body.slice(0, 200)}`;
  if (p.status !== res.statusCode) return `${res.statusCode} problem with status ${String(p.status)} in the body`;
  return undefined;
}

function pageViolation(res: LightMyRequestResponse, expectSummary: boolean): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${snippet(res)}`;
  if (res.statusCode < 400) return undefined;
  const ct = String(res.headers['content-type'] ?? '');
  if (!/^text\/html/.test(ct)) return `${res.statusCode} page answer with content-type "${ct}": ${res.body.slice(0, 200)}`;
  if (expectSummary && (res.statusCode === 400 || res.statusCode === 422) && !SUMMARY_RE.test(res.body)) {
    return `${res.statusCode} form answer without an error summary (${snippet(res)})`;
  }
  return undefined;
}

describe.each(engines())('robustness: bad input never gives a 500 (%s)', (engine) => {
  let t: TestApp;
  const sessions = new Map<Identity, Session | undefined>();
  let ip = 0;
  let pathOverrides: Record<string, string> = {};
  let formFieldNames: string[] = [];

  /** A fresh session (not the harness's cached one): a case may sign it out. */
  async function signIn(username: string): Promise<Session> {
    const res = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password: 'demo12345' }, remoteAddress: nextIp() });
    if (res.statusCode !== 200) throw new Error(`sign-in ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'gk_session')!;
    return { cookie: `gk_session=${c.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }

  async function session(who: Identity): Promise<Session | undefined> {
    if (who === 'anonymous') return undefined;
    if (!sessions.has(who)) sessions.set(who, await signIn(who));
    return sessions.get(who);
  }

  /** Every request from its own address, so that per-IP rate limits do not hide what a case does. */
  function nextIp(): string {
    ip += 1;
    return `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}`;
  }

  async function send(c: HttpCase, who: Identity, csrfHeader: boolean): Promise<LightMyRequestResponse | string> {
    const s = await session(who);
    const headers: Record<string, string> = { ...c.headers };
    if (s) {
      headers.cookie = s.cookie;
      if (csrfHeader) headers['x-csrf-token'] = s.csrf;
    }
    try {
      const res = await t.app.inject({ method: c.method as 'GET', url: c.url, headers, ...(c.payload !== undefined ? { payload: c.payload } : {}), remoteAddress: nextIp() });
      // the case signed the session out (DELETE /api/session, POST /admin/logout): sign in afresh
      if (s && String(res.headers['set-cookie'] ?? '').includes('gk_session=')) sessions.delete(who);
      return res;
    } catch (e) {
      return `inject threw: ${(e as Error).message}`;
    }
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    // the user the user-editing operations change (a case may reset its password or deactivate it:
    // never admin/officer, the identities the battery signs in as)
    const victim = await buildUser(t.db, { username: 'robust-victim' });
    // baseline path values (by route prefix, or by parameter name) so that body / field cases reach the handler
    pathOverrides = {
      '/api/users': String(victim.id),
      '/admin/users': String(victim.id),
      '/admin/catalogue/pages': 'guide',
      '/admin/letter-templates': 'receipt',
      creditCode: '12370602780795309E',
      year: '2019',
    };
    // form field names: every name in the API document plus every field the admin pages render
    const names = new Set(fieldNamesOf(doc));
    const admin = await session('admin');
    for (const url of pageRoutes) {
      const filled = url.replace(/:(\w+)/g, (_m, n: string) => overridesFor(url)[n] ?? defaultPathValue(n));
      const res = await t.app.inject({ method: 'GET', url: filled, headers: { cookie: admin!.cookie }, remoteAddress: nextIp() });
      if (!/text\/html/.test(String(res.headers['content-type'] ?? ''))) continue;
      for (const m of res.body.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)) names.add(m[1]!);
    }
    names.delete('_csrf');
    formFieldNames = [...names].sort();
  });
  afterAll(async () => t?.close());

  function overridesFor(template: string): Record<string, string> {
    const o: Record<string, string> = {};
    for (const [k, v] of Object.entries(pathOverrides)) if (!k.startsWith('/')) o[k] = v;
    // an override keyed by a route prefix applies to the first path parameter after it
    for (const [k, v] of Object.entries(pathOverrides)) if (k.startsWith('/') && template.startsWith(`${k}/`)) o[pathParamNames(template)[0]!] = v;
    return o;
  }

  it('found the operations and routes to check', () => {
    expect(documented.length, 'operations in /api/openapi.json').toBeGreaterThanOrEqual(50);
    expect(pageRoutes.length).toBeGreaterThanOrEqual(30);
    expect(formRoutes.length).toBeGreaterThanOrEqual(15);
    expect(formFieldNames.length).toBeGreaterThanOrEqual(30);
  });

  it.each(operations.map((op) => [`${op.name} (${op.method} ${op.path})`, op] as const))('API %s', async (_name, op) => {
    const cases = apiCases(op, overridesFor(op.path));
    const failures: string[] = [];
    for (const who of IDENTITIES) {
      for (const c of cases) {
        const res = await send(c, who, true);
        const why = typeof res === 'string' ? res : apiViolation(res);
        if (why) failures.push(`[${who}] ${op.name} ${c.method} ${short(c.url)} — ${c.label} → ${why}`);
      }
    }
    expect(failures, `${failures.length} of ${cases.length * IDENTITIES.length} cases break the rule:\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);

  it.each(pageRoutes.map((url) => [url] as const))('page GET %s', async (url) => {
    const cases = pageGetCases(url, COMMON_QUERY_NAMES, overridesFor(url));
    const failures: string[] = [];
    for (const who of IDENTITIES) {
      for (const c of cases) {
        const res = await send(c, who, false);
        const why = typeof res === 'string' ? res : pageViolation(res, false);
        if (why) failures.push(`[${who}] GET ${short(c.url)} — ${c.label} → ${why}`);
      }
    }
    expect(failures, `${failures.length} of ${cases.length * IDENTITIES.length} cases break the rule:\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);

  it.each(formRoutes.map((url) => [url] as const))('form POST %s', async (url) => {
    const failures: string[] = [];
    let total = 0;
    for (const who of IDENTITIES) {
      const s = await session(who);
      const cases = formPostCases(url, formFieldNames, overridesFor(url), s?.csrf);
      total += cases.length;
      for (const c of cases) {
        const res = await send(c, who, false);
        const why = typeof res === 'string' ? res : pageViolation(res, c.fieldInput === true);
        if (why) failures.push(`[${who}] POST ${short(c.url)} — ${c.label} → ${why}`);
      }
    }
    expect(failures, `${failures.length} of ${total} cases break the rule:\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);
});
