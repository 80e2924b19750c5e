// AppError: what a service throws when a request cannot be done. The http layer turns it into
// `application/problem+json` (API) or an error page / form error summary (pages). Services throw
// it without knowing about HTTP; the `code` is stable (clients and tests rely on it).

export interface FieldError {
  field: string;
  message: string;
}

/** Stable error codes with their HTTP status and zh-CN title. */
export const errorCodes = {
  bad_request: { status: 400, title: '请求有误' },
  validation_failed: { status: 400, title: '填写的内容有误' },
  malformed_json: { status: 400, title: '请求内容不是有效的 JSON' },
  unauthenticated: { status: 401, title: '请先登录' },
  invalid_credentials: { status: 401, title: '用户名或密码不正确' },
  csrf_failed: { status: 403, title: '页面已过期或请求来源无法验证，请刷新页面后重试' },
  forbidden: { status: 403, title: '您没有权限进行此操作' },
  password_change_required: { status: 403, title: '请先修改密码：您的密码由管理员设置或系统生成，修改后才能继续使用' },
  not_found: { status: 404, title: '找不到该页面或记录' },
  method_not_allowed: { status: 405, title: '不支持该请求方法' },
  conflict: { status: 409, title: '该记录已被他人修改，请刷新后重试' },
  duplicate: { status: 409, title: '该记录已存在' },
  payload_too_large: { status: 413, title: '提交的内容太大' },
  uri_too_long: { status: 414, title: '网址太长，请检查链接' },
  unsupported_media_type: { status: 415, title: '不支持的内容类型' },
  archive_too_large: { status: 422, title: '文件解压后太大，可能是压缩炸弹' },
  file_too_complex: { status: 422, title: '文件结构过于复杂，无法在限定时间内安全读取' },
  rate_limited: { status: 429, title: '请求过于频繁，请稍后再试' },
  internal: { status: 500, title: '系统出现错误，请稍后再试' },
  unavailable: { status: 503, title: '服务暂时不可用' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Extra headers for the response (e.g. retry-after). */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, opts: { detail?: string; title?: string; fieldErrors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(opts.detail ?? errorCodes[code].title);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.title = opts.title ?? errorCodes[code].title;
    this.detail = opts.detail;
    this.fieldErrors = opts.fieldErrors ?? [];
    this.headers = opts.headers ?? {};
  }
}

export const notFound = (detail?: string) => new AppError('not_found', { detail });
export const forbidden = (detail?: string) => new AppError('forbidden', { detail });
export const conflict = (detail?: string) => new AppError('conflict', { detail });
export const validationFailed = (fieldErrors: FieldError[], detail?: string) =>
  new AppError('validation_failed', { fieldErrors, detail: detail ?? fieldErrors.map((f) => f.message).join('；') });

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
