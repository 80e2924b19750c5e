// Page routes of 依申请公开: the public form (/apply, multipart, honeypot, rate limit), the receipt,
// the public status page (/apply/status), and the back office (list + CSV, registration, case page with
// the allowed actions as forms, letters, attachments, templates, outbox, 复议/诉讼 forms).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LETTER_KINDS, type Action, type LetterKind } from '../../core/applications/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { agencyContact } from '../portal/portal.routes.ts';
import { AppError, isAppError, type FieldError } from '../shared/errors.ts';
import { adminShell, ENABLED_ADMIN_FEATURES, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { appealCreateSchema, appealUpdateSchema } from '../appeals/appeals.schema.ts';
import { policyFor, seesPersonalData } from '../../core/personal-data/index.ts';
import { actionSchemas, dismissPublicationSchema, LIST_PAGE_SIZE, listQuerySchema, pageSchema, publishDisclosureSchema, registerSchema, statusQuerySchema, submitSchema } from './applications.schema.ts';
import { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENTS, type UploadedFile } from './applications.service.ts';
import { uploadRoute } from '../shared/uploads.ts';
import { ApplicationsListPage, ApplyFormPage, ApplyReceiptPage, CasePage, flatErrors, OutboxPage, RegisterPage, StatusPage, TemplateEditPage, TemplatesPage, type CaseFormState, type FormValues } from './applications.views.tsx';

const SUBMIT_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
/** The attachment limits of the service (5 files × 5 MB), enforced while the form streams in. */
const ATTACHMENT_UPLOADS = uploadRoute({ maxFiles: DEFAULT_MAX_ATTACHMENTS, maxFileBytes: DEFAULT_MAX_ATTACHMENT_BYTES, maxTotalBytes: DEFAULT_MAX_ATTACHMENTS * DEFAULT_MAX_ATTACHMENT_BYTES, maxFieldBytes: 64 * 1024, maxFields: 60, label: '附件' });
const STATUS_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const RECEIPT_NOTICE = '通过互联网渠道提交的申请，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第三项）。本机关确认收到后，将在收到申请之日起20个工作日内答复。';


interface MultipartPart { type?: string; value?: unknown; filename?: string; toBuffer?: () => Promise<Buffer> }

/** Form fields (urlencoded or multipart) and uploaded files of a request. */
async function readForm(request: FastifyRequest): Promise<{ fields: FormValues; files: UploadedFile[] }> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const fields: FormValues = {};
  const files: UploadedFile[] = [];
  for (const [k, v] of Object.entries(body)) {
    for (const part of Array.isArray(v) ? v : [v]) {
      if (part && typeof part === 'object' && 'type' in (part as object)) {
        const p = part as MultipartPart;
        if (p.type === 'file') {
          const data = p.toBuffer ? await p.toBuffer() : Buffer.alloc(0);
          if (p.filename && data.length > 0) files.push({ filename: p.filename, data });
        } else if (p.type === 'field') {
          fields[k] = String(p.value ?? '');
        }
      } else if (typeof part === 'string') {
        fields[k] = part;
      }
    }
  }
  return { fields, files };
}

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

/** The flat form → the API shape of submitApplication / registerApplication. */
function formToApi(f: FormValues): Record<string, unknown> {
  const type = f.type ?? 'natural_person';
  const person = type === 'natural_person';
  return {
    applicant: {
      type, name: f.name ?? '', phone: f.phone ?? '',
      ...(person ? { idType: blank(f.idType), idNumber: blank(f.idNumber) } : { creditCode: blank(f.creditCode), legalRepresentative: blank(f.legalRepresentative), contactPerson: blank(f.contactPerson) }),
      address: blank(f.address), postcode: blank(f.postcode), email: blank(f.email),
    },
    content: f.content ?? '', docNumber: blank(f.docNumber), provideForm: blank(f.provideForm), obtainMethod: blank(f.obtainMethod), email: blank(f.email),
    website: f.website ?? '',
  };
}

