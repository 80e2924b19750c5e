// Public page routes of 好差评 and the suggestions ledger. Each form posts to the same service as its API twin:
//   /rate/<统一社会信用代码>                 the agency's rating page            → submitEvaluation (channel 二维码)
//   /rate/<code>/<window|case|staff|service_item>/<ref>  a window, 办件, 工号 or 事项 → submitEvaluation
//   /rate/status                             the status by receipt code           → getEvaluationStatus
//   /suggest/<code>, /suggest/status         意见建议 / 吐槽找茬 and its status   → submitSuggestion, getSuggestionStatus
// A refused form comes back with an error summary (400; 409 for a 办件 already rated through the same channel,
// "a second attempt is told so"); the honeypot and the rate limits are the API's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../ui/index.ts';
import { agencyContact } from '../portal/portal.routes.ts';
import { isAppError } from '../shared/errors.ts';
import { sendPage } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { cardTarget, isPageTarget, ratingPath } from './evaluations.card.ts';
import { receiptQuerySchema, submitEvaluationSchema, submitSuggestionSchema } from './evaluations.schema.ts';
import { RatePage, RateReceiptPage, RatingStatusPage, SuggestPage, SuggestReceiptPage, SuggestionStatusPage, type FormValues } from './evaluations.views.tsx';

/** Text fields of a urlencoded or multipart form (multipart parts carry `value`; files are ignored). */
export function readFields(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  if (typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body)) {
    for (const part of Array.isArray(v) ? v : [v]) {
      if (typeof part === 'string') out[k] = part;
      else if (part && typeof part === 'object' && (part as { type?: string }).type === 'field') out[k] = String((part as { value?: unknown }).value ?? '');
    }
  }
  return out;
}

const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

