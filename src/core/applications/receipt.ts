// Channels of an application (条例 第二十九条、第三十一条: 当面、邮寄、平常信函、互联网、传真、电子邮件).
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

export function isChannel(v: unknown): v is Channel {
  return typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);
}

// The receipt date itself (第三十一条) is computed by the deadline engine: core/deadlines receiptDate(channel, facts),
// which accepts these channel names (registered_mail, ordinary_mail are its aliases). No second rule here.
