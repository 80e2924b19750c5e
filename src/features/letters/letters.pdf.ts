// A letter as PDF (pdfmake), in GB/T 9704-2012 信函格式 (§10.1; numbers in letters.layout.ts): the agency's
// name in red at the top of the first page over a red double line, the 发文字号 flush right under it, the title,
// addressee and body in the 22 × 28 grid of 16 pt serif text, the agency's name and the date with room for the
// seal, the contact data as 附注, a red double line at the foot of the first page, and page numbers "— 2 —" from
// the second page on (§10.1: the first page shows none). Fonts: Noto Serif SC, embedded as subsets (decision 076).
import type { Content } from 'pdfmake';
import { PDF_SERIF_FONT, pdfmakeSerifReady } from '../shared/pdf.ts';
import {
  AGENCY_MARK_MAX_PT, AGENCY_MARK_TOP_MM, BODY_PT, BOTTOM_RULE_MM, CHAR_PITCH_PT, DATE_RIGHT_CHARS, LINE_PITCH_PT, MARGIN_MM,
  NUMBER_GAP_PT, PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT, PT_PER_MM, RED, RULE_GAP_MM, RULE_LENGTH_MM, SEAL_GAP_LINES, TITLE_PT, TYPE_AREA_MM,
  contactNote, dateZh, estimateWidthPt, letterBlocks, pageNumberText, type LetterBlock,
} from './letters.layout.ts';
import type { Letterhead, LetterView } from './letters.render.ts';

const mm = (v: number) => v * PT_PER_MM;
/** Noto Serif SC's line box is (1151 + 286) / 1000 em; scaled so a 16 pt line takes exactly one grid line. */
const FONT_BOX_EM = 1.437;
/** A CJK glyph's visible top lies 0.271 em under the top of its line box (ascender 1.151 em, ideographic top 0.88 em). */
const GLYPH_TOP_EM = 0.271;
/** 28 characters fill the 156 mm line: each 16 pt character is drawn 0.2 pt tighter (§5.2.3 "撑满版心"). */
const CHARACTER_SPACING = CHAR_PITCH_PT - BODY_PT - 0.01;
const WIDTH = mm(TYPE_AREA_MM.width);
const INDENT = 2 * CHAR_PITCH_PT;

function markSize(name: string): number {
  return Math.min(AGENCY_MARK_MAX_PT, Math.floor(WIDTH / Math.max(1, [...name].length)));
}

/** Where the first double line starts (points from the paper's top edge). */
function ruleTop(name: string): number {
  return mm(AGENCY_MARK_TOP_MM) + markSize(name) + mm(RULE_GAP_MM);
}

/** A red double line 170 mm long, centred on the paper: thick over thin (top) or thin over thick (foot). */
function doubleRule(y: number, pageWidth: number, thickFirst: boolean): Content {
  const x1 = (pageWidth - mm(RULE_LENGTH_MM)) / 2;
  const x2 = x1 + mm(RULE_LENGTH_MM);
  const [a, b] = thickFirst ? [1.6, 0.6] : [0.6, 1.6];
  return {
    canvas: [
      { type: 'line', x1, y1: y + a / 2, x2, y2: y + a / 2, lineWidth: a, lineColor: `#${RED}` },
      { type: 'line', x1, y1: y + a + 1.4 + b / 2, x2, y2: y + a + 1.4 + b / 2, lineWidth: b, lineColor: `#${RED}` },
    ],
  };
}
const RULE_HEIGHT = 1.6 + 1.4 + 0.6;
/** The contact line on the first page's foot (小四). */
const CONTACT_PT = 12;

function blockContent(b: LetterBlock): Content {
  switch (b.type) {
    case 'addressee':
      return { text: b.text };
    case 'paragraph':
      return { text: b.text, leadingIndent: INDENT, alignment: 'justify' };
    case 'item': {
      // the label starts two characters in; wrapped lines hang under the item's text, not under the label
      const labelWidth = Math.max(estimateWidthPt(b.label, BODY_PT), 1.5 * CHAR_PITCH_PT);
      return {
        columns: [
          { width: INDENT + labelWidth, text: b.label, margin: [INDENT, 0, 0, 0] },
          { width: '*', text: b.text, alignment: 'justify' },
        ],
        columnGap: 0,
      };
    }
  }
}

/** Line pitch and the blank lines above the signature; §7.3.5.5 allows tighter lines when the signature would not fit under the body. */
export interface Spacing { pitch: number; sealGapLines: number }
export const SPACINGS: readonly Spacing[] = [
  { pitch: LINE_PITCH_PT, sealGapLines: SEAL_GAP_LINES },
  { pitch: 28, sealGapLines: 1.5 },
  { pitch: 27, sealGapLines: 1.5 },
];

/** Where pdfmake placed the signature and the block before the last one (filled by pageBreakBefore during layout). */
interface Placement { signPage?: number; prevLastPage?: number }

/** 特此告知。/ 此复。/ 特此函告。— a one-line formula that ends a letter. */
function isClosingFormula(b: LetterBlock): boolean {
  return b.type === 'paragraph' && [...b.text].length <= 12;
}

