// HTML → lines. parse5 builds the tree; every <table> (nested ones too) is laid out as a grid with
// rowspan/colspan expanded, and each grid row becomes a line holding the cells that START in that row
// (a merged cell is read once, where it begins). Text outside tables becomes one line per block.
import { Buffer } from 'node:buffer';
import { parse } from 'parse5';
import { simpleTree } from './html-tree.ts';
import { cleanCell, type Line } from './lines.ts';

interface PNode {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: PNode[];
  content?: PNode; // <template>
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'select', 'button', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'nav',
  'blockquote', 'pre', 'center', 'dd', 'dt', 'dl', 'form', 'hr', 'main', 'aside', 'figure', 'figcaption', 'caption', 'address',
]);

function attr(n: PNode, name: string): string | undefined {
  return n.attrs?.find((a) => a.name === name)?.value;
}

function span(n: PNode, name: string): number {
  const v = Number.parseInt(attr(n, name) ?? '1', 10);
  return Number.isFinite(v) && v >= 1 ? Math.min(v, 200) : 1;
}

/** Text of a node, excluding nested tables (collected into `nested`). Block boundaries and <br> join without a separator
 *  (a header printed over two lines, "本年新<br/>制作数量", reads as one label). */
function cellText(n: PNode, nested: PNode[]): string {
  if (n.nodeName === '#text') return n.value ?? '';
  if (n.nodeName === '#comment' || SKIP.has(n.nodeName)) return '';
  if (n.nodeName === 'table') { nested.push(n); return ''; }
  let s = '';
  for (const c of n.childNodes ?? []) s += cellText(c, nested);
  return s;
}

function rowsOf(table: PNode): PNode[] {
  const out: PNode[] = [];
  const visit = (n: PNode): void => {
    for (const c of n.childNodes ?? []) {
      if (c.nodeName === 'tr') out.push(c);
      else if (c.nodeName === 'thead' || c.nodeName === 'tbody' || c.nodeName === 'tfoot') visit(c);
    }
  };
  visit(table);
  return out;
}

export interface GridCell {
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** The table as a grid with spans expanded: grid[r][c] points at the cell covering that slot. */
export function tableGrid(table: PNode, nestedOut: PNode[]): { cells: GridCell[]; grid: (GridCell | undefined)[][] } {
  const grid: (GridCell | undefined)[][] = [];
  const cells: GridCell[] = [];
  rowsOf(table).forEach((tr, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const td of tr.childNodes ?? []) {
      if (td.nodeName !== 'td' && td.nodeName !== 'th') continue;
      while (grid[r]![c]) c++;
      const cell: GridCell = { text: cleanCell(cellText(td, nestedOut)), row: r, col: c, rowspan: span(td, 'rowspan'), colspan: span(td, 'colspan') };
      cells.push(cell);
      for (let dr = 0; dr < cell.rowspan; dr++) {
        const gr = (grid[r + dr] ??= []);
        for (let dc = 0; dc < cell.colspan; dc++) gr[c + dc] = cell;
      }
      c += cell.colspan;
    }
  });
  return { cells, grid };
}

function tableLines(table: PNode, out: Line[]): void {
  const nested: PNode[] = [];
  const { cells, grid } = tableGrid(table, nested);
  for (let r = 0; r < grid.length; r++) {
    const starting = cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    if (starting.length === 0) continue;
    out.push({ cells: starting.map((c) => c.text), table: true });
  }
  for (const t of nested) tableLines(t, out);
}

/** The inline elements `slim` drops (tags only, their text stays): they carry no structure. By name length. */
const INLINE_BY_LENGTH: string[][] = [];
for (const n of ['span', 'font', 'a', 'b', 'i', 'u', 's', 'em', 'strong', 'sup', 'sub', 'img', 'input', 'label', 'meta', 'link', 'small', 'big']) {
  (INLINE_BY_LENGTH[n.length] ??= []).push(n);
}

/** b[j…k) is the name of an inline element in any ASCII case (compared as bytes: no string per tag). */
function isInlineName(b: Uint8Array, j: number, k: number): boolean {
  const names = INLINE_BY_LENGTH[k - j];
  if (!names) return false;
  for (const n of names) if (spells(b, j, n)) return true;
  return false;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const COLON = 58; // :
const BANG = 33; // !
const DASH = 45; // -

/** [A-Za-z0-9_] (a RegExp word character; bytes ≥ 0x80 are never one). */
function isWord(c: number | undefined): boolean {
  return c !== undefined && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95);
}
function isAlpha(c: number | undefined): boolean {
  return c !== undefined && ((c >= 97 && c <= 122) || (c >= 65 && c <= 90));
}
function isAlnum(c: number | undefined): boolean {
  return isAlpha(c) || (c !== undefined && c >= 48 && c <= 57);
}

