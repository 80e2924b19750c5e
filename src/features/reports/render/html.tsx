// HTML renderer: a self-contained page (styles inlined) with the report as the public page shows it.
// React escapes every text node, so script in agency names or section text is printed, not run.
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReportModel } from '../../../core/report/model.ts';
import { ReportDocument, type FindingView } from '../../../ui/report/ReportDocument.tsx';
import { reportTitle } from '../../../ui/report/outline.ts';
import type { Locale } from '../../../ui/types.ts';

let css: string | undefined;
/** The report stylesheet (src/ui/static/report.css), read once. */
export function reportCss(): string {
  css ??= readFileSync(new URL('../../../ui/static/report.css', import.meta.url), 'utf8');
  return css;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderHtml(model: ReportModel, opts: { findings?: readonly FindingView[]; locale?: Locale } = {}): string {
  // React prints colSpan/rowSpan in camel case; HTML attributes are case-insensitive, but plain
  // lower case keeps simple readers (and the importer's tests) happy. Text is escaped by React, so
  // the pattern (an attribute followed by a raw quote) cannot occur inside text.
  const body = renderToStaticMarkup(<ReportDocument model={model} findings={opts.findings} locale={opts.locale} />)
    .replace(/ (colSpan|rowSpan)="/g, (_m, a: string) => ` ${a.toLowerCase()}="`);
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(reportTitle(model))}</title>`,
    `<style>${reportCss()}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
    '',
  ].join('\n');
}
