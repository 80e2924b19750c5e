// 依申请公开转主动公开 (条例 第四十四条):
//   多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。
//   对行政机关依申请公开的政府信息，申请人认为涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的，可以建议
//   行政机关将该信息纳入主动公开的范围。行政机关经审核认为属于主动公开范围的，应当及时主动公开。
// Pure rules: which case may be published (information actually disclosed: the reply in force is 予以公开 or 部分公开),
// when the case page and the work queue suggest it (another applicant asked for the same information — the
// similarity measure of hints.ts), and the catalogue draft proposed from the case: never the applicant's data, and
// not the applicant's own wording when it carries personal data. The officer edits the proposal; 保密审查 and 审核
// of the catalogue follow (条例 第十七条).
import type { ApplicantLike } from '../personal-data/index.ts';
import type { OutcomeCode } from './outcomes.ts';
import { outcomeOf } from './lifecycle.ts';
import type { LedgerEvent } from './lifecycle.ts';
import { profileSimilarity, textProfile, type TextProfile } from './hints.ts';

export const ARTICLE_44 = '条例第四十四条';

/** Outcomes under which information was provided to the applicant (条例 第三十六条第二项、第三十七条). */
export const PUBLISHABLE_OUTCOMES: readonly OutcomeCode[] = ['disclose', 'partial'];

export type Eligibility = { ok: true; outcome: OutcomeCode; decidedOn: string } | { ok: false; reason: string };

/**
 * May the information of this case be put into the catalogue? Only what was disclosed: the reply in force (the last
 * approved reply) is 予以公开 or 部分公开. 已主动公开 needs nothing; refusals disclosed nothing.
 */
export function publicationEligibility(ledger: readonly LedgerEvent[]): Eligibility {
  const outcome = outcomeOf(ledger);
  if (outcome === null) return { ok: false, reason: '该申请尚未作出经审核的答复：只有已依申请公开的信息才能转为主动公开（条例第四十四条）' };
  if (outcome === 'disclose_already_public') return { ok: false, reason: '答复为“已主动公开”：该信息已在主动公开范围内，无需再转为主动公开' };
  if (!PUBLISHABLE_OUTCOMES.includes(outcome)) return { ok: false, reason: '该申请的答复没有公开政府信息（不是“予以公开”或“部分公开”），不能转为主动公开' };
  const approved = [...ledger].reverse().find((e) => e.kind === 'reply_approved');
  return { ok: true, outcome, decidedOn: approved?.on ?? '' };
}

// ───────────── personal data in free text ─────────────

export type PersonalFinding = 'applicant' | 'id_number' | 'mobile' | 'landline' | 'email' | 'own_affairs';

export const FINDING_LABELS: Record<PersonalFinding, string> = {
  applicant: '申请人的姓名、证件号码、电话、地址或电子邮箱',
  id_number: '身份证号码',
  mobile: '手机号码',
  landline: '固定电话号码',
  email: '电子邮箱',
  own_affairs: '申请人本人的事项（“我”“本人的”等）',
};

const PATTERNS: [PersonalFinding, RegExp][] = [
  ['id_number', /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/],
  ['mobile', /(?<!\d)1[3-9]\d{9}(?!\d)/],
  ['landline', /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/],
  ['email', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/],
  // the request is about the applicant's own affairs (their house, their case): not information for everyone
  ['own_affairs', /我家|我的|我们家|本人的|本人名下|我父|我母|我方的|家父|家母|申请人本人/],
];

/**
 * What personal data a text carries: any of the applicant's own values (name of a person, contact person, legal
 * representative, 证件号码, phone, e-mail, address) and anything shaped like an identity number, a phone number or an
 * e-mail address, or words about the applicant's own affairs. Empty: nothing found.
 */
