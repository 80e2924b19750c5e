// Demo seed step: the records of the demo agency's year 2019 and its published 2019 report (format 2019,
// the 芝罘区 seven-part narrative). Compiling them reproduces tests/fixtures/reports/zhifu-approval-2019/expected.json.
import type { SeedStep } from '../demo/demo.service.ts';

export const annualReportSeedStep: SeedStep = {
  name: 'annual-report',
  async run(ctx) {
    const dept = ctx.agencies.department;
    if (!dept) return;
    const r = await ctx.services.annualReports.seedDemo2019(ctx.actor, dept.id);
    if (r.seeded) ctx.log(`年度报告：${dept.name} 2019 年度报告已按业务数据生成并发布${r.createdApplication ? '（含 2019 年的 1 件演示申请）' : ''}`);
  },
};
