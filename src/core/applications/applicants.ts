// Applicant types ↔ table 三 columns (申请人情况).
// Source: 条例 第二十七条 (公民、法人或者其他组织 may apply); report formats 2019 (60号) / 2021 (30号) table 三 columns
// 自然人 | 法人或其他组织 {商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他} | 总计 (ogi-domain §1.2, §7.5).
import { TABLE3_COLUMNS, type Table3Column } from '../report/formats.ts';

export const APPLICANT_TYPES = ['natural_person', 'commercial', 'research', 'social', 'legal_service', 'other'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The table 三 column each applicant type is counted in (never 总计, which is computed). */
export const APPLICANT_COLUMN: Record<ApplicantType, Exclude<Table3Column, '总计'>> = {
  natural_person: TABLE3_COLUMNS[0], // 自然人
  commercial: TABLE3_COLUMNS[1], // 商业企业
  research: TABLE3_COLUMNS[2], // 科研机构
  social: TABLE3_COLUMNS[3], // 社会公益组织
  legal_service: TABLE3_COLUMNS[4], // 法律服务机构
  other: TABLE3_COLUMNS[5], // 其他 (法人或其他组织 / 其他)
};

/** Labels for forms and lists: a 公民 applies as 自然人; the others are 法人或者其他组织 categories. */
export const APPLICANT_TYPE_LABELS: Record<ApplicantType, { zh: string; en: string }> = {
  natural_person: { zh: '公民（自然人）', en: 'Citizen (natural person)' },
  commercial: { zh: '商业企业', en: 'Commercial enterprise' },
  research: { zh: '科研机构', en: 'Research institution' },
  social: { zh: '社会公益组织', en: 'Public-interest organisation' },
  legal_service: { zh: '法律服务机构', en: 'Legal service organisation' },
  other: { zh: '其他组织', en: 'Other organisation' },
};

export function isApplicantType(v: unknown): v is ApplicantType {
  return typeof v === 'string' && (APPLICANT_TYPES as readonly string[]).includes(v);
}

export function isOrganisation(t: ApplicantType): boolean {
  return t !== 'natural_person';
}

/** 第二十九条第一项: 身份证明. Identity document types offered on the form. */
export const PERSON_ID_TYPES = ['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '外国人永久居留身份证', '其他'] as const;

/**
 * A stable key identifying "the same applicant" — used for the 109号 monthly count (第四条: 同一申请人)
 * and for the repeat/volume hints. Identity number (upper-cased, spaces removed) or 统一社会信用代码.
 */
export function applicantKey(a: { type: ApplicantType; idNumber?: string | null; creditCode?: string | null; name: string }): string {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  if (a.type === 'natural_person') {
    return a.idNumber ? `P:${norm(a.idNumber)}` : `N:${norm(a.name)}`;
  }
  return a.creditCode ? `O:${norm(a.creditCode)}` : `N:${norm(a.name)}`;
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters, check character by the standard's weights. */
export function isValidCreditCode(code: string): boolean {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const c = code.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(c[i]!) * weights[i]!;
  const check = (31 - (sum % 31)) % 31;
  return chars[check] === c[17];
}

/** 居民身份证 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check digit. */
export function isValidResidentId(id: string): boolean {
  const c = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(c)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(c[i]) * weights[i]!;
  return '10X98765432'[sum % 11] === c[17];
}
