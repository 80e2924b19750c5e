// Who may see which personal data of an applicant (个人信息保护法 第六条 最小必要, 第十条, 第五十一条): one
// policy per role, applied by the services to every door (API JSON, pages, exports, letters, mail
// outbox, attachments). Decision record 060 holds the same table in prose.
//
// The agency that handles an application (its officer, reviewer and leader) processes the applicant's
// data for the statutory purpose (条例 第二十九条: 姓名、身份证明、联系方式) and sees it in full. Everyone
// else — the supervising 政务公开办 (it supervises the work, not the applicant) and the system
// administrator (users and settings, not case content) — sees the case without the person: names
// masked, contact data and identity numbers replaced by a mask, no identity scans, no mail bodies,
// letters with the applicant's data masked.

/** The staff roles (same names as the users table) plus the anonymous public. */
export type Viewer = 'admin' | 'officer' | 'reviewer' | 'leader' | 'supervisor' | 'public';

/** The personal fields of an applicant. */
export const PERSONAL_FIELDS = ['name', 'idType', 'idNumber', 'legalRepresentative', 'contactPerson', 'phone', 'email', 'address', 'postcode'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** full: the value; masked: a partial value that hides the person ("张*"); hidden: the mask "***" (null stays null). */
export type FieldAccess = 'full' | 'masked' | 'hidden';

export interface RolePolicy {
  /** Role label for the decision table and pages. */
  label: string;
  /** Field access in JSON, pages and letters. */
  fields: Record<PersonalField, FieldAccess>;
  /** Issued letters (DOCX/PDF and their text): the applicant's data in full, or masked. */
  letters: 'full' | 'masked';
  /** Mail outbox: recipient address and message body (they carry name, address, reasons). */
  mail: 'full' | 'masked';
  /** Attachments (identity scans, scanned applications). */
  attachments: boolean;
  /** Exports (CSV): always masked by default; `true` = may ask for the unmasked export. */
  exportUnmasked: boolean;
  /** May find an application by an exact phone or identity number (keyed hash). */
  searchByPersonalData: boolean;
  /** Whether opening data as this role is written to the personal-data access log. */
  logged: boolean;
}

const ALL_FULL: Record<PersonalField, FieldAccess> = {
  name: 'full', idType: 'full', idNumber: 'full', legalRepresentative: 'full', contactPerson: 'full', phone: 'full', email: 'full', address: 'full', postcode: 'full',
};
// Outside the handling agency: the kind of identity document is no personal datum by itself and stays;
// a natural person's name keeps its first character (enough to tell two cases apart in a list).
const WITHOUT_PERSON: Record<PersonalField, FieldAccess> = {
  name: 'masked', idType: 'full', idNumber: 'hidden', legalRepresentative: 'masked', contactPerson: 'masked', phone: 'hidden', email: 'hidden', address: 'hidden', postcode: 'hidden',
};
const NOTHING: Record<PersonalField, FieldAccess> = {
  name: 'hidden', idType: 'hidden', idNumber: 'hidden', legalRepresentative: 'hidden', contactPerson: 'hidden', phone: 'hidden', email: 'hidden', address: 'hidden', postcode: 'hidden',
};

const handling = (label: string): RolePolicy => ({ label, fields: ALL_FULL, letters: 'full', mail: 'full', attachments: true, exportUnmasked: true, searchByPersonalData: true, logged: true });
const outside = (label: string): RolePolicy => ({ label, fields: WITHOUT_PERSON, letters: 'masked', mail: 'masked', attachments: false, exportUnmasked: false, searchByPersonalData: false, logged: false });

export const PERSONAL_DATA_POLICY: Readonly<Record<Viewer, RolePolicy>> = {
  officer: handling('经办人'),
  reviewer: handling('审核人'),
  leader: handling('负责人'),
  supervisor: outside('政务公开办（监督）'),
  admin: outside('系统管理员'),
  // The status page (查询码 + 联系电话) shows the state of the case and nothing about the person.
  public: { label: '公众（查询办理状态）', fields: NOTHING, letters: 'masked', mail: 'masked', attachments: false, exportUnmasked: false, searchByPersonalData: false, logged: false },
};

export function policyFor(viewer: Viewer): RolePolicy {
  return PERSONAL_DATA_POLICY[viewer];
}

/** True when the viewer sees the applicant's data in full (the handling agency). */
export function seesPersonalData(viewer: Viewer): boolean {
  return PERSONAL_DATA_POLICY[viewer].fields.idNumber === 'full';
}

export const MASK = '***';

/** 张三 → 张*；欧阳修 → 欧**；a one-character name → *. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 8))}`;
}

export function maskField(access: FieldAccess, value: string | null): string | null {
  if (value === null || value === undefined || value === '') return value ?? null;
  if (access === 'full') return value;
  if (access === 'masked') return maskName(value);
  return MASK;
}

/** The applicant fields a view carries (a subset of PersonalField plus anything else, passed through). */
export type ApplicantLike = { type: string; name: string } & Partial<Record<Exclude<PersonalField, 'name'>, string | null>>;

/**
 * The applicant as `viewer` may see it. An organisation's name (法人或者其他组织) is no personal data
 * and stays; its contact person and legal representative are people and follow the policy.
 */
export function applicantFor<T extends ApplicantLike>(viewer: Viewer, a: T): T {
  const p = PERSONAL_DATA_POLICY[viewer].fields;
  const out: Record<string, unknown> = { ...a };
  for (const f of PERSONAL_FIELDS) {
    if (!(f in a)) continue;
    if (f === 'name' && a.type !== 'natural_person' && p.name !== 'hidden') continue;
    out[f] = maskField(p[f], (a as Record<string, string | null>)[f] ?? null);
  }
  return out as T;
}

/** An applicant's name in a list or summary as `viewer` may see it. */
export function applicantNameFor(viewer: Viewer, applicantType: string, name: string): string {
  const p = PERSONAL_DATA_POLICY[viewer].fields.name;
  if (applicantType !== 'natural_person' && p !== 'hidden') return name;
  return maskField(p, name) ?? '';
}

/**
 * A text (letter body, reply preview, mail) with the applicant's data masked: every occurrence of the
 * name is replaced by its masked form and every other personal value by the mask. Values shorter than
 * two characters are left alone (they would match inside ordinary words).
 */
export function maskText(text: string, a: ApplicantLike): string {
  const pairs: [string, string][] = [];
  const add = (v: string | null | undefined, by: string) => {
    const s = v?.trim();
    if (s && Array.from(s).length >= 2) pairs.push([s, by]);
  };
  if (a.type === 'natural_person') add(a.name, maskName(a.name));
  add(a.contactPerson, maskName(a.contactPerson ?? ''));
  add(a.legalRepresentative, maskName(a.legalRepresentative ?? ''));
  for (const f of ['idNumber', 'phone', 'email', 'address'] as const) add(a[f], MASK);
  // Longest first, so that a value containing another (an address containing the name) is replaced whole.
  pairs.sort((x, y) => y[0].length - x[0].length);
  let out = text;
  for (const [from, to] of pairs) out = out.split(from).join(to);
  return out;
}
