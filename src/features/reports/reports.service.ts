// Reports use cases shared by the CLI, the API and the 年报体检 page: read a report file (JSON model, JSON
// fixture shape, or anything the importer reads), check it with the rule catalogue, render it, compare two years.
// Stateless: no database.
import { diffReports, type ReportDiff } from '../../core/report/diff.ts';
import { FixtureFormatError, reportFromJson, toFixture, type FixtureJson } from '../../core/report/fixture.ts';
import type { ReportModel } from '../../core/report/model.ts';
import { checkReport, type CheckContext, type Finding } from '../../core/report/rules.ts';
import { REPORT_MODEL_JSON_SCHEMA } from '../../core/report/schema.ts';
import { importReport, type ParseNote } from './import/index.ts';
import { renderReport, type RenderResult, type RenderTarget } from './render/index.ts';

export type { ParseNote } from './import/index.ts';
export type { Finding } from '../../core/report/rules.ts';

export interface ReportFile {
  bytes: Uint8Array;
  filename?: string;
  contentType?: string;
}

export interface ReadResult {
  model: ReportModel;
  notes: ParseNote[];
  /** How the file was read. */
  via: 'json-model' | 'json-fixture' | 'import';
}

export interface CheckResult {
  file: string;
  /** null when the file could not be read at all (see notes). */
  model: ReportModel | null;
  notes: ParseNote[];
  findings: Finding[];
}

export class ReportReadError extends Error {
  constructor(message: string, readonly file: string) {
    super(message);
    this.name = 'ReportReadError';
  }
}

function looksLikeJson(f: ReportFile): boolean {
  if (/\.json$/i.test(f.filename ?? '') || /json/i.test(f.contentType ?? '')) return true;
  // A leading "{" after optional BOM/whitespace.
  for (let i = 0; i < Math.min(f.bytes.length, 64); i++) {
    const b = f.bytes[i]!;
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b;
  }
  return false;
}

/** Read a report file: a JSON ReportModel, a JSON fixture-shape file (detected), or any importer format. */
export async function readReportFile(f: ReportFile): Promise<ReadResult> {
  const name = f.filename ?? '(未命名)';
  if (looksLikeJson(f)) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8').decode(f.bytes).replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new ReportReadError(`${name}：不是有效的 JSON（${(e as Error).message}） / not valid JSON`, name);
    }
    try {
      const isModel = typeof json === 'object' && json !== null && 'schemaVersion' in json;
      return { model: reportFromJson(json), notes: [], via: isModel ? 'json-model' : 'json-fixture' };
    } catch (e) {
      if (e instanceof FixtureFormatError) throw new ReportReadError(`${name}：${e.message}`, name);
      throw e;
    }
  }
  const r = await importReport({ bytes: f.bytes, ...(f.filename ? { filename: f.filename } : {}), ...(f.contentType ? { contentType: f.contentType } : {}) });
  return { model: r.model, notes: r.notes, via: 'import' };
}

/** Read and check one file. A file that cannot be read gives model null and an error note (never throws). */
export async function checkFile(f: ReportFile, ctx: CheckContext = {}): Promise<CheckResult> {
  const file = f.filename ?? '(未命名)';
  try {
    const { model, notes } = await readReportFile(f);
    return { file, model, notes, findings: checkReport(model, ctx) };
  } catch (e) {
    const message = e instanceof ReportReadError ? e.message : `${file}：无法读取（${(e as Error).message}） / cannot read the file`;
    return { file, model: null, notes: [{ level: 'error', message }], findings: [] };
  }
}

/** Check several files, in order. `onProgress` is called after each file (CLI progress bar). */
export async function checkFiles(files: ReportFile[], ctx: CheckContext = {}, onProgress?: (done: number, r: CheckResult) => void): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const f of files) {
    const r = await checkFile(f, ctx);
    out.push(r);
    onProgress?.(out.length, r);
  }
  return out;
}

export function hasErrors(results: readonly CheckResult[]): boolean {
  return results.some((r) => r.model === null || r.findings.some((f) => f.severity === 'error'));
}

export async function render(model: ReportModel, to: RenderTarget, opts: { withFindings?: boolean } = {}): Promise<RenderResult> {
  return renderReport(model, to, opts.withFindings ? { findings: checkReport(model) } : {});
}

export function asFixture(model: ReportModel): FixtureJson {
  return toFixture(model);
}

export function diff(a: ReportModel, b: ReportModel): ReportDiff {
  return diffReports(a, b);
}

export function reportSchema(): typeof REPORT_MODEL_JSON_SCHEMA {
  return REPORT_MODEL_JSON_SCHEMA;
}

/** The service object (for the Services bag style of the other features). */
export const reportsService = { readReportFile, checkFile, checkFiles, hasErrors, render, asFixture, diff, reportSchema };
export type ReportsService = typeof reportsService;
