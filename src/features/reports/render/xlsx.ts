// XLSX renderer (exceljs): a sheet with the report's metadata, then one sheet per official table
// (表二, 表三, 表四) drawn from the same grid as HTML/DOCX/PDF, with the national merged headers as
// merged cells. Numbers are stored as numbers (a blank report cell stays an empty cell), so the
// workbook can be summed and read back exactly.
import type ExcelJS from 'exceljs';
import { excelJs } from '../../shared/libraries.ts';
import type { ReportModel } from '../../../core/report/model.ts';
import { layoutName, placeGrid, reportGrids, TABLE_TITLES, type Grid, type TableKey } from '../../../ui/report/grid.ts';
import { reportTitle } from '../../../ui/report/outline.ts';
import type { FindingView } from '../../../ui/report/ReportDocument.tsx';
import { t } from '../../../ui/i18n.ts';

export const SHEET_NAMES: Record<TableKey, string> = { table2: '表二', table3: '表三', table4: '表四' };

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, bottom: thin, left: thin, right: thin };

/** Writes a grid at `firstRow` (1-based); returns nothing. Merges every spanned cell. */
function writeGrid(ws: ExcelJS.Worksheet, grid: Grid, firstRow: number): void {
  const { placed } = placeGrid(grid);
  for (const { row, col, cell } of placed) {
    const r = firstRow + row;
    const c = 1 + col;
    if (cell.rowSpan > 1 || cell.colSpan > 1) ws.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
    const xc = ws.getCell(r, c);
    if (cell.header) {
      xc.value = cell.text;
      xc.font = { bold: cell.role === 'caption' };
      xc.alignment = { wrapText: true, vertical: 'middle', horizontal: cell.role === 'rowhead' || cell.role === 'caption' ? 'left' : 'center' };
    } else {
      if (typeof cell.value === 'number') xc.value = cell.value;
      xc.alignment = { vertical: 'middle', horizontal: 'right' };
    }
  }
  // Borders on every position, including the ones covered by a merge.
  for (let r = 0; r < grid.rows.length; r += 1) {
    for (let c = 0; c < grid.columns; c += 1) ws.getCell(firstRow + r, 1 + c).border = BORDER;
  }
}

const COLUMN_WIDTHS: Record<TableKey, number[]> = {
  table2: [22, 16, 16, 16],
  table3: [8, 16, 34, 9, 9, 9, 9, 9, 9, 9],
  table4: Array.from({ length: 15 }, () => 9),
};

export async function renderXlsx(model: ReportModel, opts: { findings?: readonly FindingView[] } = {}): Promise<Uint8Array> {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'Gongkai';
  wb.title = reportTitle(model);

  const meta = wb.addWorksheet(t('zh-CN', 'report.sheet.meta'));
  meta.columns = [{ width: 18 }, { width: 60 }];
  const rows: [string, string | number][] = [
    ['标题', reportTitle(model)],
    [t('zh-CN', 'report.meta.agency'), model.agency],
    [t('zh-CN', 'report.meta.creditCode'), model.creditCode ?? ''],
    [t('zh-CN', 'report.meta.year'), model.year],
    [t('zh-CN', 'report.meta.format'), model.format],
    ['格式说明', model.formatNote ?? layoutName(model.format)],
    [t('zh-CN', 'report.meta.published'), model.published ?? ''],
  ];
  for (const r of rows) meta.addRow(r);
  meta.getColumn(1).font = { bold: true };

  const grids = reportGrids(model);
  for (const key of ['table2', 'table3', 'table4'] as TableKey[]) {
    const grid = grids[key];
    const ws = wb.addWorksheet(SHEET_NAMES[key], { views: [{ state: 'frozen', ySplit: 1 + grid.headerRows }] });
    ws.getCell(1, 1).value = TABLE_TITLES[key];
    ws.getCell(1, 1).font = { bold: true, size: 12 };
    ws.mergeCells(1, 1, 1, grid.columns);
    writeGrid(ws, grid, 2);
    COLUMN_WIDTHS[key].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  }

  if (opts.findings) {
    const ws = wb.addWorksheet(t('zh-CN', 'report.sheet.findings'));
    ws.columns = [{ header: '序号', width: 6 }, { header: '规则', width: 10 }, { header: '级别', width: 8 }, { header: '说明', width: 70 }, { header: '单元格', width: 60 }];
    opts.findings.forEach((f, i) => ws.addRow([i + 1, f.rule, t('zh-CN', `report.findings.${f.severity}`), f.message, f.cells.join('\n')]));
  }

  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
