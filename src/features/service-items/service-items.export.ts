// The catalogue as XLSX in documented columns: 实施单位, 层级, 状态, 状态生效日期, then every element of the schema in
// force in its order (基本目录, then 实施清单 — the provincial template's order where known, elements.ts), one row per
// implementing unit; 材料目录 / 常见问题 as their display text (one line per material: 名称（必要性，形式，来源，份数）).
import { excelJs } from '../shared/libraries.ts';
import { displayValue, type ElementDef, type ElementValues } from '../../core/service-items/index.ts';

export const FIXED_COLUMNS = ['实施单位', '层级', '状态', '状态生效日期'] as const;

export async function catalogueXlsx(schema: readonly ElementDef[], rows: readonly { agency: string; levelLabel: string; statusLabel: string; statusSince: string; values: ElementValues }[]): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  const ws = wb.addWorksheet('政务服务事项');
  ws.addRow([...FIXED_COLUMNS, ...schema.map((e) => e.label)]);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow([r.agency, r.levelLabel, r.statusLabel, r.statusSince, ...schema.map((e) => displayValue(e, r.values[e.key]).replace(/；(?=\d+\. )/g, '\n'))]);
  ws.columns.forEach((c, i) => { c.width = i < FIXED_COLUMNS.length ? 16 : 24; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
