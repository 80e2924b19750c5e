// 收到申请之日 — 条例 第三十一条 (ogi-domain §3.2). The receipt date starts the reply clock (第三十三条).
export const CHANNELS = ['online', 'in_person', 'registered_mail', 'ordinary_mail', 'fax', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '互联网（在线申请）',
  in_person: '当面提交',
  registered_mail: '邮寄（需签收）',
  ordinary_mail: '平常信函',
  fax: '传真',
  email: '电子邮件',
};

/** The date field each channel needs, and the rule that makes it the receipt date. */
export const CHANNEL_RULES: Record<Channel, { field: 'submittedOn' | 'signedOn' | 'confirmedOn'; label: string; rule: string }> = {
  // 第三十一条第一项: 当面提交的，以提交之日为收到申请之日.
  in_person: { field: 'submittedOn', label: '提交日期', rule: '当面提交的，以提交之日为收到申请之日（条例第三十一条第一项）' },
  // 第三十一条第二项: 以邮寄方式提交的，以行政机关签收之日为收到申请之日.
  registered_mail: { field: 'signedOn', label: '签收日期', rule: '以邮寄方式提交的，以行政机关签收之日为收到申请之日（条例第三十一条第二项）' },
  // 第三十一条第二项: 以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日.
  ordinary_mail: { field: 'confirmedOn', label: '与申请人确认的日期', rule: '以平常信函等无需签收的邮寄方式提交的，以与申请人确认之日为收到申请之日（条例第三十一条第二项）' },
  // 第三十一条第三项: 通过互联网渠道或者政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日.
  fax: { field: 'confirmedOn', label: '双方确认的日期', rule: '通过传真提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）' },
  email: { field: 'confirmedOn', label: '双方确认的日期', rule: '通过互联网渠道（电子邮件）提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）' },
  online: { field: 'confirmedOn', label: '双方确认的日期', rule: '通过互联网渠道提交的，以双方确认之日为收到申请之日（条例第三十一条第三项）' },
};

export function isChannel(v: unknown): v is Channel {
  return typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
}

/**
 * The receipt date for a channel from the dates recorded at registration. Returns the date and
 * the rule, or an error naming the missing date (in Chinese).
 */
export function receiptDateFor(channel: Channel, dates: { submittedOn?: string | null; signedOn?: string | null; confirmedOn?: string | null }):
  { ok: true; receivedOn: string; rule: string } | { ok: false; field: string; message: string } {
  const r = CHANNEL_RULES[channel];
  const v = dates[r.field];
  if (!v) return { ok: false, field: r.field, message: `请填写${r.label}：${r.rule}` };
  if (dates.submittedOn && v < dates.submittedOn) return { ok: false, field: r.field, message: `${r.label}不能早于申请提交日期` };
  return { ok: true, receivedOn: v, rule: r.rule };
}
