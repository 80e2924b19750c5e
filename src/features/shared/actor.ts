// Who is acting: the signed-in staff member, as the http layer resolves it per request.
// Services take an Actor and authorise with it (role + agency scope).
import type { Role } from '../../db/types.ts';
import { AppError, forbidden, notFound } from './errors.ts';

export type { Role } from '../../db/types.ts';
export const roles: readonly Role[] = ['admin', 'officer', 'reviewer', 'leader', 'supervisor'];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  officer: { zh: '经办人', en: 'Officer' },
  reviewer: { zh: '审核人', en: 'Reviewer' },
  leader: { zh: '负责人', en: 'Leader' },
  supervisor: { zh: '政务公开办（监督）', en: 'Supervisor' },
};

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  agencyId: number;
  agencyName: string;
  /**
   * Agencies this user may see, resolved when the session is loaded:
   * admin: all; supervisor: own agency and every descendant; others: own agency only.
   */
  visibleAgencyIds: readonly number[];
  /** Request id for the audit trail (undefined outside HTTP, e.g. the CLI). */
  requestId?: string;
  /**
   * The password was set by an administrator or generated: until the user changes it, every staff page
   * and API except the password change and sign-out is refused (http/app.ts).
   */
  mustChangePassword?: boolean;
}

/** The agency ids the actor may see (see Actor.visibleAgencyIds). */
export function visibleAgencyIds(user: Actor): readonly number[] {
  return user.visibleAgencyIds;
}

export function canSee(user: Actor, agencyId: number | null | undefined): boolean {
  if (user.role === 'admin') return true;
  return agencyId !== null && agencyId !== undefined && user.visibleAgencyIds.includes(agencyId);
}

/** A record of an agency outside the user's scope is answered as "not found" (404), never 403. */
export function assertVisible(user: Actor, agencyId: number | null | undefined): void {
  if (!canSee(user, agencyId)) throw notFound();
}

/** The agencies a list covers: one agency of the actor's scope (a foreign one is not found), else the whole scope (null: all, for the admin). */
export function listScope(user: Actor, agencyId: number | undefined): readonly number[] | null {
  if (agencyId !== undefined) {
    assertVisible(user, agencyId);
    return [agencyId];
  }
  return user.role === 'admin' ? null : user.visibleAgencyIds;
}

export function assertRole(user: Actor, ...allowed: Role[]): void {
  if (!allowed.includes(user.role)) throw forbidden();
}

/** The system actor for CLI commands and seeding (audit events name it). */
export function systemActor(name = 'system'): Pick<Actor, 'displayName'> & { userId: null } {
  return { userId: null, displayName: name };
}

/**
 * Separation of duties (decision 061): the system administrator administers users, agencies and settings, never
 * the content of an agency (catalogue items, applications, annual reports, registers). `what` completes the
 * sentence "系统管理员…不能{what}".
 */
export function assertNotAdmin(user: Pick<Actor, 'role'>, what: string): void {
  if (user.role === 'admin') {
    throw new AppError('forbidden', {
      title: '系统管理员不办理业务内容',
      detail: `系统管理员负责管理用户、机构和系统设置，不能${what}。各机关的目录、依申请公开和年度报告由本机关的经办人、审核人和负责人办理（职责分离）。`,
    });
  }
}
