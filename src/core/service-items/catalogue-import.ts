// The catalogue XLSX read back: the columns the export writes (service-items.export.ts) — 实施单位, 层级, 状态,
// 状态生效日期, then the elements by their labels in the schema's order (基本目录, then 实施清单: the provincial
// template's order where known, elements.ts). Columns may come in any order and may be left out (an element whose
// column is missing keeps its value); an unknown header is a problem, never silently dropped. Display text is turned
// back into values: a time limit "20 工作日" → {amount, unit}; a 材料目录 cell one line per material
// "1. 名称（必要性，形式，来源，N 份，依据：…）"; 常见问题 "问：… 答：…" joined by "；". Every problem names the row,
// the column and what to write instead (plain Chinese), so the dry run lists them all.
import type { ElementDef, ElementValues, Faq, Material } from './elements.ts';
import { TIME_UNITS } from './elements.ts';
import { ITEM_STATUSES, STATUS_LABELS, type ItemStatus } from './history.ts';
import { valueProblems } from './values.ts';
import { dateProblem } from '../validation/index.ts';

export const IMPORT_FIXED = { agency: '实施单位', level: '层级', status: '状态', statusOn: '状态生效日期' } as const;
export const LEVEL_NAMES = ['区', '街道', '社区'] as const;
/** Columns without which a row cannot be placed (the unit, and the elements required by the schema). */
const REQUIRED_FIXED = [IMPORT_FIXED.agency];

export interface ImportProblem { row: number; column: string; message: string }
export interface ImportRow {
  /** row number in the sheet (the header is row 1) */
  row: number;
  agency: string;
  level: string;
  status: ItemStatus;
  /** YYYY-MM-DD or '' (today) */
  statusOn: string;
  /** values of the columns present (an absent column is not in here) */
  values: ElementValues;
  /** time limits whose amount is not a number: a problem unless the item already holds the same value */
  notNumber: NotNumber[];
}
export interface NotNumber extends ImportProblem { key: string }
export interface CatalogueParse {
  rows: ImportRow[];
  problems: ImportProblem[];
  columns: string[];
  /** the 实施单位 of every row read, problem rows included (the service checks the names for all of them) */
  units: Map<number, string>;
}

const MATERIAL = /^(.*)（([^，（）]+)，([^，（）]+)，([^，（）]+)，(\d{1,2}) ?份(?:，依据：(.*))?）$/;

function parseTimeLimit(text: string): { amount: string; unit: string } | null {
  const m = new RegExp(`^(.*?)\\s*(${TIME_UNITS.join('|')})$`).exec(text.trim());
  return m ? { amount: m[1]!.trim(), unit: m[2]! } : null;
}

/** 材料目录 cell → materials; an unreadable line is a problem naming its number. */
export function parseMaterials(text: string): { materials: Material[]; problems: string[] } {
  const materials: Material[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n|；(?=\d+\. )/).map((l) => l.trim()).filter(Boolean);
  lines.forEach((line, n) => {
    const body = line.replace(/^\d+\.\s*/, '');
    const m = MATERIAL.exec(body);
    if (!m || !m[1]!.trim()) { problems.push(`第 ${n + 1} 项“${body.slice(0, 30)}”应写成：材料名称（必要性，材料形式，来源渠道，份数 份），例如：营业执照复印件（必要，纸质，申请人自备，1 份）`); return; }
    materials.push({ name: m[1]!.trim(), necessity: m[2]!, form: m[3]!, source: m[4]!, copies: Number(m[5]), blankForm: '', sample: '', basis: (m[6] ?? '').trim() });
  });
  return { materials, problems };
}

export function parseFaq(text: string): { faq: Faq[]; problems: string[] } {
  const faq: Faq[] = [];
  const problems: string[] = [];
  text.split(/\r?\n|；(?=问：)/).map((l) => l.trim()).filter(Boolean).forEach((part, n) => {
    const m = /^问：(.*?)\s*答：(.*)$/s.exec(part);
    if (!m || !m[1]!.trim() || !m[2]!.trim()) { problems.push(`第 ${n + 1} 条应写成“问：…… 答：……”`); return; }
    faq.push({ q: m[1]!.trim(), a: m[2]!.trim() });
  });
  return { faq, problems };
}

/**
 * Reads the sheet (header row, then rows with their sheet row numbers). Problems of the header come as row 1;
 * a blank row is skipped; two rows with the same 实施编码 are both named.
 */
