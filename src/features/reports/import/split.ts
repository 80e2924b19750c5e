// Digit-run recovery. Text scraped from web pages often flattens a table row, so the cells' digits run
// together ("640020470" for 64 | 0 | 0 | 2 | 0 | 4 | 70). A run is split into numbers by enumerating every
// way to cut it, under the rules of a printed number (no leading zeros: "0" is a whole cell; decimals only
// in money columns; a sign only in signed columns), and the splits are then filtered by the table's own
// 勾稽 constraints (ogi-domain §2: I1 row sums, E1/I2 column identities, I5 table 四). A split is accepted
// only when it is the only one left; otherwise the caller leaves the cells blank and lists the candidates.

export type ColKind = 'int' | 'signed' | 'money';

/** A piece of a value group: a single cell (cell boundaries known) or a run that may hold several numbers. */
export interface Tok {
  /** The digits as printed ('' = blank cell). Units (元, 万元) already removed. */
  text: string;
  /** true: the token may contain several run-together numbers. */
  multi: boolean;
}

export type Value = number | null;

const INT = /^(0|[1-9]\d*)$/;
const SIGNED = /^-?(0|[1-9]\d*)$/;
const MONEY = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Parse one cell's text for a column kind; undefined when it cannot be such a number. */
export function parseCell(text: string, kind: ColKind): Value | undefined {
  if (text === '') return null;
  // plain digits (every piece of a digit run): a number unless it has a leading zero, in every column kind — what the
  // patterns below decide for them, without their replacements (the split search tries many pieces per run)
  if (isDigits(text)) return text.length === 1 || text.charCodeAt(0) !== 48 ? Number(text) : undefined;
  const t = text.replace(/[−–—－]/g, '-').replace(/,(?=\d{3}(\D|$))/g, '');
  if (kind === 'int') {
    if (INT.test(t)) return Number(t);
    // a whole number printed with a zero decimal (e.g. 12.0) in a count column
    if (/^(0|[1-9]\d*)\.0+$/.test(t)) return Number(t);
    return undefined;
  }
  if (kind === 'signed') {
    if (SIGNED.test(t)) return Number(t);
    if (/^\+(0|[1-9]\d*)$/.test(t)) return Number(t.slice(1));
    return undefined;
  }
  return MONEY.test(t) ? Number(t) : undefined;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export interface SplitResult {
  solutions: Value[][];
  /** true when the search stopped at the limit (too many possibilities to enumerate). */
  overflow: boolean;
}

export interface SplitOptions {
  /** Prune: called after each completed column j (0-based) with the values so far; false rejects the branch. */
  partial?: (values: Value[], j: number) => boolean;
  /** Accept a complete assignment. */
  accept?: (values: Value[]) => boolean;
  /** Maximum number of solutions to collect (default 200). */
  maxSolutions?: number;
  /** Maximum search steps (default 2,000,000). */
  maxSteps?: number;
}

/** Every way to read `tokens` as exactly `kinds.length` cells. */
export function enumerateSplits(tokens: Tok[], kinds: ColKind[], opts: SplitOptions = {}): SplitResult {
  const n = kinds.length;
  const maxSolutions = opts.maxSolutions ?? 200;
  const maxSteps = opts.maxSteps ?? 2_000_000;
  const solutions: Value[][] = [];
  const values: Value[] = [];
  let steps = 0;
  let overflow = false;

  // minimum number of cells the remaining tokens need (each token ≥ 1 cell)
  const rec = (ti: number, pos: number, j: number): void => {
    if (overflow) return;
    if (++steps > maxSteps || solutions.length >= maxSolutions) { overflow = true; return; }
    if (ti === tokens.length) {
      if (j === n && (!opts.accept || opts.accept(values))) solutions.push([...values]);
      return;
    }
    if (j >= n) return;
    if (n - j < tokens.length - ti) return; // not enough columns left for the remaining tokens
    const tok = tokens[ti]!;
    const kind = kinds[j]!;
    if (!tok.multi) {
      const v = parseCell(tok.text, kind);
      if (v === undefined) return;
      values.push(v);
      if (!opts.partial || opts.partial(values, j)) rec(ti + 1, 0, j + 1);
      values.pop();
      return;
    }
    const s = tok.text;
    // choose the end of the number that starts at `pos`
    for (let end = pos + 1; end <= s.length; end++) {
      const piece = s.slice(pos, end);
      const v = parseCell(piece, kind);
      if (v === undefined) {
        // a longer piece can still become valid only while it is a prefix of a valid number
        if (/^-?$/.test(piece) || /^(-?[1-9]\d*|0)\.?$/.test(piece) || /^(0|[1-9]\d*)\.\d*$/.test(piece)) continue;
        break;
      }
      const restLen = s.length - end;
      // the remaining characters of this token need at least one more column each run of them
      if (restLen > 0 && j + 1 >= n) continue;
      values.push(v);
      if (!opts.partial || opts.partial(values, j)) {
        if (restLen === 0) rec(ti + 1, 0, j + 1);
        else rec(ti, end, j + 1);
      }
      values.pop();
      if (overflow) return;
    }
  };
  rec(0, 0, 0);
  return { solutions, overflow };
}

/** Sum treating blank as 0. */
export function sum(vals: Value[]): number {
  let s = 0;
  for (const v of vals) s += v ?? 0;
  return s;
}

/** I1 (ogi-domain §2.2): in table 三, 总计 (7th column) = the six applicant columns. */
export function rowSumHolds(values: Value[]): boolean {
  return values.length === 7 && sum(values.slice(0, 6)) === (values[6] ?? 0);
}

/** I5 (ogi-domain §2.2): in table 四, for each group of five, 总计 = 维持 + 纠正 + 其他 + 尚未审结. Used as a prune. */
export function table4GroupHolds(values: Value[], j: number): boolean {
  if ((j + 1) % 5 !== 0) return true;
  const g = values.slice(j - 4, j + 1);
  return sum(g.slice(0, 4)) === (g[4] ?? 0);
}

/** Render a candidate for a note: "64 | 0 | 0 | 2 | 0 | 4 | 70". */
export function showCandidate(vals: Value[]): string {
  return vals.map((v) => (v === null ? '空' : String(v))).join(' | ');
}
