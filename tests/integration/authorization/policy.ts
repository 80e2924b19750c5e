// The authorization policy as one declarative table: every registered route (method + path as
// fastify registers it) → who may call it and whether the agency of the record decides.
// tests/integration/authorization.test.ts checks every entry against the running app (anonymous,
// each role; the caller's own agency, an agency below it, an agency of another district), and fails
// for a registered route without an entry here — a new route forces a decision.
// docs/authorization.md holds the same table rendered by renderPolicyMarkdown() (checked by the test).
//
// A key `route#variant` checks one more use of the same route (a workflow action sent in the body).
//
// Answers (decision 005):
//   allowed      — the request passed authorization: any answer but 401 / 403 / 404 / a redirect to
//                  the sign-in page, and never a 5xx (a 400 or 409 about the input or the state is fine)
//   anonymous    — 401 problem on /api, 303 to /admin/login?next=… on pages (for every non-public route)
//   wrong role   — 403
//   out of scope — 404 (a record or agency outside the caller's agencies; never 403, so that the
//                  answer does not tell that it exists). A wrong role on a record outside the scope may
//                  answer 403 or 404: neither discloses the record.
// Scope: admin — every agency; supervisor — own agency and every agency below it; officer,
// reviewer, leader — own agency only.
import type { Role } from '../../../src/features/shared/actor.ts';

export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', 'admin', 'officer', 'reviewer', 'leader', 'supervisor'];
export type ScopeCase = 'own' | 'child' | 'foreign';
export const SCOPE_CASES: readonly ScopeCase[] = ['own', 'child', 'foreign'];

/**
 * A grant: a role, or `supervisor@child` — a supervisor, only for agencies below its own (the
 * 政务公开主管部门 approves its subordinates' annual reports, not its own).
 */
export type Grant = Role | 'supervisor@child';

export interface RouteRule {
  /** 'public': everyone, signed in or not; 'staff': every signed-in role; else the grants listed */
  who: 'public' | 'staff' | readonly Grant[];
  /** 'record': the record (or the agency) named in the request decides visibility → 404 outside the scope */
  scope?: 'record';
  /**
   * Agency content (catalogue, applications, appeals, annual report, decisions): the system
   * administrator administers users and settings, not the content of agencies (separation of
   * duties). The admin is refused (403) although the role list would let it through.
   */
  adminDuty?: true;
  note?: string;
}

const pub: RouteRule = { who: 'public' };
const staff: RouteRule = { who: 'staff' };
const staffRecord: RouteRule = { who: 'staff', scope: 'record' };
const adminOnly: RouteRule = { who: ['admin'] };
/** agency content the admin may not act on */
const content = (who: readonly Grant[], scope?: 'record', note?: string): RouteRule => ({ who, adminDuty: true, ...(scope ? { scope } : {}), ...(note ? { note } : {}) });

const OFFICER_LEADER: readonly Grant[] = ['officer', 'leader'];

