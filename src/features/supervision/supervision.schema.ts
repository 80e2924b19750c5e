// zod schemas of the supervision API (validation and the OpenAPI document).
import { z } from 'zod';
import { DECISIONS } from './supervision.service.ts';
import { RECTIFICATION_STATES } from './supervision.rectify.ts';

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};
export const idParams = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const version = z.coerce.number({ message: '缺少版本号（version）' }).int().min(1).max(2_147_483_647);

const finding = z.object({
  rule: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), cells: z.array(z.string()), source: z.enum(['import', 'rules']),
});
const notChecked = z.object({ rule: z.string(), message: z.string(), missing: z.array(z.string()) });

export const runSchema = z.object({
  id: z.number().int(), agencyId: z.number().int().describe('进行体检的政务公开主管部门'), title: z.string(), year: z.number().int().nullable(),
  source: z.enum(['upload', 'platform']).describe('upload：上传的文件；platform：下级机关在平台上报送的报告'), createdAt: z.string(), createdBy: z.string(),
  summary: z.object({ reports: z.number().int(), clean: z.number().int(), withErrors: z.number().int(), unreadable: z.number().int() }),
  decisions: z.object({ pending: z.number().int(), confirmed: z.number().int(), dismissed: z.number().int(), rectification: z.number().int() }),
  crossYear: z.array(z.object({ agency: z.string(), from: z.number().int(), to: z.number().int(), files: z.array(z.string()), findings: z.array(finding), notChecked: z.array(notChecked) })),
});

export const runReportSchema = z.object({
  id: z.number().int(), runId: z.number().int(), ordinal: z.number().int(), file: z.string(), agency: z.string().nullable(), agencyId: z.number().int().nullable().describe('平台上与报告名称一致的机关'),
  year: z.number().int().nullable(), format: z.string().nullable(), status: z.enum(['clean', 'findings', 'unreadable']), read: z.enum(['complete', 'partial', 'none']),
  errors: z.number().int(), warnings: z.number().int(), replacesReportId: z.number().int().nullable().describe('整改反馈中更正后的报告：它替代的报告'),
});

export const runAgencySchema = z.object({
  agency: z.string().nullable().describe('报告中的机关名称；null：未能识别机关的报告'), agencyId: z.number().int().nullable().describe('平台上与报告名称一致的机关'),
  years: z.array(z.number().int()), reports: z.number().int(), clean: z.number().int(), withErrors: z.number().int(), unreadable: z.number().int(),
  errors: z.number().int(), warnings: z.number().int(), crossYearFindings: z.number().int().describe('该机关相邻年度报告之间的核对结果'),
});

export const runReportDetailSchema = runReportSchema.extend({
  notes: z.array(z.object({ cell: z.string().optional(), level: z.enum(['info', 'warning', 'unsure', 'error']), message: z.string(), code: z.string().optional() })),
  notChecked: z.array(notChecked), unreadCells: z.array(z.string()), model: z.any().describe('报告模型；文件无法读取时为 null'),
});

export const findingViewSchema = z.object({
  id: z.number().int(), runId: z.number().int(), reportId: z.number().int().nullable(), scope: z.enum(['report', 'cross_year']), agency: z.string().nullable(), agencyId: z.number().int().nullable(),
  year: z.number().int().nullable(), rule: z.string(), severity: z.enum(['error', 'warning']), source: z.enum(['import', 'rules']).describe('import：读取问题；rules：勾稽规则'),
  message: z.string(), cells: z.array(z.string()), decision: z.enum(DECISIONS).describe('pending 待定 / confirmed 已确认 / dismissed 已排除 / rectification 已交整改'),
  reason: z.string().nullable(), carriedFrom: z.number().int().nullable().describe('结论沿用自以前体检中的这条结果'), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), version: z.number().int(),
  rectification: z.object({ id: z.number().int(), state: z.enum(RECTIFICATION_STATES) }).nullable().optional().describe('交机关整改的，最近一次整改及其状态（列表中给出）'),
});

export const rectificationSchema = z.object({
  id: z.number().int(), findingId: z.number().int(), runId: z.number().int(), agencyId: z.number().int(), agency: z.string(), supervisorAgencyId: z.number().int(), supervisorAgency: z.string(),
  state: z.enum(RECTIFICATION_STATES).describe('open 待整改 / answered 已反馈待审核 / resolved 已办结'), comment: z.string(), response: z.string().nullable(), responseReportId: z.number().int().nullable(),
  reviewComment: z.string().nullable(), createdBy: z.string(), createdAt: z.string(), respondedBy: z.string().nullable(), respondedAt: z.string().nullable(), resolvedAt: z.string().nullable(), version: z.number().int(),
});
export const rectificationDetailSchema = rectificationSchema.extend({
  finding: findingViewSchema, report: runReportSchema.nullable(), responseReport: runReportSchema.nullable(), actions: z.array(z.enum(['respond', 'resolve', 'reopen'])),
});

