// Bulk import / export of a catalogue: CSV (UTF-8, with or without BOM; GB18030 accepted) and XLSX.
// Columns are named in Chinese (IMPORT_COLUMNS); each row is checked and every problem is reported.
import { dateProblem, LATEST_DATE } from '../../core/validation/index.ts';
import { excelJs } from '../shared/libraries.ts';
import { OFFICE_LIMITS, safeArchive, type ArchiveLimits } from '../shared/archive.ts';

/** A catalogue sheet of 50,000 rows is ~30 MB of XML; exceljs holds the whole sheet as objects. */
export const XLSX_LIMITS: ArchiveLimits = { ...OFFICE_LIMITS, maxEntryBytes: 48 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };
import iconv from 'iconv-lite';
import { ARTICLE20_CATEGORIES, DISCLOSURE_ATTRIBUTES, ITEM_KINDS, VALIDITY, WITHHOLD_REASONS, kindFromLabel, label, type ItemKind } from '../../core/catalogue/categories.ts';
import { parseIndexNumber } from '../../core/catalogue/index-number.ts';
import { STATE_LABELS, type State } from '../../core/catalogue/workflow.ts';

export interface ImportData {
  indexNo: string | null;
  title: string;
  docNumber: string | null;
  publisher: string | null;
  madeOn: string | null;
  publishedOn: string | null;
  validity: 'valid' | 'abolished' | 'expired';
  validityChangedOn: string | null;
  category: number;
  subject: string | null;
  kind: ItemKind;
  disclosure: 'proactive' | 'on_request' | 'withheld';
  withholdReason: string | null;
  summary: string | null;
  body: string;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

function normDate(v: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v.trim());
  if (!m) return null;
  const s = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}

function category(v: string): number | null {
  const t = v.trim();
  if (/^\d{1,2}$/.test(t)) return Number(t) >= 1 && Number(t) <= 15 ? Number(t) : null;
  const m = /（([一二三四五六七八九十]+)）|\(([一二三四五六七八九十]+)\)|^([一二三四五六七八九十]+)$/.exec(t);
  const cn = m ? (m[1] ?? m[2] ?? m[3]) : null;
  if (cn) {
    const i = CN_NUM.indexOf(cn);
    if (i >= 0) return i + 1;
  }
  const byText = ARTICLE20_CATEGORIES.find((c) => t.includes(c.text));
  return byText ? byText.no : null;
}

/** Checks one row (keys = column names). Problems are complete sentences saying what to fix. */
export function checkImportRow(row: Record<string, string>, indexPattern: string, today: string = LATEST_DATE): { data: ImportData; problems: string[] } {
  const g = (k: string) => (row[k] ?? '').toString().trim();
  const problems: string[] = [];
  const title = g('标题') || g('名称');
  if (!title) problems.push('缺少标题');
  const indexNo = g('索引号') || null;
  if (indexNo && !parseIndexNumber(indexPattern, indexNo)) problems.push(`索引号“${indexNo}”不符合本机关的索引号格式 ${indexPattern}`);
  const date = (k: string, required: boolean) => {
    const v = g(k);
    if (!v) {
      if (required) problems.push(`缺少${k}`);
      return null;
    }
    const d = normDate(v);
    if (!d) problems.push(`${k}“${v}”不是有效日期，请写成 2024-05-06`);
    // a document is made, published or changed on a real day from 1949-10-01 to `today` (default 2099-12-31)
    const p = d ? dateProblem(d, k, { max: today }) : null;
    if (p) problems.push(p);
    return p ? null : d;
  };
  const madeOn = date('成文日期', false);
  const publishedOn = date('发布日期', false);
  const validityLabel = g('有效性') || '有效';
  const validity = VALIDITY.find((x) => x.label === validityLabel || x.key === validityLabel)?.key;
  if (!validity) problems.push(`有效性“${validityLabel}”应为 有效、已废止 或 已失效`);
  const validityChangedOn = date('有效性变更日期', !!validity && validity !== 'valid');
  const catRaw = g('第二十条类别');
  const kindRaw = g('信息类型');
  const kind = kindRaw ? kindFromLabel(kindRaw) : 'other_document';
  if (!kind) problems.push(`信息类型“${kindRaw}”无法识别，可用：${ITEM_KINDS.map((k) => k.label).join('、')}`);
  let cat = catRaw ? category(catRaw) : kind ? ITEM_KINDS.find((k) => k.key === kind)!.defaultCategory : null;
  if (catRaw && cat === null) problems.push(`第二十条类别“${catRaw}”无法识别，请填 1–15 或如“（五）”`);
  cat ??= 15;
  const discRaw = g('公开属性') || '主动公开';
  const disclosure = DISCLOSURE_ATTRIBUTES.find((d) => d.label === discRaw || d.key === discRaw)?.key;
  if (!disclosure) problems.push(`公开属性“${discRaw}”应为 主动公开、依申请公开 或 不予公开`);
  const wrRaw = g('不予公开理由');
  const withholdReason = wrRaw ? (WITHHOLD_REASONS.find((w) => w.label === wrRaw || w.key === wrRaw)?.key ?? null) : null;
  if (disclosure === 'withheld' && !withholdReason) problems.push('公开属性为“不予公开”时须填写不予公开理由（如“属于国家秘密”）');
  if (disclosure === 'proactive' && !publishedOn) problems.push('主动公开的信息须填写发布日期');
  if (madeOn && publishedOn && publishedOn < madeOn) problems.push('发布日期早于成文日期');
  if (title.length > 300) problems.push('标题超过 300 个字');
  return {
    data: {
      indexNo, title, docNumber: g('文号') || null, publisher: g('发布机构') || null, madeOn, publishedOn,
      validity: validity ?? 'valid', validityChangedOn, category: cat, subject: g('主题分类') || null, kind: kind ?? 'other_document',
      disclosure: disclosure ?? 'proactive', withholdReason, summary: g('内容概述') || null, body: g('正文'),
    },
    problems,
  };
}

