// Doors of the comparisons and rankings (decision 180): the API (getSupervisionRankings, getSupervisionHeatmap,
// exportSupervisionRankings) and the two pages. Thin handlers: validate (zod) → one service call → present; the service
// authorises (supervisor, not the administrator) and scopes every query to the agencies below.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentReportYear } from '../../core/annual-report/deadline.ts';
import { METRICS, OUTCOME_GROUPS, type Metric } from '../../core/supervision/rankings.ts';
import { t } from '../../ui/i18n.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { FieldError } from '../shared/errors.ts';
import type { Services } from '../services.ts';
import { pageQuery, paged } from './supervision.schema.ts';
import { heatmapChart, onTimeChart, outcomeChart, trendChart } from './supervision.rankings-charts.ts';
import { heatmapTable, rankingsWorkbook, rankingTable, toCsv } from './supervision.rankings-export.ts';
import { HEATMAP_PATH, HeatmapPage, RANKINGS_PATH, RankingsPage } from './supervision.rankings-pages.tsx';

const yearQ = z.coerce.number({ message: '年度应为数字' }).int({ message: '年度应为整数' }).min(2008, { message: '年度应在 2008 年以后' }).max(2100, { message: '年度有误' }).optional()
  .describe('年度（默认：当前应公布年度报告的年度，即上一年）');
const metricQ = z.enum(METRICS, { message: '排名依据只能是 received、onTime、correction 或 reportQuality' }).default('onTime')
  .describe('排名依据：received 依申请公开申请数（多者在前）/ onTime 按期答复率（高者在前）/ correction 复议诉讼纠错率（低者在前）/ reportQuality 年报体检错误、警告（少者在前）');
const orderQ = z.enum(['asc', 'desc'], { message: '顺序只能是 asc 或 desc' }).optional().describe('按该指标从小到大（asc）或从大到小（desc）；不填：最好的在前。没有该项数据的机关总在最后');

export const rankingsQuery = z.object({ year: yearQ, metric: metricQ, order: orderQ, ...pageQuery });
export const heatmapQuery = z.object({ year: yearQ, ...pageQuery });
export const trendQuery = z.object({
  year: yearQ,
  years: z.coerce.number({ message: '年数应为数字' }).int({ message: '年数应为整数' }).min(2, { message: '至少 2 年' }).max(10, { message: '最多 10 年' }).default(5).describe('年数（2–10，默认 5）'),
});
export const exportQuery = z.object({
  year: yearQ, metric: metricQ, order: orderQ,
  format: z.enum(['csv', 'xlsx'], { message: '格式只能是 csv 或 xlsx' }).default('csv'),
  data: z.enum(['ranking', 'heatmap'], { message: '数据只能是 ranking 或 heatmap' }).default('ranking').describe('CSV 的内容：排名或热力图（XLSX 两者都有，各一张工作表）'),
});

const share = z.number().nullable();
const outcomes = z.object(Object.fromEntries(OUTCOME_GROUPS.map((g) => [g, z.number().int()])) as Record<(typeof OUTCOME_GROUPS)[number], z.ZodNumber>)
  .describe('办结件的办理结果（表三（一）至（六））：disclose 予以公开、partial 部分公开、withhold 不予公开、unavailable 无法提供、decline 不予处理、other 其他处理');
