// Demo seed step: the 审批服务局's 2019 好差评 year from individual records (evaluations.demo.ts), so that the
// statistics page and getEvaluationSummary show the reference agency's published figures.
import type { SeedStep } from '../demo/demo.service.ts';

export const evaluationsSeedStep: SeedStep = {
  name: 'evaluations',
  async run(ctx) {
    const dept = ctx.agencies.department;
    if (!dept) return;
    const r = await ctx.services.evaluations.seedDemo2019(dept.id);
    if (r.seeded) ctx.log(`好差评：${dept.name} 2019 年 ${r.ratings} 条评价、${r.visits} 次电话回访、${r.suggestions} 条意见建议`);
  },
};
