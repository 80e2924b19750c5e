// Batch audit of annual reports (supervision): read every file, separate what the reader could not read from what
// the rules found, and check the reports of one agency in consecutive years against each other (X1, X3, X4).
// Used by `gongkai report audit` and by the supervisor's audit runs. Pure of storage: files in, results out.
import type { CellRef, ReportModel } from '../../core/report/model.ts';
import { cellCountOf, checkReportDetailed, type CheckContext, type Finding, type NotChecked } from '../../core/report/rules.ts';
import type { ParseNote } from './import/index.ts';
import { readReportFile, ReportReadError, type ReportFile } from './reports.service.ts';

export type AuditStatus = 'clean' | 'findings' | 'unreadable';

export interface AuditedReport {
  file: string;
  /** From the report's title and text; null when not found. */
  agency: string | null;
  year: number | null;
  format: string | null;
  /** clean: every cell read, no error from the rules; findings: every cell read and a rule failed; unreadable: the file
   *  or some of its cells could not be read — never an accused report (the rules over unread cells are not checked). */
  status: AuditStatus;
  /** complete: every cell read; partial: some cells could not be read; none: the file could not be read. */
  read: 'complete' | 'partial' | 'none';
  /** Reading problems (source "import") and rule findings (source "rules"). */
  findings: Finding[];
  /** Rule instances not evaluated because cells they need were not read, with those cells. */
  notChecked: NotChecked[];
  unreadCells: CellRef[];
  /** The importer's informational notes (digit splits it decided, labels mapped …). */
  notes: ParseNote[];
  /** Cells a supervisor corrected in a stored run (decision 175): the rules ran on `value`; `original` is the reading. */
  corrections?: CellCorrectionNote[];
}

export interface CellCorrectionNote {
  cell: CellRef;
  /** the value read (null: left blank by the reader) */
  original: number | null;
  value: number;
  reason: string;
  by: string;
  at: string;
}

export interface CrossYearResult {
  agency: string;
  from: number;
  to: number;
  files: [string, string];
  findings: Finding[];
  notChecked: NotChecked[];
}

export interface AuditSummary {
  reports: number;
  clean: number;
  withErrors: number;
  unreadable: number;
}

export interface AuditResult {
  reports: AuditedReport[];
  crossYear: CrossYearResult[];
  summary: AuditSummary;
}

/** An audited report with its model (kept for cross-year checks, exports and corrections; not part of the JSON). */
export interface AuditedWithModel extends AuditedReport {
  model: ReportModel | null;
}

const CROSS_YEAR_RULES = new Set(['X1', 'X3', 'X4']);

/** A parse note the supervisor must see as a reading problem (not informational). */
function importFinding(n: ParseNote): Finding {
  return { rule: 'READ', severity: n.level === 'error' ? 'error' : 'warning', message: n.message, cells: n.cell ? [n.cell] : [], source: 'import' };
}

/** What a report is accused of and what the reader could not read, counted apart — the one definition every door uses
 *  (a run's report list and per-agency table, the report page, the workbook's summary, the 通报, the rankings): errors
 *  and warnings are the rules' findings only; a reading problem (source "import") is the reader's failure, never the
 *  report's (a report with unread cells is `unreadable`, not accused), and is counted as `reading`. */
export function findingCounts(findings: readonly Pick<Finding, 'severity' | 'source'>[]): { errors: number; warnings: number; reading: number } {
  let errors = 0, warnings = 0, reading = 0;
  for (const f of findings) {
    if (f.source !== 'rules') reading++;
    else if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings, reading };
}

/** Audit one already-read model (also used after a supervisor's cell correction). */
export function auditModel(file: string, model: ReportModel, notes: readonly ParseNote[], ctx: CheckContext = {}): AuditedWithModel {
  const outcome = checkReportDetailed(model, ctx);
  const rules = outcome.findings.filter((f) => !CROSS_YEAR_RULES.has(f.rule));
  const unreadCells = model.unreadCells ?? [];
  const readingProblems = notes.filter((n) => n.level !== 'info').map(importFinding);
  const allCells = cellCountOf(model);
  const read = allCells > 0 && unreadCells.length >= allCells ? 'none'
    : unreadCells.length > 0 || notes.some((n) => n.level === 'error' && !n.cell) ? 'partial' : 'complete';
  const status: AuditStatus = read !== 'complete' ? 'unreadable' : rules.some((f) => f.severity === 'error') ? 'findings' : 'clean';
  return {
    file,
    agency: model.agency || null,
    year: model.year || null,
    format: read === 'none' ? null : model.format,
    status,
    read,
    findings: [...readingProblems, ...rules],
    notChecked: outcome.notChecked.filter((c) => !CROSS_YEAR_RULES.has(c.rule)),
    unreadCells,
    notes: notes.filter((n) => n.level === 'info'),
    model,
  };
}

