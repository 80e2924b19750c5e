// Label matching: the printed labels of real reports vary (half-width parentheses, spaces, "1、" for
// "1.", labels broken across lines or pages, 2019 vs 2021 wording). Each canonical row of
// src/core/report/formats.ts gets a pattern on the normalised label text.
import { FORMATS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_RECEIVED, T3_TOTAL } from '../../../core/report/formats.ts';

/** Normalise a label for matching: full-width parentheses and colon, no whitespace, no markdown, "1、" → "1.". */
export function normLabel(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/[*#`]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/[．]/g, '.')
    .replace(/(\d)\s*[、，,]/g, '$1.')
    .replace(/["'“”‘’「」]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, '');
}

export interface RowMatcher {
  key: string;
  re: RegExp;
}

/** Table 三 row patterns (keys as in formats.ts; "group/sub-row"). */
export const T3_MATCHERS: RowMatcher[] = [
  { key: T3_RECEIVED, re: /本年新收/ },
  { key: T3_CARRIED_IN, re: /上年结转/ },
  { key: '（一）予以公开', re: /予以公开/ },
  { key: '（二）部分公开', re: /部分公开/ },
  { key: '（三）不予公开/1.属于国家秘密', re: /国家秘密/ },
  { key: '（三）不予公开/2.其他法律行政法规禁止公开', re: /法律行政法规禁止|其他法律行政法规/ },
  { key: '（三）不予公开/3.危及“三安全一稳定”', re: /三安全一稳定|危及三安全/ },
  { key: '（三）不予公开/4.保护第三方合法权益', re: /第三方合法/ },
  { key: '（三）不予公开/5.属于三类内部事务信息', re: /三类内部/ },
  { key: '（三）不予公开/6.属于四类过程性信息', re: /四类过程/ },
  { key: '（三）不予公开/7.属于行政执法案卷', re: /行政执法案/ },
  { key: '（三）不予公开/8.属于行政查询事项', re: /行政查询/ },
  { key: '（四）无法提供/1.本机关不掌握相关政府信息', re: /本机关不掌握|不掌握相关/ },
  { key: '（四）无法提供/2.没有现成信息需要另行制作', re: /没有现成/ },
  { key: '（四）无法提供/3.补正后申请内容仍不明确', re: /补正后申请/ },
  { key: '（五）不予处理/1.信访举报投诉类申请', re: /信访举报/ },
  { key: '（五）不予处理/2.重复申请', re: /重复申请/ },
  { key: '（五）不予处理/3.要求提供公开出版物', re: /公开出版/ },
  { key: '（五）不予处理/4.无正当理由大量反复申请', re: /大量反复/ },
  { key: '（五）不予处理/5.要求行政机关确认或重新出具已获取信息', re: /要求行政机关确认|重新出具/ },
  { key: FORMATS['2021'].table3ResultRows[18]!, re: /逾期不补正/ },
  { key: FORMATS['2021'].table3ResultRows[19]!, re: /未按收费通知|逾期未缴纳|逾期未缴费|缴纳费用/ },
  { key: FORMATS['2021'].table3ResultRows[20]!, re: /(^|[^\d])3\.其他(?!处理|法律|结果|对外)/ },
  { key: '（六）其他处理', re: /其他处理/ },
  { key: T3_TOTAL, re: /（七）总计|七）总计|^总计$/ },
  { key: T3_CARRIED_OUT, re: /结转下年度/ },
];

/** The matcher whose match ends last in the label (the row's own label is printed after any group label). */
const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) { g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'); globalCache.set(re, g); }
  g.lastIndex = 0;
  return g;
}

export function matchRow(label: string, matchers: RowMatcher[]): { key: string; start: number; end: number } | undefined {
  let best: { key: string; start: number; end: number; len: number } | undefined;
  for (const m of matchers) {
    if (!m.re.test(label)) continue;
    const g = globalOf(m.re);
    let r: RegExpExecArray | null;
    while ((r = g.exec(label)) !== null) {
      const end = r.index + r[0].length;
      if (!best || end > best.end || (end === best.end && r[0].length > best.len)) best = { key: m.key, start: r.index, end, len: r[0].length };
      if (r[0].length === 0) g.lastIndex++;
    }
  }
  return best ? { key: best.key, start: best.start, end: best.end } : undefined;
}

const NUMBERING = /[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\./g;

/**
 * The row's own label as printed, from a normalised group label (which may also hold a table heading, column headers
 * or the group label printed before the row): from the last row numbering (一、 （一） 1.) at or just before the
 * matched words — `numbered` — or from the matched words, to the end of the label.
 */
export function printedRowLabel(label: string, start: number, numbered: boolean): string {
  if (!numbered) return label.slice(start);
  let from = start;
  NUMBERING.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = NUMBERING.exec(label)) !== null && r.index <= start + 1) from = r.index;
  return label.slice(from);
}

/** Table 二 rows: canonical key(s) by printed label. 规范性文件 keeps the printed form (2019 规范性文件, 2021 行政规范性文件). */
export const T2_ROW_MATCHERS: RowMatcher[] = [
  { key: '规章', re: /规章/ },
  { key: '行政规范性文件', re: /行政规范性文件/ },
  { key: '规范性文件', re: /规范性文件/ },
  { key: '其他对外管理服务事项', re: /其他对外管理服务事项|对外管理服务/ },
  { key: '行政许可', re: /行政许可/ },
  { key: '行政处罚', re: /行政处罚/ },
  { key: '行政强制', re: /行政强制/ },
  { key: '行政事业性收费', re: /行政事业性收费/ },
  { key: '政府集中采购', re: /政府集中采购/ },
];

/** Table 二 column headers (canonical), longest first so 本年处理决定数量 wins over 处理决定数量. */
export const T2_COLUMNS: { key: string; re: RegExp; format: '2019' | '2021' }[] = [
  { key: '本年收费金额（单位：万元）', re: /本年收费金额(（单位：?万元）)?/, format: '2021' },
  { key: '本年处理决定数量', re: /本年处理决定数量/, format: '2021' },
  { key: '本年制发件数', re: /本年制发件数/, format: '2021' },
  { key: '本年废止件数', re: /本年废止件数/, format: '2021' },
  { key: '现行有效件数', re: /现行有效件数/, format: '2021' },
  { key: '本年新制作数量', re: /本年新制作数量/, format: '2019' },
  { key: '本年新公开数量', re: /本年新公开数量/, format: '2019' },
  { key: '对外公开总数量', re: /对外公开总数量/, format: '2019' },
  { key: '上一年项目数量', re: /上一年项目数量/, format: '2019' },
  { key: '本年增/减', re: /本年增\/?减/, format: '2019' },
  { key: '处理决定数量', re: /处理决定数量/, format: '2019' },
  { key: '采购项目数量', re: /采购项目数量/, format: '2019' },
  { key: '采购总金额', re: /采购总金额/, format: '2019' },
];

/** Column headers found in a header label, in printed order (non-overlapping, longest first). */
export function findT2Columns(label: string): { key: string; format: '2019' | '2021' }[] {
  const hits: { key: string; format: '2019' | '2021'; start: number; end: number }[] = [];
  for (const c of T2_COLUMNS) {
    if (!c.re.test(label)) continue;
    const g = globalOf(c.re);
    let r: RegExpExecArray | null;
    while ((r = g.exec(label)) !== null) {
      const start = r.index;
      const end = start + r[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ key: c.key, format: c.format, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start).map(({ key, format }) => ({ key, format }));
}

/** 第二十条第（X）项 → canonical block key. */
export function matchBlock(label: string): string | undefined {
  const all = [...label.matchAll(/第二十条第?（([一二三四五六七八九十]+)）项/g)];
  const last = all[all.length - 1];
  return last ? `第二十条第（${last[1]}）项` : undefined;
}
