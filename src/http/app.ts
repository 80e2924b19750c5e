// buildApp(services, config): the fastify instance with every plugin, hook and route.
// Hooks, in request order:
//   onRequest     request id header, locale (?lang / gk_lang), reading prefs (gk_prefs), session (gk_session)
//   preValidation CSRF: every POST/PUT/PATCH/DELETE that carries a valid session must send the
//                 session's token as header `x-csrf-token` or form field `_csrf` (body parsed by now;
//                 multipart fields are attached to the body, see docs/ARCHITECTURE.md)
//   handler       thin: validate (zod) → authorise → one service call → present
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Services } from '../features/services.ts';
import { databaseRateLimitStore } from '../features/auth/rate-limit.store.ts';
import { AppError } from '../features/shared/errors.ts';
import { SESSION_COOKIE } from '../features/auth/auth.service.ts';
import { OPEN_WHILE_PASSWORD_CHANGE_REQUIRED } from '../features/auth/password.routes.ts';
import '../features/shared/request.ts';
import { pickLocale, uiStaticDir, DEFAULT_PREFS, type Locale } from '../ui/index.ts';
import { createErrorHandler, registerErrorHandling } from './errors.ts';
import { routeModules } from './routes.ts';
import { registerUploads } from './uploads.ts';

// Zod messages in Chinese by default (field-specific messages in schemas take precedence).
z.config(z.locales.zhCN());

export const LANG_COOKIE = 'gk_lang';
export const PREFS_COOKIE = 'gk_prefs';

export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'password',
        '*.password',
        '*.*.password',
        'idNumber',
        '*.idNumber',
        '*.*.idNumber',
        'phone',
        '*.phone',
        '*.*.phone',
        'email',
        '*.email',
        '*.*.email',
        'csrfToken',
        '*.csrfToken',
      ],
      censor: '[已隐藏]',
    },
  };
}

export function parsePrefs(raw: string | undefined): { largeText: boolean; highContrast: boolean } {
  if (!raw) return { ...DEFAULT_PREFS };
  const flags = raw.split(',');
  return { largeText: flags.includes('large'), highContrast: flags.includes('contrast') };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfTokenFromRequest(request: { headers: Record<string, unknown>; body?: unknown }): string | undefined {
  const h = request.headers['x-csrf-token'];
  if (typeof h === 'string' && h) return h;
  const body = request.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object') {
    const f = body._csrf;
    if (typeof f === 'string') return f;
    // multipart with attachFieldsToBody: true → { value }
    if (f && typeof f === 'object' && typeof (f as { value?: unknown }).value === 'string') return (f as { value: string }).value;
  }
  return undefined;
}

const routeLists = new WeakMap<FastifyInstance, { method: string; url: string; operationId?: string; hide?: boolean }[]>();

/** Every route buildApp registered (for the OpenAPI completeness test and diagnostics). */
export function registeredRoutes(app: FastifyInstance): readonly { method: string; url: string; operationId?: string; hide?: boolean }[] {
  return routeLists.get(app) ?? [];
}

export interface BuildOptions {
  /** fastify logger; default per config (tests pass false) */
  logger?: FastifyServerOptions['logger'] | false;
}

