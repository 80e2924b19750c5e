// The annual-report importer: text, HTML, PDF or DOCX bytes → the report model + parse notes.
// Deterministic, no network, no language model. Cells the importer is not sure about are left blank
// (null) and listed in the notes; run-together digits are recovered only when the table's own 勾稽
// constraints leave exactly one reading (see split.ts).
import { defaultFormatForYear, FORMATS, layoutOf, TABLE4_GROUPS, type FormatId, type LayoutId } from '../../../core/report/formats.ts';
import { EQUIVALENT_LABELS, labelDeparts } from '../../../core/report/labels.ts';
import { decideSplitByNarrative, table2Statements } from '../../../core/report/narrative-split.ts';
import type { CellRef, ReportModel, Table2 } from '../../../core/report/model.ts';
import { cellRefsOf, cellValue } from '../../../core/report/rules.ts';
import { ArchiveError } from '../../shared/archive.ts';
import { PdfError } from '../../shared/pdf-read.ts';
import { decodeText, detect, isValidUtf8, type InputKind } from './detect.ts';
import { docxLines } from './docx.ts';
import { htmlLines } from './html.ts';
import type { Line } from './lines.ts';
import { findMeta, narrativeSections, sectionize, type DocLine } from './meta.ts';
import { pdfLines } from './pdf.ts';
import { groupsOf } from './segments.ts';
import { showCandidate } from './split.ts';
import { emptyTable4, readTable2, readTable3, readTable4, type ParseNote, type Table2Read } from './tables.ts';
import { textLines } from './text.ts';

export type { ParseNote } from './tables.ts';
export type { InputKind } from './detect.ts';

export interface ImportInput {
  bytes: Uint8Array;
  filename?: string;
  contentType?: string;
}

export interface ImportResult {
  model: ReportModel;
  notes: ParseNote[];
}

const MARK_2019 = /本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|政府集中采购|其他对外管理服务事项/g;
const MARK_2021 = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|行政规范性文件/g;

function sectionLines(doc: DocLine[], key: string): Line[] {
  const inSection = doc.filter((l) => l.section === key);
  return inSection;
}

/** Lines for a table: its section when the headings were found, else the whole document. */
function tableLines(doc: DocLine[], key: string): Line[] {
  const s = sectionLines(doc, key);
  return s.length > 0 ? s : doc;
}

export async function linesOf(input: ImportInput, notes: ParseNote[]): Promise<{ kind: InputKind; lines: Line[]; htmlTitle?: string }> {
  const d = detect(input.bytes, input.filename, input.contentType);
  if (d.kind === 'pdf') {
    let lines: Line[];
    try {
      lines = await pdfLines(input.bytes);
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      const code = e.code === 'archive_too_large' || e.code === 'file_too_complex' ? e.code : undefined;
      notes.push({ level: 'error', ...(code ? { code } : {}), message: `无法读取 PDF 文件：${e.message} / cannot read the PDF file` });
      return { kind: 'pdf', lines: [] };
    }
    if (lines.length === 0) notes.push({ level: 'error', message: 'PDF 没有文字层（可能是扫描件），无法读取；请提供带文字的 PDF 或 Word 文件 / the PDF has no text layer' });
    return { kind: 'pdf', lines };
  }
  if (d.kind === 'docx') {
    try {
      return { kind: 'docx', ...(await docxLines(input.bytes)) };
    } catch (e) {
      if (e instanceof ArchiveError && e.code !== 'archive_invalid') notes.push({ level: 'error', code: e.code, message: `无法读取 Word（DOCX）文件：${e.message} / the DOCX is over a limit` });
      else notes.push({ level: 'error', message: `无法读取 Word（DOCX）文件：${(e as Error).message} / cannot read the DOCX file` });
      return { kind: 'docx', lines: [] };
    }
  }
  if (d.encoding === 'gb18030') notes.push({ level: 'info', message: `文本按 GB18030/GBK 解码（${d.encodingReason}） / decoded as GB18030` });
  if (d.kind === 'html') {
    // valid UTF-8 goes to the HTML reader as bytes: it decodes only what it keeps (a Word-pasted page is mostly style attributes)
    const bom = input.bytes[0] === 0xef && input.bytes[1] === 0xbb && input.bytes[2] === 0xbf;
    const body = bom ? input.bytes.subarray(3) : input.bytes;
    const r = d.encoding !== 'gb18030' && isValidUtf8(body) ? htmlLines(body) : htmlLines(decodeText(input.bytes, d.encoding ?? 'utf-8'));
    return { kind: 'html', lines: r.lines, ...(r.title ? { htmlTitle: r.title } : {}) };
  }
  return { kind: 'text', lines: textLines(decodeText(input.bytes, d.encoding ?? 'utf-8')) };
}

