// zod input schemas for applications, with Chinese messages that say what to fix.
import { z } from 'zod';
import { ITEM_KIND_KEYS } from '../../core/catalogue/categories.ts';
import { APPLICANT_TYPES, CHANNELS, FEE_METHODS, isValidCreditCode, replyReasonsProblem, REPLY_OUTCOMES, type OutcomeCode } from '../../core/applications/index.ts';
import { dateField, optionalText, phoneField, requiredText, residentIdIssue } from '../shared/fields.ts';
import { OGI_REGULATION_IN_FORCE } from '../../core/validation/index.ts';

// Dates of a case: from the day the 条例 came into force (2008-05-01) to today.
const isoDate = (what: string) => dateField(what, { min: OGI_REGULATION_IN_FORCE });
/** Ceilings of the configurable bounds (config CORRECTION_PERIOD_MAX_WORKDAYS, FEE_MAX_PAGES). */
export const MAX_CORRECTION_PERIOD_CEILING = 120;
export const MAX_FEE_PAGES_CEILING = 100_000;
const trimmed = (what: string, max: number, min = 1) => requiredText(what, max, { min, minMeaningful: min });

export const PROVIDE_FORMS = ['纸质', '电子邮件', '光盘', '磁盘', '其他'] as const;
export const OBTAIN_METHODS = ['邮寄', '自行领取', '电子邮件', '现场查阅', '传真'] as const;
export const ID_TYPES = ['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '外国人永久居留身份证', '其他'] as const;

const phone = phoneField('联系电话');
const email = z.string().trim().max(200).email({ error: '请填写正确的电子邮箱，例如 name@example.com' });

export const applicantSchema = z.object({
  type: z.enum(APPLICANT_TYPES, { error: '请选择申请人类型：公民，或者法人或其他组织的类别（商业企业、科研机构、社会公益组织、法律服务机构、其他）' }),
  name: trimmed('申请人姓名或者名称', 100),
  idType: z.enum(ID_TYPES, { error: '请选择证件类型' }).optional().nullable(),
  idNumber: optionalText('证件号码', 40),
  creditCode: optionalText('统一社会信用代码', 18),
  legalRepresentative: optionalText('法定代表人', 50),
  contactPerson: optionalText('联系人', 50),
  phone,
  address: optionalText('通讯地址', 200),
  postcode: z.string().trim().regex(/^\d{6}$/, { error: '邮政编码应为6位数字' }).optional().nullable().or(z.literal('').transform(() => null)),
  email: email.optional().nullable().or(z.literal('').transform(() => null)),
}).superRefine((a, ctx) => {
  // 条例 第二十九条第一项: 姓名或者名称、身份证明、联系方式.
  if (a.type === 'natural_person') {
    if (!a.idType) ctx.addIssue({ code: 'custom', path: ['idType'], message: '请选择证件类型' });
    if (!a.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '请填写证件号码' });
    else if (a.idType === '居民身份证') {
      // GB 11643-1999: region, birth date (not after today) and the MOD 11-2 check digit.
      const p = residentIdIssue(a.idNumber);
      if (p) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: p });
    }
  } else {
    if (!a.creditCode) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '请填写统一社会信用代码' });
    else if (!isValidCreditCode(a.creditCode)) ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '统一社会信用代码不正确：应为18位，请核对营业执照或登记证书' });
    if (!a.contactPerson) ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: '请填写联系人姓名' });
  }
});
export type ApplicantInput = z.infer<typeof applicantSchema>;

/** The longest description of the requested information (the form counts down to it). */
export const CONTENT_MAX = 4000;

const requestFields = {
  content: trimmed('所需政府信息的名称、文号或者便于查询的其他特征性描述', CONTENT_MAX, 2),
  docNumber: optionalText('文号', 100),
  /** 提供方式 (the issue's `delivery`) */
  delivery: z.enum(PROVIDE_FORMS, { error: '请选择提供政府信息的方式：纸质、电子邮件、光盘、磁盘或其他' }).optional(),
  provideForm: z.enum(PROVIDE_FORMS, { error: '请选择提供政府信息的方式：纸质、电子邮件、光盘、磁盘或其他' }).optional(),
  obtainMethod: z.enum(OBTAIN_METHODS, { error: '请选择获取信息的方式：邮寄、自行领取、电子邮件、现场查阅或传真' }).optional(),
  email: email.optional().nullable().or(z.literal('').transform(() => null)),
  feeWaiver: z.boolean().optional(),
};

