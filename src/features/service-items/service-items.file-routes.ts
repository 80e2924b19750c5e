// 空白表格 / 示例样表 of an item's materials: upload (API uploadServiceItemFile, page form on the item page) and removal
// (API removeServiceItemFile, a button per file). Uploads are bounded while they stream (shared/uploads.ts) and
// checked by content in the service; a stale version answers 409, on the page with the form kept and a message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { isAppError, notFound, validationFailed } from '../shared/errors.ts';
import { adminShell, sendPage, seeOther, setFlash } from '../shared/pages.ts';
import { MB, uploadRoute } from '../shared/uploads.ts';
import type { Services } from '../services.ts';
import { MATERIAL_FILE_KINDS, type MaterialFileKind } from './service-items.files.ts';
import { ServiceItemPage } from './service-items.pages.tsx';
import type { FormFields } from './service-items.forms.ts';
import { siT } from './service-items.i18n.ts';
import type { Locale } from '../../ui/i18n.ts';

type Errors = { field: string; message: string }[];
const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });

/** The text fields and the one file of a multipart body (attachFieldsToBody), or of an urlencoded one. */
async function partsOf(request: FastifyRequest): Promise<{ fields: FormFields; file: { filename: string; data: Buffer } | null }> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: FormFields = {};
  let file: { filename: string; data: Buffer } | null = null;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') { fields[k] = v; continue; }
    const p = v as Partial<MultipartFile> & { value?: unknown };
    if (p && typeof p === 'object' && p.type === 'file' && typeof p.toBuffer === 'function') {
      const data = await p.toBuffer();
      if (k === 'file' && p.filename && data.length) file = { filename: p.filename, data };
    } else if (p && typeof p === 'object' && typeof p.value === 'string') fields[k] = p.value;
  }
  return { fields, file };
}

/** version / material / kind of a form or query, with the problem of each in plain words (zh-CN for the API, the page's language on a page). */
function target(fields: FormFields, locale: Locale = 'zh-CN'): { version: number; material: string; kind: MaterialFileKind } | Errors {
  const T = siT(locale);
  const errors: Errors = [];
  const version = /^\d{1,9}$/.test(fields.version ?? '') ? Number(fields.version) : 0;
  if (version < 1) errors.push({ field: 'version', message: T('errors.fileNoVersion') });
  const material = (fields.material ?? '').trim();
  if (!material) errors.push({ field: 'material', message: T('errors.material') });
  else if (material.length > 200) errors.push({ field: 'material', message: T('errors.materialTooLong') });
  const kind = fields.kind as MaterialFileKind;
  if (!(MATERIAL_FILE_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', message: T('errors.fileKind') });
  return errors.length ? errors : { version, material, kind };
}

export function registerServiceItemFiles(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const si = services.serviceItems;
  const maxBytes = services.config.uploadLimitMb * MB;
  const uploads = uploadRoute({ maxFiles: 1, maxFileBytes: maxBytes, maxTotalBytes: maxBytes, maxFields: 10, maxFieldBytes: 4096, label: '空白表格或示例样表' });
  const editors = requireStaff('officer', 'leader', 'admin');

  r.post('/api/service-items/:id/files', {
    preHandler: editors, config: uploads,
    schema: {
      operationId: 'uploadServiceItemFile', summary: '上传材料的空白表格或示例样表（multipart：version、material、kind、file）', tags: ['service-items'],
      description: 'material 为材料目录中的材料名称，kind 为 blankForm（空白表格）或 sample（示例样表）；文件按内容检查（PDF、DOCX、XLSX 或图片）。成为事项的新版本，变更历史记录上传；须带当前版本号（否则 409）。',
      params: idParams,
      response: { 201: z.object({ version: z.number().int(), filename: z.string() }), ...problemSchemas(400, 401, 403, 404, 409, 413) },
    },
  }, async (request, reply) => {
    const { fields, file } = await partsOf(request);
    const t = target(fields);
    if (Array.isArray(t)) throw validationFailed(t);
    if (!file) throw validationFailed([{ field: 'file', message: '请选择要上传的文件' }]);
    const out = await si.attachFile(actorOf(request), request.params.id, { ...t, filename: file.filename, data: file.data });
    return reply.code(201).send(out);
  });

  r.delete('/api/service-items/:id/files', {
    preHandler: editors,
    schema: {
      operationId: 'removeServiceItemFile', summary: '删除材料的空白表格或示例样表', tags: ['service-items'],
      params: idParams,
      querystring: z.object({ version: z.coerce.number().int().min(1).max(999_999_999), material: z.string().trim().min(1).max(200), kind: z.enum(MATERIAL_FILE_KINDS) }),
      response: { 200: z.object({ version: z.number().int() }), ...problemSchemas(400, 401, 403, 404, 409) },
    },
  }, async (request) => si.removeFile(actorOf(request), request.params.id, request.query));

  // ── the item page's forms ──
  const itemPage = async (request: FastifyRequest, reply: FastifyReply, id: number, fields: FormFields, errors: Errors, status: number) => {
    const actor = actorOf(request);
    const item = await si.get(actor, id);
    const storedFiles = new Set((await si.files(actor, item.id)).map((f) => f.filename));
    return sendPage(reply, ServiceItemPage({ shell: adminShell(request), item, canEdit: si.canEdit(actor, item), storedFiles, files: { fields, errors } }), status);
  };
  const pageAction = async (request: FastifyRequest, reply: FastifyReply, id: number, fields: FormFields, run: () => Promise<string>) => {
    try {
      setFlash(reply, 'success', await run());
      return seeOther(reply, `/admin/services/${id}#files-form`);
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') return itemPage(request, reply, id, fields, [{ field: 'form', message: siT(request.locale)('errors.staleFile') }], 409);
      if (isAppError(e) && (e.code === 'validation_failed' || e.status === 422 || e.status === 413)) {
        return itemPage(request, reply, id, fields, e.fieldErrors.length ? e.fieldErrors : [{ field: 'file', message: e.detail ?? e.title }], e.status === 413 ? 413 : 400);
      }
      throw e;
    }
  };
  const canEditOr404 = async (request: FastifyRequest, id: number) => {
    const actor = actorOf(request);
    if (!si.canEdit(actor, await si.get(actor, id))) throw notFound();
  };

  r.post('/admin/services/:id/files', { preHandler: requireStaff('officer', 'leader'), config: uploads, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const id = request.params.id;
    await canEditOr404(request, id);
    const { fields, file } = await partsOf(request);
    const T = siT(request.locale);
    const t = target(fields, request.locale);
    const errors = Array.isArray(t) ? [...t] : [];
    if (!file) errors.push({ field: 'file', message: T('errors.file') });
    if (errors.length || Array.isArray(t) || !file) return itemPage(request, reply, id, fields, errors, 400);
    return pageAction(request, reply, id, fields, async () => {
      const out = await si.attachFile(actorOf(request), id, { ...t, filename: file.filename, data: file.data });
      return T('flash.uploaded', { file: out.filename });
    });
  });

  r.post('/admin/services/:id/files/removal', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true, params: idParams } }, async (request, reply) => {
    const id = request.params.id;
    await canEditOr404(request, id);
    const { fields } = await partsOf(request);
    const t = target(fields, request.locale);
    if (Array.isArray(t)) return itemPage(request, reply, id, fields, t, 400);
    return pageAction(request, reply, id, fields, async () => {
      await si.removeFile(actorOf(request), id, t);
      return siT(request.locale)('flash.removed');
    });
  });
}