export function parseCatalogueSheet(schema: readonly ElementDef[], header: readonly string[], rows: readonly { row: number; cells: readonly string[] }[]): CatalogueParse {
  const problems: ImportProblem[] = [];
  const byLabel = new Map(schema.map((e) => [e.label, e]));
  const fixed = new Set<string>(Object.values(IMPORT_FIXED));
  const cols = header.map((h) => h.trim());
  cols.forEach((h, i) => {
    if (!h) return;
    if (!fixed.has(h) && !byLabel.has(h)) problems.push({ row: 1, column: h, message: `不认识的列“${h}”：列名应为导出文件中的列名（实施单位、层级、状态、状态生效日期和各要素名称）` });
    if (cols.indexOf(h) !== i) problems.push({ row: 1, column: h, message: `列“${h}”出现了两次，请删去一列` });
  });
  for (const need of [...REQUIRED_FIXED, ...schema.filter((e) => e.required).map((e) => e.label)]) {
    if (!cols.includes(need)) problems.push({ row: 1, column: need, message: `缺少“${need}”列` });
  }
  if (problems.length) return { rows: [], problems, columns: cols, units: new Map() };

  const out: ImportRow[] = [];
  const units = new Map<number, string>();
  const seen = new Map<string, number>();
  const statusByLabel = new Map(ITEM_STATUSES.map((s) => [STATUS_LABELS[s], s]));
  for (const { row, cells } of rows) {
    const cell = (label: string) => { const i = cols.indexOf(label); return i < 0 ? '' : String(cells[i] ?? '').trim(); };
    if (cols.every((_, i) => !String(cells[i] ?? '').trim())) continue;
    const mine: ImportProblem[] = [];
    const notNumber: NotNumber[] = [];
    const p = (column: string, message: string) => mine.push({ row, column, message });
    const agency = cell(IMPORT_FIXED.agency);
    units.set(row, agency);
    if (!agency) p(IMPORT_FIXED.agency, '请填写实施单位（机构全称，与系统中的机构名称一致）');
    const level = cell(IMPORT_FIXED.level);
    if (level && !(LEVEL_NAMES as readonly string[]).includes(level)) p(IMPORT_FIXED.level, `层级“${level}”应为 区、街道 或 社区`);
    const statusText = cell(IMPORT_FIXED.status);
    const status = statusText ? statusByLabel.get(statusText) : 'active';
    if (!status) p(IMPORT_FIXED.status, `状态“${statusText}”应为 在用、暂停 或 取消`);
    const statusOn = cell(IMPORT_FIXED.statusOn);
    if (statusOn) { const d = dateProblem(statusOn, '状态生效日期'); if (d) p(IMPORT_FIXED.statusOn, d); }

    const values: ElementValues = {};
    for (const e of schema) {
      if (!cols.includes(e.label)) continue;
      const text = cell(e.label);
      if (!text) continue;
      if (e.kind === 'timeLimit') {
        const t = parseTimeLimit(text);
        if (!t) { p(e.label, `${e.label}“${text.slice(0, 30)}”应写成 数字 + 单位（${TIME_UNITS.join('、')}），例如 20 工作日`); continue; }
        // 法定 / 承诺办结时限 are a number with its unit (spec §6.1: 时限 + 单位 + 说明). A new or changed limit that is
        // not a number ("即时", "当场") is refused; the same text an item already holds passes (its own export read back)
        // and stays flagged by the completeness rules — the service decides, knowing the stored value.
        if (!/^\d{1,4}(\.\d)?$/.test(t.amount)) notNumber.push({ row, column: e.label, key: e.key, message: `${e.label}“${text.slice(0, 30)}”不是数字：请写成 数字 + 单位，例如 20 工作日（即办件写 0 工作日）` });
        values[e.key] = t;
      } else if (e.kind === 'materials') {
        const m = parseMaterials(text);
        for (const x of m.problems) p(e.label, `${e.label}${x}`);
        values[e.key] = m.materials;
      } else if (e.kind === 'faq') {
        const f = parseFaq(text);
        for (const x of f.problems) p(e.label, `${e.label}${x}`);
        values[e.key] = f.faq;
      } else values[e.key] = text;
    }
    // the element rules of the schema (required, options, number formats, material fields), named by column
    const labelOf = new Map(schema.map((e) => [`el.${e.key}`, e.label]));
    const shown = new Set(mine.map((x) => x.column));
    for (const v of valueProblems(schema, values)) {
      const column = labelOf.get(v.field) ?? v.field;
      if (!shown.has(column)) p(column, v.message);
    }
    const code = typeof values.implCode === 'string' ? values.implCode : '';
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) p('实施编码', `实施编码 ${code} 与第 ${first} 行重复：每个实施编码只能有一行`);
      else seen.set(code, row);
    }
    if (mine.length) { problems.push(...mine); continue; }
    out.push({ row, agency, level, status: status!, statusOn, values, notNumber });
  }
  return { rows: out, problems, columns: cols, units };
}
