// Doors of the annual report from live data:
//  - API: GET /api/agencies/{creditCode}/reports/{year}?format=fixture|json|docx|pdf|xlsx|html (getAnnualReport, public:
//    the published report only);
//  - back office: /admin/annual (index, compile), /admin/annual/{agencyId}/{year} (report, drill-down, overrides,
//    narrative, workflow), /admin/annual/{agencyId}/decisions (register), /admin/annual/{agencyId}/trend (charts),
//    /admin/annual/agencies (supervisor's list);
//  - portal: /reports (政府信息公开年报 column), /reports/{creditCode}/{year} (the report page with downloads).
import type { MultipartFile } from '@fastify/multipart';
import { MB, uploadRoute } from '../shared/uploads.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toFixture } from '../../core/report/fixture.ts';
import type { LayoutId } from '../../core/report/formats.ts';
import { isDecisionCategory, type ReportAction } from '../../core/annual-report/index.ts';
import { t } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { agencyContact } from '../portal/portal.routes.ts';
import { renderReport, type RenderTarget } from '../reports/render/index.ts';
import { AppError, isAppError, type FieldError } from '../shared/errors.ts';
import { assertNotAdmin } from '../shared/actor.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage, seeOther, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { trendCharts } from './annual-report.charts.ts';
import { overviewFigures, overviewSentence, type OverviewMeasure, type Summary } from '../../core/evaluations/index.ts';

/** Each figure of the 好差评 sentence (its phrase as written in 总体情况) with the back-office records behind it:
 *  the lists narrowed to the report's agency (its own figures, not its subordinates') and to the year. */
function evaluationLinks(agencyId: number, year: number, s: Summary): FigureLink[] {
  const period = `agencyId=${agencyId}&from=${year}-01-01&to=${year}-12-31`;
  const href: Record<OverviewMeasure, string> = {
    ratings: `/admin/ratings?${period}`,
    returnVisits: `/admin/ratings/visits?${period}`,
    satisfaction: `/admin/ratings/stats?${period}`,
    badRatings: `/admin/ratings?${period}&bad=1`,
    badRectified: `/admin/ratings/orders?state=closed&${period}`,
    suggestions: `/admin/suggestions?state=all&${period}`,
    adopted: `/admin/suggestions?state=all&result=adopted&${period}`,
    rectified: `/admin/suggestions?state=all&result=rectified&${period}`,
  };
  return overviewFigures(s).map((f) => ({ text: f.text, href: href[f.measure] }));
}
import {
  ANNUAL_PATH, AnnualIndexPage, AnnualReportPage, CellPage, DecisionsPage, PortalReportPage, PortalReportsPage, SupervisorPage, TrendPage,
  cellPath, decisionsPath, reportPath, type FigureLink, type PortalCtx,
} from './annual-report.pages.tsx';
import { reportParamsSchema, reportQuerySchema } from './annual-report.schema.ts';
import { registerAnnualReportApi, registerDecisionsApi } from './annual-report.api.ts';

function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return '';
}

async function uploadedText(body: unknown, name: string): Promise<string> {
  if (!body || typeof body !== 'object') return '';
  const p = (body as Record<string, unknown>)[name] as Partial<MultipartFile> | undefined;
  if (!p || typeof p !== 'object' || p.type !== 'file' || typeof p.toBuffer !== 'function') return '';
  return (await p.toBuffer()).toString('utf8').replace(/^\uFEFF/, '');
}

/** A positive id or year from a path or form field; anything beyond a database integer is "no value". */
const intOf = (s: unknown): number | null => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

const ACTIONS: readonly Exclude<ReportAction, 'save'>[] = ['approve', 'submit', 'return', 'accept', 'publish', 'unlock'];

