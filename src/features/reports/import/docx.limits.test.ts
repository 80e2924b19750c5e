import { describe, expect, it } from 'vitest';
import { docxParts, smallDocx, zipOf } from '../../../../tests/builders/hostile-files.ts';
import { ArchiveError } from '../../shared/archive.ts';
import { docxLines } from './docx.ts';

/** A table-heavy document.xml of about `mb` MB (mammoth needs seconds per MB of it). */
function tableHeavyDocx(mb: number): Buffer {
  const cell = '<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>';
  const unit = `<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p><w:tbl>${`<w:tr>${cell.repeat(10)}</w:tr>`.repeat(5)}</w:tbl>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${unit.repeat(Math.floor((mb * 1e6) / unit.length))}</w:body></w:document>`;
  return zipOf(docxParts({ name: 'word/document.xml', data: Buffer.from(xml) }));
}

describe('docxLines: mammoth in a worker thread with a time limit', () => {
  it('reads a small DOCX', async () => {
    const { lines } = await docxLines(smallDocx('本机关年度报告'));
    expect(lines.map((l) => l.cells.join('')).join('')).toContain('本机关年度报告');
  }, 30_000);

  it('a document that takes mammoth longer than the limit → file_too_complex, and the next one is read', async () => {
    const started = Date.now();
    const e = await docxLines(tableHeavyDocx(1), 300).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(ArchiveError);
    expect((e as ArchiveError).code).toBe('file_too_complex');
    expect((e as ArchiveError).message).toBe('Word 文件在 0.3 秒内未能读完，文件结构过于复杂，请另存或拆分后再试');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await docxLines(smallDocx('之后的文件'))).lines.length).toBeGreaterThan(0);
  }, 30_000);
});