export const paged = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const platformRunBody = z.object({
  source: z.literal('platform'),
  year: z.coerce.number().int().min(2008, { message: '年度应在 2008 年以后' }).max(2100, { message: '年度有误' }),
  title: z.string().trim().max(200, { message: '名称最多 200 字' }).optional(),
});

export const findingsQuery = z.object({
  report: z.coerce.number().int().min(1).max(2_147_483_647).optional(), decision: z.enum(DECISIONS).optional(), scope: z.enum(['report', 'cross_year']).optional(),
  severity: z.enum(['error', 'warning']).optional(), ...pageQuery,
});

export const triageBody = z.object({
  decision: z.enum(['pending', 'confirmed', 'dismissed'], { message: '结论只能是待定、确认或排除' }),
  reason: z.string().trim().max(1000, { message: '理由最多 1000 字' }).nullable().optional(),
  version,
});
export const rectificationBody = z.object({ comment: z.string().trim().min(1, { message: '请写明整改要求' }).max(2000, { message: '整改要求最多 2000 字' }), version });
export const responseBody = z.object({ response: z.string().trim().min(1, { message: '请写明整改情况' }).max(4000, { message: '整改情况最多 4000 字' }), version });
export const reviewBody = z.object({
  outcome: z.enum(['resolve', 'reopen'], { message: '审核结论只能是办结或退回重新整改' }),
  comment: z.string().trim().max(2000, { message: '意见最多 2000 字' }).nullable().optional(),
  version,
});

// ── 不定期抽查 (the assessment's random sample) ──
export const sampleItemSchema = z.object({
  id: z.number().int(), ordinal: z.number().int(), kind: z.enum(['catalogue_item', 'application']).describe('catalogue_item 主动公开信息 / application 依申请公开办件'), kindLabel: z.string(),
  entityId: z.number().int(), agencyId: z.number().int(), agency: z.string(), label: z.string(), refDate: z.string().nullable().describe('公开日期或办结日期'),
  result: z.enum(['pass', 'fail']).nullable().describe('pass 合格 / fail 不合格；未检查时为 null'), note: z.string().nullable(), checkedBy: z.string().nullable(), checkedAt: z.string().nullable(), version: z.number().int(),
});
export const sampleSchema = z.object({
  id: z.number().int(), year: z.number().int(), seed: z.number().int().describe('随机种子（core/random.ts mulberry32）：同一种子对同样的记录得出同样的抽取结果'),
  itemsAsked: z.number().int(), casesAsked: z.number().int(), itemsPopulation: z.number().int().describe('可抽取的主动公开信息条数'), casesPopulation: z.number().int().describe('可抽取的办结申请件数'),
  reason: z.string().nullable().describe('重新抽取的理由'), drawnBy: z.string(), drawnAt: z.string(),
  earlier: z.array(z.object({ id: z.number().int(), seed: z.number().int(), drawnAt: z.string(), drawnBy: z.string() })).describe('被本次替换的早先抽取'),
  score: z.object({ checked: z.number().int(), passed: z.number().int(), value: z.number().nullable() }), items: z.array(sampleItemSchema),
});
const sampleSize = (label: string) => z.coerce.number({ message: `${label}应为整数` }).int({ message: `${label}应为整数` }).min(0, { message: `${label}不能为负数` }).max(200, { message: `${label}最多 200` });
export const drawBody = z.object({
  year: z.coerce.number().int().min(2008, { message: '年度应在 2008 年以后' }).max(2100, { message: '年度有误' }),
  items: sampleSize('抽取的主动公开信息条数'), cases: sampleSize('抽取的办件数'),
  reason: z.string().max(500, { message: '理由最多 500 字' }).nullish().describe('本年度已抽取过时必填'),
  replaces: z.coerce.number().int().min(1).max(2_147_483_647).nullish().describe('本年度当前的抽取（重新抽取时必填，不符时 409）'),
});
export const sampleResultBody = z.object({
  result: z.enum(['pass', 'fail'], { message: '请选择合格或不合格' }), note: z.string().max(1000, { message: '说明最多 1000 字' }).nullish(), version,
});
export const comparisonQuery = z.object({
  with: z.coerce.number({ message: '请选择要比较的体检（with）' }).int().min(1).max(2_147_483_647).describe('较早的一次体检（例如上一年度的）'),
  ...pageQuery,
});
export const comparisonSchema = z.object({
  run: runSchema, earlier: runSchema,
  totals: z.object({ added: z.number().int(), resolved: z.number().int(), persisting: z.number().int() }),
  agencies: paged(z.object({
    agency: z.string(),
    added: z.array(findingViewSchema).describe('本次新出现的问题'),
    resolved: z.array(findingViewSchema).describe('上次有、本次已没有的问题（已解决）'),
    persisting: z.array(findingViewSchema.extend({ earlierId: z.number().int().describe('上次体检中的同一问题') })).describe('两次都有的问题'),
  })),
});
