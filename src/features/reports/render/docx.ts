// DOCX renderer (docx 9.15): the official look of a published annual report, following common 公文
// habits (GB/T 9704-2012 《党政机关公文格式》 as practised): A4, margins 上37mm 下35mm 左28mm 右26mm;
// title 二号 方正小标宋简体 (bold 黑体-like) centred; body 三号 (16pt) 仿宋_GB2312, fixed line spacing 28pt,
// first-line indent two characters; section headings 黑体 三号. Tables with the national merged
// headers (w:gridSpan / w:vMerge) and single borders. Only plain features (no fields, no floats, no
// themes beyond the default) so that LibreOffice and WPS open it as Word does.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Packer, PageOrientation, Paragraph, Table, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
  type IBorderOptions, type IRunOptions,
} from 'docx';
import type { ReportModel } from '../../../core/report/model.ts';
import type { Grid, GridCell } from '../../../ui/report/grid.ts';
import { reportOutline } from '../../../ui/report/outline.ts';
import type { FindingView } from '../../../ui/report/ReportDocument.tsx';
import { t } from '../../../ui/i18n.ts';

/** Fonts named as 公文 templates name them; Word, WPS and LibreOffice substitute an installed
 *  equivalent (仿宋/FangSong, SimHei, a serif) when the exact font is missing. */
export const DOCX_FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  heading: { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' },
} as const;

// Half-points: 二号 22pt, 三号 16pt, 四号 14pt; 10pt in 表二, 小五 9pt in 表三/表四 (10 and 15 columns).
const SIZE = { title: 44, body: 32, meta: 28, table: 20, tableSmall: 18 } as const;
/** Millimetres to twips, rounded (docx's helper floors: 37 mm would become 2097). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
const LINE_EXACT_28PT = 560; // twips
const PAGE = {
  width: mm(210), height: mm(297),
  top: mm(37), bottom: mm(35),
  left: mm(28), right: mm(26),
};
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const border: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: border, bottom: border, left: border, right: border };

function run(text: string, font: IRunOptions['font'], size: number, bold = false): TextRun {
  return new TextRun({ text, font, size, bold });
}

function cellParagraph(cell: GridCell, size: number): Paragraph {
  const alignment = !cell.header ? AlignmentType.RIGHT
    : cell.role === 'rowhead' || cell.role === 'caption' ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new Paragraph({
    alignment,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    children: cell.text ? [run(cell.text, DOCX_FONTS.body, size, cell.role === 'caption')] : [],
  });
}

function tableOf(grid: Grid): Table {
  const size = grid.key === 'table2' ? SIZE.table : SIZE.tableSmall;
  const total = grid.widths.reduce((a, b) => a + b, 0);
  const columnWidths = grid.widths.map((w) => Math.floor((w / total) * CONTENT_WIDTH));
  // Each row lists the cells that start in it; docx adds the w:vMerge continuation cells itself.
  const rows = grid.rows.map((cells, r) => new TableRow({
    tableHeader: r < grid.headerRows,
    cantSplit: true,
    children: cells.map((cell) => new TableCell({
        children: [cellParagraph(cell, size)],
        columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
        rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
        borders: BORDERS,
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 40, right: 40, top: 20, bottom: 20 },
      })),
  }));
  return new Table({
    rows,
    columnWidths,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: { ...BORDERS, insideHorizontal: border, insideVertical: border },
  });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 }, // two characters of 16pt
    alignment: AlignmentType.JUSTIFIED,
    spacing: { line: LINE_EXACT_28PT, lineRule: LineRuleType.EXACT },
    children: [run(text, DOCX_FONTS.body, SIZE.body)],
  });
}

function headingParagraph(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: LINE_EXACT_28PT, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run(text, DOCX_FONTS.heading, SIZE.body)],
  });
}

export async function renderDocx(model: ReportModel, opts: { findings?: readonly FindingView[] } = {}): Promise<Uint8Array> {
  const outline = reportOutline(model);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 280 },
      children: [run(outline.title, DOCX_FONTS.title, SIZE.title, true)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_EXACT_28PT, lineRule: LineRuleType.EXACT, after: 280 },
      children: [run(outline.meta.map((m) => `${m.label}：${m.value}`).join('　'), DOCX_FONTS.body, SIZE.meta)],
    }),
  ];
  for (const b of outline.blocks) {
    if (b.kind === 'heading') children.push(headingParagraph(b.text));
    else if (b.kind === 'paragraph') children.push(bodyParagraph(b.text));
    else {
      children.push(tableOf(b.grid));
      // An empty paragraph after a table keeps Word/WPS from merging adjacent tables.
      children.push(new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
    }
  }
  if (opts.findings) {
    children.push(headingParagraph(`附：${t('zh-CN', 'report.findings.title')}`));
    if (opts.findings.length === 0) children.push(bodyParagraph(t('zh-CN', 'report.findings.none')));
    opts.findings.forEach((f, i) => {
      const cells = f.cells.length ? `（${t('zh-CN', 'report.findings.cells', { cells: f.cells.join('；') })}）` : '';
      children.push(bodyParagraph(`${i + 1}. 【${t('zh-CN', `report.findings.${f.severity}`)}】[${f.rule}] ${f.message}${cells}`));
    });
  }
  const doc = new Document({
    title: outline.title,
    creator: model.agency,
    description: '政府信息公开工作年度报告',
    styles: {
      default: {
        document: {
          run: { font: DOCX_FONTS.body, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
          margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
        },
      },
      children,
    }],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
