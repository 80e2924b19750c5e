// Builds the applications feature's services (letters, mail outbox, applications, appeals) for the
// composition root: main.ts spreads the result into Services with one line.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { createLettersService, type LettersService } from '../letters/letters.service.ts';
import { createAppealsService, type AppealsService } from '../appeals/appeals.service.ts';
import { createMailer } from './applications.mail.ts';
import { createApplicationsService, type ApplicationsService } from './applications.service.ts';

export interface ApplicationsFeature {
  letters: LettersService;
  applications: ApplicationsService;
  appeals: AppealsService;
}

export function createApplicationsFeature(db: Kysely<Database>, deps: {
  audit: AuditService; agencies: AgenciesService; clock: () => Date; smtpUrl?: string; calendar?: () => Calendar | Promise<Calendar>;
}): ApplicationsFeature {
  const letters = createLettersService(db, deps.audit, deps.clock);
  const mailer = createMailer(db, { smtpUrl: deps.smtpUrl, clock: deps.clock });
  const applications = createApplicationsService({ db, audit: deps.audit, agencies: deps.agencies, letters, mailer, clock: deps.clock, ...(deps.calendar ? { calendar: deps.calendar } : {}) });
  return { letters, applications, appeals: createAppealsService(db, deps.audit, deps.clock) };
}
