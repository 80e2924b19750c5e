// Every action a page offers is also an API operation: each route a page form posts to (every non-API POST/PUT/PATCH/
// DELETE route the app registers) must name its API twin here, and the twin must be a registered /api operation.
// A new page form without an API twin fails this test until the operation exists and is listed below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/http/app.ts';
import { ACTION_ROUTES } from '../../src/features/applications/applications.routes.ts';
import { ORDER_ROUTES } from '../../src/features/evaluations/evaluations.routes.ts';
import { REDACTION_ROUTES } from '../../src/features/applications/applications.redaction.schema.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** "METHOD /page/route" → the operationId(s) of its API twin(s). */
const TWINS: Record<string, readonly string[]> = {
  'POST /admin/login': ['createSession'],
  'POST /admin/logout': ['deleteSession'],
  'POST /admin/users': ['createUser'],
  'POST /admin/users/:id': ['updateUser', 'resetUserPassword'],
  'POST /admin/password': ['changeOwnPassword'],
  'POST /admin/audit/verify': ['verifyAuditChain'],
  'POST /admin/me': ['updateMyPreferences'],
  'POST /admin/mail-outbox/:id/retry': ['retryMail'],
  'POST /apply': ['submitApplication'],
  'POST /apply/status': ['getApplicationStatus'],
  'POST /admin/applications': ['registerApplication'],
  // one page route for every case action; each action has its own operation
  'POST /admin/applications/:id/actions/:action': Object.values(ACTION_ROUTES).map((a) => a.operationId),
  'POST /admin/applications/:id/catalogue-draft': ['publishDisclosureToCatalogue'],
  'POST /admin/applications/:id/catalogue-draft/dismissal': ['dismissDisclosurePublication'],
  // one page route for every redaction operation (区分处理); each has its own operation
  'POST /admin/applications/:id/disclosures/:disclosureId/redaction/:op': Object.values(REDACTION_ROUTES).map((r) => r.operationId),
  'POST /admin/appeals': ['createAppealCase'],
  'POST /admin/appeals/:id': ['updateAppealCase'],
  'POST /admin/letter-templates/:kind': ['saveLetterTemplate'],
  'POST /admin/reports/check': ['checkReports'],
  'POST /admin/calendar/import': ['importCalendarYear'],
  'POST /admin/calendar/days': ['editCalendarDay'],
  'POST /admin/catalogue': ['createCatalogueDraft'],
  'POST /admin/catalogue/:id/edit': ['updateCatalogueDraft'],
  'POST /admin/catalogue/:id/actions': ['actOnCatalogueItem'],
  'POST /admin/catalogue/:id/attachments': ['uploadCatalogueAttachment'],
  'POST /admin/catalogue/:id/link': ['linkCatalogueInterpretation'],
  'POST /admin/catalogue/import': ['importCatalogue'],
  'POST /admin/catalogue/pages/:slug': ['saveCataloguePortalPage'],
  'POST /admin/annual/:agencyId/compile': ['compileAnnualReport'],
  'POST /admin/annual/:agencyId/:year/save': ['saveAnnualReportNarrative'],
  'POST /admin/annual/:agencyId/:year/override': ['overrideAnnualReportCell'],
  'POST /admin/annual/:agencyId/:year/approve': ['approveAnnualReport'],
  'POST /admin/annual/:agencyId/:year/submit': ['submitAnnualReport'],
  'POST /admin/annual/:agencyId/:year/return': ['returnAnnualReport'],
  'POST /admin/annual/:agencyId/:year/accept': ['acceptAnnualReport'],
  'POST /admin/annual/:agencyId/:year/publish': ['publishAnnualReport'],
  'POST /admin/annual/:agencyId/:year/unlock': ['unlockAnnualReport'],
  'POST /admin/annual/:agencyId/decisions': ['addDecisionEntry'],
  'POST /admin/annual/:agencyId/decisions/items': ['setDecisionItemCounts'],
  'POST /admin/annual/:agencyId/decisions/:id/delete': ['deleteDecisionEntry'],
  'POST /admin/annual/:agencyId/decisions/import': ['importDecisions'],
  'POST /admin/services': ['createServiceItem'],
  'POST /admin/services/:id/edit': ['updateServiceItem'],
  'POST /admin/services/:id/status': ['updateServiceItem'],
  'POST /admin/services/:id/files': ['uploadServiceItemFile'],
  'POST /admin/services/:id/files/removal': ['removeServiceItemFile'],
  'POST /admin/services/must-match': ['setServiceItemMustMatch'],
  'POST /admin/services/import': ['importServiceItems'],
  'POST /admin/services/cases/import': ['importServiceCases'],
  'POST /admin/supervision/runs': ['createAuditRun'],
  'POST /admin/supervision/reminders': ['remindAgencies'],
  'POST /admin/supervision/assessment/weights': ['setAssessmentWeights'],
  'POST /admin/supervision/hierarchy': ['setSupervisionHierarchy'],
  'POST /admin/supervision/assessment/sample': ['drawAssessmentSample'],
  'POST /admin/supervision/assessment/sample/items/:id': ['recordSampleResult'],
  'POST /admin/supervision/findings/:id/triage': ['triageAuditFinding'],
  'POST /admin/supervision/reports/:id/corrections': ['correctAuditCell'],
  'POST /admin/supervision/reports/:id/corrections/batch': ['correctAuditCells'],
  'POST /admin/supervision/corrections/:id/withdrawal': ['withdrawAuditCellCorrection'],
  'POST /admin/supervision/findings/:id/rectification': ['requestAuditRectification'],
  'POST /admin/supervision/rectifications/:id/response': ['respondToAuditRectification'],
  'POST /admin/supervision/rectifications/:id/review': ['reviewAuditRectification'],
  // one page route for every 差评 work-order step; each step has its own operation
  'POST /admin/ratings/orders/:id/actions/:action': Object.values(ORDER_ROUTES).map((a) => a.operationId),
  'POST /admin/suggestions': ['registerSuggestion'],
  'POST /admin/suggestions/:id/handling': ['handleSuggestion'],
  'POST /admin/suggestions/:id/reply': ['replyToSuggestion'],
  'POST /rate/:creditCode': ['submitEvaluation'],
  'POST /rate/:creditCode/:type/:ref': ['submitEvaluation'],
  'POST /rate/status': ['getEvaluationStatus'],
  'POST /suggest/:creditCode': ['submitSuggestion'],
  'POST /suggest/status': ['getSuggestionStatus'],
};