const totals = z.object({
  agencies: z.number().int(), received: z.number().int(), concluded: z.number().int(), outcomes, withDeadline: z.number().int(), onTime: z.number().int(), onTimeShare: share,
  appealsDecided: z.number().int(), appealsCorrected: z.number().int(), correctionRate: share, audited: z.number().int(), errors: z.number().int(), warnings: z.number().int(),
});
export const rankingRowSchema = z.object({
  rank: z.number().int().nullable().describe('按该指标的名次（1 为最好，并列同名次；没有该项数据时为 null）'),
  previousRank: z.number().int().nullable().describe('上一年度按同一指标的名次'), rankChange: z.number().int().nullable().describe('名次变化（正数为上升）'),
  agencyId: z.number().int(), creditCode: z.string(), name: z.string(), value: z.number().nullable().describe('该指标的数值'),
  received: z.number().int().describe('本年收到的申请（收到申请之日在本年）'), concluded: z.number().int().describe('本年办结的申请'), outcomes,
  withDeadline: z.number().int().describe('本年办结且有答复期限的申请（逾期未补正等无期限的不计）'), onTime: z.number().int().describe('其中在答复期限内办结的'),
  onTimeShare: share.describe('按期答复率（%，一位小数）'),
  reviewDecided: z.number().int(), reviewCorrected: z.number().int(), litigationDecided: z.number().int(), litigationCorrected: z.number().int(),
  correctionRate: share.describe('纠错率（%）：本年立案、已审结的复议和诉讼中结果纠正的比例'),
  report: z.object({ reportId: z.number().int(), runId: z.number().int(), errors: z.number().int(), warnings: z.number().int() }).nullable().describe('最近一次督查体检中本年度报告的结果（已排除的不计）；未体检为 null'),
  previous: z.object({ received: z.number().int(), onTimeShare: share, correctionRate: share, errors: z.number().int().nullable(), warnings: z.number().int().nullable() }),
  change: z.object({ received: z.number().int().nullable(), onTimeShare: share, correctionRate: share, errors: z.number().int().nullable() }).describe('与上一年度相比的增减（比例为百分点）'),
});
const heatmapRule = z.object({ rule: z.string(), title: z.string(), severity: z.enum(['error', 'warning']), total: z.number().int() });
const heatmapRow = z.object({
  agencyId: z.number().int(), creditCode: z.string(), name: z.string(), reportId: z.number().int(), runId: z.number().int(), status: z.string(),
  total: z.number().int(), errors: z.number().int(), warnings: z.number().int(), counts: z.record(z.string(), z.number().int()).describe('规则 → 结果条数'),
});

