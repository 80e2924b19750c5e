// PDF (text layer) → lines. pdf.js (legacy build, Node 20) gives positioned text items; rows are rebuilt
// by clustering items on their baseline (y) and cells by horizontal gaps (x). Page numbers ("- 3 -") are dropped.
import { cleanCell, type Line } from './lines.ts';

interface Item { str: string; x: number; y: number; w: number; h: number }

export async function pdfLines(bytes: Uint8Array): Promise<Line[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may transfer/detach the buffer it is given: pass a copy
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  const out: Line[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      const items: Item[] = [];
      for (const it of tc.items) {
        if (!('str' in it)) continue;
        const str = it.str;
        if (!str || !str.trim()) continue;
        const h = Math.abs(it.height) || Math.abs(it.transform[3] as number) || 10;
        items.push({ str, x: it.transform[4] as number, y: it.transform[5] as number, w: it.width, h });
      }
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
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out;
}
