// One error path for the whole app: AppError, fastify's own errors (body limit, content type, JSON),
// zod validation errors and anything unexpected → RFC 9457 `application/problem+json` for /api
// (and /healthz), a Chinese error page for pages. Never a stack trace or SQL in production.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type ErrorCode, type FieldError } from '../features/shared/errors.ts';
import { ErrorPage, NotFoundPage, renderPage, safeLocalPath, t } from '../ui/index.ts';
import { uploadLimitError } from './uploads.ts';
import '../features/shared/request.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  errors: FieldError[];
  requestId: string;
}

export function isApiRequest(request: FastifyRequest): boolean {
  const url = request.url;
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/healthz') || url.startsWith('/readyz');
}

function fieldOf(instancePath: string | undefined, params: unknown): string {
  const p = (instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (p) return p;
  const missing = (params as { issue?: { path?: unknown[] } } | undefined)?.issue?.path;
  return Array.isArray(missing) && missing.length ? missing.join('.') : '';
}

// @fastify/busboy raises plain Errors (no code, no statusCode) for a multipart body it cannot parse:
// a content type without boundary, a body cut short. They are the client's fault, not a 500.
const MALFORMED_MULTIPART = /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data)$/;
function isMalformedMultipart(err: unknown): boolean {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== undefined || (err as { statusCode?: unknown }).statusCode !== undefined) return false;
  return MALFORMED_MULTIPART.test(err.message);
}

// PostgreSQL SQLSTATE class 22 "data exception": a value the client sent cannot be stored or
// compared (a NUL character in text: 22021; an integer beyond int4: 22003; an impossible date:
// 22008; '1e+20' as an integer: 22P02). SQLite accepts these values, PostgreSQL refuses them; the
// request is at fault, not the server. Duck-typed (pg's DatabaseError: 5-character `code` and a
// `severity`) because the http layer does not import the driver.
function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown } | null;
  return !!e && typeof e === 'object' && typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === 'string';
}

// Two writers raced for the same row or the same unique key (PostgreSQL 23505 unique_violation, 40001
// serialization_failure, 40P01 deadlock_detected; SQLite's unique / primary key constraint). The services
// claim the row's version first so that a race ends in their own 409; this is the net for any path that
// does not: the later writer is told to reload, never given a 500.
function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown } | null;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string') return false;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return typeof e.severity === 'string' && (e.code === '23505' || e.code === '40001' || e.code === '40P01');
}

/** Maps any thrown value to an AppError (unexpected errors become 'internal'). */
export function toAppError(err: unknown, isProduction: boolean): { appError: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { appError: err, unexpected: false };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fieldErrors = err.validation.map((v) => ({ field: fieldOf(v.instancePath, v.params), message: v.message ?? '格式不正确' }));
    const where = err.validationContext === 'querystring' ? '查询参数' : err.validationContext === 'params' ? '路径参数' : '提交的内容';
    return {
      appError: new AppError('validation_failed', { detail: `${where}有误：${fieldErrors.map((f) => (f.field ? `${f.field}：${f.message}` : f.message)).join('；')}`, fieldErrors }),
      unexpected: false,
    };
  }
  const e = err as FastifyError & { statusCode?: number };
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { appError: new AppError('payload_too_large', { detail: '提交的内容超过了允许的大小，请减小后重试。' }), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { appError: new AppError('unsupported_media_type', { detail: '请以 application/json、application/x-www-form-urlencoded 或 multipart/form-data 提交。' }), unexpected: false };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { appError: new AppError('malformed_json', { detail: '请求内容不是有效的 JSON，请检查括号、引号和逗号。' }), unexpected: false };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { appError: new AppError('malformed_json', { detail: '请求声明为 JSON，但内容为空。' }), unexpected: false };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { appError: new AppError('bad_request', { detail: 'Content-Length 与实际内容不符。' }), unexpected: false };
    // router errors (passed through the `frameworkErrors` option of buildApp): a path that is not
    // valid percent-encoding (e.g. /items/%E4), a path parameter longer than maxParamLength
    case 'FST_ERR_BAD_URL':
      return { appError: new AppError('bad_request', { detail: '网址中有无效的字符编码（例如单独的 % 号），请检查链接。' }), unexpected: false };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { appError: new AppError('uri_too_long', { detail: '网址中的某一段太长，请检查链接。' }), unexpected: false };
  }
  if (isDataException(err)) {
    return { appError: new AppError('bad_request', { detail: '提交的内容中有数据库无法保存的值（例如超出范围的数字、无效的日期或不可见的控制字符 \\0），请检查后重试。' }), unexpected: false };
  }
  if (isWriteConflict(err)) {
    return { appError: new AppError('conflict', { detail: '该记录刚被他人同时修改，本次操作没有保存。请刷新页面，查看最新情况后再操作。' }), unexpected: false };
  }
  if (isMalformedMultipart(err)) {
    return { appError: new AppError('bad_request', { detail: '上传的表单（multipart/form-data）格式有误：缺少分隔符（boundary）或内容不完整，请重新提交。' }), unexpected: false };
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 429) return { appError: new AppError('rate_limited'), unexpected: false };
  if (status === 413) return { appError: new AppError('payload_too_large'), unexpected: false };
  if (status === 415) return { appError: new AppError('unsupported_media_type'), unexpected: false };
  if (status === 404) return { appError: new AppError('not_found'), unexpected: false };
  if (status === 405) return { appError: new AppError('method_not_allowed'), unexpected: false };
  if (status >= 400 && status < 500) {
    // a client error fastify or a plugin raised (e.g. a malformed form body): generic 400 with its message outside production
    return { appError: new AppError('bad_request', { detail: isProduction ? undefined : e?.message }), unexpected: false };
  }
  return { appError: new AppError('internal', { detail: isProduction ? undefined : (e?.message ?? String(err)) }), unexpected: true };
}

