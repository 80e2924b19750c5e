// The label-keyed interchange shape of tests/fixtures/reports/README.md (the shape of every expected.json) as an
// import/export format of the product ("--format fixture"), and the blank report of a format.
import {
  FORMATS, SECTIONS_ZHIFU_7, TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, layoutOf, type LayoutId,
} from './formats.ts';
import { canonicalLabel, normaliseLabel } from './labels.ts';
import type { Cell, NarrativeFigure, ReportModel, ReportSource, Table2, Table3, Table4 } from './model.ts';
import { formatSchemaErrors, validateReportModel } from './schema.ts';
import { figureTableValue, knownInconsistencies, narrativeFiguresOf } from './rules.ts';

export { normaliseLabel } from './labels.ts';

export interface FixtureNarrativeFigure {
  text: string;
  value: number;
  meaning: string;
  table_ref?: string[];
  table_value?: number;
}

/** The fixture (interchange) shape: snake_case metadata, label-keyed tables. */
export interface FixtureJson {
  agency: string | null;
  year: number | null;
  format: LayoutId;
  format_note?: string | null;
  title?: string | null;
  published?: string | null;
  source?: ReportSource | null;
  table2: Table2;
  table3: Table3;
  table4: Table4;
  narrative_figures?: FixtureNarrativeFigure[];
  known_inconsistencies?: string[];
  notes?: string[];
}

export class FixtureFormatError extends Error {
  constructor(message: string, readonly path: string) {
    super(`${path}: ${message}`);
    this.name = 'FixtureFormatError';
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function cell(x: unknown, path: string): Cell {
  if (x === null || x === undefined || x === '') return null;
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string') {
    const t = normaliseLabel(x).replace(/，/g, '');
    if (t === '') return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  }
  throw new FixtureFormatError(`单元格应为数字或 null，实际为 ${JSON.stringify(x)}`, path);
}

/** True when the JSON looks like the fixture shape (snake_case, no schemaVersion). */
export function isFixtureShape(json: unknown): boolean {
  return isObj(json) && !('schemaVersion' in json) && 'table3' in json && ('format' in json);
}

/**
 * Read the fixture shape into a ReportModel. Labels are normalised (half-width parentheses, spaces, "1、" …) and
 * the printed form is kept in printedLabels when it differs. agency null → "", year null → 0 (a blank template).
 * Throws FixtureFormatError (zh-CN message with the JSON path) on a malformed file.
 */
export function fromFixture(json: unknown): ReportModel {
  if (!isObj(json)) throw new FixtureFormatError('应为 JSON 对象', '$');
  const format = json.format;
  if (format !== '2019' && format !== '2021' && format !== 'hybrid') throw new FixtureFormatError(`format 应为 "2019"、"2021" 或 "hybrid"，实际为 ${JSON.stringify(format)}`, '$.format');
  const year = json.year === null || json.year === undefined ? 0 : json.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 0) throw new FixtureFormatError(`year 应为整数年份或 null，实际为 ${JSON.stringify(json.year)}`, '$.year');
  const agency = json.agency ?? '';
  if (typeof agency !== 'string') throw new FixtureFormatError('agency 应为字符串或 null', '$.agency');
  const printedLabels: Record<string, string> = {};

