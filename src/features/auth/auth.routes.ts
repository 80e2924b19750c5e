// Sign-in and sign-out, as API (JSON) and as pages (forms that post; no JavaScript needed).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SignInPage, safeLocalPath } from '../../ui/index.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { sendPage, seeOther } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { SESSION_COOKIE } from './auth.service.ts';
import { sessionResponseSchema, signInSchema } from './auth.schema.ts';
import { problemSchemas } from '../shared/openapi.ts';

/** The pre-session token of the sign-in form (login CSRF): cookie name and shape. */
export const LOGIN_CSRF_COOKIE = 'gk_login_csrf';
const TOKEN_RE = /^[A-Za-z0-9_-]{16,64}$/;

/** A coarse flood guard per IP on top of the per-username failure limit in auth.service. */
const signInRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export function registerAuthRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: services.config.secureCookies };

  function setSessionCookie(reply: FastifyReply, sessionId: string) {
    reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions);
  }

  r.post(
    '/api/session',
    {
      config: signInRateLimit,
      schema: {
        operationId: 'createSession',
        summary: '登录（设置会话 Cookie gk_session，返回 CSRF 令牌）',
        tags: ['auth'],
        body: signInSchema,
        response: { 200: sessionResponseSchema, ...problemSchemas(400, 401, 415, 429) },
      },
    },
    async (request, reply) => {
      // JSON only: another site can post a form (urlencoded) here but not JSON without a CORS preflight, so a
      // cross-site page cannot sign a browser into someone else's account through the API (login CSRF).
      if (!/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))) {
        throw new AppError('unsupported_media_type', { detail: '登录接口只接受 application/json 请求（防止跨站伪造登录）；网页登录请使用 /admin/login 表单。' });
      }
      const result = await services.auth.signIn({ ...request.body, ip: request.ip, requestId: String(request.id) });
      setSessionCookie(reply, result.sessionId);
      return reply.send({ user: result.user, csrfToken: result.csrfToken });
    },
  );

  r.get(
    '/api/session',
    { schema: { operationId: 'getSession', summary: '当前登录用户与 CSRF 令牌', tags: ['auth'], response: { 200: sessionResponseSchema, ...problemSchemas(401) } } },
    async (request) => {
      const a = request.actor;
      if (!a) throw new AppError('unauthenticated');
      return { user: { id: a.userId, username: a.username, displayName: a.displayName, role: a.role, agencyId: a.agencyId, agencyName: a.agencyName, mustChangePassword: a.mustChangePassword === true }, csrfToken: request.csrfToken };
    },
  );

  r.delete(
    '/api/session',
    { schema: { operationId: 'deleteSession', summary: '退出登录（须提供 x-csrf-token）', tags: ['auth'], response: { 204: z.null().describe('已退出'), ...problemSchemas(403) } } },
    async (request, reply) => {
      if (request.sessionId) await services.auth.signOut(request.sessionId, request.actor ?? undefined);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  // ── pages ──
  // Login CSRF: the sign-in form carries a pre-session token (double submit): GET /admin/login sets it in an
  // httpOnly SameSite=Strict cookie scoped to /admin/login and in the hidden field `_csrf`; POST /admin/login
  // signs in only when both are present and equal. Another site can neither read nor set the cookie, so it
  // cannot sign a victim's browser into the attacker's account. (A request that already carries a session has
  // passed the session's own CSRF check in app.ts.)
  const preSessionCookie = { path: '/admin/login', httpOnly: true, sameSite: 'strict' as const, secure: services.config.secureCookies };
  function preSessionToken(request: FastifyRequest, reply: FastifyReply): string {
    const have = request.cookies[LOGIN_CSRF_COOKIE];
    if (have && TOKEN_RE.test(have)) return have;
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(LOGIN_CSRF_COOKIE, token, preSessionCookie);
    return token;
  }

  r.get('/admin/login', { schema: { hide: true, querystring: z.object({ next: z.string().max(2000).optional(), signedOut: z.string().optional() }) } }, async (request, reply) => {
    if (request.actor) return seeOther(reply, safeLocalPath(request.query.next, '/admin'));
    const message = request.query.signedOut ? { kind: 'success' as const, text: request.locale === 'en' ? 'You have signed out.' : '您已退出登录。' } : undefined;
    return sendPage(reply, SignInPage({ locale: request.locale, prefs: request.prefs, values: {}, next: request.query.next, message, csrfToken: preSessionToken(request, reply) }));
  });

  r.post('/admin/login', { config: signInRateLimit, schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body.username === 'string' ? body.username : '';
    const next = typeof body.next === 'string' ? body.next : undefined;
    const render = (status: number, errors: { field: string; message: string }[], message?: { kind: 'error'; text: string }) =>
      sendPage(reply, SignInPage({ locale: request.locale, prefs: request.prefs, values: { username }, errors, next, message, csrfToken: request.csrfToken || preSessionToken(request, reply) }), status);
    if (!request.actor) {
      const cookie = request.cookies[LOGIN_CSRF_COOKIE];
      const given = typeof body._csrf === 'string' ? body._csrf : undefined;
      if (!cookie || !TOKEN_RE.test(cookie) || !services.auth.checkCsrf(cookie, given)) {
        return render(403, [], { kind: 'error', text: '登录页面已过期或请求来源无法验证，请在本页重新输入用户名和密码登录。' });
      }
    }
    const parsed = signInSchema.safeParse(body);
    if (!parsed.success) {
      return render(400, parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })));
    }
    try {
      const result = await services.auth.signIn({ ...parsed.data, ip: request.ip, requestId: String(request.id) });
      setSessionCookie(reply, result.sessionId);
      reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/admin/login' });
      return seeOther(reply, safeLocalPath(next, '/admin').startsWith('/admin') ? safeLocalPath(next, '/admin') : '/admin');
    } catch (e) {
      if (isAppError(e) && e.code === 'invalid_credentials') return render(401, [{ field: 'password', message: '用户名或密码不正确，请检查后重新输入' }]);
      if (isAppError(e) && e.code === 'rate_limited') {
        for (const [k, v] of Object.entries(e.headers)) reply.header(k, v);
        return render(429, [], { kind: 'error', text: e.detail ?? e.title });
      }
      throw e;
    }
  });

  r.post('/admin/logout', { schema: { hide: true } }, async (request, reply) => {
    if (request.sessionId) await services.auth.signOut(request.sessionId, request.actor ?? undefined);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return seeOther(reply, '/admin/login?signedOut=1');
  });
}
