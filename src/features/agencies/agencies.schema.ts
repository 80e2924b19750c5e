import { z } from 'zod';
import { isValidCreditCode } from './credit-code.ts';
import { meaningful } from '../shared/fields.ts';
import { phoneProblem } from '../../core/validation/index.ts';

/** 统一社会信用代码: 18 characters from 0-9 and A-Z without I, O, Z, S, V (GB 32100-2015 第4章). */
export const creditCodeSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）' })
  .refine(isValidCreditCode, { message: '统一社会信用代码的校验位不正确，请核对第 18 位' });

const opt = z.string().trim().max(300).nullable().optional();
/** An office telephone or fax number (with its area code), when given. */
const optPhone = (label: string) => z.string().trim().max(40).superRefine((v, ctx) => {
  const p = v ? phoneProblem(v, label) : null;
  if (p) ctx.addIssue({ code: 'custom', message: p });
}).nullable().optional();

export const agencyInputSchema = z.object({
  parentId: z.number().int().positive().nullable().optional(),
  name: meaningful(z.string().trim().min(1, { message: '请填写机构名称' }).max(100), '机构名称', 2),
  shortName: opt,
  creditCode: creditCodeSchema,
  kind: z.enum(['government', 'department', 'street', 'community']),
  address: opt,
  officeHours: opt,
  phone: optPhone('联系电话'),
  fax: optPhone('传真号码'),
  email: opt,
  website: opt,
  postcode: opt,
  workBodyName: opt,
  reviewBodyName: opt,
});
export type AgencyInput = z.infer<typeof agencyInputSchema>;

export const agencySchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().describe('统一社会信用代码'),
  kind: z.enum(['government', 'department', 'street', 'community']),
  address: z.string().nullable(),
  officeHours: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  postcode: z.string().nullable(),
  workBodyName: z.string().nullable().describe('政府信息公开工作机构名称'),
  reviewBodyName: z.string().nullable().describe('行政复议机关'),
  version: z.number().int(),
});
