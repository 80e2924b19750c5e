// Overrides: an officer may replace a compiled cell only with a written reason; the override is kept beside the
// computed value (audited, shown on the report page). Cell references are those of the rule catalogue
// ("table3|<row>|<column>", "table4|<group>|<column>", "table2|<block>|<row>|<column>").
import type { Cell, CellRef, ReportModel } from '../report/model.ts';
import { cellValue } from '../report/rules.ts';
import { isWrittenReason } from './workflow.ts';

export interface Override {
  value: Cell;
  /** The value compiled from the records when the override was made. */
  computed: Cell;
  reason: string;
  by: string;
  at: string;
}
export type Overrides = Record<CellRef, Override>;

export class OverrideError extends Error {
  constructor(message: string, readonly ref: CellRef) {
    super(message);
    this.name = 'OverrideError';
  }
}

/** True when the reference names an existing cell of the model. */
export function hasCell(model: ReportModel, ref: CellRef): boolean {
  const p = ref.split('|');
  if (p[0] === 'table3' && p.length === 3) return p[1]! in model.table3.rows && model.table3.columns.includes(p[2]!);
  if (p[0] === 'table4' && p.length === 3) return !!model.table4[p[1]!] && p[2]! in model.table4[p[1]!]!;
  if (p[0] === 'table2' && p.length === 4) return !!model.table2[p[1]!]?.[p[2]!] && p[3]! in model.table2[p[1]!]![p[2]!]!;
  return false;
}

/** Set one cell (mutates and returns the model). */
export function setCell(model: ReportModel, ref: CellRef, value: Cell): ReportModel {
  if (!hasCell(model, ref)) throw new OverrideError(`表格中没有单元格 ${ref}`, ref);
  const p = ref.split('|');
  if (p[0] === 'table3') model.table3.rows[p[1]!]![model.table3.columns.indexOf(p[2]!)] = value;
  else if (p[0] === 'table4') model.table4[p[1]!]![p[2]!] = value;
  else model.table2[p[1]!]![p[2]!]![p[3]!] = value;
  return model;
}

/** A new override; throws OverrideError without a written reason or for an unknown cell. */
export function makeOverride(computedModel: ReportModel, ref: CellRef, value: Cell, reason: string, by: string, at: string): Override {
  if (!hasCell(computedModel, ref)) throw new OverrideError(`表格中没有单元格 ${ref}`, ref);
  if (!isWrittenReason(reason)) throw new OverrideError('修改统计结果必须写明理由（至少4个字）', ref);
  if (value !== null && (!Number.isFinite(value))) throw new OverrideError('请填写数字', ref);
  return { value, computed: cellValue(computedModel, ref), reason: reason.trim(), by, at };
}

/** The computed model with every override applied (a copy). */
export function applyOverrides(computed: ReportModel, overrides: Overrides): ReportModel {
  const m = JSON.parse(JSON.stringify(computed)) as ReportModel;
  for (const [ref, o] of Object.entries(overrides)) if (hasCell(m, ref)) setCell(m, ref, o.value);
  return m;
}

/** Copy only the tables of `source` into `target` (narrative kept). */
export function withTables(target: ReportModel, source: ReportModel): ReportModel {
  return { ...target, table2: source.table2, table3: source.table3, table4: source.table4 };
}
