// Narrative structure and metadata: section headings (一、… 六、/七、, incl. the 芝罘区 seven-part variant),
// section texts, title, agency, year, publication time.
import type { NarrativeSection } from '../../../core/report/model.ts';
import type { Line } from './lines.ts';

export interface HeadingDef { key: string; re: RegExp; heading: string }

// Headings of ogi-domain §1.2/§1.3 (national six parts) and the 芝罘区 seven-part local variant (§1.2).
export const HEADINGS: HeadingDef[] = [
  { key: 'overview', re: /[一][、.．]\s*总体情况/, heading: '一、总体情况' },
  { key: 'proactive', re: /二[、.．]\s*主动公开政府信息的?情况/, heading: '二、主动公开政府信息情况' },
  { key: 'requests', re: /三[、.．]\s*收到和处理政府信息公开申请的?情况/, heading: '三、收到和处理政府信息公开申请情况' },
  { key: 'appeals', re: /四[、.．]\s*因?政府信息公开(工作)?(申请)?(被申请)?行政复议[、和及]?\s*(提起)?行政诉讼的?情况/, heading: '四、政府信息公开行政复议、行政诉讼情况' },
  { key: 'supervision', re: /五[、.．]\s*[^。；\n]{0,40}监督情况(（[^）]*）)?/, heading: '五、监督情况（考核、社会评议和责任追究）' },
  { key: 'problems', re: /[五六][、.．]\s*(政府信息公开工作)?存在的主要问题(及|和)改进情况/, heading: '五、存在的主要问题及改进情况' },
  { key: 'other', re: /[六七][、.．]\s*其他需要报告的事项/, heading: '六、其他需要报告的事项' },
];

export interface DocLine extends Line {
  section?: string;
  /** The heading text when this line starts a section. */
  heading?: string;
}

const globalHeadings = new Map<HeadingDef, RegExp>();
/** The heading's pattern with the g flag (made once, not per line). */
function globalHeading(h: HeadingDef): RegExp {
  let g = globalHeadings.get(h);
  if (!g) { g = new RegExp(h.re.source, 'g'); globalHeadings.set(h, g); }
  return g;
}

