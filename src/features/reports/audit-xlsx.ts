// The audit as a workbook (exceljs): a summary sheet per agency, one per rule, a cross-year sheet, and one sheet per
// report listing its findings with the cells they name (reading problems and rule findings told apart) and the
// rule instances not checked because cells could not be read.
import type ExcelJS from 'exceljs';
import { excelJs } from '../shared/libraries.ts';
import { RULES } from '../../core/report/rules.ts';
import { findingCounts, type AuditResult, type CellCorrectionNote } from './audit.ts';
import { describeCell } from './reports.pages.tsx';

const STATUS_ZH = { clean: '通过', findings: '有错误', unreadable: '未能完整读取' } as const;
const SOURCE_ZH = { import: '读取', rules: '勾稽规则' } as const;
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };
const AMBER: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4CE' } };
const BLUE: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A supervisor's correction in words: 表三 （七）总计 · 总计：读取为空，更正为 69（理由；by date). */
export function correctionText(c: CellCorrectionNote): string {
  return `${describeCell(c.cell)}：读取为${c.original === null ? '空' : ` ${c.original} `}，督查人员更正为 ${c.value}（${c.reason}；${c.by} ${c.at.slice(0, 10)}）`;
}

/** The corrections among a finding's cells (a cell, or a row / group the finding names). */
export function correctedAmong(cells: readonly string[], corrections: readonly CellCorrectionNote[] | undefined): CellCorrectionNote[] {
  if (!corrections?.length) return [];
  return corrections.filter((c) => cells.some((x) => c.cell === x || c.cell.startsWith(`${x}|`)));
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetName(base: string, used: Set<string>): string {
  const clean = base.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '报告';
  let name = clean;
  for (let i = 2; used.has(name); i++) name = `${clean.slice(0, 26)}~${i}`;
  used.add(name);
  return name;
}

export async function auditWorkbook(a: AuditResult): Promise<Uint8Array> {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'Gongkai';
  const used = new Set<string>();

  const byAgency = wb.addWorksheet(sheetName('按机关汇总', used));
  byAgency.columns = [{ header: '机关', width: 36 }, { header: '年度', width: 8 }, { header: '文件', width: 40 }, { header: '结论', width: 14 }, { header: '错误', width: 8 }, { header: '警告', width: 8 }, { header: '读取问题', width: 10 }, { header: '未核对', width: 8 }];
  const sorted = [...a.reports].sort((x, y) => (x.agency ?? '').localeCompare(y.agency ?? '', 'zh-CN') || (x.year ?? 0) - (y.year ?? 0));
  for (const r of sorted) {
    const n = findingCounts(r.findings);
    const row = byAgency.addRow([r.agency ?? '（未识别）', r.year ?? '', r.file, STATUS_ZH[r.status], n.errors, n.warnings, n.reading, r.notChecked.length]);
    if (r.status !== 'clean') row.getCell(4).fill = r.status === 'findings' ? RED : AMBER;
  }
  byAgency.addRow([]);
  byAgency.addRow(['合计', '', `${a.summary.reports} 份`, `通过 ${a.summary.clean}，有错误 ${a.summary.withErrors}，未能完整读取 ${a.summary.unreadable}`]);
  byAgency.getRow(1).font = { bold: true };

  const byRule = wb.addWorksheet(sheetName('按规则汇总', used));
  byRule.columns = [{ header: '规则', width: 10 }, { header: '说明', width: 50 }, { header: '依据', width: 60 }, { header: '发现（处）', width: 10 }, { header: '涉及报告（份）', width: 12 }, { header: '未核对（处）', width: 12 }];
  const ruleTitle = new Map(RULES.map((r) => [r.id, r]));
  const ids = new Set<string>([...a.reports.flatMap((r) => [...r.findings.map((f) => f.rule), ...r.notChecked.map((c) => c.rule)]), ...a.crossYear.flatMap((c) => c.findings.map((f) => f.rule))]);
  for (const id of [...ids].sort()) {
    const findings = a.reports.flatMap((r) => r.findings.filter((f) => f.rule === id).map(() => r.file)).concat(a.crossYear.flatMap((c) => c.findings.filter((f) => f.rule === id).map(() => c.files[1])));
    const notChecked = a.reports.reduce((s, r) => s + r.notChecked.filter((c) => c.rule === id).length, 0);
    byRule.addRow([id, id === 'READ' ? '读取问题（导入时未能读取或不能确定）' : ruleTitle.get(id)?.title ?? '', ruleTitle.get(id)?.source ?? '', findings.length, new Set(findings).size, notChecked]);
  }
  byRule.getRow(1).font = { bold: true };

  const cross = wb.addWorksheet(sheetName('跨年核对', used));
  cross.columns = [{ header: '机关', width: 36 }, { header: '年度', width: 14 }, { header: '规则', width: 8 }, { header: '说明', width: 90 }];
  for (const c of a.crossYear) {
    if (c.findings.length === 0 && c.notChecked.length === 0) cross.addRow([c.agency, `${c.from}→${c.to}`, '', '通过']);
    for (const f of c.findings) cross.addRow([c.agency, `${c.from}→${c.to}`, f.rule, f.message]).getCell(4).fill = AMBER;
    for (const n of c.notChecked) cross.addRow([c.agency, `${c.from}→${c.to}`, n.rule, n.message]);
  }
  cross.getRow(1).font = { bold: true };

  for (const r of a.reports) {
    const ws = wb.addWorksheet(sheetName(`${r.agency ?? '未识别'}${r.year ?? ''}`, used));
    ws.columns = [{ header: '来源', width: 10 }, { header: '规则', width: 8 }, { header: '级别', width: 8 }, { header: '说明', width: 80 }, { header: '单元格', width: 60 }];
    ws.addRow(['文件', '', '', r.file, STATUS_ZH[r.status]]);
    for (const f of r.findings) {
      const fixed = correctedAmong(f.cells, r.corrections);
      const row = ws.addRow([SOURCE_ZH[f.source], f.rule, f.severity === 'error' ? '错误' : '警告', fixed.length ? `${f.message}（含督查人员更正的单元格）` : f.message, f.cells.join('\n')]);
      row.getCell(5).fill = f.severity === 'error' ? RED : AMBER;
      if (f.cells.length > 0) row.getCell(5).note = [`${f.rule}：${f.message}`, ...fixed.map(correctionText)].join('\n');
    }
    for (const c of r.corrections ?? []) {
      const row = ws.addRow(['更正', '', '', correctionText(c), c.cell]);
      row.getCell(5).fill = BLUE;
      row.getCell(5).note = `督查人员更正：读取值 ${c.original ?? '（空）'} → ${c.value}`;
    }
    for (const n of r.notChecked) ws.addRow(['未核对', n.rule, '', n.message, n.missing.join('\n')]);
    ws.getRow(1).font = { bold: true };
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
