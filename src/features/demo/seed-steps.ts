// The ordered list of demo seed steps. A later feature adds ONE import and ONE entry, e.g.
//   import { calendarSeedStep } from '../calendar/calendar.seed.ts';   …   calendarSeedStep,
// Each step must be safe to run on the data the earlier steps created (ctx.agencies holds them).
import { DEMO_PASSWORD, demoAgencies, demoUsers } from './demo.data.ts';
import type { SeedStep } from './demo.service.ts';
import { applicationsSeedStep } from '../applications/applications.seed.ts';
import { catalogueSeedStep } from '../catalogue/catalogue.seed.ts';
import { annualReportSeedStep } from '../annual-report/annual-report.seed.ts';
import { evaluationsSeedStep } from '../evaluations/evaluations.seed.ts';
import { serviceItemsSeedStep } from '../service-items/service-items.seed.ts';

export const agenciesAndUsersStep: SeedStep = {
  name: 'agencies-and-users',
  async run(ctx) {
    for (const a of demoAgencies) {
      const parent = a.parent ? ctx.agencies[a.parent] : undefined;
      const existing = await ctx.services.agencies.getByCreditCode(a.input.creditCode);
      ctx.agencies[a.key] = existing ?? (await ctx.services.agencies.create(ctx.actor, { ...a.input, parentId: parent?.id ?? null }));
    }
    for (const u of demoUsers) {
      const agency = ctx.agencies[u.agency]!;
      try {
        ctx.users[u.username] = await ctx.services.users.createAsSystem(ctx.actor, { username: u.username, displayName: u.displayName, role: u.role, agencyId: agency.id, password: DEMO_PASSWORD }, { demoAccount: true });
      } catch (e) {
        if ((e as { code?: string }).code !== 'duplicate') throw e;
      }
    }
    ctx.log(`演示数据已创建：${demoAgencies.length} 个机构，${demoUsers.length} 个用户（密码 ${DEMO_PASSWORD}）`);
  },
};

/** Last: demo rows some steps insert directly get their personal fields encrypted like every other row. */
export const personalDataSealStep: SeedStep = {
  name: 'personal-data-seal',
  async run(ctx) {
    await ctx.services.personalData.sealPlaintext();
  },
};

export const seedSteps: readonly SeedStep[] = [agenciesAndUsersStep, catalogueSeedStep, applicationsSeedStep, serviceItemsSeedStep, annualReportSeedStep, evaluationsSeedStep, personalDataSealStep];