export function registerAnnualReportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  const s = services.annualReports;

  // ── API ── (the workflow operations: annual-report.api.ts)
  registerAnnualReportApi(app, services);
  registerDecisionsApi(app, services);
  r.get('/api/agencies/:creditCode/reports/:year', {
    schema: {
      operationId: 'getAnnualReport',
      summary: '机构已发布的政府信息公开工作年度报告（公开）：format=fixture（标签键交换格式，默认）| json | docx | pdf | xlsx | html',
      tags: ['annual-report'],
      params: reportParamsSchema,
      querystring: reportQuerySchema,
      response: { ...problemSchemas(400, 404) },
    },
  }, async (request, reply) => {
    const { creditCode, year } = request.params;
    const pub = await s.published(creditCode, year);
    if (!pub) throw new AppError('not_found', { detail: `没有找到该机构已发布的${year}年度报告` });
    const format = request.query.format;
    reply.header('cache-control', 'public, max-age=300');
    if (format === 'fixture') return reply.type('application/json; charset=utf-8').send(JSON.stringify(toFixture(pub.model)) as never);
    const out = await renderReport(pub.model, format as RenderTarget);
    if (format !== 'html' && format !== 'json') reply.header('content-disposition', `attachment; filename="annual-report-${creditCode}-${year}.${out.extension}"`);
    return reply.type(out.contentType).send((typeof out.body === 'string' ? out.body : Buffer.from(out.body)) as never);
  });

  // ── portal ──
  async function portalCtx(request: FastifyRequest): Promise<PortalCtx> {
    const agency = await services.portal.portalAgency();
    if (!agency) throw new AppError('unavailable', { detail: '尚未配置任何机构：请运行 gongkai demo seed 或创建机构。' });
    return { locale: request.locale, agency: agencyContact(agency), prefs: request.prefs, currentPath: request.url };
  }
  r.get('/reports', { schema: { hide: true } }, async (request, reply) => sendPage(reply, PortalReportsPage({ ctx: await portalCtx(request), rows: await s.publishedList() })));
  r.get('/reports/:creditCode/:year', { schema: { hide: true } }, async (request, reply) => {
    const { creditCode, year } = request.params as { creditCode: string; year: string };
    const pub = /^\d{4}$/.test(year) ? await s.published(creditCode, Number(year)) : null;
    if (!pub) throw new AppError('not_found');
    return sendPage(reply, PortalReportPage({ ctx: await portalCtx(request), report: pub }));
  });

  // ── back office ──
  const index = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[], status = 200) => {
    const actor = actorOf(request);
    const dashboard = await s.dashboard(actor);
    const trendYears = (await s.trend(actor, actor.agencyId)).filter((p) => p.state !== 'live').map((p) => ({ year: p.year, state: p.state }));
    return sendPage(reply, AnnualIndexPage({
      shell: adminShell(request, takeFlash(request, reply)), agencyId: actor.agencyId, dashboard, reports: trendYears.reverse(),
      canCompile: ['officer', 'leader'].includes(actor.role), supervisor: ['supervisor', 'admin'].includes(actor.role),
      currentYear: dashboard.year + 1, ...(errors ? { errors } : {}),
    }), status);
  };
  r.get(ANNUAL_PATH, { preHandler: staff, schema: { hide: true } }, (request, reply) => index(request, reply));

  r.get(`${ANNUAL_PATH}/agencies`, { preHandler: requireStaff('supervisor', 'admin'), schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const q = request.query as { year?: string };
    const year = intOf(q.year) ?? (await s.dashboard(actor)).year;
    return sendPage(reply, SupervisorPage({ shell: adminShell(request, takeFlash(request, reply)), year, rows: await s.supervisorList(actor, year) }));
  });

  r.post(`${ANNUAL_PATH}/:agencyId/compile`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    assertNotAdmin(actor, '生成各机关的年度报告'); // the page offers the administrator no compile form (decision 061)
    const agencyId = intOf((request.params as { agencyId: string }).agencyId);
    const year = intOf(field(request.body, 'year'));
    const format = field(request.body, 'format');
    if (!agencyId || !year || year < 2008 || year > 2100) return index(request, reply, [{ field: 'year', message: '请选择年度（2008 年至 2100 年）' }], 400);
    try {
      await s.compile(actor, agencyId, year, format === '2019' || format === '2021' ? { format: format as LayoutId } : {});
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return index(request, reply, e.fieldErrors, 400);
      if (isAppError(e) && e.code === 'conflict') { setFlash(reply, 'error', e.detail ?? e.title); return seeOther(reply, reportPath(agencyId, year)); }
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'annual.compiled', { year }));
    return seeOther(reply, reportPath(agencyId, year));
  });

  const params = (request: FastifyRequest) => {
    const p = request.params as { agencyId: string; year: string };
    const agencyId = intOf(p.agencyId);
    const year = intOf(p.year);
    if (!agencyId || !year) throw new AppError('not_found');
    return { agencyId, year };
  };

  r.get(`${ANNUAL_PATH}/:agencyId/:year`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { agencyId, year } = params(request);
    const view = await s.get(actorOf(request), agencyId, year);
    if (!view) { setFlash(reply, 'info', t(request.locale, 'annual.notCompiled', { year })); return seeOther(reply, ANNUAL_PATH); }
    // 好差评 of the year (国办发〔2019〕51号): the 总体情况 sentence offered with its figures, each linked to its records
    const ev = await services.evaluations.summary(view.agency.creditCode, year).catch(() => null);
    const evaluations = ev && ev.ratings > 0 ? { text: overviewSentence(year, ev), links: evaluationLinks(view.agency.id, year, ev) } : undefined;
    return sendPage(reply, AnnualReportPage({ shell: adminShell(request, takeFlash(request, reply)), view, ...(evaluations ? { evaluations } : {}) }));
  });

  r.get(`${ANNUAL_PATH}/:agencyId/:year/cell`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { agencyId, year } = params(request);
    const ref = String((request.query as { ref?: string }).ref ?? '');
    const actor = actorOf(request);
    const view = await s.get(actor, agencyId, year);
    if (!view) throw new AppError('not_found');
    return sendPage(reply, CellPage({ shell: adminShell(request, takeFlash(request, reply)), view, drill: await s.drill(actor, agencyId, year, ref) }));
  });

  r.get(`${ANNUAL_PATH}/:agencyId/:year/download`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { agencyId, year } = params(request);
    const view = await s.get(actorOf(request), agencyId, year);
    if (!view) throw new AppError('not_found');
    const f = String((request.query as { format?: string }).format ?? 'docx');
    if (!['docx', 'pdf', 'json', 'xlsx', 'html', 'md'].includes(f)) throw new AppError('bad_request', { detail: 'format 应为 docx、pdf、json、xlsx、html 或 md' });
    const out = await renderReport(view.model, f as RenderTarget);
    // The published text is named by its version; anything else (draft, submitted, under correction) is a draft.
    const suffix = view.state === 'published' && view.publishedVersion ? `v${view.publishedVersion}` : 'draft';
    return reply.type(out.contentType).header('content-disposition', `attachment; filename="annual-report-${view.agency.creditCode}-${year}-${suffix}.${out.extension}"`)
      .send((typeof out.body === 'string' ? out.body : Buffer.from(out.body)) as never);
  });

  r.post(`${ANNUAL_PATH}/:agencyId/:year/save`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { agencyId, year } = params(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const sections: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('section_') && typeof v === 'string') sections[k.slice(8)] = v.replace(/\r\n/g, '\n');
    try {
      await s.save(actorOf(request), agencyId, year, { version: Number(field(body, 'version')), sections });
      setFlash(reply, 'success', t(request.locale, 'annual.saved'));
    } catch (e) {
      // a wrong role or a report outside the scope is answered as such (403 / 404 page)
      if (!isAppError(e) || e.status === 403 || e.status === 404) throw e;
      setFlash(reply, 'error', e.detail ?? e.title);
    }
    return seeOther(reply, reportPath(agencyId, year));
  });

  r.post(`${ANNUAL_PATH}/:agencyId/:year/override`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const { agencyId, year } = params(request);
    const actor = actorOf(request);
    const body = request.body;
    const ref = field(body, 'ref');
    const values = { value: field(body, 'value'), reason: field(body, 'reason') };
    const version = Number(field(body, 'version'));
    const again = async (errors: FieldError[]) => {
      const view = (await s.get(actor, agencyId, year))!;
      return sendPage(reply, CellPage({ shell: adminShell(request), view, drill: await s.drill(actor, agencyId, year, ref), errors, values }), 400);
    };
    try {
      if (field(body, 'restore') === '1') {
        await s.save(actor, agencyId, year, { version, removeOverride: { ref, reason: values.reason } });
      } else {
        const v = values.value.trim();
        if (v !== '' && !/^-?\d+(\.\d+)?$/.test(v)) return again([{ field: 'value', message: '请填写数字' }]);
        await s.save(actor, agencyId, year, { version, override: { ref, value: v === '' ? null : Number(v), reason: values.reason } });
      }
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return again(e.fieldErrors);
      if (isAppError(e) && e.code === 'conflict') { setFlash(reply, 'error', e.detail ?? e.title); return seeOther(reply, cellPath(agencyId, year, ref)); }
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'annual.overrideSaved'));
    return seeOther(reply, reportPath(agencyId, year));
  });

  for (const action of ACTIONS) {
    r.post(`${ANNUAL_PATH}/:agencyId/:year/${action}`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
      const { agencyId, year } = params(request);
      try {
        await s.act(actorOf(request), agencyId, year, action, { version: Number(field(request.body, 'version')), comment: field(request.body, 'comment') });
        setFlash(reply, 'success', t(request.locale, `annual.done.${action}`));
      } catch (e) {
        if (!isAppError(e) || e.code === 'not_found' || e.code === 'forbidden' || e.code === 'internal') throw e;
        setFlash(reply, 'error', e.detail ?? e.title);
      }
      return seeOther(reply, reportPath(agencyId, year));
    });
  }

  r.get(`${ANNUAL_PATH}/:agencyId/trend`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const agencyId = intOf((request.params as { agencyId: string }).agencyId);
    if (!agencyId) throw new AppError('not_found');
    const actor = actorOf(request);
    const points = await s.trend(actor, agencyId);
    const agency = await services.agencies.get(agencyId);
    const L = (k: string) => t(request.locale, `annual.series.${k}`);
    const charts = trendCharts(points, {
      applications: L('applications'), received: L('received'), concluded: L('concluded'), carriedOut: L('carriedOut'), outcomes: L('outcomes'),
      appeals: L('appeals'), reviews: L('reviews'), litigation: L('litigation'), catalogue: L('catalogue'), rules: L('rules'), normative: L('normative'),
    });
    return sendPage(reply, TrendPage({ shell: adminShell(request, takeFlash(request, reply)), agencyName: agency?.name ?? '', points, charts }));
  });

  // ── decisions register ──
  const decisionsPage = async (request: FastifyRequest, reply: FastifyReply, agencyId: number, year: number, extra: { csv?: Parameters<typeof DecisionsPage>[0]['csv']; errors?: FieldError[] } = {}, status = 200) => {
    const actor = actorOf(request);
    const { entries, items } = await services.decisions.list(actor, agencyId, year);
    const agency = await services.agencies.get(agencyId);
    return sendPage(reply, DecisionsPage({
      shell: adminShell(request, takeFlash(request, reply)), agencyId, agencyName: agency?.name ?? '', year, entries, items,
      locked: await s.isYearLocked(agencyId, year), canEdit: ['officer', 'leader'].includes(actor.role), ...extra,
    }), status);
  };
  const agencyParam = (request: FastifyRequest) => {
    const id = intOf((request.params as { agencyId: string }).agencyId);
    if (!id) throw new AppError('not_found');
    return id;
  };
  const yearField = (v: unknown, fallback: number) => intOf(v) ?? fallback;

  r.get(`${ANNUAL_PATH}/:agencyId/decisions`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const agencyId = agencyParam(request);
    const year = yearField((request.query as { year?: string }).year, (await s.dashboard(actorOf(request))).year);
    return decisionsPage(request, reply, agencyId, year);
  });

  const registerFail = async (request: FastifyRequest, reply: FastifyReply, agencyId: number, year: number, e: unknown) => {
    if (isAppError(e) && e.code === 'validation_failed') return decisionsPage(request, reply, agencyId, year, { errors: e.fieldErrors }, 400);
    if (isAppError(e) && e.code === 'conflict') { setFlash(reply, 'error', e.detail ?? e.title); return seeOther(reply, decisionsPath(agencyId, year)); }
    throw e;
  };

  r.post(`${ANNUAL_PATH}/:agencyId/decisions`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const agencyId = agencyParam(request);
    const b = request.body;
    const year = yearField(field(b, 'year'), 0);
    const category = field(b, 'category');
    const amountText = field(b, 'amount').trim();
    try {
      if (!isDecisionCategory(category)) throw new AppError('validation_failed', { fieldErrors: [{ field: 'category', message: '请选择类别' }] });
      await services.decisions.add(actorOf(request), agencyId, { year, category, count: Number(field(b, 'count')), amount: amountText === '' ? null : Number(amountText), note: field(b, 'note') || null });
    } catch (e) {
      return registerFail(request, reply, agencyId, year, e);
    }
    setFlash(reply, 'success', t(request.locale, 'annual.entryAdded'));
    return seeOther(reply, decisionsPath(agencyId, year));
  });

  r.post(`${ANNUAL_PATH}/:agencyId/decisions/items`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const agencyId = agencyParam(request);
    const b = request.body;
    const year = yearField(field(b, 'year'), 0);
    const category = field(b, 'category');
    try {
      if (!isDecisionCategory(category)) throw new AppError('validation_failed', { fieldErrors: [{ field: 'category', message: '请选择类别' }] });
      await services.decisions.setItems(actorOf(request), agencyId, { year, category, previous: Number(field(b, 'previous')), change: Number(field(b, 'change')) });
    } catch (e) {
      return registerFail(request, reply, agencyId, year, e);
    }
    setFlash(reply, 'success', t(request.locale, 'annual.itemsSaved'));
    return seeOther(reply, decisionsPath(agencyId, year));
  });

  r.post(`${ANNUAL_PATH}/:agencyId/decisions/:id/delete`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const agencyId = agencyParam(request);
    const id = intOf((request.params as { id: string }).id);
    const year = yearField(field(request.body, 'year'), 0);
    if (!id) throw new AppError('not_found');
    try {
      await services.decisions.remove(actorOf(request), id, Number(field(request.body, 'version')));
    } catch (e) {
      return registerFail(request, reply, agencyId, year, e);
    }
    setFlash(reply, 'success', t(request.locale, 'annual.entryRemoved'));
    return seeOther(reply, decisionsPath(agencyId, year));
  });

  r.post(`${ANNUAL_PATH}/:agencyId/decisions/import`, { preHandler: staff, config: uploadRoute({ maxFiles: 1, maxFileBytes: 2 * MB, maxTotalBytes: 2 * MB, maxFieldBytes: 2 * MB, label: 'CSV 文件' }), schema: { hide: true } }, async (request, reply) => {
    const agencyId = agencyParam(request);
    const b = request.body;
    const year = yearField(field(b, 'year'), 0);
    const text = request.isMultipart() ? await uploadedText(b, 'file') : field(b, 'csv');
    if (!text.trim()) return decisionsPage(request, reply, agencyId, year, { errors: [{ field: 'file', message: '请选择 CSV 文件（每行：日期,事项名称,决定类型）' }] }, 400);
    try {
      const csv = await services.decisions.importCsv(actorOf(request), agencyId, text, { dryRun: field(b, 'dryRun') !== '0' });
      return decisionsPage(request, reply, agencyId, year, { csv }, csv.problems.length ? 400 : 200);
    } catch (e) {
      return registerFail(request, reply, agencyId, year, e);
    }
  });
}
