// Text normalisation shared by the index, the query and the highlighter, so that all three agree:
// NFKC per code point (full-width ＡＢＣ１２３ → ABC123, compatibility ideographs → unified), lower case,
// combining marks dropped. A "token character" is a letter or a number (\p{L}\p{N}) — the same class
// SQLite FTS5 unicode61 treats as token characters (separators are everything else) — private-use
// characters excluded (they are reserved for the index's run separator).

export interface Normalized {
  /** The normalised text */
  text: string;
  /** For each UTF-16 index of `text`, the UTF-16 index in the original string where its source code point starts */
  map: number[];
  /** Length of the original string (map sentinel) */
  sourceLength: number;
}

const TOKEN_CHAR = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;

export function isTokenChar(ch: string): boolean {
  return TOKEN_CHAR.test(ch);
}

/** Normalise one code point. */
function normChar(ch: string): string {
  if (ch.charCodeAt(0) < 0x80) {
    const c = ch.charCodeAt(0);
    return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  }
  if (MARK.test(ch)) return '';
  let n = ch.normalize('NFKC').toLowerCase();
  if (n.length > 1) n = Array.from(n).filter((c) => !MARK.test(c)).join('');
  return n;
}

export function normalize(source: string): Normalized {
  let text = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of source) {
    const n = normChar(ch);
    for (let k = 0; k < n.length; k++) map.push(i);
    text += n;
    i += ch.length;
  }
  return { text, map, sourceLength: source.length };
}

/** Maximal runs of token characters of a normalised text, as arrays of code points, with their start offsets. */
export function runs(normText: string): Array<{ chars: string[]; start: number }> {
  const out: Array<{ chars: string[]; start: number }> = [];
  let cur: string[] | null = null;
  let start = 0;
  let i = 0;
  for (const ch of normText) {
    if (isTokenChar(ch)) {
      if (!cur) { cur = []; start = i; }
      cur.push(ch);
    } else if (cur) {
      out.push({ chars: cur, start });
      cur = null;
    }
    i += ch.length;
  }
  if (cur) out.push({ chars: cur, start });
  return out;
}
