// Changing one's own password: API (PUT /api/session/password) and page (/admin/password). These,
// the session read and sign-out are the only staff routes open while a password must be changed
// (http/app.ts refuses the rest).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PasswordPage } from '../../ui/index.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import { problemSchemas } from '../shared/openapi.ts';
import { adminShell, sendPage, seeOther, setFlash, takeFlash } from '../shared/pages.ts';
import type { Services } from '../services.ts';
import { passwordChangeSchema, userSchema } from '../users/users.schema.ts';
import { actorOf } from './auth.guard.ts';
import { hashSessionId } from './auth.service.ts';

/** Routes a user whose password must be changed may still use ("METHOD url" as fastify routes them). */
export const OPEN_WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<string> = new Set([
  'GET /admin/password',
  'POST /admin/password',
  'PUT /api/session/password',
  'GET /api/session',
  'POST /api/session',
  'DELETE /api/session',
  'GET /admin/login',
  'POST /admin/login',
  'POST /admin/logout',
]);

export function registerPasswordRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = async (request: { actor: unknown }) => {
    if (!request.actor) throw new AppError('unauthenticated');
  };

  r.put(
    '/api/session/password',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'changeOwnPassword',
        summary: '修改本人密码（须提供当前密码；新密码须符合密码策略；其他设备上的会话随即失效）',
        tags: ['auth'],
        body: passwordChangeSchema,
        response: { 200: userSchema, ...problemSchemas(400, 401, 409) },
      },
    },
    async (request) => services.users.changeOwnPassword(actorOf(request), request.body, request.sessionId ? hashSessionId(request.sessionId) : null),
  );

  r.get('/admin/password', { preHandler: signedIn, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, PasswordPage({ shell: adminShell(request, takeFlash(request, reply)), forced: actorOf(request).mustChangePassword === true })),
  );

  r.post('/admin/password', { preHandler: signedIn, schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const render = (errors: { field: string; message: string }[]) =>
      sendPage(reply, PasswordPage({ shell: adminShell(request), forced: actor.mustChangePassword === true, errors }), 400);
    const parsed = passwordChangeSchema.safeParse(body);
    if (!parsed.success) return render(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })));
    if (body.newPasswordRepeat !== parsed.data.newPassword) {
      return render([{ field: 'newPasswordRepeat', message: request.locale === 'en' ? 'The two new passwords differ' : '两次输入的新密码不一致' }]);
    }
    try {
      await services.users.changeOwnPassword(actor, parsed.data, request.sessionId ? hashSessionId(request.sessionId) : null);
    } catch (e) {
      if (isAppError(e) && e.code === 'validation_failed') return render(e.fieldErrors);
      throw e;
    }
    setFlash(reply, 'success', request.locale === 'en' ? 'Your password has been changed. Your sessions on other devices have ended.' : '密码已修改。您在其他设备上的登录已失效。');
    return seeOther(reply, '/admin');
  });
}
