// Plain text → lines: tab-separated rows (and markdown pipe tables) are table rows; other lines are
// paragraphs. Stray HTML tags (<b>…</b>), markdown markers (#, **, ---) are removed.
import { cleanCell, type Line } from './lines.ts';

const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?\/?>/g;

function stripMarkup(s: string): string {
  return s
    .replace(TAG, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^\s*>\s?/, '');
}

export function textLines(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (/^\s*[-=_*]{3,}\s*$/.test(raw)) continue; // markdown rule / setext underline
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(raw)) continue; // markdown table separator
    if (raw.includes('\t')) {
      out.push({ cells: raw.split('\t').map((c) => cleanCell(stripMarkup(c))), table: true });
      continue;
    }
    const t = raw.trim();
    if (t.startsWith('|') && t.endsWith('|') && t.length > 2) {
      out.push({ cells: t.slice(1, -1).split('|').map((c) => cleanCell(stripMarkup(c))), table: true });
      continue;
    }
    const c = cleanCell(stripMarkup(raw));
    if (c) out.push({ cells: [c], table: false });
  }
  return out;
}
