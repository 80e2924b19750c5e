// Import doors of the service-item catalogue: the catalogue XLSX (API importServiceItems, page /admin/services/import)
// and the officer's page for 办件 (/admin/services/cases/import, twin of importServiceCases). Uploads are bounded
// while they stream in (shared/uploads.ts) and the XLSX archive is rebuilt within XLSX_LIMITS before it is parsed
// (a zip bomb is refused, never expanded).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { isAppError, validationFailed } from '../shared/errors.ts';
import { adminShell, sendPage } from '../shared/pages.ts';
import { MB, sizeLabel, uploadRoute } from '../shared/uploads.ts';
import { siT } from './service-items.i18n.ts';
import type { Services } from '../services.ts';
import { readCaseTable, readCatalogueSheet } from './service-items.table.ts';
import { CaseImportPage, CatalogueImportPage, type PendingFile } from './service-items.import-pages.tsx';

/** Largest import file (XLSX or CSV). */
export const MAX_IMPORT_BYTES = 20 * MB;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
const importUploads = (label: string) => uploadRoute({ maxFiles: 1, maxFileBytes: MAX_IMPORT_BYTES, maxTotalBytes: MAX_IMPORT_BYTES, maxFields: 10, maxFieldBytes: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 1024, label });

const problem = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const catalogueImportResponse = z.object({
  dryRun: z.boolean().describe('true：只检查，未写入（dryRun 请求，或有任何问题时）'), rows: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(),
  problems: z.array(problem).describe('每一行的问题：行号（第 1 行为列名）、列名和修改方法'),
  changes: z.array(z.object({ row: z.number().int(), code: z.string(), name: z.string(), agency: z.string(), action: z.enum(['create', 'update', 'unchanged']), elements: z.array(z.string()) })),
});

/** A multipart body's text field (attachFieldsToBody). */
function fieldOf(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return '';
}

/** The uploaded file, or the file a dry run sent back with its confirm button (hidden fields). */
async function uploadedFile(request: FastifyRequest, pattern: RegExp, kind: 'catalogue' | 'cases'): Promise<{ filename: string; buf: Buffer }> {
  const T = siT(request.locale);
  const what = T(`import.what.${kind}`);
  const body = request.body as Record<string, unknown> | undefined;
  const part = body?.file as Partial<MultipartFile> | undefined;
  let filename = '';
  let buf: Buffer = Buffer.alloc(0);
  if (part && typeof part === 'object' && part.type === 'file' && typeof part.toBuffer === 'function') {
    buf = await part.toBuffer();
    filename = part.filename ?? '';
  }
  if (!filename && buf.length === 0) {
    const b64 = fieldOf(body, 'contentBase64');
    filename = fieldOf(body, 'filename').trim().slice(0, 200);
    if (b64 && BASE64.test(b64)) buf = Buffer.from(b64, 'base64');
  }
  if (!filename && buf.length === 0) throw validationFailed([{ field: 'file', message: T('errors.chooseFile', { what }) }]);
  if (!pattern.test(filename)) throw validationFailed([{ field: 'file', message: T('errors.fileType', { what, ext: pattern.source.includes('csv') ? T('import.csvOrXlsx') : '.xlsx' }) }]);
  if (buf.length > MAX_IMPORT_BYTES) throw validationFailed([{ field: 'file', message: T('errors.fileTooLarge', { size: sizeLabel(MAX_IMPORT_BYTES) }) }]);
  return { filename, buf };
}

const pendingOf = (filename: string, buf: Buffer): PendingFile => ({ filename, contentBase64: buf.toString('base64') });