/** Read and audit one file; never throws (a file that cannot be read is `unreadable` with the reason). */
export async function auditFile(f: ReportFile, ctx: CheckContext = {}): Promise<AuditedWithModel> {
  const file = f.filename ?? '(未命名)';
  try {
    const { model, notes } = await readReportFile(f);
    return auditModel(file, model, notes, ctx);
  } catch (e) {
    return unreadableFile(file, e instanceof ReportReadError ? e.message : `${file}：无法读取（${(e as Error).message}） / cannot read the file`);
  }
}

/** A file that could not be read at all: `unreadable`, with the reason as its one reading problem. */
export function unreadableFile(file: string, message: string): AuditedWithModel {
  return {
    file, agency: null, year: null, format: null, status: 'unreadable', read: 'none',
    findings: [{ rule: 'READ', severity: 'error', message, cells: [], source: 'import' }], notChecked: [], unreadCells: [], notes: [], model: null,
  };
}

/** Agency names compared without spaces and full-width/half-width differences. */
export function agencyKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** Reports of one agency in consecutive years, checked against each other (X1 上年结转, X3, X4). When one agency has two
 *  reports for a year, the first (in file order) is used and the pair says so in its files. */
export function crossYearChecks(reports: readonly AuditedWithModel[]): CrossYearResult[] {
  const byAgency = new Map<string, AuditedWithModel[]>();
  for (const r of reports) {
    if (!r.model || !r.agency || !r.year) continue;
    const k = agencyKey(r.agency);
    const list = byAgency.get(k) ?? [];
    if (!list.some((x) => x.year === r.year)) list.push(r);
    byAgency.set(k, list);
  }
  const out: CrossYearResult[] = [];
  for (const list of byAgency.values()) {
    list.sort((a, b) => a.year! - b.year!);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!, cur = list[i]!;
      if (cur.year !== prev.year! + 1) continue;
      const o = checkReportDetailed(cur.model!, { previous: prev.model! });
      out.push({
        agency: cur.agency!, from: prev.year!, to: cur.year!, files: [prev.file, cur.file],
        findings: o.findings.filter((f) => CROSS_YEAR_RULES.has(f.rule)),
        notChecked: o.notChecked.filter((c) => CROSS_YEAR_RULES.has(c.rule)),
      });
    }
  }
  return out.sort((a, b) => a.agency.localeCompare(b.agency, 'zh-CN') || a.from - b.from);
}

export function summarise(reports: readonly AuditedReport[]): AuditSummary {
  return {
    reports: reports.length,
    clean: reports.filter((r) => r.status === 'clean').length,
    withErrors: reports.filter((r) => r.status === 'findings').length,
    unreadable: reports.filter((r) => r.status === 'unreadable').length,
  };
}

/** Audit files in order; `onProgress` after each (CLI progress bar). One bad file never stops the run. */
export async function auditFiles(files: Iterable<ReportFile> | AsyncIterable<ReportFile>, ctx: CheckContext = {}, onProgress?: (done: number, r: AuditedReport) => void): Promise<{ result: AuditResult; models: AuditedWithModel[] }> {
  const models: AuditedWithModel[] = [];
  for await (const f of files) {
    const r = await auditFile(f, ctx);
    models.push(r);
    onProgress?.(models.length, r);
  }
  return { result: auditResultOf(models), models };
}

/** The JSON shape of an audit (models left out). */
export function auditResultOf(models: readonly AuditedWithModel[]): AuditResult {
  const reports = models.map(({ model: _m, ...r }) => r);
  return { reports, crossYear: crossYearChecks(models), summary: summarise(reports) };
}
