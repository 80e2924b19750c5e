// Calendar and deadline doors: the admin page /admin/calendar (month grids, import, single-day edit,
// 计算期限) and the API (/api/calendar/…, /api/deadlines/compute). Handlers validate → authorise →
// call one service function → present.
import { readFileSync } from 'node:fs';
import type { MultipartFile } from '@fastify/multipart';
import { MB, uploadRoute } from '../shared/uploads.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { computeDeadline, LedgerError } from '../../core/deadlines/index.ts';
import { dates } from '../../core/calendar/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError, isAppError, type FieldError } from '../shared/errors.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { t } from '../../ui/index.ts';
import { CALENDAR_CSS_PATH, CALENDAR_PATH, CalendarPage, type CalendarPageProps } from './calendar.pages.tsx';
import { DEADLINE_PRESETS, shanghaiToday, type DeadlinePreset } from './calendar.service.ts';
import { computeBodySchema, editDayBodySchema, importBodySchema, movedSchema, workdaysQuerySchema } from './calendar.schema.ts';

let css: string | undefined;

/** A text field of a urlencoded body or of a multipart body (attachFieldsToBody: { value }). */
function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return '';
}

async function uploadedText(body: unknown, name: string): Promise<string> {
  if (!body || typeof body !== 'object') return '';
  const p = (body as Record<string, unknown>)[name] as Partial<MultipartFile> | undefined;
  if (!p || typeof p !== 'object' || p.type !== 'file' || typeof p.toBuffer !== 'function') return '';
  return (await p.toBuffer()).toString('utf8').replace(/^\uFEFF/, '');
}

/** A four-digit year from the query (the service shows the nearest year of the calendar data's range ± 1). */
function yearOf(q: unknown, fallback: number): number {
  const y = Number(q);
  return Number.isInteger(y) && y >= 1000 && y <= 9999 ? y : fallback;
}