export function personalDataIn(text: string, applicant: ApplicantLike | null): PersonalFinding[] {
  const out = new Set<PersonalFinding>();
  if (applicant) {
    const values = [applicant.type === 'natural_person' ? applicant.name : null, applicant.contactPerson, applicant.legalRepresentative, applicant.idNumber, applicant.phone, applicant.email, applicant.address]
      .map((v) => v?.trim() ?? '').filter((v) => Array.from(v).length >= 2);
    const compact = text.replace(/[\s-]+/g, '');
    if (values.some((v) => text.includes(v) || compact.includes(v.replace(/[\s-]+/g, '')))) out.add('applicant');
  }
  for (const [kind, re] of PATTERNS) if (re.test(text)) out.add(kind);
  return [...out];
}

// ───────────── the same information asked by several applicants ─────────────

export interface PublicationCandidate {
  id: number;
  applicantKey: string;
  content: string;
}

export interface SameInformationHint {
  kind: 'same_information';
  basis: typeof ARTICLE_44;
  /** Applications of other applicants asking for information similar to this case's, most similar first. */
  matches: { id: number; similarity: number }[];
  /** How many applicants asked (this case's included). */
  applicants: number;
  message: string;
}

/** Default similarity from which two applications ask for "the same information": the repeat hint's (hints.ts). */
export const SAME_INFORMATION_THRESHOLD = 0.75;

/** The shorter text must have at least this many bigrams for containment to count (a word or two is everywhere). */
export const CONTAINMENT_MIN_BIGRAMS = 8;

/**
 * How alike two requests are as requests for the same information: the repeat hint's Dice measure, or — since
 * different people word the same request differently ("本人…（电话…）申请公开X" / "请公开X") — how much of the shorter
 * request the longer one contains, when the shorter is long enough to name something specific.
 */
export function sameInformationSimilarity(a: TextProfile, b: TextProfile): number {
  const dice = profileSimilarity(a, b);
  const shorter = Math.min(a.total, b.total);
  if (shorter < CONTAINMENT_MIN_BIGRAMS) return dice;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  let inter = 0;
  for (const [g, n] of small) inter += Math.min(n, large.get(g) ?? 0);
  return Math.max(dice, inter / shorter);
}

/**
 * 第四十四条 suggestions for many cases at once: for each target, the applications of OTHER applicants (different
 * applicant key) of the same pool whose content is at least `threshold` similar ({@link sameInformationSimilarity}).
 * Each text is prepared once and the pool is indexed by bigram, so a target is compared only with the pool texts it
 * shares a bigram with (the work queue runs this for every disclosed case of an agency).
 */
/** A pool of applications prepared for many {@link sameInformationHintsIn} calls (texts prepared once, bigram index). */
export interface SameInformationIndex {
  pool: readonly PublicationCandidate[];
  profiles: readonly TextProfile[];
  byId: ReadonlyMap<number, number>;
  /** bigram → [pool index, count, pool index, count, …] */
  postings: ReadonlyMap<string, readonly number[]>;
}

export function sameInformationIndex(pool: readonly PublicationCandidate[]): SameInformationIndex {
  const profiles: TextProfile[] = pool.map((p) => textProfile(p.content));
  const postings = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    if (p.norm.length === 0) return;
    for (const [g, n] of p.grams) {
      let l = postings.get(g);
      if (!l) postings.set(g, (l = []));
      l.push(i, n);
    }
  });
  return { pool, profiles, byId: new Map(pool.map((p, i) => [p.id, i])), postings };
}

export function sameInformationHints(targets: readonly PublicationCandidate[], pool: readonly PublicationCandidate[], threshold = SAME_INFORMATION_THRESHOLD): Map<number, SameInformationHint> {
  return sameInformationHintsIn(sameInformationIndex(pool), targets, threshold);
}

