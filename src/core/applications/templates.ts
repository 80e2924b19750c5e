// Letter templates as data: text with {{占位符}} placeholders, validated before an agency admin saves a version.
// The families follow the post-2019 文书 sets (宿政办函〔2021〕21号, ogi-domain §7.4). Every 答复书 states the
// receipt date, decision, legal basis, reasons and the remedies (复议 within 60 days to the 本级人民政府,
// 行政复议法(2023) 第二十条、第二十四条; 诉讼 within 6 months, 行政诉讼法 第四十六条) — ogi-domain §3.5, §7.4.
import type { OutcomeFamily } from './outcomes.ts';

export const LETTER_KINDS = [
  'receipt', 'correction_notice', 'consultation_letter', 'extension_notice', 'fee_notice',
  'reply_disclose', 'reply_partial', 'reply_withhold', 'reply_unavailable', 'reply_decline', 'reply_other',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  receipt: '政府信息公开申请接收回执',
  correction_notice: '补正告知书',
  consultation_letter: '征求意见书',
  extension_notice: '延期答复告知书',
  fee_notice: '收费通知书',
  reply_disclose: '答复书（予以公开）',
  reply_partial: '答复书（部分公开）',
  reply_withhold: '答复书（不予公开）',
  reply_unavailable: '答复书（无法提供）',
  reply_decline: '答复书（不予处理）',
  reply_other: '答复书（其他处理）',
};

export function replyKindFor(family: OutcomeFamily): LetterKind {
  return `reply_${family}` as LetterKind;
}

/** Every placeholder a template may use, with what it is filled with. */
export const PLACEHOLDERS: Record<string, string> = {
  机关名称: '本机关名称（信头）',
  机关地址: '本机关地址',
  机关电话: '本机关联系电话',
  复议机关: '行政复议机关名称（本级人民政府，按机关配置）',
  文号: '本文书编号',
  发文日期: '出具日期（2026年1月5日）',
  申请人: '申请人姓名或者名称',
  查询码: '申请查询码',
  提交日期: '申请提交日期',
  收到日期: '收到申请之日（条例第三十一条）',
  申请内容: '申请获取的政府信息的描述',
  答复期限: '当前答复期限',
  补正事项: '需要补正的全部事项（一次性告知）',
  补正期限: '补正期限的最后一日',
  征求对象: '被征求意见的第三方或者机关',
  征求事项: '征求意见的内容',
  意见期限: '第三方或者机关提出意见的最后一日',
  延期理由: '延期答复的理由',
  延长工作日: '延长的工作日数',
  延期后答复期限: '延期后的答复期限',
  收费方式: '按件计收或者按量计收',
  收费金额: '信息处理费金额（元）',
  计费说明: '计费的具体计算',
  缴费期限: '缴费的最后一日',
  答复结论: '办理结论（由办理结果生成）',
  法律依据: '法律依据（条款）',
  理由: '经办人填写的理由和说明',
  提供方式: '提供政府信息的方式',
  救济途径: '行政复议和行政诉讼的权利告知',
};

/** Placeholders a template of each kind must contain (a letter without them would be unlawful or useless). */
export const REQUIRED_PLACEHOLDERS: Partial<Record<LetterKind, string[]>> = {
  receipt: ['申请人', '查询码'],
  correction_notice: ['申请人', '补正事项', '补正期限'],
  consultation_letter: ['征求对象', '征求事项', '意见期限'],
  extension_notice: ['申请人', '延期理由', '延期后答复期限'],
  fee_notice: ['申请人', '收费金额', '计费说明', '缴费期限'],
  reply_disclose: ['申请人', '收到日期', '答复结论', '法律依据', '救济途径'],
  reply_partial: ['申请人', '收到日期', '答复结论', '法律依据', '理由', '救济途径'],
  reply_withhold: ['申请人', '收到日期', '答复结论', '法律依据', '理由', '救济途径'],
  reply_unavailable: ['申请人', '收到日期', '答复结论', '法律依据', '救济途径'],
  reply_decline: ['申请人', '收到日期', '答复结论', '法律依据', '救济途径'],
  reply_other: ['申请人', '收到日期', '答复结论', '法律依据', '救济途径'],
};

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders used in a text, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

export interface TemplateValidation {
  ok: boolean;
  unknown: string[];
  missing: string[];
  /** Messages in Chinese, one per problem. */
  errors: string[];
}

/** Validate a template text: unknown placeholders, malformed braces, and (with a kind) required placeholders missing. */
export function validateTemplate(text: string, kind?: LetterKind): TemplateValidation {
  const errors: string[] = [];
  const used = placeholdersIn(text);
  const unknown = used.filter((p) => !(p in PLACEHOLDERS));
  if (unknown.length > 0) {
    errors.push(`模板中有未知的占位符：${unknown.map((u) => `{{${u}}}`).join('、')}。可以使用的占位符有：${Object.keys(PLACEHOLDERS).map((k) => `{{${k}}}`).join('、')}`);
  }
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) errors.push('模板中有不完整的占位符：每个占位符都要写成 {{名称}} 的形式，请检查花括号是否成对');
  if (used.includes('')) errors.push('模板中有空的占位符 {{}}，请填写占位符名称或删除');
  const missing = kind ? (REQUIRED_PLACEHOLDERS[kind] ?? []).filter((p) => !used.includes(p)) : [];
  if (missing.length > 0) errors.push(`${LETTER_KIND_LABELS[kind!]}必须包含以下占位符：${missing.map((m) => `{{${m}}}`).join('、')}`);
  if (text.trim().length === 0) errors.push('模板内容不能为空');
  return { ok: errors.length === 0, unknown, missing, errors };
}

