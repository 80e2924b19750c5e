// Users: API (JSON) and the admin pages (forms). Changes are admin only; reading a user is
// scoped by agency (another agency's user answers 404).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MyPreferencesPage, UserFormPage, UsersPage, renderPage, t, type UserFormValues } from '../../ui/index.ts';
import { actorOf, requireStaff } from '../auth/auth.guard.ts';
import { AppError, isAppError, type FieldError } from '../shared/errors.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, seeOther, sendPage, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { idParamSchema, myPreferencesSchema, pageQuerySchema, passwordResetSchema, userCreateSchema, userSchema, userUpdateSchema } from './users.schema.ts';
import type { User } from './users.service.ts';

const fieldErrors = (e: z.ZodError): FieldError[] => e.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));

export function registerUsersRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireStaff();
  const admin = requireStaff('admin');

  // ── API ──
  r.get(
    '/api/users',
    {
      preHandler: staff,
      schema: {
        operationId: 'listUsers',
        summary: '用户列表（按可见机构范围）',
        tags: ['users'],
        querystring: pageQuerySchema,
        response: { 200: z.object({ users: z.array(userSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemSchemas(401) },
      },
    },
    async (request) => services.users.list(actorOf(request), request.query),
  );
  r.get(
    '/api/users/:id',
    { preHandler: staff, schema: { operationId: 'getUser', summary: '用户详情', tags: ['users'], params: idParamSchema, response: { 200: userSchema, ...problemSchemas(401, 404) } } },
    async (request) => services.users.get(actorOf(request), request.params.id),
  );
  r.post(
    '/api/users',
    {
      preHandler: admin,
      schema: { operationId: 'createUser', summary: '新建用户（系统管理员）', tags: ['users'], body: userCreateSchema, response: { 201: userSchema, ...problemSchemas(400, 401, 403, 409) } },
    },
    async (request, reply) => reply.code(201).send(await services.users.create(actorOf(request), request.body)),
  );
  r.patch(
    '/api/users/:id',
    {
      preHandler: admin,
      schema: {
        operationId: 'updateUser',
        summary: '修改用户姓名、角色、机构或停用（乐观锁：提供 version）',
        tags: ['users'],
        params: idParamSchema,
        body: userUpdateSchema,
        response: { 200: userSchema, ...problemSchemas(400, 401, 403, 404, 409) },
      },
    },
    async (request) => services.users.update(actorOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/users/:id/password',
    {
      preHandler: admin,
      schema: {
        operationId: 'resetUserPassword',
        summary: '重置用户密码（系统管理员）',
        tags: ['users'],
        params: idParamSchema,
        body: passwordResetSchema,
        response: { 200: userSchema, ...problemSchemas(400, 401, 403, 404, 409) },
      },
    },
    async (request) => services.users.resetPassword(actorOf(request), request.params.id, request.body),
  );

  // ── own reminder settings (every signed-in user) ──
  r.get('/api/me/preferences', {
    preHandler: staff,
    schema: { operationId: 'getMyPreferences', summary: '我的提醒设置（电子邮箱、每日待办摘要）', tags: ['users'], response: { 200: z.object({ email: z.string().nullable(), digestEnabled: z.boolean() }), ...problemSchemas(401) } },
  }, async (request) => {
    const u = await services.users.get(actorOf(request), actorOf(request).userId);
    return { email: u.email, digestEnabled: u.digestEnabled };
  });
  r.put('/api/me/preferences', {
    preHandler: staff,
    schema: { operationId: 'updateMyPreferences', summary: '修改我的提醒设置：电子邮箱（空字符串清除）、是否每个工作日发送待办摘要', tags: ['users'], body: myPreferencesSchema, response: { 200: z.object({ email: z.string().nullable(), digestEnabled: z.boolean() }), ...problemSchemas(400, 401, 409) } },
  }, async (request) => {
    const u = await services.users.updateMyPreferences(actorOf(request), request.body);
    return { email: u.email, digestEnabled: u.digestEnabled };
  });
  r.get('/admin/me', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const u = await services.users.get(actorOf(request), actorOf(request).userId);
    return sendPage(reply, MyPreferencesPage({ shell: adminShell(request, takeFlash(request, reply)), values: { email: u.email ?? '', digestEnabled: u.digestEnabled } }));
  });
  r.post('/admin/me', { preHandler: staff, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email : '';
    const digestEnabled = body.digest === 'on';
    const parsed = myPreferencesSchema.safeParse({ email, digestEnabled });
    if (!parsed.success) return sendPage(reply, MyPreferencesPage({ shell: adminShell(request), values: { email, digestEnabled }, errors: fieldErrors(parsed.error) }), 400);
    await services.users.updateMyPreferences(actorOf(request), parsed.data);
    setFlash(reply, 'success', t(request.locale, 'users.me.saved'));
    return seeOther(reply, '/admin/me');
  });

  // ── pages (admin only) ──
  const agencyOptions = async () => (await services.agencies.list()).map((a) => ({ id: a.id, name: a.name }));

  async function renderForm(request: FastifyRequest, reply: FastifyReply, mode: 'create' | 'edit', values: UserFormValues, errors: FieldError[], user?: User, status = 200) {
    const html = UserFormPage({ shell: adminShell(request), mode, userId: user?.id, values, errors, agencies: await agencyOptions() });
    if (mode === 'edit' && user) return sendPageWithVersion(reply, html, user.version, status);
    return sendPage(reply, html, status);
  }

  r.get('/admin/users', { preHandler: admin, schema: { hide: true, querystring: pageQuerySchema } }, async (request, reply) => {
    const { users } = await services.users.list(actorOf(request), { page: request.query.page, pageSize: 200 });
    return sendPage(reply, UsersPage({ shell: adminShell(request, takeFlash(request, reply)), users }));
  });

  r.get('/admin/users/new', { preHandler: admin, schema: { hide: true } }, async (request, reply) => renderForm(request, reply, 'create', { role: 'officer' }, []));

  r.post('/admin/users', { preHandler: admin, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const digestEnabled = body.digest === 'on';
    const values: UserFormValues = { username: body.username, displayName: body.displayName, role: body.role, agencyId: body.agencyId, email: body.email, digestEnabled };
    const parsed = userCreateSchema.safeParse({ ...body, email: body.email ?? '', digestEnabled });
    if (!parsed.success) return renderForm(request, reply, 'create', values, fieldErrors(parsed.error), undefined, 400);
    try {
      const u = await services.users.create(actorOf(request), parsed.data);
      setFlash(reply, 'success', request.locale === 'en' ? `User ${u.username} was created.` : `已创建用户 ${u.displayName}（${u.username}）。`);
      return seeOther(reply, '/admin/users');
    } catch (e) {
      if (isAppError(e) && e.fieldErrors.length) return renderForm(request, reply, 'create', values, e.fieldErrors, undefined, e.status);
      throw e;
    }
  });

  r.get('/admin/users/:id', { preHandler: admin, schema: { hide: true, params: idParamSchema } }, async (request, reply) => {
    const u = await services.users.get(actorOf(request), request.params.id);
    return renderForm(request, reply, 'edit', { username: u.username, displayName: u.displayName, role: u.role, agencyId: String(u.agencyId), active: u.active, email: u.email ?? '', digestEnabled: u.digestEnabled }, [], u);
  });

  r.post('/admin/users/:id', { preHandler: admin, schema: { hide: true, params: idParamSchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const current = await services.users.get(actor, request.params.id);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const active = body.active === 'on' || body.active === 'true';
    const digestEnabled = body.digest === 'on';
    const values: UserFormValues = { username: current.username, displayName: body.displayName, role: body.role, agencyId: body.agencyId, active, email: body.email, digestEnabled };
    const parsed = userUpdateSchema.safeParse({ version: body.version, displayName: body.displayName, role: body.role, agencyId: body.agencyId, active, email: body.email ?? '', digestEnabled });
    const password = body.password ?? '';
    const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error).map((f) => (f.field === 'version' ? { field: 'displayName', message: '页面缺少版本信息，请刷新后重试' } : f));
    if (password) {
      const p = passwordResetSchema.shape.password.safeParse(password);
      if (!p.success) errors.push({ field: 'password', message: p.error.issues[0]?.message ?? '密码不符合要求' });
    }
    if (!parsed.success || errors.length) return renderForm(request, reply, 'edit', values, errors, current, 400);
    try {
      let u = await services.users.update(actor, current.id, parsed.data);
      if (password) u = await services.users.resetPassword(actor, current.id, { version: u.version, password });
      setFlash(reply, 'success', request.locale === 'en' ? `User ${u.username} was saved.` : `已保存用户 ${u.displayName}（${u.username}）。`);
      return seeOther(reply, '/admin/users');
    } catch (e) {
      if (isAppError(e) && e.code === 'conflict') {
        const fresh = await services.users.get(actor, current.id);
        return renderForm(request, reply, 'edit', values, [{ field: 'displayName', message: '该用户已被他人修改：页面已载入最新版本，请核对后重新保存' }], fresh, 409);
      }
      if (isAppError(e) && e.fieldErrors.length) return renderForm(request, reply, 'edit', values, e.fieldErrors, current, e.status);
      throw e;
    }
  });
}

/**
 * The edit form must carry the `version` it was loaded with (optimistic locking). The ui's
 * UserFormPage has no version prop yet, so the hidden field is added to the rendered form here.
 */
function sendPageWithVersion(reply: FastifyReply, element: Parameters<typeof sendPage>[1], version: number, status: number) {
  let html = renderPage(element);
  if (!/name="version"/.test(html)) {
    html = html.replace(/(<form[^>]*action="\/admin\/users\/\d+"[^>]*>)/, `$1<input type="hidden" name="version" value="${Number(version)}"/>`);
  }
  if (!/name="version"/.test(html)) throw new AppError('internal', { detail: 'user form without version field' });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
