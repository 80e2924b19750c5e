// CSV of 办件 for the decisions register: one line per decision — date, 事项名称, 决定类型 (header optional; comma,
// tab or Chinese comma separated; quotes as RFC 4180). The 决定类型 (or, failing that, the 事项名称) names the table 二
// row: 行政许可 / 其他对外管理服务事项 / 行政处罚 / 行政强制 / 行政事业性收费 / 政府集中采购 (categories.ts).
import { categoryFromText, type DecisionCategory } from './categories.ts';

export interface CsvDecision {
  line: number;
  decidedOn: string;
  year: number;
  itemName: string;
  decisionType: string;
  category: DecisionCategory;
}
export interface CsvProblem {
  line: number;
  message: string;
}
export interface CsvParse {
  rows: CsvDecision[];
  problems: CsvProblem[];
  /** Counts per year and category (what an import would add). */
  summary: { year: number; category: DecisionCategory; count: number }[];
}

function splitLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === sep) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** A date as YYYY-MM-DD from 2025-03-01, 2025/3/1, 2025.3.1 or 2025年3月1日; null when not a real date. */
export function parseDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseDecisionsCsv(text: string): CsvParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.find((l) => l.trim()) ?? '';
  const sep = first.includes('\t') ? '\t' : first.includes(',') ? ',' : first.includes('，') ? '，' : ',';
  const rows: CsvDecision[] = [];
  const problems: CsvProblem[] = [];
  let cols = { date: 0, name: 1, type: 2 };
  let headerSeen = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const cells = splitLine(raw, sep);
    if (!headerSeen && !parseDate(cells[0] ?? '')) {
      headerSeen = true;
      const find = (re: RegExp, dflt: number) => { const k = cells.findIndex((c) => re.test(c)); return k >= 0 ? k : dflt; };
      cols = { date: find(/日期|date/i, 0), name: find(/事项|名称|name/i, 1), type: find(/决定类型|类型|type|category/i, 2) };
      return;
    }
    headerSeen = true;
    const date = parseDate(cells[cols.date] ?? '');
    const itemName = (cells[cols.name] ?? '').trim();
    const decisionType = (cells[cols.type] ?? '').trim();
    if (!date) { problems.push({ line, message: `第${line}行：日期“${cells[cols.date] ?? ''}”无法识别，请写成 2025-03-01` }); return; }
    const category = categoryFromText(decisionType) ?? categoryFromText(itemName);
    if (!category) { problems.push({ line, message: `第${line}行：决定类型“${decisionType}”无法归入表二的类别（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费、政府集中采购）` }); return; }
    rows.push({ line, decidedOn: date, year: Number(date.slice(0, 4)), itemName, decisionType, category });
  });
  const counts = new Map<string, { year: number; category: DecisionCategory; count: number }>();
  for (const r of rows) {
    const k = `${r.year}|${r.category}`;
    const c = counts.get(k) ?? { year: r.year, category: r.category, count: 0 };
    c.count++;
    counts.set(k, c);
  }
  return { rows, problems, summary: [...counts.values()].sort((a, b) => a.year - b.year || a.category.localeCompare(b.category)) };
}
