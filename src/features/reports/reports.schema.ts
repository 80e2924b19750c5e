// zod schemas of the reports API (validation and the OpenAPI document).
import { z } from 'zod';
import { RENDER_TARGETS } from './render/index.ts';

export const findingSchema = z.object({
  rule: z.string().describe('规则编号，如 E1、I2、N1（见 GET /api/reports/schema 与 docs/report-model.md）'),
  severity: z.enum(['error', 'warning']),
  message: z.string().describe('中文说明，含具体数字'),
  cells: z.array(z.string()).describe('涉及的单元格：table3|<行>|<列>、table4|<类别>|<列>、table2|<块>|<行>|<列>'),
});

export const parseNoteSchema = z.object({
  cell: z.string().optional(),
  level: z.enum(['info', 'warning', 'unsure', 'error']),
  message: z.string(),
});

export const checkResultSchema = z.object({
  file: z.string(),
  model: z.any().describe('报告模型（schema version 1）；文件无法读取时为 null'),
  notes: z.array(parseNoteSchema).describe('读取备注：导入时不确定或无法读取的单元格'),
  findings: z.array(findingSchema),
});

export const checkResponseSchema = z.array(checkResultSchema);

export const renderQuerySchema = z.object({
  to: z.enum(RENDER_TARGETS as unknown as [string, ...string[]], { message: `to 只能是 ${RENDER_TARGETS.join('、')}` }),
  findings: z.enum(['0', '1']).optional().describe('1：在报告末尾列出体检结果（HTML 中标出单元格）'),
});

/** A report in the request body: a ReportModel (schemaVersion 1) or the fixture shape; validated by the service. */
export const reportBodySchema = z.record(z.string(), z.unknown()).describe('报告模型（schemaVersion 1）或标签键交换格式（fixture）');

export const checkQuerySchema = z.object({
  deadline: z.string().regex(/^\d{2}-\d{2}$/, { message: 'deadline 应为“月-日”，如 01-31' }).optional()
    .describe('发布期限（报告年度次年的月-日）；默认部门 01-31、本级人民政府 03-31（条例第四十九条）'),
});
