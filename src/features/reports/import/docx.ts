// DOCX → HTML (mammoth keeps w:gridSpan as colspan and w:vMerge as rowspan) → the HTML lines.
import mammoth from 'mammoth';
import { htmlLines } from './html.ts';
import type { Line } from './lines.ts';

export async function docxLines(bytes: Uint8Array): Promise<{ lines: Line[] }> {
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  return { lines: htmlLines(`<html><body>${value}</body></html>`).lines };
}
