// 信息处理费 — 条例 第四十二条; 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号, 2020-11-17).
// 第三条: 按件计收 or 按量计收, both 超额累进; one standard per application, never both.
// Amounts are whole 元 (every tariff is a whole number of 元).

export const FEE_METHODS = ['per_item', 'per_page'] as const;
/** per_item = 按件计收 (第四条); per_page = 按量计收 (第五条). */
export type FeeMethod = (typeof FEE_METHODS)[number];

export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { per_item: '按件计收', per_page: '按量计收' };

/**
 * 109号 第四条 (按件): the same applicant's applications in one natural month (自然月), cumulative:
 * 1–10 件 free; 11–30 件 100 元/件; from the 31st, every further band of 10 件 adds 100 元/件
 * (31–40: 200, 41–50: 300, …). Returns the fee for the n-th application of the month.
 */
export function perItemFee(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 + 100 * Math.ceil((n - 30) / 10);
}

/** Total 按件 fees for the first n applications of a month (worked example ogi-domain §3.6: 35 → 3 000 元). */
export function perItemMonthTotal(n: number): number {
  let t = 0;
  for (let i = 1; i <= n; i++) t += perItemFee(i);
  return t;
}

/** 按量 bands (第五条): pages in (from..to] at rate 元/页, 超额累进. */
export const PER_PAGE_BANDS: readonly { from: number; to: number; rate: number }[] = [
  { from: 0, to: 30, rate: 0 }, // ≤30 页 免费
  { from: 30, to: 100, rate: 10 }, // 31–100 页 10 元/页
  { from: 100, to: 200, rate: 20 }, // 101–200 页 20 元/页
  { from: 200, to: Infinity, rate: 40 }, // ≥201 页 40 元/页
];

/** 109号 第五条 (按量): progressive per page (worked example ogi-domain §3.6: 150 页 → 70×10 + 50×20 = 1 700 元). */
export function perPageFee(pages: number): number {
  if (!Number.isInteger(pages) || pages < 0) throw new RangeError(`pages must be a non-negative integer, got ${pages}`);
  let t = 0;
  for (const b of PER_PAGE_BANDS) {
    if (pages > b.from) t += (Math.min(pages, b.to) - b.from) * b.rate;
  }
  return t;
}

export interface FeeQuote {
  method: FeeMethod;
  amount: number;
  /** Explanation printed in the 收费通知书. */
  explanation: string;
}

/** The fee for one application by one method (第三条: one method per application). */
export function quoteFee(input: { method: 'per_item'; nthInMonth: number } | { method: 'per_page'; pages: number }): FeeQuote {
  if (input.method === 'per_item') {
    const amount = perItemFee(input.nthInMonth);
    return {
      method: 'per_item',
      amount,
      explanation: `按件计收：本申请为申请人本自然月内第${input.nthInMonth}件申请，${amount === 0 ? '在10件以内，免费' : `按${amount}元/件计收，共${amount}元`}（国办函〔2020〕109号第四条）`,
    };
  }
  const amount = perPageFee(input.pages);
  const parts: string[] = [];
  for (const b of PER_PAGE_BANDS) {
    if (input.pages > b.from && b.rate > 0) {
      const n = Math.min(input.pages, b.to) - b.from;
      parts.push(`第${b.from + 1}至${Math.min(input.pages, b.to)}页共${n}页×${b.rate}元`);
    }
  }
  return {
    method: 'per_page',
    amount,
    explanation: `按量计收：共${input.pages}页，${amount === 0 ? '在30页以内，免费' : `${parts.join('＋')}，合计${amount}元`}（国办函〔2020〕109号第五条）`,
  };
}

/**
 * Position of an application in its applicant's natural month (第四条: 同一申请人…一个自然月内累计).
 * `others` are the same applicant's applications (any month); order by receipt date, then by id.
 */
export function nthInMonth(target: { id: string | number; receivedOn: string }, others: readonly { id: string | number; receivedOn: string | null }[]): number {
  const month = target.receivedOn.slice(0, 7);
  const before = others.filter((o) => {
    if (!o.receivedOn || o.receivedOn.slice(0, 7) !== month || String(o.id) === String(target.id)) return false;
    if (o.receivedOn < target.receivedOn) return true;
    if (o.receivedOn > target.receivedOn) return false;
    return compareIds(o.id, target.id) < 0;
  });
  return before.length + 1;
}

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a), nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * The largest page count a 按量 fee notice may bill by default (a setting, FEE_MAX_PAGES). 109号 第五条
 * sets rates, not a ceiling; a request far beyond this is a 第三十五条 matter (数量明显超过合理范围: ask for
 * reasons, or fix a reasonable delayed reply period), not a bill — 10 000 pages would be 394 700 元.
 */
export const DEFAULT_MAX_FEE_PAGES = 10_000;

/**
 * What is wrong with a fee notice before it is issued (it pauses the reply clock, so it must be right):
 * 按量 needs a page count above the free 30 pages (第五条) and at most `maxPages`; an application that asked
 * for a fee waiver (减免) gets a notice only with the decision not to waive and its reasons (the 减免 rules of
 * 109号 were not read — ogi-domain §3.6 UNCONFIRMED — so the system asks for the decision instead of
 * assuming one). Returns field errors (empty when the notice may go out).
 */
export function feeNoticeProblems(input: {
  method: FeeMethod;
  pages?: number | null;
  maxPages: number;
  waiverRequested: boolean;
  waiverRefusedReason?: string | null;
}): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (input.method === 'per_page') {
    const p = input.pages;
    if (p === undefined || p === null) out.push({ field: 'pages', message: '按量计收时请填写页数' });
    else if (!Number.isInteger(p) || p < 0) out.push({ field: 'pages', message: '页数应为不小于0的整数' });
    else if (p > input.maxPages) {
      out.push({ field: 'pages', message: `页数${p}超过了按量计收的上限${input.maxPages}页：请核对页数；数量明显超过合理范围的，按条例第三十五条处理（要求说明理由或者确定延迟答复的合理期限）` });
    }
  }
  if (input.waiverRequested && !input.waiverRefusedReason?.trim()) {
    out.push({ field: 'waiverRefusedReason', message: '申请人申请了减免费用：发出收费通知前，请写明不予减免的理由（决定减免的，不发收费通知）' });
  }
  return out;
}
