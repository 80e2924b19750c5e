// 索引号 (index number) from a configurable pattern. No national format binds a district agency
// (ogi-domain §6.4, UNCONFIRMED); observed formats: 统一社会信用代码/年份-5位流水号 (山东),
// 组织机构代码/年份-流水号 (国务院), 统一社会信用代码/年月-流水号, 行政区划代码/年份-流水号.
// Default: {统一社会信用代码}/{YYYY}-{NNNNN}. Unique per agency, never reused (the counter lives in the database).

export const DEFAULT_INDEX_PATTERN = '{统一社会信用代码}/{YYYY}-{NNNNN}';

export interface IndexNumberContext {
  /** 18-character 统一社会信用代码 */
  creditCode?: string | null;
  /** 9-character 组织机构代码 (usually characters 9–17 of the credit code) */
  orgCode?: string | null;
  /** 6-digit 行政区划代码 */
  regionCode?: string | null;
  /** Generation date YYYY-MM-DD (the year/month of the counter) */
  date: string;
  /** Sequence number within the counter scope (1-based) */
  seq: number;
}

type Part =
  | { t: 'lit'; v: string }
  | { t: 'credit' }
  | { t: 'org' }
  | { t: 'region' }
  | { t: 'year' }
  | { t: 'month' }
  | { t: 'seq'; width: number };

export class IndexPatternError extends Error {}

const FIELD_ALIASES: Record<string, Part['t']> = {
  统一社会信用代码: 'credit',
  机构代码: 'credit',
  组织机构代码: 'org',
  行政区划代码: 'region',
  YYYY: 'year',
  MM: 'month',
};

/** Parse a pattern such as "{统一社会信用代码}/{YYYY}-{NNNNN}" into parts; throws IndexPatternError. */
export function compilePattern(pattern: string): Part[] {
  const parts: Part[] = [];
  const re = /\{([^{}]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let seqCount = 0;
  while ((m = re.exec(pattern))) {
    if (m.index > last) parts.push({ t: 'lit', v: pattern.slice(last, m.index) });
    const name = m[1]!;
    if (/^N+$/.test(name)) {
      parts.push({ t: 'seq', width: name.length });
      seqCount += 1;
    } else if (name === 'YYYYMM') {
      parts.push({ t: 'year' }, { t: 'month' });
    } else {
      const t = FIELD_ALIASES[name];
      if (!t) throw new IndexPatternError(`索引号格式中的“{${name}}”无法识别，可用：{统一社会信用代码}、{组织机构代码}、{行政区划代码}、{YYYY}、{MM}、{YYYYMM}、{NNNNN}`);
      parts.push({ t } as Part);
    }
    last = re.lastIndex;
  }
  if (last < pattern.length) parts.push({ t: 'lit', v: pattern.slice(last) });
  if (seqCount !== 1) throw new IndexPatternError('索引号格式必须包含且只包含一个流水号，如 {NNNNN}');
  if (!parts.some((p) => p.t === 'year')) throw new IndexPatternError('索引号格式必须包含年份 {YYYY}，流水号按年编排');
  return parts;
}

/** The counter scope of a pattern for a date: "2024" for per-year patterns, "2024-10" when the pattern has {MM}. */
export function counterScope(pattern: string, date: string): string {
  const parts = compilePattern(pattern);
  const y = date.slice(0, 4);
  return parts.some((p) => p.t === 'month') ? `${y}-${date.slice(5, 7)}` : y;
}

/** Format an index number; throws IndexPatternError when a field the pattern needs is missing or the sequence overflows. */
export function formatIndexNumber(pattern: string, ctx: IndexNumberContext): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ctx.date)) throw new IndexPatternError(`日期格式应为 YYYY-MM-DD：${ctx.date}`);
  if (!Number.isInteger(ctx.seq) || ctx.seq < 1) throw new IndexPatternError('流水号必须是正整数');
  return compilePattern(pattern)
    .map((p) => {
      switch (p.t) {
        case 'lit': return p.v;
        case 'credit': return need(ctx.creditCode, '请先在机构设置中填写统一社会信用代码');
        case 'org': return need(ctx.orgCode ?? (ctx.creditCode && ctx.creditCode.length === 18 ? ctx.creditCode.slice(8, 17) : null), '请先在机构设置中填写组织机构代码');
        case 'region': return need(ctx.regionCode, '请先在机构设置中填写行政区划代码');
        case 'year': return ctx.date.slice(0, 4);
        case 'month': return ctx.date.slice(5, 7);
        case 'seq': {
          const s = String(ctx.seq);
          if (s.length > p.width) throw new IndexPatternError(`本年流水号已超过 ${p.width} 位，请调整索引号格式`);
          return s.padStart(p.width, '0');
        }
      }
    })
    .join('');
}