const zodErrors = (e: z.ZodError): FieldError[] => e.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
/** Field names of a case-page form: `items.0` (one line of the 补正 list) is the `items` box; one message per field and text. */
function caseFieldErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = e.field.split('.')[0] || 'version';
    const key = `${field}:${e.message}`;
    if (!seen.has(key)) { seen.add(key); out.push({ field, message: e.message }); }
  }
  return out;
}

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be read as a formula by spreadsheet programs
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registerApplicationPages(app: FastifyInstance, services: Services): void {
  const s = services.applications;
  const staff = requireStaff();
  if (!ENABLED_ADMIN_FEATURES.includes('applications')) ENABLED_ADMIN_FEATURES.push('applications');

  async function portal() {
    const agency = await services.portal.portalAgency();
    if (!agency) throw new AppError('unavailable', { detail: '尚未配置任何机构' });
    return agency;
  }

  // ── public ──
  app.get('/apply', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portal();
    return sendPage(reply, ApplyFormPage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: request.url, values: { type: 'natural_person', idType: '居民身份证' }, errors: [] }));
  });

  app.post('/apply', { config: { ...SUBMIT_RATE_LIMIT, ...ATTACHMENT_UPLOADS }, schema: { hide: true } }, async (request, reply) => {
    const agency = await portal();
    const { fields, files } = await readForm(request);
    const render = (errors: FieldError[], status: number) =>
      sendPage(reply, ApplyFormPage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: '/apply', values: fields, errors: flatErrors(errors) }), status);
    const parsed = submitSchema.safeParse({ agency: agency.creditCode, ...formToApi(fields) });
    if (!parsed.success) return render(zodErrors(parsed.error), 400);
    try {
      const out = await s.submit(parsed.data, files);
      return sendPage(reply, ApplyReceiptPage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: '/apply', queryCode: out.queryCode, submittedOn: out.submittedOn, notice: RECEIPT_NOTICE }), 201);
    } catch (e) {
      if (isAppError(e) && e.fieldErrors.length) return render(e.fieldErrors, e.status);
      throw e;
    }
  });

  app.get('/apply/status', { schema: { hide: true } }, async (request, reply) => {
    const agency = await portal();
    return sendPage(reply, StatusPage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: request.url, values: {}, errors: [] }));
  });

  app.post('/apply/status', { config: STATUS_RATE_LIMIT, schema: { hide: true } }, async (request, reply) => {
    const agency = await portal();
    const { fields } = await readForm(request);
    const base = { locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: '/apply/status', values: { code: fields.code, phone: fields.phone } };
    const parsed = statusQuerySchema.safeParse({ code: fields.code ?? '', phone: fields.phone ?? '' });
    if (!parsed.success) return sendPage(reply, StatusPage({ ...base, errors: zodErrors(parsed.error) }), 400);
    try {
      const status = await s.status(parsed.data.code, parsed.data.phone);
      return sendPage(reply, StatusPage({ ...base, errors: [], status }));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return sendPage(reply, StatusPage({ ...base, errors: [], notFound: e.detail ?? e.title }), 404);
      throw e;
    }
  });

  // ── back office ──
  app.get('/admin/applications', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = request.query as Record<string, string | undefined>;
    const parsed = listQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
    const q = parsed.success ? parsed.data : listQuerySchema.parse({});
    const paging = pageSchema.safeParse({ page: raw.page || undefined });
    const { page } = paging.success ? paging.data : { page: 1 };
    const listed = await s.listPage(actor, q, { page, pageSize: LIST_PAGE_SIZE });
    const query = { view: q.view === 'all' ? undefined : q.view, q: q.q, applicantType: q.applicantType, from: q.from, to: q.to };
    return sendPage(reply, ApplicationsListPage({ shell: adminShell(request, takeFlash(request, reply)), rows: listed.applications, total: listed.total, page, pageSize: LIST_PAGE_SIZE, query, unmaskedExport: policyFor(actor.role).exportUnmasked, accessLog: actor.role === 'admin' || actor.role === 'leader' }));
  });

  app.get('/admin/applications.csv', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = request.query as Record<string, string | undefined>;
    const parsed = listQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')));
    // Personal columns are masked unless ?personal=full (handling roles only; the service refuses others and logs the export).
    const unmasked = raw.personal === 'full';
    const rows = await s.exportRows(actor, parsed.success ? parsed.data : listQuerySchema.parse({}), unmasked);
    const header = ['查询码', '申请人类型', '申请人', '证件号码', '联系电话', '电子邮箱', '通讯地址', '申请方式', '提交日期', '收到申请日期', '申请内容', '状态', '答复期限', '办理结果', '办结日期'];
    const lines = [header.map(csvCell).join(',')];
    for (const r of rows) {
      const p = r.personal;
      lines.push([r.queryCode, r.applicantTypeLabel, p.applicantName, p.idNumber, p.phone, p.email, p.address, r.channelLabel, r.submittedOn, r.receivedOn, r.content, r.stateLabel, r.dueDate, r.outcomeLabel, r.concludedOn].map(csvCell).join(','));
    }
    const file = unmasked ? 'applications-personal.csv' : 'applications.csv';
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store').send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });


  app.get('/admin/applications/new', { preHandler: requireStaff('officer', 'leader'), schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, RegisterPage({ shell: adminShell(request), values: { type: 'natural_person', idType: '居民身份证', channel: 'in_person', submittedOn: s.today() }, errors: [], officers: await s.officers(actorOf(request)) }));
  });

  app.post('/admin/applications', { preHandler: requireStaff('officer', 'leader'), config: ATTACHMENT_UPLOADS, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const { fields, files } = await readForm(request);
    const officers = await s.officers(actor);
    const render = (errors: FieldError[], status: number) => sendPage(reply, RegisterPage({ shell: adminShell(request), values: fields, errors: flatErrors(errors), officers }), status);
    const input = { ...formToApi(fields), channel: fields.channel, submittedOn: blank(fields.submittedOn), signedOn: blank(fields.signedOn), confirmedOn: blank(fields.confirmedOn), assignedUserId: blank(fields.assignedUserId) };
    delete (input as Record<string, unknown>).website;
    const parsed = registerSchema.safeParse(input);
    if (!parsed.success) return render(zodErrors(parsed.error), 400);
    try {
      const d = await s.register(actor, parsed.data, files);
      setFlash(reply, 'success', `已登记申请，查询码 ${d.queryCode}，收到申请之日 ${d.receivedOn}。`);
      return seeOther(reply, `/admin/applications/${d.id}`);
    } catch (e) {
      if (isAppError(e) && e.fieldErrors.length) return render(e.fieldErrors, e.status);
      throw e;
    }
  });

  const idParams = z.object({ id: z.coerce.number().int().positive() });

  /** The case page; after a form on it failed, with that form open, what was typed and each problem next to its field. */
  async function casePage(request: FastifyRequest, reply: FastifyReply, id: number, formState?: CaseFormState, status = 200) {
    const actor = actorOf(request);
    const d = await s.get(actor, id, 'case_page');
    const appeals = await services.appeals.list(actor, id);
    return sendPage(reply, CasePage({ shell: adminShell(request, formState ? undefined : takeFlash(request, reply)), d, appeals, showPersonal: seesPersonalData(actor.role), attachments: policyFor(actor.role).attachments, formState }), status);
  }

  /** A refused case-page form: zod issues or the service's field errors, else the error's own message (e.g. 409 已被他人修改). */
  function formProblems(e: unknown): { errors: FieldError[]; status: number } | null {
    if (e instanceof z.ZodError) return { errors: caseFieldErrors(zodErrors(e)), status: 400 };
    // a wrong role or a record outside the scope is answered as such (403 / 404 page), not next to a field
    if (!isAppError(e) || e.status >= 500 || e.status === 403 || e.status === 404) return null;
    return { errors: e.fieldErrors.length ? caseFieldErrors(e.fieldErrors) : [{ field: 'version', message: e.detail ?? e.title }], status: e.status };
  }

  app.get('/admin/applications/:id', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    return casePage(request, reply, id);
  });

  app.post('/admin/applications/:id/actions/:action', { preHandler: staff, config: ATTACHMENT_UPLOADS, schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive(), action: z.string().max(40) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id, action } = request.params as { id: number; action: string };
    if (!(action in actionSchemas)) throw new AppError('not_found');
    const a = action as Action;
    const { fields, files } = await readForm(request);
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (k !== '_csrf' && blank(v) !== undefined) input[k] = v;
    if (a === 'reply') {
      // the reply form posts multipart: the disclosed files and the catalogue numbers take the API's shape
      if (files.length) input.attachments = files.map((f) => ({ filename: f.filename, contentBase64: f.data.toString('base64') }));
      if (typeof input.catalogueItemIds === 'string') input.catalogueItemIds = input.catalogueItemIds.split(/[\s,，、]+/).filter(Boolean);
    }
    if (a === 'requestCorrection') input.items = (fields.items ?? '').split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
    const back = `/admin/applications/${id}`;
    // Errors come back on the case page itself: the action's form open, what was typed kept, each message next to its field.
    const refused = (errors: FieldError[], status: number) => casePage(request, reply, id, { form: a, values: fields, errors }, status);
    const parsed = actionSchemas[a].safeParse(input);
    if (!parsed.success) return refused(caseFieldErrors(zodErrors(parsed.error)), 400);
    try {
      const out = await s.act(actor, id, a, parsed.data as never);
      const warn = out.warnings.length ? `注意：${out.warnings.join('；')}` : '';
      setFlash(reply, warn ? 'info' : 'success', `${({ confirmReceipt: '已确认收到申请', reply: '答复已提交审核', approveReply: '答复已审核通过并出具' } as Partial<Record<Action, string>>)[a] ?? '已保存'}。${warn}`.slice(0, 290));
    } catch (e) {
      const p = formProblems(e);
      if (!p) throw e;
      return refused(p.errors, p.status);
    }
    return seeOther(reply, back);
  });

  // 条例 第四十四条 from the case page: the proposed draft (edited on the page) → a catalogue draft, or the decision not to.
  // Errors come back on the case page with the form open and what was typed kept.
  app.post('/admin/applications/:id/catalogue-draft', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: number };
    const { fields } = await readForm(request);
    // the checked files (several values of one name); a form that offered files and has none checked carries none over
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const checked = ([] as unknown[]).concat(raw.fileIds ?? []).map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' && 'value' in x ? String((x as { value: unknown }).value) : '')).filter(Boolean);
    const values = { ...fields, fileIds: checked.join(',') };
    const refused = (errors: FieldError[], status: number) => casePage(request, reply, id, { form: 'publication', values, errors }, status);
    const input: Record<string, unknown> = { version: fields.version, title: fields.title, summary: fields.summary, body: fields.body, kind: fields.kind, category: fields.category, subject: fields.subject };
    if (fields.filesOffered !== undefined || checked.length) input.fileIds = checked;
    const parsed = publishDisclosureSchema.safeParse(input);
    if (!parsed.success) return refused(caseFieldErrors(zodErrors(parsed.error)), 400);
    try {
      const out = await s.publishToCatalogue(actor, id, parsed.data);
      setFlash(reply, 'success', `已生成主动公开目录草稿（索引号 ${out.indexNo}，条例第四十四条）。请核对标题、正文和附件，确认不含个人信息后提交保密审查。`);
      return seeOther(reply, out.url);
    } catch (e) {
      const p = formProblems(e);
      if (!p) throw e;
      return refused(p.errors, p.status);
    }
  });

  app.post('/admin/applications/:id/catalogue-draft/dismissal', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params as { id: number };
    const { fields } = await readForm(request);
    const refused = (errors: FieldError[], status: number) => casePage(request, reply, id, { form: 'publication-dismiss', values: fields, errors }, status);
    const parsed = dismissPublicationSchema.safeParse({ version: fields.version, reason: blank(fields.reason) });
    if (!parsed.success) return refused(caseFieldErrors(zodErrors(parsed.error)), 400);
    try {
      await s.dismissPublication(actor, id, parsed.data);
      setFlash(reply, 'success', '已记录：本申请公开的信息不转为主动公开（条例第四十四条）。');
    } catch (e) {
      const p = formProblems(e);
      if (!p) throw e;
      return refused(p.errors, p.status);
    }
    return seeOther(reply, `/admin/applications/${id}`);
  });

  for (const format of ['docx', 'pdf'] as const) {
    app.get(`/admin/applications/:id/letters/:letterId.${format}`, { preHandler: staff, schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive(), letterId: z.coerce.number().int().positive() }) } }, async (request, reply) => {
      const { id, letterId } = request.params as { id: number; letterId: number };
      const { letter, agency } = await s.letter(actorOf(request), id, letterId, format);
      const head = { name: agency.name, address: agency.address, phone: agency.phone, postcode: agency.postcode, workBodyName: agency.workBodyName };
      const file = await services.letters.download(letter, head, format);
      return reply
        .type(file.contentType)
        .header('content-disposition', file.contentDisposition)
        .header('cache-control', 'no-store')
        .send(file.body);
    });
  }

  app.get('/admin/applications/:id/attachments/:attachmentId', { preHandler: staff, schema: { hide: true, params: z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() }) } }, async (request, reply) => {
    const { id, attachmentId } = request.params as { id: number; attachmentId: number };
    const f = await s.attachment(actorOf(request), id, attachmentId);
    return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').send(f.data);
  });

  // 复议/诉讼 from the case page
  // 复议/诉讼 forms of the case page: errors come back on the case page next to the form's fields (without a case: a flash on the list).
  async function appealRefused(request: FastifyRequest, reply: FastifyReply, fields: FormValues, form: string, e: unknown) {
    const p = formProblems(e);
    if (!p) throw e;
    const applicationId = Number(fields.applicationId);
    if (Number.isSafeInteger(applicationId) && applicationId > 0) return casePage(request, reply, applicationId, { form, values: fields, errors: p.errors }, p.status);
    setFlash(reply, 'error', p.errors.map((f) => f.message).join('；').slice(0, 290));
    return seeOther(reply, '/admin/applications');
  }

  app.post('/admin/appeals', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { fields } = await readForm(request);
    const back = fields.applicationId ? `/admin/applications/${Number(fields.applicationId)}` : '/admin/applications';
    try {
      const input = appealCreateSchema.parse(Object.fromEntries(Object.entries(fields).filter(([k, v]) => k !== '_csrf' && blank(v) !== undefined)));
      await services.appeals.create(actorOf(request), input);
      setFlash(reply, 'success', '已登记复议、诉讼案件。');
    } catch (e) {
      return appealRefused(request, reply, fields, 'appeal-new', e);
    }
    return seeOther(reply, back);
  });

  app.post('/admin/appeals/:id', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const { fields } = await readForm(request);
    const back = fields.applicationId ? `/admin/applications/${Number(fields.applicationId)}` : '/admin/applications';
    try {
      const input = appealUpdateSchema.parse(Object.fromEntries(Object.entries(fields).filter(([k, v]) => k !== '_csrf' && k !== 'applicationId' && blank(v) !== undefined)));
      await services.appeals.update(actorOf(request), id, input);
      setFlash(reply, 'success', '已更新案件结果。');
    } catch (e) {
      return appealRefused(request, reply, fields, `appeal-${id}`, e);
    }
    return seeOther(reply, back);
  });

  // templates (the agency's admin or leader edits; everyone sees)
  app.get('/admin/letter-templates', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, TemplatesPage({ shell: adminShell(request, takeFlash(request, reply)), templates: await services.letters.templates(actor), canEdit: actor.role === 'admin' || actor.role === 'leader' }));
  });
  const kindParams = z.object({ kind: z.enum(LETTER_KINDS) });
  app.get('/admin/letter-templates/:kind', { preHandler: requireStaff('admin', 'leader'), schema: { hide: true, params: kindParams } }, async (request, reply) => {
    const { kind } = request.params as { kind: LetterKind };
    const tv = await services.letters.template(actorOf(request).agencyId, kind);
    return sendPage(reply, TemplateEditPage({ shell: adminShell(request), kind, values: { title: tv.title, body: tv.body }, version: tv.version, errors: [] }));
  });
  app.post('/admin/letter-templates/:kind', { preHandler: requireStaff('admin', 'leader'), schema: { hide: true, params: kindParams } }, async (request, reply) => {
    const actor = actorOf(request);
    const { kind } = request.params as { kind: LetterKind };
    const { fields } = await readForm(request);
    const values = { title: fields.title ?? '', body: fields.body ?? '' };
    try {
      const saved = await services.letters.saveTemplate(actor, kind, values);
      setFlash(reply, 'success', `已保存${saved.label}，第${saved.version}版。`);
      return seeOther(reply, '/admin/letter-templates');
    } catch (e) {
      if (isAppError(e) && e.fieldErrors.length) {
        const cur = await services.letters.template(actor.agencyId, kind);
        return sendPage(reply, TemplateEditPage({ shell: adminShell(request), kind, values, version: cur.version, errors: e.fieldErrors }), 400);
      }
      throw e;
    }
  });

  app.get('/admin/mail-outbox', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const messages = await s.mailOutbox(actor, 'mail_outbox');
    return sendPage(reply, OutboxPage({ shell: adminShell(request, takeFlash(request, reply)), smtp: s.mailer.smtp, messages, canRetry: actor.role === 'admin' }));
  });

  app.post('/admin/mail-outbox/:id/retry', { preHandler: requireStaff('admin'), schema: { hide: true } }, async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const ok = Number.isSafeInteger(id) && id > 0 && (await s.mailer.retry(id));
    if (ok && s.mailer.smtp) void s.mailer.flush().catch(() => undefined);
    setFlash(reply, ok ? 'success' : 'error', ok ? '已重新放入发件队列' : '该邮件不是发送失败的邮件');
    return seeOther(reply, '/admin/mail-outbox');
  });
}

