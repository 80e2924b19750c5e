// HTML → lines. parse5 builds the tree; every <table> (nested ones too) is laid out as a grid with
// rowspan/colspan expanded, and each grid row becomes a line holding the cells that START in that row
// (a merged cell is read once, where it begins). Text outside tables becomes one line per block.
import { parse } from 'parse5';
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

/** Drop what the reader never uses before parsing (scripts, styles, comments, attributes other than the spans):
 *  web pages pasted from Word carry most of their weight in mso-* style attributes. */
function slim(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, '')
    // inline markup (span, font, o:p, a, b, img, …) carries no structure
    .replace(/<\/?(?:span|font|o:p|a|b|i|u|s|em|strong|sup|sub|img|input|label|st1:[a-z]+|meta|link|small|big)\b[^<>]*>/gi, '')
    // attributes other than the spans
    .replace(/<([a-zA-Z][a-zA-Z0-9]*)(\s[^<>]*)>/g, (_m: string, tag: string, attrs: string) => {
      const keep = /span/i.test(attrs) ? attrs.match(/\s(?:rowspan|colspan)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi) : null;
      return `<${tag}${keep ? keep.join('') : ''}>`;
    });
}

/** Lines of an HTML document (body text and tables, in document order) and its <title>. */
export function htmlLines(html: string): { lines: Line[]; title?: string } {
  const doc = parse(slim(html)) as unknown as PNode;
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