/** Split paragraph lines at the section headings (flattened text has them mid-line) and tag every line with its section. */
export function sectionize(lines: Line[]): DocLine[] {
  // sequential search: each heading after the previous one
  const starts: { line: number; offset: number; key: string; text: string }[] = [];
  let li = 0;
  let off = 0;
  for (const h of HEADINGS) {
    const g = globalHeading(h);
    for (let i = li; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.table) continue;
      const text = l.cells[0] ?? '';
      const from = i === li ? off : 0;
      g.lastIndex = from;
      const m = g.exec(text);
      // in a paragraph line a heading must start the line, unless the line is long flattened text
      if (m && (m.index === 0 || text.length > 200 || /^[#*\s]*$/.test(text.slice(0, m.index)))) {
        starts.push({ line: i, offset: m.index, key: h.key, text: m[0] });
        li = i;
        off = m.index + m[0].length;
        break;
      }
    }
  }
  const out: DocLine[] = [];
  let section: string | undefined;
  lines.forEach((l, i) => {
    const here = starts.filter((s) => s.line === i);
    if (here.length === 0) { out.push({ ...l, section }); return; }
    const text = l.cells[0] ?? '';
    let pos = 0;
    for (const s of here) {
      if (s.offset > pos) out.push({ cells: [text.slice(pos, s.offset).trim()], table: false, section });
      section = s.key;
      pos = s.offset;
      const next = here.find((n) => n.offset > s.offset);
      const piece = text.slice(pos, next ? next.offset : text.length);
      out.push({ cells: [piece.trim()], table: false, section, heading: s.text });
      pos = next ? next.offset : text.length;
    }
  });
  return out.filter((l) => l.table || (l.cells[0] ?? '') !== '');
}

const TABLE_START = /第二十条\s*第?（[一二三四五六七八九]）项|[（(]本列数据的勾稽关系|申请人情况|行政复议\s*行政诉讼\s*结果维持/;

const PAGE_CHROME = /附件下载|扫一扫在手机|【打印】|打印本页|关闭窗口|【关闭】|分享到[:：]|上一篇[:：]|下一篇[:：]/;

export function narrativeSections(doc: DocLine[], joiner: string): NarrativeSection[] {
  const out: NarrativeSection[] = [];
  for (const l of doc) {
    if (l.heading !== undefined && l.section) {
      const rest = (l.cells[0] ?? '').slice(l.heading.length).trim();
      out.push({ key: l.section, heading: l.heading.replace(/\s+/g, ''), text: rest });
    } else if (!l.table && out.length > 0 && l.section === out[out.length - 1]!.key) {
      const s = out[out.length - 1]!;
      s.text = s.text ? s.text + joiner + (l.cells[0] ?? '') : (l.cells[0] ?? '');
    }
  }
  for (const s of out) {
    if (s.key === 'proactive' || s.key === 'requests' || s.key === 'appeals') {
      const m = TABLE_START.exec(s.text);
      if (m) s.text = s.text.slice(0, m.index);
    }
    // page chrome after the report body (archived web pages)
    const chrome = PAGE_CHROME.exec(s.text);
    if (chrome) s.text = s.text.slice(0, chrome.index);
    s.text = s.text.trim();
  }
  return out;
}

export interface Meta {
  title: string | null;
  agency: string | null;
  year: number | null;
  published: string | null;
}

function pad(n: string): string { return n.padStart(2, '0'); }

export function findMeta(lines: Line[], htmlTitle: string | undefined, kind: string): Meta {
  const texts = lines.slice(0, 80).filter((l) => !l.table).map((l) => l.cells[0] ?? '');
  let title: string | null = null;
  const labelled = texts.map((t) => /^标题\s*[:：]\s*(.+)$/.exec(t)?.[1]).find(Boolean);
  if (labelled) title = labelled.trim();
  if (!title && htmlTitle) {
    const first = htmlTitle.split(/[_|]|\s[-–—]\s/)[0]!.trim();
    if (/年度?报告|年报/.test(first)) title = first;
  }
  if (!title) {
    const isTitle = (t: string): boolean => /年度报告|年报/.test(t) && t.length <= 80 && !/[。；]/.test(t);
    const short = (t: string | undefined): t is string => !!t && t.length <= 60 && !/[。，；：:]/.test(t);
    let i = texts.slice(0, 40).findIndex(isTitle);
    let t: string | undefined = i >= 0 ? texts[i] : undefined;
    if (t === undefined) {
      // a title wrapped over two lines (PDF): "…2019年政府信息公" + "开工作年度报告"
      i = texts.slice(0, 40).findIndex((x, k) => short(x) && short(texts[k + 1]) && isTitle(x + texts[k + 1]!));
      if (i >= 0) t = texts[i]! + texts[i + 1]!;
    }
    if (t !== undefined) {
      const prev = texts[i - 1];
      // the agency on the line before ("淮安市人民政府" / "2024 年…报告"), or a title wrapped after the year
      if (short(prev) && (/^\s*\d{4}\s*年/.test(t) || (!/\d{4}\s*年/.test(t) && /\d{4}\s*年/.test(prev)))) t = prev + t;
      title = t;
    }
  }
  if (title && kind === 'pdf') title = title.replace(/(\d)\s+(?=[\u4e00-\u9fff])/g, '$1');
  let year: number | null = null;
  let agency: string | null = null;
  if (title) {
    const m = /(\d{4})\s*年/.exec(title);
    if (m) {
      year = Number(m[1]);
      const a = title.slice(0, m.index).trim();
      agency = a || null;
      // the year first: "2019年上海市人民政府办公厅政府信息公开工作年度报告" names the agency after the year
      if (!agency) {
        const rest = title.slice(m.index + m[0].length).replace(/^度/, '');
        const k = rest.search(/政府信息公开|信息公开/);
        if (k > 0) agency = rest.slice(0, k).trim() || null;
      }
    }
  }
  // labelled metadata lines (our own renderer prints them; archives print 发布机构:)
  const labelledAgency = texts.map((t) => /^(?:发布机构|发布机关|发文机关)\s*[:：]\s*(\S.*?)(?:\s{2,}|\s+报告年度|$)/.exec(t)?.[1]).find(Boolean);
  if (!agency && labelledAgency) agency = labelledAgency.trim();
  if (year === null) {
    const y = texts.map((t) => /报告年度\s*[:：]\s*(\d{4})/.exec(t)?.[1]).find(Boolean);
    if (y) year = Number(y);
  }
  if (year === null) {
    const all = lines.slice(0, 200).map((l) => l.cells.join('')).join('\n');
    const m = /统计期限?自\s*(\d{4})\s*年\s*1\s*月\s*1\s*日/.exec(all);
    if (m) year = Number(m[1]);
  }
  let published: string | null = null;
  // a site header showing today's date ("沭阳县人民政府 2025年12月30日 星期二") is not the report's: lines naming a weekday
  // are skipped; the page's own 公开日期 / 发布日期 field wins over a bare 时间:
  const dated = texts.filter((t) => !/星期[一二三四五六日天]|周[一二三四五六日]/.test(t));
  const DATE = '(\\d{4})(?:-|年)\\s*(\\d{1,2})\\s*(?:-|月)\\s*(\\d{1,2})日?(?:\\s+(\\d{1,2}):(\\d{2}))?';
  for (const label of ['公开日期|发布日期|发布时间|成文日期', '时间']) {
    const re = new RegExp(`(?:${label})\\s*[:：]\\s*${DATE}`);
    for (const t of dated) {
      const m = re.exec(t);
      if (m) {
        published = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` + (m[4] ? ` ${pad(m[4])}:${m[5]}` : '');
        break;
      }
    }
    if (published) break;
  }
  return { title, agency, year, published };
}
