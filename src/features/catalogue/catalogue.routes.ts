// Catalogue doors: back-office pages (/admin/catalogue…) and the JSON API (/api/catalogue…).
// Thin handlers: validate (zod) → authorise (guard + service scope) → one service call → present.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff, actorOf } from '../auth/auth.guard.ts';
import { adminShell, sendPage, seeOther, setFlash, takeFlash } from '../shared/pages.ts';
import { AppError, isAppError, validationFailed } from '../shared/errors.ts';
import { MB, uploadRoute } from '../shared/uploads.ts';
import { ArchiveError } from '../shared/archive.ts';
import type { Services } from '../services.ts';
import { DRAFTER_ROLES, PORTAL_PAGE_EDITOR_ROLES, actionInput, draftInput, draftUpdateInput, searchQuery } from './catalogue.schema.ts';
import { CatalogueListPage, DraftFormPage, ImportPage, ItemAdminPage, PortalPageEditor, StatsPage, type DraftValues } from './catalogue.pages.tsx';
import { readTable, toCsv, toXlsx } from './catalogue.import.ts';
import { actionDoneMessage } from '../../core/catalogue/workflow.ts';
import { generatedGuideHtml, generatedSystemHtml } from './catalogue.guide.ts';
import { registerCatalogueApi } from './catalogue.api.ts';

/** Multipart (attachFieldsToBody) or urlencoded body → plain string fields + files. */
async function formParts(request: FastifyRequest): Promise<{ fields: Record<string, string>; files: Record<string, { filename: string; data: Buffer }> }> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const files: Record<string, { filename: string; data: Buffer }> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') fields[k] = v;
    else if (v && typeof v === 'object' && 'type' in v) {
      const p = v as { type: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> };
      if (p.type === 'file') {
        const data = await p.toBuffer!();
        if (p.filename && data.length) files[k] = { filename: p.filename, data };
      } else if (typeof p.value === 'string') fields[k] = p.value;
    }
  }
  return { fields, files };
}

function zodErrors(e: z.ZodError) {
  return e.issues.map((i) => ({ field: String(i.path[0] ?? 'form'), message: i.message }));
}

