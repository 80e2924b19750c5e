// zod schemas of the 好差评 and suggestions API (validation, OpenAPI, and the page forms that parse with them).
// Messages are plain Chinese and name the field.
import { z } from 'zod';
import { CHANNELS, CLASSES, SUGGESTION_CHANNELS, SUGGESTION_RESULTS, TARGET_TYPES } from '../../core/evaluations/index.ts';
import { dateField, optionalText, phoneField, requiredText } from '../shared/fields.ts';

export const LIST_PAGE_SIZE = 50;

export const pageSchema = z.object({
  page: z.coerce.number({ error: '页码应为正整数' }).int({ error: '页码应为正整数' }).min(1, { error: '页码应为正整数' }).max(100_000, { error: '页码太大' }).optional().default(1),
  pageSize: z.coerce.number({ error: '每页条数应为 1 至 200 的整数' }).int({ error: '每页条数应为 1 至 200 的整数' }).min(1, { error: '每页条数应为 1 至 200 的整数' }).max(200, { error: '每页条数应为 1 至 200 的整数' }).optional().default(LIST_PAGE_SIZE),
});

const creditCode = z.string({ error: '请填写被评价机构的统一社会信用代码' }).trim().regex(/^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/, { error: '统一社会信用代码应为18位数字或大写字母' });

export const contactSchema = z.object({
  name: requiredText('评价人姓名', 50),
  phone: phoneField('评价人联系电话'),
});

export const submitEvaluationSchema = z.object({
  agency: creditCode,
  level: z.coerce.number({ error: '请选择评价等级（1至5星）' }).int({ error: '评价等级应为1至5的整数' }).min(1, { error: '评价等级应为1至5（1＝非常不满意，5＝非常满意）' }).max(5, { error: '评价等级应为1至5（1＝非常不满意，5＝非常满意）' }),
  channel: z.enum(CHANNELS, { error: `评价渠道应为以下之一：${CHANNELS.join('、')}` }),
  target: z.object({
    type: z.enum(TARGET_TYPES, { error: '评价对象应为办件、政务服务事项、窗口、工作人员或机构' }),
    ref: z.string().trim().max(100, { error: '评价对象编号不能超过100个字符' }).optional().nullable(),
  }, { error: '请说明评价对象' }),
  serviceItemCode: z.string().trim().max(100, { error: '事项编码不能超过100个字符' }).optional().nullable(),
  comment: optionalText('评价内容', 1000),
  indicators: z.record(z.string().max(40), z.number().int().min(1, { error: '指标评分应为1至5' }).max(5, { error: '指标评分应为1至5' })).optional().nullable(),
  contact: contactSchema.optional().nullable(),
  /** honeypot: people leave it empty */
  website: z.string().optional(),
});
export type SubmitEvaluationInput = z.infer<typeof submitEvaluationSchema>;

export const receiptQuerySchema = z.object({ code: z.string({ error: '请填写评价回执码' }).trim().min(4, { error: '请填写评价回执码' }).max(20, { error: '回执码不超过20个字符' }) });

export const registerCaseSchema = z.object({
  caseNumber: requiredText('办件编号', 60),
  serviceItemCode: z.string().trim().max(100).optional().nullable(),
  serviceItemName: optionalText('事项名称', 200),
  concludedOn: dateField('办结日期', { min: '2008-05-01' }).optional().nullable(),
});

export const evaluationListSchema = z.object({
  from: dateField('开始日期', { future: true }).optional(),
  to: dateField('结束日期', { future: true }).optional(),
  level: z.coerce.number().int().min(1, { error: '等级应为1至5' }).max(5, { error: '等级应为1至5' }).optional(),
  bad: z.enum(['1', '0']).optional(),
  channel: z.enum(CHANNELS, { error: '渠道无效' }).optional(),
  agencyId: z.coerce.number({ error: '单位无效' }).int({ error: '单位无效' }).positive({ error: '单位无效' }).optional().describe('只看这个单位（本机关或下级；机构 id）'),
});

export const orderListSchema = z.object({
  state: z.enum(['open', 'closed', 'all']).optional().default('open'),
  from: dateField('开始日期', { future: true }).optional(),
  to: dateField('结束日期', { future: true }).optional(),
  agencyId: z.coerce.number({ error: '单位无效' }).int({ error: '单位无效' }).positive({ error: '单位无效' }).optional().describe('只看这个单位（本机关或下级；机构 id）'),
});

