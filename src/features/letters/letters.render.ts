// Letters as DOCX (docx) and PDF (pdfmake with embedded Noto Sans SC), in an official layout:
// the agency's letterhead (信头), the letter number, title, body, the agency's name and date as
// signature, and the agency's contact data as footer. Margins as 公文 (GB/T 9704: 上37 下35 左28 右26 mm).
import { AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, Paragraph, TextRun } from 'docx';
import { MM, PDF_FONT, pdfmakeReady } from '../shared/pdf.ts';
import pdfmake from 'pdfmake';
import type { Content } from 'pdfmake';

export interface LetterView {
  title: string;
  number: string;
  body: string;
  issuedOn: string;
}

export interface Letterhead {
  name: string;
  address?: string | null;
  phone?: string | null;
  postcode?: string | null;
  workBodyName?: string | null;
}

export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

function footerText(h: Letterhead): string {
  return [h.address ? `地址：${h.address}` : null, h.postcode ? `邮编：${h.postcode}` : null, h.phone ? `电话：${h.phone}` : null].filter(Boolean).join('　');
}

const MM_TWIP = 56.7;

export async function renderLetterDocx(letter: LetterView, head: Letterhead): Promise<Buffer> {
  const fangsong = { ascii: 'FangSong', eastAsia: 'FangSong', hAnsi: 'FangSong' };
  const body = paragraphs(letter.body);
  const first = body[0] ?? '';
  const salutation = /[：:]$/.test(first);
  const doc = new Document({
    creator: head.name,
    title: letter.title,
    styles: { default: { document: { run: { font: fangsong, size: 32 } } } },
    sections: [{
      properties: { page: { margin: { top: 37 * MM_TWIP, bottom: 35 * MM_TWIP, left: 28 * MM_TWIP, right: 26 * MM_TWIP } } },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: footerText(head), size: 20 })] })] }) },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 6 } },
          spacing: { after: 240 },
          children: [new TextRun({ text: head.name, bold: true, color: 'C00000', size: 52, font: { eastAsia: 'SimSun', ascii: 'SimSun', hAnsi: 'SimSun' } })],
        }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [new TextRun({ text: letter.number, size: 28 })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: letter.title, bold: true, size: 40, font: { eastAsia: 'SimHei', ascii: 'SimHei', hAnsi: 'SimHei' } })] }),
        ...body.map((p, i) => new Paragraph({
          indent: i === 0 && salutation ? undefined : { firstLine: 640 },
          spacing: { line: 560, lineRule: LineRuleType.EXACT },
          children: p.split('\n').flatMap((line, j) => (j === 0 ? [new TextRun({ text: line })] : [new TextRun({ text: line, break: 1 })])),
        })),
        new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: head.name })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: dateZh(letter.issuedOn) })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}



export async function renderLetterPdf(letter: LetterView, head: Letterhead): Promise<Uint8Array> {
  pdfmakeReady();
  const body = paragraphs(letter.body);
  const salutation = /[：:]$/.test(body[0] ?? '');
  const content: Content[] = [
    { text: head.name, fontSize: 24, bold: true, color: '#C00000', alignment: 'center', margin: [0, 0, 0, 4] },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 210 * MM - 54 * MM, y2: 0, lineWidth: 1.5, lineColor: '#C00000' }], margin: [0, 0, 0, 12] },
    { text: letter.number, alignment: 'right', fontSize: 12, margin: [0, 0, 0, 12] },
    { text: letter.title, fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 18] },
    ...body.map((p, i): Content => ({ text: p, leadingIndent: i === 0 && salutation ? 0 : 32, margin: [0, 0, 0, 6] })),
    { text: head.name, alignment: 'right', margin: [0, 30, 0, 0] },
    { text: dateZh(letter.issuedOn), alignment: 'right' },
  ];
  type Def = Parameters<typeof pdfmake.createPdf>[0];
  const def: Def = {
    pageSize: 'A4',
    pageMargins: [28 * MM, 37 * MM, 26 * MM, 35 * MM],
    info: { title: letter.title, author: head.name },
    defaultStyle: { font: PDF_FONT, fontSize: 14, lineHeight: 1.6 },
    footer: () => ({ text: footerText(head), alignment: 'center', fontSize: 9, margin: [0, 20, 0, 0] }),
    content,
  };
  const buf = await pdfmake.createPdf(def).getBuffer();
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
