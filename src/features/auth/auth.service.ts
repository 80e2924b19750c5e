// Sign-in, server-side sessions, CSRF tokens.
// - Session id: 32 random bytes (base64url) in the cookie; the database keeps only its sha256, so a
//   copy of the database holds no usable session.
// - Idle expiry: a session unused for SESSION_IDLE_MINUTES is gone (checked on every request).
// - CSRF: one random token per session (synchronizer token), sent back as `_csrf` form field or
//   `x-csrf-token` header on every state-changing request that carries the session cookie.
// - Sign-in lockout, kept in the database (signin_failures, migration 061) so that it holds across a restart and
//   across several server processes: within 15 minutes, 5 failures of one username from one IP, 20 failures from
//   one IP (any username), or 10 failures of one username (any IP) → 429 until the oldest of them leaves the window
//   (GB/T 22239-2019 8.1.4.1: 登录失败处理功能，限制非法登录次数).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { AgenciesService } from '../agencies/agencies.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { findUserByUsername, type UserWithAgency } from '../users/users.repository.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { deleteSession, deleteSessionsIdleSince, findSessionWithUser, insertSession, touchSession } from './sessions.repository.ts';
import { clearSigninFailures, hitRateLimit, purgeThrottles, readRateLimit, recordSigninFailure, signinFailures } from './throttle.repository.ts';

export const SESSION_COOKIE = 'gk_session';
export const SIGNIN_MAX_FAILURES = 5;
export const SIGNIN_MAX_FAILURES_PER_IP = 20;
export const SIGNIN_MAX_FAILURES_PER_USER = 10;
export const SIGNIN_WINDOW_MS = 15 * 60 * 1000;

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: Actor['role'];
  agencyId: number;
  agencyName: string;
  /** true: every other staff operation is refused until the password is changed (PUT /api/session/password) */
  mustChangePassword: boolean;
}