describe('API twins of page forms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { seed: false });
  });
  afterAll(async () => t?.close());

  it('every page form route has a registered API operation, and the list names no route that is gone', () => {
    const routes = registeredRoutes(t.app);
    const api = new Map(routes.filter((r) => r.url.startsWith('/api/') && r.operationId).map((r) => [r.operationId!, r]));
    const pageForms = routes.filter((r) => !r.url.startsWith('/api/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(pageForms.length).toBeGreaterThan(20);
    const missing = pageForms.filter((k) => !TWINS[k]);
    expect(missing, `page form routes without an API twin (add the operation and list it in TWINS): ${missing.join(', ')}`).toEqual([]);
    for (const k of pageForms) {
      for (const op of TWINS[k]!) expect(api.has(op), `${k}: API twin ${op} is not a registered /api operation`).toBe(true);
    }
    const stale = Object.keys(TWINS).filter((k) => !pageForms.includes(k));
    expect(stale, 'TWINS lists page routes that no longer exist').toEqual([]);
  });

  it('the annual-report workflow operations named in the API exist', () => {
    const ops = new Set(registeredRoutes(t.app).map((r) => r.operationId));
    for (const op of ['compileAnnualReport', 'submitAnnualReport', 'returnAnnualReport', 'acceptAnnualReport', 'publishAnnualReport', 'overrideAnnualReportCell', 'getMyWork']) expect(ops.has(op), op).toBe(true);
  });
});
