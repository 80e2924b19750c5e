// User management (admin only for changes): create, change role/agency/name, reset password,
// deactivate. Every change writes an audit event in the same transaction; updates use optimistic
// locking on `version` (409 conflict when someone else changed the user first).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { isUniqueViolation, nowIso } from '../../db/dialect.ts';
import { assertRole, assertVisible, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound } from '../shared/errors.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import { findAgency } from '../agencies/agencies.repository.ts';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/password.ts';
import { deleteOtherSessionsOfUser, deleteSessionsOfUser } from '../auth/sessions.repository.ts';
import { findUserById, findUserByUsername, insertUser, listUsers, updateUserVersioned, type Executor, type UserWithAgency } from './users.repository.ts';
import type { MyPreferencesInput, PasswordChangeInput, PasswordResetInput, UserCreateInput, UserUpdateInput } from './users.schema.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: UserWithAgency['role'];
  agencyId: number;
  agencyName: string;
  active: boolean;
  /** the password was set by an administrator or generated: it must be changed at the next sign-in */
  mustChangePassword: boolean;
  /** Own address for the daily work digest (null: none). */
  email: string | null;
  digestEnabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Refuses a password that breaks the policy (decision 063), naming every rule, on the field `field`. */
export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw new AppError('validation_failed', { detail: problems.join('；'), fieldErrors: problems.map((message) => ({ field, message })) });
}

export function presentUserRecord(u: UserWithAgency): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    agencyId: u.agency_id,
    agencyName: u.agency_name,
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    email: u.email ?? null,
    digestEnabled: u.digest_enabled !== 0,
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

/** Snapshot for the audit trail (no password hash). */
function snapshot(u: UserWithAgency | User) {
  const p = 'display_name' in u ? presentUserRecord(u) : u;
  return { username: p.username, displayName: p.displayName, role: p.role, agencyId: p.agencyId, active: p.active, mustChangePassword: p.mustChangePassword, email: p.email, digestEnabled: p.digestEnabled, version: p.version };
}

export interface UsersService {
  list(actor: Actor, page: { page: number; pageSize: number }): Promise<{ users: User[]; total: number; page: number; pageSize: number }>;
  get(actor: Actor, id: number): Promise<User>;
  create(actor: Actor, input: UserCreateInput): Promise<User>;
  update(actor: Actor, id: number, input: UserUpdateInput): Promise<User>;
  resetPassword(actor: Actor, id: number, input: PasswordResetInput): Promise<User>;
  /**
   * CLI / seed: create without a signed-in actor (audited as the system). The password policy applies
   * and the password must be changed at first sign-in, except for `demoAccount` (the demo seed's
   * published accounts, decision 063).
   */
  createAsSystem(actor: AuditActor, input: UserCreateInput, options?: { demoAccount?: boolean }): Promise<User>;
  /**
   * The signed-in user changes their own password (current password required); clears the forced
   * change and ends the user's other sessions (`keepSessionIdHash`: the session in use stays).
   */
  changeOwnPassword(actor: Actor, input: PasswordChangeInput, keepSessionIdHash: string | null): Promise<User>;
  /** The signed-in user's own e-mail address and digest switch (no admin needed). */
  updateMyPreferences(actor: Actor, input: MyPreferencesInput): Promise<User>;
  /** CLI: set a password by username (audited as the system). */
  setPasswordAsSystem(actor: AuditActor, username: string, password: string): Promise<User>;
}

