// 复议/诉讼 cases linked to applications, and table 四 from them.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { nowIso } from '../../db/dialect.ts';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS, appealProblems, foldTable4, type AppealKind, type AppealResult } from '../../core/applications/index.ts';
import type { Table4 } from '../../core/report/model.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { assertNotAdmin, assertVisible, canSee, type Actor } from '../shared/actor.ts';
import { AppError, conflict, notFound, validationFailed } from '../shared/errors.ts';
import { legalToday as shanghaiDate } from '../shared/fields.ts';
import { findAppeal, findApplicationAgency, insertAppeal, listAppeals, updateAppeal, type AppealRow } from './appeals.repository.ts';
import type { AppealCreateInput, AppealUpdateInput } from './appeals.schema.ts';

export interface AppealCase {
  id: number; agencyId: number; applicationId: number | null; kind: AppealKind; kindLabel: string; filedOn: string; bodyName: string | null;
  caseNumber: string | null; result: AppealResult; resultLabel: string; closedOn: string | null; notes: string | null; version: number;
}

export function presentAppeal(r: AppealRow): AppealCase {
  return {
    id: r.id, agencyId: r.agency_id, applicationId: r.application_id, kind: r.kind, kindLabel: APPEAL_KIND_LABELS[r.kind], filedOn: r.filed_on,
    bodyName: r.body_name, caseNumber: r.case_number, result: r.result, resultLabel: APPEAL_RESULT_LABELS[r.result], closedOn: r.closed_on, notes: r.notes, version: r.version,
  };
}

export interface AppealsService {
  create(actor: Actor, input: AppealCreateInput): Promise<AppealCase>;
  update(actor: Actor, id: number, input: AppealUpdateInput): Promise<AppealCase>;
  list(actor: Actor, applicationId?: number): Promise<AppealCase[]>;
  get(actor: Actor, id: number): Promise<AppealCase>;
  table4(actor: Actor, agencyId: number, year: number): Promise<Table4>;
}

export function createAppealsService(db: Kysely<Database>, audit: AuditService, clock: () => Date = () => new Date()): AppealsService {
  const canWrite = (a: Actor) => {
    assertNotAdmin(a, '登记各机关的复议、诉讼案件');
    if (!['officer', 'leader'].includes(a.role)) throw new AppError('forbidden', { detail: '只有本机关的经办人或负责人可以登记复议、诉讼案件' });
  };
  const today = () => shanghaiDate(clock());
  return {
    async create(actor, input) {
      canWrite(actor);
      let agencyId = actor.agencyId;
      let application: { decidedOn: string | null } | null = null;
      if (input.applicationId) {
        const app = await findApplicationAgency(db, input.applicationId);
        if (!app || !canSee(actor, app.agency_id)) throw validationFailed([{ field: 'applicationId', message: '找不到关联的申请，或者它不属于您的机关' }]);
        agencyId = app.agency_id;
        application = { decidedOn: app.concluded_on };
      }
      // Table 四 counts these cases: dates real, not in the future, after the decision they contest.
      const problems = appealProblems({ filedOn: input.filedOn, closedOn: input.closedOn ?? null, result: input.result, today: today(), application });
      if (problems.length) throw validationFailed(problems);
      const at = nowIso(clock);
      return db.transaction().execute(async (trx) => {
        const id = await insertAppeal(trx, {
          agency_id: agencyId, application_id: input.applicationId ?? null, kind: input.kind, filed_on: input.filedOn, body_name: input.bodyName,
          case_number: input.caseNumber, result: input.result, closed_on: input.closedOn ?? null, notes: input.notes, created_at: at, updated_at: at,
        });
        const row = (await findAppeal(trx, id))!;
        await audit.record(trx, { actor, agencyId, action: 'appeal.create', entity: 'appeal_case', entityId: id, after: presentAppeal(row) });
        return presentAppeal(row);
      });
    },
    async update(actor, id, input) {
      canWrite(actor);
      const cur = await findAppeal(db, id);
      if (!cur || !canSee(actor, cur.agency_id)) throw notFound();
      if (cur.version !== input.version) throw conflict(`该案件已被他人修改：您看到的是第${input.version}版，现在是第${cur.version}版。本次修改没有保存，请刷新后再改。`);
      const problems = appealProblems({ filedOn: cur.filed_on, closedOn: input.closedOn ?? null, result: input.result, today: today() });
      if (problems.length) throw validationFailed(problems);
      const at = nowIso(clock);
      return db.transaction().execute(async (trx) => {
        const ok = await updateAppeal(trx, id, input.version, {
          result: input.result, closed_on: input.closedOn ?? null, updated_at: at,
          ...(input.bodyName !== null ? { body_name: input.bodyName } : {}), ...(input.caseNumber !== null ? { case_number: input.caseNumber } : {}), ...(input.notes !== null ? { notes: input.notes } : {}),
        });
        if (!ok) throw conflict('该案件已被他人修改，本次修改没有保存，请刷新后再改。');
        const row = (await findAppeal(trx, id))!;
        await audit.record(trx, { actor, agencyId: cur.agency_id, action: 'appeal.update', entity: 'appeal_case', entityId: id, before: presentAppeal(cur), after: presentAppeal(row) });
        return presentAppeal(row);
      });
    },
    async list(actor, applicationId) {
      return (await listAppeals(db, actor.role === 'admin' ? null : actor.visibleAgencyIds, applicationId)).map(presentAppeal);
    },
    async get(actor, id) {
      const r = await findAppeal(db, id);
      if (!r || !canSee(actor, r.agency_id)) throw notFound();
      return presentAppeal(r);
    },
    async table4(actor, agencyId, year) {
      assertVisible(actor, agencyId);
      const rows = await listAppeals(db, [agencyId]);
      return foldTable4(rows.map((r) => ({ kind: r.kind, filedOn: r.filed_on, result: r.result })), year);
    },
  };
}
