import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { AuditActor, AuditService } from '../audit/audit.service.ts';
import { agencyTree, agencyTreeRevision, findAgency, findAgencyByCreditCode, insertAgency, listAgencies, type AgencyRow } from './agencies.repository.ts';
import { scopeFor, scopeNeedsTree, type AgencyNode } from './agencies.scope.ts';
import type { AgencyInput } from './agencies.schema.ts';
import type { Role } from '../../db/types.ts';

export interface Agency {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  creditCode: string;
  kind: AgencyRow['kind'];
  address: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  postcode: string | null;
  workBodyName: string | null;
  reviewBodyName: string | null;
  version: number;
}

export function presentAgency(r: AgencyRow): Agency {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    shortName: r.short_name,
    creditCode: r.credit_code,
    kind: r.kind,
    address: r.address,
    officeHours: r.office_hours,
    phone: r.phone,
    fax: r.fax,
    email: r.email,
    website: r.website,
    postcode: r.postcode,
    workBodyName: r.work_body_name,
    reviewBodyName: r.review_body_name,
    version: r.version,
  };
}

export interface AgenciesService {
  /** Every agency (public data: names and contact data of government bodies). */
  list(): Promise<Agency[]>;
  get(id: number): Promise<Agency | undefined>;
  getByCreditCode(code: string): Promise<Agency | undefined>;
  /** The agency ids a user with this role and agency may see (see Actor.visibleAgencyIds). */
  scope(role: Role, agencyId: number): Promise<number[]>;
  /** Creates an agency (admin, CLI, seed), audited in the same transaction. */
  create(actor: AuditActor, input: AgencyInput): Promise<Agency>;
  /** Agencies the actor may see. */
  visible(actor: Actor): Promise<Agency[]>;
}

export function createAgenciesService(db: Kysely<Database>, audit: AuditService, clock: () => Date = () => new Date()): AgenciesService {
  // The tree for the scopes of administrators and supervisors (every signed-in request of theirs needs it): kept
  // while its revision — read on every use, one small statement — is unchanged, so an agency created by another
  // process is in the next request's scope. At 10⁴ agencies this saves reading 10⁴ rows per request.
  let tree: { revision: string; nodes: AgencyNode[] } | null = null;
  async function currentTree(): Promise<AgencyNode[]> {
    const revision = await agencyTreeRevision(db);
    if (tree?.revision !== revision) tree = { revision, nodes: await agencyTree(db) };
    return tree.nodes;
  }
  return {
    async list() {
      return (await listAgencies(db)).map(presentAgency);
    },
    async get(id) {
      const r = await findAgency(db, id);
      return r && presentAgency(r);
    },
    async getByCreditCode(code) {
      const r = await findAgencyByCreditCode(db, code);
      return r && presentAgency(r);
    },
    async scope(role, agencyId) {
      // officers, reviewers and leaders see their own agency: no tree to read
      return scopeFor(role, agencyId, scopeNeedsTree(role) ? await currentTree() : []);
    },
    async visible(actor) {
      const all = await listAgencies(db);
      const ids = new Set(actor.visibleAgencyIds);
      return all.filter((a) => actor.role === 'admin' || ids.has(a.id)).map(presentAgency);
    },
    async create(actor, input) {
      return db.transaction().execute(async (trx) => {
        if (await findAgencyByCreditCode(trx, input.creditCode)) {
          throw new AppError('duplicate', { detail: `统一社会信用代码 ${input.creditCode} 已被其他机构使用`, fieldErrors: [{ field: 'creditCode', message: '该统一社会信用代码已被其他机构使用' }] });
        }
        if (input.parentId !== null && input.parentId !== undefined && !(await findAgency(trx, input.parentId))) {
          throw new AppError('validation_failed', { fieldErrors: [{ field: 'parentId', message: '上级机构不存在' }] });
        }
        const now = nowIso(clock);
        const row = await insertAgency(trx, {
          parent_id: input.parentId ?? null,
          name: input.name,
          short_name: input.shortName ?? null,
          credit_code: input.creditCode,
          kind: input.kind,
          address: input.address ?? null,
          office_hours: input.officeHours ?? null,
          phone: input.phone ?? null,
          fax: input.fax ?? null,
          email: input.email ?? null,
          website: input.website ?? null,
          postcode: input.postcode ?? null,
          work_body_name: input.workBodyName ?? null,
          review_body_name: input.reviewBodyName ?? null,
          created_at: now,
          updated_at: now,
        });
        const agency = presentAgency(row);
        await audit.record(trx, { actor, agencyId: row.id, action: 'agency.create', entity: 'agency', entityId: row.id, after: agency });
        return agency;
      });
    },
  };
}
