// One lawful action on a case, the same pipeline for every action: load the visible case at the caller's
// version → core/applications checkAction (role, four-eyes, state, dates) → the action's own step (its
// module: applications.receipt.ts, .correction.ts, .consultation.ts, .extension.ts, .fee.ts, .reply.ts,
// .closing.ts) fills the ledger event, the row patch and the side effects (letters, mail, fee) → the
// transition and the new ledger are checked → one transaction: optimistic update, ledger event, side
// effects, the stored reply clock, the audit event.
import { nowIso, toJson } from '../../db/dialect.ts';
import { ACTION_EVENT, checkAction, outcomeDef, transition, TransitionError, type Action, type AppState, type LedgerEvent, type OutcomeCode } from '../../core/applications/index.ts';
import { LedgerError } from '../../core/deadlines/index.ts';
import type { Calendar } from '../../core/calendar/index.ts';
import type { Agency } from '../agencies/agencies.service.ts';
import { assertNotAdmin, type Actor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import type { LettersService } from '../letters/letters.service.ts';
import { appendEvent, listEvents, updateApplication, type ApplicationRow, type Executor } from './applications.repository.ts';
import { clockOf, type ClockView } from './applications.clock.ts';
import { assertYearUnlocked } from '../annual-report/annual-report.lock.ts';
import type { ActionInputs } from './applications.schema.ts';
import { coreRoles, staleVersion, toLedger, type AppContext } from './applications.context.ts';
import { detail } from './applications.detail.ts';
import type { ApplicationDetail } from './applications.service.ts';
import { receiptSteps } from './applications.receipt.ts';
import { correctionSteps } from './applications.correction.ts';
import { consultationSteps } from './applications.consultation.ts';
import { extensionSteps } from './applications.extension.ts';
import { feeSteps } from './applications.fee.ts';
import { replySteps } from './applications.reply.ts';
import { closingSteps } from './applications.closing.ts';

/** A side effect run inside the action's transaction, after its ledger event is stored (seq) and the row updated. */
export type Side = (trx: Executor, row: ApplicationRow, seq: number, ledger: LedgerEvent[]) => Promise<void>;

/** What an action step reads (the case before the action, its clock) and fills (event date and data, row patch, side effects). */
export interface ActionPlan {
  actor: Actor;
  row0: ApplicationRow;
  ledger0: LedgerEvent[];
  /** The reply clock before the action. */
  c: ClockView;
  cal: Calendar;
  agency: Agency;
  /** Today (legal date). */
  t: string;
  /** Date of the last ledger event (an action may not be dated before it). */
  lastOn: string | null;
  inp: Record<string, unknown>;
  /** A non-empty string input, else null. */
  pick(k: string): string | null;
  /** The event's date (today unless the step takes a date from the input). */
  on: string;
  data: Record<string, unknown>;
  patch: Partial<ApplicationRow>;
  sides: Side[];
  warnings: string[];
  /** A side effect issuing a letter of `kind` dated on the event date, with the base values and `values`. */
  letter(kind: Parameters<LettersService['issue']>[1]['kind'], values: (row: ApplicationRow, ledger: LedgerEvent[]) => Record<string, string | null>): Side;
}

export type ActionStep = (app: AppContext, p: ActionPlan) => void | Promise<void>;

const STEPS: Record<Action, ActionStep> = {
  ...receiptSteps, ...correctionSteps, ...consultationSteps, ...extensionSteps, ...feeSteps, ...replySteps, ...closingSteps,
};

export function actUseCase(app: AppContext) {
  const { db, audit, agencies, letters, clock, settings, calendar, today, findApplication, loadVisible, clockFor, contextOf, syncClock, baseValues, afterCommit } = app;
  return async function act<A extends Action>(actor: Actor, id: number, action: A, input: ActionInputs[A]): Promise<{ detail: ApplicationDetail; warnings: string[] }> {
    const row0 = await loadVisible(actor, id);
    assertNotAdmin(actor, '办理各机关的政府信息公开申请');
    const v = (input as { version: number }).version;
    if (row0.version !== v) throw staleVersion(v, row0.version);
    const state = row0.state as AppState;
    const ledger0 = toLedger(await listEvents(db, row0.agency_id, id));
    const c = await clockFor(ledger0);
    const roles = coreRoles(actor);
    const chk = checkAction(action, state, ledger0, roles, contextOf(c, actor));
    if (!chk.ok) {
      // a missing role and the four-eyes rule (the drafter / requester may not approve) are refusals of the person: 403
      if (chk.code === 'forbidden_role' || chk.code === 'four_eyes') throw new AppError('forbidden', { detail: chk.reason });
      throw new AppError('conflict', { title: '现在不能进行这项操作', detail: chk.reason });
    }
    const warnings = [...chk.warnings];
    const agency = (await agencies.get(row0.agency_id))!;
    const cal = await calendar();
    const t = today();
    const lastOn = ledger0.length ? ledger0[ledger0.length - 1]!.on : null;
    const inp = input as Record<string, unknown>;
    const pick = (k: string) => (typeof inp[k] === 'string' && inp[k] ? (inp[k] as string) : null);
    const p: ActionPlan = {
      actor, row0, ledger0, c, cal, agency, t, lastOn, inp, pick, on: t, data: {}, patch: {}, sides: [], warnings,
      letter: (kind, values) => async (trx, row, seq, ledger) => {
        await letters.issue(trx, { applicationId: row.id, agencyId: row.agency_id, agencyShortName: agency.shortName, kind, values: { ...baseValues(row, agency, p.on), ...values(row, ledger) }, issuedOn: p.on, eventSeq: seq, actorUserId: actor.userId });
      },
    };
    await STEPS[action](app, p);
    const { on, data, patch, sides } = p;

    const event: LedgerEvent = { kind: ACTION_EVENT[action], on, actorId: actor.userId, data };
    let next: AppState;
    try {
      next = transition(state, event, ledger0);
    } catch (e) {
      if (e instanceof TransitionError) throw new AppError('conflict', { title: '现在不能进行这项操作', detail: e.message });
      throw e;
    }
    const ledger1 = [...ledger0, event];
    // The new ledger must still be a valid clock ledger (dates in order, 15-day consultation cap …).
    try {
      clockOf(ledger1, cal, t, settings);
    } catch (e) {
      if (e instanceof LedgerError) throw new AppError('conflict', { title: '现在不能进行这项操作', detail: e.message });
      throw e;
    }
    if (patch.outcome) {
      const d = outcomeDef(patch.outcome as OutcomeCode);
      patch.outcome_row_2019 = d.row2019;
      patch.outcome_row_2021 = d.row2021;
      // The first conclusion fixes the report year (a 补充答复 does not move it).
      if (!row0.concluded_on) patch.concluded_on = on;
    }
    const at = nowIso(clock);
    await db.transaction().execute(async (trx) => {
      // A published annual report locks its year: the year the case was concluded in, and back-dated events.
      await assertYearUnlocked(trx, row0.agency_id, row0.concluded_on);
      await assertYearUnlocked(trx, row0.agency_id, on);
      // The optimistic update comes first: on PostgreSQL it locks the row, so a concurrent action on the same
      // version waits here and then finds the version moved (409) instead of racing for the next ledger seq.
      const ok = await updateApplication(trx, id, v, { ...patch, state: next, updated_at: at });
      if (!ok) {
        const cur = await findApplication(trx, id);
        throw staleVersion(v, cur?.version ?? v + 1);
      }
      const seq = await appendEvent(trx, { agency_id: row0.agency_id, application_id: id, kind: event.kind, on_date: on, at, actor_user_id: actor.userId, actor_name: actor.displayName, data_json: toJson(data) });
      const row = { ...row0, ...patch, state: next, version: v + 1 } as ApplicationRow;
      for (const s of sides) await s(trx, row, seq, ledger1);
      await syncClock(trx, row, ledger1, cal);
      await audit.record(trx, {
        actor, agencyId: row0.agency_id, action: `application.${action}`, entity: 'application', entityId: id,
        before: { state, version: v, outcome: row0.outcome }, after: { state: next, version: v + 1, outcome: row.outcome, event: { kind: event.kind, on, data } },
      });
    });
    afterCommit();
    const fresh = (await findApplication(db, id))!;
    return { detail: await detail(app, actor, fresh), warnings };
  };
}
