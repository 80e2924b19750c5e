import { z } from 'zod';
import { meaningful } from '../shared/fields.ts';

const roleEnum = z.enum(['admin', 'officer', 'reviewer', 'leader', 'supervisor'], { message: '请选择角色' });

export const usernameSchema = z
  .string()
  .trim()
  .min(2, { message: '用户名至少 2 个字符' })
  .max(40, { message: '用户名不能超过 40 个字符' })
  .regex(/^[a-zA-Z0-9._-]+$/, { message: '用户名只能包含英文字母、数字、点、下划线和连字符' });

export const passwordSchema = z.string().min(8, { message: '密码至少需要 8 个字符' }).max(200, { message: '密码不能超过 200 个字符' });

/** A staff member's own e-mail address (work digest); '' clears it. */
export const emailSchema = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().max(200, { message: '电子邮箱不能超过 200 个字符' }).email({ message: '请填写正确的电子邮箱，例如 wang@example.gov.cn' }).nullable());

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: meaningful(z.string().trim().min(1, { message: '请填写姓名' }).max(60, { message: '姓名不能超过 60 个字符' }), '姓名'),
  role: roleEnum,
  agencyId: z.coerce.number({ message: '请选择所属机构' }).int().positive({ message: '请选择所属机构' }),
  password: passwordSchema,
  email: emailSchema.optional(),
  digestEnabled: z.boolean().optional(),
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  version: z.coerce.number().int().positive().describe('乐观锁版本号：读取时的 version'),
  displayName: meaningful(z.string().trim().min(1, { message: '请填写姓名' }).max(60, { message: '姓名不能超过 60 个字符' }), '姓名').optional(),
  role: roleEnum.optional(),
  agencyId: z.coerce.number().int().positive({ message: '请选择所属机构' }).optional(),
  active: z.boolean().optional(),
  email: emailSchema.optional(),
  digestEnabled: z.boolean().optional().describe('每个工作日发送待办摘要邮件'),
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({
  version: z.coerce.number().int().positive(),
  password: passwordSchema,
});
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;

/** The signed-in user's own password change (the policy is checked by the service: it needs the user name). */
export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, { message: '请输入当前密码' }).max(200, { message: '密码不能超过 200 个字符' }),
  newPassword: passwordSchema,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleEnum,
  agencyId: z.number().int(),
  agencyName: z.string(),
  active: z.boolean(),
  mustChangePassword: z.boolean().describe('true：密码由管理员设置或系统生成，下次登录时须修改'),
  email: z.string().nullable(),
  digestEnabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The signed-in user's own reminder settings. */
export const myPreferencesSchema = z.object({
  email: emailSchema.optional(),
  digestEnabled: z.boolean().optional(),
});
export type MyPreferencesInput = z.infer<typeof myPreferencesSchema>;

export const idParamSchema = z.object({ id: z.coerce.number().int().positive({ message: 'id 必须是正整数' }) });
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
