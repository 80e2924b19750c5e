// Catalogue operations the back-office pages offer that had no API twin: import a CSV/XLSX table (dry run first)
// and save the agency's 政府信息公开指南 / 政府信息公开制度 page. Same service calls as the pages.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { validationFailed } from '../shared/errors.ts';
import { problemSchemas } from '../shared/openapi.ts';
import type { Services } from '../services.ts';
import { readTable } from './catalogue.import.ts';

export function registerCatalogueApi(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cat = services.catalogue;
  const tags = ['catalogue'];
  r.post('/api/catalogue/import', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'importCatalogue', summary: '批量导入目录条目（CSV 或 XLSX，Base64）；dryRun=true（默认）只检查每一行，不保存', tags,
      body: z.object({ filename: z.string().trim().min(1, '请提供文件名（.csv 或 .xlsx）').max(200), contentBase64: z.string().min(1, '请提供文件内容').max(40_000_000, '文件太大'), dryRun: z.boolean().default(true) }),
      response: { 200: z.object({ dryRun: z.boolean(), imported: z.number().int(), reports: z.array(z.looseObject({})) }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    let rows;
    try {
      rows = await readTable(request.body.filename, Buffer.from(request.body.contentBase64, 'base64'));
    } catch {
      throw validationFailed([{ field: 'contentBase64', message: '无法读取该文件，请确认是 CSV 或 XLSX 格式' }]);
    }
    const res = await cat.importRows(actor, actor.agencyId, rows, request.body.dryRun);
    return { dryRun: request.body.dryRun, imported: res.imported, reports: res.reports.map((x) => ({ ...x })) };
  });
  r.put('/api/catalogue/pages/:slug', {
    preHandler: requireStaff(),
    schema: {
      operationId: 'saveCataloguePortalPage', summary: '保存本机关的政府信息公开指南（guide）或政府信息公开制度（system）页面', tags,
      params: z.object({ slug: z.enum(['guide', 'system']) }),
      body: z.object({ title: z.string().trim().min(1, '请填写标题').max(200, '标题不能超过 200 个字'), body: z.string().max(500_000, '正文太长') }),
      response: { 200: z.object({ ok: z.boolean() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const actor = actorOf(request);
    await cat.savePortalPage(actor, actor.agencyId, request.params.slug, request.body.title, request.body.body);
    return { ok: true };
  });
}