/** {@link sameInformationHints} over a prepared pool. */
export function sameInformationHintsIn(index: SameInformationIndex, targets: readonly PublicationCandidate[], threshold = SAME_INFORMATION_THRESHOLD): Map<number, SameInformationHint> {
  const { pool, profiles, byId, postings } = index;
  const inter = new Float64Array(pool.length);
  const touched: number[] = [];
  const out = new Map<number, SameInformationHint>();
  for (const t of targets) {
    const own = byId.get(t.id);
    const pt = own !== undefined && pool[own]!.content === t.content ? profiles[own]! : textProfile(t.content);
    if (pt.norm.length === 0) continue;
    for (const [g, n] of pt.grams) {
      const l = postings.get(g);
      if (!l) continue;
      for (let k = 0; k < l.length; k += 2) {
        const i = l[k]!;
        const before = inter[i]!;
        if (before === 0) touched.push(i);
        inter[i] = before + Math.min(n, l[k + 1]!);
      }
    }
    const matches: { id: number; similarity: number; key: string }[] = [];
    for (const i of touched) {
      const o = pool[i]!;
      const shared = inter[i]!;
      inter[i] = 0;
      if (o.id === t.id || o.applicantKey === t.applicantKey) continue;
      const po = profiles[i]!;
      // the same value as sameInformationSimilarity(pt, po), from the shared bigram count
      let sim = pt.norm === po.norm ? 1 : (2 * shared) / (pt.total + po.total);
      const shorter = Math.min(pt.total, po.total);
      if (shorter >= CONTAINMENT_MIN_BIGRAMS) sim = Math.max(sim, shared / shorter);
      const s = Math.round(sim * 100) / 100;
      if (s >= threshold) matches.push({ id: o.id, similarity: s, key: o.applicantKey });
    }
    touched.length = 0;
    if (matches.length === 0) continue;
    matches.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    const applicants = new Set([t.applicantKey, ...matches.map((m) => m.key)]).size;
    out.set(t.id, {
      kind: 'same_information', basis: ARTICLE_44, applicants,
      matches: matches.map(({ id, similarity }) => ({ id, similarity })),
      message: `共有${applicants}位申请人申请了相同或相近的政府信息。依照条例第四十四条，多个申请人就相同政府信息提出公开申请，且该信息属于可以公开的，可以纳入主动公开的范围。本提示不是结论，请审核后决定。`,
    });
  }
  return out;
}

// ───────────── the proposed catalogue draft ─────────────

export interface ProposalInput {
  /** The applicant's description of the information sought (条例 第二十九条第二款第二项). */
  content: string;
  docNumber: string | null;
  agencyName: string;
  outcome: OutcomeCode;
  /** Files disclosed with the approved reply (their titles as stored: usually the file name without extension). */
  files: readonly { id: number; title: string; filename: string }[];
  /** Published catalogue items the reply linked to. */
  items: readonly { title: string; indexNo: string | null }[];
  applicant: ApplicantLike | null;
}

export interface Proposal {
  title: string;
  summary: string;
  body: string;
  kind: string;
  category: number;
  /** False when the applicant's wording carried personal data and was left out. */
  wordingUsed: boolean;
  /** Why something was left out (shown to the officer). */
  omitted: string[];
  /** The files offered for the catalogue, each with the name it gets there (a name carrying personal data becomes 附件N). */
  files: { id: number; filename: string; renamed: boolean }[];
}

/** 第二十条 category and item kind suggested by the words of the information (the officer checks them). */
const KIND_RULES: [RegExp, string][] = [
  [/预算|决算|三公经费/, 'budget'],
  [/收费/, 'fees'],
  [/采购|招标|中标/, 'procurement'],
  [/处罚|强制/, 'enforcement'],
  [/许可|审批|办件|备案/, 'licensing'],
  [/统计|数量|数据|情况表/, 'statistics'],
  [/规划|计划/, 'plan'],
  [/招考|录用|招聘/, 'personnel'],
];
const KIND_CATEGORY: Record<string, number> = { budget: 7, fees: 8, procurement: 9, enforcement: 6, licensing: 5, statistics: 4, plan: 3, personnel: 14, other_document: 15 };

