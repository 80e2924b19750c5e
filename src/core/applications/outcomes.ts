// The outcome taxonomy of a disclosure application: every result row of table 三 in both formats,
// each with the article behind it. Row keys are imported from the report formats (never retyped).
// Sources: 条例 (国务院令第711号) 第三十条、第三十五条至第三十九条、第四十二条; 国办函〔2020〕109号;
// report formats 60号 (2019) and 30号 (2021) table 三 (ogi-domain §3.4, §1.2–§1.4).
import { T3_OTHER_2019, T3_OTHER_2021, T3_RESULT_ROWS_COMMON as R, type FormatId, type LayoutId } from '../report/formats.ts';

export const OUTCOME_CODES = [
  'disclose_already_public',
  'disclose',
  'partial',
  'withhold_state_secret',
  'withhold_prohibited_by_law',
  'withhold_security_stability',
  'withhold_third_party',
  'withhold_internal_affairs',
  'withhold_process_info',
  'withhold_enforcement_file',
  'withhold_query_matter',
  'unavailable_not_held',
  'unavailable_not_this_agency',
  'unavailable_needs_creation',
  'unavailable_unclear_after_correction',
  'decline_petition',
  'decline_repeat',
  'decline_publication',
  'decline_excessive',
  'decline_confirmation',
  'other_correction_lapsed',
  'other_fee_unpaid',
  'other_withdrawn',
  'other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Families select the 答复书 template (ogi-domain §7.4). */
export type OutcomeFamily = 'disclose' | 'partial' | 'withhold' | 'unavailable' | 'decline' | 'other';

/** What must be true of the case before this outcome may be chosen (checked by {@link outcomeAllowed}). */
export type OutcomePrecondition = 'correction_received' | 'correction_lapsed' | 'fee_unpaid' | 'none';

export interface OutcomeDef {
  code: OutcomeCode;
  family: OutcomeFamily;
  /** Short label for lists. */
  label: string;
  /** The decision sentence used in the 答复书 (after "经审查，"). */
  decision: string;
  /** Legal basis cited in the letter (article of the 条例 or other document). */
  basis: string;
  /** True when the basis is practice, not stated in any source read (ogi-domain marks it UNCONFIRMED). */
  basisUnconfirmed?: boolean;
  /** Table 三 row in the 2019 format (60号). */
  row2019: string;
  /** Table 三 row in the 2021 format (30号). */
  row2021: string;
  precondition: OutcomePrecondition;
  /** Whether a 答复书 is issued to the applicant (withdrawal ends the case without one). */
  letter: boolean;
  /** Whether the officer must write reasons (不予公开/部分公开 etc. must state reasons: 第三十六条第三项、第三十七条). */
  reasonsRequired: boolean;
}

const OTHER_2019 = T3_OTHER_2019[0]; // （六）其他处理 — 2019 has one row; 2021 （六）1/2/3 collapse into it.

function o(
  code: OutcomeCode, family: OutcomeFamily, label: string, decision: string, basis: string,
  row2021: string, opts: Partial<Pick<OutcomeDef, 'basisUnconfirmed' | 'precondition' | 'letter' | 'reasonsRequired' | 'row2019'>> = {},
): OutcomeDef {
  const isOther = T3_OTHER_2021.includes(row2021 as (typeof T3_OTHER_2021)[number]);
  return {
    code, family, label, decision, basis,
    row2019: opts.row2019 ?? (isOther ? OTHER_2019 : row2021),
    row2021,
    precondition: opts.precondition ?? 'none',
    letter: opts.letter ?? true,
    reasonsRequired: opts.reasonsRequired ?? family !== 'disclose',
    ...(opts.basisUnconfirmed ? { basisUnconfirmed: true } : {}),
  };
}

export const OUTCOMES: readonly OutcomeDef[] = [
  // 第三十六条第一项: 已经主动公开的，告知获取的方式和途径 → （一）予以公开 (mapping is PRACTICE, ogi-domain §3.4 UNCONFIRMED).
  o('disclose_already_public', 'disclose', '已主动公开（告知获取途径）', '您申请获取的政府信息已经主动公开，现告知获取该政府信息的方式和途径',
    '《中华人民共和国政府信息公开条例》第三十六条第一项', R[0], { basisUnconfirmed: true }),
  // 第三十六条第二项: 可以公开的，向申请人提供该政府信息，或者告知获取的方式、途径和时间.
  o('disclose', 'disclose', '予以公开', '您申请获取的政府信息属于公开范围，予以公开',
    '《中华人民共和国政府信息公开条例》第三十六条第二项', R[0]),
  // 第三十七条: 区分处理 — counted ONLY as （二）部分公开 (row label: 区分处理的，只计这一情形，不计其他情形).
  o('partial', 'partial', '部分公开（区分处理）', '您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，现向您提供可以公开的部分',
    '《中华人民共和国政府信息公开条例》第三十七条', R[1]),
  // 第三十六条第三项 + 第十四条/第十五条/第十六条: 不予公开，告知并说明理由.
  o('withhold_state_secret', 'withhold', '不予公开：属于国家秘密', '您申请获取的政府信息依法确定为国家秘密，不予公开',
    '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项', R[2]),
  o('withhold_prohibited_by_law', 'withhold', '不予公开：法律行政法规禁止公开', '您申请获取的政府信息属于法律、行政法规禁止公开的政府信息，不予公开',
    '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项', R[3]),
  o('withhold_security_stability', 'withhold', '不予公开：危及“三安全一稳定”', '您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，不予公开',
    '《中华人民共和国政府信息公开条例》第十四条、第三十六条第三项', R[4]),
  o('withhold_third_party', 'withhold', '不予公开：保护第三方合法权益', '您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，不予公开',
    '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第三项', R[5]),
  o('withhold_internal_affairs', 'withhold', '不予公开：三类内部事务信息', '您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开',
    '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第三项', R[6]),
  o('withhold_process_info', 'withhold', '不予公开：四类过程性信息', '您申请获取的信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开',
    '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项', R[7]),
  o('withhold_enforcement_file', 'withhold', '不予公开：行政执法案卷', '您申请获取的信息属于行政执法案卷信息，可以不予公开',
    '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第三项', R[8]),
  // 第三十六条第七项: 法律、行政法规对信息的获取有特别规定的（工商、不动产登记资料等）→ （三）8 (label semantics; official gloss UNCONFIRMED).
  o('withhold_query_matter', 'withhold', '不予公开：属于行政查询事项', '您申请获取的信息属于法律、行政法规对获取有特别规定的行政查询事项，请按照相关法律、行政法规的规定办理',
    '《中华人民共和国政府信息公开条例》第三十六条第七项', R[9], { basisUnconfirmed: true }),
  // 第三十六条第四项: 经检索没有所申请公开信息的，告知该政府信息不存在.
  o('unavailable_not_held', 'unavailable', '无法提供：本机关不掌握', '经检索，本机关没有您申请公开的政府信息，该政府信息不存在',
    '《中华人民共和国政府信息公开条例》第三十六条第四项', R[10]),
  // 第三十六条第五项: 不属于本机关负责公开的 → （四）1 (PRACTICE; UNCONFIRMED).
  o('unavailable_not_this_agency', 'unavailable', '无法提供：不属于本机关负责公开', '您申请获取的政府信息不属于本机关负责公开',
    '《中华人民共和国政府信息公开条例》第三十六条第五项', R[10], { basisUnconfirmed: true }),
  // 第三十八条: 需要对现有政府信息进行加工、分析的，可以不予提供.
  o('unavailable_needs_creation', 'unavailable', '无法提供：需另行制作', '您申请获取的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供',
    '《中华人民共和国政府信息公开条例》第三十八条', R[11]),
  // 第三十条: 补正后申请内容仍不明确 → （四）3; only after a correction was received.
  o('unavailable_unclear_after_correction', 'unavailable', '无法提供：补正后申请内容仍不明确', '您补正后的申请内容仍不明确，本机关无法确定您申请获取的政府信息',
    '《中华人民共和国政府信息公开条例》第三十条', R[12], { precondition: 'correction_received' }),
  // 第三十九条第一款: 以政府信息公开申请形式进行信访、投诉、举报等 → 告知不作为政府信息公开申请处理.
  o('decline_petition', 'decline', '不予处理：信访举报投诉类', '您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出',
    '《中华人民共和国政府信息公开条例》第三十九条第一款', R[13]),
  // 第三十六条第六项: 重复申请公开相同政府信息 → 告知不予重复处理.
  o('decline_repeat', 'decline', '不予处理：重复申请', '本机关已就您申请公开的相同政府信息作出答复，您重复申请公开相同政府信息，本机关不予重复处理',
    '《中华人民共和国政府信息公开条例》第三十六条第六项', R[14]),
  // 第三十九条第二款: 要求提供政府公报、报刊、书籍等公开出版物 → 可以告知获取的途径.
  o('decline_publication', 'decline', '不予处理：要求提供公开出版物', '您申请获取的是政府公报、报刊、书籍等公开出版物，请通过相应途径获取',
    '《中华人民共和国政府信息公开条例》第三十九条第二款', R[15]),
  // 第三十五条: 数量、频次明显超过合理范围且理由不合理 → 告知不予处理.
  o('decline_excessive', 'decline', '不予处理：无正当理由大量反复申请', '您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理',
    '《中华人民共和国政府信息公开条例》第三十五条', R[16]),
  // （五）5: no single article (ogi-domain §3.4: basis UNCONFIRMED); cited as the general rule of 第二条.
  o('decline_confirmation', 'decline', '不予处理：要求确认或重新出具已获取信息', '您要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请的处理范围',
    '《中华人民共和国政府信息公开条例》第二条', R[17], { basisUnconfirmed: true }),
  // 第三十条: 无正当理由逾期不补正 → 视为放弃申请 → 2021 （六）1; 2019 （六）其他处理.
  o('other_correction_lapsed', 'other', '逾期不补正，不再处理', '您无正当理由逾期未补正，视为放弃申请，本机关不再处理您的政府信息公开申请',
    '《中华人民共和国政府信息公开条例》第三十条', T3_OTHER_2021[0], { precondition: 'correction_lapsed' }),
  // 第四十二条 + 国办函〔2020〕109号: 逾期未缴纳信息处理费 → 2021 （六）2 (payment period UNCONFIRMED).
  o('other_fee_unpaid', 'other', '逾期未缴费，不再处理', '您逾期未按收费通知要求缴纳信息处理费，本机关不再处理您的政府信息公开申请',
    '《中华人民共和国政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）', T3_OTHER_2021[1], { precondition: 'fee_unpaid' }),
  // Withdrawal by the applicant → （六）3 其他 (examples UNCONFIRMED, ogi-domain §3.4); no 答复书.
  o('other_withdrawn', 'other', '申请人撤回申请', '申请人撤回了政府信息公开申请', '申请人撤回申请', T3_OTHER_2021[2],
    { letter: false, reasonsRequired: false, basisUnconfirmed: true }),
  o('other', 'other', '其他处理', '本机关对您的申请作出如下处理', '《中华人民共和国政府信息公开条例》', T3_OTHER_2021[2], { reasonsRequired: true, basisUnconfirmed: true }),
];

const BY_CODE = new Map(OUTCOMES.map((d) => [d.code, d]));

/**
 * Whether a text cites an article ("第三十三条", "第33条", "第三十六条第二项"). A reply must state its legal
 * basis (ogi-domain §7.4: receipt date, decision, legal basis (article), reasons, remedies); 其他处理 (表三
 * （六）3) has no article of its own, so its reasons must name the article the decision rests on.
 */
export function citesArticle(text: string | null | undefined): boolean {
  return /第\s*[一二三四五六七八九十百零〇\d]+\s*条/.test(text ?? '');
}

/** Why the reasons of a reply do not do for `code`, or null (the reply schema adds it next to the reasons field). */
export function replyReasonsProblem(code: OutcomeCode, reasons: string | null | undefined): string | null {
  if (code === 'other' && !citesArticle(reasons)) return '“其他处理”没有对应的条例条款：请在理由和说明中写明所依据的条款，例如“依据《中华人民共和国政府信息公开条例》第三十三条”';
  return null;
}

export function isOutcomeCode(v: unknown): v is OutcomeCode {
  return typeof v === 'string' && BY_CODE.has(v as OutcomeCode);
}

export function outcomeDef(code: OutcomeCode): OutcomeDef {
  const d = BY_CODE.get(code);
  if (!d) throw new Error(`unknown outcome ${code}`);
  return d;
}

/** The one table 三 row an outcome is counted in, for a report layout ('hybrid' uses the 2019 table 三 rows). */
export function outcomeRow(code: OutcomeCode, format: LayoutId | FormatId): string {
  const d = outcomeDef(code);
  return format === '2021' ? d.row2021 : d.row2019;
}

/** Outcomes an officer may choose in a reply (withdrawal, 逾期不补正 and 逾期未缴费 have their own actions). */
export const REPLY_OUTCOMES: readonly OutcomeCode[] = OUTCOMES
  .filter((d) => d.letter && d.precondition !== 'correction_lapsed' && d.precondition !== 'fee_unpaid')
  .map((d) => d.code);

export const OUTCOME_FAMILY_LABELS: Record<OutcomeFamily, string> = {
  disclose: '予以公开',
  partial: '部分公开',
  withhold: '不予公开',
  unavailable: '无法提供',
  decline: '不予处理',
  other: '其他处理',
};
