// zod schemas of a supervisor's cell corrections and of 差异比对 (validation and the OpenAPI document), decision 175.
import { z } from 'zod';
import { CORRECTION_STATES, MAX_CELLS } from './supervision.corrections.ts';
import { runReportDetailSchema } from './supervision.schema.ts';

const version = z.coerce.number({ message: '缺少版本号（version）' }).int({ message: '版本号有误' }).min(1, { message: '版本号有误' }).max(2_147_483_647, { message: '版本号有误' })
  .describe('报告的版本号（getAuditRunReport 的 version）；报告已被他人更正时 409');

export const correctionSchema = z.object({
  id: z.number().int(), reportId: z.number().int(), runId: z.number().int(),
  cell: z.string().describe('单元格，如 table3|（七）总计|总计'), label: z.string().describe('单元格的中文名称'),
  original: z.number().nullable().describe('从文件读取的值；读不出或空白时为 null'), value: z.number().describe('督查人员更正后的值'),
  reason: z.string(), state: z.enum(CORRECTION_STATES).describe('active 有效 / replaced 已被新的更正取代 / withdrawn 已撤回'),
  createdBy: z.string(), createdAt: z.string(), endedBy: z.string().nullable(), endedAt: z.string().nullable(),
});

/** getAuditRunReport: the report as the rules see it now (model with the corrections), its version and corrections. */
export const correctedReportSchema = runReportDetailSchema.extend({
  version: z.number().int().describe('报告的版本号：更正或撤回更正时带上，已被他人更正时 409'),
  model: z.any().describe('报告模型（含督查人员的更正）；文件无法读取时为 null'),
  corrections: z.array(correctionSchema).describe('督查人员对单元格的更正（含已撤回、已被取代的）；original 为读取值'),
});

export const correctBody = z.object({
  cell: z.string({ message: '请选择要更正的单元格' }).max(300, { message: '单元格名称过长' }),
  value: z.union([z.number(), z.string().max(40, { message: '数值过长' })], { message: '请填写更正后的数值' }).describe('件数为非负整数；2019 年版“本年增/减”可为负整数；金额可有 4 位小数'),
  reason: z.string({ message: '请写明更正理由' }).max(1000, { message: '更正理由最多 1000 字' }),
  version,
});

export const correctManyBody = z.object({
  cells: z.array(z.object({
    cell: z.string({ message: '请选择要更正的单元格' }).max(300, { message: '单元格名称过长' }).describe('单元格，如 table3|（七）总计|自然人'),
    value: z.union([z.number(), z.string().max(40, { message: '数值过长' })], { message: '请填写更正后的数值' }),
  }), { message: '请至少填写一个单元格的更正后数值' }).max(MAX_CELLS, { message: `一次最多更正 ${MAX_CELLS} 个单元格` }).describe(`要更正的单元格和数值（1 至 ${MAX_CELLS} 个；同一单元格只能出现一次）`),
  reason: z.string({ message: '请写明更正理由' }).max(1000, { message: '更正理由最多 1000 字' }).describe('一个理由适用于这次更正的全部单元格'),
  version,
});

export const withdrawBody = z.object({ version });

const piece = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() });
const sentenceRow = z.object({
  op: z.enum(['equal', 'delete', 'insert', 'change']).describe('equal 相同 / delete 仅左侧有 / insert 仅右侧有 / change 改动（leftParts、rightParts 标出改动的字）'),
  left: z.string().optional(), right: z.string().optional(), leftParts: z.array(piece).optional(), rightParts: z.array(piece).optional(),
});
const finding = z.object({ rule: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), cells: z.array(z.string()), source: z.enum(['import', 'rules']) });
const sideSource = z.object({
  ref: z.string().describe('audit:<报告id> 或 annual:<机关id>:<年度>'), kind: z.enum(['audit', 'annual']), label: z.string(),
  runId: z.number().int().nullable(), corrections: z.number().int().describe('督查人员更正的单元格数'), href: z.string(),
});
const side = z.object({ agency: z.string(), year: z.number().int(), format: z.string() });

export const comparisonQuery = z.object({
  left: z.string({ message: '请选择左侧的报告（left）' }).max(40).describe('audit:<督查体检中的报告id> 或 annual:<机关id>:<年度>（平台上的年度报告）'),
  right: z.string({ message: '请选择右侧的报告（right）' }).max(40).describe('同 left'),
  changed: z.enum(['0', '1']).optional().describe('1：只列出数值不同的单元格'),
});

export const reportComparisonSchema = z.object({
  left: side, right: side, leftSource: sideSource, rightSource: sideSource,
  sameAgency: z.boolean(), consecutive: z.boolean().describe('同一机关的相邻年度：已做跨年度核对'),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), inLeft: z.boolean(), inRight: z.boolean(), changed: z.boolean(), rows: z.array(sentenceRow) })).describe('正文逐句比对'),
  cells: z.array(z.object({
    cell: z.string(), label: z.string(), left: z.number().nullable(), right: z.number().nullable(),
    delta: z.number().nullable().describe('右 − 左；表二格式版本不同时为 null'), changed: z.boolean(), comparable: z.boolean(),
  })).describe('表二、表三、表四的每个单元格（changed=1 时只列出不同的）'),
  crossYear: z.array(z.object({
    rule: z.enum(['X1', 'X3', 'X4']), title: z.string(), source: z.string(), result: z.enum(['pass', 'fail', 'not_checked', 'not_applicable']).describe('pass 一致 / fail 不一致 / not_checked 单元格未读出 / not_applicable 不适用'),
    findings: z.array(finding), notChecked: z.array(z.object({ rule: z.string(), message: z.string(), missing: z.array(z.string()) })),
  })).nullable().describe('同一机关相邻年度时的跨年度核对；否则为 null'),
  remarks: z.array(z.string()),
});
