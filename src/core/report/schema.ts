// The JSON Schema (draft 2020-12) of ReportModel, schema version 1, as a plain object (core imports no npm
// package), and a validator for the subset of JSON Schema it uses, with zh-CN messages and JSON paths.
// docs/report-model.schema.json is this object, pretty-printed (a unit test keeps them equal); the API serves it.
import { TABLE3_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS } from './formats.ts';
import type { ReportModel } from './model.ts';

export const REPORT_MODEL_SCHEMA_VERSION = 1;
export const REPORT_MODEL_SCHEMA_ID = 'https://gongkai.org.cn/schemas/report-model/v1.json';

type Schema = Record<string, unknown>;

const cell: Schema = { type: ['number', 'null'], description: '数值；空白单元格为 null（求和时按 0 计）。A number; null for a blank cell (counts as 0 in sums).' };
const cellRef: Schema = {
  type: 'string',
  pattern: '^table(2\\|[^|]+\\|[^|]+\\|[^|]+|3\\|[^|]+\\|[^|]+|4\\|[^|]+\\|[^|]+)$',
  description: '单元格引用：table3|<行>|<列>、table4|<类别>|<列>、table2|<块>|<行>|<列>。',
};

export const REPORT_MODEL_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: REPORT_MODEL_SCHEMA_ID,
  title: '政府信息公开工作年度报告 ReportModel (schema version 1)',
  description:
    '一份政府信息公开工作年度报告：元数据 + 正文各部分 + 表二、表三、表四。表格以国家格式（国办公开办函〔2019〕60号、〔2021〕30号）的标签为键，'
    + '与 tests/fixtures/reports/README.md 的交换格式一致。See docs/report-model.md.',
  type: 'object',
  required: ['schemaVersion', 'agency', 'year', 'format', 'sections', 'table2', 'table3', 'table4'],
  additionalProperties: false,
  properties: {
    schemaVersion: { const: REPORT_MODEL_SCHEMA_VERSION, description: '模型版本；不兼容的变更才会增加。' },
    agency: { type: 'string', description: '机关名称；空模板为 ""。' },
    creditCode: { type: ['string', 'null'], pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', description: '统一社会信用代码（18 位）。' },
    year: { type: 'integer', minimum: 0, maximum: 2200, description: '报告（统计）年度，不是发布年份；空模板为 0。' },
    format: { enum: ['2019', '2021', 'hybrid'], description: '格式版本：2019（60号）、2021（30号）或 hybrid（2021 表二 + 表三单行（六）其他处理）。' },
    formatNote: { type: ['string', 'null'] },
    title: { type: ['string', 'null'] },
    published: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2})?$', description: '发布日期 YYYY-MM-DD（或“YYYY-MM-DD HH:mm”）。' },
    sections: {
      type: 'array',
      description: '正文各部分，按报告顺序。',
      items: {
        type: 'object',
        required: ['key', 'heading', 'text'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', description: 'overview | proactive | requests | appeals | problems | other | supervision | …' },
          heading: { type: 'string' },
          text: { type: 'string' },
        },
      },
    },
    table2: {
      type: 'object',
      description: '二、主动公开政府信息情况：{ 块（第二十条第（一）项…）: { 行: { 列: 值 } } }。',
      additionalProperties: { type: 'object', additionalProperties: { type: 'object', additionalProperties: cell } },
    },
    table3: {
      type: 'object',
      description: '三、收到和处理政府信息公开申请情况：每行 7 个值，顺序同 columns。行键为“组/子行”，如“（三）不予公开/1.属于国家秘密”。',
      required: ['columns', 'rows'],
      additionalProperties: false,
      properties: {
        columns: { const: [...TABLE3_COLUMNS] },
        rows: { type: 'object', additionalProperties: { type: 'array', items: cell, minItems: 7, maxItems: 7 } },
      },
    },
    table4: {
      type: 'object',
      description: '四、政府信息公开行政复议、行政诉讼情况。',
      propertyNames: { enum: [...TABLE4_GROUPS] },
      additionalProperties: { type: 'object', propertyNames: { enum: [...TABLE4_COLUMNS] }, additionalProperties: cell },
    },
    source: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] }, description: '来源（仓库、路径、提交、网址…）。' },
    notes: { type: 'array', items: { type: 'string' } },
    narrativeFigures: {
      type: 'array',
      description: '正文中陈述的数字及其对应单元格（规则 N1）。',
      items: {
        type: 'object',
        required: ['text', 'value', 'meaning'],
        additionalProperties: false,
        properties: {
          text: { type: 'string' },
          value: { type: 'number' },
          meaning: { type: 'string' },
          tableRef: { type: 'array', items: cellRef },
          tableValue: { type: 'number' },
        },
      },
    },
    printedLabels: { type: 'object', additionalProperties: { type: 'string' }, description: '与规范标签不同的原印标签：{ 单元格引用前缀: 原印标签 }。' },
    unreadCells: { type: 'array', items: cellRef, description: '导入时未能读取的单元格（规则不按 0 计算，相关勾稽关系记为“未核对”）。' },
  },
} as const;

