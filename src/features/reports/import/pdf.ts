// PDF (text layer) → lines. pdf.js (legacy build, Node 20) gives positioned text items; rows are rebuilt
// by clustering items on their baseline (y) and cells by horizontal gaps (x). Page numbers ("- 3 -") are dropped.
import { pdfTextPages } from '../../shared/pdf-read.ts';
import { cleanCell, type Line } from './lines.ts';

interface Item { str: string; x: number; y: number; w: number; h: number }

export async function pdfLines(bytes: Uint8Array): Promise<Line[]> {
  // pdf.js runs in a worker thread after a bounded scan of the streams (shared/pdf-read.ts): a PdfError
  // when the file is over a limit (decompressed size, pages, time), encrypted or unreadable
  const pages = await pdfTextPages(bytes);
  const out: Line[] = [];
  for (const items of pages as Item[][]) {
    const kept = items.filter((i) => !/^[-—–]\s*\d+\s*[-—–]$/.test(i.str.trim()) && !/^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$/.test(i.str.trim()));
    kept.sort((a, b) => b.y - a.y || a.x - b.x);
    const rows: { y: number; h: number; items: Item[] }[] = [];
    for (const it of kept) {
      const row = rows[rows.length - 1];
      const tol = Math.max(2, 0.45 * Math.max(it.h, row?.h ?? 0));
      if (row && Math.abs(row.y - it.y) <= tol) { row.items.push(it); row.h = Math.max(row.h, it.h); }
      else rows.push({ y: it.y, h: it.h, items: [it] });
    }
    for (const row of rows) {
      row.items.sort((a, b) => a.x - b.x);
      const cells: string[] = [];
      let cur = '';
      let end = -Infinity;
      for (const it of row.items) {
        const gap = it.x - end;
        if (cur && gap > 0.6 * it.h) { cells.push(cleanCell(cur)); cur = ''; }
        cur += it.str;
        end = Math.max(end, it.x + it.w);
      }
      if (cur) cells.push(cleanCell(cur));
      out.push({ cells, table: cells.length > 1 });
    }
  }
  return out;
}
