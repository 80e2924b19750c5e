// Opens untrusted files inside a worker thread (file-jobs.ts), one job at a time: the main thread stops it
// after its time limit (worker.terminate()) and its JS heap is capped by the worker's resourceLimits.
// In:  { id, kind: 'pdf', data: Uint8Array, mode: 'text' | 'check', maxPages }
//        → { id, ok: true, numPages, pages?: Item[][], jsActions } | { id, ok: false, name, message }
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

parentPort.on('message', (job) => {
  (job.kind === 'docx-html' ? docxHtml(job) : pdf(job)).then(
    (r) => parentPort.postMessage({ id: job.id, ...r }),
    (e) => parentPort.postMessage({ id: job.id, ok: false, name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) }),
  );
});
