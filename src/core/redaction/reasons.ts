// Why a part of a disclosed file is withheld: the fixed list the officer chooses from, each tied to the
// article of the 中华人民共和国政府信息公开条例 (2019 修订) that allows it. 第三十七条 requires the agency
// to disclose what can be disclosed and to say why the rest is withheld (区分处理).
//   第十四条  国家秘密、法律行政法规禁止公开、危及“三安全一稳定”的政府信息，不予公开。
//   第十五条  涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，不得公开（第三方同意或
//            公共利益重大的除外）。
//   第十六条  第一款 人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开；
//            第二款 讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。

export const REDACTION_REASONS = [
  'art14',
  'art15-trade-secret',
  'art15-privacy',
  'art16-internal',
  'art16-process',
  'art16-enforcement',
  'other',
] as const;

export type RedactionReason = (typeof REDACTION_REASONS)[number];

export interface ReasonInfo {
  /** short label for the officer's list */
  label: string;
  /** the article, as the letter cites it */
  article: string;
  /** what the letter says is withheld on this ground */
  ground: string;
}

export const REASON_INFO: Record<RedactionReason, ReasonInfo> = {
  'art14': { label: '第十四条 国家秘密等', article: '第十四条', ground: '属于国家秘密、法律行政法规禁止公开或者公开后可能危及国家安全、公共安全、经济安全、社会稳定的信息' },
  'art15-trade-secret': { label: '第十五条 商业秘密', article: '第十五条', ground: '涉及商业秘密，公开会对第三方合法权益造成损害的信息' },
  'art15-privacy': { label: '第十五条 个人隐私', article: '第十五条', ground: '涉及个人隐私，公开会对第三方合法权益造成损害的信息' },
  'art16-internal': { label: '第十六条 内部事务信息', article: '第十六条第一款', ground: '属于行政机关的内部事务信息' },
  'art16-process': { label: '第十六条 过程性信息', article: '第十六条第二款', ground: '属于行政机关在履行行政管理职能过程中形成的过程性信息' },
  'art16-enforcement': { label: '第十六条 行政执法案卷信息', article: '第十六条第二款', ground: '属于行政执法案卷信息' },
  'other': { label: '其他理由（须说明）', article: '', ground: '' },
};

export function isRedactionReason(v: unknown): v is RedactionReason {
  return typeof v === 'string' && (REDACTION_REASONS as readonly string[]).includes(v);
}

/** The longest explanation accepted for reason 'other'. */
export const OTHER_REASON_MAX = 200;

/** Why a (reason, text) pair cannot be stored, in plain Chinese, or null. 'other' needs its own words. */
export function reasonProblem(reason: unknown, otherText: string | null | undefined): string | null {
  if (!isRedactionReason(reason)) return '请为每一处遮盖选择不予公开的理由';
  const t = (otherText ?? '').trim();
  if (reason === 'other') {
    if (t.length < 4) return '选择“其他理由”时，请写明不予公开的具体理由和依据（至少4个字）';
    if (t.length > OTHER_REASON_MAX) return `其他理由不能超过${OTHER_REASON_MAX}个字`;
  }
  return null;
}