export async function importReport(input: ImportInput): Promise<ImportResult> {
  const notes: ParseNote[] = [];
  const { kind, lines, htmlTitle } = await linesOf(input, notes);
  const doc = sectionize(lines);
  const meta = findMeta(lines, htmlTitle, kind);

  const allText = lines.map((l) => l.cells.join(' ')).join('\n');
  const n2019 = (allText.match(MARK_2019) ?? []).length;
  const n2021 = (allText.match(MARK_2021) ?? []).length;
  const guess: FormatId = n2019 > n2021 ? '2019' : n2021 > n2019 ? '2021' : defaultFormatForYear(meta.year ?? 2021);

  const t2 = readTable2(groupsOf(tableLines(doc, 'proactive')), guess, notes);
  const sections = narrativeSections(doc, kind === 'pdf' ? '' : '\n');
  decideByNarrative(t2, sections.map((s) => s.text).join('\n'), notes);
  const t3 = readTable3(groupsOf(tableLines(doc, 'requests')), notes);
  const t4 = readTable4(groupsOf(tableLines(doc, 'appeals')), notes) ?? emptyTable4();

  // Format (ogi-domain §1.4): table 二 labels decide 2019 vs 2021; table 三 （六） single row vs three sub-rows.
  const t2Format: FormatId | undefined = t2.evidence2019.length > t2.evidence2021.length ? '2019' : t2.evidence2021.length > t2.evidence2019.length ? '2021' : undefined;
  let format: LayoutId;
  let formatNote: string;
  const t2Why = t2Format === '2019'
    ? `表二使用 2019 年格式的标签（${[...new Set(t2.evidence2019)].slice(0, 4).join('、')}）`
    : t2Format === '2021' ? `表二使用 2021 年格式的标签（${[...new Set(t2.evidence2021)].slice(0, 4).join('、')}）` : '表二未能判断格式';
  const t3Why = t3.other === '2019' ? '表三“（六）其他处理”为单行' : t3.other === '2021' ? '表三“（六）其他处理”分为三个分项' : '表三未能判断格式';
  if (t2Format === '2021' && t3.other === '2019') {
    format = 'hybrid';
    formatNote = `混合格式：${t2Why}，但${t3Why}（2019 年格式） / hybrid: 2021 table 二 with a single （六） row`;
  } else if (t2Format && t3.other && t2Format !== t3.other) {
    format = t3.other;
    formatNote = `${t2Why}，而${t3Why}；按表三定为 ${FORMATS[t3.other].source} 格式 / table 二 and 三 disagree; table 三 decides`;
    notes.push({ level: 'unsure', message: `格式不一致：${formatNote}` });
  } else if (t2Format ?? t3.other) {
    const f = (t2Format ?? t3.other)!;
    format = f;
    formatNote = `${f} 年格式（${FORMATS[f].source}）：${t2Why}；${t3Why} / ${f} format`;
  } else {
    format = defaultFormatForYear(meta.year ?? 2021);
    formatNote = `未能从标签判断格式，按报告年度取 ${format} 年格式 / format taken from the report year`;
    notes.push({ level: 'unsure', message: formatNote });
  }

  // Table 二: every block/row of the layout is present (missing ones blank, with a note). A row or column printed with
  // the other format version's label for the same thing (a 2021 report still printing the 2019 "规范性文件") is read
  // into this version's row or column (ogi-domain §1.4; formats 60号 / 30号 表二第二十条第（一）项), with a warning.
  const table2: Table2 = {};
  const layout = layoutOf(format);
  const version: FormatId = format === '2019' ? '2019' : '2021';
  const equivalent = EQUIVALENT_LABELS[version];
  // A PDF's text layer interleaves the words of neighbouring cells (a row label broken over lines beside the group
  // label), so its row labels are not the report's wording: only the renamings below are recorded for a PDF.
  const printedLabels: Record<string, string> = kind === 'pdf' ? {} : { ...t2.printed, ...t3.printed };
  for (const b of layout.table2) {
    const got = mapEquivalents(b.key, t2.table2[b.key], equivalent, version, printedLabels, notes);
    const block: Table2[string] = {};
    for (const r of b.rows) {
      if (got?.[r]) block[r] = got[r];
      else {
        block[r] = Object.fromEntries(b.columns.map((c) => [c, null]));
        notes.push({ level: 'error', cell: `table2|${b.key}|${r}` as CellRef, message: `表二 ${b.key} 未找到“${r}”行，该行留空 / row not found` });
      }
    }
    for (const [r, v] of Object.entries(got ?? {})) if (!(r in block)) block[r] = v;
    table2[b.key] = block;
  }
  for (const [k, v] of Object.entries(t2.table2)) {
    if (!(k in table2)) {
      table2[k] = v;
      notes.push({ level: 'unsure', message: `表二 ${k} 不属于 ${format} 格式，按原样保留 / block not in the format` });
    }
  }
  if (kind !== 'pdf') Object.assign(printedLabels, table4PrintedLabels(tableLines(doc, 'appeals')));

  if (meta.year === null) notes.push({ level: 'unsure', message: '未能识别报告年度 / report year not found' });
  if (meta.agency === null) notes.push({ level: 'unsure', message: '未能识别发布机关 / agency not found' });

  const model: ReportModel = {
    schemaVersion: 1,
    agency: meta.agency ?? '',
    year: meta.year ?? 0,
    format,
    formatNote,
    title: meta.title,
    published: meta.published,
    sections,
    table2,
    table3: t3.table3,
    table4: t4,
  };
  if (Object.keys(printedLabels).length > 0) model.printedLabels = printedLabels;
  const unread = unreadCellsOf(model, notes);
  if (unread.length > 0) model.unreadCells = unread;
  return { model, notes };
}

