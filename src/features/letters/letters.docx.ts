// A letter as DOCX (docx), in GB/T 9704-2012 信函格式 like the PDF (numbers in letters.layout.ts): the
// agency's name and the red double line in the first page's header, the contact data and the second double
// line in its footer, the 22 × 28 document grid, page numbers "— n —" on the outer side from page 2 on.
// Fonts are named, not embedded (decision 076): 方正小标宋简体 for the mark and title, 仿宋_GB2312 for the text,
// 宋体 for page numbers, Times New Roman for Latin letters and digits; the font table gives each its GB2312
// charset, serif family, PANOSE and the Windows name to fall back to (仿宋, 宋体), so Word without the 方正 /
// _GB2312 fonts substitutes a serif; LibreOffice reads the same table.
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, Header, LineRuleType, Packer, PageNumber, Paragraph, TextRun,
  type IRunOptions,
} from 'docx';
import {
  AGENCY_MARK_MAX_PT, AGENCY_MARK_TOP_MM, BODY_PT, BOTTOM_RULE_MM, CHAR_PITCH_PT, DATE_RIGHT_CHARS, LINE_PITCH_PT, MARGIN_MM,
  NUMBER_GAP_PT, PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, RED, RULE_GAP_MM, RULE_LENGTH_MM, SEAL_GAP_LINES, TITLE_PT, TYPE_AREA_MM,
  contactNote, dateZh, estimateWidthPt, letterBlocks, type LetterBlock,
} from './letters.layout.ts';
import type { Letterhead, LetterView } from './letters.render.ts';

/** Font names as Chinese government offices have them installed (GB/T 9704 names 小标宋体 and 仿宋体). */
export const DOCX_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

const TWIP_PER_MM = 1440 / 25.4;
const twip = (pt: number) => Math.round(pt * 20);
const mmTwip = (v: number) => Math.round(v * TWIP_PER_MM);
const half = (pt: number) => Math.round(pt * 2);
const LINE = twip(LINE_PITCH_PT); // 579
const CHAR = twip(CHAR_PITCH_PT);
const INDENT = 2 * CHAR;
/**
 * 28 characters to the line: each character 0.25 pt tighter than its 16 pt (w:spacing, in twentieths of a point).
 * Word's character grid (docGrid linesAndChars + charSpace) would do the same, but LibreOffice reads its pitch
 * from a different base size and spreads the text to about 16 characters a line.
 */
const CHARACTER_SPACING = Math.floor((CHAR_PITCH_PT - BODY_PT) * 20) - 1;

const bodyFont = { ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, eastAsia: DOCX_FONTS.body, cs: DOCX_FONTS.latin };
const titleFont = { ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, eastAsia: DOCX_FONTS.title, cs: DOCX_FONTS.latin };
const numberFont = { ascii: DOCX_FONTS.pageNumber, hAnsi: DOCX_FONTS.pageNumber, eastAsia: DOCX_FONTS.pageNumber, cs: DOCX_FONTS.pageNumber };

function markSize(name: string): number {
  return Math.min(AGENCY_MARK_MAX_PT, Math.floor((TYPE_AREA_MM.width * 72) / 25.4 / Math.max(1, [...name].length)));
}

/** The 170 mm double line is wider than the 156 mm type area: 7 mm out on each side. */
const RULE_OUTDENT = mmTwip((RULE_LENGTH_MM - TYPE_AREA_MM.width) / 2);

function blockParagraph(b: LetterBlock, keep: boolean): Paragraph {
  const common = { spacing: { line: LINE, lineRule: LineRuleType.EXACT }, keepNext: keep, keepLines: keep };
  switch (b.type) {
    case 'addressee':
      return new Paragraph({ ...common, children: [new TextRun(b.text)] });
    case 'paragraph':
      return new Paragraph({ ...common, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, children: [new TextRun(b.text)] });
    case 'item': {
      // label two characters in, a tab to the hanging indent, wrapped lines under the item's text
      const label = Math.max(twip(estimateWidthPt(b.label, BODY_PT)), Math.round(1.5 * CHAR));
      return new Paragraph({
        ...common, alignment: AlignmentType.JUSTIFIED, indent: { left: INDENT + label, hanging: label },
        children: [new TextRun({ text: b.label }), new TextRun({ text: '\t' }), new TextRun(b.text)],
      });
    }
  }
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const run: IRunOptions = { font: numberFont, size: half(PAGE_NUMBER_PT), children: ['— ', PageNumber.CURRENT, ' —'] };
  return new Footer({
    children: [new Paragraph({
      alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      // §7.5 one character from the outer edge; the paragraph's space after lifts it to 7 mm under the type area
      indent: side === 'odd' ? { right: twip(PAGE_NUMBER_PT) } : { left: twip(PAGE_NUMBER_PT) },
      spacing: { after: mmTwip(MARGIN_MM.bottom - PAGE_NUMBER_GAP_MM - FOOTER_MM) - twip(PAGE_NUMBER_PT * 1.3), line: twip(PAGE_NUMBER_PT * 1.3), lineRule: LineRuleType.EXACT },
      children: [new TextRun(run)],
    })],
  });
}

