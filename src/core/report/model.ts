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

/** A figure stated in the narrative (正文), with the table cells whose sum it should equal (rule N1). */
export interface NarrativeFigure {
  /** Quoted from the report (spaces as printed). */
  text: string;
  value: number;
  /** Short explanation, e.g. "本年新收 总计". */
  meaning: string;
  /** Cells whose sum the figure should equal; absent when the figure has no table counterpart (e.g. a fee in 元). */
  tableRef?: CellRef[];
  /** Sum of tableRef as computed from the tables (blank = 0). */
  tableValue?: number;
}

/** Where a report came from (free-form; the fixture README lists repository, path, commit, blob, url …). */
export type ReportSource = Record<string, string | null>;

export interface ReportModel {
  schemaVersion: 1;
  /** Agency name; "" when unknown (a blank template). */
  agency: string;
  /** 统一社会信用代码, when known */
  creditCode?: string | null;
  /** Report (statistics) year; 0 when unknown (a blank template, whose fixture prints year: null). */
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
  // — optional, additive (schema version 1) —
  /** Provenance of an imported report. */
  source?: ReportSource | null;
  /** Free-text remarks of whoever read the report (importer notes, fixture notes). */
  notes?: string[];
  /** Narrative figures, when known without the text (e.g. a fixture); rule N1 uses them when no section text is present. */
  narrativeFigures?: NarrativeFigure[];
  /** Labels as printed where they differ from the canonical key: { "<cell-ref prefix>": "<printed label>" },
   *  e.g. { "table2|第二十条第（一）项|行政规范性文件": "规范性文件" }. Rule W-label reads them. */
  printedLabels?: Record<string, string>;
  /** Cells the importer could not read (left blank, with a parse note): no rule counts them as 0; the rules that need
   *  them are reported as not checked. A supervisor's correction of a cell removes it from this list. */
  unreadCells?: CellRef[];
}

/** A cell reference: "table3|<row key>|<column>", "table4|<group>|<column>", "table2|<block>|<row>|<column>". */
export type CellRef = string;