/** The cells left blank because the importer could not read them: the blank cells under each cell prefix of an
 *  error/unsure note (a row not found, digits that could not be split, a table not found). */
export function unreadCellsOf(model: ReportModel, notes: readonly ParseNote[]): CellRef[] {
  const prefixes = notes.filter((n) => n.cell && (n.level === 'unsure' || n.level === 'error')).map((n) => n.cell!);
  if (prefixes.length === 0) return [];
  return cellRefsOf(model).filter((ref) => prefixes.some((p) => ref === p || ref.startsWith(`${p}|`)) && cellValue(model, ref) === null);
}

/** A block's rows and columns with the other version's labels of the same thing renamed to this version's (see
 *  EQUIVALENT_LABELS); each renaming is recorded as printed and reported as a warning on the row or cell. */
function mapEquivalents(blockKey: string, got: Table2[string] | undefined, equivalent: Record<string, string>, version: FormatId,
  printedLabels: Record<string, string>, notes: ParseNote[]): Table2[string] | undefined {
  if (!got) return got;
  const out: Table2[string] = {};
  for (const [printedRow, cols] of Object.entries(got)) {
    const row = equivalent[printedRow] && !got[equivalent[printedRow]!] ? equivalent[printedRow]! : printedRow;
    const rowRef = `table2|${blockKey}|${row}`;
    if (row !== printedRow) {
      const earlier = printedLabels[`table2|${blockKey}|${printedRow}`];
      delete printedLabels[`table2|${blockKey}|${printedRow}`];
      printedLabels[rowRef] = earlier ?? printedRow;
      notes.push({ level: 'warning', cell: rowRef, message: `表二 ${blockKey} 的行名印作“${earlier ?? printedRow}”（${version === '2021' ? '2019' : '2021'} 年版格式的标签），与本报告 ${version} 年版格式（${FORMATS[version].source}）的“${row}”不符；已按“${row}”行读取其数字 / the row carries the other format version's label; its numbers were read into this version's row` });
    }
    const mapped: Record<string, number | null> = {};
    for (const [printedCol, v] of Object.entries(cols)) {
      const col = equivalent[printedCol] && !(equivalent[printedCol]! in cols) ? equivalent[printedCol]! : printedCol;
      if (col !== printedCol) {
        printedLabels[`${rowRef}|${col}`] = printedCol;
        notes.push({ level: 'warning', cell: `${rowRef}|${col}`, message: `表二 ${blockKey} 的列名印作“${printedCol}”（${version === '2021' ? '2019' : '2021'} 年版格式的标签），与本报告 ${version} 年版格式的“${col}”不符；已按“${col}”列读取 / the column carries the other format version's label` });
      }
      mapped[col] = v;
    }
    out[row] = mapped;
  }
  return out;
}