const FILE_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function registerSupervisionRankingsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = services.supervisionRankings;
  const staff = requireStaff();
  const defaultYear = () => currentReportYear(services.applications.today());

  r.get('/api/supervision/rankings', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionRankings',
      summary: '下级机关比较与排名：依申请公开申请数、办理结果构成、按期答复率、复议诉讼纠错率、年报体检结果，按所选指标排名，含上年名次和增减（分页）',
      tags: ['supervision'], querystring: rankingsQuery,
      response: { 200: paged(rankingRowSchema).extend({ year: z.number().int(), metric: z.enum(METRICS), order: z.enum(['asc', 'desc']), totals, previousTotals: totals }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    return svc.rankings(actorOf(request), { year: q.year ?? defaultYear(), metric: q.metric, ...(q.order ? { order: q.order } : {}), page: q.page, pageSize: q.pageSize });
  });

  r.get('/api/supervision/rankings/trend', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionTrend',
      summary: '下级机关历年合计：各年度收到和办结的申请、办理结果构成、按期答复率、复议诉讼纠错率、已体检机关及错误警告数（截至所选年度，旧的在前）',
      tags: ['supervision'], querystring: trendQuery,
      response: { 200: z.object({ year: z.number().int(), years: z.array(z.object({ year: z.number().int(), totals })) }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => {
    const year = request.query.year ?? defaultYear();
    return { year, years: await svc.trend(actorOf(request), { year, years: request.query.years }) };
  });

  r.get('/api/supervision/heatmap', {
    preHandler: staff,
    schema: {
      operationId: 'getSupervisionHeatmap',
      summary: '年报体检规则热力图：下级机关最近一次督查体检中该年度报告按规则统计的结果条数（已排除的不计；按机关分页，结果多的在前）',
      tags: ['supervision'], querystring: heatmapQuery,
      response: { 200: paged(heatmapRow).extend({ year: z.number().int(), rules: z.array(heatmapRule), notAudited: z.number().int().describe('尚无该年度体检结果的下级机关数') }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => svc.heatmap(actorOf(request), { year: request.query.year ?? defaultYear(), page: request.query.page, pageSize: request.query.pageSize }));

  r.get('/api/supervision/rankings/export', {
    preHandler: staff,
    schema: {
      operationId: 'exportSupervisionRankings',
      summary: '导出比较与排名：CSV（UTF-8 带 BOM，可用 Excel 打开；排名或热力图）或 XLSX（排名和热力图两张工作表）；全部下级机关，不分页',
      tags: ['supervision'], querystring: exportQuery, response: { ...problemSchemas(400, 401, 403) },
    },
  }, async (request, reply) => {
    const q = request.query;
    const actor = actorOf(request);
    const year = q.year ?? defaultYear();
    const name = (what: string, ext: string) => `supervision-${what}-${year}.${ext}`;
    const send = (body: string | Buffer, file: string, format: keyof typeof FILE_TYPES) =>
      reply.type(FILE_TYPES[format]).header('content-disposition', `attachment; filename="${file}"`).send(body as never);
    const ranking = () => svc.allRankings(actor, { year, metric: q.metric, ...(q.order ? { order: q.order } : {}) });
    if (q.format === 'xlsx') {
      const [rk, hm] = [await ranking(), await svc.allHeatmap(actor, year)];
      return send(Buffer.from(await rankingsWorkbook(rk, hm)), name('rankings', 'xlsx'), 'xlsx');
    }
    if (q.data === 'heatmap') return send(toCsv(heatmapTable(await svc.allHeatmap(actor, year))), name('heatmap', 'csv'), 'csv');
    return send(toCsv(rankingTable(await ranking())), name('rankings', 'csv'), 'csv');
  });

  // ── pages ──
  // The filter offers the last five report years and the year shown (an older one asked by its address), newest first.
  const years = (shown: number) => { const y = defaultYear(); const last = [y, y - 1, y - 2, y - 3, y - 4]; return last.includes(shown) ? last : [...last, shown].sort((a, b) => b - a); };
  /** A page's query: bad values are named in the error summary (400) and the defaults shown. */
  function pageInput<T extends z.ZodTypeAny>(request: FastifyRequest, schema: T): { q: z.infer<T>; errors: FieldError[] } {
    const p = schema.safeParse(request.query ?? {});
    if (p.success) return { q: p.data, errors: [] };
    const errors = p.error.issues.map((i) => ({ field: i.path.join('.') || 'query', message: i.message }));
    return { q: schema.parse({}), errors };
  }
  const status = (errors: FieldError[]) => (errors.length ? 400 : 200);

  app.get(RANKINGS_PATH, { preHandler: staff, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { q, errors } = pageInput(request, rankingsQuery);
    const year = q.year ?? defaultYear();
    const res = await svc.rankings(actorOf(request), { year, metric: q.metric as Metric, ...(q.order ? { order: q.order } : {}), page: q.page, pageSize: q.pageSize });
    const locale = request.locale;
    const charts = res.items.length ? [onTimeChart(res.items, t(locale, 'rankings.chartOnTime')), outcomeChart(res.items, t(locale, 'rankings.chartOutcomes'))] : [];
    const trend = await svc.trend(actorOf(request), { year, years: 5 });
    const trendSvg = trendChart(trend, { title: t(locale, 'rankings.trend'), received: t(locale, 'rankings.received'), concluded: t(locale, 'rankings.concluded'), onTime: t(locale, 'rankings.onTime') });
    return sendPage(reply, RankingsPage({
      shell: adminShell(request, takeFlash(request, reply)), year, years: years(year), metric: res.metric, order: res.order, orderGiven: !!q.order,
      rows: res, totals: res.totals, previousTotals: res.previousTotals, charts, trend, trendChart: trendSvg, ...(errors.length ? { errors } : {}),
    }), status(errors));
  });

  app.get(HEATMAP_PATH, { preHandler: staff, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { q, errors } = pageInput(request, heatmapQuery);
    const year = q.year ?? defaultYear();
    const res = await svc.heatmap(actorOf(request), { year, page: q.page, pageSize: q.pageSize });
    const chart = res.items.length && res.rules.length ? heatmapChart(res.items, res.rules, t(request.locale, 'rankings.heatmapChart')) : null;
    return sendPage(reply, HeatmapPage({
      shell: adminShell(request, takeFlash(request, reply)), year, years: years(year), rules: res.rules, rows: res, notAudited: res.notAudited, chart, ...(errors.length ? { errors } : {}),
    }), status(errors));
  });
}
