// DOCX → HTML (mammoth keeps w:gridSpan as colspan and w:vMerge as rowspan) → the HTML lines.
// mammoth is given the archive rebuilt by safeArchive (every part inflated within OFFICE_LIMITS first: a
// zip bomb is refused with an ArchiveError before mammoth allocates anything), and runs in a worker
// thread with a heap cap and a time limit (mammoth needs ~4 s per MB of table-heavy document.xml).
import { ArchiveError, safeArchive } from '../../shared/archive.ts';
import { FileJobError, runFileJob } from '../../shared/file-jobs.ts';
import { htmlLines } from './html.ts';
import type { Line } from './lines.ts';

export const DOCX_MILLIS = 30_000;

export async function docxLines(bytes: Uint8Array, timeoutMs = DOCX_MILLIS): Promise<{ lines: Line[] }> {
  const archive = safeArchive(bytes);
  const data = new Uint8Array(archive.buffer, archive.byteOffset, archive.byteLength);
  let answer: { ok: boolean; html?: string; message?: string };
  try {
    answer = await runFileJob(({ kind: 'docx-html', data }), timeoutMs, archive.byteOffset === 0 && archive.byteLength === archive.buffer.byteLength ? [archive.buffer as ArrayBuffer] : []);
  } catch (e) {
    if (!(e instanceof FileJobError)) throw e;
    const why = e.reason === 'timeout' ? `在 ${timeoutMs / 1000} 秒内未能读完` : e.reason === 'memory' ? '读取时所需内存超过限制' : '读取中断';
    throw new ArchiveError('file_too_complex', `Word 文件${why}，文件结构过于复杂，请另存或拆分后再试`);
  }
  if (!answer.ok) throw new Error(answer.message ?? 'mammoth failed');
  return { lines: htmlLines(`<html><body>${answer.html ?? ''}</body></html>`).lines };
}
