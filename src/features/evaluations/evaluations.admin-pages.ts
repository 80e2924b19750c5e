// Back-office page routes of 好差评 (nav entry 好差评 → /admin/ratings) and the suggestions ledger. Every form posts
// to the same service call as its API twin (the order steps → ORDER_ROUTES operationIds, registerSuggestion,
// handleSuggestion, replyToSuggestion); a refused form comes back on its page with an error summary.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { svgChart as renderSvgChart, type EChartsOption } from '../shared/echarts.ts';
import { ORDER_ACTIONS, type OrderAction } from '../../core/evaluations/index.ts';
import type { FieldError } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { isAppError } from '../shared/errors.ts';
import { adminShell, ENABLED_ADMIN_FEATURES, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import { uploadRoute } from '../shared/uploads.ts';
import { evLabel, evT } from './evaluations.i18n.ts';
import type { Locale } from '../../ui/i18n.ts';
import type { Services } from '../services.ts';
import { isPageTarget, qrSymbol, ratingPath } from './evaluations.card.ts';
import { readFields } from './evaluations.pages.ts';
import { evaluationListSchema, LIST_PAGE_SIZE, orderActionSchemas, orderListSchema, pageSchema, suggestionListSchema, registerSuggestionSchema, statsQuerySchema, suggestionActionSchemas, visitListSchema } from './evaluations.schema.ts';
import type { Statistics } from './evaluations.stats.ts';
import { CardsPage, OrderPage, OrdersListPage, RatingsListPage, StatsPage, SuggestionNewPage, SuggestionPage, SuggestionsListPage, VisitsListPage, type FormState } from './evaluations.admin.tsx';
import type { FormValues } from './evaluations.views.tsx';

/** Evidence of a rectification: the service's limits (5 files × 5 MB), enforced while the form streams in. */
const EVIDENCE_UPLOADS = uploadRoute({ maxFiles: 5, maxFileBytes: 5 * 1024 * 1024, maxTotalBytes: 25 * 1024 * 1024, maxFieldBytes: 64 * 1024, maxFields: 20, label: '佐证材料' });

const zodErrors = (e: z.ZodError): FieldError[] => e.issues.map((i) => ({ field: i.path.join('.').split('.')[0] || 'version', message: i.message }));
const blank = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);
const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const nonEmpty = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;

/** A refused form: its field errors, or the error's own message on the version field (e.g. 409 已被他人修改); null = not a form problem. */
function formProblems(e: unknown): { errors: FieldError[]; status: number } | null {
  if (e instanceof z.ZodError) return { errors: zodErrors(e), status: 400 };
  if (!isAppError(e) || e.status >= 500 || e.status === 403 || e.status === 404) return null;
  return { errors: e.fieldErrors.length ? e.fieldErrors.map((f) => ({ field: f.field.split('.')[0]!, message: f.message })) : [{ field: 'version', message: e.detail ?? e.title }], status: e.status };
}

interface MultipartFile { type?: string; filename?: string; toBuffer?: () => Promise<Buffer> }

async function readFiles(request: FastifyRequest): Promise<{ filename: string; contentBase64: string }[]> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: { filename: string; contentBase64: string }[] = [];
  for (const v of Object.values(body)) {
    for (const part of Array.isArray(v) ? v : [v]) {
      const p = part as MultipartFile;
      if (p && typeof p === 'object' && p.type === 'file' && p.filename && p.toBuffer) {
        const data = await p.toBuffer();
        if (data.length) out.push({ filename: p.filename, contentBase64: data.toString('base64') });
      }
    }
  }
  return out;
}

const svgChart = (option: EChartsOption, width = 640, height = 280): string => renderSvgChart(option, width, height);

/** The trend by month and the channel mix, in the style of the annual report's charts. */
export function statisticsCharts(st: Statistics, locale: Locale = 'zh-CN'): { title: string; svg: string }[] {
  const T = evT(locale);
  const grid = { left: 56, right: 16, top: 40, bottom: 32 };
  const months = st.months.map((m) => m.month);
  return [
    {
      title: T('charts.months'),
      svg: svgChart({
        legend: { top: 4 }, grid, xAxis: { type: 'category', data: months }, yAxis: { type: 'value', minInterval: 1 },
        series: [
          { type: 'bar', name: T('stats.ratings'), data: st.months.map((m) => m.n), label: { show: true, position: 'top' } },
          { type: 'line', name: T('stats.bad'), data: st.months.map((m) => m.bad), label: { show: true } },
        ],
      }),
    },
    {
      title: T('charts.channels'),
      svg: svgChart({
        legend: { top: 4 }, grid: { ...grid, left: 120 }, xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: st.channels.map((c) => evLabel(locale, 'channels', c.channel)).reverse() },
        series: [{ type: 'bar', name: T('stats.ratings'), data: st.channels.map((c) => c.n).reverse(), label: { show: true, position: 'right' } }],
      }),
    },
  ];
}

