// Demo seed: runs when the database has no agency and DEMO_SEED is not false (and by `gongkai demo seed`).
// Steps run in order from the static list `seedSteps` (demo/seed-steps.ts); later features append
// their own step there — one import and one line — and may extend SeedServices with their service.
import type { AgenciesService, Agency } from '../agencies/agencies.service.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import type { User, UsersService } from '../users/users.service.ts';
import type { DemoAgencyKey } from './demo.data.ts';
import type { AnnualReportService } from '../annual-report/annual-report.service.ts';
import type { PersonalDataService } from '../personal-data/personal-data.service.ts';
import type { EvaluationsService } from '../evaluations/evaluations.service.ts';
import type { ServiceItemsService } from '../service-items/service-items.service.ts';

/** Services a seed step may use. Later features add their service here (Services in main.ts satisfies it). */
export interface SeedServices {
  agencies: AgenciesService;
  users: UsersService;
  audit: AuditService;
  /** the annual report (seeds the demo agency's published 2019 report) */
  annualReports: AnnualReportService;
  /** 好差评 (seeds the demo agency's 2019 ratings, return visits and suggestions) */
  evaluations: Pick<EvaluationsService, 'seedDemo2019'>;
  /** 政务服务事项 (seeds the demo items, their 街道 / 社区 implementations and the 2019 办件 of table 二) */
  serviceItems: Pick<ServiceItemsService, 'seedDemo'>;
  /** Encrypts the personal fields of rows a step wrote directly (last step). */
  personalData: Pick<PersonalDataService, 'sealPlaintext'>;
}

export interface SeedContext {
  services: SeedServices;
  /** the system actor the seed writes audit events as */
  actor: AuditActor;
  /** demo agencies by key, filled by the first step */
  agencies: Partial<Record<DemoAgencyKey, Agency>>;
  /** demo users by username, filled by the first step (only those it created) */
  users: Partial<Record<string, User>>;
  log(message: string): void;
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

export interface SeedResult {
  seeded: boolean;
  steps: string[];
}

/** Seeds when (and only when) the database is empty; returns what ran. */
export async function seedDemoIfEmpty(services: SeedServices, steps: readonly SeedStep[], log: (m: string) => void = () => {}): Promise<SeedResult> {
  if ((await services.agencies.list()).length > 0) return { seeded: false, steps: [] };
  return runSeed(services, steps, log);
}

export async function runSeed(services: SeedServices, steps: readonly SeedStep[], log: (m: string) => void = () => {}): Promise<SeedResult> {
  const ctx: SeedContext = { services, actor: { userId: null, displayName: '系统（演示数据）' }, agencies: {}, users: {}, log };
  const done: string[] = [];
  for (const step of steps) {
    await step.run(ctx);
    done.push(step.name);
  }
  return { seeded: true, steps: done };
}
