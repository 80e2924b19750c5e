// The official-letter layout shared by the PDF and DOCX renderers: GB/T 9704-2012《党政机关公文格式》,
// 信函格式 (§10.1), which is the format for 函 — every letter an agency sends to an applicant or a third
// party (答复书, 告知书, 征求意见书, 收费通知书). The numbers below are the standard's; each cites its clause.
// The letter text itself is split into blocks (主送, 自然段, numbered items) here, once, so both renderers
// lay out the same structure.

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;

/** §5.1 A4 (210 × 297 mm). */
export const PAGE = { widthMm: 210, heightMm: 297 } as const;

/** §5.2.1 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm — so 下白边 35 mm and 右白边 26 mm. */
export const MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const TYPE_AREA_MM = { width: 156, height: 225 } as const;

/** §5.2.2 / §7.3.3: body text 3号 (16 pt); §5.2.3: 22 lines × 28 characters per page. */
export const BODY_PT = 16;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** Line pitch of the 22-line grid: 225 mm / 22 = 28.99 pt; Word templates of the standard use 28.95 pt (579 twips). */
export const LINE_PITCH_PT = 28.95;
/** Character pitch of the 28-character grid: 156 mm / 28 = 15.8 pt (a 16 pt character less 0.2 pt). */
export const CHAR_PITCH_PT = (TYPE_AREA_MM.width * PT_PER_MM) / CHARS_PER_LINE;

/** §7.3.1 title: 2号 (22 pt) 小标宋体, centred, two lines below the element above it. */
export const TITLE_PT = 22;
/** §7.5 page numbers: 4号 (14 pt) half-width digits between one-character dashes, 7 mm below the type area. */
export const PAGE_NUMBER_PT = 14;
export const PAGE_NUMBER_GAP_MM = 7;
/** §7.2.4 发文机关标志 at most 22 mm × 15 mm per character; 小标宋, red. */
export const AGENCY_MARK_MAX_PT = 30;
/** §10.1 信函格式: 发文机关标志 top edge 30 mm below the paper's top edge. */
export const AGENCY_MARK_TOP_MM = 30;
/** §10.1 red double line (thick above, thin below) 4 mm under the mark; a second one (thin above, thick below) 20 mm above the paper's bottom edge; both 170 mm long, centred. */
export const RULE_GAP_MM = 4;
export const BOTTOM_RULE_MM = 20;
export const RULE_LENGTH_MM = 170;
/** §10.1 发文字号 flush right under the first double line, 7/8 of a 3号 character's height below it. */
export const NUMBER_GAP_PT = (BODY_PT * 7) / 8;
/** §7.3.5.1 date: 右空四字; the agency's name centred over the date. */
export const DATE_RIGHT_CHARS = 4;
/**
 * §7.3.5.1 the seal presses on the agency's name and the date, which sit a little below its centre, and its top is
 * within one line of the body. A 42 mm seal spans about four lines; two blank lines between the body and the name
 * put its top ¾ line under the body and its centre just above the name/date pair.
 */
export const SEAL_GAP_LINES = 2;
export const RED = 'C00000';

export type LetterBlock =
  /** §7.3.2 主送机关 (the addressee): flush left, ends with a full-width colon. */
  | { type: 'addressee'; text: string }
  /** §7.3.3 a paragraph: two characters indented, following lines flush left. */
  | { type: 'paragraph'; text: string }
  /** A numbered item (1. / 1．/ 1、/（1）): its label two characters in, its wrapped lines hanging under the text. */
  | { type: 'item'; label: string; text: string };

const ITEM = /^\s*((?:\d{1,2}\s*[.．、)）])|(?:[（(]\d{1,2}[)）]))\s*(.*)$/u;

/** Splits a letter's stored text into blocks: blank lines separate paragraphs, each line of a paragraph is its own paragraph or numbered item. */
export function letterBlocks(body: string): LetterBlock[] {
  const out: LetterBlock[] = [];
  const paras = body.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  paras.forEach((p, i) => {
    const lines = p.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    if (i === 0 && lines.length === 1 && /[：:]$/.test(lines[0]!) && lines[0]!.length <= 60) {
      out.push({ type: 'addressee', text: lines[0]!.replace(/:$/, '：') });
      return;
    }
    for (const line of lines) {
      const m = ITEM.exec(line);
      if (m && m[2]) out.push({ type: 'item', label: normalizeLabel(m[1]!), text: m[2] });
      else out.push({ type: 'paragraph', text: line });
    }
  });
  return out;
}

/** "1." / "1、" / "1）" → "1．"; "(1)" → "（1）" — one label style per letter (§7.3.3 uses "1．" and "（1）"). */
function normalizeLabel(label: string): string {
  const digits = label.replace(/\D/g, '');
  return /^[（(]/.test(label) ? `（${digits}）` : `${digits}．`;
}

/** Width of a text at a size in points, by character class (CJK and full-width 1 em, Latin and digits about ½ em). */
export function estimateWidthPt(text: string, sizePt: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\uFFEF]/u.test(ch) ? 1 : 0.56;
  return em * sizePt;
}

/** 成文日期 (§7.3.5.4): Arabic numerals, the year in full, month and day without leading zeros — 2026年1月5日. */
export function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface LetterheadLike {
  address?: string | null;
  phone?: string | null;
  postcode?: string | null;
}

/** The agency's contact data, printed on the first page above the second red double line (§10.1 allows a line of text there). */
export function contactNote(h: LetterheadLike): string | null {
  const parts = [h.address ? `地址：${h.address}` : null, h.postcode ? `邮编：${h.postcode}` : null, h.phone ? `电话：${h.phone}` : null].filter(Boolean);
  return parts.length ? parts.join('　') : null;
}

/** §7.5 page number text: "— 2 —". */
export function pageNumberText(n: number): string {
  return `— ${n} —`;
}
