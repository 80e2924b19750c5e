// Inputs of the redaction operations (API bodies; the page forms post the same fields).
import { z } from 'zod';
import { REDACTION_REASONS } from '../../core/redaction/index.ts';

const version = z.coerce.number().int().min(0);
const reason = z.enum(REDACTION_REASONS, { message: '请选择不予公开的理由' });
const otherText = z.string().trim().max(200, '其他理由不能超过200个字').nullish();
const coord = (label: string) => z.coerce.number({ message: `${label}必须是数字` }).min(-10000).max(20000);

export const redactionOpSchemas = {
  addBox: z.object({ version, page: z.coerce.number({ message: '页码必须是数字' }).int('页码必须是整数').min(1, '页码从1开始').max(10000), x: coord('X'), y: coord('Y'), w: coord('宽'), h: coord('高'), reason, otherText }),
  addText: z.object({
    version, page: z.coerce.number({ message: '页码必须是数字' }).int('页码必须是整数').min(1, '页码从1开始').max(10000),
    text: z.string({ message: '请选中或填写要遮盖的文字' }).trim().min(1, '请选中或填写要遮盖的文字').max(200, '要遮盖的文字不能超过200个字'),
    nearX: coord('选中位置X').optional(), nearY: coord('选中位置Y').optional(), reason, otherText,
  }),
  acceptSuggestion: z.object({ version, key: z.string().min(1).max(40), reason, otherText }),
  dismissSuggestion: z.object({ version, key: z.string().min(1).max(40) }),
  removeRedaction: z.object({ version, redactionId: z.coerce.number().int().positive() }),
  setTerms: z.object({ version, terms: z.array(z.string().max(50, '每个词语不超过50个字')).max(30, '最多30个词语') }),
  makeCopy: z.object({ version }),
} as const;

export type RedactionOpName = keyof typeof redactionOpSchemas;

/** Path segment and operationId of each operation (the operationIds are part of the public API). */
export const REDACTION_ROUTES: Record<RedactionOpName, { path: string; operationId: string; summary: string }> = {
  addBox: { path: 'redactions', operationId: 'addRedaction', summary: '划定遮盖区域（页码、位置以点为单位自页面左上角，理由）' },
  addText: { path: 'text-redactions', operationId: 'addTextRedaction', summary: '遮盖页面上选中的文字（页码、文字，可附选中处的位置：只遮盖离它最近的一处；不附位置则遮盖本页所有相同的文字），并选择理由' },
  acceptSuggestion: { path: 'suggestion-acceptance', operationId: 'acceptRedactionSuggestion', summary: '采纳一条遮盖建议（身份证号、电话、银行卡号、邮箱、指定词语），并选择理由' },
  dismissSuggestion: { path: 'suggestion-dismissal', operationId: 'dismissRedactionSuggestion', summary: '不采纳一条遮盖建议' },
  removeRedaction: { path: 'redaction-removal', operationId: 'removeRedaction', summary: '撤销一处遮盖' },
  setTerms: { path: 'redaction-terms', operationId: 'setRedactionTerms', summary: '设置要查找的姓名或词语（如征求意见的第三方名称）' },
  makeCopy: { path: 'redacted-copy', operationId: 'makeRedactedCopy', summary: '生成遮盖后的文件（由页面图像重建的新 PDF，供审核人对照）' },
};
