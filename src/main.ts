// Composition root: config → database → repositories/services → app. Nothing else wires things.
import type { Config } from './config.ts';
import type { OpenDatabase } from './db/connect.ts';
import { createAgenciesService } from './features/agencies/agencies.service.ts';
import { createAuditService } from './features/audit/audit.service.ts';
import { createAuthService } from './features/auth/auth.service.ts';
import { createHealthService } from './features/admin/health.service.ts';
import { createPortalService } from './features/portal/portal.service.ts';
import { createUsersService } from './features/users/users.service.ts';
import type { Services } from './features/services.ts';
import { createCalendarService, createCalendarStore } from './features/calendar/calendar.service.ts';
import { createDeadlinesService } from './features/deadlines/deadlines.service.ts';
import { createApplicationsFeature } from './features/applications/applications.wiring.ts';
import { createCipher } from './features/personal-data/personal-data.crypto.ts';
import { resolveKeyring } from './features/personal-data/personal-data.keys.ts';
import { createPersonalDataService } from './features/personal-data/personal-data.service.ts';
import { createCatalogueService } from './features/catalogue/catalogue.service.ts';

import { createAnnualReportService } from './features/annual-report/annual-report.service.ts';
import { assertYearUnlocked } from './features/annual-report/annual-report.lock.ts';
import { createDecisionsService } from './features/decisions/decisions.service.ts';
import { createWorkService } from './features/work/work.service.ts';
import { createServiceItemsService } from './features/service-items/service-items.service.ts';
import { applicationsWorkProvider, publicationWorkProvider } from './features/applications/applications.work.ts';
import { catalogueWorkProvider } from './features/catalogue/catalogue.work.ts';
import { annualReportWorkProvider } from './features/annual-report/annual-report.work.ts';
import { mailFailuresProvider } from './features/work/work.mail.ts';
import { createDigestService } from './features/work/work.digest.ts';
import { createCacheSignals, createJobRunner } from './features/cluster/cluster.service.ts';
import { createEvaluationsService } from './features/evaluations/evaluations.service.ts';
import { evaluationsWorkProvider } from './features/evaluations/evaluations.work.ts';
import { createSupervisionService } from './features/supervision/supervision.service.ts';
import { createAuditPool, defaultAuditWorkers } from './features/reports/audit-pool.ts';
import { auditFile } from './features/reports/audit.ts';
import { createRectifyService } from './features/supervision/supervision.rectify.ts';
import { createOverviewService } from './features/supervision/supervision.overview.ts';
import { createSamplingService } from './features/supervision/supervision.sampling.ts';
import { createRankingsService } from './features/supervision/supervision.rankings.ts';
import { createCorrectionsService } from './features/supervision/supervision.corrections.ts';
import { createReportCompareService } from './features/supervision/supervision.report-compare.ts';

export type { Services } from './features/services.ts';

export interface ServiceOptions {
  /** The clock services use for timestamps (tests pass a fixed one). */
  clock?: () => Date;
}