export async function buildApp(services: Services, config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === undefined ? loggerOptions(config) : options.logger,
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    // router errors (bad percent-encoding, over-long path parameter) get problem+json / a Chinese page too
    frameworkErrors: createErrorHandler({ isProduction: config.isProduction }),
  });
  const routes: { method: string; url: string; operationId?: string; hide?: boolean }[] = [];
  routeLists.set(app, routes);
  app.addHook('onRoute', (r) => {
    const schema = r.schema as { operationId?: string; hide?: boolean } | undefined;
    for (const m of Array.isArray(r.method) ? r.method : [r.method]) routes.push({ method: String(m), url: r.url, operationId: schema?.operationId, hide: schema?.hide });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, { isProduction: config.isProduction });

  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('sessionId', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('prefs', null as unknown as { largeText: boolean; highContrast: boolean });

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await registerUploads(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  // The counters live in the database (rate_limits): limits hold across restarts and several processes.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(services.auth) });
  await app.register(fastifyStatic, { root: uiStaticDir, prefix: '/static/', maxAge: config.isProduction ? '1h' : 0 });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Gongkai 政府信息公开平台 API',
        description: '错误响应均为 application/problem+json（RFC 9457），含稳定的 code 与中文 title。使用会话 Cookie 调用修改类接口时，须在请求头 x-csrf-token 中提供 POST /api/session 返回的 csrfToken。',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: (args) => {
      const r = jsonSchemaTransform(args);
      const url = args.url;
      const documented = (url.startsWith('/api/') && !url.startsWith('/api/docs') && url !== '/api/openapi.json') || url.startsWith('/healthz') || url.startsWith('/readyz');
      return documented ? r : { ...r, schema: { ...r.schema, hide: true } };
    },
  });
  // Same-origin only, like the pages; no upgrade-insecure-requests on plain HTTP (it would break /api/docs on http://localhost).
  const docsCsp = "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self'" + (config.secureCookies ? '; upgrade-insecure-requests' : '');
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: docsCsp });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Locale: ?lang=en|zh-CN sets the gk_lang cookie; otherwise the cookie; default zh-CN.
    const q = request.query as Record<string, unknown> | undefined;
    const lang = typeof q?.lang === 'string' ? q.lang : undefined;
    let locale: Locale;
    if (lang) {
      locale = pickLocale(lang);
      reply.setCookie(LANG_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, secure: config.secureCookies });
    } else {
      locale = pickLocale(request.cookies[LANG_COOKIE]);
    }
    request.locale = locale;
    request.prefs = parsePrefs(request.cookies[PREFS_COOKIE]);
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) {
      const s = await services.auth.resolve(sid, String(request.id));
      if (s) {
        request.actor = s.actor;
        request.csrfToken = s.csrfToken;
        request.sessionId = sid;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
  });

  // Answers to a signed-in user (case data, applicants' personal data, CSRF tokens), the session
  // endpoint and the public status lookup are never kept by a browser cache or a proxy.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.hasHeader('cache-control')) return payload;
    const p = request.url.split('?')[0] ?? '';
    if (p.startsWith('/static/')) return payload;
    if (request.actor || p.startsWith('/admin') || p === '/api/session' || p.startsWith('/api/applications/status') || p === '/apply/status') {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.actor) return;
    if (!services.auth.checkCsrf(request.csrfToken, csrfTokenFromRequest(request))) {
      throw new AppError('csrf_failed');
    }
  });

  // No text field may carry a NUL character: PostgreSQL refuses it in text (SQLSTATE 22021) and no
  // person types one. Checked once here for every form and JSON body, so no feature can forget it;
  // the answer names the field (problem+json for the API, an error summary on pages).
  app.addHook('preValidation', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const bad = fieldsWithNul(request.body);
    if (bad.length > 0) {
      throw new AppError('validation_failed', {
        detail: `以下内容含有不可见的控制字符（NUL），请删除后重新提交：${bad.join('、')}`,
        fieldErrors: bad.map((field) => ({ field, message: '此项含有不可见的控制字符（NUL），请删除后重新填写' })),
      });
    }
  });

  // A password set by an administrator or generated must be changed first (decision 063): every
  // back-office page and API answers 403 password_change_required (pages: 303 to /admin/password)
  // except the password change, the session and sign-out. Here, so that no route can forget it.
  app.addHook('preHandler', async (request) => {
    if (!request.actor?.mustChangePassword) return;
    const url = request.routeOptions.url ?? '';
    if (!url.startsWith('/admin') && !url.startsWith('/api/')) return;
    if (url.startsWith('/api/docs') || url === '/api/openapi.json') return;
    if (OPEN_WHILE_PASSWORD_CHANGE_REQUIRED.has(`${request.method} ${url}`)) return;
    throw new AppError('password_change_required', { detail: '您的密码由管理员设置或系统生成，请先修改密码（PUT /api/session/password 或页面 /admin/password），再继续操作。' });
  });

  for (const register of routeModules) register(app, services);
  return app;
}

/** Names (dotted paths) of the string values in a parsed body that contain U+0000; multipart file parts are skipped. */
export function fieldsWithNul(body: unknown, path = '', depth = 0, out: string[] = []): string[] {
  if (out.length >= 20 || depth > 20) return out;
  if (typeof body === 'string') {
    if (body.includes('\u0000')) out.push(path || '(body)');
  } else if (Array.isArray(body)) {
    body.forEach((v, i) => fieldsWithNul(v, path ? `${path}.${i}` : String(i), depth + 1, out));
  } else if (body && typeof body === 'object') {
    const part = body as { type?: unknown; toBuffer?: unknown; value?: unknown; fieldname?: unknown };
    if (part.type === 'file' && typeof part.toBuffer === 'function') return out;
    if (part.type === 'field' && typeof part.fieldname === 'string') return fieldsWithNul(part.value, path, depth + 1, out);
    for (const [k, v] of Object.entries(body)) fieldsWithNul(v, path ? `${path}.${k}` : k, depth + 1, out);
  }
  return out;
}
