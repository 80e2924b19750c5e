// DOCX → HTML (mammoth keeps w:gridSpan as colspan and w:vMerge as rowspan) → the HTML lines.
// mammoth is given the archive rebuilt by safeArchive: every part inflated within OFFICE_LIMITS first
// (a zip bomb is refused with an ArchiveError before mammoth allocates anything).
import mammoth from 'mammoth';
import { safeArchive } from '../../shared/archive.ts';
import { htmlLines } from './html.ts';
import type { Line } from './lines.ts';

export async function docxLines(bytes: Uint8Array): Promise<{ lines: Line[] }> {
  const { value } = await mammoth.convertToHtml({ buffer: safeArchive(bytes) });
  return { lines: htmlLines(`<html><body>${value}</body></html>`).lines };
}
