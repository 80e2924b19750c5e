// Markdown renderer: headings, paragraphs and GFM tables. GFM has no merged cells, so merged labels
// are flattened: table 三 rows use the interchange keys ("（三）不予公开/1.属于国家秘密"), column groups
// are prefixed ("法人或其他组织/商业企业", "行政诉讼/复议后起诉/总计"), and 表二 prints one table per
// 第二十条 block (the blocks have different columns).
import { TABLE3_COLUMNS, TABLE3_ORG_COLUMNS, TABLE4_COLUMNS, TABLE4_GROUPS, T3_HEADER_NOTE } from '../../../core/report/formats.ts';
import type { ReportModel } from '../../../core/report/model.ts';
import { formatCell, table2Blocks, table3RowKeys, type TableKey } from '../../../ui/report/grid.ts';
import { reportOutline } from '../../../ui/report/outline.ts';
import type { FindingView } from '../../../ui/report/ReportDocument.tsx';
import { t } from '../../../ui/i18n.ts';

/** Escapes text for Markdown: HTML is shown, not interpreted; a leading block marker is neutralised. */
export function mdText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/^(\s*)([#>*+-]|\d+[.)])/, (_m, sp: string, mark: string) => `${sp}\\${mark}`);
}

/** Escapes a table cell: pipes and line breaks would break the row. */
export function mdCell(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function mdTable(header: string[], rows: string[][], numericFrom = 1): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  const align = header.map((_, i) => (i >= numericFrom ? '---:' : '---'));
  return [line(header), `| ${align.join(' | ')} |`, ...rows.map(line)].join('\n');
}

function table2Md(model: ReportModel): string {
  return table2Blocks(model).map((b) => {
    const rows = b.rows.map((r) => [r, ...b.columns.map((c) => formatCell(model.table2?.[b.key]?.[r]?.[c]))]);
    return `### ${mdText(b.key)}\n\n${mdTable(['信息内容', ...b.columns], rows)}`;
  }).join('\n\n');
}

export const T3_MD_HEADER = ['项目', ...TABLE3_COLUMNS.map((c) => ((TABLE3_ORG_COLUMNS as readonly string[]).includes(c) ? `法人或其他组织/${c}` : c))];

function table3Md(model: ReportModel): string {
  const cols = model.table3?.columns ?? [...TABLE3_COLUMNS];
  const rows = table3RowKeys(model).map((key) => [key, ...TABLE3_COLUMNS.map((c) => {
    const i = cols.indexOf(c);
    return formatCell(model.table3?.rows?.[key]?.[i >= 0 ? i : TABLE3_COLUMNS.indexOf(c)]);
  })]);
  return `${mdText(T3_HEADER_NOTE)}\n\n${mdTable(T3_MD_HEADER, rows)}`;
}

export const T4_MD_HEADER = TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => (g === '行政复议' ? `${g}/${c}` : `行政诉讼/${g}/${c}`)));

function table4Md(model: ReportModel): string {
  const row = TABLE4_GROUPS.flatMap((g) => TABLE4_COLUMNS.map((c) => formatCell(model.table4?.[g]?.[c])));
  return mdTable(T4_MD_HEADER, [row], 0);
}

const TABLE_MD: Record<TableKey, (m: ReportModel) => string> = { table2: table2Md, table3: table3Md, table4: table4Md };

export function renderMarkdown(model: ReportModel, opts: { findings?: readonly FindingView[] } = {}): string {
  const outline = reportOutline(model);
  const parts: string[] = [`# ${mdText(outline.title)}`, outline.meta.map((m) => `- ${m.label}：${mdCell(m.value)}`).join('\n')];
  for (const b of outline.blocks) {
    if (b.kind === 'heading') parts.push(`## ${mdText(b.text)}`);
    else if (b.kind === 'paragraph') parts.push(mdText(b.text));
    else parts.push(TABLE_MD[b.key](model));
  }
  if (opts.findings) {
    parts.push(`## ${t('zh-CN', 'report.findings.title')}`);
    parts.push(opts.findings.length === 0 ? t('zh-CN', 'report.findings.none')
      : opts.findings.map((f, i) => `${i + 1}. **${t('zh-CN', `report.findings.${f.severity}`)}** [${mdCell(f.rule)}] ${mdCell(f.message)}${f.cells.length ? `（${mdCell(f.cells.join('；'))}）` : ''}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
