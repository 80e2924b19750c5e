// The typed bag of services the composition root (src/main.ts) builds and the doors (http, cli)
// use. A new feature adds its service here (one line) and in createServices (src/main.ts).
import type { Config } from '../config.ts';
import type { DashboardCard } from '../ui/types.ts';
import type { Actor } from './shared/actor.ts';
import type { AgenciesService } from './agencies/agencies.service.ts';
import type { AuditService } from './audit/audit.service.ts';
import type { AuthService } from './auth/auth.service.ts';
import type { HealthService } from './admin/health.service.ts';
import type { PortalService } from './portal/portal.service.ts';
import type { UsersService } from './users/users.service.ts';
import type { SeedServices } from './demo/demo.service.ts';
import type { ApplicationsService } from './applications/applications.service.ts';
import type { LettersService } from './letters/letters.service.ts';
import type { AppealsService } from './appeals/appeals.service.ts';
import type { CatalogueService } from './catalogue/catalogue.service.ts';
import type { CalendarService } from './calendar/calendar.service.ts';
import type { DeadlinesService } from './deadlines/deadlines.service.ts';

import type { AnnualReportService } from './annual-report/annual-report.service.ts';
import type { DecisionsService } from './decisions/decisions.service.ts';
import type { ServiceItemsService } from './service-items/service-items.service.ts';
import type { WorkService } from './work/work.service.ts';
import type { PersonalDataService } from './personal-data/personal-data.service.ts';
import type { DigestService } from './work/work.digest.ts';
import type { CacheSignals, JobRunner } from './cluster/cluster.service.ts';
import type { EvaluationsService } from './evaluations/evaluations.service.ts';
import type { SupervisionService } from './supervision/supervision.service.ts';
import type { RectifyService } from './supervision/supervision.rectify.ts';
import type { OverviewService } from './supervision/supervision.overview.ts';
import type { SamplingService } from './supervision/supervision.sampling.ts';
import type { RankingsService } from './supervision/supervision.rankings.ts';
import type { CorrectionsService } from './supervision/supervision.corrections.ts';
import type { ReportCompareService } from './supervision/supervision.report-compare.ts';

/** A feature's 工作台 cards for the signed-in user (listed in Services.dashboardCards, shown in order). */
export type DashboardCardProvider = (actor: Actor) => Promise<readonly DashboardCard[]>;

export interface Services extends SeedServices {
  config: Config;
  /** Database engine in use ('sqlite' | 'postgres'), for display and diagnostics. */
  dialect: 'sqlite' | 'postgres';
  health: HealthService;
  audit: AuditService;
  agencies: AgenciesService;
  users: UsersService;
  auth: AuthService;
  portal: PortalService;
  /** the working-day calendar in force (admin: import a year, edit a day) */
  calendar: CalendarService;
  /** every open statutory clock (track / close / recompute) */
  deadlines: DeadlinesService;
  applications: ApplicationsService;
  letters: LettersService;
  appeals: AppealsService;
  catalogue: CatalogueService;
  /** 工作台 card providers contributed by features (src/main.ts); optional so partial test wirings need none. */
  dashboardCards?: readonly DashboardCardProvider[];
  /** the annual report from live data, and the decisions register (表二) */
  annualReports: AnnualReportService;
  decisions: DecisionsService;
  /** The signed-in user's work queue (待办), filled by the providers features contribute (src/main.ts); optional so partial test wirings need none. */
  work?: WorkService;
  /** Applicants' personal data: encryption at rest (seal, rotate) and the access log. */
  personalData: PersonalDataService;
  /** The daily work digest e-mail (sent by the server's timer and `gongkai work digest`). */
  workDigest?: DigestService;
  /**
   * Several processes on one database (decision 095): cache signals between processes and the background jobs, each
   * run by one process at a time. `gongkai serve` starts both; optional so partial test wirings need none.
   */
  cluster?: { signals: CacheSignals; jobs: JobRunner };
  /** 政务服务事项 (service items across 区 / 街道 / 社区, must-match check, year counts of table 二) */
  serviceItems: ServiceItemsService;
  /** 政务服务好差评: ratings, 差评 work orders, suggestions, statistics (decision 080) */
  evaluations: EvaluationsService;
  /** 督查体检: audit runs over many annual reports, triage of findings (decision 110) */
  supervision: SupervisionService;
  /** 整改: findings sent to the agency, its answer and the supervisor's review (work-queue kinds rectify_audit_finding, review_audit_rectification) */
  rectifications: RectifyService;
  /** the overview across the agencies below, the 31 January campaign and reminders, the assessment with weights */
  supervisionOverview: OverviewService;
  /** the 不定期抽查 of the assessment: seeded draws of records, their 合格 / 不合格 results (decision 155) */
  supervisionSampling: SamplingService;
  /** comparisons and rankings across the agencies below a supervisor (decision 180) */
  supervisionRankings: RankingsService;
  /** a supervisor's corrections of cells in an audit run's report, the rules run again (decision 175) */
  supervisionCorrections: CorrectionsService;
  /** 差异比对: two reports side by side — narrative, every cell with its delta, the cross-year rules (decision 175) */
  reportComparison: ReportCompareService;
}