/** API field paths → the flat names of the public forms. */
export function flatFormErrors(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = e.field === 'contact.name' ? 'name' : e.field === 'contact.phone' ? 'phone' : e.field.startsWith('target') ? 'ref' : e.field === 'contact' ? 'phone' : e.field;
    const key = `${field}|${e.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, message: e.message });
    }
  }
  return out;
}

const zodErrors = (e: z.ZodError): FieldError[] => e.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));

/** The rating form → the submitEvaluation body. */
export function rateFormToApi(agency: string, type: string, pathRef: string | null, f: FormValues): Record<string, unknown> {
  const name = blank(f.name);
  const phone = blank(f.phone);
  const ref = type === 'case' ? (blank(f.ref) ?? pathRef) : pathRef;
  return {
    agency, level: blank(f.level), channel: 'qr', target: { type, ref: ref ?? null },
    comment: blank(f.comment) ?? null,
    ...(name || phone ? { contact: { name: name ?? '', phone: phone ?? '' } } : {}),
    website: f.website ?? '',
  };
}

/** The API's limits (evaluations.routes.ts): 30 submissions per 10 minutes, 60 look-ups a minute per address. */
const SUBMIT_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '10 minutes' } };
const STATUS_RATE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

const emptyAgency = { name: '', workBodyName: '', address: '', postcode: '', officeHours: '', phone: '', fax: '', email: '', website: '' };

const codeParam = z.object({ creditCode: z.string().max(40) });
const targetParams = z.object({ creditCode: z.string().max(40), type: z.string().max(20), ref: z.string().min(1).max(100) });

export function registerEvaluationPublicPages(app: FastifyInstance, services: Services): void {
  const s = services.evaluations;

  async function pageAgency(creditCode: string) {
    return s.agencyByCode(creditCode);
  }

  async function portalAgency() {
    return services.portal.portalAgency();
  }

  // ── rating pages ──
  async function showRate(request: FastifyRequest, creditCode: string, type: string, ref: string | null) {
    const agency = await pageAgency(creditCode);
    if (type !== 'agency' && !isPageTarget(type)) return null;
    const t = type as Parameters<typeof ratingPath>[1];
    return { agency, type: t, ref, action: ratingPath(agency.creditCode, t, ref), targetName: cardTarget({ type: t, ref }), base: { locale: request.locale, agency: agencyContact(agency), prefs: request.prefs } };
  }

  const getRate = async (request: FastifyRequest, reply: Parameters<typeof sendPage>[0], creditCode: string, type: string, ref: string | null) => {
    const p = await showRate(request, creditCode, type, ref);
    if (!p) return reply.callNotFound();
    return sendPage(reply, RatePage({ ...p.base, currentPath: request.url, action: p.action, targetName: p.targetName, askCaseRef: p.type === 'case', values: p.type === 'case' && ref ? { ref } : {}, errors: [] }));
  };

  const postRate = async (request: FastifyRequest, reply: Parameters<typeof sendPage>[0], creditCode: string, type: string, ref: string | null) => {
    const p = await showRate(request, creditCode, type, ref);
    if (!p) return reply.callNotFound();
    const fields = readFields(request);
    const render = (errors: FieldError[], status: number) =>
      sendPage(reply, RatePage({ ...p.base, currentPath: p.action, action: p.action, targetName: p.targetName, askCaseRef: p.type === 'case', values: fields, errors: flatFormErrors(errors) }), status);
    const parsed = submitEvaluationSchema.safeParse(rateFormToApi(p.agency.creditCode, p.type, ref, fields));
    if (!parsed.success) return render(zodErrors(parsed.error), 400);
    try {
      const out = await s.submit(parsed.data, { auditName: '评价人（扫码评价）' });
      return sendPage(reply, RateReceiptPage({ ...p.base, currentPath: p.action, receiptCode: out.receiptCode, bad: out.bad, targetName: p.targetName }), 201);
    } catch (e) {
      if (isAppError(e) && e.status < 500 && e.fieldErrors.length) return render(e.fieldErrors, e.status);
      throw e;
    }
  };

  app.get('/rate/status', { schema: { hide: true, querystring: z.object({ code: z.string().max(40).optional() }) } }, async (request, reply) => {
    const agency = await portalAgency();
    const code = (request.query as { code?: string }).code;
    const base = { locale: request.locale, agency: agency ? agencyContact(agency) : emptyAgency, prefs: request.prefs, currentPath: request.url };
    if (!code) return sendPage(reply, RatingStatusPage({ ...base, values: {}, errors: [] }));
    return statusAnswer(reply, base, code);
  });

  async function statusAnswer(reply: Parameters<typeof sendPage>[0], base: Omit<Parameters<typeof RatingStatusPage>[0], 'values' | 'errors'>, code: string) {
    const parsed = receiptQuerySchema.safeParse({ code });
    if (!parsed.success) return sendPage(reply, RatingStatusPage({ ...base, values: { code }, errors: zodErrors(parsed.error) }), 400);
    try {
      const status = await s.status(parsed.data.code);
      return sendPage(reply, RatingStatusPage({ ...base, values: { code }, errors: [], status }));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return sendPage(reply, RatingStatusPage({ ...base, values: { code }, errors: [], notFound: e.detail ?? e.title }), 404);
      throw e;
    }
  }

  app.post('/rate/status', { config: STATUS_RATE_LIMIT, schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency();
    const fields = readFields(request);
    const base = { locale: request.locale, agency: agency ? agencyContact(agency) : emptyAgency, prefs: request.prefs, currentPath: '/rate/status' };
    return statusAnswer(reply, base, fields.code ?? '');
  });

  app.get('/rate/:creditCode', { schema: { hide: true, params: codeParam } }, async (request, reply) =>
    getRate(request, reply, (request.params as { creditCode: string }).creditCode, 'agency', null));
  app.post('/rate/:creditCode', { config: SUBMIT_RATE_LIMIT, schema: { hide: true, params: codeParam } }, async (request, reply) =>
    postRate(request, reply, (request.params as { creditCode: string }).creditCode, 'agency', null));
  app.get('/rate/:creditCode/:type/:ref', { schema: { hide: true, params: targetParams } }, async (request, reply) => {
    const q = request.params as z.infer<typeof targetParams>;
    return getRate(request, reply, q.creditCode, q.type, q.ref.trim() || null);
  });
  app.post('/rate/:creditCode/:type/:ref', { config: SUBMIT_RATE_LIMIT, schema: { hide: true, params: targetParams } }, async (request, reply) => {
    const q = request.params as z.infer<typeof targetParams>;
    return postRate(request, reply, q.creditCode, q.type, q.ref.trim() || null);
  });

  // ── suggestions (意见建议 / 吐槽找茬) ──
  app.get('/suggest/status', { schema: { hide: true, querystring: z.object({ code: z.string().max(40).optional() }) } }, async (request, reply) => {
    const agency = await portalAgency();
    const base = { locale: request.locale, agency: agency ? agencyContact(agency) : emptyAgency, prefs: request.prefs, currentPath: request.url };
    const code = (request.query as { code?: string }).code;
    if (!code) return sendPage(reply, SuggestionStatusPage({ ...base, values: {}, errors: [] }));
    return suggestionAnswer(reply, base, code);
  });

  async function suggestionAnswer(reply: Parameters<typeof sendPage>[0], base: Omit<Parameters<typeof SuggestionStatusPage>[0], 'values' | 'errors'>, code: string) {
    const parsed = receiptQuerySchema.safeParse({ code });
    if (!parsed.success) return sendPage(reply, SuggestionStatusPage({ ...base, values: { code }, errors: zodErrors(parsed.error).map((e) => ({ ...e, message: e.message.replace('评价回执码', '查询码').replace('回执码', '查询码') })) }), 400);
    try {
      const status = await s.suggestionStatus(parsed.data.code);
      return sendPage(reply, SuggestionStatusPage({ ...base, values: { code }, errors: [], status }));
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return sendPage(reply, SuggestionStatusPage({ ...base, values: { code }, errors: [], notFound: e.detail ?? e.title }), 404);
      throw e;
    }
  }

  app.post('/suggest/status', { config: STATUS_RATE_LIMIT, schema: { hide: true } }, async (request, reply) => {
    const agency = await portalAgency();
    const fields = readFields(request);
    return suggestionAnswer(reply, { locale: request.locale, agency: agency ? agencyContact(agency) : emptyAgency, prefs: request.prefs, currentPath: '/suggest/status' }, fields.code ?? '');
  });

  app.get('/suggest/:creditCode', { schema: { hide: true, params: codeParam } }, async (request, reply) => {
    const agency = await pageAgency((request.params as { creditCode: string }).creditCode);
    return sendPage(reply, SuggestPage({ locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: request.url, action: `/suggest/${encodeURIComponent(agency.creditCode)}`, values: {}, errors: [] }));
  });

  app.post('/suggest/:creditCode', { config: SUBMIT_RATE_LIMIT, schema: { hide: true, params: codeParam } }, async (request, reply) => {
    const agency = await pageAgency((request.params as { creditCode: string }).creditCode);
    const fields = readFields(request);
    const action = `/suggest/${encodeURIComponent(agency.creditCode)}`;
    const base = { locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: action };
    const render = (errors: FieldError[], status: number) => sendPage(reply, SuggestPage({ ...base, action, values: fields, errors: flatFormErrors(errors) }), status);
    const name = blank(fields.name);
    const phone = blank(fields.phone);
    const parsed = submitSuggestionSchema.safeParse({
      agency: agency.creditCode, channel: 'online', content: fields.content ?? '', website: fields.website ?? '',
      ...(name || phone ? { contact: { name: name ?? null, phone: phone ?? null } } : {}),
    });
    if (!parsed.success) return render(zodErrors(parsed.error), 400);
    try {
      const out = await s.submitSuggestion(parsed.data);
      return sendPage(reply, SuggestReceiptPage({ ...base, queryCode: out.queryCode }), 201);
    } catch (e) {
      if (isAppError(e) && e.status < 500 && e.fieldErrors.length) return render(e.fieldErrors, e.status);
      throw e;
    }
  });
}
