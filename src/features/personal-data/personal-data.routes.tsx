// The personal-data access log: API list (listPersonalDataAccess, paged) and the back-office page,
// for the system administrator (every agency) and leaders (their agency).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AdminLayout, DataTable, Pagination, t, type AdminShell } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import type { AccessView } from './personal-data.service.ts';

export const accessQuerySchema = z.object({
  page: z.coerce.number({ error: '页码应为正整数' }).int({ error: '页码应为正整数' }).min(1, { error: '页码应为正整数' }).max(100000, { error: '页码太大' }).optional().default(1),
  pageSize: z.coerce.number({ error: '每页条数应为1到200之间的整数' }).int({ error: '每页条数应为1到200之间的整数' }).min(1, { error: '每页条数应为1到200之间的整数' }).max(200, { error: '每页条数应为1到200之间的整数' }).optional().default(50),
  applicationId: z.coerce.number({ error: '申请编号应为正整数' }).int({ error: '申请编号应为正整数' }).positive({ error: '申请编号应为正整数' }).max(2147483647, { error: '申请编号应为正整数' }).optional(),
});

const accessSchema = z.object({
  id: z.number().int(), at: z.string(), userId: z.number().int().nullable(), username: z.string(), displayName: z.string(), role: z.string(), roleLabel: z.string(),
  agencyId: z.number().int(), applicationId: z.number().int().nullable(), queryCode: z.string().nullable(), door: z.string(), doorLabel: z.string(),
  fields: z.array(z.string()), fieldsLabel: z.string(), requestId: z.string().nullable(),
});

export function registerPersonalDataRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = requireStaff('admin', 'leader');

  r.get('/api/personal-data/access-log', {
    preHandler: guard,
    schema: {
      operationId: 'listPersonalDataAccess', summary: '个人信息访问记录：谁通过哪个入口打开了哪位申请人的个人信息（分页；系统管理员看全部，负责人看本机关）', tags: ['personal-data'],
      querystring: accessQuerySchema,
      response: { 200: z.object({ items: z.array(accessSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(400, 401, 403) },
    },
  }, async (request) => services.personalData.list(actorOf(request), request.query));

  app.get('/admin/personal-data-access', { preHandler: guard, schema: { hide: true } }, async (request, reply) => {
    const raw = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = accessQuerySchema.safeParse(raw);
    const q = parsed.success ? parsed.data : accessQuerySchema.parse({});
    const list = await services.personalData.list(actorOf(request), q);
    return sendPage(reply, AccessLogPage({ shell: adminShell(request, takeFlash(request, reply)), ...list, applicationId: q.applicationId }));
  });
}

export function AccessLogPage(p: { shell: AdminShell; items: readonly AccessView[]; total: number; page: number; pageSize: number; applicationId?: number | undefined }) {
  const locale = p.shell.locale;
  return (
    <AdminLayout {...p.shell} active="applications" title={t(locale, 'applications.admin.accessLog')}>
      <p><a href="/admin/applications">← 依申请公开</a></p>
      <h1 className="gk-heading-l">{t(locale, 'applications.admin.accessLog')}</h1>
      <p>{t(locale, 'applications.admin.accessLogIntro')}</p>
      {p.applicationId ? <p>只显示申请 #{p.applicationId} 的记录。<a href="/admin/personal-data-access">显示全部</a></p> : null}
      <DataTable caption={`访问记录（共${p.total}条）`} rows={p.items} rowKey={(x) => String(x.id)} emptyText="还没有访问记录。" columns={[
        { key: 'at', header: '时间（UTC）', render: (x) => x.at.slice(0, 19).replace('T', ' ') },
        { key: 'who', header: '人员', rowHeader: true, render: (x) => `${x.displayName}（${x.username}，${x.roleLabel}）` },
        { key: 'case', header: '申请', render: (x) => (x.applicationId ? <a href={`/admin/applications/${x.applicationId}`}>{x.queryCode ?? `#${x.applicationId}`}</a> : '—') },
        { key: 'door', header: '入口', render: (x) => x.doorLabel },
        { key: 'fields', header: '显示的个人信息', render: (x) => x.fieldsLabel },
      ]} />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} baseHref="/admin/personal-data-access" query={{ pageSize: p.pageSize === 50 ? undefined : p.pageSize, applicationId: p.applicationId }} locale={locale} />
    </AdminLayout>
  );
}
