import { z } from 'zod';
import { APPEAL_KINDS, APPEAL_RESULTS } from '../../core/applications/index.ts';
import { dateField, optionalText } from '../shared/fields.ts';
import { OGI_REGULATION_IN_FORCE } from '../../core/validation/index.ts';

// Real calendar dates from 2008-05-01 (the 条例 in force) to today; the service checks them against its clock
// and the linked application's decision (core appealProblems).
const isoDate = (what: string) => dateField(what, { min: OGI_REGULATION_IN_FORCE });
const text = (what: string, max: number) => optionalText(what, max);

export const appealCreateSchema = z.object({
  applicationId: z.coerce.number().int().positive().optional().nullable(),
  kind: z.enum(APPEAL_KINDS, { error: '请选择案件类型：行政复议、未经复议直接起诉或复议后起诉' }),
  filedOn: isoDate('申请复议或者起诉的日期'),
  bodyName: text('复议机关或者法院', 200),
  caseNumber: text('案号', 100),
  result: z.enum(APPEAL_RESULTS, { error: '请选择结果：维持、纠正、其他或尚未审结' }).default('pending'),
  closedOn: isoDate('审结日期').optional().nullable(),
  notes: text('备注', 2000),
}).superRefine((v, ctx) => {
  if (v.result !== 'pending' && !v.closedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '已有结果的案件请填写审结日期' });
  if (v.result === 'pending' && v.closedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '尚未审结的案件不能有审结日期' });
  if (v.closedOn && v.closedOn < v.filedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '审结日期不能早于立案日期' });
});
export type AppealCreateInput = z.infer<typeof appealCreateSchema>;

export const appealUpdateSchema = z.object({
  version: z.coerce.number({ error: '缺少版本号 version' }).int().positive(),
  result: z.enum(APPEAL_RESULTS, { error: '请选择结果：维持、纠正、其他或尚未审结' }),
  closedOn: isoDate('审结日期').optional().nullable(),
  bodyName: text('复议机关或者法院', 200),
  caseNumber: text('案号', 100),
  notes: text('备注', 2000),
}).superRefine((v, ctx) => {
  if (v.result !== 'pending' && !v.closedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '已有结果的案件请填写审结日期' });
  if (v.result === 'pending' && v.closedOn) ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '尚未审结的案件不能有审结日期' });
});
export type AppealUpdateInput = z.infer<typeof appealUpdateSchema>;
