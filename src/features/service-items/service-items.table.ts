// A 办件 / catalogue table from an upload: CSV (UTF-8 or GB18030) or XLSX (first sheet; the archive read within the
// catalogue importer's limits), as objects keyed by the header row. A file that cannot be read is a 400 with the reason.
import { readTable, XLSX_LIMITS } from '../catalogue/catalogue.import.ts';
import { ArchiveError, safeArchive } from '../shared/archive.ts';
import { AppError, validationFailed } from '../shared/errors.ts';
import { excelJs } from '../shared/libraries.ts';

export const MAX_CASE_ROWS = 2_000_000;

export async function readCaseTable(filename: string, buf: Buffer): Promise<Array<Record<string, string>>> {
  if (buf.length === 0) throw validationFailed([{ field: 'file', message: '文件是空的' }]);
  let rows: Array<Record<string, string>>;
  try {
    rows = await readTable(filename, buf);
  } catch (e) {
    if (e instanceof ArchiveError) throw e.toAppError('file');
    if (e instanceof AppError) throw e;
    throw validationFailed([{ field: 'file', message: /\.xlsx$/i.test(filename) ? '无法读取这个 XLSX 文件，请用 Excel 另存为 .xlsx 后重试' : '无法读取这个 CSV 文件' }]);
  }
  if (rows.length > MAX_CASE_ROWS) throw validationFailed([{ field: 'file', message: `一次最多导入 ${MAX_CASE_ROWS} 行` }]);
  return rows;
}

/** Rows a catalogue XLSX may hold (the whole catalogue of a province is far below this). */
export const MAX_CATALOGUE_ROWS = 100_000;

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray((v as { richText: unknown }).richText)) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('result' in v) return String((v as { result: unknown }).result ?? '');
    return '';
  }
  return String(v);
}

/**
 * The first sheet of a catalogue XLSX with each row's number in the sheet (problems name it). The archive is rebuilt
 * within XLSX_LIMITS before exceljs sees it (a zip bomb or a file that is not an XLSX: 400 with the reason).
 */
export async function readCatalogueSheet(filename: string, buf: Buffer): Promise<{ header: string[]; rows: { row: number; cells: string[] }[] }> {
  if (buf.length === 0) throw validationFailed([{ field: 'file', message: '文件是空的' }]);
  if (!/\.xlsx$/i.test(filename)) throw validationFailed([{ field: 'file', message: '请上传 .xlsx 文件（事项目录导出的格式）' }]);
  const wb = new (excelJs().Workbook)();
  try {
    await wb.xlsx.load(safeArchive(buf, XLSX_LIMITS) as unknown as ArrayBuffer);
  } catch (e) {
    if (e instanceof ArchiveError) throw e.toAppError('file');
    throw validationFailed([{ field: 'file', message: '无法读取这个 XLSX 文件，请用 Excel 另存为 .xlsx 后重试' }]);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw validationFailed([{ field: 'file', message: '文件中没有工作表' }]);
  if (ws.rowCount > MAX_CATALOGUE_ROWS + 1) throw validationFailed([{ field: 'file', message: `一次最多导入 ${MAX_CATALOGUE_ROWS} 行` }]);
  let header: string[] = [];
  const rows: { row: number; cells: string[] }[] = [];
  const width = Math.min(ws.columnCount, 500);
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(r.getCell(c).value));
    if (header.length === 0) header = cells;
    else rows.push({ row: n, cells });
  });
  if (header.length === 0) throw validationFailed([{ field: 'file', message: '文件是空的：第一行应为列名' }]);
  return { header, rows };
}