/** Footer distance: the second double line 20 mm above the paper's bottom edge (§10.1). */
const FOOTER_MM = BOTTOM_RULE_MM - 1;
/** Header distance: the mark's top edge 30 mm below the paper's top edge (§10.1), less the line's leading above the glyphs. */
function headerMm(size: number): number {
  return AGENCY_MARK_TOP_MM - (size * 0.3 * 25.4) / 72;
}

export async function renderLetterDocx(letter: LetterView, head: Letterhead): Promise<Buffer> {
  const blocks = letterBlocks(letter.body);
  const date = dateZh(letter.issuedOn);
  const size = markSize(head.name);
  const note = contactNote(head);
  const dateRight = DATE_RIGHT_CHARS * CHAR_PITCH_PT;
  const nameRight = Math.max(0, dateRight + estimateWidthPt(date, BODY_PT) / 2 - estimateWidthPt(head.name, BODY_PT) / 2);
  // §7.3.5.5 the name and the date stay with the body: the last block (two when the last is 特此告知。) keeps with them
  const carried = blocks.length > 2 && blocks[blocks.length - 1]!.type === 'paragraph' && [...blocks[blocks.length - 1]!.text].length <= 12 ? 2 : 1;
  const body = blocks.map((b, i) => blockParagraph(b, i >= blocks.length - carried));
  const exact = { line: LINE, lineRule: LineRuleType.EXACT };

  const doc = new Document({
    creator: head.name,
    title: letter.title,
    subject: letter.number,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: bodyFont, size: half(BODY_PT), characterSpacing: CHARACTER_SPACING, language: { value: 'zh-CN', eastAsia: 'zh-CN' } }, paragraph: { spacing: exact } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          margin: {
            top: mmTwip(MARGIN_MM.top), bottom: mmTwip(MARGIN_MM.bottom), left: mmTwip(MARGIN_MM.left), right: mmTwip(MARGIN_MM.right),
            header: mmTwip(headerMm(size)), footer: mmTwip(FOOTER_MM),
          },
        },
        // §5.2.3 22 lines to the page (the 28 characters to the line come from the character spacing)
        grid: { type: DocumentGridType.LINES, linePitch: LINE },
      },
      headers: {
        first: new Header({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            indent: { left: -RULE_OUTDENT, right: -RULE_OUTDENT },
            spacing: { after: twip(NUMBER_GAP_PT), line: twip(size * 1.3), lineRule: LineRuleType.EXACT },
            border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 18, color: RED, space: Math.round((RULE_GAP_MM * 72) / 25.4) } },
            children: [new TextRun({ text: head.name, color: RED, size: half(size), font: titleFont, characterSpacing: twip(size * 0.08) })],
          })],
        }),
        default: new Header({ children: [new Paragraph({ children: [] })] }),
        even: new Header({ children: [new Paragraph({ children: [] })] }),
      },
      footers: {
        first: new Footer({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            indent: { left: -RULE_OUTDENT, right: -RULE_OUTDENT },
            spacing: { line: twip(12 * 1.3), lineRule: LineRuleType.EXACT },
            border: { bottom: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: 18, color: RED, space: Math.round(NUMBER_GAP_PT / 2) } },
            children: [new TextRun({ text: note ?? '', size: 24 })],
          })],
        }),
        default: pageNumberFooter('odd'),
        even: pageNumberFooter('even'),
      },
      children: [
        // §10.1 发文字号 flush right under the double line
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, children: [new TextRun(letter.number)] }),
        // §10.1 / §7.3.1 the title two lines below, 2号 小标宋, centred; one blank line before the addressee
        new Paragraph({
          alignment: AlignmentType.CENTER, spacing: { before: 2 * LINE, after: LINE, line: LINE, lineRule: LineRuleType.EXACT },
          children: [new TextRun({ text: letter.title, font: titleFont, size: half(TITLE_PT) })],
        }),
        ...body,
        // §7.3.5.1 room for the seal, the name centred over the date, the date four characters from the right
        new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: twip(nameRight) }, keepNext: true, spacing: { before: SEAL_GAP_LINES * LINE, ...exact }, children: [new TextRun(head.name)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: twip(dateRight) }, spacing: exact, children: [new TextRun(date)] }),
      ],
    }],
  });
  return Packer.toBuffer(doc, undefined, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

/**
 * The font table: for each named font its charset (86 = GB2312), family (roman = serif), pitch, PANOSE and the
 * name Word and LibreOffice fall back to when it is missing (altName; 仿宋 and 宋体 ship with Windows).
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="${DOCX_FONTS.body}"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${DOCX_FONTS.title}"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="${DOCX_FONTS.pageNumber}"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="${DOCX_FONTS.latin}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>`;
