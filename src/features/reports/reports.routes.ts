// Reports API and the 年报体检 page. Uploads and rendering are for staff (any staff role: supervisor, officer,
// reviewer, leader, admin); the JSON schema of the report model is public.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FixtureFormatError, reportFromJson } from '../../core/report/fixture.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { MB, uploadRoute } from '../shared/uploads.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import type { RenderTarget } from './render/index.ts';
import { CHECK_PATH, ReportCheckPage } from './reports.pages.tsx';
import { checkQuerySchema, checkResponseSchema, renderQuerySchema, reportBodySchema } from './reports.schema.ts';
import { checkFile, checkFiles, render, reportSchema, type CheckResult, type ReportFile } from './reports.service.ts';

/** Every uploaded file of a multipart body (attachFieldsToBody: true), whatever its field name; empty parts skipped. */
export async function uploadedFiles(body: unknown): Promise<ReportFile[]> {
  if (!body || typeof body !== 'object') return [];
  const out: ReportFile[] = [];
  for (const v of Object.values(body as Record<string, unknown>)) {
    for (const part of Array.isArray(v) ? v : [v]) {
      const p = part as Partial<MultipartFile> | null;
      if (!p || typeof p !== 'object' || p.type !== 'file' || typeof p.toBuffer !== 'function') continue;
      const buf = await p.toBuffer();
      if (!p.filename && buf.length === 0) continue; // an empty <input type=file>
      out.push({ bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), filename: p.filename || '(未命名)', ...(p.mimetype ? { contentType: p.mimetype } : {}) });
    }
  }
  return out;
}

/** The first file refused by a safety limit (its note carries the code), as the AppError to answer. */
function refusedFile(results: readonly CheckResult[]): AppError | undefined {
  for (const r of results) {
    const note = r.notes.find((n) => n.code);
    if (note?.code) return new AppError(note.code, { detail: `${r.file}：${note.message}`, fieldErrors: [{ field: 'files', message: `${r.file}：${note.message}` }] });
  }
  return undefined;
}

/** A report model from a JSON body (model or fixture shape), or 400 with the schema errors as field errors. */
function modelFromBody(body: unknown) {
  try {
    return reportFromJson(body);
  } catch (e) {
    if (e instanceof FixtureFormatError) {
      const lines = e.message.split('\n').slice(1);
      const fieldErrors: FieldError[] = (lines.length ? lines : [e.message]).map((l) => {
        const i = l.indexOf(': ');
        return i > 0 ? { field: l.slice(0, i), message: l.slice(i + 2) } : { field: e.path, message: l };
      });
      throw new AppError('validation_failed', { detail: e.message.split('\n')[0], fieldErrors });
    }
    throw e;
  }
}

export function registerReportsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  // up to 10 report files of at most UPLOAD_LIMIT_MB each, 40 MB together
  const reportUploads = uploadRoute({ maxFiles: 10, maxFileBytes: services.config.uploadLimitMb * MB, maxTotalBytes: Math.max(services.config.uploadLimitMb, 40) * MB, label: '报告文件' });

  r.get(
    '/api/reports/schema',
    {
      schema: {
        operationId: 'getReportModelSchema',
        summary: '年度报告模型的 JSON Schema（draft 2020-12，公开）',
        tags: ['reports'],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return reportSchema() as unknown as Record<string, unknown>;
    },
  );

  r.post(
    '/api/reports/check',
    {
      preHandler: staff,
      config: reportUploads,
      schema: {
        operationId: 'checkReports',
        summary: '报告体检：上传一个或多个报告文件（multipart/form-data，任意字段名），或提交一个报告模型（application/json）',
        description: '返回每个文件的报告模型、读取备注和全部规则检查结果（错误与警告）。文件可为 .docx、.pdf、.html、.txt，或报告模型/标签键交换格式的 JSON。',
        tags: ['reports'],
        querystring: checkQuerySchema,
        response: { 200: checkResponseSchema, ...problemSchemas(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request) => {
      actorOf(request);
      const ctx = request.query.deadline ? { publishDeadline: request.query.deadline } : {};
      if (request.isMultipart()) {
        const files = await uploadedFiles(request.body);
        if (files.length === 0) throw new AppError('validation_failed', { detail: '请上传至少一个报告文件', fieldErrors: [{ field: 'files', message: '请上传至少一个报告文件' }] });
        const results = await checkFiles(files, ctx);
        // a file refused to protect the server (zip bomb, PDF over its limits) refuses the request: 422
        const refused = refusedFile(results);
        if (refused) throw refused;
        return results;
      }
      const model = modelFromBody(request.body);
      const bytes = new TextEncoder().encode(JSON.stringify(model));
      return [await checkFile({ bytes, filename: 'body.json', contentType: 'application/json' }, ctx)];
    },
  );

  r.post(
    '/api/reports/render',
    {
      preHandler: staff,
      schema: {
        operationId: 'renderReport',
        summary: '生成报告：报告模型（或交换格式）→ html、docx、pdf、xlsx、json、md',
        tags: ['reports'],
        querystring: renderQuerySchema,
        body: reportBodySchema,
        response: { ...problemSchemas(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const model = modelFromBody(request.body);
      const out = await render(model, request.query.to as RenderTarget, { withFindings: request.query.findings === '1' });
      const name = `report-${model.year || 'template'}.${out.extension}`;
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send((typeof out.body === 'string' ? out.body : Buffer.from(out.body)) as never);
    },
  );

  // ── 年报体检 page ──
  const page = (request: FastifyRequest, reply: FastifyReply, props: Omit<Parameters<typeof ReportCheckPage>[0], 'shell'>, status = 200) =>
    sendPage(reply, ReportCheckPage({ shell: adminShell(request), ...props }), status);

  r.get(CHECK_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => page(request, reply, {}));
  // The back-office nav entry 年度报告 (/admin/reports) opens the annual reports (/admin/annual, which links the check page).
  r.get('/admin/reports', { preHandler: staff, schema: { hide: true } }, async (_request, reply) => reply.code(303).header('location', '/admin/annual').send());

  r.post(CHECK_PATH, { preHandler: staff, config: reportUploads, schema: { hide: true } }, async (request, reply) => {
    const en = request.locale === 'en';
    if (!request.isMultipart()) {
      return page(request, reply, { errors: [{ field: 'files', message: en ? 'Choose at least one report file.' : '请选择至少一个报告文件（可多选）' }] }, 400);
    }
    const files = await uploadedFiles(request.body);
    if (files.length === 0) {
      return page(request, reply, { errors: [{ field: 'files', message: en ? 'Choose at least one report file.' : '请选择至少一个报告文件（可多选）' }] }, 400);
    }
    const results = await checkFiles(files);
    const unreadable = results.filter((x) => x.model === null);
    const errors: FieldError[] = unreadable.map((x) => ({ field: 'files', message: x.notes[0]?.message ?? `${x.file}：无法读取` }));
    const refused = refusedFile(results);
    if (refused && !errors.some((e) => e.message === refused.fieldErrors[0]?.message)) errors.push(...refused.fieldErrors);
    return page(request, reply, { results, errors }, refused?.status ?? 200);
  });
}
