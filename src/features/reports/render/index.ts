// renderReport: one report model → HTML, DOCX, PDF, XLSX, JSON or Markdown.
// The official tables come from one grid (src/ui/report/grid.ts), so every format prints the same
// merged headers and the same numbers. `findings` (from checkReport) are listed at the end (HTML
// also marks their cells); the JSON output is always the bare report model.
import type { ReportModel } from '../../../core/report/model.ts';
import type { Finding } from '../../../core/report/rules.ts';
import { renderHtml } from './html.tsx';
import { renderPdf } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';
import { renderMarkdown } from './markdown.ts';

export type RenderTarget = 'html' | 'docx' | 'pdf' | 'xlsx' | 'json' | 'md';
export const RENDER_TARGETS: readonly RenderTarget[] = ['html', 'docx', 'pdf', 'xlsx', 'json', 'md'];

export interface RenderResult {
  body: Uint8Array | string;
  contentType: string;
  /** File extension without the dot. */
  extension: string;
}

export interface RenderOptions {
  /** Rule findings (core/report/rules.ts Finding) to list and, in HTML, to mark on their cells. */
  findings?: readonly Finding[];
}

export const CONTENT_TYPES: Record<RenderTarget, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

export async function renderReport(model: ReportModel, to: RenderTarget, opts: RenderOptions = {}): Promise<RenderResult> {
  const contentType = CONTENT_TYPES[to];
  switch (to) {
    case 'html': return { body: renderHtml(model, opts), contentType, extension: 'html' };
    case 'docx': return { body: await renderDocx(model, opts), contentType, extension: 'docx' };
    case 'pdf': return { body: await renderPdf(model, opts), contentType, extension: 'pdf' };
    case 'xlsx': return { body: await renderXlsx(model, opts), contentType, extension: 'xlsx' };
    case 'json': return { body: `${JSON.stringify(model, null, 2)}\n`, contentType, extension: 'json' };
    case 'md': return { body: renderMarkdown(model, opts), contentType, extension: 'md' };
    default: {
      const never: never = to;
      throw new Error(`unknown render target: ${String(never)}`);
    }
  }
}

/** DOCX: the docx library is imported on the first DOCX rendering, not at start-up (decision 117). */
export async function renderDocx(...args: Parameters<typeof import('./docx.ts').renderDocx>): Promise<Uint8Array> {
  return (await import('./docx.ts')).renderDocx(...args);
}

export { renderHtml, renderPdf, renderXlsx, renderMarkdown };
