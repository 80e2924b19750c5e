// 收到申请之日 by channel — 条例 第三十一条; 国办公开办函〔2015〕207号 part 一 (interpretation, predates the
// 2019 条例; where they differ — e-mail — 第三十一条第三项 "双方确认" governs internet channels).
import { isIsoDate } from '../calendar/date.ts';
import type { Channel } from './types.ts';

export interface ReceiptFacts {
  /** 当面提交之日. */
  submittedOn?: string | null;
  /** 行政机关签收之日 (mail requiring signature). */
  signedOn?: string | null;
  /** 与申请人确认之日 / 双方确认之日. */
  confirmedOn?: string | null;
  /** Day the published mailbox received the e-mail (207号 rule, only with emailRule 'mailbox_receipt'). */
  mailboxReceivedOn?: string | null;
}

export interface ReceiptOptions {
  /** 'confirmation' (第三十一条第三项, default) or 'mailbox_receipt' (207号 part 一, pre-2019 practice). */
  emailRule?: 'confirmation' | 'mailbox_receipt';
}

export const CHANNEL_LABELS_ZH: Record<Channel, string> = {
  in_person: '当面提交',
  post_signed: '邮寄（需签收）',
  ordinary_letter: '平常信函',
  online: '互联网渠道',
  fax: '传真',
  email: '电子邮件',
};

/** Channel names used by the applications feature, mapped to the engine's. */
const ALIASES: Record<string, Channel> = { registered_mail: 'post_signed', ordinary_mail: 'ordinary_letter' };

export function normaliseChannel(c: unknown): Channel | null {
  if (typeof c !== 'string') return null;
  const v = ALIASES[c] ?? c;
  return v in CHANNEL_LABELS_ZH ? (v as Channel) : null;
}

export class ReceiptError extends Error {
  readonly field: keyof ReceiptFacts | 'channel';
  constructor(message: string, field: keyof ReceiptFacts | 'channel') {
    super(message);
    this.name = 'ReceiptError';
    this.field = field;
  }
}

interface Rule {
  field: keyof ReceiptFacts;
  label: string;
  basis: string;
}

function ruleFor(channel: Channel, opts: ReceiptOptions): Rule {
  switch (channel) {
    // 第三十一条第一项: 申请人当面提交政府信息公开申请的，以提交之日为收到申请之日.
    case 'in_person':
      return { field: 'submittedOn', label: '提交日期', basis: '当面提交的，以提交之日为收到申请之日（第三十一条第一项）' };
    // 第三十一条第二项: 以邮寄方式提交的，以政府信息公开工作机构签收之日为收到申请之日.
    case 'post_signed':
      return { field: 'signedOn', label: '签收日期', basis: '邮寄提交的，以签收之日为收到申请之日（第三十一条第二项）' };
    // 第三十一条第二项: 以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日.
    // 207号 part 一: if the applicant cannot be reached, the clock starts when contact is made (the confirmation day).
    case 'ordinary_letter':
      return { field: 'confirmedOn', label: '与申请人确认的日期', basis: '平常信函提交的，以与申请人确认之日为收到申请之日（第三十一条第二项；国办公开办函〔2015〕207号）' };
    // 第三十一条第三项: 通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日.
    case 'online':
      return { field: 'confirmedOn', label: '双方确认的日期', basis: '互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）' };
    case 'fax':
      return { field: 'confirmedOn', label: '双方确认的日期', basis: '传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）' };
    case 'email':
      return opts.emailRule === 'mailbox_receipt'
        ? { field: 'mailboxReceivedOn', label: '邮箱收到邮件的日期', basis: '电子邮件提交的，以公开邮箱收到之日为收到申请之日（国办公开办函〔2015〕207号，本机关设置）' }
        : { field: 'confirmedOn', label: '双方确认的日期', basis: '电子邮件（互联网渠道）提交的，以双方确认之日为收到申请之日（第三十一条第三项）' };
  }
}

/** The receipt date for a channel, with the rule behind it; throws ReceiptError naming the missing date. */
export function receiptDate(channel: Channel | string, facts: ReceiptFacts, opts: ReceiptOptions = {}): { date: string; basis: string } {
  const c = normaliseChannel(channel);
  if (!c) throw new ReceiptError(`未知的申请渠道“${String(channel)}”，应为：${Object.values(CHANNEL_LABELS_ZH).join('、')}`, 'channel');
  const r = ruleFor(c, opts);
  const v = facts[r.field];
  if (!v) throw new ReceiptError(`请填写${r.label}：${r.basis}`, r.field);
  if (!isIsoDate(v)) throw new ReceiptError(`${r.label}“${v}”不是有效的 YYYY-MM-DD 日期`, r.field);
  if (facts.submittedOn && isIsoDate(facts.submittedOn) && v < facts.submittedOn) throw new ReceiptError(`${r.label}（${v}）不能早于申请提交日期（${facts.submittedOn}）`, r.field);
  return { date: v, basis: r.basis };
}