/** Table 四's group labels where the report words them otherwise than the format ("行政法复议" for 行政复议): the
 *  header cells of the appeals section, not the section heading (which names 行政复议、行政诉讼 itself). */
function table4PrintedLabels(lines: readonly Line[]): Record<string, string> {
  const loose: Record<(typeof TABLE4_GROUPS)[number], RegExp> = {
    行政复议: /行政[\u4e00-\u9fff]{0,2}复议(?!后)/g,
    未经复议直接起诉: /未经[\u4e00-\u9fff]{0,3}直接起诉/g,
    复议后起诉: /复议[\u4e00-\u9fff]{0,2}后起诉/g,
  };
  const out: Record<string, string> = {};
  const texts = lines.flatMap((l) => l.cells).map((c) => c.replace(/[\s\u00a0\u3000]+/g, '')).filter((c) => c && !/情况|^[一二三四五六七八九十]+、/.test(c));
  for (const g of TABLE4_GROUPS) {
    const seen = texts.flatMap((t) => [...t.matchAll(loose[g])].map((m) => m[0]));
    if (seen.length === 0 || seen.some((p) => !labelDeparts(p, g))) continue;
    out[`table4|${g}`] = seen[0]!;
  }
  return out;
}

/** Table 二 rows whose run-together digits the table cannot split: the split the narrative's own figures for that row
 *  agree with, when exactly one does; the note then names the sentences that decided it (else it says they did not). */
function decideByNarrative(t2: Table2Read, narrative: string, notes: ParseNote[]): void {
  if (t2.ambiguous.length === 0) return;
  const statements = table2Statements(narrative);
  for (const a of t2.ambiguous) {
    const d = decideSplitByNarrative(a.candidates, a.row, a.columns, statements);
    const quoted = d.sentences.map((s) => `“${s}”`).join('、');
    const at = notes.indexOf(a.note);
    if (d.split) {
      const values = t2.table2[a.block]?.[a.row];
      if (!values) continue;
      a.columns.forEach((c, i) => { values[c] = d.split![i]!; });
      const decided: ParseNote = { level: 'info', cell: a.note.cell!, message: `表二 ${a.block}「${a.row}」数字连写「${a.raw}」，表二没有勾稽关系可用来确定拆分；按正文${quoted}所述数字确定为：${showCandidate(d.split)} / run-together digits decided by the figures the narrative states` };
      if (at >= 0) notes[at] = decided;
    } else if (d.sentences.length > 0 && at >= 0) {
      const why = d.left.length === 0 ? '与每一种拆分都不符' : `仍符合 ${d.left.length} 种拆分`;
      notes[at] = { ...a.note, message: `${a.note.message.replace(/ \/ run-together.*$/, '')}；正文${quoted}所述数字${why} / the narrative's figures did not decide the split` };
    }
  }
}
