// The rating page of a window, a 办件 or the agency as a QR code: the public URL (/rate/…), the QR symbol as one SVG
// path (drawn by the pages, no inline markup), and the printable card for the counter (PDF, pdfmake with the embedded
// Noto Sans SC like every PDF of the product; pdfmake draws the QR itself). 国办发〔2019〕51号: 现场服务“一次一评”,
// 评价渠道包括二维码 — the card is what the rater scans at the window.
import QRCode from 'qrcode';
import { TARGET_LABELS, type TargetType } from '../../core/evaluations/index.ts';
import { MM, PDF_FONT, pdfmakeReady } from '../shared/pdf.ts';

/** The targets that have a public rating page of their own (the agency's page is /rate/<code>). */
export const PAGE_TARGETS = ['window', 'case', 'staff', 'service_item'] as const;
export type PageTarget = (typeof PAGE_TARGETS)[number];

export function isPageTarget(v: string): v is PageTarget {
  return (PAGE_TARGETS as readonly string[]).includes(v);
}

/** The path of a rating page: /rate/<统一社会信用代码>[/<type>/<ref>]. */
export function ratingPath(creditCode: string, type: TargetType, ref: string | null): string {
  if (type === 'agency' || !ref) return `/rate/${encodeURIComponent(creditCode)}`;
  return `/rate/${encodeURIComponent(creditCode)}/${type}/${encodeURIComponent(ref)}`;
}

export interface QrSymbol {
  /** modules per side, without the quiet zone */
  size: number;
  /** one SVG path of the dark modules, in module units, offset by the 4-module quiet zone */
  path: string;
  /** the side of the drawing with its quiet zone */
  viewBox: number;
}

const QUIET = 4;

/** The QR symbol of a URL (error correction M: a card may get scratched). */
export function qrSymbol(text: string): QrSymbol {
  const q = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = q.modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!q.modules.get(y, x)) {
        x++;
        continue;
      }
      let w = 1;
      while (x + w < n && q.modules.get(y, x + w)) w++;
      parts.push(`M${x + QUIET} ${y + QUIET}h${w}v1h-${w}z`);
      x += w;
    }
  }
  return { size: n, path: parts.join(''), viewBox: n + 2 * QUIET };
}

export interface CardInput {
  agencyName: string;
  type: TargetType;
  ref: string | null;
  url: string;
}

/** What the card names: 机构 / 窗口 1号窗口 / 办件 … */
export function cardTarget(c: Pick<CardInput, 'type' | 'ref'>): string {
  if (c.type === 'agency' || !c.ref) return '本机构的政务服务';
  return `${TARGET_LABELS[c.type]}：${c.ref}`;
}

type Def = Parameters<ReturnType<typeof pdfmakeReady>['createPdf']>[0];

export function cardDefinition(c: CardInput): Def {
  return {
    pageSize: 'A6',
    pageMargins: [12 * MM, 12 * MM, 12 * MM, 10 * MM],
    info: { title: `政务服务评价二维码 ${cardTarget(c)}`, author: c.agencyName, creator: 'Gongkai' },
    defaultStyle: { font: PDF_FONT, fontSize: 10, lineHeight: 1.2 },
    content: [
      { text: '政务服务“好差评”', bold: true, fontSize: 18, alignment: 'center', margin: [0, 0, 0, 2 * MM] },
      { text: c.agencyName, fontSize: 11, alignment: 'center' },
      { text: cardTarget(c), bold: true, fontSize: 13, alignment: 'center', margin: [0, 1 * MM, 0, 3 * MM] },
      { qr: c.url, fit: 150, eccLevel: 'M', alignment: 'center' },
      { text: '请用手机扫码评价', bold: true, fontSize: 14, alignment: 'center', margin: [0, 3 * MM, 0, 1 * MM] },
      { text: '无需登录 · 非常满意 ★★★★★ 至 非常不满意 ★', fontSize: 9, alignment: 'center' },
      { text: '差评件件核实整改，留下电话我们回访', fontSize: 9, alignment: 'center', margin: [0, 1 * MM, 0, 2 * MM] },
      { text: c.url, fontSize: 7, alignment: 'center', color: '#4a5561' },
    ],
  } as Def;
}

/** The printable card (A6) of one rating page. */
export async function cardPdf(c: CardInput): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  return Buffer.from(await pdfmake.createPdf(cardDefinition(c)).getBuffer());
}
