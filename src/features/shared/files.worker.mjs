// Opens untrusted files inside a worker thread (file-jobs.ts), one job at a time: the main thread stops it
// after its time limit (worker.terminate()) and its JS heap is capped by the worker's resourceLimits.
// In:  { id, kind: 'pdf', data: Uint8Array, mode: 'text' | 'check', maxPages }
//        → { id, ok: true, numPages, pages?: Item[][], jsActions } | { id, ok: false, name, message }
//      { id, kind: 'pdf-layout', data: Uint8Array, maxPages }
//        → { id, ok: true, numPages, pages: { w, h, items: { str, x, y, w, h, eol?, whole? }[] }[] } — each page's
//          size as displayed (points, rotation applied) and its text items (plus annotation texts) as boxes on
//          it, origin top left
//      { id, kind: 'docx-html', data: Uint8Array } (an archive already checked by safeArchive)
//        → { id, ok: true, html } | { id, ok: false, name, message }
import { parentPort } from 'node:worker_threads';

let pdfjsLoading;
let mammothLoading;

async function docxHtml({ data }) {
  mammothLoading ??= import('mammoth');
  const mammoth = (await mammothLoading).default;
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  return { ok: true, html: value };
}

async function pdf({ data, mode, maxPages }) {
  pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await pdfjsLoading;
  const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: mode === 'check' }).promise;
  try {
    if (doc.numPages > maxPages) return { ok: false, name: 'TooManyPages', message: String(doc.numPages) };
    const js = await doc.getJSActions().catch(() => null);
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      if (mode === 'text') {
        const items = [];
        for (const it of tc.items) {
          if (!('str' in it) || !it.str || !it.str.trim()) continue;
          const h = Math.abs(it.height) || Math.abs(it.transform[3]) || 10;
          items.push({ str: it.str, x: it.transform[4], y: it.transform[5], w: it.width, h });
        }
        pages.push(items);
      }
      page.cleanup();
    }
    return { ok: true, numPages: doc.numPages, jsActions: !!js && Object.keys(js).length > 0, ...(mode === 'text' ? { pages } : {}) };
  } finally {
    await doc.destroy();
  }
}

/** A rectangle in user space [x0, y0, x1, y1] as a box on the displayed page. */
function displayBox(viewport, r) {
  const [a, b, c, d] = viewport.convertToViewportRectangle(r);
  return { x: Math.min(a, c), y: Math.min(b, d), w: Math.abs(c - a), h: Math.abs(d - b) };
}

async function pdfLayout({ data, maxPages }) {
  pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await pdfjsLoading;
  const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
  try {
    if (doc.numPages > maxPages) return { ok: false, name: 'TooManyPages', message: String(doc.numPages) };
    const pages = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const turned = viewport.rotation % 180 !== 0;
      const tc = await page.getTextContent();
      const items = [];
      for (const it of tc.items) {
        if (!('str' in it)) continue;
        if (!it.str) { if (it.hasEOL && items.length) items[items.length - 1].eol = true; continue; }
        const [ta, tb, tcx, td, tx, ty] = it.transform;
        const size = Math.hypot(tcx, td) || Math.hypot(ta, tb) || 10;
        const style = tc.styles[it.fontName] ?? {};
        const ascent = style.ascent > 0 && style.ascent < 1.5 ? style.ascent : 0.9;
        const descent = style.descent < 0 && style.descent > -1 ? -style.descent : 0.25;
        const slanted = Math.abs(tb) > 1e-3 || Math.abs(tcx) > 1e-3 || style.vertical;
        const box = slanted
          // text not on a horizontal line: the whole item's bounding box, never a part of it
          ? displayBox(viewport, [tx - size, ty - size, tx + Math.max(it.width, it.height) + size, ty + Math.max(it.width, it.height) + size])
          : displayBox(viewport, [tx, ty - descent * size, tx + it.width, ty + ascent * size]);
        items.push({ str: it.str, ...box, ...(it.hasEOL ? { eol: true } : {}), ...(slanted || turned ? { whole: true } : {}) });
      }
      const annots = await page.getAnnotations().catch(() => []);
      for (const an of annots) {
        const texts = [an.contentsObj?.str, an.titleObj?.str, typeof an.fieldValue === 'string' ? an.fieldValue : null, an.textContent?.join?.('')].filter((t) => typeof t === 'string' && t.trim());
        if (!texts.length || !Array.isArray(an.rect)) continue;
        for (const t of texts) items.push({ str: t, ...displayBox(viewport, an.rect), eol: true, whole: true });
      }
      pages.push({ w: viewport.width, h: viewport.height, items });
      page.cleanup();
    }
    return { ok: true, numPages: doc.numPages, pages };
  } finally {
    await doc.destroy();
  }
}

parentPort.on('message', (job) => {
  (job.kind === 'docx-html' ? docxHtml(job) : job.kind === 'pdf-layout' ? pdfLayout(job) : pdf(job)).then(
    (r) => parentPort.postMessage({ id: job.id, ...r }),
    (e) => parentPort.postMessage({ id: job.id, ok: false, name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) }),
  );
});
