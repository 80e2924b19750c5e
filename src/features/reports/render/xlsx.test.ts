import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS } from '../../../core/report/formats.ts';
import type { ReportModel } from '../../../core/report/model.ts';
import type { Finding } from '../../../core/report/rules.ts';
import { renderXlsx } from './xlsx.ts';
import { modelFromExpected, seedModel } from './test-helpers.ts';

async function load(model: ReportModel, findings?: readonly Finding[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(model, { findings })).buffer as ArrayBuffer);
  return wb;
}
const merges = (ws: ExcelJS.Worksheet) => (ws.model as unknown as { merges: string[] }).merges;

/** Reads 表三 back: label = the distinct texts of columns A–C (merged cells repeat their master's value). */
function readTable3(ws: ExcelJS.Worksheet): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  for (let r = 5; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    const labels = [...new Set([1, 2, 3].map((c) => String(row.getCell(c).value)))].filter((l) => l !== '三、本年度办理结果');
    const key = labels.map((l) => l.replace('（区分处理的，只计这一情形，不计其他情形）', '')).join('/');
    out[key] = [4, 5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value as number | null);
  }
  return out;
}

describe('renderXlsx', { timeout: 30_000 }, () => {
  it.each([
    ['pingtan-2023', modelFromExpected('pingtan-2023')],
    ['zhifu-approval-2019', seedModel()],
    ['pingtan-2021', modelFromExpected('pingtan-2021')],
  ] as [string, ReportModel][])('%s: reads back with the same numbers, as numbers', async (_slug, model) => {
    const wb = await load(model);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '表二', '表三', '表四']);
    expect(readTable3(wb.getWorksheet('表三')!)).toEqual(model.table3.rows);
    const t4 = wb.getWorksheet('表四')!.getRow(5);
    expect(TABLE4_GROUPS.flatMap((g, gi) => TABLE4_COLUMNS.map((c, ci) => t4.getCell(1 + gi * 5 + ci).value === model.table4[g]![c]))).not.toContain(false);
    const t2 = wb.getWorksheet('表二')!;
    let block = '';
    let cols: string[] = [];
    let seen = 0;
    t2.eachRow((row, r) => {
      if (r === 1) return;
      const first = String(row.getCell(1).value);
      if (first.startsWith('第二十条')) { block = first; return; }
      if (first === '信息内容') { cols = [2, 3, 4].map((c) => String(row.getCell(c).value)); return; }
      const expected = model.table2[block]![first]!;
      for (const [col, v] of Object.entries(expected)) {
        const cell = row.getCell(2 + cols.indexOf(col));
        expect(typeof cell.value).toBe(v === null ? 'object' : 'number');
        expect(cell.value).toBe(v);
        seen += 1;
      }
    });
    expect(seen).toBe(Object.values(model.table2).flatMap((b) => Object.values(b).flatMap((r) => Object.keys(r))).length);
  });

  it('keeps the national merged headers as merged cells', async () => {
    const wb = await load(modelFromExpected('pingtan-2023'));
    expect(merges(wb.getWorksheet('表三')!)).toEqual(expect.arrayContaining([
      'A2:C4', // the note cell
      'D2:J2', // 申请人情况
      'E3:I3', // 法人或其他组织
      'D3:D4', 'J3:J4', // 自然人, 总计
      'A7:A28', // 三、本年度办理结果 over 22 result rows
      'B9:B16', 'B17:B19', 'B20:B24', 'B25:B27', // （三）（四）（五）（六）
      'A5:C5', 'B28:C28', 'A29:C29',
    ]));
    expect(merges(wb.getWorksheet('表四')!)).toEqual(expect.arrayContaining(['A2:E3', 'F2:O2', 'F3:J3', 'K3:O3']));
    expect(merges(wb.getWorksheet('表二')!)).toEqual(expect.arrayContaining(['A2:D2', 'B7:D7', 'B8:D8']));
    const header = wb.getWorksheet('表三')!;
    expect(header.getCell('A2').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([4, 5, 6, 7, 8, 9, 10].map((c) => header.getRow(c === 4 || c === 10 ? 3 : 4).getCell(c).value)).toEqual([...TABLE3_COLUMNS]);
  });

  it('metadata sheet and a findings sheet when findings are given', async () => {
    const wb = await load(modelFromExpected('pingtan-2023'), [{ rule: 'I1', severity: 'error', message: '表三（一）予以公开行：总计 (22) ≠ 六类申请人之和 (23)', cells: ['table3|（一）予以公开|总计'], source: 'rules' }]);
    const meta = wb.getWorksheet('报告信息')!;
    expect(meta.getCell('B2').value).toBe('平潭综合实验区');
    expect(meta.getCell('B4').value).toBe(2023);
    expect(meta.getCell('B5').value).toBe('2021');
    const f = wb.getWorksheet('检查结果')!;
    expect(f.getRow(2).values).toEqual([undefined, 1, 'I1', '错误', '表三（一）予以公开行：总计 (22) ≠ 六类申请人之和 (23)', 'table3|（一）予以公开|总计']);
  });

  it('a blank report cell stays an empty cell (not 0)', async () => {
    const m = modelFromExpected('pingtan-2023');
    m.table3.rows['（一）予以公开'] = [22, 0, null, 0, 0, 0, 22];
    const ws = (await load(m)).getWorksheet('表三')!;
    expect(ws.getRow(7).getCell(6).value).toBeNull();
    expect(ws.getRow(7).getCell(5).value).toBe(0);
  });
});