function refineRequest(v: { delivery?: string; provideForm?: string; obtainMethod?: string; email?: string | null; applicant: ApplicantInput }, ctx: z.RefinementCtx) {
  const provide = v.provideForm ?? v.delivery;
  if (!provide) ctx.addIssue({ code: 'custom', path: ['provideForm'], message: '请选择提供政府信息的方式' });
  const obtain = v.obtainMethod ?? (provide === '电子邮件' ? '电子邮件' : undefined);
  if (!obtain) ctx.addIssue({ code: 'custom', path: ['obtainMethod'], message: '请选择获取信息的方式' });
  const mail = v.email ?? v.applicant.email;
  if ((provide === '电子邮件' || obtain === '电子邮件') && !mail) ctx.addIssue({ code: 'custom', path: ['email'], message: '选择通过电子邮件提供或获取时，请填写电子邮箱' });
  if (obtain === '邮寄' && !v.applicant.address) ctx.addIssue({ code: 'custom', path: ['applicant', 'address'], message: '选择邮寄时，请填写通讯地址' });
}

/** POST /api/applications (public, submitApplication). `website` is a honeypot: people leave it empty. */
export const submitSchema = z.object({
  agency: z.string({ error: '请指定受理机关（统一社会信用代码）' }).trim().min(1, { error: '请指定受理机关（统一社会信用代码）' }),
  applicant: applicantSchema,
  ...requestFields,
  website: z.string().optional(),
}).superRefine(refineRequest);
export type SubmitInput = z.infer<typeof submitSchema>;

/** registerApplication (staff): an offline application with its channel and the date the receipt rule needs. */
export const registerSchema = z.object({
  applicant: applicantSchema,
  ...requestFields,
  channel: z.enum(CHANNELS, { error: '请选择申请方式：当面、邮寄、平常信函、传真或电子邮件' }),
  submittedOn: isoDate('申请提交日期'),
  signedOn: isoDate('签收日期').optional().nullable(),
  confirmedOn: isoDate('确认日期').optional().nullable(),
  assignedUserId: z.coerce.number().int().positive().optional().nullable(),
}).superRefine(refineRequest);
export type RegisterInput = z.infer<typeof registerSchema>;

export const statusQuerySchema = z.object({
  code: z.string({ error: '请填写查询码' }).trim().min(1, { error: '请填写查询码' }).max(40),
  phone: z.string({ error: '请填写申请时留的联系电话' }).trim().min(1, { error: '请填写申请时留的联系电话' }).max(30),
});

const version = z.coerce.number({ error: '缺少版本号 version（用于防止覆盖他人的修改）' }).int().positive({ error: '版本号 version 不正确' });

