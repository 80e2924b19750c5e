// The audit trail. `record(trx, event)` is called by services inside the same transaction as the
// change it describes, so an event exists exactly when the change was committed.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { fromJson, nowIso, toJson } from '../../db/dialect.ts';
import { assertRole, assertVisible, type Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { distinctAuditValues, findAuditEvent, userDisplayNames, listAuditEvents, type AuditRow, type Executor } from './audit.repository.ts';
import { appendChained, verifyChain } from './audit-chain.ts';
import type { ChainVerification } from '../../core/audit/chain.ts';
import type { AuditFilters } from './audit.schema.ts';

/** Who did it: a signed-in user, or the system (CLI, seed). */
export type AuditActor = Pick<Actor, 'userId' | 'displayName' | 'requestId'> | { userId: null; displayName: string; requestId?: string };

export interface AuditEventInput {
  actor: AuditActor;
  agencyId: number | null;
  /** e.g. 'user.create', 'user.update', 'session.create' */
  action: string;
  /** e.g. 'user', 'agency' */
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  agencyId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

const SECRET_KEYS = /^(password|password_hash|passwordHash|csrf_token|csrfToken)$/;

/** Removes secrets from a snapshot before it is stored (the audit log shows that, not what, changed). */
export function redactSnapshot(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(redactSnapshot);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    out[k] = SECRET_KEYS.test(k) ? '[已隐藏]' : redactSnapshot(val);
  }
  return out;
}

export function presentAuditEvent(r: AuditRow): AuditEvent {
  return {
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    agencyId: r.agency_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: fromJson(r.before_json),
    after: fromJson(r.after_json),
    requestId: r.request_id,
  };
}

export interface AuditService {
  record(trx: Executor, event: AuditEventInput): Promise<number>;
  list(actor: Actor, filters: AuditFilters): Promise<{ events: AuditEvent[]; total: number; page: number; pageSize: number }>;
  get(actor: Actor, id: number): Promise<AuditEvent>;
  filterOptions(actor: Actor): Promise<{ actions: string[]; entities: string[] }>;
  /** Display names of users by id (the objects of user and session events), for the audit page. */
  userNames(ids: readonly number[]): Promise<Map<number, string>>;
  /**
   * Verifies the hash chain of every audit event (admin only; the CLI passes a system actor) and
   * records the check itself as an event ('audit.verify', with the result) after the verification.
   */
  verifyChain(actor: Actor | AuditActor): Promise<ChainVerification & { verifiedAt: string }>;
}

export function createAuditService(db: Kysely<Database>, clock: () => Date = () => new Date()): AuditService {
  const scopeOf = (actor: Actor) => (actor.role === 'admin' ? null : actor.visibleAgencyIds);
  function record(trx: Executor, e: AuditEventInput): Promise<number> {
  return appendChained(trx, {
      at: nowIso(clock),
      actor_user_id: e.actor.userId,
      actor_name: e.actor.displayName,
      agency_id: e.agencyId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId === null ? null : String(e.entityId),
      before_json: toJson(redactSnapshot(e.before)),
      after_json: toJson(redactSnapshot(e.after)),
      request_id: e.actor.requestId ?? null,
    });
  }
  return {
    record,
    async list(actor, f) {
      const { rows, total } = await listAuditEvents(db, {
        agencyIds: scopeOf(actor),
        actor: f.actor,
        action: f.action,
        entity: f.entity,
        agencyId: f.agencyId,
        from: f.from,
        to: f.to,
        sort: f.sort,
        dir: f.dir,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      });
      return { events: rows.map(presentAuditEvent), total, page: f.page, pageSize: f.pageSize };
    },
    async get(actor, id) {
      const row = await findAuditEvent(db, id);
      if (!row) throw notFound();
      // Events without an agency (system events) are visible to admins only.
      assertVisible(actor, row.agency_id);
      return presentAuditEvent(row);
    },
    userNames: (ids) => userDisplayNames(db, ids),

    filterOptions(actor) {
      return distinctAuditValues(db, scopeOf(actor));
    },
    async verifyChain(actor) {
      if ('role' in actor) assertRole(actor, 'admin');
      const result = await verifyChain(db);
      const verifiedAt = nowIso(clock);
      await db.transaction().execute((trx) =>
        record(trx, {
          actor,
          agencyId: null,
          action: 'audit.verify',
          entity: 'audit_chain',
          entityId: null,
          after: { ok: result.ok, checked: result.checked, lastSeq: result.lastSeq, lastHash: result.lastHash, problemCount: result.problemCount },
        }),
      );
      return { ...result, verifiedAt };
    },
  };
}
