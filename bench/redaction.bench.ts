// Benchmark: redacting a 100-page text PDF and a 100-page scanned (image-only) PDF — pages per second and
// memory peak — and a 500-page text PDF, whose peak must stay near the 100-page one (one page image in
// memory at a time, decision 120). Every page gets one box. BENCH_REDACTION_PAGES changes 100 (and 500 → 5×).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './run.ts';
import { prepareDocument, withWorkDir, writeRedactedPdf } from '../src/features/redaction/engine.ts';
import { rawPdf, scannedPage, textPdf } from '../tests/builders/redaction-files.ts';

export const name = 'redaction';
export const title = '区分处理：页面图像重建 / redaction (rasterise and rebuild)';

/** A text PDF of `pages` pages, 30 lines each (Helvetica). */
function textDoc(pages: number): Buffer {
  return textPdf(Array.from({ length: 30 }, (_, i) => `Line ${i + 1}: 2024 budget item ${i * 37} allocated to project ${i * 11} phone 1381234${String(5000 + i)}`), pages);
}

/** A scanned PDF of `pages` pages: each page shows the same 100 dpi RGB page image (an image-only page). */
function scannedDoc(pages: number): Buffer {
  const one = scannedPage(textDoc(1));
  const m = /\/Width (\d+) \/Height (\d+)[^>]*>>\nstream\n/.exec(one.toString('latin1'))!;
  const start = m.index + m[0].length;
  const pixels = one.subarray(start, one.indexOf('\nendstream', start));
  const kids = Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 3 0 R >> >> >>');
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids.map((_, i) => `${5 + i} 0 R`).join(' ')}] /Count ${pages} >>`,
    [`<< /Type /XObject /Subtype /Image /Width ${m[1]} /Height ${m[2]} /ColorSpace /DeviceRGB /BitsPerComponent 8 >>`, pixels],
    ['<< >>', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q', 'latin1')], ...kids,
  ]);
}

async function measure(label: string, input: Buffer): Promise<BenchRow[]> {
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  const { pages, bytes } = await withWorkDir(async (dir) => {
    const doc = await prepareDocument(input, dir);
    const boxes = doc.pages.map((_, i) => ({ page: i + 1, x: 66, y: 60, w: 300, h: 40 }));
    const out = join(dir, 'out.pdf');
    const r = await writeRedactedPdf(doc, boxes, out, undefined, () => { peak = Math.max(peak, process.memoryUsage().rss); });
    return { pages: r.pages, bytes: readFileSync(out).length };
  });
  const s = (performance.now() - t0) / 1000;
  clearInterval(sample);
  return [
    { label: `${label}: pages/s`, value: Math.round((pages / s) * 100) / 100, unit: 'pages/s', note: `${pages} pages in ${s.toFixed(1)} s, output ${(bytes / 1024 / 1024).toFixed(1)} MB` },
    { label: `${label}: peak RSS`, value: Math.round(peak / 1024 / 1024), unit: 'MB', note: 'this process (pdftoppm runs per page in its own process, under ulimit -v)' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_REDACTION_PAGES ?? 100);
  return [
    ...(await measure(`text PDF ${n} pages`, textDoc(n))),
    ...(await measure(`scanned PDF ${n} pages`, scannedDoc(n))),
    ...(await measure(`text PDF ${5 * n} pages`, textDoc(5 * n))),
  ];
}
