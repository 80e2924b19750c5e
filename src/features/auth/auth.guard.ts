// Route guards for feature routes. Unauthenticated → AppError 'unauthenticated' (the http error
// handler answers 401 problem+json for /api, and redirects pages to /admin/login?next=…);
// wrong role → 403 (problem or page). Agency scope is checked by services (assertVisible → 404).
import type { FastifyReply, FastifyRequest } from 'fastify';
import '../shared/request.ts';
import { assertNotAdmin, type Actor, type Role } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';

/** preHandler: a signed-in user with one of `roles` (any staff role when empty). */
export function requireStaff(...roles: Role[]) {
  return async function guard(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!request.actor) throw new AppError('unauthenticated');
    if (roles.length && !roles.includes(request.actor.role)) {
      // the administrator reaching an agency's business page: say why (separation of duties, decision 061)
      assertNotAdmin(request.actor, '办理各机关的业务内容');
      throw new AppError('forbidden');
    }
  };
}

/** The signed-in actor inside a guarded handler. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
