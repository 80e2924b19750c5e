// The importer's intermediate form: every source (text, HTML, PDF, DOCX) becomes a list of lines in
// reading order. A table row is a line whose cells are the row's cells (a merged cell appears once, in
// its first row/column); a paragraph is a line with a single cell.

export interface Line {
  cells: string[];
  /** true when the cells are real table cells (cell boundaries are known). */
  table: boolean;
}

/** Whitespace of any kind (NBSP, U+3000 ideographic space, en/em spaces, zero-width) → one ASCII space; trimmed. */
export function cleanCell(s: string): string {
  return s
    .replace(/[\u200b\u200c\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000\u2000-\u200a\u202f\u205f]+/g, ' ')
    .trim();
}

export function paragraph(text: string): Line {
  return { cells: [cleanCell(text)], table: false };
}
