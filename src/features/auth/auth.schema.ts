import { z } from 'zod';
import { userSchema } from '../users/users.schema.ts';

export const signInSchema = z.object({
  username: z.string().trim().min(1, { message: '请输入用户名' }).max(100, { message: '用户名不能超过 100 个字符' }),
  password: z.string().min(1, { message: '请输入密码' }).max(200, { message: '密码不能超过 200 个字符' }),
});

export const sessionUserSchema = userSchema.pick({ id: true, username: true, displayName: true, role: true, agencyId: true, agencyName: true, mustChangePassword: true });

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string().describe('后续修改类请求须在请求头 x-csrf-token 中提供'),
});
