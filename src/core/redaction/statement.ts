// The reply letter's 区分处理说明 (条例 第三十七条: 向申请人提供可以公开的政府信息内容，并对不予公开的内容
// 说明理由), generated from the stored redactions of each file, so that the letter and the redactions
// cannot disagree. Pure.
import { REASON_INFO, REDACTION_REASONS, type RedactionReason } from './reasons.ts';

export interface FileRedactions {
  fileName: string;
  redactions: readonly { reason: RedactionReason; otherText?: string | null }[];
}

const CN_DIGITS = '〇一二三四五六七八九';

/** 1…99 in Chinese numerals (counts in the letter): 3 → 三, 12 → 十二, 25 → 二十五. Larger counts stay in Arabic numerals. */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

/** One sentence per file with withheld parts: how many, on which article, grouped by reason in the fixed order. */
export function separationLines(files: readonly FileRedactions[]): string[] {
  const lines: string[] = [];
  for (const f of files) {
    if (f.redactions.length === 0) continue;
    const parts: string[] = [];
    for (const reason of REDACTION_REASONS) {
      const rs = f.redactions.filter((r) => r.reason === reason);
      if (rs.length === 0) continue;
      if (reason === 'other') {
        for (const text of new Set(rs.map((r) => (r.otherText ?? '').trim()))) {
          const n = rs.filter((r) => (r.otherText ?? '').trim() === text).length;
          parts.push(`${chineseCount(n)}处因${text}不予公开`);
        }
      } else {
        const info = REASON_INFO[reason];
        parts.push(`${chineseCount(rs.length)}处${info.ground}，依据《中华人民共和国政府信息公开条例》${info.article}不予公开`);
      }
    }
    lines.push(`《${f.fileName}》共遮盖${chineseCount(f.redactions.length)}处：${parts.join('；')}。`);
  }
  return lines;
}

/** The whole 区分处理说明, or null when no file has a redaction. */
export function separationStatement(files: readonly FileRedactions[]): string | null {
  return statementFromLines(separationLines(files));
}

/** The 区分处理说明 around the per-file sentences of separationLines(), or null when there are none. */
export function statementFromLines(lines: readonly string[]): string | null {
  if (lines.length === 0) return null;
  return `根据《中华人民共和国政府信息公开条例》第三十七条，本机关对所提供的信息作了区分处理，不予公开的内容已遮盖：${lines.join('')}其余内容予以公开。`;
}