export function createServices(config: Config, database: OpenDatabase, options: ServiceOptions = {}): Services {
  const { db } = database;
  const clock = options.clock ?? (() => new Date());
  const audit = createAuditService(db, clock);
  const agencies = createAgenciesService(db, audit, clock);
  const users = createUsersService(db, { audit, clock });
  const auth = createAuthService(db, { audit, agencies, idleMinutes: config.sessionIdleMinutes, clock });
  // the calendar in force (shipped ← imported ← edits) and the deadlines table of every open clock
  // Several processes on one database (decision 095): caches told when another process changed their data.
  const signals = createCacheSignals(db, { pollMs: config.cluster.cachePollMs, clock });
  const calendarStore = createCalendarStore(db, { signals });
  const deadlines = createDeadlinesService(db, { calendar: (ex) => calendarStore.current(ex), clock });
  // 第二十六条 clocks live in the deadlines table (recomputed when the calendar changes)
  const catalogue = createCatalogueService(db, {
    audit,
    agencies,
    clock,
    calendar: () => calendarStore.current(),
    deadlines,
    signals,
    files: { storage: config.fileStorage, dir: config.filesDir, maxBytes: config.uploadLimitMb * 1024 * 1024 },
  });
  // the annual report from live data (also a 工作台 card provider)
  // (the 好差评 figures of 总体情况 come from the evaluations service created below; called only when compiling)
  const annualReports = createAnnualReportService(db, { audit, agencies, clock, evaluationFigures: (ids, year) => evaluations.yearSummaries(ids, year) });
  // Applicants' personal fields: encrypted at rest with PERSONAL_DATA_KEY (or the key file), access log.
  const keyring = resolveKeyring(config);
  const personalData = createPersonalDataService(db, { cipher: createCipher(keyring), keySource: { source: keyring.source, file: keyring.file }, clock });
  const applicationsFeature = createApplicationsFeature(db, { audit, agencies, clock, smtpUrl: config.smtpUrl, calendar: () => calendarStore.current(), deadlines, personalData, correctionPeriodMaxWorkdays: config.correctionPeriodMaxWorkdays, feeMaxPages: config.feeMaxPages, mailLeaseMs: config.cluster.jobLeaseSeconds * 1000, catalogue });
  const calendar = () => calendarStore.current();
  // 政务服务事项 across 区 / 街道 / 社区 (item_mismatch in the work queue)
  const serviceItems = createServiceItemsService(db, { audit, agencies, assertYearUnlocked, clock, maxFileBytes: config.uploadLimitMb * 1024 * 1024 });
  // 好差评: ratings, 差评 work orders (work-queue kind bad_rating), suggestions
  const evaluations = createEvaluationsService(db, { audit, agencies, calendar, cipher: personalData.cipher, clock });
  // 督查体检 and 整改 (rectification in the agency's queue, the answer back in the supervisor's)
  // uploaded reports audited in worker threads (reports/audit-pool.ts), started at the first upload of several files and
  // stopped after a minute without one, so a server at rest carries none; a single file is read in this process
  const auditPool = createAuditPool({ size: config.auditWorkers || defaultAuditWorkers(), idleMs: 60_000 });
  const supervision = createSupervisionService(db, {
    audit, agencies, clock,
    auditFiles: async (files) => (files.length > 1 ? (await auditPool.auditFiles(files)).models : Promise.all(files.map((f) => auditFile(f)))),
  });
  const rectifications = createRectifyService(db, { audit, agencies, runs: supervision, clock });
  const supervisionOverview = createOverviewService(db, { audit, agencies, mailer: applicationsFeature.applications.mailer, today: applicationsFeature.applications.today, clock, ...(config.publicBaseUrl ? { baseUrl: config.publicBaseUrl } : {}) });
  const supervisionSampling = createSamplingService(db, { audit, agencies, clock });
  const supervisionRankings = createRankingsService(db);
  const supervisionCorrections = createCorrectionsService(db, { audit, runs: supervision, clock });
  const reportComparison = createReportCompareService({ runs: supervisionCorrections, annualReports });
  // 待办: each feature's kinds of work, in one list (a new kind is added by its feature's provider)
  const work = createWorkService([
    applicationsWorkProvider({ db, applications: applicationsFeature.applications, agencies, calendar }),
    // 条例 第四十四条: disclosed information several applicants asked for (publish_disclosure)
    publicationWorkProvider({ applications: applicationsFeature.applications, agencies }),
    catalogueWorkProvider({ db, agencies, calendar, clock }),
    annualReportWorkProvider({ db, agencies, today: applicationsFeature.applications.today }),
    mailFailuresProvider(applicationsFeature.applications.mailer),
    serviceItems.workProvider(),
    evaluationsWorkProvider(evaluations),
    rectifications.workProvider(),
    supervisionOverview.workProvider(),
  ]);
  const workDigest = createDigestService({ db, work, mailer: applicationsFeature.applications.mailer, agencies, calendar, clock, ...(config.publicBaseUrl ? { baseUrl: config.publicBaseUrl } : {}) });
  // Several processes on one database (decision 095): the background jobs run by whichever process takes a job's
  // lease (the jobs themselves are idempotent per day/message).
  const { mailer } = applicationsFeature.applications;
  const jobs = createJobRunner(db, [
    // mail waiting in the outbox and retries come due (backoff); each message is claimed before it is sent; at every
    // tick (one small query when nothing waits), so a message whose sender died goes out soon after its claim lapsed
    { name: 'mail.flush', everyMs: config.cluster.jobTickSeconds * 1000, enabled: () => mailer.smtp, run: () => mailer.flush() },
    // the day's work digests (once per user and working day, from DIGEST_HOUR; includes the annual report due by 31 January)
    { name: 'work.digest', everyMs: 5 * 60_000, run: () => workDigest.run() },
    // reminders 3 working days before a reply is due (once per application and due date)
    { name: 'applications.reminders', everyMs: 60 * 60_000, run: () => applicationsFeature.applications.remindDueSoon() },
  ], { leaseMs: config.cluster.jobLeaseSeconds * 1000, tickMs: config.cluster.jobTickSeconds * 1000, clock });
  return {
    config,
    dialect: database.dialect,
    health: createHealthService(db),
    audit,
    agencies,
    users,
    auth,
    portal: createPortalService(agencies, config.portalAgency),
    deadlines,
    calendar: createCalendarService(db, { audit, deadlines, store: calendarStore, clock }),
    ...applicationsFeature,
    personalData,
    catalogue,
    // 工作台 cards contributed by features (admin dashboard)
    dashboardCards: [(actor) => applicationsFeature.applications.dashboardCards(actor), (actor) => catalogue.dashboardCards(actor), (actor) => annualReports.dashboardCards(actor)],
    // the annual report from live data and the decisions register
    annualReports,
    decisions: createDecisionsService(db, { audit, assertYearUnlocked, clock }),
    work,
    workDigest,
    cluster: { signals, jobs },
    serviceItems,
    evaluations,
    supervision,
    rectifications,
    supervisionOverview,
    supervisionSampling,
    supervisionRankings,
    supervisionCorrections,
    reportComparison,
  };
}
