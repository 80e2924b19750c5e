import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../report/model.ts';
import { T3_RECEIVED, TABLE3_COLUMNS } from '../report/formats.ts';
import { hierarchyChecks, hierarchyProblems, type HierarchyReport, type HierarchySetting } from './hierarchy.ts';

const RECEIVED = `table3|${T3_RECEIVED}|总计`;
const REVIEW = 'table4|行政复议|总计';

/** A report whose 一、本年新收 总计 is `received` (自然人 the same) and 行政复议 总计 is `review`. */
function report(agencyId: number, agency: string, received: number | null, review = 0, unread: string[] = [], year = 2024): HierarchyReport {
  const model = {
    agency, year, format: '2021', table2: {},
    table3: { columns: [...TABLE3_COLUMNS], rows: { [T3_RECEIVED]: [received, 0, 0, 0, 0, 0, received] } },
    table4: { 行政复议: { 结果维持: review, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: review } },
  } as unknown as ReportModel;
  return { agencyId, agency, year, model, unreadCells: unread };
}

const AGENCIES = [
  { id: 1, name: '甲区人民政府', parentId: null },
  { id: 2, name: '甲区教育局', parentId: 1 },
  { id: 3, name: '甲区民政局', parentId: 1 },
  { id: 4, name: '甲区卫健局', parentId: 1 },
];

describe('H1: a government against the sum of its departments', () => {
  it.each([
    { mode: 'none', gov: 1, want: [] },
    { mode: 'at_least', gov: 12, want: [] },
    { mode: 'at_least', gov: 13, want: [] },
    { mode: 'at_least', gov: 11, want: ['表三 一、本年新收申请 总计：甲区人民政府2024年度报告为 11，小于所属 2 个部门报告之和 12（甲区教育局 5、甲区民政局 7）；按本主管部门的设定，本级应不小于所属部门之和（另有 1 个所属机关本次没有报告，未计入）'] },
    { mode: 'equal', gov: 12, want: [] },
    { mode: 'equal', gov: 13, want: ['表三 一、本年新收申请 总计：甲区人民政府2024年度报告为 13，大于所属 2 个部门报告之和 12（甲区教育局 5、甲区民政局 7）；按本主管部门的设定，本级应等于所属部门之和（另有 1 个所属机关本次没有报告，未计入）'] },
  ] as const)('$mode, 本级 $gov, departments 5 + 7', ({ mode, gov, want }) => {
    const setting: HierarchySetting = { mode, cells: [RECEIVED] };
    const reports = [report(1, '甲区人民政府', gov), report(2, '甲区教育局', 5), report(3, '甲区民政局', 7)];
    const got = hierarchyChecks(reports, AGENCIES, setting);
    expect(got.get(0)?.findings.map((f) => f.message) ?? []).toEqual(want);
    for (const f of got.get(0)?.findings ?? []) expect(f).toMatchObject({ rule: 'H1', severity: 'warning', source: 'rules', cells: [RECEIVED] });
    expect(got.has(1) || got.has(2)).toBe(false);
  });

  it('a cell unread in a department is not checked (never counted as 0); other cells still are', () => {
    const reports = [report(1, '甲区人民政府', 3, 1), report(2, '甲区教育局', null, 2, [RECEIVED]), report(3, '甲区民政局', 7, 0)];
    const got = hierarchyChecks(reports, AGENCIES, { mode: 'at_least', cells: [RECEIVED, REVIEW] }).get(0)!;
    expect(got.notChecked).toEqual([{ rule: 'H1', message: expect.stringContaining('有 1 份报告的这一单元格未能读取（甲区教育局:'), missing: [`甲区教育局:${RECEIVED}`] }]);
    expect(got.findings.map((f) => f.message)).toEqual([expect.stringContaining('表四 行政复议 总计：甲区人民政府2024年度报告为 1，小于所属 2 个部门报告之和 2（甲区教育局 2、甲区民政局 0）')]);
  });

  it('other years, agencies not on the platform and agencies without departments take no part', () => {
    const reports = [report(1, '甲区人民政府', 0), report(2, '甲区教育局', 5, 0, [], 2023), { ...report(3, '甲区民政局', 7), agencyId: null }, report(4, '甲区卫健局', 9)];
    const got = hierarchyChecks(reports, AGENCIES, { mode: 'equal', cells: [RECEIVED] });
    expect(got.get(0)!.findings[0]!.message).toContain('为 0，小于所属 1 个部门报告之和 9（甲区卫健局 9）；按本主管部门的设定，本级应等于所属部门之和（另有 2 个所属机关本次没有报告，未计入）');
    expect([...got.keys()]).toEqual([0]);
  });

  it.each([
    [{ mode: 'at_least', cells: [RECEIVED] }, []],
    [{ mode: 'none', cells: [] }, []],
    [{ mode: 'at_least', cells: [] }, ['cells']],
    [{ mode: 'sometimes', cells: [RECEIVED] }, ['mode']],
    [{ mode: 'equal', cells: ['table3|（一）予以公开|总计'] }, ['cells']],
    [{ mode: 'equal', cells: 'x' }, ['cells']],
  ])('setting %j → problems %j', (s, fields) => {
    expect(hierarchyProblems(s).map((p) => p.field)).toEqual(fields);
  });
});
