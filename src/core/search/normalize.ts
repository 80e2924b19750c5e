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

// Fast paths (indexing a million documents calls these for every character): ASCII, and the CJK Unified
// Ideographs block U+4E00–U+9FFF, whose characters are all letters (Lo), NFKC-stable and caseless. Other
// characters are computed once and memoised (bounded).
const isCjkUnified = (c: number) => c >= 0x4e00 && c <= 0x9fff;
const MEMO_MAX = 65_536;
const tokenMemo = new Map<string, boolean>();
const normMemo = new Map<string, string>();

export function isTokenChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (isCjkUnified(c)) return true;
  let r = tokenMemo.get(ch);
  if (r === undefined) {
    r = TOKEN_CHAR.test(ch);
    if (tokenMemo.size < MEMO_MAX) tokenMemo.set(ch, r);
  }
  return r;
}

/** Normalise one code point. */
function normChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (isCjkUnified(c)) return ch;
  let n = normMemo.get(ch);
  if (n !== undefined) return n;
  if (MARK.test(ch)) n = '';
  else {
    n = ch.normalize('NFKC').toLowerCase();
    if (n.length > 1) n = Array.from(n).filter((x) => !MARK.test(x)).join('');
  }
  if (normMemo.size < MEMO_MAX) normMemo.set(ch, n);
  return n;
}

/** The normalised text alone (no offset map): what the indexer needs. */
export function normalizeText(source: string): string {
  if (source.length === 1) return normChar(source);
  let text = '';
  for (const ch of source) text += normChar(ch);
  return text;
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