export const policy: Record<string, RouteRule> = {
  // ── infrastructure and documentation ──
  'GET /static/*': pub,
  'GET /api/docs': pub,
  'GET /api/docs/static/index.html': pub,
  'GET /api/docs/static/swagger-initializer.js': pub,
  'GET /api/docs/json': pub,
  'GET /api/docs/yaml': pub,
  'GET /api/docs/static/*': pub,
  'GET /api/openapi.json': pub,
  'GET /healthz': pub,
  'GET /healthz/bare': pub,
  'GET /readyz': pub,
  'GET /': pub,
  'GET /prefs': pub,
  'GET /favicon.ico': pub,

  // ── sign-in ──
  'POST /api/session': pub,
  'GET /api/session': { ...staff, note: 'the signed-in user; 401 when nobody is' },
  'DELETE /api/session': pub,
  'GET /admin/login': pub,
  'POST /admin/login': pub,
  'POST /admin/logout': pub,
  'GET /admin': staff,
  'PUT /api/session/password': { ...staff, note: 'the caller’s own password (open also while a change is required)' },
  'GET /admin/password': staff,
  'POST /admin/password': staff,
  // ── 政务服务事项 (service items across 区 / 街道 / 社区) ──
  'GET /api/service-items': { ...staffRecord, note: 'the agency in the query (default: the caller’s scope)' },
  'GET /api/service-items/elements': staff,
  'PUT /api/service-items/must-match': { who: ['supervisor'], note: 'the 政务公开主管部门 sets the must-match elements' },
  'POST /api/service-items/elements': { ...adminOnly, note: 'the element schema is a system setting' },
  'GET /api/service-items/consistency': { ...staffRecord, note: 'the agency in the query and every unit below it' },
  'GET /api/service-items/:id': staffRecord,
  'POST /api/service-items': content(OFFICER_LEADER, 'record', 'the agency in the body (default: the caller’s)'),
  'PUT /api/service-items/:id': content(OFFICER_LEADER, 'record'),
  'POST /api/service-items/:id/files': content(OFFICER_LEADER, 'record', '空白表格 / 示例样表 of a material (a new version of the item)'),
  'DELETE /api/service-items/:id/files': content(OFFICER_LEADER, 'record'),
  'GET /api/service-items/export': { ...staffRecord, note: 'the agency in the query and the units below it it sees (default: the caller’s scope)' },
  'POST /api/service-items/cases/import': content(OFFICER_LEADER, 'record', '办件 into the decisions register of the agency in the body (default: the caller’s)'),
  'POST /api/service-items/import': content(OFFICER_LEADER, undefined, 'catalogue XLSX; each row’s 实施单位 must be an agency the caller sees (checked row by row)'),
  'GET /admin/services': staff,
  'GET /admin/services/:id': staffRecord,
  'GET /services': { ...pub, note: 'the public 办事指南 list (items in use or suspended)' },
  'GET /services/:id': { ...pub, note: 'a cancelled item is 404' },
  'GET /services/:id/guide.pdf': pub,
  'GET /services/:id/files/:name': { ...pub, note: 'blank forms and samples of the materials' },
  'GET /admin/services/new': content(OFFICER_LEADER, undefined, 'a 区 department defines items, a 街道 / 社区 implements them (own agency)'),
  'POST /admin/services': content(OFFICER_LEADER, undefined, 'page twin of createServiceItem (own agency)'),
  'GET /admin/services/:id/edit': content(OFFICER_LEADER, 'record'),
  'POST /admin/services/:id/edit': content(OFFICER_LEADER, 'record', 'page twin of updateServiceItem (elements)'),
  'POST /admin/services/:id/status': content(OFFICER_LEADER, 'record', 'page twin of updateServiceItem (status with date)'),
  'POST /admin/services/:id/files': content(OFFICER_LEADER, 'record', 'page twin of uploadServiceItemFile'),
  'POST /admin/services/:id/files/removal': content(OFFICER_LEADER, 'record', 'page twin of removeServiceItemFile'),
  'GET /admin/services/check': { ...staffRecord, note: 'the agency in the query (default: the caller’s) and every unit below it' },
  'POST /admin/services/must-match': { who: ['supervisor'], note: 'page twin of setServiceItemMustMatch' },
  'GET /admin/services/import': content(OFFICER_LEADER, undefined, 'the catalogue XLSX import page'),
  'POST /admin/services/import': content(OFFICER_LEADER, undefined, 'page twin of importServiceItems'),
  'GET /admin/services/cases/import': content(OFFICER_LEADER, undefined, 'the 办件 import page (own agency)'),
  'POST /admin/services/cases/import': content(OFFICER_LEADER, undefined, 'page twin of importServiceCases (own agency)'),
  'GET /api/my-work': { ...staff, note: 'the caller’s own work items (待办)' },

  // ── 督查体检 (audit runs of the 政务公开主管部门) and 整改 (rectification by the agency) ──
  'POST /api/supervision/runs': content(['supervisor'], undefined, 'the run belongs to the caller’s agency; platform runs cover the agencies below'),
  'GET /api/supervision/runs': content(['supervisor'], undefined, 'the runs of the caller’s agency and the agencies below'),
  'GET /api/supervision/runs/:id': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/runs/:id/comparison': content(['supervisor'], 'record', 'both runs: the agency that ran them'),
  'GET /api/supervision/runs/:id/reports': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/runs/:id/agencies': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/runs/:id/findings': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/runs/:id/export.xlsx': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/runs/:id/notice.pdf': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/reports/:id': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /api/supervision/findings/:id/triage': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /api/supervision/reports/:id/corrections': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /api/supervision/reports/:id/corrections/batch': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /api/supervision/corrections/:id/withdrawal': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /api/supervision/report-comparison': content(['supervisor'], 'record', 'each side: the agency that ran its run, or an annual report in scope'),
  'POST /api/supervision/findings/:id/rectification': content(['supervisor'], 'record', 'the agency that ran it; only an agency below it is asked'),
  'GET /api/supervision/rectifications': content(['officer', 'reviewer', 'leader', 'supervisor'], undefined, 'asked of the caller’s agency, or asked by a supervising agency in scope'),
  'GET /api/supervision/rectifications/:id': content(['officer', 'reviewer', 'leader', 'supervisor'], 'record', 'the agency asked to rectify'),
  'POST /api/supervision/rectifications/:id/response': content(OFFICER_LEADER, 'record', 'the agency asked to rectify answers'),
  'POST /api/supervision/rectifications/:id/review': content(['supervisor@child'], 'record', 'the supervising agency above the agency asked'),
  'GET /api/supervision/overview': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'POST /api/supervision/reminders': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'GET /api/supervision/assessment': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'GET /api/supervision/assessment/weights': content(['supervisor'], undefined, 'the caller’s agency’s weights'),
  'PUT /api/supervision/assessment/weights': content(['supervisor'], undefined, 'the caller’s agency’s weights'),
  'GET /admin/supervision/overview': content(['supervisor']),
  'POST /admin/supervision/reminders': content(['supervisor']),
  'GET /admin/supervision/assessment': content(['supervisor']),
  'POST /admin/supervision/assessment/weights': content(['supervisor']),
  'GET /api/supervision/hierarchy': content(['supervisor'], undefined, 'the caller’s agency’s setting'),
  'PUT /api/supervision/hierarchy': content(['supervisor'], undefined, 'the caller’s agency’s setting'),
  'GET /admin/supervision/hierarchy': content(['supervisor']),
  'POST /admin/supervision/hierarchy': content(['supervisor']),
  'GET /api/supervision/assessment/sample': content(['supervisor'], undefined, 'the caller’s agency’s draw of the agencies below'),
  'POST /api/supervision/assessment/sample': content(['supervisor'], undefined, 'drawn from the agencies below the caller’s'),
  'PUT /api/supervision/assessment/sample/items/:id': content(['supervisor'], 'record', 'the agency that drew it and the supervisors above it'),
  'GET /admin/supervision/assessment/sample': content(['supervisor']),
  'GET /api/supervision/rankings': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'GET /api/supervision/rankings/trend': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'GET /api/supervision/heatmap': content(['supervisor'], undefined, 'the agencies below the caller’s; runs of the caller’s agency and the supervising agencies below'),
  'GET /api/supervision/rankings/export': content(['supervisor'], undefined, 'the agencies below the caller’s'),
  'GET /admin/supervision/rankings': content(['supervisor']),
  'GET /admin/supervision/heatmap': content(['supervisor']),
  'POST /admin/supervision/assessment/sample': content(['supervisor']),
  'POST /admin/supervision/assessment/sample/items/:id': content(['supervisor'], 'record', 'the agency that drew it'),
  'GET /admin/supervision': content(['supervisor']),
  'POST /admin/supervision/runs': content(['supervisor']),
  'GET /admin/supervision/runs/:id': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /admin/supervision/runs/:id/comparison': content(['supervisor'], 'record', 'both runs: the agency that ran them'),
  'GET /admin/supervision/reports/:id': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /admin/supervision/findings/:id/triage': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /admin/supervision/reports/:id/corrections': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /admin/supervision/reports/:id/corrections/batch': content(['supervisor'], 'record', 'the agency that ran it'),
  'POST /admin/supervision/corrections/:id/withdrawal': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /admin/supervision/report-comparison': content(['supervisor'], 'record', 'each side: the agency that ran its run, or an annual report in scope'),
  'POST /admin/supervision/findings/:id/rectification': content(['supervisor'], 'record', 'the agency that ran it'),
  'GET /admin/supervision/rectifications': content(['officer', 'reviewer', 'leader', 'supervisor']),
  'GET /admin/supervision/rectifications/:id': content(['officer', 'reviewer', 'leader', 'supervisor'], 'record', 'the agency asked to rectify'),
  'POST /admin/supervision/rectifications/:id/response': content(OFFICER_LEADER, 'record', 'the agency asked to rectify answers'),
  'POST /admin/supervision/rectifications/:id/review': content(['supervisor@child'], 'record', 'the supervising agency above the agency asked'),

  // ── agencies (public: names and contact data are published in the 公开指南) ──
  'GET /api/agencies': pub,
  'GET /api/agencies/:id': pub,

  // ── users (administration: the admin's own work) ──
  'GET /api/users': { ...staff, note: 'lists the users of the agencies in scope' },
  'GET /api/users/:id': staffRecord,
  'POST /api/users': adminOnly,
  'PATCH /api/users/:id': { who: ['admin'], scope: 'record' },
  'POST /api/users/:id/password': { who: ['admin'], scope: 'record' },
  'GET /api/me/preferences': { ...staff, note: 'the caller’s own reminder settings' },
  'PUT /api/me/preferences': { ...staff, note: 'the caller’s own reminder settings' },
  'GET /admin/me': staff,
  'POST /admin/me': staff,
  'GET /admin/users': adminOnly,
  'GET /admin/users/new': adminOnly,
  'POST /admin/users': adminOnly,
  'GET /admin/users/:id': { who: ['admin'], scope: 'record' },
  'POST /admin/users/:id': { who: ['admin'], scope: 'record' },

  // ── audit trail ──
  'GET /api/audit-events': { ...staff, note: 'events of the agencies in scope' },
  'GET /api/audit-events/:id': staffRecord,
  'GET /admin/audit': staff,
  'GET /api/personal-data/access-log': { who: ['admin', 'leader'], note: 'who opened which applicant’s personal data (decision 060); a leader: own agency' },
  'GET /admin/personal-data-access': { who: ['admin', 'leader'], note: 'who opened which applicant’s personal data (decision 060); a leader: own agency' },
  'POST /api/audit-chain/verification': { ...adminOnly, note: 'recomputes the whole hash chain (decision 063)' },
  'POST /admin/audit/verify': adminOnly,

  // ── 依申请公开 ──
  'POST /api/applications': { ...pub, note: 'online application (rate-limited)' },
  'GET /api/applications/status': { ...pub, note: 'query code + phone; no personal data' },
  'GET /api/applications/status/downloads/:token': { ...pub, note: 'signed link from the status lookup (bound to code + phone, expires); forged → 404' },
  'POST /api/applications/offline': content(OFFICER_LEADER, undefined, 'registered in the caller’s own agency'),
  'GET /api/applications': { ...staff, note: 'applications of the agencies in scope' },
  'GET /api/applications/table3': staffRecord,
  'POST /api/applications/carry-over': content(['leader'], 'record'),
  'GET /api/applications/:id': staffRecord,
  'POST /api/applications/:id/confirm-receipt': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/assign': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/correction-request': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/correction': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/correction-lapse': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/consultations': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/consultation-end': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/extension-request': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/extension-approval': content(['leader'], 'record', '条例第三十三条第二款: the head of the 工作机构'),
  'POST /api/applications/:id/extension-rejection': content(['leader'], 'record'),
  'POST /api/applications/:id/fee-notice': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/payment': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/fee-lapse': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/reply': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/reply-approval': content(['reviewer', 'leader'], 'record'),
  'POST /api/applications/:id/reply-return': content(['reviewer', 'leader'], 'record'),
  'POST /api/applications/:id/delivery': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/close': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/reopen': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/withdrawal': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/catalogue-draft': content(OFFICER_LEADER, 'record', '条例第四十四条: the handling agency’s officer or leader (409 while nothing was disclosed)'),
  'POST /api/applications/:id/catalogue-draft/dismissal': content(OFFICER_LEADER, 'record', '条例第四十四条: not publishing, audited'),
  // 区分处理 (decision 120): the original may hold personal data — handling roles only (personal-data policy
  // `attachments`); changes by the drafting roles, the reviewer compares
  'GET /api/applications/:id/disclosures/:disclosureId/redaction': content(['officer', 'reviewer', 'leader'], 'record'),
  'GET /api/applications/:id/disclosures/:disclosureId/pages/:page': content(['officer', 'reviewer', 'leader'], 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/redactions': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/text-redactions': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/suggestion-acceptance': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/suggestion-dismissal': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/redaction-removal': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/redaction-terms': content(OFFICER_LEADER, 'record'),
  'POST /api/applications/:id/disclosures/:disclosureId/redacted-copy': content(OFFICER_LEADER, 'record'),
  'GET /admin/applications/:id/disclosures/:disclosureId/redaction': content(['officer', 'reviewer', 'leader'], 'record'),
  'GET /admin/applications/:id/disclosures/:disclosureId/pages/:page': content(['officer', 'reviewer', 'leader'], 'record'),
  'POST /admin/applications/:id/disclosures/:disclosureId/redaction/:op': content(OFFICER_LEADER, 'record'),
  'GET /api/applications/:id/letters/:letterId.docx': staffRecord,
  'GET /api/applications/:id/letters/:letterId.pdf': staffRecord,
  'GET /api/letter-templates': staff,
  'PUT /api/letter-templates/:kind': { who: ['admin', 'leader'], note: 'the templates of the caller’s own agency' },
  'GET /api/mail-outbox': { ...staff, note: 'mail of the agencies in scope' },
  'POST /api/mail-outbox/:id/retry': { ...adminOnly, note: 'send a given-up message again' },
  'GET /apply': pub,
  'POST /apply': pub,
  'GET /apply/status': pub,
  'POST /apply/status': pub,
  'GET /admin/applications': staff,
  'GET /admin/applications.csv': staff,
  'GET /admin/applications/new': content(OFFICER_LEADER),
  'POST /admin/applications': content(OFFICER_LEADER),
  'GET /admin/applications/:id': staffRecord,
  'POST /admin/applications/:id/actions/:action': content(OFFICER_LEADER, 'record', 'checked with action requestExtension; each action has the roles of its API operation'),
  'POST /admin/applications/:id/catalogue-draft': content(OFFICER_LEADER, 'record', '条例第四十四条 from the case page'),
  'POST /admin/applications/:id/catalogue-draft/dismissal': content(OFFICER_LEADER, 'record'),
  'GET /admin/applications/:id/letters/:letterId.docx': staffRecord,
  'GET /admin/applications/:id/letters/:letterId.pdf': staffRecord,
  // identity scans are personal data: the handling agency only (decision 060)
  'GET /admin/applications/:id/attachments/:attachmentId': { who: ['officer', 'reviewer', 'leader'], scope: 'record', note: 'identity scans: the handling agency only (decision 060)' },
  'GET /admin/letter-templates': staff,
  'GET /admin/letter-templates/:kind': { who: ['admin', 'leader'] },
  'POST /admin/letter-templates/:kind': { who: ['admin', 'leader'] },
  'GET /admin/mail-outbox': staff,
  'POST /admin/mail-outbox/:id/retry': adminOnly,

  // ── 行政复议、行政诉讼 ──
  'POST /admin/appeals': content(OFFICER_LEADER),
  'POST /admin/appeals/:id': content(OFFICER_LEADER, 'record'),
  'POST /api/appeals': content(OFFICER_LEADER),
  'PATCH /api/appeals/:id': content(OFFICER_LEADER, 'record'),
  'GET /api/appeals': staff,
  'GET /api/appeals/table4': staffRecord,

  // ── 年报体检 and report rendering (stateless tools over an uploaded report) ──
  'GET /api/reports/schema': pub,
  'POST /api/reports/check': staff,
  'POST /api/reports/render': staff,
  'GET /admin/reports/check': staff,
  'GET /admin/reports': staff,
  'POST /admin/reports/check': staff,

  // ── working-day calendar (a setting: the admin's) ──
  'GET /admin/calendar/calendar.css': pub,
  'GET /admin/calendar': adminOnly,
  'POST /admin/calendar/import': adminOnly,
  'POST /admin/calendar/days': adminOnly,
  'GET /api/calendar/workdays': staff,
  'POST /api/calendar/import': adminOnly,
  'POST /api/calendar/days': adminOnly,
  'POST /api/deadlines/compute': staff,

  // ── 主动公开 catalogue (staff side) ──
  'GET /api/catalogue': pub,
  'POST /api/catalogue/items': content(['officer'], 'record', 'the agency in the body (default: the caller’s)'),
  'GET /api/catalogue/items/:id': staffRecord,
  'PUT /api/catalogue/items/:id': content(['officer'], 'record'),
  'POST /api/catalogue/items/:id/actions': content(['officer'], 'record', 'action submit'),
  // one route, one capability per workflow action (`route#action`): the role is checked before the state
  'POST /api/catalogue/items/:id/actions#record_review': content(['reviewer'], 'record', '保密审查 (the author of the version may not: 403)'),
  'POST /api/catalogue/items/:id/actions#approve': content(['leader'], 'record', '审核 (the author of the version may not: 403)'),
  // the variants run in this order on the same item: after record_review and approve it is in 审核通过,
  // where only the leader returns it (the reviewer returns an item from 保密审查 only)
  'POST /api/catalogue/items/:id/actions#return': content(['leader'], 'record', 'from 审核 / 审核通过; the reviewer returns from 保密审查'),
  'POST /api/catalogue/items/:id/actions#publish': content(['officer', 'leader'], 'record'),
  'POST /api/catalogue/items/:id/actions#withdraw': content(['leader'], 'record'),
  'POST /api/catalogue/items/:id/actions#abolish': content(['officer', 'leader'], 'record'),
  'POST /api/catalogue/items/:id/attachments': content(['officer'], 'record'),
  'POST /api/catalogue/items/:id/links': content(['officer'], 'record'),
  'GET /admin/catalogue': staff,
  'GET /admin/catalogue/new': content(['officer']),
  'POST /admin/catalogue': content(['officer']),
  'GET /admin/catalogue/:id': staffRecord,
  'GET /admin/catalogue/:id/edit': content(['officer'], 'record'),
  'POST /admin/catalogue/:id/edit': content(['officer'], 'record'),
  'POST /admin/catalogue/:id/actions': content(['officer'], 'record', 'checked with action submit'),
  'POST /admin/catalogue/:id/attachments': content(['officer'], 'record'),
  'POST /admin/catalogue/:id/link': content(['officer'], 'record'),
  'GET /admin/catalogue/attachments/:id': staffRecord,
  'GET /admin/catalogue/stats': staff,
  'GET /admin/catalogue/import': content(['officer']),
  'POST /admin/catalogue/import': content(['officer']),
  'GET /admin/catalogue/export.csv': staff,
  'GET /admin/catalogue/export.xlsx': staff,
  'POST /api/catalogue/import': content(['officer'], undefined, 'into the caller’s own agency'),
  'PUT /api/catalogue/pages/:slug': content(['officer', 'leader'], undefined, 'the caller’s own agency'),
  'GET /admin/catalogue/pages/:slug': content(['officer', 'leader']),
  'POST /admin/catalogue/pages/:slug': content(['officer', 'leader']),

  // ── 政务服务好差评 and the suggestions ledger ──
  'POST /api/evaluations': { ...pub, note: 'a rating (rate-limited, honeypot); a 差评 opens a work order' },
  'GET /api/evaluations/status': { ...pub, note: 'receipt code; the feedback, no personal data' },
  'GET /api/agencies/:creditCode/evaluations/:year': { ...pub, note: 'the published yearly figures' },
  'POST /api/suggestions': { ...pub, note: '意见建议 / 吐槽找茬 (rate-limited, honeypot)' },
  'GET /api/suggestions/status': { ...pub, note: 'query code; the reply, no personal data' },
  'GET /api/evaluations': { ...staff, note: 'ratings of the agencies in scope; rater data only to the handling unit' },
  'GET /api/evaluations/:id': staffRecord,
  'POST /api/evaluation-cases': content(OFFICER_LEADER, undefined, 'the 办件 register of the caller’s own agency'),
  'GET /api/evaluation-statistics': staffRecord,
  'GET /api/evaluation-settings': staff,
  'PUT /api/evaluation-settings': { ...adminOnly, note: 'time limits and the satisfaction formula (a setting)' },
  'GET /api/evaluation-orders': { ...staff, note: '差评 work orders of the agencies in scope' },
  'GET /api/evaluation-visits': { ...staff, note: 'return visits of the agencies in scope; what the rater said, no rater data' },
  'GET /api/evaluation-orders/:id': staffRecord,
  'POST /api/evaluation-orders/:id/visits': content(OFFICER_LEADER, 'record', 'the handling unit (谁办理、谁负责)'),
  'POST /api/evaluation-orders/:id/classification': content(OFFICER_LEADER, 'record'),
  'POST /api/evaluation-orders/:id/appeal-decision': content(['supervisor'], 'record', '申诉复核: the supervisor decides'),
  'POST /api/evaluation-orders/:id/rectification': content(OFFICER_LEADER, 'record'),
  'POST /api/evaluation-orders/:id/feedback': content(OFFICER_LEADER, 'record'),
  'POST /api/evaluation-orders/:id/close': content(['supervisor'], 'record', 'the supervisor’s 回访 and close'),
  'POST /api/suggestions/offline': content(OFFICER_LEADER, undefined, 'registered in the caller’s own agency'),
  'GET /api/suggestions': { ...staff, note: 'suggestions of the agencies in scope' },
  'GET /api/suggestions/:id': staffRecord,
  'POST /api/suggestions/:id/handling': content(OFFICER_LEADER, 'record'),
  'POST /api/suggestions/:id/reply': content(OFFICER_LEADER, 'record'),
  'GET /api/evaluation-card': { ...staffRecord, note: 'the QR card (PDF) of a rating page of an agency in scope' },
  'GET /api/evaluation-orders/:id/files/:fileId': { ...staffRecord, note: 'evidence of a rectification' },
  'GET /admin/ratings': { ...staff, note: 'ratings of the agencies in scope; rater data only to the handling unit' },
  'GET /admin/ratings/stats': staff,
  'GET /admin/ratings/cards': staff,
  'GET /admin/ratings/orders': staff,
  'GET /admin/ratings/visits': { ...staff, note: 'return visits of the agencies in scope; what the rater said, no rater data' },
  'GET /admin/ratings/orders/:id': staffRecord,
  'POST /admin/ratings/orders/:id/actions/:action': content(OFFICER_LEADER, 'record', 'checked with logVisit; each step has the roles of its API operation'),
  'GET /admin/suggestions': staff,
  'GET /admin/suggestions/new': content(OFFICER_LEADER),
  'POST /admin/suggestions': content(OFFICER_LEADER, undefined, 'registerSuggestion through the page'),
  'GET /admin/suggestions/:id': staffRecord,
  'POST /admin/suggestions/:id/handling': content(OFFICER_LEADER, 'record'),
  'POST /admin/suggestions/:id/reply': content(OFFICER_LEADER, 'record'),
  'GET /rate/status': { ...pub, note: 'the rating’s handling by receipt code, no personal data' },
  'POST /rate/status': pub,
  'GET /rate/:creditCode': { ...pub, note: 'the agency’s rating page (QR code; no sign-in)' },
  'POST /rate/:creditCode': { ...pub, note: 'submitEvaluation through the page (rate-limited, honeypot)' },
  'GET /rate/:creditCode/:type/:ref': { ...pub, note: 'the rating page of a window, 办件, 工号 or 事项' },
  'POST /rate/:creditCode/:type/:ref': pub,
  'GET /suggest/status': pub,
  'POST /suggest/status': pub,
  'GET /suggest/:creditCode': { ...pub, note: '意见建议 / 吐槽找茬 form' },
  'POST /suggest/:creditCode': { ...pub, note: 'submitSuggestion through the page (rate-limited, honeypot)' },

  // ── portal (public) ──
  'GET /guide': pub,
  'GET /rules': pub,
  'GET /proactive': pub,
  'GET /items/:id': pub,
  'GET /files/:id': pub,
  'GET /search': pub,
  'GET /feeds/:code.rss': pub,
  'GET /feeds/:code.atom': pub,
  'GET /sitemap.xml': pub,
  'GET /open-data/:code.json': pub,
  'GET /api/agencies/:creditCode/reports/:year': pub,
  'GET /reports': pub,
  'GET /reports/:creditCode/:year': pub,

  // ── annual report (第五十条) and the decisions register ──
  'GET /admin/annual': staff,
  'GET /admin/annual/agencies': { who: ['supervisor', 'admin'], note: 'the reports of the agencies below' },
  'POST /admin/annual/:agencyId/compile': content(OFFICER_LEADER, 'record'),
  'GET /admin/annual/:agencyId/:year': staffRecord,
  'GET /admin/annual/:agencyId/:year/cell': staffRecord,
  'GET /admin/annual/:agencyId/:year/download': staffRecord,
  'POST /admin/annual/:agencyId/:year/save': content(OFFICER_LEADER, 'record'),
  'POST /admin/annual/:agencyId/:year/override': content(OFFICER_LEADER, 'record'),
  // 负责人审定: the agency's leader who did not compile or edit the report (decision 074)
  'POST /admin/annual/:agencyId/:year/approve': content(['leader'], 'record'),
  'POST /admin/annual/:agencyId/:year/submit': content(OFFICER_LEADER, 'record'),
  // the 政务公开办 (a supervisor) reviews the reports of the agencies in its scope, its own government's too (decision 061)
  'POST /admin/annual/:agencyId/:year/return': content(['supervisor'], 'record'),
  'POST /admin/annual/:agencyId/:year/accept': content(['supervisor'], 'record'),
  'POST /admin/annual/:agencyId/:year/publish': content(['officer', 'leader', 'supervisor'], 'record'),
  'POST /admin/annual/:agencyId/:year/unlock': { who: ['admin'], scope: 'record', note: 'an explicit, audited correction of a published report' },
  'GET /admin/annual/:agencyId/trend': staffRecord,
  'GET /api/annual-reports/:agencyId/:year': staffRecord,
  'POST /api/annual-reports/:agencyId/:year/compile': content(OFFICER_LEADER, 'record'),
  'PUT /api/annual-reports/:agencyId/:year/narrative': content(OFFICER_LEADER, 'record'),
  'POST /api/annual-reports/:agencyId/:year/overrides': content(OFFICER_LEADER, 'record'),
  // 负责人审定: the agency's leader who did not compile or edit the report (decision 074)
  'POST /api/annual-reports/:agencyId/:year/approve': content(['leader'], 'record'),
  'POST /api/annual-reports/:agencyId/:year/submit': content(OFFICER_LEADER, 'record'),
  'POST /api/annual-reports/:agencyId/:year/return': content(['supervisor'], 'record'),
  'POST /api/annual-reports/:agencyId/:year/accept': content(['supervisor'], 'record'),
  'POST /api/annual-reports/:agencyId/:year/publish': content(['officer', 'leader', 'supervisor'], 'record'),
  'POST /api/annual-reports/:agencyId/:year/unlock': { who: ['admin'], scope: 'record', note: 'an explicit, audited correction of a published report' },
  'GET /admin/annual/:agencyId/decisions': staffRecord,
  'POST /admin/annual/:agencyId/decisions': content(OFFICER_LEADER, 'record'),
  'POST /admin/annual/:agencyId/decisions/items': content(OFFICER_LEADER, 'record'),
  'POST /admin/annual/:agencyId/decisions/:id/delete': content(OFFICER_LEADER, 'record'),
  'POST /admin/annual/:agencyId/decisions/import': content(OFFICER_LEADER, 'record'),
  'GET /api/agencies/:agencyId/decisions': staffRecord,
  'POST /api/agencies/:agencyId/decisions': content(OFFICER_LEADER, 'record'),
  'PUT /api/agencies/:agencyId/decisions/items': content(OFFICER_LEADER, 'record'),
  'DELETE /api/agencies/:agencyId/decisions/:id': content(OFFICER_LEADER, 'record'),
  'POST /api/agencies/:agencyId/decisions/import': content(OFFICER_LEADER, 'record'),
};

export type Expected = 'allow' | 'login' | 'forbidden' | 'not_found' | 'forbidden_or_not_found';

/** Whether a caller of `role` sees records of the agency in `scope`. */
export function sees(role: Role, scope: ScopeCase): boolean {
  if (scope === 'own') return true;
  if (scope === 'child') return role === 'admin' || role === 'supervisor';
  return role === 'admin';
}

function granted(rule: RouteRule, role: Role, scope: ScopeCase): boolean {
  if (rule.who === 'staff') return true;
  if (rule.who === 'public') return true;
  if (rule.adminDuty && role === 'admin') return false;
  return rule.who.some((g) => g === role || (g === 'supervisor@child' && role === 'supervisor' && scope === 'child'));
}

/** The expected answer for one caller on one route, with the record in `scope` (own for unscoped routes). */
export function expected(rule: RouteRule, caller: Caller, scope: ScopeCase): Expected {
  if (rule.who === 'public') return 'allow';
  if (caller === 'anonymous') return 'login';
  const ok = granted(rule, caller, scope);
  if (!rule.scope) return ok ? 'allow' : 'forbidden';
  const visible = sees(caller, scope);
  if (ok) return visible ? 'allow' : 'not_found';
  return visible ? 'forbidden' : 'forbidden_or_not_found';
}

const MARK: Record<Expected, string> = { allow: '✓', login: 'login', forbidden: '403', not_found: '404', forbidden_or_not_found: '403/404' };

function cell(rule: RouteRule, caller: Caller): string {
  if (!rule.scope || caller === 'anonymous' || rule.who === 'public') return MARK[expected(rule, caller, 'own')];
  const [own, child, foreign] = SCOPE_CASES.map((s) => MARK[expected(rule, caller, s)]);
  return own === child && child === foreign ? own! : `${own} · ${child} · ${foreign}`;
}

/** The policy as a Markdown table (docs/authorization.md holds this text between its markers). */
export function renderPolicyMarkdown(): string {
  const head = ['Route', ...CALLERS.map((c) => (c === 'anonymous' ? 'anonymous' : c)), 'Notes'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const [key, rule] of Object.entries(policy)) {
    const notes = [rule.scope ? 'scoped by record' : '', rule.adminDuty ? 'agency content (admin: separation of duties)' : '', rule.note ?? ''].filter(Boolean).join('; ');
    lines.push(`| \`${key}\` | ${CALLERS.map((c) => cell(rule, c)).join(' | ')} | ${notes} |`);
  }
  return lines.join('\n');
}