export function registerServiceItemImports(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const si = services.serviceItems;
  const editors = requireStaff('officer', 'leader');

  r.post('/api/service-items/import', {
    preHandler: requireStaff('officer', 'leader', 'admin'),
    schema: {
      operationId: 'importServiceItems', summary: '导入事项目录（XLSX，与导出格式相同）：按实施编码幂等，dryRun 时只检查并列出每一行的问题', tags: ['service-items'],
      description: '列：实施单位、层级、状态、状态生效日期，然后是要素目录中各要素的名称（见 GET /api/service-items/elements；顺序不限，缺少的要素不变）。'
        + '内容与系统相同的行不变；有变化的行成为事项的新版本，变更原因为“导入 文件名”；新的实施编码为新增事项（街道、社区的新事项实施同一基本编码的区级事项）。任何一行有问题时不导入任何一行。',
      body: z.object({ filename: z.string().trim().min(1).max(200).regex(/\.xlsx$/i, '文件应为 .xlsx'), contentBase64: z.string().min(1).max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 16).regex(BASE64, '文件内容应为 base64'), dryRun: z.boolean().default(false) }),
      response: { 200: catalogueImportResponse, ...problemSchemas(400, 401, 403, 409, 413, 422) },
    },
  }, async (request) => {
    const b = request.body;
    const sheet = await readCatalogueSheet(b.filename, Buffer.from(b.contentBase64, 'base64'));
    return si.importCatalogue(actorOf(request), b.filename, sheet, { dryRun: b.dryRun });
  });

  // ── pages ──
  type Errors = { field: string; message: string }[];
  // a file the import refuses comes back as the page with the reason (400, or 422 for a zip bomb, 409 when an item
  // changed meanwhile); anything else (403, 404) propagates
  const answer = async (e: unknown, render: (errors: Errors, status: number) => unknown) => {
    if (isAppError(e) && ['validation_failed', 'archive_too_large', 'archive_invalid', 'file_too_complex', 'conflict', 'payload_too_large'].includes(e.code)) {
      return render(e.fieldErrors.length ? e.fieldErrors.map((f) => ({ field: f.field === 'body' ? 'file' : f.field, message: f.message })) : [{ field: 'file', message: e.detail ?? e.title }], e.status);
    }
    throw e;
  };

  r.get('/admin/services/import', { preHandler: editors, schema: { hide: true } }, async (request, reply) => sendPage(reply, CatalogueImportPage({ shell: adminShell(request) })));
  r.post('/admin/services/import', { preHandler: editors, config: importUploads('事项目录文件'), schema: { hide: true } }, async (request, reply) => {
    const render = (errors: Errors, status: number) => sendPage(reply, CatalogueImportPage({ shell: adminShell(request), errors }), status);
    try {
      const { filename, buf } = await uploadedFile(request, /\.xlsx$/i, 'catalogue');
      const dryRun = fieldOf(request.body, 'dryRun') !== '0';
      const result = await si.importCatalogue(actorOf(request), filename, await readCatalogueSheet(filename, buf), { dryRun });
      return sendPage(reply, CatalogueImportPage({ shell: adminShell(request), result, filename, ...(result.dryRun && !result.problems.length ? { pending: pendingOf(filename, buf) } : {}) }), 200);
    } catch (e) {
      return answer(e, render);
    }
  });

  r.get('/admin/services/cases/import', { preHandler: editors, schema: { hide: true } }, async (request, reply) => sendPage(reply, CaseImportPage({ shell: adminShell(request) })));
  r.post('/admin/services/cases/import', { preHandler: editors, config: importUploads('办件文件'), schema: { hide: true } }, async (request, reply) => {
    const render = (errors: Errors, status: number) => sendPage(reply, CaseImportPage({ shell: adminShell(request), errors }), status);
    try {
      const { filename, buf } = await uploadedFile(request, /\.(csv|xlsx)$/i, 'cases');
      const dryRun = fieldOf(request.body, 'dryRun') !== '0';
      const actor = actorOf(request);
      const result = await si.importCases(actor, actor.agencyId, await readCaseTable(filename, buf), { dryRun });
      return sendPage(reply, CaseImportPage({ shell: adminShell(request), result, filename, ...(result.dryRun && !result.problems.length ? { pending: pendingOf(filename, buf) } : {}) }), 200);
    } catch (e) {
      return answer(e, render);
    }
  });
}