export interface SchemaError {
  /** JSON path, e.g. $.table3.rows["（一）予以公开"][6] */
  path: string;
  /** zh-CN message */
  message: string;
}

const TYPE_ZH: Record<string, string> = { string: '字符串', number: '数字', integer: '整数', object: '对象', array: '数组', null: 'null', boolean: '布尔值' };

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}
function typeMatches(x: unknown, t: string): boolean {
  if (t === 'integer') return typeof x === 'number' && Number.isInteger(x);
  if (t === 'number') return typeof x === 'number' && Number.isFinite(x);
  return typeOf(x) === t;
}
function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Validate against a schema using: type, const, enum, pattern, minimum, maximum, required, properties,
 *  additionalProperties, propertyNames, items, minItems, maxItems. Collects every error (capped at `limit`). */
export function validateAgainst(schema: Schema, x: unknown, path = '$', errors: SchemaError[] = [], limit = 200): SchemaError[] {
  if (errors.length >= limit) return errors;
  const push = (message: string, p = path) => { if (errors.length < limit) errors.push({ path: p, message }); };
  if ('const' in schema && !deepEqual(x, schema.const)) {
    push(`应为 ${JSON.stringify(schema.const)}，实际为 ${JSON.stringify(x)}`);
    return errors;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, x))) {
    push(`应为 ${schema.enum.map((e) => JSON.stringify(e)).join('、')} 之一，实际为 ${JSON.stringify(x)}`);
    return errors;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(x, t))) {
      push(`应为${types.map((t) => TYPE_ZH[t] ?? t).join('或')}，实际为${TYPE_ZH[typeOf(x)] ?? typeOf(x)}${typeof x === 'number' || typeof x === 'string' ? ` ${JSON.stringify(x)}` : ''}`);
      return errors;
    }
  }
  if (typeof x === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(x)) {
    push(`格式不正确：${JSON.stringify(x)}`);
  }
  if (typeof x === 'number') {
    if (typeof schema.minimum === 'number' && x < schema.minimum) push(`不应小于 ${schema.minimum}，实际为 ${x}`);
    if (typeof schema.maximum === 'number' && x > schema.maximum) push(`不应大于 ${schema.maximum}，实际为 ${x}`);
  }
  if (Array.isArray(x)) {
    if (typeof schema.minItems === 'number' && x.length < schema.minItems) push(`至少应有 ${schema.minItems} 项，实际 ${x.length} 项`);
    if (typeof schema.maxItems === 'number' && x.length > schema.maxItems) push(`至多应有 ${schema.maxItems} 项，实际 ${x.length} 项`);
    if (schema.items && typeof schema.items === 'object') x.forEach((v, i) => validateAgainst(schema.items as Schema, v, childPath(path, i), errors, limit));
  }
  if (typeOf(x) === 'object') {
    const obj = x as Record<string, unknown>;
    for (const r of (schema.required as string[] | undefined) ?? []) if (!(r in obj)) push(`缺少必填字段“${r}”`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (schema.propertyNames) validateAgainst(schema.propertyNames as Schema, k, childPath(path, k), [], 1).forEach((e) => push(`键“${k}”不允许：${e.message}`, e.path));
      if (k in props) validateAgainst(props[k]!, v, childPath(path, k), errors, limit);
      else if (schema.additionalProperties === false) push(`不允许的字段“${k}”`, childPath(path, k));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') validateAgainst(schema.additionalProperties as Schema, v, childPath(path, k), errors, limit);
    }
  }
  return errors;
}

export type ValidationResult = { ok: true; model: ReportModel; errors: [] } | { ok: false; errors: SchemaError[] };

/** Validate a parsed JSON value as a ReportModel (schema version 1). Errors are zh-CN with JSON paths. */
export function validateReportModel(json: unknown): ValidationResult {
  const errors = validateAgainst(REPORT_MODEL_JSON_SCHEMA as unknown as Schema, json);
  if (errors.length) return { ok: false, errors };
  return { ok: true, model: json as ReportModel, errors: [] };
}

/** One line per error, for CLI and problem+json detail. */
export function formatSchemaErrors(errors: SchemaError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
