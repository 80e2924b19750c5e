// Lines → segments → value groups. A value group is the run of value cells (or run-together digits)
// that follows a label; the label is all text accumulated since the previous group (it may span lines:
// labels broken across lines or pages, group labels printed in a merged cell before the row label).
import type { Line } from './lines.ts';
import type { Tok } from './split.ts';

export type Seg =
  | { kind: 'text'; text: string }
  | { kind: 'val'; tok: Tok; unit?: string }
  | { kind: 'eol' };

export interface Group {
  label: string;
  toks: Tok[];
  /** Units printed inside value cells, e.g. "元". */
  units: string[];
  /** true when every token is a separate cell (cell boundaries known). */
  cells: boolean;
  line: number;
}

const BLANK = /^[-—–－/／\\]?$/;
const UNIT = /(万元|元|件|项|个)$/;
// a printed number, possibly with thousands separators and a unit
const NUMBER_CELL = /^[-−–+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*(万元|元|件|项|个)?$/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff（）【】《》“”]/;

/** Split a text cell into text and digit runs. A digit directly followed by "." or "、" and a CJK character is a
 *  sub-row number of a label ("2.其他法律…"), not a value, even when it is glued to the previous row's digits. */
export function splitRuns(s: string): Seg[] {
  const out: Seg[] = [];
  const re = /\d[\d.,\s\u00a0]*/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const pushText = (t: string): void => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  while ((m = re.exec(s)) !== null) {
    let run = m[0];
    let start = m.index;
    let end = start + run.length;
    // trailing separators belong to the text
    const trimmed = run.replace(/[\s\u00a0.,]+$/, '');
    end = start + trimmed.length;
    run = trimmed;
    const after = s.slice(end);
    // sub-row number of the next label: "…00000002.其他法律…" or "1、本机关…"
    if (/^[.、．]\s*\S/.test(after) && CJK.test(after.replace(/^[.、．]\s*/, '').charAt(0))) {
      run = run.slice(0, -1);
      end -= 1;
    }
    // a run glued to a CJK character before it that is part of a label like "第3项" is still a value; keep simple
    pushText(s.slice(last, start));
    last = end;
    if (!/\d/.test(run)) { pushText(s.slice(start, end)); continue; }
    let unit: string | undefined;
    const u = /^\s*(万元|元)/.exec(s.slice(end));
    if (u) { unit = u[1]; last = end + u[0].length; re.lastIndex = last; }
    const cleaned = run.replace(/,(?=\d{3}(\D|$))/g, '');
    for (const t of cleaned.trim().split(/[\s\u00a0]+/)) {
      if (t) out.push({ kind: 'val', tok: { text: t, multi: true }, ...(unit ? { unit } : {}) });
    }
    start = end;
  }
  pushText(s.slice(last));
  return out;
}

export function segmentLine(line: Line): Seg[] {
  const out: Seg[] = [];
  for (const raw of line.cells) {
    const cell = raw.trim();
    if (line.table && BLANK.test(cell)) {
      out.push({ kind: 'val', tok: { text: '', multi: false } });
    } else if (line.table && NUMBER_CELL.test(cell)) {
      const unit = UNIT.exec(cell)?.[1];
      const num = cell.replace(UNIT, '').trim().replace(/[−–]/g, '-').replace(/^\+/, '').replace(/,(?=\d{3}(\D|$))/g, '');
      out.push({ kind: 'val', tok: { text: num, multi: false }, ...(unit === '元' || unit === '万元' ? { unit } : {}) });
    } else if (line.table && /^(\d+\s+)+\d+$/.test(cell)) {
      // several numbers in one cell separated by spaces: each is a cell
      for (const t of cell.split(/\s+/)) out.push({ kind: 'val', tok: { text: t, multi: false } });
    } else {
      out.push(...splitRuns(cell));
    }
  }
  out.push({ kind: 'eol' });
  return out;
}

/** Value groups of a list of lines, each with the label text printed before it. */
export function groupsOf(lines: Line[], lineOffset = 0): Group[] {
  const groups: Group[] = [];
  let label = '';
  let toks: Tok[] = [];
  let units: string[] = [];
  let cells = true;
  let lineNo = 0;
  const flush = (): void => {
    if (toks.length > 0) groups.push({ label, toks, units, cells, line: lineNo });
    label = '';
    toks = [];
    units = [];
    cells = true;
  };
  lines.forEach((line, i) => {
    for (const seg of segmentLine(line)) {
      if (seg.kind === 'text') {
        if (toks.length > 0) flush();
        label += seg.text;
      } else if (seg.kind === 'val') {
        if (toks.length === 0) lineNo = i + lineOffset;
        toks.push(seg.tok);
        if (seg.tok.multi) cells = false;
        if (seg.unit) units.push(seg.unit);
      } else if (toks.length > 0) {
        flush();
      }
    }
  });
  flush();
  return groups;
}