/** Fill placeholders. Values missing from `values` are reported and left visible as 【…】 so nothing is silently blank. */
export function renderTemplate(text: string, values: Record<string, string | null | undefined>): { text: string; missing: string[] } {
  const missing: string[] = [];
  const out = text.replace(TOKEN, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === null || v === '') {
      if (!missing.includes(name)) missing.push(name);
      return `【${name}】`;
    }
    return v;
  });
  return { text: out, missing };
}

/** 复议/诉讼 remedy clause (行政复议法(2023) 第二十条: 60日; 第二十四条: 县级以上地方人民政府部门 → 本级人民政府; 行政诉讼法 第四十六条: 6个月). */
export function remedyClause(reviewBodyName: string): string {
  return `如对本答复不服，可以自收到本答复之日起六十日内向${reviewBodyName}申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。`;
}

export interface TemplateText {
  kind: LetterKind;
  title: string;
  body: string;
}

const REPLY_HEAD = '{{申请人}}：\n\n本机关于{{收到日期}}收到您提出的政府信息公开申请，您申请获取：“{{申请内容}}”。';
const REPLY_TAIL = '{{救济途径}}\n\n特此告知。';

/** The default texts, used until an agency admin saves its own version. Paragraphs are separated by blank lines. */
export const DEFAULT_TEMPLATES: Record<LetterKind, TemplateText> = {
  receipt: {
    kind: 'receipt', title: '政府信息公开申请接收回执',
    body: '{{申请人}}：\n\n您于{{提交日期}}提交的政府信息公开申请已收到，查询码为{{查询码}}。通过互联网提交的申请，以双方确认之日为收到申请之日（《中华人民共和国政府信息公开条例》第三十一条第三项）。本机关确认的收到日期为{{收到日期}}。',
  },
  correction_notice: {
    kind: 'correction_notice', title: '政府信息公开申请补正告知书',
    body: '{{申请人}}：\n\n本机关于{{收到日期}}收到您提出的政府信息公开申请。经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，现一次性告知您需要补正的事项如下：\n\n{{补正事项}}\n\n请您于{{补正期限}}前补正。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。\n\n特此告知。',
  },
  consultation_letter: {
    kind: 'consultation_letter', title: '政府信息公开征求意见书',
    body: '{{征求对象}}：\n\n本机关收到关于“{{申请内容}}”的政府信息公开申请。经审查，{{征求事项}}。根据《中华人民共和国政府信息公开条例》第三十二条（第三十四条）的规定，现书面征求您的意见。请于{{意见期限}}前（自收到本征求意见书之日起15个工作日内）提出书面意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n\n联系电话：{{机关电话}}',
  },
  extension_notice: {
    kind: 'extension_notice', title: '政府信息公开延期答复告知书',
    body: '{{申请人}}：\n\n本机关于{{收到日期}}收到您提出的政府信息公开申请。因{{延期理由}}，不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{{延长工作日}}个工作日，至{{延期后答复期限}}。\n\n特此告知。',
  },
  fee_notice: {
    kind: 'fee_notice', title: '政府信息公开信息处理费收费通知书',
    body: '{{申请人}}：\n\n本机关于{{收到日期}}收到您提出的政府信息公开申请。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您的申请应缴纳信息处理费。\n\n收费方式：{{收费方式}}\n\n计费说明：{{计费说明}}\n\n应缴金额：{{收费金额}}元\n\n请于{{缴费期限}}前缴纳。逾期未缴纳的，本机关不再处理您的政府信息公开申请。',
  },
  reply_disclose: {
    kind: 'reply_disclose', title: '政府信息公开申请答复书',
    body: `${REPLY_HEAD}\n\n经审查，{{答复结论}}。根据{{法律依据}}的规定，现按照您要求的形式（{{提供方式}}）向您提供。\n\n{{理由}}\n\n${REPLY_TAIL}`,
  },
  reply_partial: {
    kind: 'reply_partial', title: '政府信息公开申请答复书',
    body: `${REPLY_HEAD}\n\n经审查，{{答复结论}}。根据{{法律依据}}的规定，现以{{提供方式}}向您提供可以公开的部分。不予公开部分的理由如下：\n\n{{理由}}\n\n${REPLY_TAIL}`,
  },
  reply_withhold: {
    kind: 'reply_withhold', title: '政府信息公开申请答复书',
    body: `${REPLY_HEAD}\n\n经审查，{{答复结论}}。理由如下：\n\n{{理由}}\n\n依据：{{法律依据}}。\n\n${REPLY_TAIL}`,
  },
  reply_unavailable: {
    kind: 'reply_unavailable', title: '政府信息公开申请答复书',
    body: `${REPLY_HEAD}\n\n经审查，{{答复结论}}。\n\n{{理由}}\n\n依据：{{法律依据}}。\n\n${REPLY_TAIL}`,
  },
  reply_decline: {
    kind: 'reply_decline', title: '政府信息公开申请告知书',
    body: `${REPLY_HEAD}\n\n经审查，{{答复结论}}。\n\n{{理由}}\n\n依据：{{法律依据}}。\n\n${REPLY_TAIL}`,
  },
  reply_other: {
    kind: 'reply_other', title: '政府信息公开申请告知书',
    body: `${REPLY_HEAD}\n\n{{答复结论}}。\n\n{{理由}}\n\n依据：{{法律依据}}。\n\n${REPLY_TAIL}`,
  },
};
