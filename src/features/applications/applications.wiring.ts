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
import type { PersonalDataService } from '../personal-data/personal-data.service.ts';
import { createApplicationsService, type ApplicationsDeps, type ApplicationsService, type ClockRegistry } from './applications.service.ts';

export interface ApplicationsFeature {
  letters: LettersService;
  applications: ApplicationsService;
  appeals: AppealsService;
}

export function createApplicationsFeature(db: Kysely<Database>, deps: {
  audit: AuditService; agencies: AgenciesService; clock: () => Date; smtpUrl?: string;
  /** Encryption at rest and the access log of applicants' personal data. */
  personalData: PersonalDataService;
  /** The calendar in force (the calendar feature's store); defaults to the shipped data. */
  calendar?: () => Calendar | Promise<Calendar>;
  /** The deadlines feature, where every open statutory clock lives (recomputed when the calendar changes). */
  deadlines?: ClockRegistry;
  /** 条例 第三十条: the longest 补正 period an officer may set (working days). */
  correctionPeriodMaxWorkdays?: number;
  /** 109号 第五条: the largest page count a fee notice may bill. */
  feeMaxPages?: number;
  /** How long a message being sent stays claimed by its process (several processes share the outbox; decision 095). */
  mailLeaseMs?: number;
  /** The catalogue: disclosed information becomes a 主动公开 draft there (条例 第四十四条). */
  catalogue?: ApplicationsDeps['catalogue'];
}): ApplicationsFeature {
  const letters = createLettersService(db, deps.audit, deps.clock);
  const mailer = createMailer(db, { smtpUrl: deps.smtpUrl, clock: deps.clock, cipher: deps.personalData.cipher, ...(deps.mailLeaseMs ? { leaseMs: deps.mailLeaseMs } : {}) });
  const applications = createApplicationsService({ db, audit: deps.audit, agencies: deps.agencies, letters, mailer, personalData: deps.personalData, clock: deps.clock, ...(deps.calendar ? { calendar: deps.calendar } : {}), ...(deps.deadlines ? { deadlines: deps.deadlines } : {}),
    ...(deps.correctionPeriodMaxWorkdays ? { deadlineSettings: { maxCorrectionPeriodWorkdays: deps.correctionPeriodMaxWorkdays } } : {}),
    ...(deps.feeMaxPages ? { maxFeePages: deps.feeMaxPages } : {}), ...(deps.catalogue ? { catalogue: deps.catalogue } : {}) });
  return { letters, applications, appeals: createAppealsService(db, deps.audit, deps.clock) };
}