export function letterPdfDefinition(letter: LetterView, head: Letterhead, spacing: Spacing = SPACINGS[0]!, placement: Placement = {}) {
  const pitch = spacing.pitch;
  const blocks = letterBlocks(letter.body);
  const date = dateZh(letter.issuedOn);
  // §7.3.5.1 the name centred over the date, the date four characters from the right edge
  const dateWidth = estimateWidthPt(date, BODY_PT);
  const nameWidth = estimateWidthPt(head.name, BODY_PT);
  const dateRight = DATE_RIGHT_CHARS * CHAR_PITCH_PT;
  const nameRight = Math.max(0, dateRight + dateWidth / 2 - nameWidth / 2);
  const note = contactNote(head);
  const signature: Content[] = [
    { id: 'gk-sign', text: head.name, alignment: 'right', margin: [0, spacing.sealGapLines * pitch, nameRight, 0] },
    { text: date, alignment: 'right', margin: [0, 0, dateRight, 0] },
  ];
  const body = blocks.map(blockContent);
  // §7.3.5.5: the name and date never stand alone on a page — the last block of the body moves with them
  // (a closing formula such as 特此告知。 or 此复。 brings the paragraph before it too, so the page has real text)
  const carried = blocks.length > 2 && isClosingFormula(blocks[blocks.length - 1]!) ? 2 : 1;
  const last = body.splice(body.length - Math.min(carried, body.length));
  const prev = body.pop();
  if (prev) body.push({ stack: [prev], id: 'gk-prev' } as Content);
  const closing: Content = { stack: [...last, ...signature], unbreakable: true };

  const size = markSize(head.name);
  const numberTop = ruleTop(head.name) + RULE_HEIGHT + NUMBER_GAP_PT;
  // the content starts at the 37 mm margin; the 发文字号 line goes where §10.1 puts it
  const numberLead = numberTop - GLYPH_TOP_EM * BODY_PT - mm(MARGIN_MM.top);
  const content: Content[] = [
    { text: letter.number, alignment: 'right', margin: [0, Math.max(0, numberLead), 0, 0] },
    // §10.1 title two lines below the 发文字号; §7.3.1 2号 小标宋-like, centred
    { text: letter.title, font: PDF_SERIF_FONT, bold: true, fontSize: TITLE_PT, alignment: 'center', lineHeight: pitch / (FONT_BOX_EM * TITLE_PT), margin: [0, 2 * pitch, 0, pitch], characterSpacing: 0 },
    ...body,
    closing,
  ];

  return {
    pageSize: 'A4' as const,
    pageMargins: [mm(MARGIN_MM.left), mm(MARGIN_MM.top), mm(MARGIN_MM.right), mm(MARGIN_MM.bottom)] as [number, number, number, number],
    info: { title: letter.title, author: head.name, subject: letter.number },
    defaultStyle: { font: PDF_SERIF_FONT, fontSize: BODY_PT, lineHeight: pitch / (FONT_BOX_EM * BODY_PT), characterSpacing: CHARACTER_SPACING },
    background: (page: number, pageSize: { width: number; height: number }): Content | null => {
      if (page !== 1) return null;
      return [
        {
          text: head.name, font: PDF_SERIF_FONT, bold: true, fontSize: size, color: `#${RED}`, alignment: 'center', lineHeight: 1, characterSpacing: size * 0.08,
          absolutePosition: { x: 0, y: mm(AGENCY_MARK_TOP_MM) - GLYPH_TOP_EM * size },
        },
        { ...(doubleRule(0, pageSize.width, true) as object), absolutePosition: { x: 0, y: ruleTop(head.name) } } as Content,
        { ...(doubleRule(0, pageSize.width, false) as object), absolutePosition: { x: 0, y: pageSize.height - mm(BOTTOM_RULE_MM) - RULE_HEIGHT } } as Content,
        // §10.1 a line of text above the second double line sits 7/8 of a 3号 character's height above it: the contact data
        ...(note ? [{
          text: note, fontSize: CONTACT_PT, lineHeight: 1, characterSpacing: 0, alignment: 'center',
          absolutePosition: { x: 0, y: pageSize.height - mm(BOTTOM_RULE_MM) - RULE_HEIGHT - NUMBER_GAP_PT - (1 + 0.12 - GLYPH_TOP_EM) * CONTACT_PT - GLYPH_TOP_EM * CONTACT_PT },
        } as Content] : []),
      ];
    },
    // §7.5 "— n —", 4号, one character in from the outer edge (odd pages right, even pages left), 7 mm under the type area
    footer: (page: number): Content | null => (page === 1 ? null : {
      text: pageNumberText(page), fontSize: PAGE_NUMBER_PT, lineHeight: 1, characterSpacing: 0,
      alignment: page % 2 === 1 ? 'right' : 'left',
      margin: [mm(MARGIN_MM.left) + (page % 2 === 0 ? PAGE_NUMBER_PT : 0), mm(PAGE_NUMBER_GAP_MM) - GLYPH_TOP_EM * PAGE_NUMBER_PT, mm(MARGIN_MM.right) + (page % 2 === 1 ? PAGE_NUMBER_PT : 0), 0],
    }),
    content,
    pageBreakBefore: (node: { id?: string; pageNumbers: number[] }) => {
      if (node.id === 'gk-sign') placement.signPage = node.pageNumbers[0];
      if (node.id === 'gk-prev') placement.prevLastPage = Math.max(...node.pageNumbers);
      return false;
    },
  };
}

export async function renderLetterPdf(letter: LetterView, head: Letterhead): Promise<Uint8Array> {
  const pdfmake = pdfmakeSerifReady();
  type Def = Parameters<typeof pdfmake.createPdf>[0];
  let first: Buffer | undefined;
  for (const spacing of SPACINGS) {
    const placement: Placement = {};
    const buf = await pdfmake.createPdf(letterPdfDefinition(letter, head, spacing, placement) as Def).getBuffer();
    first ??= buf;
    // the closing (last block, name, date) moved as a whole to a new page although the page before had body
    // text: try tighter lines (§7.3.5.5 "调整行距") before accepting the carried-over last paragraph
    const pushed = placement.signPage !== undefined && placement.prevLastPage !== undefined && placement.signPage > placement.prevLastPage;
    if (!pushed) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  return new Uint8Array(first!.buffer, first!.byteOffset, first!.byteLength);
}