export const actionSchemas = {
  confirmReceipt: z.object({ version, receivedOn: isoDate('确认收到的日期').optional() }),
  assign: z.object({ version, userId: z.coerce.number({ error: '请选择经办人' }).int().positive({ error: '请选择经办人' }) }),
  requestCorrection: z.object({
    version,
    items: z.array(requiredText('补正事项', 500, { minMeaningful: 2 })).min(1, { error: '请列出需要补正的全部事项（至少一项）' }).max(30),
    // 第三十条: 合理的补正期限 — working days, set by the agency (default from the deadline settings). The
    // largest period is a setting too (CORRECTION_PERIOD_MAX_WORKDAYS, checked by the service); this is the
    // ceiling no setting can exceed.
    periodWorkdays: z.coerce.number({ error: '补正期限应为整数个工作日' }).int({ error: '补正期限应为整数个工作日' }).min(1, { error: '补正期限至少为1个工作日' })
      .max(MAX_CORRECTION_PERIOD_CEILING, { error: `补正期限不能超过${MAX_CORRECTION_PERIOD_CEILING}个工作日` }).optional(),
  }),
  recordCorrection: z.object({ version, receivedOn: isoDate('收到补正材料的日期').optional(), note: optionalText('补正内容说明', 2000) }),
  lapseCorrection: z.object({ version }),
  startConsultation: z.object({
    version,
    partyType: z.enum(['third_party', 'co_agency'], { error: '请选择征求对象类型：第三方或者共同制作机关' }),
    party: trimmed('征求对象名称', 200),
    matter: trimmed('征求意见的事项', 2000),
    sentOn: isoDate('发出征求意见书的日期').optional(),
  }),
  endConsultation: z.object({
    version,
    answeredOn: isoDate('收到意见的日期').optional(),
    opinion: z.enum(['agree', 'object', 'no_answer'], { error: '请选择意见：同意公开、不同意公开或逾期未答复' }),
    note: optionalText('意见说明', 2000),
  }),
  requestExtension: z.object({
    version,
    // 条例 第三十三条第二款: 延长的期限最长不得超过20个工作日.
    days: z.coerce.number({ error: '请填写延长的工作日数' }).int({ error: '延长的工作日数应为整数' }).min(1, { error: '延长的工作日数至少为1' }).max(20, { error: '延长的期限最长不得超过20个工作日（条例第三十三条第二款）' }),
    reason: trimmed('延期理由', 1000),
  }),
  approveExtension: z.object({ version, note: optionalText('审批意见', 1000) }),
  rejectExtension: z.object({ version, note: optionalText('审批意见', 1000) }),
  issueFeeNotice: z.object({
    version,
    method: z.enum(FEE_METHODS, { error: '请选择计收方式：按件计收或按量计收（同一申请只能选一种）' }),
    // 109号 第五条 (按量): more than 30 pages; the largest billable count is a setting (FEE_MAX_PAGES,
    // checked by the service); this is the ceiling no setting can exceed.
    pages: z.coerce.number({ error: '页数应为整数' }).int({ error: '页数应为整数' }).min(0, { error: '页数不能为负数' })
      .max(MAX_FEE_PAGES_CEILING, { error: `页数不能超过${MAX_FEE_PAGES_CEILING}页` }).optional(),
    // The applicant asked for a fee waiver (减免): a fee notice needs the decision not to waive, with reasons.
    waiverRefusedReason: optionalText('不予减免费用的理由', 1000),
  }).superRefine((v, ctx) => {
    if (v.method === 'per_page' && v.pages === undefined) ctx.addIssue({ code: 'custom', path: ['pages'], message: '按量计收时请填写页数' });
  }),
  recordPayment: z.object({ version, paidOn: isoDate('缴费日期').optional() }),
  lapseFee: z.object({ version }),
  reply: z.object({
    version,
    outcome: z.enum(REPLY_OUTCOMES as [OutcomeCode, ...OutcomeCode[]], { error: '请选择办理结果：答复必须有结论' }),
    reasons: optionalText('理由和说明', 5000),
    otherAgency: optionalText('负责公开的机关', 200),
    // the information disclosed with the reply: files (checked like the application form's) and published catalogue items
    attachments: z.array(z.object({
      filename: z.string({ error: '请填写附件的文件名' }).min(1, { error: '请填写附件的文件名' }).max(200, { error: '附件的文件名不能超过200个字符' }),
      contentBase64: z.string({ error: '请提供附件内容（Base64）' }).max(12_000_000, { error: '附件太大' }),
    }), { error: '附件应为列表' }).max(20, { error: '附件太多' }).optional(),
    catalogueItemIds: z.array(z.coerce.number({ error: '目录信息编号应为数字' }).int({ error: '目录信息编号应为整数' }).positive({ error: '目录信息编号应为正整数' }), { error: '目录信息应为编号列表' }).max(20, { error: '最多关联20条目录信息' }).optional(),
  }).superRefine((v, ctx) => {
    // A reply states its legal basis (条例 第三十六条 and the outcome's article); 其他处理 names it in the reasons.
    const p = replyReasonsProblem(v.outcome, v.reasons);
    if (p) ctx.addIssue({ code: 'custom', path: ['reasons'], message: p });
  }),
  approveReply: z.object({ version, note: optionalText('审核意见', 1000) }),
  returnReply: z.object({ version, note: trimmed('退回理由', 1000) }),
  recordDelivery: z.object({
    version,
    method: z.enum(['电子邮件', '邮寄', '自行领取', '现场送达', '传真', '其他'], { error: '请选择送达方式' }),
    deliveredOn: isoDate('送达日期').optional(),
  }),
  close: z.object({ version }),
  reopen: z.object({ version, reason: trimmed('重新打开的原因', 1000) }),
  withdraw: z.object({ version, withdrawnOn: isoDate('撤回日期').optional(), note: optionalText('撤回说明', 1000) }),
} as const;