export function registerEvaluationAdminPages(app: FastifyInstance, services: Services): void {
  const s = services.evaluations;
  const staff = requireStaff();
  const handlers = requireStaff('officer', 'leader');
  if (!ENABLED_ADMIN_FEATURES.includes('ratings')) ENABLED_ADMIN_FEATURES.push('ratings');

  async function agenciesInScope(request: FastifyRequest) {
    const actor = actorOf(request);
    const all = await services.agencies.list();
    return all.filter((a) => actor.role === 'admin' || actor.visibleAgencyIds.includes(a.id)).map((a) => ({ id: a.id, name: a.name, creditCode: a.creditCode }));
  }

  /** The narrowing query values a list page keeps from one page to the next. */
  const stringsOf = (o: Record<string, string | number | undefined>): Record<string, string | undefined> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  const filtersOf = (o: Record<string, string | undefined>): Record<string, string> => Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));

  // ── ratings ──
  app.get('/admin/ratings', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const parsed = evaluationListSchema.safeParse(raw);
    const paging = pageSchema.safeParse({ page: raw.page });
    const page = paging.success ? paging.data.page : 1;
    const errors = parsed.success ? [] : zodErrors(parsed.error);
    const q = parsed.success ? parsed.data : {};
    const { bad, ...rest } = q as z.infer<typeof evaluationListSchema>;
    const listed = await s.list(actorOf(request), { ...rest, ...(bad === '1' ? { bad: true } : {}) }, { page, pageSize: LIST_PAGE_SIZE });
    const query = { from: raw.from, to: raw.to, level: raw.level, channel: raw.channel, bad: raw.bad, agencyId: raw.agencyId };
    return sendPage(reply, RatingsListPage({ shell: adminShell(request, takeFlash(request, reply)), rows: listed.evaluations, total: listed.total, page, pageSize: LIST_PAGE_SIZE, query, errors }), errors.length ? 400 : 200);
  });

  // ── return visits (回访): the records behind the visit count of the statistics and the annual report ──
  app.get('/admin/ratings/visits', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const parsed = visitListSchema.safeParse({ from: raw.from, to: raw.to, agencyId: raw.agencyId });
    const paging = pageSchema.safeParse({ page: raw.page });
    const page = paging.success ? paging.data.page : 1;
    const errors = parsed.success ? [] : zodErrors(parsed.error);
    const listed = await s.listReturnVisits(actorOf(request), parsed.success ? parsed.data : {}, { page, pageSize: LIST_PAGE_SIZE });
    const query = { from: raw.from, to: raw.to, agencyId: raw.agencyId };
    return sendPage(reply, VisitsListPage({ shell: adminShell(request), rows: listed.items, total: listed.total, page, pageSize: LIST_PAGE_SIZE, query, errors }), errors.length ? 400 : 200);
  });

  // ── statistics ──
  app.get('/admin/ratings/stats', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const year = s.today().slice(0, 4);
    const input = { from: raw.from ?? `${year}-01-01`, to: raw.to ?? `${year}-12-31`, ...(raw.agencyId ? { agencyId: raw.agencyId } : {}) };
    const parsed = statsQuerySchema.safeParse(input);
    let errors = parsed.success ? [] : zodErrors(parsed.error);
    if (parsed.success && parsed.data.from > parsed.data.to) errors = [{ field: 'to', message: evT(request.locale)('errors.toBeforeFrom') }];
    const q = parsed.success && !errors.length ? parsed.data : { from: `${year}-01-01`, to: `${year}-12-31` };
    let st: Statistics;
    try {
      st = await s.statistics(actor, q);
    } catch (e) {
      if (!isAppError(e) || e.status !== 404 || !('agencyId' in q)) throw e;
      errors = [{ field: 'agencyId', message: evT(request.locale)('errors.agency') }];
      st = await s.statistics(actor, { from: q.from, to: q.to });
    }
    const agencies = await agenciesInScope(request);
    const unitNames = Object.fromEntries(agencies.map((a) => [a.id, a.name]));
    return sendPage(reply, StatsPage({ shell: adminShell(request), st, query: { from: input.from, to: input.to, agencyId: raw.agencyId }, agencies, unitNames, charts: statisticsCharts(st, request.locale), errors }), errors.length ? 400 : 200);
  });

  // ── QR cards ──
  app.get('/admin/ratings/cards', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const agencies = await agenciesInScope(request);
    const agency = agencies.find((a) => String(a.id) === raw.agencyId) ?? agencies.find((a) => a.id === actor.agencyId) ?? agencies[0];
    const type = raw.type === 'agency' || (raw.type && isPageTarget(raw.type)) ? raw.type : 'agency';
    const ref = (raw.ref ?? '').trim().slice(0, 100);
    const errors: FieldError[] = [];
    if (raw.type && type !== 'agency' && !ref) errors.push({ field: 'ref', message: evT(request.locale)('errors.ref') });
    const base = services.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
    const ok = agency && !errors.length;
    const url = ok ? `${base}${ratingPath(agency.creditCode, type as Parameters<typeof ratingPath>[1], type === 'agency' ? null : ref)}` : null;
    const pdfHref = ok ? `/api/evaluation-card?${new URLSearchParams({ agencyId: String(agency.id), type, ...(type !== 'agency' ? { ref } : {}) }).toString()}` : null;
    return sendPage(reply, CardsPage({ shell: adminShell(request), agencies, query: { agencyId: String(agency?.id ?? ''), type, ref }, url, symbol: url ? qrSymbol(url) : null, pdfHref, errors }), errors.length ? 400 : 200);
  });

  // ── 差评 work orders ──
  app.get('/admin/ratings/orders', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const state = raw.state === 'closed' || raw.state === 'all' ? raw.state : 'open';
    const paging = pageSchema.safeParse({ page: raw.page });
    const page = paging.success ? paging.data.page : 1;
    // the period of the 差评 (links from the annual report's figures); an unreadable date is left out
    const period = orderListSchema.pick({ from: true, to: true, agencyId: true }).safeParse({ from: raw.from, to: raw.to, agencyId: raw.agencyId });
    const listed = await s.listOrders(actorOf(request), { state, ...(period.success ? period.data : {}) }, { page, pageSize: LIST_PAGE_SIZE });
    return sendPage(reply, OrdersListPage({ shell: adminShell(request, takeFlash(request, reply)), rows: listed.orders, total: listed.total, page, pageSize: LIST_PAGE_SIZE, state, filters: filtersOf(period.success ? stringsOf(period.data) : {}) }));
  });

  async function orderPage(request: FastifyRequest, reply: FastifyReply, id: number, formState?: FormState, status = 200) {
    const d = await s.getOrder(actorOf(request), id);
    return sendPage(reply, OrderPage({ shell: adminShell(request, formState ? undefined : takeFlash(request, reply)), d, today: s.today(), formState }), status);
  }

  app.get('/admin/ratings/orders/:id', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => orderPage(request, reply, (request.params as { id: number }).id));

  app.post('/admin/ratings/orders/:id/actions/:action', { preHandler: staff, config: EVIDENCE_UPLOADS, schema: { hide: true, params: idParams.extend({ action: z.string().max(40) }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const { id, action } = request.params as { id: number; action: string };
    if (!(ORDER_ACTIONS as readonly string[]).includes(action)) return reply.callNotFound();
    const a = action as OrderAction;
    const fields = readFields(request);
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (k !== '_csrf' && blank(v) !== undefined) input[k] = v;
    if (a === 'recordRectification') input.files = await readFiles(request);
    const refused = (errors: FieldError[], status: number) => orderPage(request, reply, id, { form: a, values: fields, errors }, status);
    const parsed = orderActionSchemas[a].safeParse(input);
    if (!parsed.success) return refused(zodErrors(parsed.error), 400);
    try {
      await s.actOnOrder(actor, id, a, parsed.data as never);
    } catch (e) {
      const p = formProblems(e);
      if (!p) throw e;
      return refused(p.errors, p.status);
    }
    setFlash(reply, 'success', evT(request.locale)(`flash.${a}`));
    return seeOther(reply, `/admin/ratings/orders/${id}`);
  });

  // ── suggestions ──
  app.get('/admin/suggestions', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = nonEmpty(request.query as Record<string, unknown>);
    const state = raw.state === 'replied' || raw.state === 'all' ? raw.state : 'open';
    const paging = pageSchema.safeParse({ page: raw.page });
    const page = paging.success ? paging.data.page : 1;
    // result and period (links from the annual report's figures); an unreadable value is left out
    const narrow = suggestionListSchema.pick({ result: true, from: true, to: true, agencyId: true }).safeParse({ result: raw.result, from: raw.from, to: raw.to, agencyId: raw.agencyId });
    const listed = await s.listSuggestions(actor, { state, ...(narrow.success ? narrow.data : {}) }, { page, pageSize: LIST_PAGE_SIZE });
    return sendPage(reply, SuggestionsListPage({ shell: adminShell(request, takeFlash(request, reply)), rows: listed.suggestions, total: listed.total, page, pageSize: LIST_PAGE_SIZE, state, canRegister: actor.role === 'officer' || actor.role === 'leader', filters: filtersOf(narrow.success ? stringsOf(narrow.data) : {}) }));
  });

  app.get('/admin/suggestions/new', { preHandler: handlers, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, SuggestionNewPage({ shell: adminShell(request), values: { channel: 'complaint_window', receivedOn: s.today() }, errors: [] })));

  app.post('/admin/suggestions', { preHandler: handlers, schema: { hide: true } }, async (request, reply) => {
    const fields = readFields(request);
    const render = (errors: FieldError[], status: number) => sendPage(reply, SuggestionNewPage({ shell: adminShell(request), values: fields, errors }), status);
    const name = blank(fields.name);
    const phone = blank(fields.phone);
    const parsed = registerSuggestionSchema.safeParse({
      channel: fields.channel ?? '', content: fields.content ?? '', receivedOn: fields.receivedOn ?? '',
      ...(name || phone ? { contact: { name: name ?? null, phone: phone ?? null } } : {}),
    });
    if (!parsed.success) return render(parsed.error.issues.map((i) => ({ field: String(i.path[i.path.length - 1] ?? 'content'), message: i.message })), 400);
    try {
      const out = await s.registerSuggestion(actorOf(request), parsed.data);
      setFlash(reply, 'success', evT(request.locale)('flash.registered', { code: out.queryCode }));
      return seeOther(reply, `/admin/suggestions/${out.id}`);
    } catch (e) {
      const p = formProblems(e);
      if (!p) throw e;
      return render(p.errors, p.status);
    }
  });

  async function suggestionPage(request: FastifyRequest, reply: FastifyReply, id: number, formState?: FormState, status = 200) {
    const actor = actorOf(request);
    const sv = await s.getSuggestion(actor, id);
    return sendPage(reply, SuggestionPage({ shell: adminShell(request, formState ? undefined : takeFlash(request, reply)), s: sv, canHandle: actor.role === 'officer' || actor.role === 'leader', formState }), status);
  }

  app.get('/admin/suggestions/:id', { preHandler: staff, schema: { hide: true, params: idParams } }, async (request, reply) => suggestionPage(request, reply, (request.params as { id: number }).id));

  for (const [path, form] of [['handling', 'handle'], ['reply', 'reply']] as const) {
    app.post(`/admin/suggestions/:id/${path}`, { preHandler: handlers, schema: { hide: true, params: idParams } }, async (request, reply) => {
      const { id } = request.params as { id: number };
      const fields = readFields(request);
      const refused = (errors: FieldError[], status: number) => suggestionPage(request, reply, id, { form, values: fields, errors }, status);
      const parsed = suggestionActionSchemas[form].safeParse({ version: fields.version, result: fields.result, text: fields.text ?? '' });
      if (!parsed.success) return refused(zodErrors(parsed.error), 400);
      try {
        if (form === 'handle') await s.handleSuggestion(actorOf(request), id, parsed.data as z.infer<typeof suggestionActionSchemas.handle>);
        else await s.replyToSuggestion(actorOf(request), id, parsed.data);
      } catch (e) {
        const p = formProblems(e);
        if (!p) throw e;
        return refused(p.errors, p.status);
      }
      setFlash(reply, 'success', evT(request.locale)(form === 'handle' ? 'flash.handled' : 'flash.replied'));
      return seeOther(reply, `/admin/suggestions/${id}`);
    });
  }
}

export type { FormValues };