export function suggestKind(text: string): { kind: string; category: number } {
  // 统计 of permits is statistics; a permit's own documents are licensing: the first rule that matches wins, except that
  // counting words win over the subject
  const counting = /统计|数量|数据/.test(text);
  const hit = KIND_RULES.find(([re]) => re.test(text));
  const kind = counting ? 'statistics' : hit ? hit[1] : 'other_document';
  return { kind, category: KIND_CATEGORY[kind]! };
}

/** The applicant's wording as a catalogue title: without the request verbs, the first sentence, at most 100 characters. */
export function titleFromRequest(content: string): string {
  let t = content.trim().replace(/\s+/g, ' ');
  t = t.replace(/^(我|本人)?(想|希望|要求|申请|请求|请|恳请|麻烦)*(贵局|贵单位|贵机关|你局|你们)?(依法)?(公开|提供|告知|获取|查询)+[：:，,\s]*/u, '');
  t = t.split(/[。！？；;\n]/u)[0]!.trim();
  const chars = Array.from(t);
  return chars.length > 100 ? `${chars.slice(0, 100).join('')}…` : t;
}

const GENERIC_FILE = /^(附件|扫描件?|scan|img|image|doc|file|新建|未命名|文档)?[\s_\-.()（）]*\d*$/iu;

/**
 * The draft proposed for the catalogue: the disclosed document's title when there is exactly one usable file, else the
 * request's wording when it carries no personal data, else a neutral title. Files whose names carry personal data are
 * offered as 附件N. Nothing of the applicant (name, 证件号码, phone, address, e-mail) is ever part of it.
 */
export function proposeDraft(input: ProposalInput): Proposal {
  const omitted: string[] = [];
  const wordingFindings = personalDataIn(`${input.content} ${input.docNumber ?? ''}`, input.applicant);
  const wordingUsed = wordingFindings.length === 0;
  if (!wordingUsed) omitted.push(`申请内容含有${wordingFindings.map((f) => FINDING_LABELS[f]).join('、')}，未采用申请人的原话，请自拟标题和概述`);
  const files = input.files.map((f, i) => {
    const clean = personalDataIn(f.filename, input.applicant).length === 0;
    if (clean) return { id: f.id, filename: f.filename, renamed: false, title: f.title };
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(f.filename)?.[0] ?? '';
    return { id: f.id, filename: `附件${i + 1}${ext}`, renamed: true, title: null };
  });
  if (files.some((f) => f.renamed)) omitted.push('文件名含有个人信息的附件已改名为“附件N”');
  const titled = files.filter((f) => f.title && !GENERIC_FILE.test(f.title) && Array.from(f.title).length >= 4);
  const requestTitle = wordingUsed ? titleFromRequest(input.content) : '';
  const title = titled.length === 1 && input.items.length === 0
    ? titled[0]!.title!
    : Array.from(requestTitle).length >= 4 ? requestTitle : `${input.agencyName}依申请公开的政府信息`;
  const about = wordingUsed ? requestTitle : title;
  const summary = `本信息经依申请公开后，依照《中华人民共和国政府信息公开条例》第四十四条纳入主动公开的范围${about && about !== `${input.agencyName}依申请公开的政府信息` ? `：${about}` : ''}。`;
  const lines = [summary];
  if (input.outcome === 'partial') lines.push('依申请公开时为部分公开：不予公开的部分不在本信息中。');
  if (input.docNumber && wordingUsed) lines.push(`文号：${input.docNumber}`);
  if (files.length) lines.push(`附件：${files.map((f) => f.filename).join('；')}`);
  if (input.items.length) lines.push(`相关的主动公开信息：${input.items.map((i) => `《${i.title}》${i.indexNo ? `（索引号 ${i.indexNo}）` : ''}`).join('；')}`);
  // the kind from the words of the information only (a neutral title names the agency, not the information)
  const { kind, category } = suggestKind(`${titled.map((f) => f.title).join(' ')} ${wordingUsed ? input.content : ''}`);
  return { title, summary, body: lines.join('\n\n'), kind, category, wordingUsed, omitted, files: files.map(({ id, filename, renamed }) => ({ id, filename, renamed })) };
}
