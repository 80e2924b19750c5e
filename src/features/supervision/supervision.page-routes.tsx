// Page doors of supervision (督查体检 and 整改): thin handlers over the same services as the API (each form's API twin is
// named in tests/integration/api-twins.test.ts). A refused form shows its messages in an error summary.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentReportYear } from '../../core/annual-report/deadline.ts';
import { safeLocalPath } from '../../ui/index.ts';
import { t } from '../../ui/i18n.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { isAppError, notFound, validationFailed, type FieldError } from '../shared/errors.ts';
import { adminShell, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { uploadedFiles } from '../reports/reports.routes.ts';
import { fieldOf, invalid, runInput, runUploads } from './supervision.routes.ts';
import { drawBody, idParams, rectificationBody, responseBody, reviewBody, sampleResultBody, triageBody } from './supervision.schema.ts';
import { RectificationPage, RectificationsPage, RunPage, RunsPage, SUPERVISION_PATH, UNNAMED_AGENCY, type FindingFormErrors } from './supervision.pages.tsx';
import { RECTIFICATION_STATES, type RectificationState } from './supervision.rectify.ts';
import { OVERVIEW_STATES, type OverviewState } from './supervision.overview.ts';
import { COMPONENTS } from '../../core/supervision/assessment.ts';
import { ASSESSMENT_PATH, AssessmentPage, OVERVIEW_PATH, OverviewPage, SAMPLE_PATH, SamplePage } from './supervision.overview-pages.tsx';
import { RunComparisonPage } from './supervision.compare-pages.tsx';
import { HIERARCHY_PATH, HierarchyPage } from './supervision.hierarchy-pages.tsx';
import { sendRunReportPage } from './supervision.corrections.routes.ts';

const PAGE_SIZE = 50;
export const pageOf = (q: unknown, key = 'page') => {
  const v = Number((q as Record<string, unknown> | undefined)?.[key]);
  return Number.isInteger(v) && v >= 1 && v <= 10_000 ? v : 1;
};
export const textOf = (q: unknown, key: string) => {
  const v = (q as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
};
export function idOf(request: FastifyRequest): number {
  const p = idParams.safeParse(request.params);
  if (!p.success) throw notFound();
  return p.data.id;
}
export const formOf = (request: FastifyRequest) => (request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {});

export function registerSupervisionPages(app: FastifyInstance, services: Services): void {
  const sv = services.supervision;
  const staff = requireStaff();
  const years = () => {
    const y = currentReportYear(services.applications.today());
    return [y, y - 1, y - 2, y - 3];
  };
  const runsPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[], status = 200) => {
    const runs = await sv.listRuns(actorOf(request), { page: pageOf(request.query), pageSize: PAGE_SIZE });
    return sendPage(reply, RunsPage({ shell: adminShell(request, takeFlash(request, reply)), runs, years: years(), ...(errors ? { errors } : {}) }), status);
  };

  app.get(SUPERVISION_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => runsPage(request, reply));

  app.post(`${SUPERVISION_PATH}/runs`, { preHandler: staff, config: runUploads(services.config.uploadLimitMb), schema: { hide: true } }, async (request, reply) => {
    let run;
    try {
      run = await sv.createRun(actorOf(request), await runInput(request));
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return runsPage(request, reply, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.runDone', { reports: run.summary.reports, withErrors: run.summary.withErrors, unreadable: run.summary.unreadable }));
    return seeOther(reply, `${SUPERVISION_PATH}/runs/${run.id}`);
  });

  // the run page from its query (GET), or again with a refused form of a cross-year finding (q: the form's `back` address)
  const runPage = async (request: FastifyRequest, reply: FastifyReply, id: number, q: unknown, refused?: FindingFormErrors) => {
    const actor = actorOf(request);
    const run = await sv.getRun(actor, id);
    const st = textOf(q, 'status');
    const status = st === 'clean' || st === 'findings' || st === 'unreadable' ? st : undefined;
    const ag = textOf(q, 'agency')?.trim().slice(0, 200);
    const agency = ag ? (ag === UNNAMED_AGENCY ? null : ag) : undefined;
    const reports = await sv.listRunReports(actor, id, { page: pageOf(q), pageSize: PAGE_SIZE, ...(status ? { status } : {}), ...(agency !== undefined ? { agency } : {}) });
    const agencies = await sv.listRunAgencies(actor, id, { page: pageOf(q, 'apage'), pageSize: PAGE_SIZE });
    const cross = await sv.listFindings(actor, id, { scope: 'cross_year', page: pageOf(q, 'cpage'), pageSize: PAGE_SIZE });
    return sendPage(reply, RunPage({ shell: adminShell(request, takeFlash(request, reply)), run, reports, agencies, cross, ...(status ? { status } : {}), ...(ag ? { agency: ag } : {}), ...(refused ? { refused } : {}) }), refused ? 400 : 200);
  };
  app.get(`${SUPERVISION_PATH}/runs/:id`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => runPage(request, reply, idOf(request), request.query));

  /** A refused triage or rectification form: the page it was sent from again, the form opened with its messages (400). */
  const refusedFinding = async (request: FastifyRequest, reply: FastifyReply, findingId: number, form: FindingFormErrors['form'], errors: FieldError[]) => {
    const f = await sv.getFinding(actorOf(request), findingId);
    const back = formOf(request).back;
    const q = Object.fromEntries(new URL(typeof back === 'string' ? back : '/', 'http://local').searchParams);
    const refused = { findingId, form, errors };
    return f.reportId ? sendRunReportPage(services, request, reply, f.reportId, { refused, query: q, status: 400 }) : runPage(request, reply, f.runId, q, refused);
  };

  app.get(`${SUPERVISION_PATH}/runs/:id/comparison`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const run = await sv.getRun(actor, id);
    const runs = await sv.listRuns(actor, { page: 1, pageSize: 200 });
    const w = Number(textOf(request.query, 'with'));
    const comparison = Number.isInteger(w) && w >= 1 && w <= 2_147_483_647 && w !== id
      ? await sv.compareRuns(actor, id, w, { page: pageOf(request.query), pageSize: PAGE_SIZE }) : undefined;
    return sendPage(reply, RunComparisonPage({ shell: adminShell(request, takeFlash(request, reply)), run, runs, ...(comparison ? { comparison } : {}) }));
  });

  // the report of a run (GET /admin/supervision/reports/:id) with its corrections: supervision.corrections.routes.ts
  app.post(`${SUPERVISION_PATH}/findings/:id/triage`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const p = triageBody.safeParse({ decision: body.decision, reason: typeof body.reason === 'string' ? body.reason : null, version: body.version });
    let f;
    try {
      if (!p.success) throw invalid(p.error);
      f = await sv.triage(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return refusedFinding(request, reply, id, 'triage', e.fieldErrors);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.triaged', { decision: t(request.locale, `supervision.labels.triage.${p.data.decision}`), rule: f.rule }));
    return seeOther(reply, safeLocalPath(typeof body.back === 'string' ? body.back : '', f.reportId ? `${SUPERVISION_PATH}/reports/${f.reportId}` : `${SUPERVISION_PATH}/runs/${f.runId}`));
  });

  app.post(`${SUPERVISION_PATH}/findings/:id/rectification`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const p = rectificationBody.safeParse({ comment: typeof body.comment === 'string' ? body.comment : '', version: body.version });
    let r;
    try {
      if (!p.success) throw invalid(p.error);
      r = await services.rectifications.request(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return refusedFinding(request, reply, id, 'rectification', e.fieldErrors);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.rectRequested', { agency: r.agency, id: r.id }));
    return seeOther(reply, safeLocalPath(typeof body.back === 'string' ? body.back : '', `${SUPERVISION_PATH}/rectifications/${r.id}`));
  });

  app.get(`${SUPERVISION_PATH}/rectifications`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const st = textOf(request.query, 'state');
    const state = (RECTIFICATION_STATES as readonly string[]).includes(st ?? '') ? (st as RectificationState) : undefined;
    const list = await services.rectifications.list(actorOf(request), { page: pageOf(request.query), pageSize: PAGE_SIZE, ...(state ? { state } : {}) });
    return sendPage(reply, RectificationsPage({ shell: adminShell(request, takeFlash(request, reply)), list, ...(state ? { state } : {}) }));
  });

  const rectPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors?: FieldError[], status = 200) =>
    sendPage(reply, RectificationPage({ shell: adminShell(request, takeFlash(request, reply)), r: await services.rectifications.get(actorOf(request), id), ...(errors ? { errors } : {}) }), status);

  app.get(`${SUPERVISION_PATH}/rectifications/:id`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => rectPage(request, reply, idOf(request)));

  app.post(`${SUPERVISION_PATH}/rectifications/:id/response`, { preHandler: staff, config: runUploads(services.config.uploadLimitMb), schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const b = request.isMultipart() ? request.body : formOf(request);
    const p = responseBody.safeParse({ response: fieldOf(b, 'response') ?? '', version: fieldOf(b, 'version') });
    const files = request.isMultipart() ? await uploadedFiles(request.body) : [];
    try {
      if (!p.success) throw invalid(p.error);
      if (files.length > 1) throw validationFailed([{ field: 'file', message: t(request.locale, 'supervision.errors.oneFile') }]);
      await services.rectifications.respond(actorOf(request), id, { ...p.data, ...(files[0] ? { file: files[0] } : {}) });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return rectPage(request, reply, id, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.responded'));
    return seeOther(reply, `${SUPERVISION_PATH}/rectifications/${id}`);
  });

  app.post(`${SUPERVISION_PATH}/rectifications/:id/review`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const p = reviewBody.safeParse({ outcome: body.outcome, comment: typeof body.comment === 'string' ? body.comment : null, version: body.version });
    try {
      if (!p.success) throw invalid(p.error);
      await services.rectifications.review(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return rectPage(request, reply, id, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, p.data.outcome === 'resolve' ? 'supervision.flash.resolved' : 'supervision.flash.reopened'));
    return seeOther(reply, `${SUPERVISION_PATH}/rectifications/${id}`);
  });
  registerOverviewPages(app, services);

  // 汇总核对设定 (same service as getSupervisionHierarchy, setSupervisionHierarchy)
  const hierarchyPage = async (request: FastifyRequest, reply: FastifyReply, errors?: FieldError[], status = 200) => {
    const setting = await services.supervision.hierarchy(actorOf(request));
    return sendPage(reply, HierarchyPage({ shell: adminShell(request, takeFlash(request, reply)), setting, ...(errors ? { errors } : {}) }), status);
  };
  app.get(HIERARCHY_PATH, { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => hierarchyPage(request, reply));
  app.post(HIERARCHY_PATH, { preHandler: requireStaff(), schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const cells = Array.isArray(body.cells) ? body.cells : typeof body.cells === 'string' ? [body.cells] : [];
    const version = Number(body.version);
    try {
      if (!Number.isInteger(version) || version < 0) throw validationFailed([{ field: 'version', message: t(request.locale, 'supervision.errors.noVersion') }]);
      await services.supervision.setHierarchy(actorOf(request), { mode: body.mode, cells, version });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return hierarchyPage(request, reply, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.hierarchySaved'));
    return seeOther(reply, HIERARCHY_PATH);
  });
}

/** The overview, campaign and assessment pages (same services as getSupervisionOverview, remindAgencies, getSupervisionAssessment, setAssessmentWeights). */
export function registerOverviewPages(app: FastifyInstance, services: Services): void {
  const ov = services.supervisionOverview;
  const staff = requireStaff();
  const current = () => currentReportYear(services.applications.today());
  const yearsOf = () => { const y = current(); return [y, y - 1, y - 2, y - 3, y - 4]; };
  const yearOf = (q: unknown) => {
    const v = Number(textOf(q, 'year'));
    return Number.isInteger(v) && v >= 2008 && v <= 2100 ? v : current();
  };
  const overviewPage = async (request: FastifyRequest, reply: FastifyReply, year: number, errors?: FieldError[], status = 200) => {
    const actor = actorOf(request);
    const st = textOf(request.query, 'state');
    const state = (OVERVIEW_STATES as readonly string[]).includes(st ?? '') ? (st as OverviewState) : undefined;
    const lt = textOf(request.query, 'late');
    const late = lt === '1' ? true : lt === '0' ? false : undefined;
    const res = await ov.overview(actor, { year, page: pageOf(request.query), pageSize: PAGE_SIZE, ...(state ? { state } : {}), ...(late !== undefined ? { late } : {}) });
    const years = [year, year - 1, year - 2, year - 3, year - 4];
    const grid = await ov.grid(actor, res.items.map((r) => r.agencyId), years);
        return sendPage(reply, OverviewPage({ shell: adminShell(request, takeFlash(request, reply)), year, years, campaign: res.campaign, rows: res, grid, ...(state ? { state } : {}), ...(late !== undefined ? { late } : {}), ...(errors ? { errors } : {}) }), status);
  };

  app.get(OVERVIEW_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => overviewPage(request, reply, yearOf(request.query)));

  app.post(`${SUPERVISION_PATH}/reminders`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const year = Number(body.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2100) throw validationFailed([{ field: 'year', message: t(request.locale, 'supervision.errors.badYear') }]);
    const st = typeof body.state === 'string' && (OVERVIEW_STATES as readonly string[]).includes(body.state) ? (body.state as OverviewState) : undefined;
    let res;
    try {
      res = await ov.remind(actorOf(request), { year, ...(st ? { state: st } : {}) });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return overviewPage(request, reply, year, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', `${t(request.locale, 'supervision.flash.reminded', { reminded: res.reminded, mails: res.mails })}${res.alreadyToday ? t(request.locale, 'supervision.flash.remindedToday', { n: res.alreadyToday }) : ''}`);
    return seeOther(reply, `${OVERVIEW_PATH}?year=${year}${st ? `&state=${st}` : ''}`);
  });

  const assessmentPage = async (request: FastifyRequest, reply: FastifyReply, year: number, errors?: FieldError[], status = 200) => {
    const a = await ov.assessment(actorOf(request), { year, page: pageOf(request.query), pageSize: PAGE_SIZE });
    return sendPage(reply, AssessmentPage({ shell: adminShell(request, takeFlash(request, reply)), year, years: yearsOf(), weights: a.weights, version: a.version, components: a.components, rows: a, ...(errors ? { errors } : {}) }), status);
  };
  app.get(ASSESSMENT_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => assessmentPage(request, reply, yearOf(request.query)));

  app.post(`${ASSESSMENT_PATH}/weights`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const year = yearOf(body);
    const weights: Record<string, unknown> = {};
    for (const c of COMPONENTS) {
      const v = body[`weights.${c.key}`];
      weights[c.key] = typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : v ?? null;
    }
    const version = Number(body.version);
    try {
      if (!Number.isInteger(version) || version < 0) throw validationFailed([{ field: 'version', message: t(request.locale, 'supervision.errors.noVersion') }]);
      await ov.setWeights(actorOf(request), { weights, version });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return assessmentPage(request, reply, year, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.weightsSaved'));
    return seeOther(reply, `${ASSESSMENT_PATH}?year=${year}`);
  });

  // 不定期抽查 (same service as getAssessmentSample, drawAssessmentSample, recordSampleResult)
  const sampling = services.supervisionSampling;
  const samplePage = async (request: FastifyRequest, reply: FastifyReply, year: number, errors?: FieldError[], status = 200, itemId?: number) =>
    sendPage(reply, SamplePage({
      shell: adminShell(request, takeFlash(request, reply)), year, years: yearsOf(), sample: await sampling.current(actorOf(request), year),
      ...(errors ? { errors } : {}), ...(errors && itemId ? { itemErrors: { id: itemId, errors } } : {}),
    }), status);
  app.get(SAMPLE_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => samplePage(request, reply, yearOf(request.query)));

  app.post(SAMPLE_PATH, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const body = formOf(request);
    const year = yearOf(body);
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const p = drawBody.safeParse({ year, items: text('items') || '0', cases: text('cases') || '0', reason: text('reason') ?? null, replaces: text('replaces') || null });
    let s;
    try {
      if (!p.success) throw invalid(p.error);
      s = await sampling.draw(actorOf(request), { year: p.data.year, items: p.data.items, cases: p.data.cases, reason: p.data.reason ?? null, replaces: p.data.replaces ?? null });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return samplePage(request, reply, year, e.fieldErrors, 400);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.drawn', { n: s.items.length, seed: s.seed }));
    return seeOther(reply, `${SAMPLE_PATH}?year=${year}`);
  });

  app.post(`${SAMPLE_PATH}/items/:id`, { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request);
    const body = formOf(request);
    const year = yearOf(body);
    const p = sampleResultBody.safeParse({ result: body.result, note: typeof body.note === 'string' ? body.note : null, version: body.version });
    try {
      if (!p.success) throw invalid(p.error);
      await sampling.record(actorOf(request), id, p.data);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return samplePage(request, reply, year, e.fieldErrors, 400, id);
      throw e;
    }
    setFlash(reply, 'success', t(request.locale, 'supervision.flash.sampleRecorded', { result: t(request.locale, `supervision.labels.sampleResult.${p.data.result}`) }));
    return seeOther(reply, `${SAMPLE_PATH}?year=${year}#sample-item-${id}`);
  });
}