  const table2: Table2 = {};
  if (json.table2 !== undefined && !isObj(json.table2)) throw new FixtureFormatError('table2 应为对象', '$.table2');
  for (const [bk, rows] of Object.entries((json.table2 as Record<string, unknown>) ?? {})) {
    const b = canonicalLabel(bk, format, 'table2');
    if (b.printed) printedLabels[`table2|${b.label}`] = b.printed;
    if (!isObj(rows)) throw new FixtureFormatError('表二的块应为 { 行: { 列: 值 } }', `$.table2["${bk}"]`);
    const block: Record<string, Record<string, Cell>> = (table2[b.label] = {});
    for (const [rk, cols] of Object.entries(rows)) {
      const r = canonicalLabel(rk, format, 'table2');
      if (r.printed) printedLabels[`table2|${b.label}|${r.label}`] = r.printed;
      if (!isObj(cols)) throw new FixtureFormatError('表二的行应为 { 列: 值 }', `$.table2["${bk}"]["${rk}"]`);
      const row: Record<string, Cell> = (block[r.label] = {});
      for (const [ck, v] of Object.entries(cols)) {
        const c = canonicalLabel(ck, format, 'table2');
        if (c.printed) printedLabels[`table2|${b.label}|${r.label}|${c.label}`] = c.printed;
        row[c.label] = cell(v, `$.table2["${bk}"]["${rk}"]["${ck}"]`);
      }
    }
  }

  const t3in = json.table3;
  if (!isObj(t3in)) throw new FixtureFormatError('table3 应为 { columns, rows }', '$.table3');
  const columns = Array.isArray(t3in.columns) ? t3in.columns.map((c) => normaliseLabel(String(c))) : [...TABLE3_COLUMNS];
  if (!isObj(t3in.rows)) throw new FixtureFormatError('table3.rows 应为 { 行: [7 个值] }', '$.table3.rows');
  const rows3: Record<string, Cell[]> = {};
  for (const [rk, vals] of Object.entries(t3in.rows)) {
    const key = rk.split('/').map(normaliseLabel).join('/');
    if (key !== rk) printedLabels[`table3|${key}`] = rk;
    if (!Array.isArray(vals)) throw new FixtureFormatError('表三的行应为数组', `$.table3.rows["${rk}"]`);
    rows3[key] = vals.map((v, i) => cell(v, `$.table3.rows["${rk}"][${i}]`));
  }

  const table4: Table4 = {};
  if (json.table4 !== undefined && !isObj(json.table4)) throw new FixtureFormatError('table4 应为对象', '$.table4');
  for (const [gk, cols] of Object.entries((json.table4 as Record<string, unknown>) ?? {})) {
    if (!isObj(cols)) throw new FixtureFormatError('表四的组应为 { 列: 值 }', `$.table4["${gk}"]`);
    const g: Record<string, Cell> = (table4[normaliseLabel(gk)] = {});
    for (const [ck, v] of Object.entries(cols)) g[normaliseLabel(ck)] = cell(v, `$.table4["${gk}"]["${ck}"]`);
  }

  const model: ReportModel = {
    schemaVersion: 1,
    agency,
    year,
    format,
    formatNote: typeof json.format_note === 'string' ? json.format_note : null,
    title: typeof json.title === 'string' ? json.title : null,
    published: typeof json.published === 'string' ? json.published : null,
    sections: [],
    table2,
    table3: { columns, rows: rows3 },
    table4,
  };
  if (isObj(json.source)) model.source = json.source as ReportSource;
  if (Array.isArray(json.notes)) model.notes = json.notes.map(String);
  if (Array.isArray(json.narrative_figures)) {
    model.narrativeFigures = json.narrative_figures.map((f, i): NarrativeFigure => {
      if (!isObj(f) || typeof f.text !== 'string' || typeof f.value !== 'number') throw new FixtureFormatError('应为 { text, value, meaning, table_ref?, table_value? }', `$.narrative_figures[${i}]`);
      const out: NarrativeFigure = { text: f.text, value: f.value, meaning: typeof f.meaning === 'string' ? f.meaning : '' };
      if (Array.isArray(f.table_ref)) out.tableRef = f.table_ref.map(String);
      if (typeof f.table_value === 'number') out.tableValue = f.table_value;
      return out;
    });
  }
  if (Object.keys(printedLabels).length) model.printedLabels = printedLabels;
  return model;
}

/**
 * Write a ReportModel in the fixture shape. narrative_figures: the model's own list, else the figures the N1
 * extractor finds in the section texts; known_inconsistencies: recomputed with the rule catalogue (E1, I1, I2, I5, N1).
 */
