// Letters as PDF (letters.pdf.ts, pdfmake with embedded Noto Serif SC) and DOCX (letters.docx.ts, fonts named
// with fallbacks), both in GB/T 9704-2012 信函格式 (letters.layout.ts; decision 076).
export interface LetterView {
  title: string;
  number: string;
  body: string;
  issuedOn: string;
}

export interface Letterhead {
  name: string;
  address?: string | null;
  phone?: string | null;
  postcode?: string | null;
  workBodyName?: string | null;
}

export { dateZh } from './letters.layout.ts';
export { renderLetterPdf } from './letters.pdf.ts';

/** A letter as DOCX: the docx library is imported on the first DOCX letter, not at start-up (decision 117). */
export async function renderLetterDocx(...args: Parameters<typeof import('./letters.docx.ts').renderLetterDocx>): Promise<Buffer> {
  return (await import('./letters.docx.ts')).renderLetterDocx(...args);
}