/** Length in bytes of the RegExp \s character (ECMAScript WhiteSpace/LineTerminator) UTF-8-encoded at b[k], or 0. */
function spaceLen(b: Uint8Array, k: number): number {
  const c = b[k];
  if (c === undefined) return 0;
  if ((c >= 9 && c <= 13) || c === 32) return 1;
  if (c < 0xc2) return 0;
  const c1 = b[k + 1];
  const c2 = b[k + 2];
  if (c === 0xc2) return c1 === 0xa0 ? 2 : 0; // U+00A0
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80 ? 3 : 0; // U+1680
  if (c === 0xe2) {
    if (c1 === 0x80 && c2 !== undefined && ((c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xa8 || c2 === 0xa9 || c2 === 0xaf)) return 3; // U+2000–200A, 2028, 2029, 202F
    return c1 === 0x81 && c2 === 0x9f ? 3 : 0; // U+205F
  }
  if (c === 0xe3) return c1 === 0x80 && c2 === 0x80 ? 3 : 0; // U+3000
  if (c === 0xef) return c1 === 0xbb && c2 === 0xbf ? 3 : 0; // U+FEFF
  return 0;
}

/** b[k…] spells `word` (lower-case ASCII), ignoring ASCII case. */
function spells(b: Uint8Array, k: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (((b[k + i] ?? 0) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** Byte ranges [start, end) of `b` kept, joined. */
function keep(b: Buffer, ranges: number[]): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < ranges.length; i += 2) if (ranges[i + 1]! > ranges[i]!) parts.push(b.subarray(ranges[i], ranges[i + 1]));
  return Buffer.concat(parts);
}

/** End of `<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->` at b[lt] ("<"), or -1. */
function skippedEnd(b: Buffer, lt: number): number {
  if (b[lt + 1] === BANG && b[lt + 2] === DASH && b[lt + 3] === DASH) {
    const e = b.indexOf('-->', lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  const name = spells(b, lt + 1, 'script') ? 'script' : spells(b, lt + 1, 'style') ? 'style' : undefined;
  if (!name || isWord(b[lt + 1 + name.length])) return -1;
  let q = b.indexOf('</', lt + 1 + name.length);
  while (q >= 0) {
    if (spells(b, q + 2, name)) {
      let k = q + 2 + name.length;
      for (let n = spaceLen(b, k); n > 0; n = spaceLen(b, k)) k += n;
      if (b[k] === GT) return k + 1;
    }
    q = b.indexOf('</', q + 1);
  }
  return -1;
}

/** End (index after ">") of `</?(span|font|o:p|…|st1:[a-z]+|…)\b[^<>]*>` at b[lt] ("<"), or -1. */
function inlineTagEnd(b: Buffer, lt: number, nextLt: number): number {
  let j = lt + 1;
  if (b[j] === SLASH) j++;
  let k = j;
  while (isWord(b[k])) k++;
  if (k === j || k - j > 6) return -1;
  if (!isInlineName(b, j, k)) {
    if (b[k] !== COLON) return -1;
    if (k - j === 1 && (b[j]! | 32) === 111) {
      // o:p
      if (((b[k + 1] ?? 0) | 32) !== 112 || isWord(b[k + 2])) return -1;
      k += 2;
    } else if (k - j === 3 && spells(b, j, 'st1')) {
      // st1:[a-z]+ (smart tags: st1:place, st1:chsdate, …)
      let m = k + 1;
      while (isAlpha(b[m])) m++;
      if (m === k + 1 || isWord(b[m])) return -1;
      k = m;
    } else return -1;
  }
  const gt = b.indexOf(GT, k);
  return gt >= 0 && (nextLt < 0 || gt < nextLt) ? gt + 1 : -1;
}

/** Where "span" occurs in `b` in any ASCII case, in order, without overlaps (as `/span/gi` finds them in the bytes read
 *  as latin1: non-ASCII bytes never match an ASCII letter case-insensitively without the u flag). One loop over the
 *  bytes: `c | 32` folds only A–Z onto a–z among the bytes that can give 's', 'p', 'a' or 'n' (bit 5 is the only
 *  difference), so it compares in any ASCII case. Decoding the page as latin1 for a regular expression cost more than
 *  the rest of the slimming together (a 225 kB page: 1.0 ms to decode, 0.3 ms for this loop). */
function spanPositions(b: Uint8Array): number[] {
  const out: number[] = [];
  const n = b.length - 3;
  for (let i = 0; i < n; i++) {
    if ((b[i]! | 32) === 115 && (b[i + 1]! | 32) === 112 && (b[i + 2]! | 32) === 97 && (b[i + 3]! | 32) === 110) {
      out.push(i);
      i += 3;
    }
  }
  return out;
}

const SPAN_ATTR = /\s(?:rowspan|colspan)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;

/** Drop what the reader never uses before parsing (scripts, styles, comments, inline tags, attributes other than
 *  the spans) — web pages pasted from Word carry most of their weight in mso-* style attributes — and decode only
 *  what is left. `bytes` is UTF-8 (no BOM). Three linear scans over the bytes (native indexOf from one "<" to the
 *  next) with exactly the result of the three replacements, one after the other, on the decoded text:
 *    1. `<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->` → ''
 *    2. `<\/?(?:span|font|o:p|a|b|i|u|s|em|strong|sup|sub|img|input|label|st1:[a-z]+|meta|link|small|big)\b[^<>]*>` → ''
 *    3. `<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)>` → `<$1` + its rowspan/colspan attributes + `>`
 *  (html.slim.test.ts checks the equivalence on the archived pages and on generated input). All the syntax is
 *  ASCII, and in UTF-8 no byte of a multi-byte character is ASCII, so scanning bytes is scanning characters. */
export function slimUtf8(bytes: Uint8Array): string {
  const b0 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // 1. scripts, styles, comments
  const r1: number[] = [];
  let last = 0;
  let i = b0.indexOf(LT);
  while (i >= 0) {
    const end = skippedEnd(b0, i);
    if (end >= 0) {
      r1.push(last, i);
      last = end;
      i = b0.indexOf(LT, end);
    } else i = b0.indexOf(LT, i + 1);
  }
  const b1 = r1.length ? (r1.push(last, b0.length), keep(b0, r1)) : b0;
  // 2. inline tags
  const r2: number[] = [];
  last = 0;
  i = b1.indexOf(LT);
  while (i >= 0) {
    const next = b1.indexOf(LT, i + 1);
    const end = inlineTagEnd(b1, i, next);
    if (end >= 0) {
      r2.push(last, i);
      last = end;
    }
    i = next; // a match ends before the next "<"
  }
  r2.push(last, b1.length);
  const b2 = keep(b1, r2);
  // 3. attributes other than rowspan/colspan. The kept bytes are collected and decoded once: every cut is at an ASCII
  // "<" or ">", never inside a multi-byte character.
  const spans = spanPositions(b2);
  let sp = 0;
  const parts: Buffer[] = [];
  last = 0;
  i = b2.indexOf(LT);
  while (i >= 0) {
    const next = b2.indexOf(LT, i + 1);
    if (isAlpha(b2[i + 1])) {
      let k = i + 2;
      while (isAlnum(b2[k])) k++;
      if (spaceLen(b2, k) > 0) {
        const gt = b2.indexOf(GT, k);
        if (gt >= 0 && (next < 0 || gt < next)) {
          // "span" starting within [k, gt - 3]: the positions only grow, as do k and gt
          while (sp < spans.length && spans[sp]! < k) sp++;
          const kept = sp < spans.length && spans[sp]! + 3 < gt ? b2.toString('utf8', k, gt).match(SPAN_ATTR) : null;
          parts.push(b2.subarray(last, k));
          if (kept) parts.push(Buffer.from(kept.join(''), 'utf8'));
          parts.push(GT_BYTE);
          last = gt + 1;
        }
      }
    }
    i = next;
  }
  parts.push(b2.subarray(last));
  return Buffer.concat(parts).toString('utf8');
}

const GT_BYTE = Buffer.from('>');

/** `slimUtf8` of a string. */
export function slim(html: string): string {
  return slimUtf8(Buffer.from(html, 'utf8'));
}

/** Lines of an HTML document (body text and tables, in document order) and its <title>. `html` is the text, or its
 *  UTF-8 bytes (without BOM: cheaper, only what `slim` keeps is decoded). */
export function htmlLines(html: string | Uint8Array, reader: 'auto' | 'parse5' = 'auto'): { lines: Line[]; title?: string } {
  const slimmed = typeof html === 'string' ? slim(html) : slimUtf8(html);
  const doc = ((reader === 'auto' ? simpleTree(slimmed) : undefined) ?? parse(slimmed)) as unknown as PNode;
  const lines: Line[] = [];
  let buf = '';
  let title: string | undefined;
  const flush = (): void => {
    const t = cleanCell(buf);
    if (t) lines.push({ cells: [t], table: false });
    buf = '';
  };
  const walk = (n: PNode): void => {
    if (n.nodeName === 'title') { title = cleanCell(cellText(n, [])); return; }
    if (n.nodeName === '#text') { buf += n.value ?? ''; return; }
    if (n.nodeName === '#comment' || (SKIP.has(n.nodeName) && n.nodeName !== 'head')) return;
    if (n.nodeName === 'table') { flush(); tableLines(n, lines); return; }
    if (n.nodeName === 'br') { flush(); return; }
    const block = BLOCK.has(n.nodeName);
    if (block) flush();
    for (const c of n.childNodes ?? []) walk(c);
    if (block) flush();
  };
  walk(doc);
  flush();
  return { lines, title };
}
