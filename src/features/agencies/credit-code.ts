// 统一社会信用代码 (GB 32100-2015《法人和其他组织统一社会信用代码编码规则》):
// 18 characters from the 31-character set below (no I, O, S, V, Z); the 18th is a check character:
// C18 = 31 − (Σ value(Ci) × Wi mod 31), with weights Wi = 3^(i−1) mod 31 (第4.3条 and 附录 A); 31 → 0.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const r = 31 - (sum % 31);
  return CHARSET[r === 31 ? 0 : r]!;
}

export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
