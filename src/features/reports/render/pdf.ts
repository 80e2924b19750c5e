// PDF renderer (pdfmake 0.3.11 on the server) with an embedded CJK font (Noto Sans SC 400/700 from
// @expo-google-fonts/noto-sans-sc, OFL-1.1), so the tables never print as tofu and the text layer
// extracts exactly. The font files are read once per process and handed to pdfmake through its
// virtual file system; pdfmake may open no URL and no other local file (access policies).
// A4, margins as 公文 (上37mm 下35mm 左28mm 右26mm); the same merged tables as HTML/DOCX.
import { MM, PDF_FONT, pdfmakeReady } from '../../shared/pdf.ts';
import type pdfmake from 'pdfmake';
import type { Content, TableCell } from 'pdfmake';
import type { ReportModel } from '../../../core/report/model.ts';
import { placeGrid, type Grid } from '../../../ui/report/grid.ts';
import { reportOutline } from '../../../ui/report/outline.ts';
import type { FindingView } from '../../../ui/report/ReportDocument.tsx';
import { t } from '../../../ui/i18n.ts';

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];


const MARGINS: [number, number, number, number] = [28 * MM, 37 * MM, 26 * MM, 35 * MM]; // left, top, right, bottom
const CONTENT_WIDTH = 210 * MM - MARGINS[0] - MARGINS[2];
const KEEP_WITH_TABLE = 160; // pt
/** Tables kept whole on one page with their heading (each fits an A4 page at its font size); 表二 may break. */
const UNBROKEN_TABLES: ReadonlySet<string> = new Set(['table3', 'table4']);

function tableContent(grid: Grid): Content {
  const { cover } = placeGrid(grid);
  const fontSize = grid.key === 'table4' ? 7.5 : grid.key === 'table3' ? 8.5 : 9;
  const body: TableCell[][] = cover.map((line, r) => line.map((pc, c) => {
    if (!pc || pc.row !== r || pc.col !== c) return {} as TableCell; // covered by a span
    const cell = pc.cell;
    const out: Record<string, unknown> = { text: cell.text, fontSize, lineHeight: 1.15 };
    if (cell.colSpan > 1) out.colSpan = cell.colSpan;
    if (cell.rowSpan > 1) out.rowSpan = cell.rowSpan;
    if (!cell.header) { out.alignment = 'right'; out.fontFeatures = ['tnum']; }
    else if (cell.role === 'rowhead' || cell.role === 'caption') out.alignment = 'left';
    else out.alignment = 'center';
    if (cell.role === 'caption') out.bold = true;
    return out as TableCell;
  }));
  const total = grid.widths.reduce((a, b) => a + b, 0);
  // pdfmake adds 2 × 4pt padding and the rule to each column's width.
  const widths = grid.widths.map((w) => (w / total) * CONTENT_WIDTH - 8.6);
  return {
    table: { headerRows: grid.headerRows, dontBreakRows: true, widths, body },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#000000', vLineColor: () => '#000000', paddingTop: () => 2, paddingBottom: () => 2 },
    margin: [0, 0, 0, 12],
  };
}

export function pdfDefinition(model: ReportModel, opts: { findings?: readonly FindingView[] } = {}): TDocumentDefinitions {
  const outline = reportOutline(model);
  const content: Content[] = [
    { text: outline.title, style: 'title' },
    { text: outline.meta.map((m) => `${m.label}：${m.value}`).join('　'), style: 'meta' },
  ];
  outline.blocks.forEach((b, i) => {
    const next = outline.blocks[i + 1];
    // headlineLevel 2 marks a heading followed by its table, 3 one whose table is kept whole (see pageBreakBefore).
    if (b.kind === 'heading') content.push({ text: b.text, style: 'heading', headlineLevel: next?.kind === 'table' ? (UNBROKEN_TABLES.has(next.grid.key) ? 3 : 2) : 1 });
    else if (b.kind === 'paragraph') content.push({ text: `\u3000\u3000${b.text}`, style: 'body' });
    else content.push(tableContent(b.grid));
  });
  if (opts.findings) {
    content.push({ text: `附：${t('zh-CN', 'report.findings.title')}`, style: 'heading' });
    if (opts.findings.length === 0) content.push({ text: t('zh-CN', 'report.findings.none'), style: 'body' });
    opts.findings.forEach((f, i) => {
      const cells = f.cells.length ? `（${t('zh-CN', 'report.findings.cells', { cells: f.cells.join('；') })}）` : '';
      content.push({ text: `${i + 1}. 【${t('zh-CN', `report.findings.${f.severity}`)}】[${f.rule}] ${f.message}${cells}`, style: 'body' });
    });
  }
  return {
    pageSize: 'A4',
    pageMargins: MARGINS,
    info: { title: outline.title, author: model.agency, subject: '政府信息公开工作年度报告' },
    defaultStyle: { font: PDF_FONT, fontSize: 12, lineHeight: 1.4 },
    styles: {
      title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 8], lineHeight: 1.3 },
      meta: { fontSize: 10, alignment: 'center', color: '#333333', margin: [0, 0, 0, 14] },
      heading: { fontSize: 14, bold: true, margin: [0, 10, 0, 6] },
      body: { fontSize: 12, lineHeight: 1.6, alignment: 'justify', margin: [0, 0, 0, 4] },
    },
    content,
    // A table's heading never stays alone at the foot of a page: when less than KEEP_WITH_TABLE points
    // remain below it (a header of 表三/表四 plus a row), the heading moves to the next page with its table.
    pageBreakBefore: (node, following) => {
      const pos = node.startPosition as { pageInnerHeight: number; verticalRatio: number };
      if (node.headlineLevel === 3) {
        // 表三 / 表四 start a new page (with their heading) when they would otherwise be split: split, the tall
        // vertical 三、本年度办理结果 cell (a row span) stretched its last row on the second page — a large blank
        // band in （七）总计. A table taller than a whole page (never at these font sizes) still breaks.
        const table = following.getFollowingNodesOnPage().find((n) => (n as { table?: unknown }).table !== undefined) as { pageNumbers?: number[] } | undefined;
        if (table?.pageNumbers && table.pageNumbers.length > 1 && pos.verticalRatio > 0.05) return true;
      }
      if (node.headlineLevel !== 2 && node.headlineLevel !== 3) return false;
      return pos.pageInnerHeight * (1 - pos.verticalRatio) < KEEP_WITH_TABLE;
    },
  };
}

export async function renderPdf(model: ReportModel, opts: { findings?: readonly FindingView[] } = {}): Promise<Uint8Array> {
  const buf = await pdfmakeReady().createPdf(pdfDefinition(model, opts)).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