export type ActionInputs = { [K in keyof typeof actionSchemas]: z.infer<(typeof actionSchemas)[K]> };

// 条例 第四十四条 (依申请公开转主动公开): the catalogue draft made from a case. Every field left out takes the proposal
// (getApplication → publication.proposal); fileIds chooses the reply's disclosed files to carry over (default: all).
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
export const publishDisclosureSchema = z.object({
  version,
  title: z.preprocess(blankToUndefined, z.string({ error: '标题应为文字' }).trim().max(300, { error: '标题不能超过 300 个字' }).optional()),
  summary: z.preprocess(blankToUndefined, z.string({ error: '内容概述应为文字' }).trim().max(1000, { error: '内容概述不能超过 1000 个字' }).optional()),
  body: z.preprocess(blankToUndefined, z.string({ error: '正文应为文字' }).max(500_000, { error: '正文太长（不超过 50 万字）' }).optional()),
  kind: z.preprocess(blankToUndefined, z.enum(ITEM_KIND_KEYS, { error: '请选择信息类型' }).optional()),
  category: z.preprocess(blankToUndefined, z.coerce.number({ error: '请选择第二十条类别' }).int({ error: '请选择第二十条类别' }).min(1, { error: '请选择第二十条类别' }).max(15, { error: '请选择第二十条类别' }).optional()),
  subject: z.preprocess(blankToUndefined, z.string({ error: '主题分类应为文字' }).trim().max(100, { error: '主题分类不能超过 100 个字' }).optional()),
  fileIds: z.array(z.coerce.number({ error: '文件编号应为数字' }).int({ error: '文件编号应为整数' }).positive({ error: '文件编号应为正整数' }), { error: '文件应为编号列表' }).max(20, { error: '最多选择20个文件' }).optional(),
});
export type PublishDisclosureInput = z.infer<typeof publishDisclosureSchema>;

export const dismissPublicationSchema = z.object({ version, reason: optionalText('不转为主动公开的理由', 1000) });
export type DismissPublicationInput = z.infer<typeof dismissPublicationSchema>;

export const listQuerySchema = z.object({
  view: z.enum(['all', 'mine', 'due_soon', 'overdue', 'waiting_correction', 'consulting', 'waiting_payment', 'open', 'concluded', 'to_confirm', 'unassigned', 'to_review', 'extension_pending']).optional().default('all'),
  q: z.string().trim().max(100).optional(),
  state: z.string().trim().max(40).optional(),
  applicantType: z.enum(APPLICANT_TYPES).optional(),
  from: dateField('开始日期', { future: true }).optional(),
  to: dateField('结束日期', { future: true }).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

/** Paging of listApplications and the list page: 50 a page by default, at most 200. */
export const LIST_PAGE_SIZE = 50;
export const pageSchema = z.object({
  page: z.coerce.number({ error: '页码应为正整数' }).int({ error: '页码应为正整数' }).min(1, { error: '页码应为正整数' }).max(100_000, { error: '页码太大' }).optional().default(1),
  pageSize: z.coerce.number({ error: '每页条数应为 1 至 200 的整数' }).int({ error: '每页条数应为 1 至 200 的整数' }).min(1, { error: '每页条数应为 1 至 200 的整数' }).max(200, { error: '每页条数应为 1 至 200 的整数' }).optional().default(LIST_PAGE_SIZE),
});