export function registerCatalogueRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cat = services.catalogue;
  const staff = { preHandler: requireStaff(), schema: { hide: true } };
  // one attachment (field `attachment`) of at most UPLOAD_LIMIT_MB, with the draft's text fields (the body:
  // up to 500,000 characters, 1.5 MB of UTF-8)
  const attachmentUploads = uploadRoute({ maxFiles: 1, maxFileBytes: services.config.uploadLimitMb * MB, maxTotalBytes: services.config.uploadLimitMb * MB, maxFieldBytes: 2 * MB, label: '附件' });

  // ───── API ───── (import and portal pages: catalogue.api.ts)
  registerCatalogueApi(app, services);
  r.get('/api/catalogue', {
    schema: {
      operationId: 'searchCatalogue',
      summary: '检索主动公开目录（全站或某一机构）',
      description: 'q 为中文检索词（2 个字及以上按连续子串匹配），agency 为机构的统一社会信用代码；结果按相关性（标题命中在前，其次信息类型、文号、发布机构、主题分类，最后正文）和发布日期排序，每页 10 条。',
      tags: ['catalogue'],
      querystring: searchQuery,
    },
  }, async (request) => {
    const q = request.query;
    let agencyId: number | null = null;
    if (q.agency) {
      const a = await services.agencies.getByCreditCode(q.agency);
      if (!a) throw new AppError('not_found', { detail: `找不到统一社会信用代码为 ${q.agency} 的机构` });
      agencyId = a.id;
    }
    const res = await cat.search({ q: q.q, agencyId, category: q.category ?? null, kind: q.kind ?? null, year: q.year ?? null, validity: q.validity ?? null, page: q.page });
    return {
      items: res.items.map((i) => ({
        id: i.id, indexNo: i.indexNo, title: i.title, docNumber: i.docNumber, publisher: i.publisher, kind: i.kind, category: i.category, publishedOn: i.publishedOn, validity: i.validity,
        url: `/items/${i.id}`, titleHighlights: i.titleSegments, snippet: i.snippet.segments,
      })),
      total: res.total,
      totalCapped: res.capped,
      page: res.page,
      pageSize: res.pageSize,
    };
  });

  r.post('/api/catalogue/items', { preHandler: requireStaff(), schema: { tags: ['catalogue'], operationId: 'createCatalogueDraft', summary: '起草目录条目', body: draftInput.extend({ agencyId: z.number().int().optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await cat.createDraft(actor, request.body.agencyId ?? actor.agencyId, request.body);
    const d = await cat.get(actor, id);
    return reply.code(201).send({ id, indexNo: d.indexNo, state: d.state });
  });
  r.get('/api/catalogue/items/:id', { preHandler: requireStaff(), schema: { tags: ['catalogue'], operationId: 'getCatalogueItem', summary: '目录条目（工作人员）', params: z.object({ id: z.coerce.number().int() }) } }, async (request) => {
    const d = await cat.get(actorOf(request), request.params.id);
    return { id: d.id, indexNo: d.indexNo, state: d.state, public: d.public, validity: d.validity, title: d.working.title, allowedActions: d.allowedActions, version: d.version, attachments: d.attachments, origin: d.origin };
  });
  r.put('/api/catalogue/items/:id', { preHandler: requireStaff(), schema: { tags: ['catalogue'], operationId: 'updateCatalogueDraft', summary: '修改草稿（须提供读取时的 version；他人已保存时返回 409）', params: z.object({ id: z.coerce.number().int() }), body: draftUpdateInput } }, async (request) => {
    const { version, ...fields } = request.body;
    await cat.updateDraft(actorOf(request), request.params.id, fields, version);
    const d = await cat.get(actorOf(request), request.params.id);
    return { ok: true, version: d.version };
  });
  r.post('/api/catalogue/items/:id/actions', { preHandler: requireStaff(), schema: { tags: ['catalogue'], operationId: 'actOnCatalogueItem', summary: '办理（提交保密审查、记录审查结果、审核、发布、修订、撤回、废止）', params: z.object({ id: z.coerce.number().int() }), body: actionInput } }, async (request) => {
    await cat.act(actorOf(request), request.params.id, request.body);
    const d = await cat.get(actorOf(request), request.params.id).catch(() => null);
    return d ? { id: d.id, state: d.state, indexNo: d.indexNo, validity: d.validity, public: d.public } : { deleted: true };
  });
  r.post('/api/catalogue/items/:id/attachments', { preHandler: requireStaff(), config: attachmentUploads, schema: { tags: ['catalogue'], operationId: 'uploadCatalogueAttachment', summary: '上传附件（multipart，字段 attachment）', params: z.object({ id: z.coerce.number().int() }) } }, async (request, reply) => {
    const { files } = await formParts(request);
    const f = files.attachment;
    if (!f) throw validationFailed([{ field: 'attachment', message: '请选择要上传的附件' }]);
    const aid = await cat.addAttachment(actorOf(request), request.params.id, f.filename, f.data);
    return reply.code(201).send({ id: aid });
  });
  r.post('/api/catalogue/items/:id/links', { preHandler: requireStaff(), schema: { tags: ['catalogue'], operationId: 'linkCatalogueInterpretation', summary: '关联政策解读', params: z.object({ id: z.coerce.number().int() }), body: z.object({ interpretationId: z.number().int() }) } }, async (request) => {
    await cat.link(actorOf(request), request.params.id, request.body.interpretationId);
    return { ok: true };
  });

  // ───── back office ─────
  r.get('/admin/catalogue', { ...staff, schema: { hide: true, querystring: z.object({ q: z.string().max(100).optional(), state: z.string().max(30).optional(), kind: z.string().max(30).optional(), origin: z.string().max(30).optional(), page: z.coerce.number().int().min(1).default(1) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query;
    // “依申请转主动”: items made from information disclosed on application (条例 第四十四条)
    const origin = q.origin === 'application' ? 'application' : null;
    const [list, warnings] = await Promise.all([cat.list(actor, { q: q.q || null, state: q.state || null, kind: q.kind || null, origin, page: q.page }), cat.clockWarnings(actor)]);
    return sendPage(reply, CatalogueListPage({ shell: adminShell(request, takeFlash(request, reply)), rows: list.rows, total: list.total, page: q.page, query: { q: q.q, state: q.state, kind: q.kind, origin: origin ?? undefined }, warnings }));
  });

  const subjectsFor = async (agencyId: number) => (await cat.settingsOf(agencyId)).subjects;

  // forms only for the roles that may submit them (the service checks again)
  const drafter = { preHandler: requireStaff(...DRAFTER_ROLES), schema: { hide: true } };
  r.get('/admin/catalogue/new', drafter, async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, DraftFormPage({ shell: adminShell(request), action: '/admin/catalogue', values: { disclosure: 'proactive', publisher: actor.agencyName }, subjects: await subjectsFor(actor.agencyId), isNew: true }));
  });

  async function formError(request: FastifyRequest, reply: FastifyReply, e: unknown, render: (errors: { field: string; message: string }[]) => Promise<FastifyReply>) {
    // a wrong role is not a field error: it propagates (403 page)
    if (isAppError(e) && (e.code === 'validation_failed' || e.code === 'conflict')) {
      return render(e.fieldErrors.length ? e.fieldErrors : [{ field: 'form', message: e.detail ?? e.title }]);
    }
    throw e;
  }

  r.post('/admin/catalogue', { ...staff, config: attachmentUploads }, async (request, reply) => {
    const actor = actorOf(request);
    const { fields, files } = await formParts(request);
    const values: DraftValues = { ...fields };
    const render = async (errors: { field: string; message: string }[]) =>
      sendPage(reply, DraftFormPage({ shell: adminShell(request), action: '/admin/catalogue', values, errors, subjects: await subjectsFor(actor.agencyId), isNew: true }), 400);
    const parsed = draftInput.safeParse(fields);
    if (!parsed.success) return render(zodErrors(parsed.error));
    try {
      // the attachment is checked before anything is saved, so a bad file loses nothing typed
      if (files.attachment) {
        const { checkFile } = await import('./catalogue.files.ts');
        await checkFile(files.attachment.filename, files.attachment.data, services.config.uploadLimitMb * 1024 * 1024);
      }
      const id = await cat.createDraft(actor, actor.agencyId, parsed.data);
      if (files.attachment) await cat.addAttachment(actor, id, files.attachment.filename, files.attachment.data);
      setFlash(reply, 'success', '草稿已保存');
      return seeOther(reply, `/admin/catalogue/${id}`);
    } catch (e) {
      return formError(request, reply, e, render);
    }
  });

  const idParams = { ...staff, schema: { hide: true, params: z.object({ id: z.coerce.number().int() }) } };

  r.get('/admin/catalogue/:id', idParams, async (request, reply) => {
    const d = await cat.get(actorOf(request), request.params.id);
    return sendPage(reply, ItemAdminPage({ shell: adminShell(request, takeFlash(request, reply)), d }));
  });

  r.get('/admin/catalogue/:id/edit', { ...idParams, preHandler: drafter.preHandler }, async (request, reply) => {
    const actor = actorOf(request);
    const d = await cat.get(actor, request.params.id);
    const w = d.working;
    const values: DraftValues = { title: w.title, docNumber: w.doc_number, publisher: w.publisher, madeOn: w.made_on, formedOn: w.formed_on, kind: w.kind, category: String(w.category), subject: w.subject, disclosure: w.disclosure, withholdReason: w.withhold_reason, summary: w.summary, body: w.body_html, changeNote: w.change_note, version: String(d.version) };
    return sendPage(reply, DraftFormPage({ shell: adminShell(request), action: `/admin/catalogue/${d.id}/edit`, values, indexNo: d.indexNo, subjects: await subjectsFor(d.agencyId), isNew: false }));
  });

  r.post('/admin/catalogue/:id/edit', { ...idParams, config: attachmentUploads }, async (request, reply) => {
    const actor = actorOf(request);
    const { fields } = await formParts(request);
    const d = await cat.get(actor, request.params.id);
    const render = async (errors: { field: string; message: string }[]) =>
      sendPage(reply, DraftFormPage({ shell: adminShell(request), action: `/admin/catalogue/${d.id}/edit`, values: fields, errors, indexNo: d.indexNo, subjects: await subjectsFor(d.agencyId), isNew: false }), 400);
    const parsed = draftUpdateInput.safeParse(fields);
    if (!parsed.success) return render(zodErrors(parsed.error));
    const { version, ...draft } = parsed.data;
    try {
      await cat.updateDraft(actor, d.id, draft, version);
      setFlash(reply, 'success', '草稿已保存');
      return seeOther(reply, `/admin/catalogue/${d.id}`);
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict' && e.title === '该条目已被他人修改') {
        // Someone saved meanwhile: the form comes back with this user's input (nothing lost) and the current
        // version, so a second save is a conscious overwrite after looking at the newer content.
        const fresh = await cat.get(actor, d.id);
        return sendPage(reply, DraftFormPage({
          shell: adminShell(request), action: `/admin/catalogue/${d.id}/edit`, values: { ...fields, version: String(fresh.version) }, indexNo: d.indexNo,
          subjects: await subjectsFor(d.agencyId), isNew: false, staleNotice: { detail: e.detail ?? e.title, itemHref: `/admin/catalogue/${d.id}` },
        }), 409);
      }
      return formError(request, reply, e, render);
    }
  });

  r.post('/admin/catalogue/:id/actions', idParams, async (request, reply) => {
    const actor = actorOf(request);
    const { fields } = await formParts(request);
    const render = async (errors: { field: string; message: string }[]) => sendPage(reply, ItemAdminPage({ shell: adminShell(request), d: await cat.get(actor, request.params.id), errors }), 400);
    const parsed = actionInput.safeParse(fields);
    if (!parsed.success) return render(zodErrors(parsed.error));
    try {
      await cat.act(actor, request.params.id, parsed.data);
    } catch (e) {
      return formError(request, reply, e, render);
    }
    if (parsed.data.action === 'delete') {
      setFlash(reply, 'success', '草稿已删除');
      return seeOther(reply, '/admin/catalogue');
    }
    setFlash(reply, 'success', actionDoneMessage(parsed.data.action, { reviewResult: parsed.data.reviewResult, validity: parsed.data.validity }));
    return seeOther(reply, `/admin/catalogue/${request.params.id}`);
  });

  r.post('/admin/catalogue/:id/attachments', { ...idParams, config: attachmentUploads }, async (request, reply) => {
    const actor = actorOf(request);
    const { files } = await formParts(request);
    const render = async (errors: { field: string; message: string }[]) => sendPage(reply, ItemAdminPage({ shell: adminShell(request), d: await cat.get(actor, request.params.id), errors }), 400);
    if (!files.attachment) return render([{ field: 'attachment', message: '请选择要上传的附件' }]);
    try {
      await cat.addAttachment(actor, request.params.id, files.attachment.filename, files.attachment.data);
    } catch (e) {
      return formError(request, reply, e, render);
    }
    setFlash(reply, 'success', '附件已上传');
    return seeOther(reply, `/admin/catalogue/${request.params.id}`);
  });

  r.post('/admin/catalogue/:id/link', idParams, async (request, reply) => {
    const actor = actorOf(request);
    const { fields } = await formParts(request);
    const d = await cat.get(actor, request.params.id);
    const render = async (errors: { field: string; message: string }[]) => sendPage(reply, ItemAdminPage({ shell: adminShell(request), d, errors }), 400);
    const list = await cat.list(actor, { agencyId: d.agencyId, q: (fields.interpretationIndexNo ?? '').trim() || '__none__', page: 1 });
    const target = list.rows.find((x) => x.index_no === (fields.interpretationIndexNo ?? '').trim());
    if (!target) return render([{ field: 'interpretationIndexNo', message: '找不到该索引号的条目，请核对政策解读的索引号' }]);
    try {
      await cat.link(actor, d.id, target.id);
    } catch (e) {
      return formError(request, reply, e, render);
    }
    setFlash(reply, 'success', '已关联政策解读');
    return seeOther(reply, `/admin/catalogue/${d.id}`);
  });

  r.get('/admin/catalogue/attachments/:id', idParams, async (request, reply) => {
    const f = await cat.attachment(actorOf(request), request.params.id);
    return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-type-options', 'nosniff').send(f.data);
  });

  r.get('/admin/catalogue/stats', { ...staff, schema: { hide: true, querystring: z.object({ year: z.coerce.number().int().min(2008).max(2200).optional(), format: z.enum(['2019', '2021']).optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const year = request.query.year ?? new Date().getFullYear() - 1;
    const format = request.query.format ?? (year >= 2021 ? '2021' : '2019');
    const [s, origin] = await Promise.all([cat.stats(actor, actor.agencyId, year, format), cat.originStats(actor, actor.agencyId, year)]);
    return sendPage(reply, StatsPage({ shell: adminShell(request), year, format, values: s.values, records: s.records, titles: s.titles, origin }));
  });

  r.get('/admin/catalogue/import', drafter, async (request, reply) => sendPage(reply, ImportPage({ shell: adminShell(request) })));
  r.post('/admin/catalogue/import', { ...drafter, config: uploadRoute({ maxFiles: 1, maxFileBytes: services.config.uploadLimitMb * MB, maxTotalBytes: services.config.uploadLimitMb * MB, label: '导入文件' }) }, async (request, reply) => {
    const actor = actorOf(request);
    const { fields, files } = await formParts(request);
    if (!files.file) return sendPage(reply, ImportPage({ shell: adminShell(request), errors: [{ field: 'file', message: '请选择 CSV 或 XLSX 文件' }] }), 400);
    let rows;
    try {
      rows = await readTable(files.file.filename, files.file.data);
    } catch (e) {
      // a zip bomb or an unreadable archive says why (422 / 400); anything else: not a readable table
      if (e instanceof ArchiveError) return sendPage(reply, ImportPage({ shell: adminShell(request), errors: [{ field: 'file', message: e.message }] }), e.toAppError().status);
      return sendPage(reply, ImportPage({ shell: adminShell(request), errors: [{ field: 'file', message: '无法读取该文件，请确认是 CSV 或 XLSX 格式' }] }), 400);
    }
    const dryRun = fields.mode !== 'import';
    const res = await cat.importRows(actor, actor.agencyId, rows, dryRun);
    return sendPage(reply, ImportPage({ shell: adminShell(request), reports: res.reports, imported: res.imported, dryRun }));
  });

  r.get('/admin/catalogue/export.csv', staff, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await cat.exportRows(actor, actor.agencyId);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('政府信息公开目录.csv')}`).send(toCsv(rows));
  });
  r.get('/admin/catalogue/export.xlsx', staff, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await cat.exportRows(actor, actor.agencyId);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('政府信息公开目录.xlsx')}`).send(await toXlsx(rows));
  });

  const slugParams = { ...staff, schema: { hide: true, params: z.object({ slug: z.enum(['guide', 'system']) }) } };
  r.get('/admin/catalogue/pages/:slug', { ...slugParams, preHandler: requireStaff(...PORTAL_PAGE_EDITOR_ROLES) }, async (request, reply) => {
    const actor = actorOf(request);
    const agency = (await services.agencies.get(actor.agencyId))!;
    const page = await cat.portalPage(actor.agencyId, request.params.slug);
    const slug = request.params.slug;
    const body = page?.body_html ?? (slug === 'guide' ? generatedGuideHtml(agency, (await cat.settingsOf(agency.id)).indexPattern) : generatedSystemHtml(agency));
    return sendPage(reply, PortalPageEditor({ shell: adminShell(request), slug, title: page?.title ?? (slug === 'guide' ? `${agency.name}政府信息公开指南` : `${agency.name}政府信息公开制度`), body, generated: !page }));
  });
  r.post('/admin/catalogue/pages/:slug', slugParams, async (request, reply) => {
    const actor = actorOf(request);
    const { fields } = await formParts(request);
    await cat.savePortalPage(actor, actor.agencyId, request.params.slug, (fields.title ?? '').trim() || '政府信息公开指南', fields.body ?? '');
    setFlash(reply, 'success', '已保存');
    return seeOther(reply, `/admin/catalogue/pages/${request.params.slug}`);
  });
}