export function toFixture(model: ReportModel): FixtureJson {
  const figures: FixtureNarrativeFigure[] = model.narrativeFigures
    ? model.narrativeFigures.map((f) => ({
      text: f.text, value: f.value, meaning: f.meaning,
      ...(f.tableRef ? { table_ref: [...f.tableRef], table_value: f.tableValue ?? figureTableValue(model, f.tableRef) } : {}),
    }))
    : narrativeFiguresOf(model).map((f) => ({
      text: f.text, value: f.value, meaning: f.meaning,
      ...(f.tableRef ? { table_ref: [...f.tableRef], table_value: figureTableValue(model, f.tableRef) } : {}),
    }));
  const out: FixtureJson = {
    agency: model.agency === '' ? null : model.agency,
    year: model.year === 0 ? null : model.year,
    format: model.format,
    ...(model.formatNote !== undefined ? { format_note: model.formatNote } : {}),
    ...(model.source ? { source: model.source } : {}),
    table2: structuredCloneTables(model.table2),
    table3: { columns: [...model.table3.columns], rows: Object.fromEntries(Object.entries(model.table3.rows).map(([k, v]) => [k, [...v]])) },
    table4: structuredCloneTables(model.table4),
    narrative_figures: figures,
    known_inconsistencies: knownInconsistencies(model),
    notes: model.notes ? [...model.notes] : [],
  };
  if (model.title !== undefined) out.title = model.title;
  if (model.published !== undefined && model.published !== null) out.published = model.published;
  return out;
}

function structuredCloneTables<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

export interface EmptyReportMeta {
  agency?: string;
  year?: number;
  title?: string | null;
  published?: string | null;
  creditCode?: string | null;
  /** Section layout: the national six parts (default) or the 芝罘区 seven-part local variant (2019). */
  sections?: 'national' | 'zhifu-7';
}

/** A blank report of a layout: every cell null, every section present with empty text. */
export function emptyReport(format: LayoutId, meta: EmptyReportMeta = {}): ReportModel {
  const layout = layoutOf(format);
  const table2: Table2 = {};
  for (const b of layout.table2) {
    table2[b.key] = Object.fromEntries(b.rows.map((r) => [r, Object.fromEntries(b.columns.map((c) => [c, null as Cell]))]));
  }
  const rows: Record<string, Cell[]> = {};
  for (const r of layout.table3Rows) rows[r] = TABLE3_COLUMNS.map(() => null);
  const table4: Table4 = {};
  for (const g of TABLE4_GROUPS) table4[g] = Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, null as Cell]));
  const sectionDefs = meta.sections === 'zhifu-7' ? SECTIONS_ZHIFU_7 : FORMATS[format === '2019' ? '2019' : '2021'].sections;
  const year = meta.year ?? 0;
  return {
    schemaVersion: 1,
    agency: meta.agency ?? '',
    ...(meta.creditCode !== undefined ? { creditCode: meta.creditCode } : {}),
    year,
    format,
    title: meta.title ?? (meta.agency && year ? `${meta.agency}${year}年政府信息公开工作年度报告` : null),
    published: meta.published ?? null,
    sections: sectionDefs.map((s) => ({ key: s.key, heading: s.heading, text: '' })),
    table2,
    table3: { columns: [...TABLE3_COLUMNS], rows },
    table4,
  };
}

/** Read either JSON shape — a ReportModel (has schemaVersion) or the fixture shape — into a ReportModel.
 *  Throws FixtureFormatError (zh-CN, with the JSON path of the first problem; all problems in the message). */
export function reportFromJson(json: unknown): ReportModel {
  if (isFixtureShape(json)) return fromFixture(json);
  const v = validateReportModel(json);
  if (!v.ok) throw new FixtureFormatError(`不是有效的年度报告模型（${v.errors.length} 处错误）：\n${formatSchemaErrors(v.errors)}`, v.errors[0]!.path);
  return v.model;
}
