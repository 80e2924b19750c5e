// The year's figures and the year end: table 三 as a fold over the cases (the annual report from live data
// uses it) and 结转 — every case received by 31 December and still open is marked as carried over.
import { nowIso, toJson } from '../../db/dialect.ts';
import { foldTable3Detailed, type OutcomeCode } from '../../core/applications/index.ts';
import { assertVisible } from '../shared/actor.ts';
import { appendEvent, foldRows, listEvents, updateApplication } from './applications.repository.ts';
import { toLedger, type AppContext } from './applications.context.ts';
import type { ApplicationsService } from './applications.service.ts';

export function yearEndUseCases(app: AppContext): Pick<ApplicationsService, 'table3' | 'table3ForAgency' | 'carryOver'> {
  const { db, audit, clock, today, findApplication } = app;
  return {
    async table3(actor, agencyId, year, format) {
      assertVisible(actor, agencyId);
      const rows = await foldRows(db, agencyId, year);
      return foldTable3Detailed(rows.map((r) => ({ id: r.id, applicantType: r.applicant_type, receivedOn: r.received_on, concludedOn: r.concluded_on, outcome: r.outcome as OutcomeCode | null })), year, format);
    },

    async table3ForAgency(agencyId, year, format) {
      const rows = await foldRows(db, agencyId, year);
      return foldTable3Detailed(rows.map((r) => ({ id: r.id, applicantType: r.applicant_type, receivedOn: r.received_on, concludedOn: r.concluded_on, outcome: r.outcome as OutcomeCode | null })), year, format).table;
    },

    async carryOver(actor, agencyId, year) {
      const rows = await foldRows(db, agencyId, year);
      const last = `${year}-12-31`;
      const open = rows.filter((r) => r.received_on && r.received_on <= last && (r.concluded_on === null || r.concluded_on > last));
      let n = 0;
      const at = nowIso(clock);
      for (const r of open) {
        const evs = toLedger(await listEvents(db, agencyId, r.id));
        if (evs.some((e) => e.kind === 'carried_over' && e.data?.year === year)) continue;
        // The version is claimed first (row lock on PostgreSQL); a case changed meanwhile is read again (3 tries).
        for (let attempt = 0; attempt < 3; attempt++) {
          const row = (await findApplication(db, r.id))!;
          if (row.state === 'closed' || row.state === 'withdrawn') break;
          const done = await db.transaction().execute(async (trx) => {
            if (!(await updateApplication(trx, r.id, row.version, { updated_at: at }))) return false;
            await appendEvent(trx, { agency_id: agencyId, application_id: r.id, kind: 'carried_over', on_date: today(), at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson({ year }) });
            await audit.record(trx, { actor, agencyId, action: 'application.carryOver', entity: 'application', entityId: r.id, after: { year } });
            return true;
          });
          if (done) {
            n++;
            break;
          }
        }
      }
      return n;
    },

  };
}