export function createUsersService(db: Kysely<Database>, deps: { audit: AuditService; clock?: () => Date }): UsersService {
  const clock = deps.clock ?? (() => new Date());

  async function loadFresh(trx: Executor, id: number): Promise<UserWithAgency> {
    const u = await findUserById(trx, id);
    if (!u) throw notFound();
    return u;
  }

  async function doCreate(actor: AuditActor, input: UserCreateInput, demoAccount = false): Promise<User> {
    if (!demoAccount) assertPasswordPolicy(input.password, input.username);
    const hash = await hashPassword(input.password);
    try {
      return await db.transaction().execute(async (trx) => {
        if (await findUserByUsername(trx, input.username)) {
          throw new AppError('duplicate', { detail: `用户名 ${input.username} 已被使用`, fieldErrors: [{ field: 'username', message: '该用户名已被使用，请换一个' }] });
        }
        if (!(await findAgency(trx, input.agencyId))) {
          throw new AppError('validation_failed', { fieldErrors: [{ field: 'agencyId', message: '所选机构不存在' }] });
        }
        const now = nowIso(clock);
        const row = await insertUser(trx, {
          username: input.username,
          display_name: input.displayName,
          password_hash: hash,
          role: input.role,
          agency_id: input.agencyId,
          active: 1,
          must_change_password: demoAccount ? 0 : 1,
          email: input.email ?? null,
          digest_enabled: input.digestEnabled === false ? 0 : 1,
          created_at: now,
          updated_at: now,
        });
        const u = await loadFresh(trx, row.id);
        await deps.audit.record(trx, { actor, agencyId: u.agency_id, action: 'user.create', entity: 'user', entityId: u.id, after: snapshot(u) });
        return presentUserRecord(u);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('duplicate', { fieldErrors: [{ field: 'username', message: '该用户名已被使用，请换一个' }] });
      throw e;
    }
  }

  return {
    async list(actor, { page, pageSize }) {
      const { rows, total } = await listUsers(db, {
        agencyIds: actor.role === 'admin' ? null : actor.visibleAgencyIds,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { users: rows.map(presentUserRecord), total, page, pageSize };
    },

    async get(actor, id) {
      const u = await findUserById(db, id);
      if (!u) throw notFound();
      assertVisible(actor, u.agency_id);
      return presentUserRecord(u);
    },

    async create(actor, input) {
      assertRole(actor, 'admin');
      return doCreate(actor, input);
    },

    createAsSystem: (actor, input, options) => doCreate(actor, input, options?.demoAccount === true),

    async update(actor, id, input) {
      assertRole(actor, 'admin');
      return db.transaction().execute(async (trx) => {
        const before = await loadFresh(trx, id);
        if (before.version !== input.version) throw conflict();
        if (input.agencyId !== undefined && !(await findAgency(trx, input.agencyId))) {
          throw new AppError('validation_failed', { fieldErrors: [{ field: 'agencyId', message: '所选机构不存在' }] });
        }
        if (id === actor.userId && (input.active === false || (input.role !== undefined && input.role !== 'admin'))) {
          throw new AppError('validation_failed', { fieldErrors: [{ field: input.active === false ? 'active' : 'role', message: '不能停用自己的账号或取消自己的管理员角色' }] });
        }
        const patch = {
          ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
          ...(input.role !== undefined ? { role: input.role } : {}),
          ...(input.agencyId !== undefined ? { agency_id: input.agencyId } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.digestEnabled !== undefined ? { digest_enabled: input.digestEnabled ? 1 : 0 } : {}),
          updated_at: nowIso(clock),
        };
        const updated = await updateUserVersioned(trx, id, input.version, patch);
        if (!updated) throw conflict();
        const after = await loadFresh(trx, id);
        if (input.active === false) await deleteSessionsOfUser(trx, id);
        const action = input.active === false ? 'user.deactivate' : input.active === true && before.active === 0 ? 'user.activate' : 'user.update';
        await deps.audit.record(trx, { actor, agencyId: after.agency_id, action, entity: 'user', entityId: id, before: snapshot(before), after: snapshot(after) });
        return presentUserRecord(after);
      });
    },

    async updateMyPreferences(actor, input) {
      return db.transaction().execute(async (trx) => {
        const before = await loadFresh(trx, actor.userId);
        const patch = {
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.digestEnabled !== undefined ? { digest_enabled: input.digestEnabled ? 1 : 0 } : {}),
          updated_at: nowIso(clock),
        };
        if (!(await updateUserVersioned(trx, actor.userId, before.version, patch))) throw conflict();
        const after = await loadFresh(trx, actor.userId);
        await deps.audit.record(trx, { actor, agencyId: after.agency_id, action: 'user.preferences', entity: 'user', entityId: after.id, before: snapshot(before), after: snapshot(after) });
        return presentUserRecord(after);
      });
    },

    async resetPassword(actor, id, input) {
      assertRole(actor, 'admin');
      const target = await findUserById(db, id);
      if (!target) throw notFound();
      assertPasswordPolicy(input.password, target.username);
      const hash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const before = await loadFresh(trx, id);
        if (before.version !== input.version) throw conflict();
        // A password an administrator set for someone else is known to two people: it is changed at first sign-in.
        const mustChange = id === actor.userId ? 0 : 1;
        const updated = await updateUserVersioned(trx, id, input.version, { password_hash: hash, must_change_password: mustChange, updated_at: nowIso(clock) });
        if (!updated) throw conflict();
        if (id !== actor.userId) await deleteSessionsOfUser(trx, id);
        const after = await loadFresh(trx, id);
        await deps.audit.record(trx, { actor, agencyId: after.agency_id, action: 'user.password_reset', entity: 'user', entityId: id, before: snapshot(before), after: snapshot(after) });
        return presentUserRecord(after);
      });
    },

    async setPasswordAsSystem(actor, username, password) {
      assertPasswordPolicy(password, username);
      const hash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        const before = await findUserByUsername(trx, username);
        if (!before) throw new AppError('not_found', { detail: `用户 ${username} 不存在` });
        await updateUserVersioned(trx, before.id, before.version, { password_hash: hash, must_change_password: 1, updated_at: nowIso(clock) });
        await deleteSessionsOfUser(trx, before.id);
        const after = await loadFresh(trx, before.id);
        await deps.audit.record(trx, { actor, agencyId: after.agency_id, action: 'user.password_reset', entity: 'user', entityId: after.id, before: snapshot(before), after: snapshot(after) });
        return presentUserRecord(after);
      });
    },

    async changeOwnPassword(actor, input, keepSessionIdHash) {
      const current = await findUserById(db, actor.userId);
      if (!current) throw notFound();
      if (!(await verifyPassword(input.currentPassword, current.password_hash))) {
        throw new AppError('validation_failed', { detail: '当前密码不正确', fieldErrors: [{ field: 'currentPassword', message: '当前密码不正确，请重新输入' }] });
      }
      assertPasswordPolicy(input.newPassword, current.username, 'newPassword');
      if (input.newPassword === input.currentPassword) {
        throw new AppError('validation_failed', { detail: '新密码不能与当前密码相同', fieldErrors: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }] });
      }
      const hash = await hashPassword(input.newPassword);
      return db.transaction().execute(async (trx) => {
        const before = await loadFresh(trx, actor.userId);
        const updated = await updateUserVersioned(trx, actor.userId, before.version, { password_hash: hash, must_change_password: 0, updated_at: nowIso(clock) });
        if (!updated) throw conflict();
        await deleteOtherSessionsOfUser(trx, actor.userId, keepSessionIdHash);
        const after = await loadFresh(trx, actor.userId);
        await deps.audit.record(trx, { actor, agencyId: after.agency_id, action: 'user.password_change', entity: 'user', entityId: after.id, before: snapshot(before), after: snapshot(after) });
        return presentUserRecord(after);
      });
    },
  };
}
