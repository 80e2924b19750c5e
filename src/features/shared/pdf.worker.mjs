// Runs pdf.js on PDFs inside a worker thread (see pdf-read.ts), one job at a time: the main thread can
// stop it after its time limit (worker.terminate()) and its JS heap is capped by the worker's resourceLimits.
// In:  message { id, data: Uint8Array, mode: 'text' | 'check', maxPages: number }
// Out: { id, ok: true, numPages, pages?: Item[][], jsActions: boolean } | { id, ok: false, name, message }
import { parentPort } from 'node:worker_threads';

const pdfjsLoading = import('pdfjs-dist/legacy/build/pdf.mjs');

async function run({ data, mode, maxPages }) {
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
  run(job).then(
    (r) => parentPort.postMessage({ id: job.id, ...r }),
    (e) => parentPort.postMessage({ id: job.id, ok: false, name: String(e?.name ?? 'Error'), message: String(e?.message ?? e) }),
  );
});
