// zod schemas of the annual report's API.
import { z } from 'zod';

export const REPORT_FORMATS = ['fixture', 'json', 'docx', 'pdf', 'xlsx', 'html'] as const;

export const reportParamsSchema = z.object({
  creditCode: z.string().regex(/^[0-9A-Z]{18}$/, { message: '统一社会信用代码应为18位数字或大写字母' }),
  year: z.coerce.number().int().min(2008, { message: '年度应在 2008 年以后' }).max(2100),
});

export const reportQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS, { message: 'format 应为 fixture、json、docx、pdf、xlsx 或 html' }).default('fixture'),
});
