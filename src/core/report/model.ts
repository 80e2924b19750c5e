// The report model (schema version 1). Tables are label-keyed exactly as the interchange shape of
// tests/fixtures/reports/README.md, so a fixture's expected.json is a report model without sections.
import type { LayoutId } from './formats.ts';

/** A cell: a number, or null when the report leaves it blank (blank counts as 0 in sums, rule W-blank warns). */
export type Cell = number | null;

export type Table2 = Record<string, Record<string, Record<string, Cell>>>;
export interface Table3 {
  columns: string[];
  rows: Record<string, Cell[]>;
}
export type Table4 = Record<string, Record<string, Cell>>;

export interface NarrativeSection {
  /** Stable key (overview, proactive, requests, appeals, problems, other, supervision, …) */
  key: string;
  heading: string;
  text: string;
}

export interface ReportModel {
  schemaVersion: 1;
  agency: string;
  /** 统一社会信用代码, when known */
  creditCode?: string | null;
  /** Report (statistics) year */
  year: number;
  format: LayoutId;
  formatNote?: string | null;
  title?: string | null;
  /** Publication date YYYY-MM-DD (or "YYYY-MM-DD HH:mm" as printed), when known */
  published?: string | null;
  sections: NarrativeSection[];
  table2: Table2;
  table3: Table3;
  table4: Table4;
}

/** A cell reference: "table3|<row key>|<column>", "table4|<group>|<column>", "table2|<block>|<row>|<column>". */
export type CellRef = string;