export function exportRow(r: { index_no: string; title: string; doc_number: string | null; publisher: string; made_on: string | null; published_on: string | null; validity: string; validity_changed_on: string | null; category: number; subject: string | null; kind: string; disclosure: string; withhold_reason: string | null; summary: string | null; body_text: string; state: string }): string[] {
  return [
    r.index_no, r.title, r.doc_number ?? '', r.publisher, r.made_on ?? '', r.published_on ?? '', label(VALIDITY, r.validity), r.validity_changed_on ?? '',
    String(r.category), r.subject ?? '', label(ITEM_KINDS, r.kind), label(DISCLOSURE_ATTRIBUTES, r.disclosure), r.withhold_reason ? label(WITHHOLD_REASONS, r.withhold_reason) : '',
    r.summary ?? '', r.body_text, STATE_LABELS[r.state as State] ?? r.state,
  ];
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF/LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((x) => x !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((x) => x !== '')) rows.push(row);
  return rows;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  // Formula injection guard: a cell starting with = + - @ is prefixed with '.
  const cell = (v: string) => {
    const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function decodeText(buf: Buffer): string {
  const utf8 = buf.toString('utf8');
  if (!utf8.includes('\ufffd')) return utf8.replace(/^\ufeff/, '');
  return iconv.decode(buf, 'gb18030');
}

/** Rows as objects keyed by the header row, from a CSV or XLSX upload. */
export async function readTable(filename: string, buf: Buffer): Promise<Array<Record<string, string>>> {
  let grid: string[][];
  if (/\.xlsx$/i.test(filename)) {
    const wb = new (excelJs().Workbook)();
    // exceljs reads the archive rebuilt within XLSX_LIMITS (a zip bomb: ArchiveError before exceljs allocates)
    await wb.xlsx.load(safeArchive(buf, XLSX_LIMITS) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    grid = [];
    ws?.eachRow({ includeEmpty: false }, (r) => {
      const vals: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = r.getCell(c).value;
        vals.push(v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : typeof v === 'object' && 'result' in v ? String((v as { result: unknown }).result) : String(v));
      }
      grid.push(vals);
    });
  } else {
    grid = parseCsv(decodeText(buf));
  }
  const [header, ...rest] = grid;
  if (!header) return [];
  const keys = header.map((h) => h.trim());
  return rest.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}

export async function toXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const wb = new (excelJs().Workbook)();
  const ws = wb.addWorksheet('政府信息公开目录');
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