function need(v: string | null | undefined, msg: string): string {
  if (!v) throw new IndexPatternError(msg);
  return v;
}

export interface ParsedIndexNumber {
  creditCode?: string;
  orgCode?: string;
  regionCode?: string;
  year: number;
  month?: number;
  seq: number;
}

/** Parse an index number against a pattern; returns null when it does not match. */
export function parseIndexNumber(pattern: string, value: string): ParsedIndexNumber | null {
  const parts = compilePattern(pattern);
  const groups: string[] = [];
  const src = parts
    .map((p) => {
      switch (p.t) {
        case 'lit': return p.v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        case 'credit': groups.push('credit'); return '([0-9A-HJ-NPQRTUWXY]{18})';
        case 'org': groups.push('org'); return '([0-9A-Z]{8}-?[0-9A-Z])';
        case 'region': groups.push('region'); return '(\\d{6})';
        case 'year': groups.push('year'); return '(\\d{4})';
        case 'month': groups.push('month'); return '(0[1-9]|1[0-2])';
        case 'seq': groups.push('seq'); return `(\\d{${p.width}})`;
      }
    })
    .join('');
  const m = new RegExp(`^${src}$`).exec(value.trim());
  if (!m) return null;
  const out: ParsedIndexNumber = { year: 0, seq: 0 };
  groups.forEach((g, i) => {
    const v = m[i + 1]!;
    if (g === 'credit') out.creditCode = v;
    else if (g === 'org') out.orgCode = v;
    else if (g === 'region') out.regionCode = v;
    else if (g === 'year') out.year = Number(v);
    else if (g === 'month') out.month = Number(v);
    else if (g === 'seq') out.seq = Number(v);
  });
  if (out.seq < 1) return null;
  return out;
}

// GB 32100-2015 统一社会信用代码: 18 characters, the last a check character over the first 17.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check a 统一社会信用代码 (GB 32100-2015 check character). */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CHARS[check] === code[17];
}

const PART_WORDS: Record<Exclude<Part['t'], 'lit' | 'seq'>, string> = {
  credit: '统一社会信用代码', org: '组织机构代码', region: '行政区划代码', year: '4位年份', month: '2位月份',
};

/**
 * An index-number pattern for readers (公开指南): what it is made of, in words, and an example — never the
 * placeholder syntax ("{YYYY}-{NNNNN}"). The example is the first number of `date`'s counter; without the codes
 * the pattern needs, there is no example.
 */
export function describeIndexPattern(pattern: string, ctx: Omit<IndexNumberContext, 'seq'>): { words: string; example: string | null } {
  const parts = compilePattern(pattern).filter((p) => p.t !== 'lit');
  const words = parts.map((p) => (p.t === 'seq' ? `${p.width}位流水号` : PART_WORDS[p.t as keyof typeof PART_WORDS])).join('、');
  let example: string | null = null;
  try {
    example = formatIndexNumber(pattern, { ...ctx, seq: 1 });
  } catch (e) {
    if (!(e instanceof IndexPatternError)) throw e;
  }
  return { words, example };
}