export function problemOf(appError: AppError, requestId: string): Problem {
  return {
    type: `urn:gongkai:problem:${appError.code}`,
    title: appError.title,
    status: appError.status,
    code: appError.code,
    ...(appError.detail ? { detail: appError.detail } : {}),
    errors: appError.fieldErrors,
    requestId,
  };
}

export function sendProblem(reply: FastifyReply, appError: AppError): FastifyReply {
  for (const [k, v] of Object.entries(appError.headers)) reply.header(k, v);
  return reply.code(appError.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problemOf(appError, String(reply.request.id))));
}

function sendErrorPage(request: FastifyRequest, reply: FastifyReply, appError: AppError): FastifyReply {
  for (const [k, v] of Object.entries(appError.headers)) reply.header(k, v);
  const locale = request.locale ?? 'zh-CN';
  const prefs = request.prefs;
  reply.code(appError.status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
  if (appError.code === 'not_found') return reply.send(renderPage(NotFoundPage({ locale, prefs })));
  const isServer = appError.status >= 500;
  const useGeneric = isServer || appError.code === 'bad_request';
  const title = useGeneric ? undefined : locale === 'en' ? englishTitle(appError.code) : appError.title;
  const message = useGeneric ? undefined : locale === 'en' ? undefined : appError.detail;
  // A refused form whose page could not show it again: name every field to fix in an error summary,
  // with a link back to the form (the Referer, when it is a path of this site).
  const errors = appError.code === 'validation_failed' && appError.fieldErrors.length > 0 ? appError.fieldErrors : undefined;
  const referer = typeof request.headers.referer === 'string' ? request.headers.referer : '';
  const backHref = errors ? sameSitePath(referer, request.headers.host) : undefined;
  return reply.send(renderPage(ErrorPage({ locale, prefs, status: appError.status, title, message, requestId: String(request.id), errors, backHref })));
}

/** The path of a same-site URL (for a "back to the form" link), else undefined. */
function sameSitePath(url: string, host: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, 'http://local.invalid');
    if (u.host !== 'local.invalid' && u.host !== host) return undefined;
    return u.pathname.startsWith('/') && !u.pathname.startsWith('//') ? u.pathname + u.search : undefined;
  } catch {
    return undefined;
  }
}

const englishTitles: Partial<Record<ErrorCode, string>> = {
  forbidden: 'You are not allowed to do this',
  csrf_failed: 'The page has expired or the request could not be verified; reload the page and try again',
  rate_limited: 'Too many requests; please try again later',
  conflict: 'Someone else changed this record; reload and try again',
  payload_too_large: 'The submission is too large',
  uri_too_long: 'The address is too long',
  archive_too_large: 'The file expands to too much data when unpacked (possibly a zip bomb)',
  file_too_complex: 'The file is too complex to read safely',
  unsupported_media_type: 'Unsupported content type',
  validation_failed: 'Some entries are not valid',
};
function englishTitle(code: ErrorCode): string {
  return englishTitles[code] ?? t('en', 'errors.clientError.title');
}

/**
 * The one error handler: used by `setErrorHandler` and, in buildApp, as fastify's `frameworkErrors`
 * option (router errors — bad percent-encoding, over-long path parameter — that never reach the
 * error handler otherwise and would be answered with fastify's own JSON).
 */
export function createErrorHandler(opts: { isProduction: boolean }) {
  return (err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    // a multipart limit the parser enforced (too many files, parts or fields): say which limit of this route
    const uploadError = uploadLimitError(request, (err as { code?: unknown } | null)?.code);
    const { appError, unexpected } = uploadError ? { appError: uploadError, unexpected: false } : toAppError(err, opts.isProduction);
    if (unexpected) request.log.error({ err }, 'unexpected error');
    else if (appError.status >= 500) request.log.error({ code: appError.code }, appError.message);
    else request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    if (isApiRequest(request)) return sendProblem(reply, appError);
    if (appError.code === 'unauthenticated') {
      // back to the page after signing in: only a short path of this site (the address goes into Location)
      const next = request.method === 'GET' && safeLocalPath(request.url, '') ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.code(303).header('location', `/admin/login${next}`).send();
    }
    if (appError.code === 'password_change_required') return reply.code(303).header('location', '/admin/password').send();
    return sendErrorPage(request, reply, appError);
  };
}

export function registerErrorHandling(app: FastifyInstance, opts: { isProduction: boolean }): void {
  app.setErrorHandler(createErrorHandler(opts));

  app.setNotFoundHandler((request, reply) => {
    const appError = new AppError('not_found');
    if (isApiRequest(request)) return sendProblem(reply, appError);
    return sendErrorPage(request, reply, appError);
  });
}

export { errorCodes };