export const visitListSchema = z.object({
  from: dateField('开始日期', { future: true }).optional(),
  to: dateField('结束日期', { future: true }).optional(),
  agencyId: z.coerce.number({ error: '单位无效' }).int({ error: '单位无效' }).positive({ error: '单位无效' }).optional().describe('只看这个单位（本机关或下级；机构 id）'),
});

export const suggestionListSchema = z.object({
  state: z.enum(['open', 'replied', 'all']).optional().default('open'),
  result: z.enum(SUGGESTION_RESULTS, { error: '办理结果无效' }).optional(),
  from: dateField('开始日期', { future: true }).optional(),
  to: dateField('结束日期', { future: true }).optional(),
  agencyId: z.coerce.number({ error: '单位无效' }).int({ error: '单位无效' }).positive({ error: '单位无效' }).optional().describe('只看这个单位（本机关或下级；机构 id）'),
});

const version = z.coerce.number({ error: '缺少版本号，请刷新页面后重试' }).int().min(1, { error: '缺少版本号，请刷新页面后重试' });

export const VISIT_METHODS = ['phone', 'in_person', 'sms', 'online'] as const;
export const VISIT_METHOD_LABELS: Record<(typeof VISIT_METHODS)[number], string> = { phone: '电话回访', in_person: '上门或当面回访', sms: '短信回访', online: '网上回访' };

export const orderActionSchemas = {
  logVisit: z.object({
    version,
    visitedOn: dateField('回访日期', { min: '2008-05-01' }),
    visitor: requiredText('回访人', 50),
    method: z.enum(VISIT_METHODS, { error: '请选择回访方式' }),
    said: requiredText('评价人反映的情况', 2000),
  }),
  classify: z.object({
    version,
    classification: z.enum(CLASSES, { error: '请选择处理类别：立行立改、限期整改、解释说明或申诉复核' }),
    reason: requiredText('核实情况和处理类别的理由', 2000),
  }),
  decideAppeal: z.object({
    version,
    upheld: z.union([z.boolean(), z.enum(['1', '0']).transform((v) => v === '1')], { error: '请选择是否认定为误评或恶意差评' }),
    reason: requiredText('复核决定的理由', 2000),
  }),
  recordRectification: z.object({
    version,
    text: requiredText('整改情况', 4000),
    files: z.array(z.object({ filename: z.string().max(200), contentBase64: z.string().max(8_000_000, { error: '附件太大（每个不超过5MB）' }) })).max(5, { error: '最多上传5个整改佐证材料' }).optional(),
  }),
  sendFeedback: z.object({
    version,
    text: requiredText('反馈给评价人的内容', 2000),
  }),
  closeOrder: z.object({
    version,
    note: requiredText('监督回访情况', 2000),
  }),
} as const;
export type OrderActionInput<K extends keyof typeof orderActionSchemas> = z.infer<(typeof orderActionSchemas)[K]>;

export const submitSuggestionSchema = z.object({
  agency: creditCode,
  channel: z.enum(SUGGESTION_CHANNELS, { error: '来源渠道无效' }).optional().default('online'),
  content: requiredText('意见建议内容', 4000, { min: 5, minMeaningful: 3 }),
  contact: z.object({ name: optionalText('姓名', 50), phone: phoneField('联系电话').optional().nullable() }).optional().nullable(),
  website: z.string().optional(),
});
export type SubmitSuggestionInput = z.infer<typeof submitSuggestionSchema>;

export const registerSuggestionSchema = submitSuggestionSchema.omit({ agency: true, website: true }).extend({
  channel: z.enum(SUGGESTION_CHANNELS, { error: '请选择来源渠道' }),
  receivedOn: dateField('收到日期', { min: '2008-05-01' }),
});

export const suggestionActionSchemas = {
  handle: z.object({
    version,
    result: z.enum(SUGGESTION_RESULTS, { error: '请选择办理结果：采纳、整改、解释说明或不予采纳' }),
    text: requiredText('办理情况（不予采纳时写明理由）', 4000),
  }),
  reply: z.object({
    version,
    text: requiredText('答复内容', 4000),
  }),
} as const;

export const settingsSchema = z.object({
  ratingWindowDays: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  verifyDays: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  limitImmediate: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  limitDeadline: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  limitExplain: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  suggestionDays: z.coerce.number().int().min(1, { error: '应为1至60的整数' }).max(60, { error: '应为1至60的整数' }).optional(),
  satisfactionFormula: z.enum(['top2', 'top3'], { error: '满意度计算方法应为 top2 或 top3' }).optional(),
});

export const statsQuerySchema = z.object({
  agencyId: z.coerce.number().int().positive().optional(),
  from: dateField('开始日期', { future: true }),
  to: dateField('结束日期', { future: true }),
});
