// A 办件 / catalogue table from an upload: CSV (UTF-8 or GB18030) or XLSX (first sheet; the archive read within the
// catalogue importer's limits), as objects keyed by the header row. A file that cannot be read is a 400 with the reason.
import { readTable } from '../catalogue/catalogue.import.ts';
import { ArchiveError } from '../shared/archive.ts';
import { AppError, validationFailed } from '../shared/errors.ts';

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
