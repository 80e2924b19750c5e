// The 2021 format's table 二 第二十条第（八）项 行政事业性收费 (column 本年收费金额（单位：万元）, 国办公开办函〔2021〕30号):
// the fees collected in the year's 办件 (收费金额（元） of each 办件 row, any category) plus amounts entered under
// 行政事业性收费, drillable to each 办件; a fee that is not an amount is a row problem in the dry run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestApp, engines, type TestApp } from './harness.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const HEADER = '办件编号,办结日期,实施编码,决定类型,办理结果,收费金额（元）';

describe.each(engines())('办件 fees → 2021 table 二 收费 (%s)', (engine) => {
  let t: TestApp;
  let agencyId = 0;
  const as = { as: 'fee-officer', password: TEST_PASSWORD };
  const imp = (csv: string, dryRun = false) => t.api('POST', '/api/service-items/cases/import', { ...as, body: { filename: '办件.csv', contentBase64: b64(csv), dryRun } });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const gov = await buildAgency(t.db, { name: '收费测试区人民政府', kind: 'government' });
    agencyId = (await buildAgency(t.db, { name: '收费测试区行政审批服务局', parent_id: gov.id, kind: 'department' })).id;
    await buildUser(t.db, { username: 'fee-officer', agency_id: agencyId, role: 'officer' });
    const mk = async (name: string, code: string, type: string, extra: Record<string, unknown>) => {
      const r = await t.api('POST', '/api/service-items', { ...as, body: { values: { name, basicCode: '000173020000', type, implCode: code, ...extra }, statusOn: '2022-01-01' } });
      expect(r.statusCode).toBe(201);
    };
    await mk('城市基础设施配套费征收', 'FEE-PT-01', '行政征收', { charged: '是', feeBasis: '鲁政办发〔2015〕49号', feeStandard: '按建筑面积计征' });
    await mk('不动产登记（演示收费许可）', 'FEE-DJ-01', '行政许可', { charged: '是', feeBasis: '发改价格规〔2016〕2559号', feeStandard: '住宅 80 元/件' });
    await mk('食品经营许可', 'FEE-SP-01', '行政许可', { charged: '否' });
  });
  afterAll(async () => t?.close());

  it('refuses a fee that is not an amount (dry run lists it, nothing imported)', async () => {
    const r = (await imp([HEADER, 'FEE2023-0001,2023-03-01,FEE-PT-01,,已缴纳,12万', 'FEE2023-0002,2023-03-02,FEE-DJ-01,,准予登记,80.123'].join('\n'), true)).json() as { problems: { line: number; message: string }[] };
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(r.problems[0]!.message).toContain('收费金额“12万”应为以元计的金额');
  });

  it.each([
    // rows: [caseNo, date, code, fee] → expected 本年收费金额 (万元) of 2023
    [[['FEE2023-0001', '2023-03-01', 'FEE-PT-01', '123456.78'], ['FEE2023-0002', '2023-04-01', 'FEE-DJ-01', '80'], ['FEE2023-0003', '2023-05-01', 'FEE-DJ-01', '80'], ['FEE2023-0004', '2023-06-01', 'FEE-SP-01', ''], ['FEE2022-0001', '2022-12-30', 'FEE-PT-01', '5000']], 12.3617, 3],
    // a re-import with a corrected fee changes the sum, counts nothing twice
    [[['FEE2023-0001', '2023-03-01', 'FEE-PT-01', '100000'], ['FEE2023-0002', '2023-04-01', 'FEE-DJ-01', '80'], ['FEE2023-0003', '2023-05-01', 'FEE-DJ-01', '80'], ['FEE2023-0004', '2023-06-01', 'FEE-SP-01', '']], 10.016, 3],
  ])('table 二 收费 of 2023 is the sum of the 办件 fees (%#)', async (rows, wan, drilled) => {
    const res = await imp([HEADER, ...rows.map((r) => [r[0], r[1], r[2], '', '办结', r[3]].join(','))].join('\n'));
    expect(res.statusCode).toBe(200);
    const actor = { userId: 0, username: 'fee-officer', displayName: 'x', role: 'officer' as const, agencyId, agencyName: '', visibleAgencyIds: [agencyId] };
    const { model } = await t.services.annualReports.compile(actor, agencyId, 2023, { format: '2021' });
    const t2 = model.table2 as unknown as Record<string, Record<string, Record<string, number>>>;
    expect(t2['第二十条第（八）项']!['行政事业性收费']).toEqual({ '本年收费金额（单位：万元）': wan });
    // the fee 办件 of 许可 items still count as 许可 decisions
    expect(t2['第二十条第（五）项']!['行政许可']).toEqual({ 本年处理决定数量: 3 });
    const d = await t.services.annualReports.drill(actor, agencyId, 2023, 'table2|第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）' as never);
    const listed = (d.detail as unknown as { rows: { caseNo: string | null; amount: number | null }[] }).rows;
    expect(listed.map((r) => r.caseNo).sort()).toEqual(['FEE2023-0001', 'FEE2023-0002', 'FEE2023-0003'].slice(0, drilled));
  });
});
