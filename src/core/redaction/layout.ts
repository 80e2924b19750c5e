// From the text items of a page (as pdf.js gives them, already turned into boxes on the page as it is
// displayed: points, origin top left) to the page's text and back: a match found in the text becomes the
// boxes that cover its characters. Pure.
import { detect, findSelection, type DetectOptions, type SuggestionKind } from './detect.ts';

/** A rectangle on a displayed page, in PDF points (1/72 inch), origin at the top-left corner. */
export interface Box { x: number; y: number; w: number; h: number }

/** A text item: its string and the rectangle it is drawn in (glyph tops to descenders). */
export interface TextItem extends Box {
  str: string;
  /** the line ends after this item */
  eol?: boolean;
  /** not horizontal on the displayed page (rotated, vertical text, an annotation): a match anywhere in it covers all of it */
  whole?: boolean;
}

export interface PageText {
  text: string;
  /** for each character of `text`: [item index, character index in the item], or null for an added separator */
  map: ([number, number] | null)[];
}

/** Joins a page's items into its text: items on one line run on (a space where a visible gap is), lines end with "\n". */
export function pageText(items: readonly TextItem[]): PageText {
  let text = '';
  const map: ([number, number] | null)[] = [];
  const add = (s: string, ref: ((k: number) => [number, number]) | null) => {
    for (let k = 0; k < s.length; k++) map.push(ref ? ref(k) : null);
    text += s;
  };
  items.forEach((it, i) => {
    const prev = i > 0 ? items[i - 1]! : null;
    if (prev && !prev.eol) {
      const sameLine = Math.abs(prev.y + prev.h / 2 - (it.y + it.h / 2)) < Math.max(prev.h, it.h) / 2;
      if (!sameLine) add('\n', null);
      else if (it.x - (prev.x + prev.w) > 0.25 * Math.max(prev.h, it.h)) add(' ', null);
    }
    add(it.str, (k) => [i, k]);
    if (it.eol) add('\n', null);
  });
  return { text, map };
}

/**
 * The advance of a character in ems, estimated: full-width characters (CJK, full-width forms) take a whole em;
 * Latin letters, digits and punctuation about 0.556 em (the digit width of Helvetica, Arial and Noto Sans, the
 * fonts agencies' documents mostly use). A 2:1 ratio measured too short for digits after CJK text and left the
 * first digit of an ID number visible beside its box.
 */
const weight = (ch: string) => (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.556);

/** Extra margin around a text box (points), so that no glyph edge survives beside the black. */
export const TEXT_MARGIN = 1.5;
/** Extra horizontal margin, as a share of the line height: a character's place within an item is estimated, not read. */
export const ESTIMATE_MARGIN = 0.15;

/** The rectangle covering characters [from, to) of an item, by the estimated widths of its characters. */
export function itemSpan(item: TextItem, from: number, to: number): Box {
  if (item.whole) return { x: item.x - TEXT_MARGIN, y: item.y - TEXT_MARGIN, w: item.w + 2 * TEXT_MARGIN, h: item.h + 2 * TEXT_MARGIN };
  const chars = [...item.str];
  // string offsets to code-point offsets
  const cpFrom = [...item.str.slice(0, from)].length;
  const cpTo = [...item.str.slice(0, to)].length;
  const total = chars.reduce((s, c) => s + weight(c), 0) || 1;
  const before = chars.slice(0, cpFrom).reduce((s, c) => s + weight(c), 0);
  const inside = chars.slice(cpFrom, cpTo).reduce((s, c) => s + weight(c), 0);
  // the whole item is measured: no estimate at its own ends
  const left = cpFrom === 0 ? TEXT_MARGIN : TEXT_MARGIN + ESTIMATE_MARGIN * item.h;
  const right = cpTo === chars.length ? TEXT_MARGIN : TEXT_MARGIN + ESTIMATE_MARGIN * item.h;
  const x = item.x + (item.w * before) / total;
  const w = (item.w * inside) / total;
  return { x: x - left, y: item.y - TEXT_MARGIN, w: w + left + right, h: item.h + 2 * TEXT_MARGIN };
}

/** The boxes covering text offsets [start, end): one per item touched. */
export function boxesFor(items: readonly TextItem[], pt: PageText, start: number, end: number): Box[] {
  const spans = new Map<number, [number, number]>();
  for (let k = start; k < end; k++) {
    const ref = pt.map[k];
    if (!ref) continue;
    const [i, c] = ref;
    const s = spans.get(i);
    spans.set(i, s ? [Math.min(s[0], c), Math.max(s[1], c + 1)] : [c, c + 1]);
  }
  return [...spans.entries()].sort((a, b) => a[0] - b[0]).map(([i, [f, t]]) => itemSpan(items[i]!, f, t));
}

export interface Suggestion {
  page: number;
  kind: SuggestionKind;
  text: string;
  boxes: Box[];
}

/** The suggestions of one page (1-based `page`). */
export function suggestPage(page: number, items: readonly TextItem[], opts: DetectOptions): Suggestion[] {
  const pt = pageText(items);
  return detect(pt.text, opts).map((m) => ({ page, kind: m.kind, text: m.text, boxes: boxesFor(items, pt, m.start, m.end) }));
}

/** Distance (points) from a point to a rectangle; 0 inside it. */
function distance(p: { x: number; y: number }, b: Box): number {
  const dx = Math.max(b.x - p.x, 0, p.x - (b.x + b.w));
  const dy = Math.max(b.y - p.y, 0, p.y - (b.y + b.h));
  return Math.hypot(dx, dy);
}

/**
 * The boxes that cover a piece of text selected on a page: with `near` (where the selection was made, in
 * points) the one occurrence closest to it; without (typed in the form), every occurrence on the page.
 * Empty when the page's text does not hold it.
 */
export function selectionBoxes(items: readonly TextItem[], selected: string, near?: { x: number; y: number }): Box[] {
  const pt = pageText(items);
  const found = findSelection(pt.text, selected).map((m) => boxesFor(items, pt, m.start, m.end)).filter((b) => b.length > 0);
  if (!near || found.length <= 1) return found.flat();
  const score = (bs: Box[]) => Math.min(...bs.map((b) => distance(near, b)));
  return found.reduce((best, bs) => (score(bs) < score(best) ? bs : best));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A box limited to the page (w × h points), with coordinates rounded to 1/100 point; null when nothing of it is on the page. */
export function clampBox(b: Box, pageW: number, pageH: number): Box | null {
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(pageW, b.x + b.w);
  const y1 = Math.min(pageH, b.y + b.h);
  if (!(x1 > x0 && y1 > y0)) return null;
  return { x: round2(x0), y: round2(y0), w: round2(x1 - x0), h: round2(y1 - y0) };
}

/** Why a box the officer drew cannot be used on a page of w × h points, or null. */
export function boxProblem(b: Box, pageW: number, pageH: number): string | null {
  if (![b.x, b.y, b.w, b.h].every(Number.isFinite)) return '遮盖区域的坐标必须是数字';
  if (b.w < 1 || b.h < 1) return '遮盖区域太小（宽和高至少 1 点）';
  if (b.x < 0 || b.y < 0 || b.x + b.w > pageW + 0.5 || b.y + b.h > pageH + 0.5) return `遮盖区域超出页面（页面为 ${round2(pageW)} × ${round2(pageH)} 点）`;
  return null;
}
