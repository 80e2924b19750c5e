// Multipart uploads with the route's limits enforced while the body streams (features/shared/uploads.ts):
//   onRequest     a multipart request whose Content-Length is over the route's limit → 413 before reading it
//   onFile        each file part is read with a byte counter; past the file or total limit its bytes are
//                 thrown away (the part is drained so the parser can go on) and the request is refused
//   preValidation after the multipart plugin: the refusal (file too large, too many bytes, a text field cut
//                 off at its limit) as a 413 problem naming the file and the limit
// File names are cleaned at the door (bidi and control characters, see features/shared/filenames.ts); a route that takes
// folders (uploadRoute keepFolders) keeps the relative path.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import multipart from '@fastify/multipart';
import { AppError } from '../features/shared/errors.ts';
import { cleanFileName, cleanFilePath } from '../features/shared/filenames.ts';
import { DEFAULT_UPLOAD_LIMITS, maxRequestBytes, sizeLabel, uploadRoute, type UploadLimits } from '../features/shared/uploads.ts';

interface UploadState { total: number; error: AppError | null }
const states = new WeakMap<FastifyRequest, UploadState>();

export function routeUploadLimits(request: FastifyRequest): UploadLimits {
  const config = request.routeOptions?.config as { uploadLimits?: UploadLimits } | undefined;
  return config?.uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
}

function limitsText(l: UploadLimits): string {
  return `每个${l.label}最多 ${sizeLabel(l.maxFileBytes)}，一次最多 ${l.maxFiles} 个${l.maxTotalBytes < l.maxFiles * l.maxFileBytes ? `、合计 ${sizeLabel(l.maxTotalBytes)}` : ''}`;
}

function tooLarge(l: UploadLimits, detail: string, field?: string): AppError {
  return new AppError('payload_too_large', {
    detail: `${detail}（${limitsText(l)}），请压缩或拆分后重新上传。`,
    fieldErrors: field ? [{ field, message: detail }] : [],
  });
}

/** Reads one file part with a byte counter; keeps its bytes only while the request is within its limits. */
async function consumeFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  const limits = routeUploadLimits(this);
  let state = states.get(this);
  if (!state) { state = { total: 0, error: null }; states.set(this, state); }
  const keepFolders = (this.routeOptions?.config as { multipartOptions?: { preservePath?: boolean } } | undefined)?.multipartOptions?.preservePath === true;
  part.filename = part.filename ? (keepFolders ? cleanFilePath(part.filename) : cleanFileName(part.filename)) : '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    if (state.error) continue; // drained, not kept
    size += chunk.length;
    state.total += chunk.length;
    if (size > limits.maxFileBytes) {
      state.error = tooLarge(limits, `${limits.label}“${part.filename || part.fieldname}”超过 ${sizeLabel(limits.maxFileBytes)}`, part.fieldname);
    } else if (state.total > limits.maxTotalBytes) {
      state.error = tooLarge(limits, `上传的${limits.label}合计超过 ${sizeLabel(limits.maxTotalBytes)}`, part.fieldname);
    } else {
      chunks.push(chunk);
    }
    if (state.error) chunks.length = 0;
  }
  (part as unknown as { _buf: Buffer })._buf = state.error ? Buffer.alloc(0) : Buffer.concat(chunks, size);
}

function truncatedField(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    for (const p of Array.isArray(v) ? v : [v]) {
      if (p && typeof p === 'object' && (p as { type?: unknown }).type === 'field' && (p as { valueTruncated?: unknown }).valueTruncated === true) return k;
    }
  }
  return undefined;
}

/** The parser's own limit errors (busboy via @fastify/multipart) as a 413 naming the route's limit; else undefined. */
export function uploadLimitError(request: FastifyRequest, code: unknown): AppError | undefined {
  const l = routeUploadLimits(request);
  switch (code) {
    case 'FST_FILES_LIMIT': return tooLarge(l, `一次上传的${l.label}超过 ${l.maxFiles} 个`);
    case 'FST_REQ_FILE_TOO_LARGE': return tooLarge(l, `${l.label}超过 ${sizeLabel(l.maxFileBytes)}`);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT': return new AppError('payload_too_large', { detail: `表单中的项目超过 ${l.maxFields} 个，请检查后重新提交。` });
    default: return undefined;
  }
}

export async function registerUploads(app: FastifyInstance): Promise<void> {
  // Defaults for a route that declares nothing; upload routes pass their own through `config.multipartOptions`.
  const defaults = uploadRoute({}).multipartOptions;
  await app.register(multipart, { attachFieldsToBody: true, ...defaults, onFile: consumeFile });

  app.addHook('onRequest', async (request) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^multipart\//i.test(type)) return;
    const length = Number(request.headers['content-length']);
    const limits = routeUploadLimits(request);
    if (Number.isFinite(length) && length > maxRequestBytes(limits)) {
      throw tooLarge(limits, `提交的内容有 ${sizeLabel(length)}，超过了此处允许的大小`);
    }
  });

  app.addHook('preValidation', async (request) => {
    const state = states.get(request);
    if (state?.error) throw state.error;
    if (!request.isMultipart()) return;
    const field = truncatedField(request.body);
    if (field) {
      const l = routeUploadLimits(request);
      throw new AppError('payload_too_large', { detail: `“${field}”一项的内容超过 ${sizeLabel(l.maxFieldBytes)}，请删减后重新提交。`, fieldErrors: [{ field, message: `内容超过 ${sizeLabel(l.maxFieldBytes)}` }] });
    }
  });
}