export function registerCalendarRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireStaff('admin');
  const staff = requireStaff();
  const thisYear = () => Number(shanghaiToday(new Date()).slice(0, 4));

  const page = async (request: FastifyRequest, reply: FastifyReply, year: number, props: Omit<CalendarPageProps, 'shell' | 'view'>, status = 200) =>
    sendPage(reply, CalendarPage({ shell: adminShell(request), view: await services.calendar.yearView(year), ...props }), status);

  r.get(CALENDAR_CSS_PATH, { schema: { hide: true } }, async (_request, reply) => {
    css ??= readFileSync(new URL('./calendar.css', import.meta.url), 'utf8');
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css);
  });

  r.get(CALENDAR_PATH, { preHandler: admin, schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const year = yearOf(q.year, thisYear());
    if (q.date === undefined) return page(request, reply, year, {});
    const preset = (DEADLINE_PRESETS as readonly string[]).includes(q.preset ?? '') ? (q.preset as DeadlinePreset) : 'plain';
    const values = { date: q.date, preset };
    if (!dates.isIsoDate(q.date)) {
      const msg = request.locale === 'en' ? 'Enter a date as YYYY-MM-DD, e.g. 2026-02-06' : '请按 YYYY-MM-DD 填写日期，例如 2026-02-06';
      return page(request, reply, year, { form: 'explain', values, errors: [{ field: 'date', message: msg }] }, 400);
    }
    try {
      const { result } = await services.calendar.explain(q.date, preset);
      return page(request, reply, year, { form: 'explain', values, explain: { date: q.date, preset, result } });
    } catch (e) {
      if (e instanceof LedgerError) return page(request, reply, year, { form: 'explain', values, errors: [{ field: 'date', message: e.message }] }, 400);
      throw e;
    }
  });

  r.post(`${CALENDAR_PATH}/import`, { preHandler: admin, config: uploadRoute({ maxFiles: 1, maxFileBytes: 1 * MB, maxTotalBytes: 1 * MB, label: '日历文件' }), schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const yearText = field(body, 'year').trim();
    const pasted = field(body, 'json');
    const fileText = request.isMultipart() ? await uploadedText(body, 'file') : '';
    const text = fileText.trim() ? fileText : pasted;
    const values = { importYear: yearText, json: pasted };
    const year = yearOf(yearText, thisYear());
    const fail = (errors: FieldError[]) => page(request, reply, year, { form: 'import', values, errors }, 400);
    if (!/^\d{4}$/.test(yearText)) return fail([{ field: 'year', message: request.locale === 'en' ? 'Enter the four-digit year' : '请填写四位数字年份，例如 2027' }]);
    if (!text.trim()) return fail([{ field: 'json', message: t(request.locale, 'calendar.importNeedJson') }]);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return fail([{ field: 'json', message: t(request.locale, 'calendar.importBadJson', { message: (e as Error).message }) }]);
    }
    try {
      const res = await services.calendar.importYear(actorOf(request), { json, year: Number(yearText) });
      return page(request, reply, res.year, { result: { kind: 'import', year: res.year, moved: res.moved } });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return fail(e.fieldErrors?.length ? e.fieldErrors : [{ field: 'json', message: e.message }]);
      throw e;
    }
  });

  r.post(`${CALENDAR_PATH}/days`, { preHandler: admin, schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const values = { date: field(body, 'date').trim(), workday: field(body, 'workday'), name: field(body, 'name'), reason: field(body, 'reason') };
    const year = yearOf(values.date.slice(0, 4), thisYear());
    const errors: FieldError[] = [];
    if (values.workday !== '0' && values.workday !== '1') errors.push({ field: 'workday', message: t(request.locale, 'calendar.editKindRequired') });
    if (errors.length) return page(request, reply, year, { form: 'edit', values, errors }, 400);
    try {
      const res = await services.calendar.editDay(actorOf(request), { date: values.date, workday: values.workday === '1', reason: values.reason, name: values.name });
      return page(request, reply, year, { result: { kind: 'edit', date: res.date, moved: res.moved } });
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return page(request, reply, year, { form: 'edit', values, errors: e.fieldErrors ?? [] }, 400);
      throw e;
    }
  });

  // ── API ──
  r.get(
    '/api/calendar/workdays',
    {
      preHandler: staff,
      schema: {
        operationId: 'listWorkdays',
        summary: '区间内每天是否工作日（按当前日历：内置通知 ← 导入 ← 单日修改）',
        tags: ['calendar'],
        querystring: workdaysQuerySchema,
        response: { 200: z.array(z.object({ date: z.string(), workday: z.boolean(), provisional: z.boolean() })), ...problemSchemas(400, 401) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (!dates.isIsoDate(from) || !dates.isIsoDate(to) || to < from || dates.daysBetween(from, to) > 3660) {
        throw new AppError('validation_failed', { detail: '日期区间无效（最多10年）', fieldErrors: [{ field: 'to', message: '日期区间无效（结束日期不能早于开始日期，最多10年）' }] });
      }
      const cal = await services.calendar.current();
      // the calendar covers the years of the shipped and imported notices (plus provisional years): no answer outside
      const range = cal.bounds();
      if (from < range.from || to > range.to) {
        throw new AppError('validation_failed', { detail: `日历只覆盖 ${range.from} 至 ${range.to}`, fieldErrors: [{ field: from < range.from ? 'from' : 'to', message: `日期超出日历范围（${range.from} 至 ${range.to}）` }] });
      }
      const out: { date: string; workday: boolean; provisional: boolean }[] = [];
      for (let d = from; d <= to; d = dates.addDays(d, 1)) out.push({ date: d, workday: cal.isWorkday(d), provisional: cal.isProvisional(d) });
      return out;
    },
  );

  r.post(
    '/api/calendar/import',
    {
      preHandler: admin,
      schema: {
        operationId: 'importCalendarYear',
        summary: '导入一年的放假通知（holiday-cn 格式）；所有未结期限在同一事务中重算，返回期限变动的记录',
        tags: ['calendar'],
        body: importBodySchema,
        response: { 200: z.object({ year: z.number(), notices: z.array(z.string()), moved: z.array(movedSchema) }), ...problemSchemas(400, 401, 403) },
      },
    },
    async (request) => services.calendar.importYear(actorOf(request), { json: request.body.data, ...(request.body.year ? { year: request.body.year } : {}) }),
  );

  r.post(
    '/api/calendar/days',
    {
      preHandler: admin,
      schema: {
        operationId: 'editCalendarDay',
        summary: '修改某一天（工作日/休息日），须填理由；所有未结期限在同一事务中重算',
        tags: ['calendar'],
        body: editDayBodySchema,
        response: { 200: z.object({ date: z.string(), moved: z.array(movedSchema) }), ...problemSchemas(400, 401, 403) },
      },
    },
    async (request) => services.calendar.editDay(actorOf(request), request.body),
  );

  r.post(
    '/api/deadlines/compute',
    {
      preHandler: staff,
      schema: {
        operationId: 'computeDeadline',
        summary: '按当前日历计算一个账本的答复期限（条例第三十条至第三十五条），含中文说明',
        tags: ['calendar'],
        body: computeBodySchema,
        response: { 200: z.record(z.string(), z.unknown()), ...problemSchemas(400, 401) },
      },
    },
    async (request) => {
      const cal = await services.calendar.current();
      try {
        return computeDeadline(request.body.ledger, cal, null, request.body.today) as unknown as Record<string, unknown>;
      } catch (e) {
        if (e instanceof LedgerError) throw new AppError('validation_failed', { detail: e.message, fieldErrors: [{ field: e.index === null ? 'ledger' : `ledger.events.${e.index}`, message: e.message }] });
        throw e;
      }
    },
  );
}
