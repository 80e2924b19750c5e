// "Meaningful" free text: names, descriptions, reasons and items must say something — at least one letter
// (any script: 汉字, Latin, …) or digit, not only punctuation, symbols or spaces ("。。。", "——", "???").

const MEANINGFUL = /[\p{L}\p{N}]/gu;

/** Number of letters and digits in `s`. */
export function meaningfulLength(s: string): number {
  return s.match(MEANINGFUL)?.length ?? 0;
}

/** True when `s` contains at least `min` letters or digits. */
export function isMeaningfulText(s: string, min = 1): boolean {
  return meaningfulLength(s) >= min;
}

/** Why `s` is not meaningful, in plain Chinese, or null. */
export function meaningfulTextProblem(s: string, label: string, min = 1): string | null {
  if (isMeaningfulText(s, min)) return null;
  return min <= 1 ? `${label}不能只有标点符号、空格或其他符号，请写明具体内容` : `${label}至少要有${min}个文字或数字，不能只有标点符号或其他符号`;
}
