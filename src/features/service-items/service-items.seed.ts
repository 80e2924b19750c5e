// Demo seed step: the service-item catalogue of the 审批服务局 with 向阳街道 / 社区 implementations and the 2019 办件
// (service-items.demo.ts). Runs before the annual-report step, whose compiled 2019 table 二 counts them.
import type { SeedStep } from '../demo/demo.service.ts';

export const serviceItemsSeedStep: SeedStep = {
  name: 'service-items',
  async run(ctx) {
    const dept = ctx.agencies.department;
    if (!dept) return;
    const r = await ctx.services.serviceItems.seedDemo(ctx.actor, {
      department: dept.id,
      ...(ctx.agencies.street ? { street: ctx.agencies.street.id } : {}),
      ...(ctx.agencies.community ? { community: ctx.agencies.community.id } : {}),
    });
    if (r.seeded) ctx.log(`政务服务事项：${dept.name} 等 ${r.items} 条（含街道、社区实施清单），2019 年办件 ${r.cases} 件`);
  },
};