export interface SignInResult {
  /** raw session id for the cookie (never stored) */
  sessionId: string;
  csrfToken: string;
  user: PublicUser;
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

export interface AuthService {
  signIn(input: { username: string; password: string; ip: string; requestId?: string }): Promise<SignInResult>;
  /** The session behind a cookie value, or null when unknown, expired or the user is inactive. */
  resolve(sessionId: string, requestId?: string): Promise<ResolvedSession | null>;
  signOut(sessionId: string, actor?: Actor): Promise<void>;
  checkCsrf(expected: string, given: string | undefined): boolean;
  /** One hit on a fixed-window request counter kept in the database (the store of the http rate limits). */
  rateLimitHit(bucket: string, windowMs: number): Promise<{ hits: number; resetInMs: number }>;
  /** The counter's current state without a hit. */
  rateLimitPeek(bucket: string, windowMs: number): Promise<{ hits: number; resetInMs: number }>;
  /** CLI commands that act as a staff member (`--as <username>`): the active user's actor, or null. */
  actorForUsername(username: string): Promise<Actor | null>;
}

export function hashSessionId(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function presentUser(u: UserWithAgency): PublicUser {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, agencyId: u.agency_id, agencyName: u.agency_name, mustChangePassword: u.must_change_password === 1 };
}

export function createAuthService(
  db: Kysely<Database>,
  deps: { audit: AuditService; agencies: AgenciesService; idleMinutes: number; clock?: () => Date },
): AuthService {
  const clock = deps.clock ?? (() => new Date());
  let lastSweep = 0;
  let lastThrottleSweep = 0;

  async function toActor(u: UserWithAgency, requestId?: string): Promise<Actor> {
    return {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      agencyId: u.agency_id,
      agencyName: u.agency_name,
      visibleAgencyIds: await deps.agencies.scope(u.role, u.agency_id),
      requestId,
      mustChangePassword: u.must_change_password === 1,
    };
  }

  return {
    async actorForUsername(username) {
      const u = await findUserByUsername(db, username.slice(0, 200));
      return u && u.active === 1 ? toActor(u) : null;
    },

    async signIn({ username, password, ip, requestId }) {
      const now = clock().getTime();
      const name = username.toLowerCase().slice(0, 200);
      const since = now - SIGNIN_WINDOW_MS;
      const f = await signinFailures(db, name, ip, since);
      const locked =
        f.pair >= SIGNIN_MAX_FAILURES ? { oldest: f.pairOldestMs, why: '该用户名在本机的登录失败次数过多' }
          : f.ip >= SIGNIN_MAX_FAILURES_PER_IP ? { oldest: f.ipOldestMs, why: '本机的登录失败次数过多' }
            : f.user >= SIGNIN_MAX_FAILURES_PER_USER ? { oldest: f.userOldestMs, why: '该用户名的登录失败次数过多' }
              : null;
      if (locked) {
        const waitMs = Math.max(1000, SIGNIN_WINDOW_MS - (now - (locked.oldest ?? now)));
        const minutes = Math.max(1, Math.ceil(waitMs / 60000));
        throw new AppError('rate_limited', {
          title: '登录失败次数过多',
          detail: `${locked.why}，请 ${minutes} 分钟后再试；如忘记密码，请联系系统管理员重置。`,
          headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) },
        });
      }
      const user = await findUserByUsername(db, username);
      // Verify against a dummy hash when the user does not exist: same time either way.
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || user.active !== 1) {
        await recordSigninFailure(db, name, ip, now);
        throw new AppError('invalid_credentials', {
          detail: '用户名或密码不正确，请检查后重新输入。',
          fieldErrors: [{ field: 'password', message: '用户名或密码不正确' }],
        });
      }
      await clearSigninFailures(db, name, ip);
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const at = nowIso(clock);
      const actor = await toActor(user, requestId);
      await db.transaction().execute(async (trx) => {
        await insertSession(trx, { id: hashSessionId(sessionId), user_id: user.id, csrf_token: csrfToken, created_at: at, last_seen_at: at });
        await deps.audit.record(trx, { actor, agencyId: user.agency_id, action: 'session.create', entity: 'user', entityId: user.id, after: { ip } });
      });
      // Occasionally remove idle sessions of everyone (cheap; at most once a minute).
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        await deleteSessionsIdleSince(db, new Date(now - deps.idleMinutes * 60_000).toISOString());
      }
      return { sessionId, csrfToken, user: presentUser(user) };
    },

    async resolve(sessionId, requestId) {
      if (!sessionId || sessionId.length > 100) return null;
      const idHash = hashSessionId(sessionId);
      // the session, its user and the user's agency name in one statement; read on every request, so a sign-out
      // or a deactivation on another process holds at once
      const found = await findSessionWithUser(db, idHash);
      if (!found) return null;
      const { session: s, user } = found;
      const now = clock();
      const idleMs = deps.idleMinutes * 60_000;
      if (now.getTime() - Date.parse(s.last_seen_at) > idleMs) {
        await deleteSession(db, idHash);
        return null;
      }
      if (!user || user.active !== 1) {
        await deleteSession(db, idHash);
        return null;
      }
      // Write last_seen at most every 30 s: saves a write per request.
      if (now.getTime() - Date.parse(s.last_seen_at) > 30_000) await touchSession(db, idHash, now.toISOString());
      return { actor: await toActor(user, requestId), csrfToken: s.csrf_token };
    },

    async signOut(sessionId, actor) {
      const idHash = hashSessionId(sessionId);
      await db.transaction().execute(async (trx) => {
        await deleteSession(trx, idHash);
        if (actor) await deps.audit.record(trx, { actor, agencyId: actor.agencyId, action: 'session.delete', entity: 'user', entityId: actor.userId });
      });
    },

    async rateLimitHit(bucket, windowMs) {
      const now = clock().getTime();
      // Expired counters and failures are removed now and then (at most every 10 minutes per process).
      if (now - lastThrottleSweep > 10 * 60_000) {
        lastThrottleSweep = now;
        await purgeThrottles(db, now - Math.max(windowMs, SIGNIN_WINDOW_MS) - 60 * 60_000);
      }
      const r = await hitRateLimit(db, bucket.slice(0, 500), now, windowMs);
      return { hits: r.hits, resetInMs: Math.max(0, r.windowStartMs + windowMs - now) };
    },

    async rateLimitPeek(bucket, windowMs) {
      const now = clock().getTime();
      const r = await readRateLimit(db, bucket.slice(0, 500), now, windowMs);
      return r ? { hits: r.hits, resetInMs: Math.max(0, r.windowStartMs + windowMs - now) } : { hits: 0, resetInMs: 0 };
    },

    checkCsrf(expected, given) {
      if (!given || typeof given !== 'string') return false;
      const a = Buffer.from(expected);
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
